"""The tree of one user in arrays, cached until a node changes, for scoring in microseconds."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from memory.schema import TreeNode
from memory.tree.model import SESSION_LEVEL, TOPIC_LEVEL, unit
from memory.tree.nodes import NodeStore


@dataclass
class TreeIndex:
    """One user's topics and sessions: ids, unit vectors, who holds whom, summaries, dates."""

    stamp: tuple[Any, ...]
    topic_ids: list[str]
    topic_vecs: np.ndarray
    topic_children: list[list[int]]          # indexes into the session arrays
    session_ids: list[str]                   # the sessions (not the node ids)
    node_ids: list[str]
    session_vecs: np.ndarray
    session_topic: list[int]                 # -1: no topic yet
    summaries: dict[str, str]                # node id -> summary
    starts: dict[str, datetime | None]       # node id -> start
    turns: int = 0                           # turns under the session nodes
    frequency: dict[str, int] = field(default_factory=dict)  # word -> turns holding it
    positions: dict[str, int] = field(default_factory=dict)  # session id -> its position

    def __post_init__(self) -> None:
        self.positions = {sid: i for i, sid in enumerate(self.session_ids)}

    def session_start(self, position: int) -> datetime | None:
        """When the session at ``position`` began."""
        return self.starts.get(self.node_ids[position])

    def node_of(self, session_id: str) -> str | None:
        """The node id of a session in the tree (None: not in the tree yet)."""
        position = self.positions.get(session_id)
        return self.node_ids[position] if position is not None else None

    def branch(self, session_id: str | None) -> list[str]:
        """The node ids from the top down to a session (``open-session``: not in the tree)."""
        position = self.positions.get(session_id) if session_id is not None else None
        if position is None:
            return ["open-session"]
        topic = self.session_topic[position]
        return ([self.topic_ids[topic]] if topic >= 0 else []) + [self.node_ids[position]]


class IndexCache:
    """Build a user's :class:`TreeIndex` from the stores, and keep it while nothing changed.

    When the vector store lost some node vectors, ``rebuild`` writes the tree again from SQL.
    """

    def __init__(self, nodes: NodeStore, dimensions: Callable[[], int],
                 rebuild: Callable[[str], int]) -> None:
        self.nodes, self.dimensions, self.rebuild = nodes, dimensions, rebuild
        self._cache: dict[str, TreeIndex] = {}
        self._lock = threading.RLock()

    def drop(self, user_id: str) -> None:
        with self._lock:
            self._cache.pop(user_id, None)

    def get(self, user_id: str, healed: bool = False) -> TreeIndex:
        stamp = self.nodes.stamp(user_id)
        with self._lock:
            cached = self._cache.get(user_id)
            if cached is not None and cached.stamp == stamp:
                return cached
        topics = self.nodes.at_level(user_id, TOPIC_LEVEL)
        sessions = self.nodes.at_level(user_id, SESSION_LEVEL)
        vecs = self.nodes.vectors(user_id, [n.id for n in (*topics, *sessions)])
        if not healed and any(n.id not in vecs for n in (*topics, *sessions)):
            self.rebuild(user_id)  # the vector store lost the tree: rebuild it from SQL
            return self.get(user_id, healed=True)
        index = self._build(stamp, [t for t in topics if t.id in vecs],
                            [s for s in sessions if s.id in vecs], vecs)
        with self._lock:
            self._cache[user_id] = index
        return index

    def _build(self, stamp: tuple[Any, ...], topics: list[TreeNode], sessions: list[TreeNode],
               vecs: dict[str, np.ndarray]) -> TreeIndex:
        position = {s.id: i for i, s in enumerate(sessions)}
        session_topic = [-1] * len(sessions)
        children: list[list[int]] = []
        for ti, topic in enumerate(topics):
            kids = [position[c] for c in topic.children if c in position]
            for k in kids:
                session_topic[k] = ti
            children.append(kids)

        def matrix(nodes: list[TreeNode]) -> np.ndarray:
            if not nodes:
                return np.zeros((0, self.dimensions()), dtype=np.float32)
            return unit(np.array([vecs[n.id] for n in nodes], dtype=np.float32))

        return TreeIndex(
            stamp=stamp, topic_ids=[t.id for t in topics], topic_vecs=matrix(topics),
            topic_children=children,
            session_ids=[(s.meta or {}).get("session_id", "") for s in sessions],
            node_ids=[s.id for s in sessions], session_vecs=matrix(sessions),
            session_topic=session_topic,
            summaries={n.id: n.summary for n in (*topics, *sessions)},
            starts={n.id: n.start_at for n in (*topics, *sessions)},
            turns=sum(len(s.source_turn_ids or []) for s in sessions),
        )
