"""Building the tree: a closed session becomes a level-1 node, sessions group into topics
(level 2) and the topics under the user's root (level 3)."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from sqlmodel import col, select

from memory.dates import day
from memory.records import memory_items, session_turns, turn_text
from memory.schema import MemoryItem, Session, TreeNode, Turn, now
from memory.stores import Stores
from memory.tree.model import (
    ROOT_LEVEL,
    SESSION_LEVEL,
    TOPIC_LEVEL,
    Summarizer,
    extractive_summary,
    first_words,
    root_id,
    session_node_id,
    unit,
)
from memory.tree.nodes import NodeStore
from memory.tuning import RecallTuning

FRESH_SESSIONS = 8         # open sessions whose new turn vectors are kept for their close


class TreeBuilder:
    """Write and rewrite the nodes of a user's tree from the turns below them."""

    def __init__(self, stores: Stores, nodes: NodeStore, tuning: RecallTuning,
                 summarizer: Summarizer | None = None) -> None:
        self.stores, self.nodes, self.tuning = stores, nodes, tuning
        self.summarizer = summarizer
        self._lock = threading.RLock()
        # Vectors of turns just stored, by session: closing the session reuses them instead
        # of reading them back from the vector store.
        self._fresh: dict[str, dict[str, np.ndarray]] = {}

    # Vectors of turns just stored --------------------------------------------------------
    def note_vectors(self, session_id: str, turn_ids: list[str], vectors: Any) -> None:
        """Keep the vectors of turns just stored until their session is closed."""
        with self._lock:
            kept = self._fresh.pop(session_id, {})
            kept.update(zip(turn_ids, np.asarray(vectors, dtype=np.float32), strict=True))
            self._fresh[session_id] = kept  # most recent last
            while len(self._fresh) > FRESH_SESSIONS:
                self._fresh.pop(next(iter(self._fresh)))

    def holds_vectors_of(self, session_id: str) -> bool:
        """Whether the vectors of the session's new turns are kept for its close."""
        with self._lock:
            return session_id in self._fresh

    def drop_fresh(self, turn_ids: set[str]) -> None:
        """Forget the kept vectors of these turns."""
        with self._lock:
            for kept in self._fresh.values():
                for turn_id in turn_ids & set(kept):
                    del kept[turn_id]

    # Sessions ----------------------------------------------------------------------------
    def open_sessions(self, user_id: str) -> list[str]:
        with self.stores.read() as db:
            query = select(Session.id).where(Session.user_id == user_id,
                                             col(Session.closed_at).is_(None))
            return list(db.exec(query).all())

    def all_sessions(self, user_id: str) -> list[str]:
        with self.stores.read() as db:
            return list(db.exec(select(Session.id).where(Session.user_id == user_id)
                                .order_by(col(Session.created_at))).all())

    def mark_closed(self, user_id: str, session_id: str, closed: bool) -> None:
        with self.stores.write() as db:
            session = db.get(Session, session_id)
            if session is None or session.user_id != user_id:
                return
            if closed:
                session.closed_at = now()
            elif session.closed_at:
                session.closed_at = None
            else:
                return
            db.add(session)

    def _session_material(self, user_id: str, session_id: str
                          ) -> tuple[list[Turn], np.ndarray]:
        with self.stores.read() as db:
            turns = session_turns(db, user_id, session_id)
        with self._lock:
            fresh = self._fresh.pop(session_id, {})
        if not turns:
            return [], np.zeros((0, 0), dtype=np.float32)
        by_id: dict[str, Any] = {t.id: fresh[t.id] for t in turns if t.id in fresh}
        stored = [t.id for t in turns if t.id not in by_id]
        if stored:
            by_id.update(self.stores.vectors.vectors_of(user_id, stored, "turn"))
        missing = [t for t in turns if t.id not in by_id]
        if missing:  # a vector lost: embed the text again rather than drop the turn
            again = self.stores.vectors.embedder.embed(
                [turn_text(t.user_text, t.reply_text) for t in missing])
            by_id.update({t.id: v for t, v in zip(missing, again, strict=True)})
        return turns, unit(np.array([by_id[t.id] for t in turns], dtype=np.float32))

    def _summary(self, turns: list[Turn], vecs: np.ndarray, summarizer: Summarizer | None
                 ) -> tuple[str, str, str | None]:
        """(summary, how it was written, why the model failed) of a session's turns."""
        lines = [t.user_text if not t.reply_text else f"{t.user_text} — {t.reply_text}"
                 for t in turns]
        summary, method, error = "", "extractive", None
        summarizer = summarizer or self.summarizer
        if summarizer is not None:
            written, error = summarizer(lines)
            if written:
                summary, method = written, "model"
        if not summary:
            summary = extractive_summary([t.user_text or t.reply_text for t in turns], vecs,
                                         self.tuning.summary_turns, self.tuning.summary_words)
        return summary, method, error

    def write_session_node(self, user_id: str, session_id: str,
                           summarizer: Summarizer | None = None) -> TreeNode | None:
        """Summarize a session into its level-1 node (deleted when no turn is left)."""
        turns, vecs = self._session_material(user_id, session_id)
        node_id = session_node_id(session_id)
        if not turns:
            self.nodes.delete(user_id, [node_id])
            return None
        summary, method, error = self._summary(turns, vecs, summarizer)
        ids = [t.id for t in turns]
        with self.stores.read() as db:
            items = db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id,
                                                     col(MemoryItem.valid_to).is_(None))).all()
        wanted = set(ids)
        facts = [i.text for i in items if wanted & set(i.provenance)][:self.tuning.session_facts]
        meta: dict[str, Any] = {"session_id": session_id, "method": method, "turns": len(ids)}
        if error:
            meta["summarizer_error"] = error[:200]
        centroid = unit(vecs.mean(axis=0))
        with self.stores.write() as db:
            node = db.get(TreeNode, node_id)
            if node is None:
                node = TreeNode(id=node_id, user_id=user_id, level=SESSION_LEVEL)
            node.summary, node.children, node.source_turn_ids = summary, ids, ids
            node.facts, node.meta = facts, meta
            node.start_at, node.end_at = turns[0].created_at, turns[-1].created_at
            node.updated_at = now()
            db.add(node)
            self.nodes.put_vector(node, centroid)
        return node

    # Topics and the root -----------------------------------------------------------------
    def place(self, user_id: str, node: TreeNode) -> None:
        """Put a fresh session node under the nearest topic, or re-cluster when grown."""
        t = self.tuning
        count = self.nodes.count(user_id, SESSION_LEVEL)
        root = self.nodes.root(user_id)
        clustered_at = int((root.meta or {}).get("clustered_sessions", 0)) if root else 0
        if count >= t.recluster_from and count >= clustered_at * t.recluster_growth:
            self.recluster(user_id)
            return
        topics = self.nodes.topic_heads(user_id)
        vecs = self.nodes.vectors(user_id, [node.id, *[topic.id for topic in topics]])
        best, best_sim = None, t.topic_join
        for topic in topics:
            if node.id in topic.children:
                best = topic
                break
            sim = float(vecs[node.id] @ unit(vecs[topic.id]))
            if sim > best_sim and len(topic.children) < t.topic_max:
                best, best_sim = topic, sim
        if best is None:
            self.write_topic(user_id, None, [node])
        else:  # only the chosen topic's sessions are read, not every session of the user
            group = self.nodes.by_id(user_id, [c for c in best.children if c != node.id])
            self.write_topic(user_id, best.id, [*group, node])
        self.write_root(user_id, clustered_at)

    def _communities(self, sims: np.ndarray) -> list[list[int]]:
        """Sessions (by position) grouped into topics or periods: networkx communities of a
        graph linking neighbours in time and the nearest in meaning."""
        import networkx as nx

        t = self.tuning
        graph = nx.Graph()
        graph.add_nodes_from(range(len(sims)))
        for i in range(len(sims)):
            if i + 1 < len(sims):  # neighbours in time belong to the same period
                graph.add_edge(i, i + 1, weight=max(float(sims[i, i + 1]), 0.0)
                               + t.cluster_time_bonus)
            for j in np.argsort(-sims[i])[1 : t.cluster_neighbours + 1]:
                if sims[i, j] > t.topic_join:
                    weight = float(sims[i, j]) + graph.get_edge_data(i, int(j), {}).get(
                        "weight", 0.0)
                    graph.add_edge(i, int(j), weight=weight)
        communities = nx.community.louvain_communities(graph, weight="weight",
                                                       seed=t.cluster_seed)
        groups: list[list[int]] = []
        for community in communities:
            members = sorted(community)
            groups.extend(members[i : i + t.topic_max]
                          for i in range(0, len(members), t.topic_max))
        return sorted(groups, key=lambda g: g[0])

    def recluster(self, user_id: str) -> None:
        """Group all sessions into topics/periods, rewrite levels 2-3."""
        with self.nodes.batch():
            sessions = self.nodes.at_level(user_id, SESSION_LEVEL)
            old_topics = [t.id for t in self.nodes.at_level(user_id, TOPIC_LEVEL)]
            if not sessions:
                self.nodes.delete(user_id, [*old_topics, root_id(user_id)])
                return
            vecs = self.nodes.vectors(user_id, [s.id for s in sessions])
            matrix = unit(np.array([vecs[s.id] for s in sessions]))
            groups = self._communities(matrix @ matrix.T)
            self.nodes.delete(user_id, old_topics)
            for group in groups:
                self.write_topic(user_id, None, [sessions[i] for i in group], vecs)
            self.write_root(user_id, len(sessions))

    def write_topic(self, user_id: str, topic_id: str | None, members: list[TreeNode],
                    vecs: dict[str, np.ndarray] | None = None) -> TreeNode | None:
        """(Re)write a topic node over ``members`` (deleted when none is left)."""
        if not members:
            if topic_id:
                self.nodes.delete(user_id, [topic_id])
            return None
        t = self.tuning
        members = sorted(members, key=lambda n: n.start_at or n.updated_at)
        vecs = vecs if vecs is not None and all(m.id in vecs for m in members) else \
            self.nodes.vectors(user_id, [m.id for m in members])
        matrix = unit(np.array([vecs[m.id] for m in members]))
        centroid = unit(matrix.mean(axis=0))
        central = np.argsort(-(matrix @ centroid))[: t.topic_heads]
        starts = [m.start_at for m in members if m.start_at]
        ends = [m.end_at for m in members if m.end_at]
        span = f"{day(min(starts))} to {day(max(ends))}" if starts and ends else ""
        heads = " | ".join(first_words(members[i].summary, t.topic_head_words)
                           for i in sorted(central))
        summary = f"{len(members)} conversations, {span}: {heads}".strip()
        with self.stores.write() as db:
            node = db.get(TreeNode, topic_id) if topic_id else None
            if node is None:
                node = TreeNode(user_id=user_id, level=TOPIC_LEVEL)
                node.id = f"n2-{node.id}"
            node.summary, node.children = summary, [m.id for m in members]
            node.source_turn_ids = [t for m in members for t in m.source_turn_ids]
            node.start_at, node.end_at = (min(starts) if starts else None,
                                          max(ends) if ends else None)
            node.parent_id, node.meta, node.updated_at = root_id(user_id), {}, now()
            node.facts = [f for m in members for f in (m.facts or [])][: self.tuning.topic_facts]
            db.add(node)
            for member in members:
                row = db.get(TreeNode, member.id)
                if row is not None:
                    row.parent_id = node.id
                    db.add(row)
            self.nodes.put_vector(node, centroid)
        return node

    def write_root(self, user_id: str, clustered_sessions: int) -> None:
        """(Re)write the user's root over the topics (deleted when there are none)."""
        topics = self.nodes.topic_heads(user_id)
        if not topics:
            self.nodes.delete(user_id, [root_id(user_id)])
            return
        sessions = sum(len(t.children) for t in topics)
        starts = [t.start_at for t in topics if t.start_at]
        ends = [t.end_at for t in topics if t.end_at]
        with self.stores.read() as db:
            items = memory_items(db, user_id)
        facts = [i.text for i in items
                 if i.kind in ("fact", "preference")][: self.tuning.topic_facts]
        span = f" from {day(min(starts))} to {day(max(ends))}" if starts and ends else ""
        summary = f"{sessions} conversations{span} in {len(topics)} topics or periods."
        if facts:
            summary += " Known now: " + "; ".join(facts)
        with self.stores.write() as db:
            node = db.get(TreeNode, root_id(user_id)) or TreeNode(
                id=root_id(user_id), user_id=user_id, level=ROOT_LEVEL)
            node.summary, node.children, node.facts = summary, [t.id for t in topics], facts
            node.start_at = min(starts) if starts else None
            node.end_at = max(ends) if ends else None
            node.meta = {"clustered_sessions": clustered_sessions or
                         int((node.meta or {}).get("clustered_sessions", 0))}
            node.updated_at = now()
            db.add(node)
