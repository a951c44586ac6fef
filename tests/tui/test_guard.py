"""A bug behind a key or a button becomes a notification; the conversation stays open."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Button

import tui.app
from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import SIZE, USER, notifications, say, screen_text, settle
from tui.app import TacitApp
from tui.guard import Guarded


class BrokenHelp(TacitApp):
    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))

    def action_help(self) -> None:
        raise RuntimeError("the help text is missing")


async def test_a_failing_key_is_a_notification_and_the_chat_goes_on(
        settings: Settings, tacit: Tacit) -> None:
    app = BrokenHelp(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert any("the help text is missing" in toast for toast in notifications(app))
        assert app.is_running
        await say(pilot, "still here?")
        assert "You said: still here?" in screen_text(app)


class Panel(Guarded, App[None]):
    pressed = 0

    def compose(self) -> ComposeResult:
        yield Button("go", id="go")

    @on(Button.Pressed, "#go")
    def go(self) -> None:
        self.pressed += 1
        if self.pressed == 1:
            raise ValueError("first press fails")


async def test_a_failing_button_handler_is_a_notification_and_the_button_still_works() -> None:
    app = Panel()
    async with app.run_test(notifications=True) as pilot:
        await pilot.click("#go")
        await pilot.pause()
        assert any("first press fails" in toast for toast in notifications(app))
        await pilot.pause(0.5)
        await pilot.click("#go")
        await pilot.pause()
        assert app.is_running and app.pressed == 2
