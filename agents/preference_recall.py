"""Stated and revealed preferences that bear on a request, found apart from the turns.

A user has few preferences and many turns: searched together, three hundred turns of other
talk crowd out a preference stated long ago. So preferences are read on their own: the user's
current preference items come from SQL, their vectors from the store, and each is scored
against the request in memory, with no search index involved:

- by meaning: cosine similarity between the request and the preference;
- by words: content words they share;
- by area: both read as the same broad area of life (food, travel, games, ...). The areas are
  described in ``data/preference_areas.json`` and compared by meaning, so "I keep a halal diet"
  bears on "which tapas should I try?" although they share no word.

A preference bears on the request when any of the three says so clearly; the best ``k`` come
first in what recall hands the responder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np

from agents.instruction_text import content_stems
from memory.facade import Memory

PREFERENCES_PER_REQUEST = 3
PREFERENCE_SIMILARITY = 0.25  # cosine: clearly about the same thing
AREA_SIMILARITY = 0.2          # a text reads as an area when it is at least this close to it...
AREA_MARGIN = 0.04             # ...and within this of its best area
AREA_WEIGHT, WORD_WEIGHT = 0.15, 0.05
WORD_SHARE = 0.15              # shared content words needed, as a share of the preference's


@dataclass(frozen=True)
class Areas:
    """The broad areas of life, each as a unit vector of its description."""

    names: tuple[str, ...]
    vectors: np.ndarray

    def of(self, vectors: np.ndarray) -> list[set[str]]:
        """The areas each row of ``vectors`` reads as (often one, sometimes two, maybe none)."""
        scores = vectors @ self.vectors.T
        out = []
        for row in np.atleast_2d(scores):
            best = float(row.max()) if row.size else 0.0
            out.append({self.names[i] for i, s in enumerate(row)
                        if s >= AREA_SIMILARITY and s >= best - AREA_MARGIN})
        return out


@cache
def _descriptions() -> tuple[tuple[str, str], ...]:
    raw = json.loads(files("data").joinpath("preference_areas.json").read_text("utf-8"))
    return tuple((str(k), str(v)) for k, v in raw["areas"].items())


_AREAS: dict[str, Areas] = {}


def areas(embedder: Any) -> Areas:
    """The areas embedded by ``embedder`` (once per embedding model and process)."""
    key = f"{getattr(embedder, 'name', type(embedder).__name__)}:{id(embedder)}"
    found = _AREAS.get(key)
    if found is None:
        described = _descriptions()
        vectors = np.asarray(embedder.embed([text for _, text in described]), dtype=np.float32)
        found = Areas(tuple(name for name, _ in described), vectors)
        _AREAS[key] = found
    return found


def preferences_for(memory: Memory, user_id: str, message: str,
                    count_tokens: Callable[[str], int],
                    k: int = PREFERENCES_PER_REQUEST) -> list[dict[str, Any]]:
    """The user's current preferences that bear on ``message``, as recall entries, best first.

    Costs one SQL read, one vector fetch and one embedding of ``message`` (nothing at all for a
    user with no stated preferences).
    """
    stated = memory.items(user_id, kind="preference")
    if not stated or not message.strip():
        return []
    embedder = memory.vectors.embedder
    query = np.asarray(embedder.embed([message])[0], dtype=np.float32)
    stored = memory.vectors.vectors_of(user_id, [i.id for i in stated], "preference")
    missing = [i for i in stated if i.id not in stored]
    if missing:  # a vector lost: embed the text again rather than drop the preference
        for item, vec in zip(missing, embedder.embed([i.text for i in missing]), strict=True):
            stored[item.id] = np.asarray(vec, dtype=np.float32)
    matrix = np.vstack([stored[i.id] for i in stated])
    cosine = matrix @ query
    known = areas(embedder)
    asked = known.of(query[None, :])[0]
    item_areas = known.of(matrix)
    words = set(content_stems(message))
    scored = []
    for item, cos, where in zip(stated, cosine, item_areas, strict=True):
        own = set(content_stems(item.text))
        shared = words & own
        # One shared word says something of a short preference, little of a long one.
        by_words = len(shared) >= max(1, round(WORD_SHARE * len(own)))
        same_area = asked & where
        how = [name for name, ok in (("dense", cos >= PREFERENCE_SIMILARITY),
                                     ("lexical", by_words), ("area", bool(same_area))) if ok]
        if not how:
            continue
        score = float(cos) + AREA_WEIGHT * bool(same_area) + WORD_WEIGHT * min(len(shared), 3)
        scored.append((score * (0.5 + 0.5 * item.confidence), item, how, same_area))
    scored.sort(key=lambda s: -s[0])
    out = []
    for score, item, how, same_area in scored[:k]:
        text = f"[{item.created_at:%Y-%m-%d}] (preference) {item.text}"
        entry = {"id": item.id, "kind": item.kind, "text": text, "score": round(score, 5),
                 "matched_by": how, "session_id": None, "tokens": count_tokens(text)}
        if same_area:
            entry["area"] = sorted(same_area)
        out.append(entry)
    return out
