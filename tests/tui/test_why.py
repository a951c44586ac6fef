"""A revised reply is marked as such, and the why panel says what a reply was built from."""

from __future__ import annotations

import pytest

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import SIZE, USER, notifications, say, screen_text, settle
from tui.app import make_app
from tui.transcript import Transcript
from tui.why_panel import WhyPanel, why_text

pytestmark = pytest.mark.tui

LOOPING = "Open the file. Read each row in a loop. Read each row in a loop again."


@pytest.fixture(autouse=True)
def _no_questions(settings: Settings) -> None:
    """Replies here are answered straight away: questions are another screen's concern."""
    settings.ask_policy = "never"


async def test_a_revised_reply_replaces_the_draft_and_is_marked(
        settings: Settings, tacit: Tacit, fake_model: FakeModel) -> None:
    fake_model.enqueue(LOOPING)
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, "How do I read a CSV file?")

        shown = screen_text(app, within=app.query_one(Transcript))
        assert "Open the file. Read each row in a loop." in shown
        assert shown.count("Read each row in a loop.") == 1  # the draft's repeat is gone
        assert "revised after checking (1 change: coherence)" in shown


async def test_an_unrevised_reply_has_no_marker(settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, "tell me a riddle")  # a hello alone is greeted by code, not the model
        assert "You said: tell me a riddle" in screen_text(app)
        assert "revised" not in screen_text(app)


async def test_the_why_panel_shows_memories_instructions_refiners_and_timings(
        settings: Settings, tacit: Tacit, fake_model: FakeModel) -> None:
    tacit.ask(USER, "I am vegetarian. always answer briefly")
    fake_model.enqueue(LOOPING)
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=(100, 80)) as pilot:
        await settle(pilot)
        await say(pilot, "How do I read a CSV file for my vegetarian recipes?")

        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, WhyPanel)
        panel = screen_text(app)
        assert "Model" in panel and "fake" in panel
        assert "vegetarian" in panel  # the recalled memory, by its text
        assert "in the prompt" in panel
        assert "always answer briefly: it always applies" in panel
        assert "coherence found repetition" in panel
        assert "changed: coherence/repetition" in panel
        assert "The draft before checking" in panel
        assert "recall" in panel and " ms" in panel  # time per step
        assert "Safety" in panel

        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WhyPanel)


async def test_why_works_for_a_resumed_conversation_from_the_transcript(
        settings: Settings, tacit: Tacit) -> None:
    tacit.ask(USER, "always answer briefly")
    tacit.ask(USER, "what is a good tea")
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=(100, 80)) as pilot:
        await settle(pilot)
        app.query_one(Transcript).focus()
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WhyPanel)
        assert app.screen.why["turn_id"] == tacit.turn_ids(USER, app.session_id or "")[-1]
        assert "always answer briefly" in screen_text(app)


async def test_why_before_any_reply_says_so(settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert not isinstance(app.screen, WhyPanel)
        assert any("No reply yet" in toast for toast in notifications(app))


def test_why_leaves_out_another_users_turn(tacit: Tacit) -> None:
    from assistant.errors import InputError

    done = tacit.ask(USER, "my secret plan")
    with pytest.raises(InputError):
        tacit.why("bo", done.turn_id)


async def test_an_unexpected_error_becomes_a_notification_and_the_app_goes_on(
        settings: Settings, tacit: Tacit, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(user: str, turn_id: str) -> dict[str, object]:
        raise ValueError("the trace could not be read")

    monkeypatch.setattr(tacit, "why", broken)
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await say(pilot, "hello")
        await pilot.press("f2")
        await settle(pilot)
        assert any("the trace could not be read" in toast for toast in notifications(app))
        assert app.is_running
        await say(pilot, "still here?")
        assert "You said: still here?" in screen_text(app)


async def test_f1_lists_the_keys_and_closes_again(settings: Settings, tacit: Tacit) -> None:
    from tui.help import HelpScreen

    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Ctrl+N" in shown and "start a new conversation" in shown
        assert "F2 · w" in shown and "Ctrl+Q" in shown  # every key fits at 80×24
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_a_resumed_conversation_keeps_the_revised_marker(
        settings: Settings, tacit: Tacit, fake_model: FakeModel) -> None:
    fake_model.enqueue(LOOPING)
    tacit.ask(USER, "How do I read a CSV file?")
    tacit.ask(USER, "thanks")
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = screen_text(app, within=app.query_one(Transcript))
        assert shown.count("revised after checking (1 change: coherence)") == 1
        assert shown.index("revised after checking") < shown.index("You're welcome!")


async def test_any_reply_can_be_picked_and_explained(settings: Settings, tacit: Tacit) -> None:
    tacit.ask(USER, "always answer briefly")
    tacit.ask(USER, "what is a good tea")
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        first, second = tacit.turn_ids(USER, app.session_id or "")
        app.query_one(Transcript).focus()
        await pilot.press("up", "up", "enter")  # the newest reply, then the one before it
        await settle(pilot)
        assert isinstance(app.screen, WhyPanel)
        assert app.screen.why["turn_id"] == first
        assert "Why this reply to “always answer briefly”" in screen_text(app)

        await pilot.press("escape", "down", "w")  # back down to the newest
        await settle(pilot)
        assert app.screen.why["turn_id"] == second
        assert "Why this reply to “what is a good tea”" in screen_text(app)

        await pilot.press("escape")
        await settle(pilot)
        app.query_one("#message").focus()
        await say(pilot, "and coffee?")  # a new message makes the newest reply the one again
        await pilot.press("f2")
        await settle(pilot)
        assert "Why this reply to “and coffee?”" in screen_text(app)


def test_the_why_panel_says_what_learning_kept_from_the_turn() -> None:
    shown = why_text({"trace": {
        "noted": {"stored": [{"kind": "instruction", "id": "i1", "text": "Never use emojis."}]},
        "memory": {"facts": {"learned": [{"action": "added", "id": "f1"}]}}}})
    assert "noted instruction: Never use emojis." in shown
    assert "facts: added" in shown
    assert "noted" not in why_text({"trace": {}})
    named = why_text({"trace": {"memory": {"facts": {"learned": [{"action": "added",
                                                                    "id": "f1"}]}}},
                      "facts": {"f1": "home city: Manchester"}})
    assert "facts: added home city: Manchester" in named
