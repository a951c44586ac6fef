"""The fast tier reads crises with the cues and the vector classifier only.

The fine-tuned crisis reader (agents/safety_encoder.py) is a real model: the unit tests drive
the learned layers through made-up sentence vectors, which that reader does not see, so it is
left out here unless a test asks for it (``reader_on``). The integration tier runs it on real
text.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_crisis_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "reader_on" in request.fixturenames:
        return
    import agents.safety_detect as detect

    monkeypatch.setattr(detect, "encoder", lambda: None)


@pytest.fixture
def reader_on() -> None:
    """Keep the shipped crisis reader in this test."""
