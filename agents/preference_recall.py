"""Stated and revealed preferences that bear on a request, found apart from the turns.

A user has few preferences and many turns: searched together, three hundred turns of other
talk crowd out a preference stated long ago. So preferences are read on their own: the user's
current preference items come from SQL, their vectors from the store, and each is scored
against the request in memory, with no search index involved:

- by meaning: cosine similarity between the request and the preference;
- by words: content words they share;
- by area: both fall in the same broad areas of life (food, travel, games, ...). The areas are
  described in ``data/preference_areas.json``; a text's spread over them comes from its
  similarity to each description, so "I keep a halal diet" bears on "which tapas should I
  try?" although they share no word.

The three add up to one relevance; preferences above ``preference_relevance`` (in the
recall tuning) bear on the request, and the best ``k`` come first in what recall hands the
responder. A request that asks nothing for the person needs more (``preference_impersonal``);
one that asks for suggestions or advice for them gets the closest preference from a lower
floor when none clears the bar, labelled as one
that may not bear on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np

from agents.contract import RecalledEntry
from agents.instruction_text import content_stems
from memory.facade import Memory
from memory.text import lexicon, sentences, with_stems

# How many preferences, how relevant, how a text spreads over the areas and what the trace
# says matched all come from the memory's tuning (preference_* in data/recall_tuning.yaml).
# The weights and thresholds were set on hand-written pairs (kosher kitchen / dishes in
# Lisbon, horror films / what to watch tonight, against e.g. flying / the capital of France).
# A request that asks for advice or suggestions for the person is where taste decides the
# answer: there the best preference is handed over from a lower floor, marked as one that may
# bear on it, when none clears the bar (a user has few preferences; one line is cheap). A
# request that asks nothing for the person (code, a definition, a sum) needs a preference to
# bear on it more clearly before it is handed over.
_ABOUT_ME = re.compile(r"\b(?:i|i'm|i'd|i've|i'll|me|my|mine|we|we're|our|us)\b", re.I)
# Asking for suggestions is asking for the person, whether or not they name themself.
_ASKS_SUGGESTIONS = re.compile(r"\b(?:recommend\w*|suggest\w*|ideas?|tips|advi[cs]e|"
                               r"what\s+are\s+some|any\s+good)\b", re.I)
_ASKS = re.compile(r"\?\s*$|^\s*(?:please\s+)?(?:help|find|give|show|tell|plan|list|pick|"
                   r"choose)\b", re.I)


@dataclass(frozen=True)
class Areas:
    """The broad areas of life, each as a unit vector of its description.

    ``no_area`` is the similarity to its description an area needs to claim a text,
    ``temperature`` how sharply a text's weight goes to its closest areas.
    """

    names: tuple[str, ...]
    vectors: np.ndarray
    temperature: float = 0.03
    no_area: float = 0.15

    def spread(self, vectors: np.ndarray) -> np.ndarray:
        """How each row of ``vectors`` spreads over the areas (rows sum to at most 1).

        A last, left-out column stands for "no area": a text close to no description (a joke,
        a maths question) puts its weight there and so matches no preference by area.
        """
        scores = np.atleast_2d(vectors) @ self.vectors.T
        scores = np.hstack([scores, np.full((scores.shape[0], 1), self.no_area)])
        scores = scores / self.temperature
        weights = np.exp(scores - scores.max(axis=1, keepdims=True))
        return np.asarray(weights / weights.sum(axis=1, keepdims=True))[:, :-1]

    def overlap(self, one: np.ndarray, many: np.ndarray) -> np.ndarray:
        """How much ``one`` and each row of ``many`` fall in the same areas (0..1)."""
        return np.asarray(np.minimum(self.spread(one), self.spread(many)).sum(axis=1))

    def best(self, vector: np.ndarray) -> str:
        return self.names[int(np.argmax(self.spread(vector)[0]))]


@cache
def _descriptions() -> tuple[tuple[str, str], ...]:
    raw = json.loads(files("data").joinpath("preference_areas.json").read_text("utf-8"))
    return tuple((str(k), str(v)) for k, v in raw["areas"].items())


_AREAS: dict[str, Areas] = {}


def areas(embedder: Any, temperature: float = 0.03, no_area: float = 0.15) -> Areas:
    """The areas embedded by ``embedder`` (once per embedding model and process)."""
    key = f"{getattr(embedder, 'name', type(embedder).__name__)}:{id(embedder)}"
    found = _AREAS.get(key)
    if found is None:
        described = _descriptions()
        vectors = np.asarray(embedder.embed([text for _, text in described]), dtype=np.float32)
        found = Areas(tuple(name for name, _ in described), vectors)
        _AREAS[key] = found
    if (found.temperature, found.no_area) != (temperature, no_area):
        found = replace(found, temperature=temperature, no_area=no_area)
    return found


@cache
def _asking() -> frozenset[str]:
    """Words of asking and choosing, and their stems (``asking_words`` in data/lexicon.yaml)."""
    return with_stems(lexicon("asking_words"))


def topic_stems(text: str) -> set[str]:
    """The content words of ``text`` that can say what it is about: words of asking and
    choosing ("recommend", "options") left out, so "suggest some jacket options for me" and
    "the other options don't appeal to me" share no topic."""
    return set(content_stems(text)) - _asking()


def _sentences(message: str, most: int) -> list[str]:
    """The sentences of a request of two to ``most`` sentences (none for one, or a long text)
    that name something: a bare "What would you recommend for me?" after the scene is read
    with the whole request only, since alone it is as close to every preference as to any.
    (It made every preference of a PrefEval user bear on the two requests of other topics
    that end so: other-topic hand-over 0.31 -> 0.24 on explicit tune items, own questions
    unchanged; bench/RESULTS.md, fifth try.)"""
    found = [s for s in sentences(message) if len(s.split()) >= 3]
    if not 1 < len(found) <= most:
        return []
    return [s for s in found if topic_stems(s)]


def asks_for_me(message: str) -> bool:
    """Whether ``message`` asks for advice or suggestions for the person themself."""
    asks = bool(_ASKS.search(message))
    return bool(_ASKS_SUGGESTIONS.search(message)) or (asks and bool(_ABOUT_ME.search(message)))


@dataclass(frozen=True)
class Scored:
    """One stated preference against a request: its relevance and what it came from."""

    item: Any
    score: float
    cosine: float
    area_overlap: float
    shared_words: int
    how: list[str]
    area: str


def score_preferences(memory: Memory, user_id: str, message: str) -> list[Scored]:
    """Every current preference of the user scored against ``message`` (no threshold)."""
    stated = memory.items(user_id, kind="preference")
    if not stated or not message.strip():
        return []
    t = memory.tuning
    embedder = memory.vectors.embedder
    # A request often sets the scene, then asks ("I'm off hiking. Which snacks should I
    # pack?"): each sentence is read too, and a preference counts by the one it fits best.
    parts = [message, *_sentences(message, t.preference_max_sentences)]
    queries = np.asarray(embedder.embed(parts), dtype=np.float32)
    stored = memory.vectors.vectors_of(user_id, [i.id for i in stated], "preference")
    missing = [i for i in stated if i.id not in stored]
    if missing:  # a vector lost: embed the text again rather than drop the preference
        for item, vec in zip(missing, embedder.embed([i.text for i in missing]), strict=True):
            stored[item.id] = np.asarray(vec, dtype=np.float32)
    matrix = np.vstack([stored[i.id] for i in stated])
    known = areas(embedder, t.preference_area_temperature, t.preference_no_area)
    cosine = (queries @ matrix.T).max(axis=0)
    overlap = np.max([known.overlap(q, matrix) for q in queries], axis=0)
    area = known.best(queries[0])
    words = topic_stems(message)
    shared = [words & topic_stems(item.text) for item in stated]
    scores = cosine + t.preference_area_weight * overlap + \
        t.preference_word_weight * np.minimum([len(s) for s in shared], 3)
    out = []
    for item, score, cos, same, common in zip(stated, scores, cosine, overlap, shared,
                                               strict=True):
        how = [name for name, ok in (("dense", cos >= t.preference_dense_says),
                                     ("lexical", bool(common)),
                                     ("area", same >= t.preference_area_says)) if ok]
        out.append(Scored(item, float(score), float(cos), float(same), len(common),
                          how or ["profile"], area))
    return out


def preferences_for(memory: Memory, user_id: str, message: str,
                    count_tokens: Callable[[str], int],
                    k: int | None = None) -> list[RecalledEntry]:
    """The user's current preferences that bear on ``message``, as recall entries, best first.

    Costs one SQL read, one vector fetch and one embedding of ``message`` (nothing at all for a
    user with no stated preferences).
    """
    found = score_preferences(memory, user_id, message)
    if not found:
        return []
    t = memory.tuning
    for_me = asks_for_me(message)
    bar = t.preference_relevance if for_me else t.preference_impersonal
    floor = t.preference_for_me_floor
    scored: list[tuple[float, Any, list[str]]] = []
    closest: tuple[float, Any, list[str]] | None = None
    for one in found:
        if one.score >= bar:
            scored.append((one.score * (0.5 + 0.5 * one.item.confidence), one.item, one.how))
        elif for_me and one.score >= floor and \
                (closest is None or one.score > closest[0]):
            closest = (one.score, one.item, ["closest"])
    maybe = not scored and closest is not None
    if closest is not None and maybe:
        scored = [closest]  # the one line a request for the person gets when none clears
    scored.sort(key=lambda s: -s[0])
    area = found[0].area if scored else ""
    out = []
    for score, item, how in scored[: k or t.preferences_per_request]:
        label = "preference; use it only if it bears on this request" if maybe else "preference"
        text = f"[{item.created_at:%Y-%m-%d}] ({label}) {item.text}"
        entry = RecalledEntry(id=item.id, kind=item.kind, text=text, score=round(score, 5),
                              matched_by=how, session_id=None, tokens=count_tokens(text))
        if "area" in how:
            entry.area = area
        out.append(entry)
    return out
