"""Explanations of everyday ideas, written by code (``data/explanations.yaml``).

"can you explain what inflation is?" got, from the bundled model, that inflation "makes things
easier for people who are already struggling with their finances"; "can you explain compound
interest simply?" got "$200 at 3% ... your total earnings will be $40 (the result is 6 times
that amount)". A request to explain one of the ideas in the bank (money, science, technology
people meet every day) gets its explanation, shaped by what Tacit knows of how the person
likes to learn: a picture from everyday life for those who learn by analogies, a worked
example for those who learn from examples, the next level of detail for those who want
detailed answers or know the field, and the gist alone for those who want short answers.
A question about their own figures or a choice to make ("should I ...", "my credit score")
is left to the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.data_files import data_pattern, data_yaml
from memory.text import sentences

_MOST_CHARS = 160
_BRIEF_SENTENCES = 2


@dataclass(frozen=True)
class Idea:
    topic: str
    called: re.Pattern[str]
    spec: dict[str, Any]


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("explanations.yaml")


def _pattern(key: str) -> re.Pattern[str]:
    return data_pattern("explanations.yaml", key)


@cache
def ideas() -> tuple[Idea, ...]:
    return tuple(Idea(str(i["topic"]), re.compile(rf"\b(?:{i['called']})\b", re.IGNORECASE), i)
                 for i in catalog()["ideas"])


def asked(message: str) -> Idea | None:
    """The idea ``message`` asks to have explained, or None."""
    text = message.strip()
    if len(text) > _MOST_CHARS or not _pattern("asks").search(text) or \
            _pattern("not").search(text):
        return None
    found = [i for i in ideas() if i.called.search(text)]
    return found[0] if len(found) == 1 else None  # two ideas asked apart: the model


def answer(message: str, recent: list[dict[str, str]] | None = None,
           preferences: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
           short: bool = False) -> str | None:
    """The explanation of the idea ``message`` asks about, shaped by ``preferences`` (the
    person's detail, expertise and learning style as the profile holds them, or what reads
    them, called only when an idea is asked about), or, right after one, the part asked for
    next ("tell me more", "can you give me an example?"); None when it asks about none in the
    bank. ``short``: the person asked for short answers in a standing rule."""
    idea = asked(message)
    if idea is None:
        return _next_part(message, recent)
    known = (preferences() if callable(preferences) else preferences) or {}
    style, spec = known.get("learning_style"), idea.spec
    if short or known.get("detail") == "brief" or _pattern("short").search(message):
        gist = " ".join(sentences(spec["simple"])[:_BRIEF_SENTENCES])
        extra = spec["analogy"] if style == "analogies" else \
            spec["example"] if style == "examples" else ""
        return f"{gist} {extra}".strip()
    parts = [spec["simple"]]
    parts += [spec["analogy"]] if style in (None, "analogies") else []
    parts += [_example(spec)] if style in (None, "examples", "steps") else []
    if known.get("detail") == "detailed" or known.get("expertise") == "expert" or \
            _pattern("deeper").search(message):
        parts.append(spec["more"])
    return "\n\n".join(str(p) for p in parts)


def _example(spec: dict[str, Any]) -> str:
    example = str(spec["example"])
    return example if _pattern("example_lead").match(example) else \
        f"{catalog()['said']['example']} {example}"


def _next_part(message: str, recent: list[dict[str, str]] | None) -> str | None:
    """After an explanation, the part asked for next: more detail, an example, or a simpler
    picture; None for any other message."""
    if not recent or len(message) > _MOST_CHARS:
        return None
    said = recent[-1].get("said") or recent[-1].get("assistant") or ""
    idea = next((i for i in ideas() for part in ("simple", "more", "example", "analogy")
                 if sentences(str(i.spec[part]))[0] in said), None)
    if idea is None:
        return None
    for key, part in (("more_asked", "more"), ("example_asked", "example"),
                      ("simpler_asked", "analogy")):
        if _pattern(key).search(message):
            text = _example(idea.spec) if part == "example" else str(idea.spec[part])
            return None if text in said else text
    return None
