"""A clarifying question shows as a card in the chat: its quick answers are buttons and
number keys, the message box takes own words, and skip and stop asking answer it too."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import SIZE, USER, say, screen_text, settle, wait_until
from tui.app import TacitApp, make_app
from tui.question_card import QuestionCard

pytestmark = pytest.mark.tui

DINNER = "Any ideas for dinner tonight?"
MEAT = (r"\b(?:chicken|beef|pork|lamb|bacon|ham|sausages?|mince|fish|salmon|tuna|prawns?|"
        r"anchov\w*)\b")


async def asked(pilot: Pilot[Any]) -> QuestionCard:
    """Send the dinner request; the card it asks, which has the keyboard."""
    await settle(pilot)
    await say(pilot, DINNER)
    [card] = pilot.app.query(QuestionCard)
    assert pilot.app.focused is card  # number keys work at once
    return card


def diet(tacit: Tacit) -> str | None:
    return tacit.memory.profile.beliefs(USER)["diet"].value


def answered_with(app: TacitApp, tacit: Tacit, answer: str) -> None:
    """The turn resumed with ``answer`` and was stored as one exchange; the card is closed."""
    assert "ready" in screen_text(app)
    assert app.session_id is not None
    [(message, reply)] = tacit.history(USER, app.session_id)
    assert message == DINNER
    # A dinner asked for is a recipe written by code; with a diet answered, one that fits it.
    known = diet(tacit)
    assert reply.startswith("**")
    if known in ("vegetarian", "vegan"):
        assert not re.search(MEAT, reply, re.IGNORECASE), reply
    [card] = app.query(QuestionCard)
    assert card.answered and all(b.disabled for b in card.query("Button"))
    said = app.query(".message").last()  # the recipe may have scrolled it out of view
    assert isinstance(said, Static) and str(said.content) == answer  # the person's message


async def test_the_card_shows_each_quick_answer_as_a_numbered_button(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await asked(pilot)
        screen = screen_text(app)
        assert "Do you follow a particular diet I should respect?" in screen
        for label in ("1 no restrictions", "2 vegetarian", "3 vegan", "6 no preference",
                      "own words", "Esc skip", "^X stop asking"):
            assert label in screen
        assert "waiting for your answer" in screen
        assert app.session_id is not None
        assert tacit.history(USER, app.session_id) == []  # nothing stored while it waits


async def test_a_number_key_picks_that_quick_answer(
        settings: Settings, tacit: Tacit, fake_model: FakeModel) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await asked(pilot)
        await pilot.press("2")
        await settle(pilot)

        answered_with(app, tacit, "vegetarian")
        assert not fake_model.history  # the recipe is written by code
        assert diet(tacit) == "vegetarian"
        assert app.focused is app.query_one("#message")  # back to the message box


async def test_a_click_on_a_quick_answer_picks_it(settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await asked(pilot)
        await pilot.click("#pick-0-3")
        await settle(pilot)

        answered_with(app, tacit, "vegan")
        assert diet(tacit) == "vegan"


async def test_own_words_typed_at_the_card_go_in_the_message_box(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await asked(pilot)
        await say(pilot, "mostly vegan these days")  # typed at the card: into the message box

        answered_with(app, tacit, "mostly vegan these days")
        assert diet(tacit) == "vegan"


async def test_own_words_typed_fast_at_the_card_then_enter_are_sent_whole(
        settings: Settings, tacit: Tacit) -> None:
    """Keys typed fast or pasted reach the card before the message box has focus: the words,
    a number among them, and the Enter after them all go to the box, and Enter sends it."""
    from textual import events

    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        card = await asked(pilot)
        typed = "vegan 2 days a week"
        for char in typed:  # queued at the card at once, as a paste or fast typing arrives
            key = "space" if char == " " else char
            card.post_message(events.Key(key, char))
        card.post_message(events.Key("enter", "\r"))
        # Posted messages are not waited for the way pressed keys are: the Enter travels on
        # through the card and the box before the reply starts, so wait for the answer itself.
        await wait_until(pilot, lambda: card.answered and "ready" in screen_text(app), 60)
        await settle(pilot)

        answered_with(app, tacit, typed)
        assert app.query_one("#message").value == ""


async def test_skip_answers_nothing_and_asking_goes_on(settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await asked(pilot)
        await pilot.press("escape")
        await settle(pilot)

        answered_with(app, tacit, "skip this question")
        assert diet(tacit) is None
        assert tacit.memory.profile.willingness(USER) == 1.0


async def test_stop_asking_makes_tacit_ask_less(settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await asked(pilot)
        await pilot.press("ctrl+x")
        await settle(pilot)

        answered_with(app, tacit, "stop asking")
        assert diet(tacit) is None
        assert tacit.memory.profile.willingness(USER) < 1.0
        await say(pilot, "Any ideas for lunch tomorrow?")  # the same need, asked no more
        assert len(app.query(QuestionCard)) == 1


async def test_the_buttons_for_own_words_skip_and_stop_asking(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        card = await asked(pilot)
        await pilot.click("#own")
        assert app.focused is app.query_one("#message") and not card.answered
        await pilot.click("#skip")
        await settle(pilot)
        answered_with(app, tacit, "skip this question")

        await say(pilot, "Any ideas for lunch tomorrow?")
        newest = app.query(QuestionCard).last()
        assert newest is not card  # skipping did not stop the questions
        await pilot.click(newest.query_one("#stop"))
        await settle(pilot)
        assert newest.answered
        assert tacit.memory.profile.willingness(USER) < 1.0
