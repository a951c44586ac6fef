"""Standing instructions and preferences on the bundled model, the real stores and embedder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration


def _ask(data_dir: Path, text: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(data_dir), TACIT_USER="ana", TACIT_CHAT__MAX_TOKENS="32",
               TACIT_CHAT__TEMPERATURE="0", TACIT_CONFIG_FILE=str(data_dir / "none.toml"))
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", text, "--new", "--json"],
                          capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return dict(json.loads(done.stdout))


def test_captured_rules_are_grounded_confirmed_and_applied_only_where_they_apply(
    tmp_path: Path,
) -> None:
    said = "Whenever I ask about a trip, give distances in kilometres. I strictly avoid gluten."
    first = _ask(tmp_path, said)
    stored = first["trace"]["noted"]["stored"]
    kinds = sorted(s["kind"] for s in stored)
    assert kinds == ["instruction", "preference"]
    for item in stored:  # whatever the model proposed, only the user's own words are kept
        assert item["text"].rstrip(".") in said
    assert "Noted instruction" in first["footer"]  # shown under the reply, not part of it
    assert "Noted" not in first["reply"]

    trip = _ask(tmp_path, "I am planning a road trip from Paris to Lyon. How far is it?")
    applied = [a["text"] for a in trip["trace"]["instructions"]["applied"]]
    assert applied == ["Whenever I ask about a trip, give distances in kilometres."]
    assert trip["trace"]["respond"]["instructions_in_prompt"] == 1

    food = _ask(tmp_path, "Which restaurants in Rome would you recommend for me?")
    preference = next(s["id"] for s in stored if s["kind"] == "preference")
    assert preference in [r["id"] for r in food["trace"]["recall"]["retrieved"]][:5]
    assert food["trace"]["instructions"]["applied"] == []  # not a trip: the rule stays out


def test_a_preference_reaches_requests_in_its_area_and_only_those(tmp_path: Path) -> None:
    from agents.preference_recall import preferences_for
    from memory.embedder import Embedder
    from memory.facade import Memory
    from memory.vectors import VectorIndex

    memory = Memory.open(f"sqlite:///{tmp_path / 't.db'}",
                         VectorIndex(Embedder(), path=tmp_path / "v"))
    kosher = memory.add("ana", "I keep a strictly kosher kitchen.", kind="preference")
    films = memory.add("ana", "I can't stand horror films.", kind="preference")

    def found(request: str) -> list[str]:
        return [f.id for f in preferences_for(memory, "ana", request, len)]

    assert found("Which dishes should I try when I visit Lisbon?") == [kosher.id]
    assert found("I'm off hiking next week. What snacks should I pack?")[:1] == [kosher.id]
    assert found("What should I watch tonight?") == [films.id]
    assert found("How do I fix a flat tire on my bike?") == []
    assert found("Write a python function that sorts a list.") == []
