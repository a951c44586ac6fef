"""A traveller's phrasebook: a phrase of the book in one of its languages is answered by code,
anything else goes to the model."""

from __future__ import annotations

from agents.phrases import answer
from assistant.service import Tacit


def test_a_phrase_of_the_book_is_translated_and_anything_else_is_left_to_the_model() -> None:
    """"How do I say 'where is the train station' in French?" got "on dit « à la station » (on
    the left)"."""
    assert answer("How do I say 'where is the train station' in French?") == \
        "In French: Où est la gare ?"
    assert answer("what's the word for please in German?") == "In German: Bitte"
    assert answer("translate the bill please into Italian") == \
        "In Italian: Il conto, per favore"
    assert answer("how do I say 'the cat is on the table' in French?") is None
    assert answer("how do I say hello in Japanese?") is None
    assert answer("what is the time in Paris?") is None


def test_a_phrase_asked_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    assert tacit.ask("ana", "what's thank you in Spanish?").shown.startswith(
        "In Spanish: Gracias")
