"""The memory inspector (F3): memories with search and forget, the tree, and the profile."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, TabbedContent

from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import USER, screen_text, settle, wait_until
from tui.app import make_app
from tui.confirm import Confirm
from tui.memory_screen import MemoryScreen

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
        preview = " ".join(screen_text(app).replace("█", " ").split())
        assert "“Ana's cat is called Miso” (fact) will be deleted" in preview
        await pilot.press("y")
        await settle(pilot)

        assert isinstance(app.screen, MemoryScreen)
        assert not any("Miso" in row for row in listed(app))
        assert remembered.search(USER, "Miso") == []
        assert [i.text for i in remembered.memories(USER) if i.kind == "fact"] == [
            "Ana lives in Porto"]


async def test_the_tree_and_profile_tabs_show_what_is_known(
        settings: Settings, tacit: Tacit) -> None:
    settings.ask_policy = "never"
    tacit.ask(USER, "I am vegetarian")
    tacit.new_session(USER)  # leaving a conversation adds it to the tree
    profile = tacit.profile(USER)
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        tabs.active = "tree-tab"
        await settle(pilot)
        await wait_until(pilot, lambda: "levels:" in screen_text(app))
        tabs.active = "profile-tab"
        await wait_until(pilot, lambda: "confidence" in screen_text(app))
        shown = screen_text(app)
        assert profile, "the message should have taught a preference"
        assert f"{profile[0].name}: {profile[0].value} (confidence" in shown
        assert "from turn" in shown
