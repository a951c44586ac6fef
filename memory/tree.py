"""TaciTree: a user's whole history as a tree of summaries, searched by descent.

Level 0 are the turns themselves (the ``turn`` table). Level 1 holds one node per closed
session: a summary, the session's key facts, its time span. Level 2 groups sessions into
topics or periods (a networkx graph of sessions linked by meaning and by time, split into
communities). Level 3 is the user's root. Every node lives in SQL (``treenode``) and its vector
in the vector store (kind ``node``); the in-process index is a cache rebuilt from them.

Recall descends: it scores the topics against the request, expands the best ones into their
sessions, and the best sessions into their turns, until the token budget is spent. Evidence
from flat dense and lexical search over turns steers the beam, so a needle in a session whose
summary never mentions it still pulls that session in (descent with backtracking).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import func, text, tuple_
from sqlmodel import col, select

from memory.dates import day, periods_named, resolve_relative, told_within, within
from memory.db import is_sqlite, transaction
from memory.schema import MemoryItem, Session, TreeNode, Turn, now

if TYPE_CHECKING:
    from memory.facade import Memory

NODE = "node"
SESSION_LEVEL, TOPIC_LEVEL, ROOT_LEVEL = 1, 2, 3
SUMMARY_TURNS = 3          # central turns quoted in an extractive session summary
SUMMARY_WORDS = 28         # words kept of each quoted turn
TOPIC_MAX = 12             # sessions per topic before it is split
TOPIC_JOIN = 0.35          # a closing session joins the nearest topic above this similarity
RECLUSTER_GROWTH = 1.25    # re-cluster every topic when sessions grew by this factor
FRESH_SESSIONS = 8         # open sessions whose new turn vectors are kept for their close
DENSE_POOL, LEXICAL_POOL, PERIOD_POOL = 80, 80, 20
TOPIC_BEAM, SESSION_BEAM = 4, 8
# Leaf fusion, tuned on LoCoMo conversations 1-2 (recall@10, categories 1-4); the lexical
# weight was lowered from 1.5 once the dense query dropped ubiquitous words.
RRF_K = 3
LEXICAL_WEIGHT = 1.0
SESSION_WEIGHT = 0.5
NEIGHBOUR_WEIGHT = 0.4
# An answer is often a turn or two after the one that names its subject ("What do you do
# for fun?" / "Oh, lots." / "Pottery, mostly."): turns two away get a share of the smoothing.
STEPS = (-2, -1, 1, 2)
FAR = 0.2                  # share of the smoothing a turn two away gets (one away: all of it)
MIN_SIMILARITY = 0.2
UBIQUITOUS = 0.25          # share of a user's turns above which a word leaves the dense query
PERIOD_WEIGHT = 1.0        # weight of the search within the sessions of a named period
TIME_WEIGHT = 0.8          # added to the score of a session held in a period the request names
OTHER_SPEAKER = 0.5        # score kept by a turn whose speaker is not the person a request names
SPEAKER = re.compile(r"([A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2}): ")  # "Maya: ..." opens a turn
PAST = re.compile(r"\b(before|used to|previous(?:ly)?|earlier|formerly|anymore|no longer|"
                  r"old|changed?)\b", re.IGNORECASE)

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
class _Index:
    """The tree of one user in arrays, for scoring in microseconds."""

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


def named_speakers(query: str, speakers: set[str]) -> set[str]:
    """The speakers ``query`` names (by full name or first name), when there are several."""
    if len(speakers) < 2:
        return set()
    return {s for s in speakers
            if re.search(rf"\b({re.escape(s)}|{re.escape(s.split()[0])})\b", query)}


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return (matrix / np.clip(norms, 1e-12, None)).astype(np.float32)


def _first_words(text_: str, limit: int = SUMMARY_WORDS) -> str:
    parts = " ".join(text_.split()).split(" ")
    return " ".join(parts[:limit]) + (" …" if len(parts) > limit else "")


def _batched(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a tree method with its node-vector writes sent to the store together."""
    @functools.wraps(method)
    def run(self: MemoryTree, *args: Any, **kwargs: Any) -> Any:
        with self._writes():
            return method(self, *args, **kwargs)

    return run


def root_id(user_id: str) -> str:
    return "n3-" + hashlib.sha1(user_id.encode()).hexdigest()[:24]


def session_node_id(session_id: str) -> str:
    return f"n1-{session_id}"


@dataclass
class TopicHead:
    """What closing a session reads of a topic node."""

    id: str
    children: list[str]
    start_at: datetime | None
    end_at: datetime | None


class MemoryTree:
    """Build, keep current, forget from, and search one memory tree per user."""

    def __init__(self, memory: Memory, summarizer: Summarizer | None = None) -> None:
        self.memory = memory
        self.summarizer = summarizer
        self._cache: dict[str, _Index] = {}
        self._lock = threading.RLock()
        self._pending: dict[str, tuple[list[float], str, dict[str, Any]]] = {}
        self._depth = 0
        # Vectors of turns just stored, by session: closing the session reuses them instead
        # of reading them back from the vector store.
        self._fresh: dict[str, dict[str, np.ndarray]] = {}

    def note_vectors(self, session_id: str, turn_ids: list[str], vectors: np.ndarray) -> None:
        """Keep the vectors of turns just stored until their session is closed."""
        with self._lock:
            kept = self._fresh.pop(session_id, {})
            kept.update(zip(turn_ids, np.asarray(vectors, dtype=np.float32), strict=True))
            self._fresh[session_id] = kept  # most recent last
            while len(self._fresh) > FRESH_SESSIONS:
                self._fresh.pop(next(iter(self._fresh)))

    # Building ---------------------------------------------------------------------------
    def close_open(self, user_id: str, keep: str | None = None,
                   summarizer: Summarizer | None = None) -> list[str]:
        """Close (summarize into the tree) every open session of the user but ``keep``."""
        with self.memory._read() as db:
            query = select(Session.id).where(Session.user_id == user_id,
                                             col(Session.closed_at).is_(None))
            open_ids = [sid for sid in db.exec(query).all() if sid != keep]
        closed = [sid for sid in open_ids
                  if self.close_session(user_id, sid, summarizer=summarizer) is not None]
        return closed

    def reopen(self, user_id: str, session_id: str) -> None:
        """A closed session received a new turn: it will be summarized again when left."""
        with transaction(self.memory.engine) as db:
            session = db.get(Session, session_id)
            if session is not None and session.user_id == user_id and session.closed_at:
                session.closed_at = None
                db.add(session)

    @_batched
    def close_session(self, user_id: str, session_id: str, recluster: bool = True,
                      summarizer: Summarizer | None = None) -> TreeNode | None:
        """Summarize a session into its level-1 node, place it in a topic, refresh the root."""
        node = self._write_session_node(user_id, session_id, summarizer)
        with transaction(self.memory.engine) as db:
            session = db.get(Session, session_id)
            if session is not None and session.user_id == user_id:
                session.closed_at = now()
                db.add(session)
        if node is None:
            return None
        if recluster:
            self._place(user_id, node)
        self.drop_cache(user_id)
        return node

    def _session_material(self, user_id: str, session_id: str
                          ) -> tuple[list[Turn], np.ndarray]:
        turns = self.memory.turns(user_id, session_id)
        with self._lock:
            fresh = self._fresh.pop(session_id, {})
        if not turns:
            return [], np.zeros((0, 0), dtype=np.float32)
        by_id: dict[str, Any] = {t.id: fresh[t.id] for t in turns if t.id in fresh}
        stored = [t.id for t in turns if t.id not in by_id]
        if stored:
            by_id.update(self.memory.vectors.vectors_of(user_id, stored, "turn"))
        missing = [t for t in turns if t.id not in by_id]
        if missing:  # a vector lost: embed the text again rather than drop the turn
            from memory.facade import turn_text

            again = self.memory.vectors.embedder.embed(
                [turn_text(t.user_text, t.reply_text) for t in missing])
            by_id.update({t.id: v for t, v in zip(missing, again, strict=True)})
        return turns, _unit(np.array([by_id[t.id] for t in turns], dtype=np.float32))

    def _write_session_node(self, user_id: str, session_id: str,
                            summarizer: Summarizer | None = None) -> TreeNode | None:
        turns, vecs = self._session_material(user_id, session_id)
        node_id = session_node_id(session_id)
        if not turns:
            self._delete_nodes(user_id, [node_id])
            return None
        lines = [t.user_text if not t.reply_text else f"{t.user_text} — {t.reply_text}"
                 for t in turns]
        summary, method, error = "", "extractive", None
        summarizer = summarizer or self.summarizer
        if summarizer is not None:
            written, error = summarizer(lines)
            if written:
                summary, method = written, "model"
        if not summary:
            summary = extractive_summary([t.user_text or t.reply_text for t in turns], vecs)
        ids = [t.id for t in turns]
        with self.memory._read() as db:
            items = db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id,
                                                     col(MemoryItem.valid_to).is_(None))).all()
        wanted = set(ids)
        facts = [i.text for i in items if wanted & set(i.provenance)][:6]
        meta: dict[str, Any] = {"session_id": session_id, "method": method, "turns": len(ids)}
        if error:
            meta["summarizer_error"] = error[:200]
        centroid = _unit(vecs.mean(axis=0))
        with transaction(self.memory.engine) as db:
            node = db.get(TreeNode, node_id)
            if node is None:
                node = TreeNode(id=node_id, user_id=user_id, level=SESSION_LEVEL)
            node.summary, node.children, node.source_turn_ids = summary, ids, ids
            node.facts, node.meta = facts, meta
            node.start_at, node.end_at = turns[0].created_at, turns[-1].created_at
            node.updated_at = now()
            db.add(node)
            self._put_vector(node, centroid)
        return node

    @contextmanager
    def _writes(self) -> Iterator[None]:
        """Node vectors written inside are sent to the store in one call at the end.

        (Each vector-store write costs a commit; a session close touches two or three nodes.)
        """
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        ids = list(self._pending)
        vecs, docs, metas = zip(*(self._pending[i] for i in ids), strict=True)
        self._pending.clear()
        self.memory.vectors.upsert(ids, list(vecs), list(docs), list(metas))

    def _put_vector(self, node: TreeNode, vec: np.ndarray) -> None:
        meta = {"user_id": node.user_id, "kind": NODE, "level": node.level,
                "created_at": (node.start_at or node.updated_at).isoformat()}
        self._pending[node.id] = (vec.tolist(), node.summary or " ", meta)
        if self._depth == 0:
            self._flush()

    def _node_vectors(self, user_id: str, ids: list[str]) -> dict[str, np.ndarray]:
        out = {i: np.asarray(self._pending[i][0], dtype=np.float32)
               for i in ids if i in self._pending}
        rest = [i for i in ids if i not in out]
        if rest:
            out.update(self.memory.vectors.vectors_of(user_id, rest, NODE))
        return out

    def _nodes(self, user_id: str, level: int) -> list[TreeNode]:
        with self.memory._read() as db:
            return list(db.exec(select(TreeNode).where(TreeNode.user_id == user_id,
                                                       TreeNode.level == level)
                                .order_by(col(TreeNode.start_at))).all())

    def _topic_heads(self, user_id: str) -> list[TopicHead]:
        """The user's topics without their summaries or source turns (closing a session needs
        only these; reading every topic whole made each close grow with the whole history)."""
        with self.memory._read() as db:
            rows = db.exec(select(TreeNode.id, TreeNode.children, TreeNode.start_at,
                                  TreeNode.end_at)
                           .where(TreeNode.user_id == user_id, TreeNode.level == TOPIC_LEVEL)
                           .order_by(col(TreeNode.start_at))).all()
        return [TopicHead(i, list(children or []), start, end)
                for i, children, start, end in rows]

    def _place(self, user_id: str, node: TreeNode) -> None:
        """Put a fresh session node under the nearest topic, or re-cluster when grown."""
        with self.memory._read() as db:
            count = db.exec(select(func.count()).select_from(TreeNode).where(
                TreeNode.user_id == user_id, TreeNode.level == SESSION_LEVEL)).one()
        root = self._root(user_id)
        clustered_at = int((root.meta or {}).get("clustered_sessions", 0)) if root else 0
        if count >= 4 and count >= clustered_at * RECLUSTER_GROWTH:
            self.recluster(user_id)
            return
        topics = self._topic_heads(user_id)
        vecs = self._node_vectors(user_id, [node.id, *[t.id for t in topics]])
        best, best_sim = None, TOPIC_JOIN
        for topic in topics:
            if node.id in topic.children:
                best = topic
                break
            sim = float(vecs[node.id] @ _unit(vecs[topic.id]))
            if sim > best_sim and len(topic.children) < TOPIC_MAX:
                best, best_sim = topic, sim
        if best is None:
            self._write_topic(user_id, None, [node])
        else:  # only the chosen topic's sessions are read, not every session of the user
            group = self._nodes_by_id(user_id, [c for c in best.children if c != node.id])
            self._write_topic(user_id, best.id, [*group, node])
        self._write_root(user_id, clustered_at)

    def _nodes_by_id(self, user_id: str, ids: list[str]) -> list[TreeNode]:
        if not ids:
            return []
        with self.memory._read() as db:
            return list(db.exec(select(TreeNode).where(TreeNode.user_id == user_id,
                                                       col(TreeNode.id).in_(ids))).all())

    @_batched
    def recluster(self, user_id: str) -> None:
        """Group all sessions into topics/periods (networkx communities), rewrite levels 2-3."""
        import networkx as nx

        sessions = self._nodes(user_id, SESSION_LEVEL)
        old_topics = [t.id for t in self._nodes(user_id, TOPIC_LEVEL)]
        if not sessions:
            self._delete_nodes(user_id, [*old_topics, root_id(user_id)])
            return
        vecs = self._node_vectors(user_id, [s.id for s in sessions])
        matrix = _unit(np.array([vecs[s.id] for s in sessions]))
        sims = matrix @ matrix.T
        graph = nx.Graph()
        graph.add_nodes_from(range(len(sessions)))
        for i in range(len(sessions)):
            if i + 1 < len(sessions):  # neighbours in time belong to the same period
                graph.add_edge(i, i + 1, weight=max(float(sims[i, i + 1]), 0.0) + 0.2)
            for j in np.argsort(-sims[i])[1:4]:
                if sims[i, j] > TOPIC_JOIN:
                    weight = float(sims[i, j]) + graph.get_edge_data(i, int(j), {}).get(
                        "weight", 0.0)
                    graph.add_edge(i, int(j), weight=weight)
        communities = nx.community.louvain_communities(graph, weight="weight", seed=7)
        groups: list[list[int]] = []
        for community in communities:
            members = sorted(community)
            groups.extend(members[i : i + TOPIC_MAX] for i in range(0, len(members), TOPIC_MAX))
        self._delete_nodes(user_id, old_topics)
        for group in sorted(groups, key=lambda g: g[0]):
            self._write_topic(user_id, None, [sessions[i] for i in group], vecs)
        self._write_root(user_id, len(sessions))

    def _write_topic(self, user_id: str, topic_id: str | None, members: list[TreeNode],
                     vecs: dict[str, np.ndarray] | None = None) -> TreeNode | None:
        if not members:
            if topic_id:
                self._delete_nodes(user_id, [topic_id])
            return None
        members = sorted(members, key=lambda n: n.start_at or n.updated_at)
        vecs = vecs if vecs is not None and all(m.id in vecs for m in members) else \
            self._node_vectors(user_id, [m.id for m in members])
        matrix = _unit(np.array([vecs[m.id] for m in members]))
        centroid = _unit(matrix.mean(axis=0))
        central = np.argsort(-(matrix @ centroid))[:2]
        starts = [m.start_at for m in members if m.start_at]
        ends = [m.end_at for m in members if m.end_at]
        span = f"{day(min(starts))} to {day(max(ends))}" if starts and ends else ""
        heads = " | ".join(_first_words(members[i].summary, 18) for i in sorted(central))
        summary = f"{len(members)} conversations, {span}: {heads}".strip()
        with transaction(self.memory.engine) as db:
            node = db.get(TreeNode, topic_id) if topic_id else None
            if node is None:
                node = TreeNode(user_id=user_id, level=TOPIC_LEVEL)
                node.id = f"n2-{node.id}"
            node.summary, node.children = summary, [m.id for m in members]
            node.source_turn_ids = [t for m in members for t in m.source_turn_ids]
            node.start_at, node.end_at = (min(starts) if starts else None,
                                          max(ends) if ends else None)
            node.parent_id, node.meta, node.updated_at = root_id(user_id), {}, now()
            node.facts = [f for m in members for f in (m.facts or [])][:8]
            db.add(node)
            for member in members:
                row = db.get(TreeNode, member.id)
                if row is not None:
                    row.parent_id = node.id
                    db.add(row)
            self._put_vector(node, centroid)
        return node

    def _root(self, user_id: str) -> TreeNode | None:
        with self.memory._read() as db:
            return db.get(TreeNode, root_id(user_id))

    def _write_root(self, user_id: str, clustered_sessions: int) -> None:
        topics = self._topic_heads(user_id)
        if not topics:
            self._delete_nodes(user_id, [root_id(user_id)])
            return
        sessions = sum(len(t.children) for t in topics)
        starts = [t.start_at for t in topics if t.start_at]
        ends = [t.end_at for t in topics if t.end_at]
        facts = [i.text for i in self.memory.items(user_id)
                 if i.kind in ("fact", "preference")][:8]
        span = f" from {day(min(starts))} to {day(max(ends))}" if starts and ends else ""
        summary = f"{sessions} conversations{span} in {len(topics)} topics or periods."
        if facts:
            summary += " Known now: " + "; ".join(facts)
        with transaction(self.memory.engine) as db:
            node = db.get(TreeNode, root_id(user_id)) or TreeNode(
                id=root_id(user_id), user_id=user_id, level=ROOT_LEVEL)
            node.summary, node.children, node.facts = summary, [t.id for t in topics], facts
            node.start_at = min(starts) if starts else None
            node.end_at = max(ends) if ends else None
            node.meta = {"clustered_sessions": clustered_sessions or
                         int((node.meta or {}).get("clustered_sessions", 0))}
            node.updated_at = now()
            db.add(node)

    def _delete_nodes(self, user_id: str, ids: list[str]) -> None:
        for node_id in ids:
            self._pending.pop(node_id, None)
        with transaction(self.memory.engine) as db:
            for node_id in ids:
                row = db.get(TreeNode, node_id)
                if row is not None and row.user_id == user_id:
                    db.delete(row)
        self.memory.vectors.delete(user_id, ids)

    @_batched
    def rebuild(self, user_id: str) -> int:
        """Rebuild the whole tree from the SQL turns (after the vector store was lost)."""
        with self.memory._read() as db:
            nodes = db.exec(select(TreeNode.id).where(TreeNode.user_id == user_id)).all()
            sessions = db.exec(select(Session.id).where(Session.user_id == user_id)
                               .order_by(col(Session.created_at))).all()
        self._delete_nodes(user_id, list(nodes))
        built = 0
        for session_id in sessions:
            built += self.close_session(user_id, session_id, recluster=False) is not None
        self.recluster(user_id)
        self.drop_cache(user_id)
        return built

    # Forgetting -------------------------------------------------------------------------
    @_batched
    def forget(self, user_id: str, turn_ids: list[str], item_ids: set[str] | list[str],
               session_ids: set[str]) -> set[str]:
        """Rewrite every node that held a forgotten turn or fact; return the ids touched."""
        gone_turns, gone_items = set(turn_ids), set(item_ids)
        if not gone_turns and not gone_items:
            return set()
        with self._lock:
            for kept in self._fresh.values():
                for turn_id in gone_turns & set(kept):
                    del kept[turn_id]
        touched: set[str] = set()
        sessions = self._nodes(user_id, SESSION_LEVEL)
        affected = [s for s in sessions
                    if gone_turns & set(s.source_turn_ids)
                    or (s.meta or {}).get("session_id") in session_ids
                    or (gone_items and s.facts)]
        for node in affected:
            session_id = (node.meta or {}).get("session_id", "")
            touched.add(node.id)
            if self._write_session_node(user_id, session_id) is None:
                touched.add(node.id)
        if not affected and not gone_items:
            return touched
        # Ancestors are rewritten from what remains (a full re-cluster keeps it simple and
        # guarantees no summary still quotes what was forgotten).
        touched.update(t.id for t in self._nodes(user_id, TOPIC_LEVEL))
        touched.add(root_id(user_id))
        self.recluster(user_id)
        self.drop_cache(user_id)
        return touched

    def drop_cache(self, user_id: str) -> None:
        with self._lock:
            self._cache.pop(user_id, None)

    # Reading ----------------------------------------------------------------------------
    def levels(self, user_id: str) -> dict[int, list[TreeNode]]:
        """Every node of the user by level (3 the root ... 1 sessions)."""
        with self.memory._read() as db:
            rows = db.exec(select(TreeNode).where(TreeNode.user_id == user_id)
                           .order_by(col(TreeNode.level).desc(), col(TreeNode.start_at))).all()
        out: dict[int, list[TreeNode]] = defaultdict(list)
        for row in rows:
            out[row.level].append(row)
        return dict(out)

    def _stamp(self, user_id: str) -> tuple[Any, ...]:
        with self.memory._read() as db:
            row = db.exec(select(func.count(), func.max(TreeNode.updated_at))
                          .where(TreeNode.user_id == user_id)).one()
        return tuple(row)

    def _index(self, user_id: str, healed: bool = False) -> _Index:
        stamp = self._stamp(user_id)
        with self._lock:
            cached = self._cache.get(user_id)
            if cached is not None and cached.stamp == stamp:
                return cached
        topics = self._nodes(user_id, TOPIC_LEVEL)
        sessions = self._nodes(user_id, SESSION_LEVEL)
        vecs = self._node_vectors(user_id, [n.id for n in (*topics, *sessions)])
        if not healed and any(n.id not in vecs for n in (*topics, *sessions)):
            self.rebuild(user_id)  # the vector store lost the tree: rebuild it from SQL
            return self._index(user_id, healed=True)
        sessions = [s for s in sessions if s.id in vecs]
        position = {s.id: i for i, s in enumerate(sessions)}
        topics = [t for t in topics if t.id in vecs]
        session_topic = [-1] * len(sessions)
        children: list[list[int]] = []
        for ti, topic in enumerate(topics):
            kids = [position[c] for c in topic.children if c in position]
            for k in kids:
                session_topic[k] = ti
            children.append(kids)
        dim = self.memory.vectors.embedder.dimensions

        def matrix(nodes: list[TreeNode]) -> np.ndarray:
            if not nodes:
                return np.zeros((0, dim), dtype=np.float32)
            return _unit(np.array([vecs[n.id] for n in nodes], dtype=np.float32))

        index = _Index(
            stamp=stamp, topic_ids=[t.id for t in topics], topic_vecs=matrix(topics),
            topic_children=children,
            session_ids=[(s.meta or {}).get("session_id", "") for s in sessions],
            node_ids=[s.id for s in sessions], session_vecs=matrix(sessions),
            session_topic=session_topic,
            summaries={n.id: n.summary for n in (*topics, *sessions)},
            starts={n.id: n.start_at for n in (*topics, *sessions)},
            turns=sum(len(s.source_turn_ids or []) for s in sessions),
        )
        with self._lock:
            self._cache[user_id] = index
        return index

    # Descent ----------------------------------------------------------------------------
    def descend(self, user_id: str, query: str, budget: int,
                count_tokens: TokenCounter = words, exclude: set[str] | None = None,
                with_facts: bool = True, summaries: int = 2) -> Recollection:
        """The turns (and facts, and path summaries) that best answer ``query``.

        Entries come best first and together cost at most ``budget`` tokens.
        """
        exclude = exclude or set()
        if not query.strip() or budget <= 0:
            return Recollection([], 0, budget)
        index = self._index(user_id)
        qv = self.memory.vectors.embedder.embed([self._salient(user_id, query, index)])[0]
        dense = self._dense(user_id, qv, DENSE_POOL)
        lexical = self._lexical(user_id, query, LEXICAL_POOL)  # BM25 weighs common words down
        # A request naming a date or a period is also searched within the sessions that may
        # tell of it: "what did I watch on 1 May" rarely shares words with "saw Dune last night".
        periods = periods_named(query)
        told = [sid for i, sid in enumerate(index.session_ids)
                if (start := index.starts.get(index.node_ids[i])) is not None
                and told_within(start, periods)] if periods else []
        in_period = [d[0] for d in self._dense(user_id, qv, PERIOD_POOL, told, floor=0.0)] \
            if told and len(told) < len(index.session_ids) else []
        where, neighbours, speakers = self._positions(
            user_id, [d[0] for d in dense] + lexical + in_period)

        # Flat evidence, fused by rank (a small k: the first few ranks matter most; words
        # count a little more than meaning, as names and rare terms carry most questions).
        flat: dict[str, float] = defaultdict(float)
        how: dict[str, list[str]] = defaultdict(list)
        for name, weight, ranking in (("dense", 1.0, [d[0] for d in dense]),
                                      ("lexical", LEXICAL_WEIGHT, lexical),
                                      ("period", PERIOD_WEIGHT, in_period)):
            for rank, doc in enumerate(ranking, start=1):
                flat[doc] += weight / (RRF_K + rank)
                how[doc].append(name)
        mass: dict[str, float] = defaultdict(float)
        for doc, score in flat.items():
            sid = where.get(doc)
            if sid is not None:
                mass[sid] = max(mass[sid], score)
        top_mass = max(mass.values(), default=0.0) or 1.0

        # Level 2 -> 1: score topics, keep the best, expand them into sessions.
        session_cos = index.session_vecs @ qv if len(index.node_ids) else np.zeros(0)
        session_score = {
            sid: float(session_cos[i]) + 0.6 * mass.get(sid, 0.0) / top_mass
            for i, sid in enumerate(index.session_ids)}
        # Temporal cue: a request naming a month or a year favours the sessions held then.
        if periods:
            for i, sid in enumerate(index.session_ids):
                start = index.starts.get(index.node_ids[i])
                if start is not None and within(start, periods):
                    session_score[sid] += TIME_WEIGHT
        topic_cos = index.topic_vecs @ qv if index.topic_ids else np.zeros(0)
        topic_score = []
        for ti, kids in enumerate(index.topic_children):
            best_child = max((session_score[index.session_ids[k]] for k in kids), default=0.0)
            topic_score.append(0.5 * float(topic_cos[ti]) + best_child)
        topic_order = sorted(range(len(topic_score)), key=lambda t: -topic_score[t])
        kept_topics = topic_order[:TOPIC_BEAM]
        candidates: dict[str, float] = {}
        for ti in kept_topics:
            for k in index.topic_children[ti]:
                sid = index.session_ids[k]
                candidates[sid] = session_score[sid]
        # Backtracking: a session with strong leaf evidence enters even from another branch,
        # and sessions not yet in the tree (the open one) are judged by their turns alone.
        for sid, value in mass.items():
            if sid not in candidates:
                candidates[sid] = session_score.get(sid, 0.6 * value / top_mass)
        beam = sorted(candidates, key=lambda s: -candidates[s])[:SESSION_BEAM]
        session_rank = {sid: r for r, sid in enumerate(beam, start=1)}

        # Level 1 -> 0: turns gain from the rank of their session in the beam, and from their
        # neighbours up to two turns away (an answer often follows the turn that names its
        # subject).
        fused = dict(flat)
        for doc in flat:
            position = session_rank.get(where.get(doc, ""))
            if position is not None:
                fused[doc] += SESSION_WEIGHT / (RRF_K + position)
                how[doc].append("descent")
        smoothed = dict(fused)
        for doc, score in fused.items():
            for near, gap in neighbours.get(doc, ()):
                share = NEIGHBOUR_WEIGHT * FAR ** (gap - 1)
                smoothed[near] = smoothed.get(near, 0.0) + share * score
                if near not in fused:
                    how[near] = ["neighbour"]
        fused = smoothed
        # A request about a person named as a speaker draws first on what that person said.
        named = named_speakers(query, set(speakers.values()))
        if named:
            for doc in fused:
                if doc in speakers and speakers[doc] not in named:
                    fused[doc] *= OTHER_SPEAKER
        order = [d for d in sorted(fused, key=lambda d: -fused[d]) if d not in exclude]

        topic_of = {index.session_ids[i]: index.session_topic[i]
                    for i in range(len(index.session_ids))}
        node_of = {index.session_ids[i]: index.node_ids[i] for i in range(len(index.node_ids))}

        def branch(sid: str | None) -> list[str]:
            if sid is None or sid not in node_of:
                return ["open-session"]
            t = topic_of.get(sid, -1)
            return ([index.topic_ids[t]] if t >= 0 else []) + [node_of[sid]]

        entries: list[Entry] = []
        spent = 0
        facts = self._facts(user_id, qv, query) if with_facts else []
        for fact in facts:
            if spent + fact.tokens <= budget // 5:
                entries.append(fact)
                spent += fact.tokens
        # The summaries on the path of the best leaves (the context around the evidence)
        # are costed first, so the leaves leave room for them; they go last in the list.
        path_entries: list[Entry] = []
        for doc in order:
            sid = where.get(doc, "")
            node = node_of.get(sid)
            if len(path_entries) >= summaries:
                break
            if node is None or any(e.id == node for e in path_entries):
                continue
            start = index.starts.get(node)
            line = (f"[conversation of {day(start)}] " if start else "") + \
                _first_words(index.summaries.get(node, ""), 3 * SUMMARY_WORDS)
            cost = count_tokens(line)
            if spent + cost <= budget // 2:
                spent += cost
                path_entries.append(Entry(node, "summary", line, 0.0, cost, sid, start,
                                          branch(sid), ["path"]))
        misses = 0
        for chunk in range(0, min(len(order), 80), 20):  # fetch only as far as the budget goes
            for doc, sid, user_text, reply_text, when in self._turns(
                    user_id, order[chunk : chunk + 20]):
                body = user_text if not reply_text else \
                    f"User: {user_text}\nAssistant: {reply_text}"
                line = f"[{day(when)}] {resolve_relative(body, when)}"
                cost = count_tokens(line)
                if spent + cost > budget:
                    misses += 1  # a shorter turn further down may still fit
                    continue
                spent += cost
                entries.append(Entry(doc, "turn", line, fused[doc], cost, sid, when,
                                     branch(sid), how[doc]))
            if misses >= 5:
                break
        entries.extend(path_entries)
        path = {"topics": [{"id": index.topic_ids[t], "score": round(topic_score[t], 4)}
                           for t in kept_topics],
                "sessions": [{"id": node_of.get(s, s), "session_id": s,
                              "score": round(candidates[s], 4)} for s in beam],
                "nodes": {"topics": len(index.topic_ids), "sessions": len(index.node_ids)}}
        return Recollection(entries, spent, budget, path)

    def _dense(self, user_id: str, qv: np.ndarray, n: int, sessions: list[str] | None = None,
               floor: float | None = None) -> list[tuple[str, float]]:
        where = {"session_id": {"$in": sessions}} if sessions else None
        found = self.memory.vectors.nearest(user_id, qv, n, ["turn"], where)
        least = MIN_SIMILARITY if floor is None else floor
        return [(h.id, h.score) for h in found if h.score >= least]

    def _salient(self, user_id: str, query: str, index: _Index) -> str:
        """``query`` without the words most of the user's turns contain (for its meaning).

        A name that opens half of all turns (the user's own, a speaker's) pulls the query's
        vector toward every one of them and away from what is asked about it. Word counts
        are kept with the cached tree, so they are looked up once per tree version.
        """
        if not self.memory.lexical_enabled or index.turns < 50:
            return query
        from memory import lexical

        words = lexical.query_words(query)
        unknown = [w for w in words if w not in index.frequency]
        if unknown:
            with self.memory._read() as db:
                for word in unknown:
                    index.frequency[word] = lexical.frequency(db, user_id, word)
        common = [w for w in words if index.frequency[w] > UBIQUITOUS * index.turns]
        if not common:
            return query
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, common)) + r")(?:'s)?\b",
                             re.IGNORECASE)
        kept = " ".join(pattern.sub(" ", query).split())
        return kept if lexical.query_words(kept) else query

    def _lexical(self, user_id: str, query: str, n: int) -> list[str]:
        if not self.memory.lexical_enabled:
            return []
        from memory import lexical

        with self.memory._read() as db:
            return [doc for doc, _ in lexical.search(db, user_id, query, n, ["turn"])]

    def _positions(self, user_id: str, turn_ids: list[str]
                   ) -> tuple[dict[str, str], dict[str, list[tuple[str, int]]], dict[str, str]]:
        """(turn -> session, turn -> the turns near it with their distance, turn -> speaker).

        A speaker is known for turns that open with a name and a colon ("Maya: ..."), as
        imported group chats and transcripts do.

        Rows are found by primary key and by (session, seq), then checked against the user:
        a ``user_id`` condition would make SQLite walk every turn of the user instead.
        """
        if not turn_ids:
            return {}, {}, {}
        opening = func.substr(Turn.user_text, 1, 48)
        with self.memory._read() as db:
            first = [r for r in db.exec(
                select(Turn.id, Turn.session_id, Turn.seq,  # type: ignore[call-overload]
                       Turn.user_id, opening)
                .where(col(Turn.id).in_(set(turn_ids)))).all() if r[3] == user_id]
            rows = [(tid, sid, seq) for tid, sid, seq, _, _ in first]
            keys = sorted({(sid, seq + step) for _, sid, seq in rows for step in STEPS})
            if is_sqlite(str(self.memory.engine.url)):  # one parameter, a join on the index
                found = db.exec(text(  # type: ignore[call-overload]
                    "WITH wanted(s, q) AS (SELECT json_extract(value, '$[0]'), "
                    "json_extract(value, '$[1]') FROM json_each(:keys)) "
                    "SELECT t.id, t.session_id, t.seq, t.user_id, substr(t.user_text, 1, 48) "
                    "FROM wanted "
                    "JOIN turn AS t ON t.session_id = wanted.s AND t.seq = wanted.q"),
                    params={"keys": json.dumps(keys)}).all()
            else:
                found = db.exec(select(  # type: ignore[call-overload]
                    Turn.id, Turn.session_id, Turn.seq, Turn.user_id, opening).where(
                        tuple_(Turn.session_id, Turn.seq).in_(keys))).all()
            near = [(r[0], r[1], r[2]) for r in found if r[3] == user_id]
        speakers = {r[0]: m.group(1) for r in [*first, *found]
                    if r[3] == user_id and (m := SPEAKER.match(r[4] or ""))}
        at = {(sid, seq): tid for tid, sid, seq in [*rows, *near]}
        where = {tid: sid for tid, sid, _ in [*rows, *near]}
        neighbours = {tid: [(n, abs(st)) for st in STEPS if (n := at.get((sid, seq + st)))]
                      for tid, sid, seq in rows}
        return where, neighbours, speakers

    def _turns(self, user_id: str, ids: list[str]
               ) -> list[tuple[str, str, str, str, datetime]]:
        """(id, session, user text, reply, date) of the turns, in the order of ``ids``."""
        if not ids:
            return []
        with self.memory._read() as db:
            query = select(Turn.id, Turn.session_id, Turn.user_text,  # type: ignore[call-overload]
                           Turn.reply_text, Turn.created_at, Turn.user_id)
            rows = db.exec(query.where(col(Turn.id).in_(ids))).all()  # by primary key
        by_id = {r[0]: tuple(r[:5]) for r in rows if r[5] == user_id}
        return [by_id[i] for i in ids if i in by_id]

    def _facts(self, user_id: str, qv: np.ndarray, query: str) -> list[Entry]:
        """Current facts near the request; past ones too when the request asks about before."""
        wanted_past = bool(PAST.search(query))
        with self.memory._read() as db:
            known = db.exec(select(func.count()).select_from(MemoryItem).where(
                MemoryItem.user_id == user_id,
                col(MemoryItem.kind).in_(["fact", "preference"]))).one()
        if not known:
            return []  # no facts yet: spare the vector query
        found = self.memory.vectors.nearest(user_id, qv, 6, ["fact", "preference"])
        ids = [h.id for h in found]
        sims = {h.id: h.score for h in found}
        keep = [i for i in ids if sims[i] >= 0.35]
        if not keep:
            return []
        with self.memory._read() as db:
            items = db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id,
                                                     col(MemoryItem.id).in_(keep))).all()
            past: list[MemoryItem] = []
            if wanted_past:
                past = list(db.exec(select(MemoryItem).where(
                    MemoryItem.user_id == user_id,
                    col(MemoryItem.superseded_by).in_([i.id for i in items]))).all())
        out = []
        for item in sorted(items, key=lambda i: -sims[i.id]):
            if item.valid_to is not None:
                continue  # history: shown only beside the fact that replaced it
            line = f"[known since {day(item.valid_from)}] {item.text}"
            out.append(Entry(item.id, item.kind, line, sims[item.id], words(line),
                             None, item.valid_from, ["facts"], ["dense"]))
        for item in past:
            until = day(item.valid_to) if item.valid_to else "later"
            line = f"[before, until {until}] {item.text}"
            out.append(Entry(item.id, item.kind, line, 0.0, words(line), None,
                             item.valid_from, ["facts", "history"], ["history"], False))
        return out


def extractive_summary(texts: list[str], vecs: np.ndarray, keep: int = SUMMARY_TURNS) -> str:
    """The ``keep`` most central texts (nearest the rest in meaning), in their order."""
    if not texts:
        return ""
    if len(texts) <= keep or vecs.size == 0:
        chosen = list(range(len(texts)))
    else:
        centrality = (vecs @ vecs.T).mean(axis=1)
        chosen = sorted(np.argsort(-centrality)[:keep].tolist())
    return " / ".join(_first_words(texts[i]) for i in chosen)

