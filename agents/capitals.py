"""Capital cities, answered by code from ``data/capitals.yaml``: the bundled 135M model, asked
"What's the capital of Australia?", answered "The capital of Australia is Sydney."

Only a message that is essentially the question is answered: "What's the capital of Peru?",
"Is Sydney the capital of Australia?", "Which country is Canberra the capital of?", and "and
of Canada?" right after one of these. "capital gains tax", a trip to "the capital of Spain",
a place the data does not hold, or the question inside a longer request get "", and the model
answers those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from agents.bare_question import bare_question, plain
from agents.data_files import data_yaml


@dataclass(frozen=True)
class Country:
    """A country of ``data/capitals.yaml``; its names are held folded (see :func:`folded`)."""

    name: str  # as a sentence says it: "the Netherlands"
    capital: str
    names: tuple[str, ...]  # its name and the other names people use
    capital_names: tuple[str, ...]  # the capital's name and other names of that city
    cities: tuple[str, ...]  # other cities its ``reply`` names
    note: str  # a sentence added where the capital is often mistaken, or its role split
    reply: str  # the whole reply, where "The capital of X is Y." alone would mislead
    un_member: bool


# "capital": of a country; "check": is a city it; "country": whose capital is a city; "more":
# "and of Canada?" after one of these.
Kind = Literal["capital", "check", "country", "more"]
_CAPITAL = r"capital(?: city)?"
# What each kind of question looks like once read plainly (agents/bare_question.py), the
# courtesy around it gone.
_ASKED: tuple[tuple[Kind, str], ...] = (
    # "what is the capital city of france", "which city is the capital of canada"
    ("capital", rf"(?:and )?(?:(?:what|which)(?: city)?(?: is|s)? )?(?:the )?(?:name of the )?"
                rf"{_CAPITAL} of (?P<country>.+?)(?: called| is)?"),
    ("capital", rf"(?:and )?(?:what|which)(?: is|s) (?P<country>.+?) {_CAPITAL}"),
    ("capital", rf"(?P<country>.+?) {_CAPITAL}"),
    ("check", rf"(?:is|isnt) (?P<city>.+?) (?:really |actually |still )?(?:the )?{_CAPITAL} "
              rf"of (?P<country>.+?)"),
    ("country", rf"(?:which|what) (?:country|nation|state) (?:is|s) (?P<city>.+?) "
                rf"(?:the )?{_CAPITAL} of"),
    ("country", rf"(?:what|where) (?:is|s) (?P<city>.+?) (?:the )?{_CAPITAL} of"),
    ("country", rf"(?P<city>.+?) is (?:the )?{_CAPITAL} of (?:which|what)"
                rf"(?: country| nation| state)?"),
    ("country", rf"(?:which|what) (?:country|nation) has (?P<city>.+?) as (?:its|their|the) "
                rf"{_CAPITAL}"),
    ("country", rf"(?:which|what) (?:countrys?|nations?) {_CAPITAL} is (?P<city>.+?)"),
    # "and of Canada?", "what about Brazil?", "and Spain?": only after a capital question
    # ("and" itself goes with the courtesy: "and Spain?" is read as "spain")
    ("more", rf"(?:(?:and )?(?:what|how) about |and )?(?:the {_CAPITAL} of |of |for |in )?"
             rf"(?P<place>.+?)"),
)
_PATTERNS = tuple((kind, re.compile(asked)) for kind, asked in _ASKED)
# Words that name no place: "Is it the capital of Australia?", "what about us?" (unless
# written "US").
_NO_PLACE = frozenset({"it", "this", "that", "there", "here", "he", "she", "they", "us", "me",
                       "you", "them"})


def folded(text: str) -> str:
    """``text`` as names are compared: lower case, without accents, punctuation, spaces or a
    leading "the" ("Côte d'Ivoire", "Cote d Ivoire" and "cotedivoire" are one; "the UK" is
    "uk")."""
    return plain(text).removeprefix("the ").replace(" ", "")


@cache
def countries() -> tuple[Country, ...]:
    """Every country of ``data/capitals.yaml``, in the order written there."""
    return tuple(_read(raw) for raw in data_yaml("capitals.yaml")["countries"])


def _read(raw: dict[str, Any]) -> Country:
    """One entry of the file as a :class:`Country`."""
    name, capital = str(raw["name"]), str(raw["capital"])
    return Country(
        name=name, capital=capital,
        names=tuple(folded(str(n)) for n in [name, *raw.get("called", [])]),
        capital_names=tuple(folded(str(n)) for n in [capital, *raw.get("capital_called", [])]),
        cities=tuple(folded(str(n)) for n in raw.get("cities", [])),
        note=" ".join(str(raw.get("note", "")).split()),
        reply=" ".join(str(raw.get("reply", "")).split()),
        un_member=bool(raw.get("un_member", True)))


@cache
def _by_name() -> dict[str, Country]:
    return {name: c for c in countries() for name in c.names}


@cache
def _by_city() -> dict[str, tuple[Country, ...]]:
    found: dict[str, list[Country]] = {}
    for c in countries():
        for city in dict.fromkeys([*c.capital_names, *c.cities]):
            found.setdefault(city, []).append(c)
    return {city: tuple(held) for city, held in found.items()}


def country(name: str) -> Country | None:
    """The country a name people use stands for ("Holland", "the US", "Cote d'Ivoire"); a
    possessive is read too ("Australia's"). None when the data holds no such country."""
    key = folded(name)
    found = _by_name().get(key)
    if found is None and key.endswith("s"):
        found = _by_name().get(key[:-1])
    return found


def capital_reply(of: Country) -> str:
    """What Tacit says of a country's capital: "The capital of Australia is Canberra." and
    the note, or the country's own reply where the plain sentence would mislead."""
    if of.reply:
        return of.reply
    return " ".join(filter(None, [_ended(f"The capital of {of.name} is {of.capital}"), of.note]))


def _ended(sentence: str) -> str:
    """The sentence with one full stop ("Washington, D.C." keeps its own)."""
    return sentence if sentence.endswith(".") else sentence + "."


def _checked(city: str, place: str) -> str:
    """The reply to "Is <city> the capital of <place>?": yes or no, then the capital; a
    country with its own reply gets that, which names the cities itself."""
    named = country(place)
    if named is None or folded(city) in _NO_PLACE:
        return ""
    said = capital_reply(named)
    if named.reply:
        return said
    right = folded(city) in named.capital_names
    return ("Yes: " if right else "No: ") + said[0].lower() + said[1:]


def _whose(city: str) -> str:
    """The reply to "Which country is <city> the capital of?", "" for a city not held.
    A city that is the capital of two entries names both ("London is the capital of the
    United Kingdom and of England.")."""
    held = _by_city().get(folded(city), ())
    plain = [c for c in held if not c.reply]
    said = [c.reply for c in held if c.reply]
    if plain:
        names = " and of ".join(c.name for c in plain)
        note = plain[0].note if len(plain) == 1 else ""
        lead = _ended(f"{plain[0].capital[0].upper()}{plain[0].capital[1:]} is the capital "
                      f"of {names}")
        said.insert(0, " ".join(filter(None, [lead, note])))
    return " ".join(said)


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str:
    """The reply to a message that is essentially a capital question, or "".

    ``recent`` is the conversation's earlier exchanges ({"user": ..., "assistant": ...}): "and
    of Canada?" or "what about Brazil?" is answered only when the last one asked a capital
    question too.
    """
    said = bare_question(message)
    if not said:
        return ""
    for kind, pattern in _PATTERNS:
        found = pattern.fullmatch(said)
        reply = _reply(kind, found, message, recent or []) if found else ""
        if reply:
            return reply
    return ""


def _reply(kind: Kind, found: re.Match[str], message: str, recent: list[dict[str, str]]) -> str:
    """The reply to one kind of capital question, as matched in ``message``; "" when it names
    no place the data holds, or goes on from something other than a capital question."""
    if kind == "capital":
        named = country(found["country"])
        return capital_reply(named) if named else ""
    if kind == "check":
        return _checked(found["city"], found["country"])
    if kind == "country":
        return _whose(found["city"])
    if not recent or not answer(recent[-1].get("user", ""), recent[:-1]):
        return ""
    if found["place"] in _NO_PLACE and not re.search(r"\bU\.?S\b", message):
        return ""  # "and you?", "what about us?": no place; "what about US?" names one
    named = country(found["place"])
    return capital_reply(named) if named else _whose(found["place"])


# "the capital of Spain" said inside a request ("I'm visiting the capital of Spain next week,
# what should I see?"): the model sent that visit to Seville.
_NAMED = re.compile(r"\bthe (?:capital|capital city) of "
                    r"((?:the )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})")


def with_capitals(message: str) -> str:
    """``message`` with each "the capital of <country>" it holds replaced by the city's name
    ("the capital of Spain" -> "Madrid"), for the replies that go by a city's name; the
    message as it is when it names no country the data holds."""
    def named(found: re.Match[str]) -> str:
        words = found[1].split()
        for end in range(len(words), 0, -1):  # "Spain next" is no country; "Spain" is
            held = country(" ".join(words[:end]))
            if held is not None and not held.reply:
                return held.capital + (" " + " ".join(words[end:]) if words[end:] else "")
        return found[0]
    return _NAMED.sub(named, message)

