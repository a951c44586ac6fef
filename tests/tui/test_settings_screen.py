"""Settings (F6), the model picker, the command palette and the light and dark themes."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.widgets import OptionList

from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import USER, listed, notifications, press, say, screen_text, settle
from tui.app import make_app
from tui.instructions_screen import InstructionsScreen
from tui.model_picker import ModelPicker
from tui.settings_screen import SettingsScreen
from tui.status import StatusLine

pytestmark = pytest.mark.tui

SIZE = (100, 30)
ROWS = "#settings"


def row(app: App[Any], starting: str) -> str:
    """The settings line that starts with ``starting``, its spaces collapsed."""
    return " ".join(next(r for r in listed(app, ROWS) if r.startswith(starting)).split())


def highlight(app: App[Any], starting: str) -> None:
    options = app.screen.query_one(ROWS, OptionList)
    options.focus()
    options.highlighted = next(i for i, r in enumerate(listed(app, ROWS))
                               if r.startswith(starting))


async def test_a_budget_is_changed_and_a_bad_value_refused(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "f6")
        assert isinstance(app.screen, SettingsScreen)
        assert "prompt budget" in screen_text(app) and "3000 tokens" in screen_text(app)

        highlight(app, "longest reply")
        await press(pilot, "enter", "ctrl+u", *"200", "enter")
        assert settings.chat.max_tokens == 200
        assert row(app, "longest reply") == "longest reply 200 tokens"

        highlight(app, "prompt budget")
        await press(pilot, "enter", "ctrl+u", *"12", "enter")  # below the least allowed
        assert settings.context_budget == 3000
        assert any("context_budget cannot be '12'" in toast for toast in notifications(app))


async def test_the_model_picker_sets_a_role_and_a_model_that_will_not_load_is_put_back(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "f6")
        highlight(app, "summarizer model")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ModelPicker)
        assert "same as the chat model" in screen_text(app)
        assert "smollm2 (bundled SmolLM2-135M, offline)" in screen_text(app)
        app.screen.query_one("#model-name").focus()
        await pilot.press(*"fake", "enter")
        await settle(pilot)
        assert settings.summarizer is not None and settings.summarizer.model == "fake"
        assert row(app, "summarizer model") == "summarizer model fake"
        assert row(app, "extractor model") == "extractor model same as chat"

        highlight(app, "chat model")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#model-name").focus()
        await pilot.press(*"/nowhere/missing.gguf", "enter")
        await settle(pilot)
        assert settings.chat.model == "fake"  # the one that answers still does
        assert any("missing.gguf" in toast for toast in notifications(app))

        await pilot.press("escape")
        await settle(pilot)
        await say(pilot, "still answering?")
        assert "You said: still answering?" in screen_text(app)
        assert app.query_one(StatusLine).model == "fake"


async def test_the_command_palette_opens_screens_by_name(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"instructions")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InstructionsScreen)


async def test_ctrl_t_and_the_settings_switch_light_and_dark(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dark = app.screen.styles.background
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
        assert app.screen.styles.background != dark

        await pilot.press("f6")
        await settle(pilot)
        assert "light (Ctrl+T switches)" in screen_text(app)
        highlight(app, "theme")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert "dark (Ctrl+T switches)" in screen_text(app)
