"""A dislike given up: "Actually I've started running now and I quite like it."

Told "I hate running but I like swimming and cycling." and later "Actually I've started running
now and I quite like it.", Tacit kept "dislikes: running" and the whole first sentence, and
noted nothing of the second: the bundled model answered it with "machines and equipment", and
"What do you know about me?" still said they dislike running. A message that says they now
like something (started it and like it, like it now, don't mind it any more, have come round
to it) names the thing here; noting then keeps the sentence as a preference, ends the fact of
the dislike, and keeps of an older preference only the parts that still hold ("I like swimming
and cycling.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from memory.text import sentences, stems

_THING = r"(?P<x>[a-z][a-z' -]{1,25}?)"
_NOW_LIKED = tuple(re.compile(p) for p in (
    # "I've started running now and I quite like it", "I took up yoga and I love it"
    r"\bi(?:'ve| have)? (?:recently |just |now |finally |actually )?(?:started|taken up|took up|"
    r"got into|gotten into|begun|began|gone back to|went back to|tried) " + _THING +
    r"(?: (?:now|again|recently|lately|this year|last month|a while ago))*(?:,| and| but)?"
    r" (?:and )?(?:i |i'm |i am )?(?:actually |really |quite |kind of |sort of |now |even )*"
    r"(?:like|love|enjoy|liking|loving|enjoying) it\b",
    # "I actually like running now", "I quite enjoy mushrooms these days"
    r"\bi (?:actually |really |quite |now |do |even |kind of )*(?:like|love|enjoy) " + _THING +
    r" (?:now|these days|nowadays|after all)\b",
    # "I don't hate running any more", "I no longer dislike olives"
    r"\bi (?:don'?t|do not) (?:hate|dislike|mind) " + _THING + r" any ?(?:more|longer)\b",
    r"\bi no longer (?:hate|dislike|mind) " + _THING + r"(?=[ ,.!]|$)",
    # "I've come round to olives"
    r"\bi(?:'ve| have) (?:finally |actually )?come (?:round|around) to " + _THING +
    r"(?=[ ,.!]|$)",
))
# Words of not liking: a clause with one of them about the thing no longer holds.
_AGAINST = re.compile(r"\b(?:hate|hates|dislike|dislikes|detest|loathe|can'?t stand|cannot "
                      r"stand|don'?t like|do not like|don'?t enjoy|not a fan of|never liked|"
                      r"not keen on|don'?t eat|won'?t eat|can'?t bear)\b")
# Where one thing told ends and the next begins in a kept preference.
_CLAUSES = re.compile(r",?\s+but\s+|;\s*|,?\s+(?:and|while|whereas)\s+(?=(?:i|i'm|i've|my)\b)",
                      re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|my|a|an|some|eating)\s+")


def liked_now(message: str) -> list[str]:
    """What ``message`` says the person now likes after all ("running"), each once, in
    order; [] when it says no such thing (or asks)."""
    found: list[str] = []
    for sentence in sentences(message.replace("\u2019", "'")):
        if sentence.strip().endswith("?"):
            continue
        text = sentence.lower()
        for pattern in _NOW_LIKED:
            for match in pattern.finditer(text):
                thing = _LEADING.sub("", match["x"].strip(" ,.'-"))
                if thing and thing not in found and thing not in ("it", "that", "this"):
                    found.append(thing)
    return found


def _same(thing: str, text: str) -> bool:
    """Whether ``text`` speaks of ``thing`` (by the stems of its words)."""
    wanted = set(stems(thing))
    return bool(wanted) and wanted <= set(stems(text))


def no_longer_disliked(value: str, things: list[str]) -> bool:
    """Whether a kept dislike's value ("running") is one of ``things`` now liked."""
    return any(_same(thing, value) or _same(value, thing) for thing in things)


@dataclass(frozen=True)
class Trimmed:
    """An older preference with what no longer holds taken out: ``kept`` is "" when nothing
    of it holds any more."""

    kept: str
    dropped: str


def trimmed(preference: str, things: list[str]) -> Trimmed | None:
    """``preference`` without its clauses of not liking one of ``things`` ("I hate running
    but I like swimming and cycling." -> "I like swimming and cycling."), or None when no
    clause of it says so."""
    clauses = [c.strip(" ,.;!") for c in _CLAUSES.split(preference) if c.strip(" ,.;!")]
    gone = [c for c in clauses
            if _AGAINST.search(c.lower()) and any(_same(t, c) for t in things)]
    if not gone:
        return None
    kept = [c for c in clauses if c not in gone]
    text = " and ".join(kept)
    if text:
        text = text[:1].upper() + text[1:] + "."
    return Trimmed(text, "; ".join(gone))


def ended(things: list[str], dislikes: list[str], preferences: list[str]) -> list[str]:
    """Of ``things`` now liked, those the person was known to dislike: a kept dislike's value,
    or a clause of a kept preference."""
    return [t for t in things if no_longer_disliked(t, dislikes)
            or any(trimmed(p, [t]) is not None for p in preferences)]


def reply(message: str, known: Callable[[], tuple[list[str], list[str]]]) -> str | None:
    """What code says to a message that only tells of a dislike given up ("Good to hear!
    I'll remember that you like running now."), or None; ``known`` reads the values of their
    kept dislikes and their kept preferences, only for such a message."""
    text = " ".join(message.split())
    things = liked_now(text) if text and "?" not in text and len(text) <= 200 else []
    liked = ended(things, *known()) if things else []
    if not liked:
        return None
    listed = liked[0] if len(liked) == 1 else ", ".join(liked[:-1]) + f" and {liked[-1]}"
    return f"Good to hear! I'll remember that you like {listed} now."
