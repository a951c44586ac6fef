"""The tree's nodes in their two stores: rows in SQL, vectors in the vector index.

Node-vector writes made inside :meth:`NodeStore.batch` go to the vector store in one call
at the end (each write costs a commit there; closing a session touches two or three nodes).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from sqlalchemy import func
from sqlmodel import col, select

from memory.schema import TreeNode
from memory.stores import Stores
from memory.tree.model import NODE, TOPIC_LEVEL, TopicHead, root_id


class NodeStore:
    """Read and write one user's tree nodes, their vectors batched."""

    def __init__(self, stores: Stores) -> None:
        self.stores = stores
        self._lock = threading.RLock()
        self._pending: dict[str, tuple[list[float], str, dict[str, Any]]] = {}
        self._depth = 0

    # Vectors -----------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Node vectors written inside are sent to the store together at the end."""
        with self._lock:
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        ids = list(self._pending)
        vecs, docs, metas = zip(*(self._pending[i] for i in ids), strict=True)
        self._pending.clear()
        self.stores.vectors.upsert(ids, list(vecs), list(docs), list(metas))

    def put_vector(self, node: TreeNode, vec: np.ndarray) -> None:
        meta = {"user_id": node.user_id, "kind": NODE, "level": node.level,
                "created_at": (node.start_at or node.updated_at).isoformat()}
        with self._lock:
            self._pending[node.id] = (vec.tolist(), node.summary or " ", meta)
            if self._depth == 0:
                self._flush()

    def vectors(self, user_id: str, ids: list[str]) -> dict[str, np.ndarray]:
        """The vectors of nodes ``ids`` (those still waiting to be sent included)."""
        with self._lock:
            out = {i: np.asarray(self._pending[i][0], dtype=np.float32)
                   for i in ids if i in self._pending}
        rest = [i for i in ids if i not in out]
        if rest:
            out.update(self.stores.vectors.vectors_of(user_id, rest, NODE))
        return out

    # Rows --------------------------------------------------------------------------------
    def at_level(self, user_id: str, level: int) -> list[TreeNode]:
        with self.stores.read() as db:
            return list(db.exec(select(TreeNode).where(TreeNode.user_id == user_id,
                                                       TreeNode.level == level)
                                .order_by(col(TreeNode.start_at))).all())

    def by_id(self, user_id: str, ids: list[str]) -> list[TreeNode]:
        if not ids:
            return []
        with self.stores.read() as db:
            return list(db.exec(select(TreeNode).where(TreeNode.user_id == user_id,
                                                       col(TreeNode.id).in_(ids))).all())

    def count(self, user_id: str, level: int) -> int:
        with self.stores.read() as db:
            return int(db.exec(select(func.count()).select_from(TreeNode).where(
                TreeNode.user_id == user_id, TreeNode.level == level)).one())

    def ids(self, user_id: str) -> list[str]:
        with self.stores.read() as db:
            return list(db.exec(select(TreeNode.id).where(TreeNode.user_id == user_id)).all())

    def root(self, user_id: str) -> TreeNode | None:
        with self.stores.read() as db:
            return db.get(TreeNode, root_id(user_id))

    def topic_heads(self, user_id: str) -> list[TopicHead]:
        """The user's topics without their summaries or source turns (closing a session needs
        only these; reading every topic whole made each close grow with the whole history)."""
        with self.stores.read() as db:
            rows = db.exec(select(TreeNode.id, TreeNode.children, TreeNode.start_at,
                                  TreeNode.end_at)
                           .where(TreeNode.user_id == user_id, TreeNode.level == TOPIC_LEVEL)
                           .order_by(col(TreeNode.start_at))).all()
        return [TopicHead(i, list(children or []), start, end)
                for i, children, start, end in rows]

    def levels(self, user_id: str) -> dict[int, list[TreeNode]]:
        """Every node of the user by level (3 the root ... 1 sessions)."""
        with self.stores.read() as db:
            rows = db.exec(select(TreeNode).where(TreeNode.user_id == user_id)
                           .order_by(col(TreeNode.level).desc(), col(TreeNode.start_at))).all()
        out: dict[int, list[TreeNode]] = defaultdict(list)
        for row in rows:
            out[row.level].append(row)
        return dict(out)

    def stamp(self, user_id: str) -> tuple[Any, ...]:
        """What changes whenever any node of the user changes (the index cache's key)."""
        with self.stores.read() as db:
            row = db.exec(select(func.count(), func.max(TreeNode.updated_at))
                          .where(TreeNode.user_id == user_id)).one()
        return tuple(row)

    def delete(self, user_id: str, ids: list[str]) -> None:
        with self._lock:
            for node_id in ids:
                self._pending.pop(node_id, None)
        with self.stores.write() as db:
            for node_id in ids:
                row = db.get(TreeNode, node_id)
                if row is not None and row.user_id == user_id:
                    db.delete(row)
        self.stores.vectors.delete(user_id, ids)
