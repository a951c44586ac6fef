"""Settled facts people often ask, answered by code from ``data/common_facts.yaml``: the bundled
135M model, asked "How many days are there in a leap year?", answered "Alejandro, a
Spanish-American astronaut", and put Everest at "8,937.25 meters".

Only a message that is essentially one of the file's questions is answered, with at most a
short courtesy around it ("hey, quick question: how many days in February?", "what's the
tallest mountain in the world, please?"). The same words inside a longer request ("I'm
climbing the tallest mountain in Wales next week, what should I pack?"), a question whose
answer depends on today ("how many days until Christmas"), or anything the file does not hold
("how many calories in an egg") get "", and the model answers those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.bare_question import bare_question
from agents.data_files import data_yaml, filled
from memory.text import units_pattern


@dataclass(frozen=True)
class Fact:
    """One fact of ``data/common_facts.yaml``: its name there, the questions it answers (each
    matched against a whole folded question) and the reply."""

    name: str
    asked: tuple[re.Pattern[str], ...]
    answer: str


# An indirect question's order ("do you know what the tallest mountain is") turned back
# into the direct one ("what is the tallest mountain"), and "how many days a leap year has"
# into "how many days does a leap year have".
_INDIRECT = re.compile(r"(?P<ask>what|which|how (?:many [a-z]+|much|far|long|big|tall|high|"
                       r"deep|fast|old|heavy|large)) (?P<rest>.+) (?P<verb>is|are)")
_INDIRECT_HAS = re.compile(r"(?P<ask>how many [a-z]+) (?!does |do )(?P<rest>.+) (?:has|have)")


@cache
def facts() -> tuple[Fact, ...]:
    """Every fact of ``data/common_facts.yaml``, in the order written there."""
    raw = data_yaml("common_facts.yaml")
    pieces = {str(k): str(v) for k, v in raw["pieces"].items()}
    return tuple(_read(str(name), spec, pieces) for name, spec in raw["facts"].items())


def _read(name: str, spec: dict[str, Any], pieces: dict[str, str]) -> Fact:
    """One entry of the file as a :class:`Fact`, its patterns compiled with the pieces filled
    in."""
    asked = tuple(re.compile(filled(str(p), pieces)) for p in spec["asked"])
    return Fact(name=name, asked=asked, answer=" ".join(str(spec["answer"]).split()))


def questions(message: str) -> tuple[str, ...]:
    """The question ``message`` asks, folded as the file's patterns are written, without
    the courtesy around it: as written, and turned direct when it was asked indirectly.
    Empty for a message too long to be one question."""
    core = bare_question(message)
    if not core:
        return ()
    forms = [core]
    indirect = _INDIRECT.fullmatch(core)
    if indirect:
        forms.append(f"{indirect['ask']} {indirect['verb']} {indirect['rest']}")
    has = _INDIRECT_HAS.fullmatch(core)
    if has:
        forms.append(f"{has['ask']} does {has['rest']} have")
    return tuple(f for f in forms if f)


def asked(message: str) -> tuple[Fact, ...]:
    """Every fact whose question ``message`` is (the file keeps it to one, or to facts that
    give the same reply)."""
    forms = questions(message)
    return tuple(fact for fact in facts()
                 if any(p.fullmatch(form) for p in fact.asked for form in forms))


def answer(message: str, recent: list[dict[str, str]] | None = None,
           units: Callable[[], str] | None = None) -> str:
    """The reply to a message that is essentially one of the file's questions, or "", its
    measures in the person's ``units`` ("metric" or "imperial", read only for a reply that
    gives a measure; both, as the file writes them, when unknown).

    ``recent`` (the conversation's earlier exchanges) is not read: each of these questions is
    whole in itself, and it is taken so every answering module is called the same way.
    """
    found = asked(message)
    if not found:
        return ""
    reply = found[0].answer
    system = units() if units is not None and "(" in reply else ""
    return in_units(reply, system) if system in ("metric", "imperial") else reply


# A measure as the file writes it before its other system's in brackets: "8,849 metres",
# "about 14 million km²", "343 metres a second", "100 °C".
_MEASURE = (r"[−-]?\d[\d,.]*(?: (?:million|billion|trillion))?\s?(?:°\s?)?[a-zA-Z²/]+"
            r"(?: (?:a|per) (?:second|hour))?")


def in_units(text: str, system: str) -> str:
    """``text`` with its measures in ``system`` only: the file gives each measure metric first,
    the imperial one in brackets after it ("8,849 metres (29,032 feet)"). Someone who uses
    metric loses the brackets; someone who uses imperial gets the bracket in the measure's
    place ("29,032 feet"). A person who said which they use asked for that alone."""
    mine, other = units_pattern(system), units_pattern(
        "imperial" if system == "metric" else "metric")
    if system == "imperial":
        text = re.sub(rf"{_MEASURE}\s*\((?P<mine>(?=[^()]*(?:{mine}))[^()]*)\)",
                      lambda found: found["mine"], text, flags=re.IGNORECASE)
    return re.sub(rf"\s*\((?=[^()]*(?:{other}))[^()]*\)", "", text, flags=re.IGNORECASE)
