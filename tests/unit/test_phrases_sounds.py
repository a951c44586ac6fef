"""The phrasebook says please once, and tells how a phrase sounds when the person asked for it
(a standing rule, or the request itself)."""

from __future__ import annotations

import re

import pytest

from agents.phrases import answer, catalog
from assistant.service import Tacit

LANGUAGES = ("french", "spanish", "italian", "german", "portuguese")
PRONOUNCE = "Whenever I ask how to say something in Spanish, also tell me how to pronounce it."


def spanish() -> list[str]:
    return ["Spanish"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_word_for_please_is_said_once(language: str) -> None:
    """"How do you say "the bill, please"?" of someone learning Spanish got "La cuenta, por
    favor, por favor": the comma kept the request from matching the book's "the bill please",
    and please was added to a translation that says it."""
    bill = next(p for p in catalog()["phrases"] if "the bill please" in p["says"])
    table = next(p for p in catalog()["phrases"] if "a table for two" in p["says"])
    name = language.capitalize()
    assert answer(f'How do you say "the bill, please" in {name}?') == f"In {name}: {bill[language]}"
    assert answer(f"How do I say can I have the bill, please in {name}?") == \
        f"In {name}: {bill[language]}"
    assert answer(f"How do I say please, a table for two in {name}?") == \
        f"In {name}: {table[language]}"


def test_please_is_still_added_where_the_phrase_lacks_it() -> None:
    assert answer('How do you say "the bill, please"?', spanish) == \
        "In Spanish: La cuenta, por favor"
    assert answer("How do I say 'I would like a coffee, please' in German?") == \
        "In German: Ich hätte gern einen Kaffee, bitte"
    assert answer("How do I say 'I would like a coffee, please'?", spanish) == \
        "In Spanish: Quisiera un café, por favor (or me gustaría un café)"
    # French writes a space before its question mark; please goes before both
    assert answer("How do I say where is the train station please in French?") == \
        "In French: Où est la gare, s'il vous plaît ?"


def test_a_rule_to_pronounce_puts_the_respelling_after_the_phrase() -> None:
    """"Whenever I ask how to say something in Spanish, also tell me how to pronounce it",
    then "How do I say "where is the bathroom"?" got only "In Spanish: ¿Dónde está el
    baño?"."""
    assert answer('How do I say "where is the bathroom"?', spanish, rules=[PRONOUNCE]) == \
        "In Spanish: ¿Dónde está el baño?\nSay it: DOHN-deh ehs-TAH ehl BAH-nyoh?"
    # the word for please is respelt with the phrase, in the same place
    assert answer("How do I say 'I would like a coffee, please'?", spanish,
                  rules=[PRONOUNCE]) == (
        "In Spanish: Quisiera un café, por favor (or me gustaría un café)\n"
        "Say it: kee-SYEH-rah oon kah-FEH, pohr fah-VOHR (or meh goos-tah-REE-ah oon kah-FEH)")
    # a rule naming no language holds for all of them
    anywhere = ["Always tell me how it sounds when I ask for a phrase."]
    assert answer("How do I say thank you in Italian?", rules=anywhere) == (
        "In Italian: Grazie (or grazie mille, thanks a lot)\n"
        "Say it: GRAHT-tsyeh (or GRAHT-tsyeh MEEL-leh)")


def test_no_rule_a_rule_for_another_language_or_against_it_gets_the_phrase_alone() -> None:
    bathroom = "In Spanish: ¿Dónde está el baño?"
    asked = 'How do I say "where is the bathroom"?'
    assert answer(asked, spanish, rules=[]) == bathroom
    assert answer(asked, spanish, rules=["When I ask how to say something in French, tell me "
                                         "how to pronounce it."]) == bathroom
    assert answer(asked, spanish, rules=["Don't tell me how to pronounce things."]) == bathroom
    assert answer("How do I say where is the bathroom in French?", spanish,
                  rules=[PRONOUNCE]) == "In French: Où sont les toilettes ?"
    # a list of words is left as it is
    verbs = answer("Give me three verbs to learn first", spanish, rules=[PRONOUNCE]) or ""
    assert verbs.startswith("Three Spanish verbs") and "Say it" not in verbs


def test_a_request_to_pronounce_a_phrase_gets_its_respelling() -> None:
    assert answer("How do I say and pronounce 'thank you' in French?") == (
        "In French: Merci (or merci beaucoup, thank you very much)\n"
        "Say it: mehr-SEE (or mehr-SEE boh-KOO)")
    assert answer("How do you pronounce 'good morning' in Italian?") == \
        "In Italian: Buongiorno\nSay it: bwohn-JOHR-noh"
    assert (answer("How do I say and pronounce 'thank you'?", spanish) or "").endswith(
        "\nSay it: GRAH-syahs (or MOO-chahs GRAH-syahs)")
    # without a language, "pronounce 'thank you'" may mean the English: the model's
    assert answer("How do you pronounce 'thank you'?", spanish) is None


def _shape(said: str) -> tuple[bool, str]:
    """Whether ``said`` has an aside in brackets, and its first part's end mark."""
    main = said.partition(" (")[0]
    return " (" in said, main[len(main.rstrip("?! ")):].strip()


def test_every_phrase_is_respelt_in_every_language_it_is_translated_into() -> None:
    """A respelling for each translation, in plain letters with a stressed syllable, shaped
    like the translation so the word for please goes in the same place in both."""
    for phrase in catalog()["phrases"]:
        languages = {key for key in phrase if key in catalog()["languages"]}
        assert languages == set(LANGUAGES), phrase["says"]
        assert set(phrase.get("sounds") or {}) == languages, phrase["says"]
        for language in languages:
            sounds = phrase["sounds"][language]
            assert re.fullmatch(r"[a-zA-Z ,/?!()…:-]+", sounds), (language, sounds)
            assert re.search(r"\b[A-Z]{2,}", sounds), (language, sounds)  # a stressed syllable
            assert _shape(sounds) == _shape(phrase[language]), (language, sounds)


def test_a_rule_told_first_brings_the_respelling_in_a_conversation(tacit: Tacit) -> None:
    tacit.ask("ana", "I'm learning Spanish.")
    tacit.flush()
    tacit.ask("ana", PRONOUNCE)
    done = tacit.ask("ana", 'How do I say "where is the bathroom"?')
    assert done.shown == "In Spanish: ¿Dónde está el baño?\nSay it: DOHN-deh ehs-TAH ehl BAH-nyoh?"
    assert tacit.ask("ana", 'How do you say "the bill, please"?').shown == \
        "In Spanish: La cuenta, por favor\nSay it: lah KWEHN-tah, pohr fah-VOHR"
