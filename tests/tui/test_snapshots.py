"""Snapshots of every screen at 80×24 and 120×40, over content that is the same on every run.

Nothing in them varies: replies come from history (no speed in the status line), the model
is the scripted one, dates in the memory tree are fixed, and no id or timing is on screen.
Update them on purpose with ``python -m pytest tests/tui/test_snapshots.py --snapshot-update``
and review the SVGs; the README's screenshots are the 120×40 ones (``docs/screens/``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, TabbedContent

from agents.contract import QuestionCard
from agents.safety_plan import consent_card, question_card
from assistant.service import Question, Tacit
from assistant.settings import Settings
from memory.preferences import catalog
from tests.tui.test_chat import USER, settle
from tui.app import make_app
from tui.memory_tree import MemoryTreeView
from tui.transcript import Transcript

pytestmark = pytest.mark.tui

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
Steps = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture
def lived_in(settings: Settings, tacit: Tacit, monkeypatch: pytest.MonkeyPatch) -> Tacit:
    """Two conversations, a few memories (one sensitive), a preference, and two instructions
    at odds with each other."""
    # Dates would change the tree's pictures every day: its labels (tui.memory_tree) and the
    # summaries the tree writes (memory.tree.build) carry them.
    for module in ("tui.memory_tree", "memory.tree.build"):
        monkeypatch.setattr(f"{module}.day", lambda when: "2 May 2026")
    settings.ask_policy = "never"
    tacit.ask(USER, "planning a trip to Lisbon")
    tacit.ask(USER, "I am vegetarian")
    second = tacit.new_session(USER).id
    tacit.ask(USER, "bread recipe with rye", session_id=second)
    tacit.memory.add(USER, "Ana's cat is called Miso", kind="fact")
    tacit.memory.add(USER, "diagnosed with asthma", kind="sensitive")
    old = tacit.add_instruction(USER, "never use emojis").instruction
    tacit.add_instruction(USER, "always use emojis")
    tacit.enable_instruction(USER, old.id, True)
    tacit.add_instruction(USER, "always answer in km")
    return tacit


def keys(*pressed: str) -> Steps:
    """Wait for the app, press ``pressed`` one after another, and wait again."""
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
    return run


async def _memory_tree(pilot: Pilot[Any]) -> None:
    await keys("f3")(pilot)
    pilot.app.screen.query_one(TabbedContent).active = "tree-tab"
    tree = pilot.app.screen.query_one(MemoryTreeView)
    tree.focus()
    await settle(pilot)
    tree.move_cursor(tree.conversations[0])
    await pilot.press("enter")
    await settle(pilot)


async def _edit_memory(pilot: Pilot[Any]) -> None:
    await keys("f3")(pilot)
    pilot.app.screen.query_one("#memories", OptionList).focus()
    await keys("down", "e")(pilot)  # the fact (the newest entry is sensitive, masked)


async def _model_picker(pilot: Pilot[Any]) -> None:
    await keys("f6")(pilot)
    pilot.app.screen.query_one("#settings", OptionList).focus()
    await keys("enter")(pilot)


async def _picked_reply(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    pilot.app.query_one("Transcript").focus()
    await keys("up")(pilot)


async def _command_palette(pilot: Pilot[Any]) -> None:
    await keys("ctrl+p")(pilot)
    await pilot.press(*"mem")
    await pilot.pause(0.5)
    await settle(pilot)


async def _why_panel(pilot: Pilot[Any]) -> None:
    from tui.why_panel import WhyPanel

    await settle(pilot)
    await pilot.app.push_screen(WhyPanel(FIXED_WHY, "How do I read a CSV file?"))
    await settle(pilot)


def _asking(message: str, card: QuestionCard) -> Steps:
    """The chat with ``message`` sent and ``card`` asked about it (the card has the keys)."""
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        transcript = pilot.app.query_one(Transcript)
        reply = await transcript.add_exchange(message)
        shown = await transcript.ask(reply, Question(card.text, "s1", card.details()))
        shown.focus(scroll_visible=False)
        await settle(pilot)
    return run


DIET = catalog()["diet"]
SCREENS: dict[str, Steps] = {
    "chat": keys(),
    "chat_light": keys("ctrl+t"),
    "picked_reply": _picked_reply,
    "sessions_sidebar": keys("ctrl+b"),
    "rename_conversation": keys("ctrl+b", "r"),
    "forget_confirmation": keys("ctrl+b", "down", "d"),
    "memory_inspector": keys("f3"),
    "memory_tree": _memory_tree,
    "edit_memory": _edit_memory,
    "instructions": keys("f4"),
    "profile": keys("f5"),
    "settings": keys("f6"),
    "model_picker": _model_picker,
    "command_palette": _command_palette,
    "help": keys("f1"),
    "why_panel": _why_panel,
    "question_card": _asking("Any ideas for dinner tonight?", QuestionCard(
        kind="preference", text=DIET.question, choices=DIET.choices, dimension=DIET.name)),
    "safety_card": _asking("My doctor changed my sleeping pills, what should I watch for?",
                           question_card(["age", "mental_health_status"])),
    "consent_card": _asking("My doctor changed my sleeping pills, what should I watch for?",
                            consent_card({"mental_health_status": "anxious or depressed"})),
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare: Any, settings: Settings, lived_in: Tacit, screen: str,
                size: str) -> None:
    app = make_app(settings, user=USER, tacit=lived_in)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=steady(SCREENS[screen]))


def steady(steps: Steps) -> Steps:
    """``steps``, then every text box's cursor held still: a blinking cursor would make the
    picture depend on the moment it is taken."""
    async def run(pilot: Pilot[Any]) -> None:
        await steps(pilot)
        for box in pilot.app.screen.query("Input, TextArea"):
            box.cursor_blink = False
        await pilot.pause()
    return run


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


def test_the_readme_shows_the_current_screens() -> None:
    """Every screenshot the README shows is the 120×40 snapshot of that screen, as it is now."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    shown = re.findall(r"\(docs/screens/(\w+)\.svg\)", (root / "README.md").read_text())
    assert set(shown) >= {"chat", "why_panel", "memory_inspector", "instructions", "profile",
                          "settings"}
    for name in shown:
        assert name in SCREENS, f"the README shows {name}, which no snapshot test takes"
        snapshot = (Path(__file__).parent / "__snapshots__" / "test_snapshots" /
                    f"test_screen[{name}-120x40].svg")
        picture = root / "docs" / "screens" / f"{name}.svg"
        assert picture.is_file() and picture.read_bytes() == snapshot.read_bytes(), (
            f"docs/screens/{name}.svg is not the current snapshot: cp '{snapshot}' '{picture}'")
