"""Hard news told with nothing asked, answered by code (``data/hard_news.yaml``).

"hey. rough week. my girlfriend left me and I got made redundant on the same day" got, from the
bundled model, "as a career advisor, my role is more focused on helping people achieve their
goals". A message that only tells of a break-up or a lost job gets a short word of sympathy
that names it and asks how they are. Anything asked, or
anything else said, leaves the reply to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.capture import own_words
from agents.data_files import data_yaml
from memory.text import sentences

# Where one thing told ends and the next begins.
_CLAUSES = re.compile(r",?\s+(?:and|but|then|plus)\s+|[,;:]\s+|\s+[-–—]\s+", re.IGNORECASE)
_MOST_CHARS = 300


@dataclass(frozen=True)
class Kind:
    named: str                  # how the reply names it ("a break-up")
    told: re.Pattern[str]       # a clause that tells it
    reply: str                  # its own reply, or "" for the shared one
    with_: tuple[tuple[re.Pattern[str], str], ...]  # clauses that may come with it, and adds


@cache
def _catalog() -> tuple[tuple[Kind, ...], re.Pattern[str], re.Pattern[str], str]:
    raw: dict[str, Any] = data_yaml("hard_news.yaml")
    kinds = tuple(Kind(str(spec["named"]), re.compile(spec["told"]),
                       " ".join(str(spec.get("reply") or "").split()),
                       tuple((re.compile(w["said"]), str(w["adds"]))
                             for w in spec.get("with") or ()))
                  for spec in raw["kinds"].values())
    return kinds, re.compile(raw["asides"]), re.compile(raw["when"]), " ".join(
        str(raw["reply"]).split())


def _told(clause: str, kinds: list[Kind]) -> Kind | str | None:
    """The kind of hard news the clause tells, "" for an aside, what it adds when it goes with
    news told in the message (``kinds``: each kind whose news it tells), None for anything
    else."""
    every, asides, when, _ = _catalog()
    said = when.sub("", clause.replace("\u2019", "'").lower().strip(" .!,"))
    if not said or asides.match(said):
        return ""
    for kind in every:
        found = kind.told.match(said)
        if found and not said[found.end():].strip(" .!"):
            return kind
    adds = [a for kind in kinds for pattern, a in kind.with_ if pattern.match(said)]
    return " " + adds[0] if adds and adds[0] else "" if adds else None


def answer(message: str) -> str | None:
    """The word of sympathy for a message that only tells hard news, or None."""
    text = own_words(message).strip()
    if not text or len(text) > _MOST_CHARS or "?" in text or "\n" in text:
        return None
    clauses = [c for s in sentences(text) for c in _CLAUSES.split(s)]
    kinds = [k for c in clauses if isinstance(k := _told(c, []), Kind)]
    adds: list[str] = []
    for clause in clauses:
        told = _told(clause, kinds)
        if told is None:
            return None
        adds += [told] if isinstance(told, str) and told.strip() else []
    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        return None
    what = kinds[0].named if len(kinds) == 1 else \
        ", ".join(k.named for k in kinds[:-1]) + f" and {kinds[-1].named}"
    reply = kinds[0].reply if len(kinds) == 1 and kinds[0].reply else _catalog()[3]
    return reply.format(named=what[0].upper() + what[1:], adds="".join(adds),
                        at_once=" all at once" if len(kinds) > 1 else "")
