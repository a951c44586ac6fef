"""Crisis resources stand out as their own block; safety's question and consent cards show
their quick answers, and the typed answers resume the turn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

import agents.safety
from agents.safety_assessment import SafetyAssessment
from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import SIZE, USER, say, screen_text, settle
from tui.app import make_app
from tui.question_card import QuestionCard
from tui.transcript import Transcript

pytestmark = pytest.mark.tui

CRISIS = "I gave my guitar away, it feels right to tie up loose ends before I go"
SENSITIVE = "My doctor changed my sleeping pills, what should I watch for?"


def scripted(message: str, history: Sequence[str] = (), *, past_self_harm: bool = False,
             embed: Any = None) -> SafetyAssessment:
    if message == CRISIS:
        return SafetyAssessment(crisis_kind="suicide", crisis_level="likely")
    if "pills" in message:
        return SafetyAssessment(domain="health", domain_score=0.9)
    return SafetyAssessment()


@pytest.fixture(autouse=True)
def _scripted_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(agents.safety, "detector", lambda ctx: (scripted, "scripted"))


async def test_crisis_resources_show_as_their_own_block_above_the_reply(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, CRISIS)

        [block] = app.query_one(Transcript).query(".resources")
        shown = screen_text(app, block)
        assert "I'm really glad you told me" in shown
        assert "findahelpline.com" in shown and "emergency number" in shown
        # The question of their country is a line of its own, not the last line's end.
        assert any(ln.strip(" ┃│▌").startswith("If you tell me") for ln in shown.splitlines())
        reply = app.query_one(Transcript).children[-1]
        assert "You said:" in screen_text(app, reply)  # the model's words come after it
        assert block.region.y < reply.region.y
        assert "findahelpline" not in screen_text(app, reply)

        crisis_session = app.session_id
        assert crisis_session is not None
        await app.action_new_session()  # an async action: it first closes screens over the chat
        await settle(pilot)
        assert not app.query_one(Transcript).query(".resources")
        # Read back from history, the stored reply is split the same way.
        await app.query_one(Transcript).show(tacit.history(USER, crisis_session))
        await pilot.pause()
        assert len(app.query_one(Transcript).query(".resources")) == 1


async def test_the_safety_card_and_the_consent_card_take_typed_answers(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, SENSITIVE)

        screen = screen_text(app)
        assert "So I can answer this safely for you" in screen
        assert "How is your mental health lately?" in screen
        assert "anxious or depressed" in screen
        assert "waiting for your answer" in screen

        await say(pilot, "anxious or depressed")  # own words, typed at the card
        screen = screen_text(app)
        assert "May I remember what you told me" in screen
        assert "2 keep for this conversation" in screen

        await pilot.press("1")  # the consent card has the keyboard: 1 is "keep"
        await settle(pilot)
        assert "ready" in screen_text(app)
        assert app.session_id is not None
        [(asked, _)] = tacit.history(USER, app.session_id)
        assert asked == SENSITIVE
        kept = [i.text for i in tacit.memory.items(USER, "sensitive")]
        assert "mental_health_status: anxious or depressed" in kept


async def test_number_keys_answer_the_safety_cards_fields_in_turn(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, SENSITIVE)
        [card] = app.query(QuestionCard)
        assert app.focused is card
        for _ in card.groups:  # "2" answers the first field still open, then the next
            await pilot.press("2")
        await settle(pilot)

        consent = app.query(QuestionCard).last()
        assert consent is not card and card.answered
        said = screen_text(app)
        for _, choices in card.groups:
            assert f": {choices[1]}" in said  # the consent card repeats what was told
        await pilot.press("escape")  # skipping the consent card keeps nothing
        await settle(pilot)
        assert "ready" in screen_text(app)
        assert tacit.memory.items(USER, "sensitive") == []


async def test_a_click_picks_one_field_and_send_sends_the_picks(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, SENSITIVE)
        [card] = app.query(QuestionCard)
        field, choices = next((g, c) for g, (title, c) in enumerate(card.groups)
                              if "mental health" in title)
        await pilot.click(f"#pick-{field}-{choices.index('anxious or depressed') + 1}")
        if len(card.groups) > 1:  # the other fields stay open until sent
            assert not card.answered
            await pilot.click("#send")
        await settle(pilot)

        assert "May I remember what you told me (mental health: anxious or depressed)" \
            in " ".join(screen_text(app).split())
        await pilot.click(".question:last-of-type #pick-0-1")  # keep
        await settle(pilot)
        kept = [i.text for i in tacit.memory.items(USER, "sensitive")]
        assert "mental_health_status: anxious or depressed" in kept


async def test_stop_asking_on_the_safety_card_answers_from_what_is_known(
        settings: Settings, tacit: Tacit) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, SENSITIVE)
        await pilot.press("ctrl+x")
        await settle(pilot)

        assert len(app.query(QuestionCard)) == 1  # no consent card: nothing was told
        assert "ready" in screen_text(app)
        assert screen_text(app, app.query(".message").last()).strip(" ▌") == "stop asking"
        assert app.session_id is not None
        [(asked, _)] = tacit.history(USER, app.session_id)
        assert asked == SENSITIVE
        assert tacit.memory.items(USER, "sensitive") == []
