"""A traveller's phrasebook and a learner's first words, written by code (``data/phrases.yaml``).

"How do I say 'where is the train station' in French?" got, from the bundled model, "on dit « à
la station » (on the left)"; someone learning Spanish who asked for five verbs to learn first
got "to learn, in learning, for learning". A phrase of the book, or a list of its words (first
verbs, food, numbers, days, colours, family), asked for in French, Spanish, Italian, German or
Portuguese gets its translation; without a language named, the one they said they are
learning is meant. Any other phrase or language goes to the model.

Code writes the reply, so the model never sees a standing rule for it: "Whenever I ask how to
say something in Spanish, also tell me how to pronounce it" got no pronunciation. A phrase
comes with its respelling when a rule (for its language, or for none named) or the request
asks how it is said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from agents.data_files import data_yaml
from memory.text import negated

_ASKED = re.compile(
    r"^\W*(?:(?:hey|hi|ok(?:ay)?|so|and|please|quick question)\W+)*(?:(?:can|could|would|will) "
    r"you (?:please )?)?(?:how (?:do|would|can|could|should) (?:i|you|we) (?:say(?: and "
    r"pronounce)?|pronounce)|what(?:'s| is)(?: the (?:\w+ )?(?:word|phrase) for)?|translate|"
    r"how to (?:say(?: and pronounce)?|pronounce)|say|how (?:do|would|can|could|"
    r"should) (?:i|you|we) ask for)\s+(?P<what>.+?)\s+(?:in|into|"
    r"to)\s+(?P<language>[a-z ]+?)(?:\s+(?:for me|please))*\W*$", re.IGNORECASE)
# "What's the Spanish for thank you?", "what is the French word for goodbye?"
_ASKED_AS = re.compile(
    r"^\W*(?:(?:hey|hi|ok(?:ay)?|so|and|please|quick question)\W+)*what(?:'s| is) the "
    r"(?P<language>[a-z]+) (?:(?:word|phrase|way to say) )?for\s+(?P<what>.+?)\W*$",
    re.IGNORECASE)
# The same asked of the language they are learning, which goes without saying ("how do you
# pronounce 'thank you'?" alone may mean the English, so is left to the model).
_ASKED_PLAIN = re.compile(
    r"^\W*(?:(?:hey|hi|ok(?:ay)?|so|and|please|quick question)\W+)*(?:how (?:do|would|can|could|"
    r"should) (?:i|you|we)|how to) say(?: and pronounce)?\s+(?P<what>.+?)\W*$", re.IGNORECASE)


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("phrases.yaml")


def _plain(text: str) -> str:
    """``text`` as the book's ``says`` are written: lower case, no quotes, commas or end marks
    ("the bill, please" is "the bill please")."""
    text = text.strip().strip("\"'‘’“”").strip()
    return re.sub(r"[?!.]+$", "", text.replace("’", "'").replace(",", "")).strip().lower()


def _language(said: str) -> str | None:
    """The book's name of a language as ``said`` ("Spanish", "in Spain"), or None."""
    return next((name for name, words in catalog()["languages"].items()
                 if re.fullmatch(words, said.strip(), re.IGNORECASE)), None)


def _learnt(learning: Callable[[], Sequence[str]]) -> str | None:
    """The one language of the book they said they are learning, or None."""
    known = {name for said in learning() if (name := _language(said))}
    return next(iter(known)) if len(known) == 1 else None


def _named(text: str) -> list[str]:
    """The book's languages ``text`` names, in the book's order."""
    return [name for name, said in catalog()["languages"].items()
            if re.search(rf"\b(?:{said})\b", text, re.IGNORECASE)]


def _nothing() -> Sequence[str]:
    return ()


def answer(message: str, learning: Callable[[], Sequence[str]] = _nothing, *,
           rules: Sequence[str] = ()) -> str | None:
    """The translation of a phrase of the book, or a list of its words, asked for in one of
    its languages (named, or the one ``learning`` reads), or None. The phrase comes with how
    to say it when the request or one of ``rules`` (the person's standing instructions) asks
    how it sounds."""
    text = " ".join(message.split())
    asked = _ASKED.match(text) or _ASKED_AS.match(text)
    language = _language(asked["language"]) if asked else None
    if asked is None and (asked := _ASKED_PLAIN.match(text)) is not None:
        language = _learnt(learning)
    if asked is None:
        return words(text, learning)
    what = _plain(asked["what"])
    # "I would like a coffee, please": the phrase, and the word for please after it
    bare = _PLEASE.sub("", what)
    phrase = _phrase(what) or _phrase(bare)
    if language is None or phrase is None:
        return None
    said, sounds = _said(phrase, language, please=bare != what and what not in phrase["says"])
    reply = catalog()["said"]["one"].format(language=language.capitalize(), phrase=said)
    if _sounds_asked(text[:asked.start("what")], rules, language):
        reply += "\n" + catalog()["said"]["sounds"].format(sounds=sounds)
    return reply


_PLEASE = re.compile(r"^please\s+|\s+please$")


def _said(phrase: dict[str, Any], language: str, *, please: bool) -> tuple[str, str]:
    """The phrase in ``language`` and its respelling; with the word for please when asked
    ``please``, unless the translation says it already ("La cuenta, por favor")."""
    said, sounds = str(phrase[language]), str(phrase["sounds"][language])
    word = _phrase("please")
    if not please or word is None or str(word[language]).lower() in said.lower():
        return said, sounds
    written = str(word[language])
    return (_with_please(said, written[:1].lower() + written[1:]),
            _with_please(sounds, str(word["sounds"][language])))


def _with_please(said: str, please: str) -> str:
    """``said`` with ``please`` after its first part, before its end mark and any aside."""
    main, bracket, rest = said.partition(" (")
    core = main.rstrip("?! ")
    return f"{core}, {please}{main[len(core):]}" + (f" ({rest}" if bracket else "")


def _sounds_asked(request: str, rules: Sequence[str], language: str) -> bool:
    """Whether the request, or a standing rule for ``language`` or for no language named, asks
    how a phrase is said aloud."""
    asks = catalog()["sounds_asked"]
    if re.search(asks, request, re.IGNORECASE):
        return True
    return any(re.search(asks, rule, re.IGNORECASE) and not negated(rule)
               and (not (named := _named(rule)) or language in named) for rule in rules)


def _phrase(what: str) -> dict[str, Any] | None:
    """The book's phrase said as ``what`` (plain, as :func:`_plain` writes it), or None."""
    return next((p for p in catalog()["phrases"] if what in p["says"]), None)


def words(message: str, learning: Callable[[], Sequence[str]] = _nothing) -> str | None:
    """A list of the book's words with examples, for a request for them in a language of the
    book (named, else the one learnt), or None."""
    book = catalog()
    if "?" in message[:-1] or not (re.search(book["words_asked"], message, re.IGNORECASE)
                                   and re.search(book["words_named"], message, re.IGNORECASE)):
        return None
    named = _named(message)
    # Unnamed, the language learnt is meant only when words are asked for in so many words
    # ("some colours for the living room" is no lesson).
    language = named[0] if len(named) == 1 else None if named else \
        _learnt(learning) if _WORDS.search(message) else None
    topic = next((t for t in book["words"].values()
                  if re.search(t["asks"], message, re.IGNORECASE)), None)
    if language is None or topic is None:
        return None
    listed = topic[language]
    asked = _HOW_MANY.search(message)
    if asked and len(listed) > 2:  # a list of words, each its own line: as many as asked
        wanted = int(asked[1]) if asked[1].isdigit() else _NUMBER[asked[1].lower()]
        listed = listed[:max(1, min(len(listed), wanted))]
    return "\n".join([topic["lead"].format(language=language.capitalize(),
                                            count=_NUMBERS[len(listed)].capitalize()),
                      *(f"- {w}" for w in listed)])


_WORDS = re.compile(r"\b(?:words?|vocab\w*|verbs?)\b", re.IGNORECASE)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBER = {word: n for n, word in enumerate(_NUMBERS) if n}
_HOW_MANY = re.compile(r"\b(\d{1,2}|" + "|".join(_NUMBERS[1:]) + r")\b(?= (?:\w+ ){0,3}"
                       r"(?:words?|verbs?|colou?rs))", re.IGNORECASE)


def asked(message: str) -> bool:
    """Whether ``message`` asks the book for a phrase or words, in whichever language they
    learn: no taste of theirs bears on the answer."""
    return answer(message, lambda: ("spanish",)) is not None
