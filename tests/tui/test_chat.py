"""The chat screen, driven with Pilot over the scripted model and real temp stores."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from assistant.errors import ModelError
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from memory.facade import Memory
from memory.vectors import VectorIndex
from tests.fakes import HashingEmbedder
from tui.app import TacitApp, make_app
from tui.transcript import Transcript

pytestmark = pytest.mark.tui

USER = "ana"
SIZE = (100, 40)  # roomy enough that short exchanges are never wrapped or scrolled away


# What a user sees -----------------------------------------------------------------------
def screen_text(app: App[Any], within: Widget | None = None) -> str:
    """The terminal as plain text, or the part of it a widget covers.

    Textual has no public call for this, so it reads the compositor's rendered lines.
    """
    lines = app.screen._compositor.render_strips()
    if within is None:
        return "\n".join(strip.text for strip in lines)
    box = within.region
    return "\n".join(strip.crop(box.x, box.right).text for strip in lines[box.y:box.bottom])


def unwrapped(app: App[Any]) -> str:
    """The screen's words as one line: borders and scrollbars dropped, wrapped lines joined."""
    text = "".join(" " if 0x2500 <= ord(ch) <= 0x259F else ch for ch in screen_text(app))
    return " ".join(text.split())


def listed(app: App[Any], selector: str) -> list[str]:
    """The rows an option list of the current screen shows, in order."""
    from textual.widgets import OptionList

    options = app.screen.query_one(selector, OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` one after another, letting every worker finish after each."""
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def notifications(app: App[Any]) -> list[str]:
    """The text of every toast on screen (title, then message)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def settle(pilot: Pilot[Any]) -> None:
    """Let every worker finish and the screen repaint."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool],
                     seconds: float = 5.0) -> None:
    """Poll the screen until ``condition`` holds (for states in the middle of a reply)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never got there")


async def say(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` into the message box, press Enter and wait for the reply."""
    await pilot.press(*text)
    await pilot.press("enter")
    await settle(pilot)


# Models that misbehave on purpose -------------------------------------------------------
@dataclass
class GatedModel(FakeModel):
    """Streams the first word of a reply, then waits for ``gate`` before the rest."""

    gate: threading.Event = field(default_factory=threading.Event)

    def stream(self, messages: Any, **options: Any) -> Iterator[str]:
        words = super().stream(messages, **options)
        yield next(words)
        self.gate.wait(10)
        yield from words


@dataclass
class FlakyModel(FakeModel):
    """Fails its first reply the way an unreachable model would, then works."""

    failures: int = 1

    def stream(self, messages: Any, **options: Any) -> Iterator[str]:
        if self.failures:
            self.failures -= 1
            raise ModelError("The model stopped answering.", fix="Check that it is running.")
        yield from super().stream(messages, **options)


def service_on(settings: Settings, memory: Memory, model: FakeModel) -> Tacit:
    return Tacit(settings, model=model, memory=memory, checkpointer=InMemorySaver())


# Tests ----------------------------------------------------------------------------------
async def test_a_message_gets_a_streamed_reply_that_is_stored(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "ready" in screen_text(app)

        await say(pilot, "any ideas for my cat Miso?")

        screen = screen_text(app)
        assert "any ideas for my cat Miso?" in screen
        assert "You said: any ideas for my cat Miso?" in screen
        assert "tok/s" in screen  # the status line reports the reply's speed
        assert "Tacit — any ideas for my cat Miso?" in screen  # the first message names it
        assert app.query_one(Input).value == ""
        assert app.session_id is not None
        assert tacit.history(USER, app.session_id) == [
            ("any ideas for my cat Miso?", "You said: any ideas for my cat Miso?")]


async def test_the_reply_appears_while_it_is_written_and_the_input_stays_live(
        settings: Settings, memory: Memory) -> None:
    model = GatedModel(context_window=4096)
    model.enqueue("Hello. **There** friend")
    service = service_on(settings, memory, model)
    app = make_app(settings, user=USER, tacit=service)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(*"tell me something", "enter")  # a hello alone is greeted by code
            await wait_until(pilot, lambda: "Hello" in screen_text(app))

            assert "friend" not in screen_text(app)  # only the first sentence so far
            assert "replying…" in screen_text(app)
            await pilot.press(*"next")  # typing ahead works while Tacit writes
            assert app.query_one(Input).value == "next"

            model.gate.set()
            await settle(pilot)
            assert "Hello. There friend" in screen_text(app)  # rendered as Markdown: no **
            assert "ready" in screen_text(app)
    finally:
        model.gate.set()
        service.close()


async def test_a_restart_resumes_the_last_conversation(
        settings: Settings, tacit: Tacit, fake_model: FakeModel, tmp_path: Path) -> None:
    first = make_app(settings, user=USER, tacit=tacit)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, "remember the milk")

    # A new service on the same files, as after quitting and running `tacit` again.
    vectors = VectorIndex(HashingEmbedder(), path=tmp_path / "chroma")  # type: ignore[arg-type]
    reopened = service_on(settings, Memory.open(f"sqlite:///{tmp_path / 'tacit.db'}", vectors),
                          fake_model)
    second = make_app(settings, user=USER, tacit=reopened)
    try:
        async with second.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = screen_text(second)
            assert "remember the milk" in screen
            assert "You said: remember the milk" in screen
            assert "Tacit — remember the milk" in screen
            assert second.session_id == first.session_id

            await say(pilot, "and the eggs")
            assert second.session_id is not None
            assert [m for m, _ in reopened.history(USER, second.session_id)] == [
                "remember the milk", "and the eggs"]
    finally:
        reopened.close()


async def test_ctrl_n_starts_a_fresh_conversation(settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, "first topic")
        old = app.session_id

        await pilot.press("ctrl+n")
        await settle(pilot)

        screen = screen_text(app)
        assert app.session_id is not None and app.session_id != old
        assert screen_text(app, within=app.query_one(Transcript)).strip() == ""
        assert "Tacit — New conversation" in screen
        sessions = len(tacit.sessions(USER))
        await pilot.press("ctrl+n")  # already fresh: no second empty session
        await settle(pilot)
        assert len(tacit.sessions(USER)) == sessions

        await say(pilot, "second topic")
        assert tacit.history(USER, app.session_id) == [("second topic", "You said: second topic")]
        assert old is not None
        assert tacit.history(USER, old) == [("first topic", "You said: first topic")]


async def test_new_flag_starts_a_fresh_conversation(settings: Settings, tacit: Tacit) -> None:
    earlier = tacit.ask(USER, "an old question")
    app = make_app(settings, user=USER, new_session=True, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.session_id != earlier.session_id
        assert "an old question" not in screen_text(app)
        assert "New conversation" in screen_text(app)


async def test_a_message_too_long_is_refused_and_kept(settings: Settings, tacit: Tacit) -> None:
    settings.max_message_chars = 20
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await say(pilot, "this message is far too long")

        [toast] = notifications(app)
        assert toast.startswith("Cannot send that")
        assert "up to 20" in toast
        assert app.query_one(Input).value == "this message is far too long"  # kept to edit
        assert app.session_id is not None
        assert tacit.history(USER, app.session_id) == []

        app.query_one(Input).value = ""
        await say(pilot, "short one")
        assert "You said: short one" in screen_text(app)


async def test_a_failing_model_shows_an_error_and_the_chat_goes_on(
        settings: Settings, memory: Memory) -> None:
    service = service_on(settings, memory, FlakyModel(context_window=4096))
    app = make_app(settings, user=USER, tacit=service)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            await say(pilot, "are you there")

            [toast] = notifications(app)
            assert toast.startswith("Model problem")
            assert "The model stopped answering. Check that it is running." in toast
            assert "ready" in screen_text(app)
            # The failed exchange was not stored, so it is not shown; the text is back to resend.
            assert "are you there" not in screen_text(app, within=app.query_one(Transcript))
            assert app.query_one(Input).value == "are you there"
            assert app.session_id is not None
            assert service.history(USER, app.session_id) == []

            await pilot.press("enter")
            await settle(pilot)
            assert "You said: are you there" in screen_text(app)
            assert service.history(USER, app.session_id) == [
                ("are you there", "You said: are you there")]
    finally:
        service.close()


async def test_an_empty_message_is_ignored(settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await say(pilot, "   ")
        assert notifications(app) == []
        assert app.session_id is not None
        assert tacit.history(USER, app.session_id) == []


async def test_the_app_builds_its_own_service_from_settings(settings: Settings) -> None:
    # No injected service: the path `tacit chat` takes (real embedder, stores under data_dir).
    app = make_app(settings, user=USER)
    assert isinstance(app, TacitApp)
    assert not settings.data_dir.exists()  # nothing is opened before the app runs
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, "hello from the real stores")
        assert "You said: hello from the real stores" in screen_text(app)
        session_id = app.session_id

    again = Tacit(settings)
    try:
        assert session_id is not None
        assert again.history(USER, session_id) == [
            ("hello from the real stores", "You said: hello from the real stores")]
    finally:
        again.close()


async def test_c_copies_the_code_blocks_of_the_picked_reply(
        settings: Settings, memory: Memory) -> None:
    model = FakeModel(context_window=4096)
    settings.ask_policy = "never"
    model.enqueue("Run this:\n\n```python\nprint('one')\nprint('two')\n```\n\n"
                  "Then list the files:\n\n```sh\nls -la\n```")
    service = service_on(settings, memory, model)
    app = make_app(settings, user=USER, tacit=service)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            await say(pilot, "how do I print?")
            await say(pilot, "thanks")  # the newest reply has no code
            transcript = app.query_one(Transcript)
            transcript.focus()

            await press(pilot, "c")
            assert app.clipboard == ""
            await wait_until(pilot, lambda: any("no code block" in n
                                                for n in notifications(app)))

            await press(pilot, "up", "up", "c")  # the earlier reply, its first block
            assert app.clipboard == "print('one')\nprint('two')"
            await wait_until(pilot, lambda: any("Copied code block 1 of 2 (2 lines)" in n
                                                for n in notifications(app)))
            await press(pilot, "c")  # pressed again: the next block
            assert app.clipboard == "ls -la"
            await press(pilot, "c")  # and round to the first
            assert app.clipboard == "print('one')\nprint('two')"
    finally:
        service.close()
