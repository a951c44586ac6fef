"""Hard news told with nothing asked, answered by code (``data/hard_news.yaml``).

"hey. rough week. my girlfriend left me and I got made redundant on the same day" got, from the
bundled model, "as a career advisor, my role is more focused on helping people achieve their
goals". A message that only tells of a break-up or a lost job gets a short word of sympathy
that names it and asks how they are. Anything asked, or
anything else said, leaves the reply to the model.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from agents.capture import own_words
from agents.data_files import data_yaml
from memory.text import sentences

# Where one thing told ends and the next begins.
_CLAUSES = re.compile(r",?\s+(?:and|but|then|plus)\s+|[,;:]\s+|\s+[-–—]\s+", re.IGNORECASE)
_MOST_CHARS = 300


@cache
def _catalog() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str],
                        re.Pattern[str], str]:
    raw: dict[str, Any] = data_yaml("hard_news.yaml")
    kinds = tuple((str(spec["named"]), re.compile(spec["told"]))
                  for spec in raw["kinds"].values())
    return kinds, re.compile(raw["asides"]), re.compile(raw["when"]), " ".join(
        str(raw["reply"]).split())


def _told(clause: str) -> str | None:
    """What hard news the clause tells ("a break-up"), "" for an aside, None for anything
    else."""
    kinds, asides, when, _ = _catalog()
    said = when.sub("", clause.replace("\u2019", "'").lower().strip(" .!,"))
    if not said or asides.match(said):
        return ""
    for named, told in kinds:
        found = told.match(said)
        if found and not said[found.end():].strip(" .!"):
            return named
    return None


def answer(message: str) -> str | None:
    """The word of sympathy for a message that only tells hard news, or None."""
    text = own_words(message).strip()
    if not text or len(text) > _MOST_CHARS or "?" in text or "\n" in text:
        return None
    named: list[str] = []
    for sentence in sentences(text):
        for clause in _CLAUSES.split(sentence):
            told = _told(clause)
            if told is None:
                return None
            if told and told not in named:
                named.append(told)
    if not named:
        return None
    what = named[0] if len(named) == 1 else ", ".join(named[:-1]) + f" and {named[-1]}"
    return _catalog()[3].format(named=what[0].upper() + what[1:],
                                at_once=" all at once" if len(named) > 1 else "")
