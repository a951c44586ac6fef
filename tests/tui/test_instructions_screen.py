"""The instructions screen (F4): add, edit, switch off and on, delete; conflicts are marked."""

from __future__ import annotations

import pytest

from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import USER, listed, notifications, press, screen_text
from tui.app import make_app
from tui.confirm import Confirm
from tui.instructions_screen import InstructionsScreen

pytestmark = pytest.mark.tui

SMALL = (80, 24)
ROWS = "#instructions"


async def test_adding_editing_switching_and_deleting_an_instruction(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await press(pilot, "f4")
        assert isinstance(app.screen, InstructionsScreen)
        assert "No standing instructions yet" in screen_text(app)

        await press(pilot, "a", *"always answer in km", "enter")
        assert listed(app, ROWS)[0].startswith("on   always answer in km")
        [row] = tacit.instructions(USER)
        assert row.text == "always answer in km" and row.enabled

        await press(pilot, "e", "ctrl+u", *"always answer briefly", "enter")
        assert listed(app, ROWS)[0].startswith("on   always answer briefly")
        assert [r.text for r in tacit.instructions(USER)] == ["always answer briefly"]

        await press(pilot, "space")
        assert listed(app, ROWS)[0].startswith("off  always answer briefly")
        assert not tacit.instructions(USER)[0].enabled
        await press(pilot, "space")
        assert tacit.instructions(USER)[0].enabled

        await press(pilot, "d")
        assert isinstance(app.screen, Confirm)
        await press(pilot, "y")
        assert tacit.instructions(USER) == []
        assert "No standing instructions yet" in screen_text(app)


async def test_an_empty_instruction_is_refused_with_a_hint(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await press(pilot, "f4", "a", "enter")
        assert any("The instruction is empty" in toast for toast in notifications(app))
        assert tacit.instructions(USER) == []


async def test_a_replaced_instruction_says_so_and_a_conflict_is_marked(
        settings: Settings, tacit: Tacit) -> None:
    tacit.add_instruction(USER, "never use emojis")
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await press(pilot, "f4", "a", *"always use emojis", "enter")
        assert any("It replaces “never use emojis”" in t for t in notifications(app))
        rows = listed(app, ROWS)
        assert rows[0].startswith("off  never use emojis")
        assert "replaced by “always use emojis”" in rows[0]

        await press(pilot, "space")  # switching the old one back on puts the two at odds
        rows = listed(app, ROWS)
        assert "⚠ conflicts with “always use emojis”" in rows[0]
        assert "⚠ conflicts with “never use emojis”" in rows[1]
        assert "⚠ conflicts with" in screen_text(app)
