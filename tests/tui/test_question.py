"""A clarifying question shows in the chat with its quick answers; the typed answer resumes."""

from __future__ import annotations

import pytest

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from tests.tui.test_chat import SIZE, USER, say, screen_text, settle
from tui.app import make_app

pytestmark = pytest.mark.tui


async def test_a_question_shows_with_its_choices_and_the_answer_resumes_the_turn(
        settings: Settings, tacit: Tacit, fake_model: FakeModel) -> None:
    app = make_app(settings, user=USER, tacit=tacit)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await say(pilot, "Any ideas for dinner tonight?")

        screen = screen_text(app)
        assert "Do you follow a particular diet I should respect?" in screen
        assert "2. vegetarian" in screen
        assert "waiting for your answer" in screen
        assert app.session_id is not None
        assert tacit.history(USER, app.session_id) == []  # nothing stored while it waits

        await say(pilot, "2")  # pick the second quick answer by number

        assert "You said: Any ideas for dinner tonight?" in screen_text(app)
        assert "ready" in screen_text(app)
        assert "only vegetarian dishes" in fake_model.history[-1][-1]["content"]
        [(asked, reply)] = tacit.history(USER, app.session_id)  # the fake echoes its prompt
        assert asked == "Any ideas for dinner tonight?"
        assert reply.startswith("You said: Any ideas for dinner tonight?")
        assert tacit.memory.profile.beliefs(USER)["diet"].value == "vegetarian"
