"""Snapshots of each screen at 80×24, over content that is the same on every run.

Nothing in them varies: replies come from history (no speed in the status line), the model
is the scripted one, and no id, date or timing is on screen. Update them on purpose with
``python -m pytest tests/tui/test_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import USER, settle
from tui.app import make_app

pytestmark = pytest.mark.tui

SMALL = (80, 24)


@pytest.fixture
def lived_in(settings: Settings, tacit: Tacit) -> Tacit:
    """Two conversations and a few memories, one of them sensitive."""
    settings.ask_policy = "never"
    tacit.ask(USER, "planning a trip to Lisbon")
    second = tacit.new_session(USER).id
    tacit.ask(USER, "bread recipe with rye", session_id=second)
    tacit.memory.add(USER, "Ana's cat is called Miso", kind="fact")
    tacit.memory.add(USER, "diagnosed with asthma", kind="sensitive")
    return tacit


def test_chat(snap_compare: Any, settings: Settings, lived_in: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=lived_in)
    assert snap_compare(app, terminal_size=SMALL, run_before=settle)


def test_sessions_sidebar(snap_compare: Any, settings: Settings, lived_in: Tacit) -> None:
    async def open_sidebar(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)

    app = make_app(settings, user=USER, tacit=lived_in)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_sidebar)


def test_forget_confirmation(snap_compare: Any, settings: Settings, lived_in: Tacit) -> None:
    async def ask_to_forget(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press("down", "d")
        await settle(pilot)

    app = make_app(settings, user=USER, tacit=lived_in)
    assert snap_compare(app, terminal_size=SMALL, run_before=ask_to_forget)


def test_memory_inspector(snap_compare: Any, settings: Settings, lived_in: Tacit) -> None:
    async def open_memory(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)

    app = make_app(settings, user=USER, tacit=lived_in)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_memory)


def test_help(snap_compare: Any, settings: Settings, lived_in: Tacit) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    app = make_app(settings, user=USER, tacit=lived_in)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_help)


# A stored turn's reasons, fixed so the snapshot never changes (real ones carry timings).
FIXED_WHY: dict[str, Any] = {
    "turn_id": "t1",
    "memories": [{"id": "m1", "kind": "preference", "text": "Ana is vegetarian",
                  "score": 0.79, "matched_by": ["dense", "lexical"], "in_prompt": True}],
    "trace": {
        "model": "fake",
        "respond": {"model": "fake", "prompt_tokens": 154, "reply_tokens": 15},
        "recall": {"path": {"topics": [], "sessions": [{"id": "s1"}]}},
        "instructions": {"applied": [{"text": "always answer briefly",
                                      "reason": "it always applies"}]},
        "safety": {"domain": None, "crisis_level": "none",
                   "decisions": ["no sensitive domain: nothing to ask"]},
        "refine": {"planned": ["coherence"], "model_calls": 0, "revised": True,
                   "findings": {"coherence": [{"kind": "repetition",
                                               "span": "Read each row."}]},
                   "changes": ["coherence/repetition: removed 'Read each row.'"],
                   "draft": "Open the file. Read each row. Read each row."},
        "timings_ms": {"recall": 24.0, "safety": 3.0, "respond": 410.0, "refine": 3.0},
    },
}


def test_why_panel(snap_compare: Any, settings: Settings, lived_in: Tacit) -> None:
    from tui.why_panel import WhyPanel

    async def open_why(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(WhyPanel(FIXED_WHY))
        await settle(pilot)

    app = make_app(settings, user=USER, tacit=lived_in)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_why)
