"""Settings (F6), the model picker, the command palette and the light and dark themes; what
is changed there is kept for the next start."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from textual.app import App
from textual.widgets import OptionList

from assistant.cli import main
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings, load_settings
from memory.facade import Memory
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


async def test_changed_settings_are_kept_for_the_next_start(
        settings: Settings, tacit: Tacit, memory: Memory, fake_model: FakeModel) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "f6")
        highlight(app, "memory budget")
        await press(pilot, "enter", "ctrl+u", *"700", "enter")
        highlight(app, "longest reply")
        await press(pilot, "enter", "ctrl+u", *"120", "enter")
        highlight(app, "extractor model")
        await press(pilot, "enter")
        app.screen.query_one("#model-name").focus()
        await press(pilot, *"fake", "enter")
        highlight(app, "theme")
        await press(pilot, "enter")
        assert notifications(app) == []  # every change was written

    # Quit and start again: a new service on new settings, read from the file.
    again = load_settings(data_dir=settings.data_dir, user=USER)
    assert again.chat.model == "smollm2"  # nobody changed the chat model: still the default
    again.chat.model = "fake"
    restarted = Tacit(again, model=fake_model, memory=memory, checkpointer=InMemorySaver())
    app = make_app(again, user=USER, tacit=restarted)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f6")
        assert app.theme == "textual-light"
        assert row(app, "memory budget") == "memory budget 700 tokens"
        assert row(app, "longest reply") == "longest reply 120 tokens"
        assert row(app, "extractor model") == "extractor model fake"

        highlight(app, "extractor model")  # back to the chat model: its table goes
        await press(pilot, "enter", "home", "enter")
    assert "extractor" not in tomllib.loads(config_file().read_text())
    assert load_settings().extractor is None


async def test_a_settings_file_that_cannot_be_read_is_left_as_it_is(
        settings: Settings, tacit: Tacit) -> None:
    broken = 'retrieval_budget = 900\ntheme = "dark\n'  # an unclosed string
    config_file().write_text(broken)
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "f6")
        highlight(app, "memory budget")
        await press(pilot, "enter", "ctrl+u", *"700", "enter")
        assert settings.retrieval_budget == 700  # it holds for this run
        assert any("cannot be read" in toast and "left as it is" in toast
                   for toast in notifications(app))
    assert config_file().read_text() == broken

    # Starting with it says what is wrong, in one line, and changes nothing.
    assert main(["chat"]) == 2
    assert config_file().read_text() == broken


def config_file() -> Path:
    """The settings file the tests use (a temporary one; see tests/conftest.py)."""
    return Path(os.environ["TACIT_CONFIG_FILE"])
