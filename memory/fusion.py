"""Reciprocal rank fusion: merge ranked lists without comparing their scores."""

from __future__ import annotations

from collections.abc import Iterable


def rrf(rankings: Iterable[list[str]], k: int = 60) -> list[tuple[str, float]]:
    """Ids ordered by the sum of 1/(k + rank) over every list they appear in."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)
