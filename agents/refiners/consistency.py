"""Do two texts say different things about the same matter? Numbers and yes/no, by rule.

A quantity in the draft is compared with the quantities of a source sentence about the same
matter: the words around the draft's number (its anchors) must largely appear in the source
sentence, and the two numbers must count the same kind of thing (a time with a time, a date
with a date, kilometres with kilometres). A statement and its negation are two sentences with
nearly the same content words where only one is negated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.refiners.text import (
    Quantity,
    Sentence,
    content,
    positions,
    quantities,
    sentences,
    words,
)
from memory.text import NEGATED

ANCHOR_WINDOW = 6      # words either side of a number that say what it counts
MIN_ANCHORS = 2        # shared anchor words that make two sentences speak of the same matter
NEGATION_OVERLAP = 0.75  # share of the shorter one's content words two sentences share
_NEGATED = re.compile(NEGATED.pattern + r"|\b(?:closed|shut)\b", re.I)
_OPPOSITES = [("open", "closed"), ("allowed", "banned"), ("free", "paid"),
              ("before", "after"), ("early", "late"), ("cheaper", "more expensive"),
              ("more", "less"), ("north", "south"), ("east", "west"), ("left", "right")]


@dataclass(frozen=True)
class Clash:
    """``said`` (in the draft) disagrees with ``known`` (in the source sentence)."""

    said: Quantity | Sentence
    known: str          # the source's quantity text, or the source sentence
    source: str


def _window(text: str, q: Quantity) -> set[str]:
    before = words(text[:q.start])[-ANCHOR_WINDOW:]
    after = words(text[q.end:])[:ANCHOR_WINDOW]
    return content(" ".join(before + after))


def _compatible(a: Quantity, b: Quantity) -> bool:
    if a.kind == b.kind:
        return True
    kinds = {a.kind, b.kind}
    return "count" in kinds and any(k.startswith("unit:") for k in kinds)


def _number(q: Quantity) -> str:
    return re.sub(r"[^\d.:a-z-]", "", q.value)


def number_clashes(draft: str, sources: list[str], *, start: int = 0) -> list[Clash]:
    """Quantities in ``draft`` (from ``start``) that a source sentence about the same matter
    gives differently, and none gives the same."""
    out: list[Clash] = []
    source_sentences = [s.text for text in sources for s in sentences(text)]
    for sentence in sentences(draft):
        if sentence.end <= start:
            continue
        where = positions(sentence.text)
        for q in quantities(sentence.text):
            anchors = _window(sentence.text, q)
            if len(anchors) < MIN_ANCHORS:
                continue
            agree, differ = False, None
            for source in source_sentences:
                if len(anchors & content(source)) < MIN_ANCHORS:
                    continue
                theirs = positions(source)
                if where and theirs and not where & theirs:
                    continue  # "Day 1: jog 20 minutes" and "Day 3: jog 25 minutes"
                same = [k for k in quantities(source) if _compatible(q, k)]
                if any(_number(k) == _number(q) for k in same):
                    agree = True
                    break
                # One such number in the sentence is the one it gives for this matter.
                near = same if len(same) == 1 else [
                    k for k in same if len(anchors & _window(source, k)) >= MIN_ANCHORS]
                if len(near) == 1 and differ is None:
                    differ = (near[0].text, source)
            if differ and not agree:
                placed = Quantity(sentence.start + q.start, sentence.start + q.end, q.text,
                                  q.kind, q.value)
                out.append(Clash(placed, differ[0], differ[1]))
    return out


_MARKER = re.compile(r"\b(?:not|never|no|cannot|closed|shut|without|open|allowed|banned|free|"
                     r"paid|early|late|\w+n't)\b", re.I)


def _about_same(one: str, other: str) -> bool:
    """Whether what follows each polarity word of ``one`` ("closed *on Mondays*") is also in
    ``other``: "opens on Saturdays" does not deny "closed on Mondays"."""
    theirs = content(other)
    for match in _MARKER.finditer(one):
        after = list(content(" ".join(words(one[match.end():])[:3])))
        if after and not set(after) & theirs:
            return False
    return True


def _negated(text: str) -> bool:
    return bool(_NEGATED.search(text))


def _opposed(one: str, other: str) -> bool:
    a, b = one.lower(), other.lower()
    for x, y in _OPPOSITES:
        has = (re.search(rf"\b{x}\b", a) and re.search(rf"\b{y}\b", b)) or \
              (re.search(rf"\b{y}\b", a) and re.search(rf"\b{x}\b", b))
        if has:
            return True
    return _negated(one) != _negated(other)


def negation_clashes(draft: str, sources: list[str], *, start: int = 0) -> list[Clash]:
    """Sentences of ``draft`` (from ``start``) that say the opposite of a source sentence."""
    out: list[Clash] = []
    source_sentences = [s.text for text in sources for s in sentences(text)]
    for sentence in sentences(draft):
        if sentence.end <= start or sentence.text.endswith("?"):
            continue
        mine = content(_strip_polarity(sentence.text))
        if len(mine) < 3:
            continue
        for source in source_sentences:
            if source == sentence.text or source.endswith("?"):
                continue
            theirs = content(_strip_polarity(source))
            shared = len(mine & theirs)
            if shared >= 3 and shared / min(len(mine), len(theirs)) >= NEGATION_OVERLAP and \
                    _opposed(sentence.text, source) and _about_same(sentence.text, source) and \
                    _about_same(source, sentence.text):
                out.append(Clash(sentence, source, source))
                break
    return out


def _strip_polarity(text: str) -> str:
    low = _NEGATED.sub(" ", text.lower())
    for x, y in _OPPOSITES:
        low = re.sub(rf"\b(?:{x}|{y})\b", " ", low)
    return low
