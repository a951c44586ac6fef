"""What the tree is made of and what recall hands on: ids, entries, and text helpers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

NODE = "node"
SESSION_LEVEL, TOPIC_LEVEL, ROOT_LEVEL = 1, 2, 3

# A summarizer takes the session's lines and returns (summary, None) or (None, why it failed).
Summarizer = Callable[[list[str]], tuple[str | None, str | None]]
TokenCounter = Callable[[str], int]


def words(text_: str) -> int:
    return len(text_.split())


@dataclass
class Entry:
    """One recalled piece: a turn (leaf), a fact, or a summary on the path to the leaves."""

    id: str
    kind: str            # "turn", "fact", "preference", ..., or "summary"
    text: str            # as it goes into the prompt, dated
    score: float
    tokens: int
    session_id: str | None = None
    at: datetime | None = None
    branch: list[str] = field(default_factory=list)   # node ids from the top down
    matched_by: list[str] = field(default_factory=list)
    current: bool = True

    def trace(self) -> dict[str, Any]:
        """The entry without its text (traces are stored; forgotten text must not linger)."""
        return {"id": self.id, "kind": self.kind, "score": round(self.score, 5),
                "tokens": self.tokens, "session_id": self.session_id, "branch": self.branch,
                "matched_by": self.matched_by, "current": self.current}


@dataclass
class Recollection:
    """What descent found, best first, within the budget; plus how it got there."""

    entries: list[Entry]
    tokens: int
    budget: int
    path: dict[str, Any] = field(default_factory=dict)

    @property
    def leaves(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "turn"]


@dataclass
class TopicHead:
    """What closing a session reads of a topic node."""

    id: str
    children: list[str]
    start_at: datetime | None
    end_at: datetime | None


def root_id(user_id: str) -> str:
    return "n3-" + hashlib.sha1(user_id.encode()).hexdigest()[:24]


def session_node_id(session_id: str) -> str:
    return f"n1-{session_id}"


def named_speakers(query: str, speakers: set[str]) -> set[str]:
    """The speakers ``query`` names (by full name or first name), when there are several."""
    if len(speakers) < 2:
        return set()
    return {s for s in speakers
            if re.search(rf"\b({re.escape(s)}|{re.escape(s.split()[0])})\b", query)}


def unit(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to length one (cosine becomes a dot product)."""
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return (matrix / np.clip(norms, 1e-12, None)).astype(np.float32)


def first_words(text_: str, limit: int) -> str:
    parts = " ".join(text_.split()).split(" ")
    return " ".join(parts[:limit]) + (" …" if len(parts) > limit else "")


def extractive_summary(texts: list[str], vecs: np.ndarray, keep: int = 3,
                       limit: int = 28) -> str:
    """The ``keep`` most central texts (nearest the rest in meaning), in their order, each cut
    to ``limit`` words."""
    if not texts:
        return ""
    if len(texts) <= keep or vecs.size == 0:
        chosen = list(range(len(texts)))
    else:
        centrality = (vecs @ vecs.T).mean(axis=1)
        chosen = sorted(np.argsort(-centrality)[:keep].tolist())
    return " / ".join(first_words(texts[i], limit) for i in chosen)
