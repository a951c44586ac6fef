"""The memory inspector (F3): memories with search, edit and forget, and the tree by level."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, TabbedContent

from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import (
    USER,
    notifications,
    press,
    screen_text,
    settle,
    unwrapped,
    wait_until,
)
from tui.app import make_app
from tui.confirm import Confirm
from tui.memory_screen import MemoryScreen
from tui.memory_tree import MemoryTreeView
from tui.text_prompt import TextPrompt

pytestmark = pytest.mark.tui

SMALL = (80, 24)


def listed(app: object) -> list[str]:
    options = app.screen.query_one("#memories", OptionList)  # type: ignore[attr-defined]
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.fixture
def remembered(tacit: Tacit) -> Tacit:
    tacit.memory.add(USER, "Ana's cat is called Miso", kind="fact")
    tacit.memory.add(USER, "Ana lives in Porto", kind="fact")
    tacit.memory.add(USER, "diagnosed with asthma", kind="sensitive")
    return tacit


async def test_the_inspector_lists_memories_with_sensitive_text_masked_until_shown(
        settings: Settings, remembered: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=remembered)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, MemoryScreen)
        rows = listed(app)
        assert "fact · Ana's cat is called Miso" in rows
        assert "fact · Ana lives in Porto" in rows
        assert not any("asthma" in row for row in rows)
        assert any(row.startswith("sensitive · ••••••") for row in rows)
        assert "asthma" not in screen_text(app)

        await pilot.press("s")
        assert any("asthma" in row for row in listed(app))
        await pilot.press("s")
        assert not any("asthma" in row for row in listed(app))

        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MemoryScreen)


async def test_search_finds_a_memory_and_forgetting_it_asks_then_deletes(
        settings: Settings, remembered: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=remembered)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#memory-search").focus()
        await pilot.press(*"Miso", "enter")
        await settle(pilot)
        assert listed(app)[0] == "fact · Ana's cat is called Miso"

        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        preview = unwrapped(app)
        assert "“Ana's cat is called Miso” (fact) will be deleted" in preview
        await pilot.press("y")
        await settle(pilot)

        assert isinstance(app.screen, MemoryScreen)
        assert not any("Miso" in row for row in listed(app))
        assert remembered.search(USER, "Miso") == []
        assert [i.text for i in remembered.memories(USER) if i.kind == "fact"] == [
            "Ana lives in Porto"]


async def open_tree(pilot: Pilot[Any]) -> MemoryTreeView:
    """Open the inspector on its Tree tab, the cursor on the first conversation."""
    await press(pilot, "f3")
    pilot.app.screen.query_one(TabbedContent).active = "tree-tab"
    tree = pilot.app.screen.query_one(MemoryTreeView)
    tree.focus()
    await settle(pilot)
    tree.move_cursor(tree.conversations[0])
    await settle(pilot)
    return tree


@pytest.fixture
def left_lisbon(settings: Settings, tacit: Tacit) -> str:
    """A conversation about Lisbon, left for a new one (so it is in the tree)."""
    settings.ask_policy = "never"
    first = tacit.ask(USER, "planning a trip to Lisbon").session_id
    tacit.new_session(USER)
    return first


async def test_the_tree_opens_by_level_down_to_the_turns(
        settings: Settings, tacit: Tacit, left_lisbon: str) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL) as pilot:
        tree = await open_tree(pilot)
        conversation = tree.cursor_node
        assert conversation is not None and "conversation" in str(conversation.label)
        details = screen_text(app, within=app.screen.query_one("#node-details"))
        assert "Lisbon" in details and "f forgets it" in details

        await press(pilot, "enter")  # open it: its turns are read and shown under it
        await wait_until(pilot, lambda: bool(conversation.children))
        assert "planning a trip to Lisbon" in str(conversation.children[0].label)


async def test_editing_a_fact_changes_what_is_remembered(
        settings: Settings, remembered: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=remembered)
    async with app.run_test(size=SMALL) as pilot:
        await press(pilot, "f3")
        app.screen.query_one("#memory-search").focus()
        await press(pilot, *"Porto", "enter", "e")
        assert isinstance(app.screen, TextPrompt)
        await press(pilot, "ctrl+u", *"Ana lives in Braga", "enter")
        assert isinstance(app.screen, MemoryScreen)
        assert "fact · Ana lives in Braga" in listed(app)
        assert "Ana lives in Braga" in [i.text for i in remembered.memories(USER)]
        assert [h.text for h in remembered.search(USER, "Braga")][:1] == ["Ana lives in Braga"]


async def test_a_sensitive_entry_is_edited_only_once_shown(
        settings: Settings, remembered: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=remembered)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await press(pilot, "f3")
        options = app.screen.query_one("#memories", OptionList)
        options.focus()
        options.highlighted = next(i for i, row in enumerate(listed(app))
                                   if row.startswith("sensitive"))
        await press(pilot, "e")
        assert not isinstance(app.screen, TextPrompt)
        assert any("Press s to show" in toast for toast in notifications(app))
        await press(pilot, "s", "e")
        assert isinstance(app.screen, TextPrompt)
        assert "diagnosed with asthma" in screen_text(app)


async def test_forgetting_a_conversation_from_the_tree_previews_the_rewrite(
        settings: Settings, tacit: Tacit, left_lisbon: str) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_tree(pilot)
        await press(pilot, "f")
        assert isinstance(app.screen, Confirm)
        preview = unwrapped(app)
        assert "This conversation will be deleted" in preview
        assert "Rewritten: 1 conversation summary" in preview
        await press(pilot, "y")
        assert tacit.history(USER, left_lisbon) == []
        assert tacit.search(USER, "Lisbon") == []
