"""News told with nothing asked, answered by code: hard news (``data/hard_news.yaml``) and good
news (``data/good_news.yaml``).

"hey. rough week. my girlfriend left me and I got made redundant on the same day" got, from the
bundled model, "as a career advisor, my role is more focused on helping people achieve their
goals"; "I just got promoted at work!" got "It's a common situation". A message that only tells
of a break-up or a lost job gets a short word of sympathy that names it and asks how they are;
one that only tells of a promotion, a new job or an engagement gets congratulations. Anything
asked, or anything else said, leaves the reply to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.capture import own_words
from agents.data_files import data_yaml
from agents.safety_detect import without_introduction
from memory.text import sentences

# Where one thing told ends and the next begins.
# "My wife and I are separating" is one clause
_CLAUSES = re.compile(r",?\s+(?:and|but|then|plus)\s+(?!i (?:are|'re|were|have)\b)|[,;:]\s+|"
                      r"\s+[-–—]\s+", re.IGNORECASE)
_MOST_CHARS = 300


@dataclass(frozen=True)
class Kind:
    named: str                  # how the reply names it ("a break-up")
    told: re.Pattern[str]       # a clause that tells it
    reply: str                  # its own reply, or "" for the shared one
    with_: tuple[tuple[re.Pattern[str], str], ...]  # clauses that may come with it, and adds


HARD = "hard_news.yaml"
GOOD = "good_news.yaml"


@cache
def _catalog(name: str = HARD) -> tuple[tuple[Kind, ...], re.Pattern[str], re.Pattern[str],
                                        str]:
    raw: dict[str, Any] = data_yaml(name)
    kinds = tuple(Kind(str(spec["named"]), re.compile(spec["told"]),
                       " ".join(str(spec.get("reply") or "").split()),
                       tuple((re.compile(w["said"]), str(w["adds"]))
                             for w in spec.get("with") or ()))
                  for spec in raw["kinds"].values())
    return kinds, re.compile(raw["asides"]), re.compile(raw["when"]), " ".join(
        str(raw["reply"]).split())


def _kind_of(said: str, name: str) -> Kind | None:
    """The kind of news a clause (read lower case) tells in full, or None."""
    for kind in _catalog(name)[0]:
        found = kind.told.match(said)
        if found and not said[found.end():].strip(" .!"):
            return kind
    return None


def answer(message: str, name: str = HARD) -> str | None:
    """The word of sympathy for a message that only tells hard news (or, of ``GOOD``, the
    congratulations for good news), or None."""
    # "Hello. My name is Arthur, I'm 74. My wife Margaret passed away last month." is news told
    # by someone introducing themselves: who they are is kept by what Tacit learns
    text = without_introduction(own_words(message).strip())
    # A question goes with the news only where the kind says so ("..., what should I do?" with
    # a phone dropped in water); any other question leaves the reply to the model.
    if not text or len(text) > _MOST_CHARS or "\n" in text:
        return None
    _, asides, when, _ = _catalog(name)
    told: list[tuple[str, Kind]] = []
    rest: list[str] = []  # clauses neither news nor an aside: each must go with the news
    for clause in (c for s in sentences(text) for c in _CLAUSES.split(s)):
        said = when.sub("", clause.replace("\u2019", "'").lower().strip(" .!,"))
        if not said or asides.match(said):
            continue
        kind = _kind_of(said, name)
        if kind is not None:
            told.append((said, kind))
        else:
            rest.append(said)
    # "I'm exhausted" told with a temper lost is part of that news, not news of its own
    rest += [said for said, kind in told if any(
        other is not kind and any(p.match(said) for p, _ in other.with_) for _, other in told)]
    kinds = [kind for said, kind in told if said not in rest]
    adds: list[str] = []
    if "?" in text and not rest:
        return None  # the news itself asked: "My flight got cancelled?"
    for said in rest:  # "I feel like it's my fault" with the news of a divorce
        found = [a for kind in kinds for pattern, a in kind.with_ if pattern.match(said)]
        if not found:
            return None
        adds += [f" {found[0]}"] if found[0] else []
    kinds = list(dict.fromkeys(kinds))
    if not kinds:
        return None
    what = kinds[0].named if len(kinds) == 1 else \
        ", ".join(k.named for k in kinds[:-1]) + f" and {kinds[-1].named}"
    reply = kinds[0].reply if len(kinds) == 1 and kinds[0].reply else _catalog(name)[3]
    return reply.format(named=what[0].upper() + what[1:], said=what, adds="".join(adds),
                        at_once=" all at once" if len(kinds) > 1 else "")


_THANKS = re.compile(r"^\W*(?:thanks?|thank you|cheers|ta)\b", re.IGNORECASE)


def how_they_are(message: str, recent: list[dict[str, str]] | None) -> str | None:
    """After a word of sympathy that asked how they are, the reply to their short answer ("I
    think I'm ok, just tired", "not great"), or None for any other message."""
    last = (recent or [{}])[-1]
    shown = last.get("said") or last.get("assistant") or ""
    raw: dict[str, Any] = data_yaml(HARD)
    text = own_words(message).strip().replace("\u2019", "'")
    if not re.search(raw["asked_how"], shown, re.IGNORECASE) or not text or "?" in text \
            or len(text) > _MOST_CHARS // 2:
        return None
    feels = {name: bool(re.search(said, text, re.IGNORECASE))
             for name, said in raw["how"].items()}
    if not any(feels.values()):
        return None
    said = {name: " ".join(str(words).split()) for name, words in raw["said"].items()}
    low = feels["low"]
    parts = [said["thanks"] if _THANKS.match(text) else "",
             said["low"] if low else said["okay"] if feels["okay"] else "",
             said["tired"] if feels["tired"] else "",
             said["end_low"] if low else said["end"]]
    return " ".join(p for p in parts if p)
