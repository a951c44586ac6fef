"""Asked what Tacit knows about them, the person gets the stored list, and forgetting holds."""

from __future__ import annotations

import json

from agents.about_me import STORED_AS, asks_what_is_known
from assistant.models.fake import FakeModel
from assistant.service import Tacit


def test_only_the_question_itself_is_answered_with_the_list() -> None:
    for asked in ("What do you know about me?", "Hey Tacit, so what do you remember about me?",
                  "Who am I?", "tell me about myself"):
        assert asks_what_is_known(asked), asked
    for other in ("Based on what you know about me, what should I cook tonight?",
                  "What do you know about tomatoes?", "Do you know a good book?"):
        assert not asks_what_is_known(other), other


def test_the_list_comes_from_the_stores_and_the_model_writes_nothing(
        tacit: Tacit, fake_model: FakeModel) -> None:
    first = tacit.ask("ana", "What do you know about me?").shown
    assert "don't know anything about you yet" in first
    tacit.ask("ana", "I live in Porto and I work as a nurse.")
    tacit.ask("ana", "I'm vegetarian.")
    tacit.ask("ana", "Whenever I ask for a recipe, list the ingredients first.")
    tacit.ask("bo", "I live in Braga.")
    tacit.flush()
    calls = len(fake_model.history)
    shown = tacit.ask("ana", "What do you know about me?").shown
    assert len(fake_model.history) == calls
    for line in ("- Home city: Porto", "- Job: nurse", "- “I'm vegetarian.”",
                 "- Whenever I ask for a recipe, list the ingredients first."):
        assert line in shown, shown
    assert "Braga" not in shown


def test_a_forgotten_item_leaves_no_copy_in_the_turn_that_listed_it(tacit: Tacit) -> None:
    tacit.ask("ana", "I live in Porto.")
    tacit.flush()
    (fact,) = tacit.memory.items("ana", "fact")
    listed = tacit.ask("ana", "What do you know about me?")
    assert "Porto" in listed.shown
    (turn,) = [t for t in tacit.memory.turns("ana", listed.session_id)
               if t.id == listed.turn_id]
    assert turn.reply_text == STORED_AS and "Porto" not in json.dumps(turn.trace)
    held = tacit.threads.holding("ana", {fact.id})  # the conversation's checkpoint lists it
    assert held
    assert tacit.forget("ana", fact.id) >= 1
    assert tacit.threads.holding("ana", {fact.id}) == set()
    for thread in held:
        assert tacit.graph.checkpointer.get_tuple(
            {"configurable": {"thread_id": thread}}) is None
