"""In the chat app the reply never waits for learning, and what was noted appears under it."""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from textual.widgets import Input

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from memory.facade import Memory
from tests.tui.test_chat import SIZE, USER, screen_text, settle, wait_until
from tests.unit.test_learning_after_reply import GatedLearning
from tui.app import make_app

pytestmark = pytest.mark.tui

RULE = "From now on, never use emojis."
SAID = f"{RULE} Can you do that?"  # a rule alone is acknowledged by code, not the model


async def test_the_reply_is_shown_and_the_chat_usable_while_tacit_learns(
        settings: Settings, memory: Memory, fake_model: FakeModel) -> None:
    log: list[str] = []
    learning = GatedLearning(log)
    # The service's learning step, held at a gate.
    service = Tacit(settings, model=fake_model, memory=memory, checkpointer=InMemorySaver(),
                    learner=learning)
    app = make_app(settings, user=USER, tacit=service)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: "ready" in screen_text(app), seconds=30)
            await pilot.press(*SAID, "enter")
            await wait_until(pilot, lambda: f"You said: {SAID}" in screen_text(app), 30)
            await wait_until(pilot, lambda: "ready" in screen_text(app), seconds=30)
            assert learning.started.is_set() and log == []  # learning is still held
            assert "Noted instruction" not in screen_text(app)
            assert not app.busy

            await pilot.press(*"and another thing", "enter")  # sent while Tacit learns
            await wait_until(pilot, lambda: "finishing the last turn" in screen_text(app), 30)
            assert app.query_one(Input).value == ""

            learning.gate.set()
            await settle(pilot)
            screen = screen_text(app)
            assert f'Noted instruction: "{RULE}"' in screen  # under the first reply
            assert "You said: and another thing" in screen
            assert screen.index("Noted instruction") < screen.index("You said: and another")
            assert log == [f"learned: {SAID}", "learned: and another thing"]
    finally:
        learning.gate.set()
        service.close()
