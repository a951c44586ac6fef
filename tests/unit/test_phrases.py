"""A traveller's phrasebook: a phrase of the book in one of its languages is answered by code,
anything else goes to the model."""

from __future__ import annotations

from agents.phrases import answer, asked
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


def test_a_coffee_asked_for_and_the_bill_asked_for_are_in_the_book() -> None:
    """"How do I say 'I would like a coffee' in Spanish?" got "Ella de la comida" or "El
    cielo"."""
    assert answer("How do I say 'I would like a coffee' in Spanish?") == \
        "In Spanish: Quisiera un café (or me gustaría un café)"
    assert answer("How do I ask for the bill in Italian?") == "In Italian: Il conto, per favore"
    assert answer("How do I ask for directions in French?") is None


def test_a_phrase_asked_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    assert tacit.ask("ana", "what's thank you in Spanish?").shown.startswith(
        "In Spanish: Gracias")


def test_a_learner_s_phrase_and_first_words_come_in_the_language_they_learn(
        tacit: Tacit) -> None:
    """Someone learning Spanish asked "Give me 5 common verbs to learn first." and got "1. to
    learn 2. in learning 3. for learning", and "Give me words for food." got "Alimentación
    (kitchen)"; "How do I say 'where is the train station'?" got it back in English."""
    spanish = lambda: ["Spanish"]  # noqa: E731
    assert answer("How do I say 'where is the train station'?", spanish) == \
        "In Spanish: ¿Dónde está la estación de tren?"
    assert answer("How do I say 'where is the train station'?") is None  # no language known
    assert answer("What's the Spanish for thank you?", lambda: []).startswith(
        "In Spanish: Gracias")
    verbs = answer("Give me 5 common verbs to learn first.", spanish) or ""
    assert verbs.startswith("Five Spanish verbs to learn first, each with an example:")
    assert verbs.count("\n- ") == 5 and "- ser (to be" in verbs and "(I'm from London.)" in verbs
    food = answer("Give me words for food.", spanish) or ""
    assert food.startswith("Eight Spanish words for food") and "- el pan (bread):" in food
    assert (answer("Teach me the numbers in German", spanish) or "").startswith(
        "The numbers one to ten in German:\n- eins, zwei, drei")
    # Words are asked for in so many words, or the language is named
    assert answer("Give me some colours for the living room", spanish) is None
    assert answer("Give me 5 ideas for dinner", spanish) is None
    assert answer("How do I say no to my boss?", spanish) is None
    assert asked("Give me words for food.") and not asked("Give me a word for happy")
    done = tacit.ask("ana", "I'm learning Italian.")
    tacit.flush()
    done = tacit.ask("ana", "Give me three verbs to learn first")
    assert done.shown == "\n".join([
        "Three Italian verbs to learn first, each with an example:",
        "- essere (to be): Sono di Londra. (I'm from London.)",
        "- avere (to have): Ho due figli. (I have two children.)",
        "- andare (to go): Vado alla stazione. (I'm going to the station.)"])
    assert "Assumed" not in tacit.ask("ana", "Give me words for food.").shown


def test_a_phrase_asked_with_please_gets_the_word_for_please() -> None:
    """"How do I say 'I would like a coffee, please'?", of someone learning Spanish, got "El
    comer (Coffee) por la manzana." from the model."""
    spanish = lambda: ("Spanish",)  # noqa: E731
    assert answer("How do I say 'I would like a coffee, please'?", spanish) == \
        "In Spanish: Quisiera un café, por favor (or me gustaría un café)"
    assert answer("How do I say where is the train station please?", spanish) == \
        "In Spanish: ¿Dónde está la estación de tren, por favor?"
    assert answer("How do I say a coffee please in French?") == \
        "In French: Un café, s'il vous plaît"  # a phrase of the book with its please


def test_what_a_traveller_says_to_find_a_doctor_is_in_the_book() -> None:
    """"How do you say 'I need a doctor' in Spanish?" got "derecho de medicina"."""
    assert answer("How do you say 'I need a doctor' in Spanish?") == \
        "In Spanish: Necesito un médico"
    assert answer("How do I say where is the pharmacy in German?") == \
        "In German: Wo ist die Apotheke?"
    assert answer("How do I say where is the hospital in French?") == \
        "In French: Où est l'hôpital ?"
