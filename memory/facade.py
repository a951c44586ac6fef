"""The memory facade: add, search, get, update, delete, history, forget, export — per user.

One object over the stores (:class:`memory.stores.Stores`) with a typed sub-API per kind of
record: ``memory.turns`` (sessions and turns), ``memory.tree`` (the TaciTree),
``memory.facts``, ``memory.instructions`` and ``memory.profile``. The session and turn
methods below are kept as short doors onto ``memory.turns``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from memory.db import open_engine
from memory.forgetting import Forgotten, forget
from memory.profile import Profile
from memory.records import memory_items, turn_text
from memory.schema import (
    MEMORY_KINDS,
    AuditEntry,
    MemoryItem,
    ProfileAttribute,
    Session,
    StandingInstruction,
    TreeNode,
    Turn,
    User,
    now,
)
from memory.stores import SENSITIVE, Stores, ensure_user
from memory.tree import MemoryTree
from memory.tuning import RecallTuning
from memory.turns import TURN, ImportedSession, TurnLog
from memory.vectors import VectorIndex

if TYPE_CHECKING:
    from memory.facts import FactBook
    from memory.instructions import InstructionStore

__all__ = ["SENSITIVE", "SENSITIVE_MASK", "TURN", "Forgotten", "Hit", "ImportedSession",
           "Memory", "turn_text"]

SENSITIVE_MASK = "(sensitive: hidden; export with --include-sensitive to see it)"
Record = TypeVar("Record", MemoryItem, StandingInstruction)


@dataclass
class Hit:
    """One search result, with where it came from and why it ranked."""

    id: str
    kind: str
    text: str
    score: float
    created_at: datetime
    session_id: str | None = None
    matched_by: list[str] = field(default_factory=list)


class Memory:
    """Everything Tacit remembers about its users, always addressed by ``user_id``."""

    def __init__(self, engine: Engine, vectors: VectorIndex,
                 tuning: RecallTuning | None = None) -> None:
        self.tuning = tuning or RecallTuning.defaults()
        self.stores = Stores.over(engine, vectors, self.tuning)
        self.tree = MemoryTree(self.stores, self.tuning)
        self.turns = TurnLog(self.stores, self.tree)
        self.profile = Profile(engine, self.tuning)

    @classmethod
    def open(cls, url: str, vectors: VectorIndex, tuning: RecallTuning | None = None) -> Memory:
        return cls(open_engine(url), vectors, tuning)

    @property
    def engine(self) -> Engine:
        return self.stores.engine

    @property
    def vectors(self) -> VectorIndex:
        return self.stores.vectors

    @property
    def facts(self) -> FactBook:
        """Facts about the user that change, with their history (:mod:`memory.facts`)."""
        from memory.facts import FactBook

        return FactBook(self)

    @property
    def instructions(self) -> InstructionStore:
        """The user's standing instructions (:mod:`memory.instructions`)."""
        from memory.instructions import InstructionStore

        return InstructionStore(self)

    # Sessions and turns (see memory.turns) ----------------------------------------------
    def start_session(self, user_id: str, title: str = "",
                      at: datetime | None = None) -> Session:
        return self.turns.start_session(user_id, title, at)

    def get_session(self, user_id: str, session_id: str) -> Session | None:
        return self.turns.get_session(user_id, session_id)

    def last_session(self, user_id: str) -> Session | None:
        return self.turns.last_session(user_id)

    def sessions(self, user_id: str) -> list[tuple[Session, int]]:
        """The user's sessions, newest first, with their number of turns."""
        return self.turns.sessions(user_id)

    def record_turn(self, user_id: str, session_id: str, user_text: str, reply_text: str,
                    trace: dict[str, Any] | None = None, footer: str = "") -> Turn:
        """Store and index one exchange: all of it, or none of it (``footer`` is never
        indexed, so recall never hands it back to the model)."""
        return self.turns.record(user_id, session_id, [(user_text, reply_text)],
                                 traces=[trace or {}], footers=[footer])[0]

    def record_turns(self, user_id: str, session_id: str, pairs: list[tuple[str, str]],
                     at: list[datetime] | None = None,
                     traces: list[dict[str, Any]] | None = None,
                     vectors: Any = None, footers: list[str] | None = None) -> list[Turn]:
        """Store and index many exchanges of one session at once (importing history)."""
        return self.turns.record(user_id, session_id, pairs, at, traces, vectors, footers)

    def annotate_turn(self, user_id: str, turn_id: str, footer: str = "",
                      trace: dict[str, Any] | None = None) -> Turn | None:
        """Add what was learned after the turn was stored: footer lines and trace sections."""
        return self.turns.annotate(user_id, turn_id, footer, trace)

    def import_sessions(self, user_id: str, sessions: Iterable[ImportedSession]
                        ) -> Iterator[tuple[Session, list[Turn]]]:
        """Store past sessions and close each into the tree (see :class:`TurnLog`)."""
        return self.turns.import_sessions(user_id, sessions)

    # Memory items -----------------------------------------------------------------------
    def add(self, user_id: str, text: str, kind: str = "fact",
            provenance: list[str] | None = None, confidence: float = 1.0) -> MemoryItem:
        """Remember ``text`` as a memory item of ``kind`` (``confidence`` < 1 when inferred)."""
        if kind not in MEMORY_KINDS:
            raise ValueError(f"kind must be one of {', '.join(MEMORY_KINDS)}")
        item = MemoryItem(user_id=user_id, kind=kind, text=text,
                          provenance=list(provenance or []), confidence=confidence)
        return self.add_record(user_id, item, kind, text)

    def add_record(self, user_id: str, row: Record, kind: str, text: str) -> Record:
        """Store a new record (a memory item, a standing instruction), index ``text`` in the
        lexical and vector stores and audit it, in one transaction: all of it, or none of it."""
        added: list[str] = []
        try:
            with self.stores.write() as db:
                ensure_user(db, user_id)
                db.add(row)
                db.flush()
                self.stores.index_text(db, row.id, user_id, kind, text, row.created_at)
                added.append(row.id)
                db.add(AuditEntry(user_id=user_id, action="add", target_kind=kind,
                                  target_id=row.id, detail={"text": text}))
        except BaseException:
            self.stores.vectors.delete(user_id, added)
            raise
        return row

    def get(self, user_id: str, item_id: str) -> MemoryItem | Turn | None:
        """A memory item or a turn by id, if it belongs to ``user_id``."""
        with self.stores.read() as db:
            found = db.get(MemoryItem, item_id) or db.get(Turn, item_id)
        return found if found is not None and found.user_id == user_id else None

    def items(self, user_id: str, kind: str | None = None,
              include_past: bool = False) -> list[MemoryItem]:
        """The user's memory items, newest first; current ones only unless asked."""
        with self.stores.read() as db:
            return memory_items(db, user_id, kind, include_past)

    def update(self, user_id: str, item_id: str, text: str) -> MemoryItem:
        """Change an item's text; the old text stays in its history."""
        with self.stores.write() as db:
            item = db.get(MemoryItem, item_id)
            if item is None or item.user_id != user_id:
                raise KeyError(item_id)
            db.add(AuditEntry(user_id=user_id, action="update", target_kind=item.kind,
                              target_id=item.id, detail={"old": item.text, "new": text}))
            item.text, item.updated_at = text, now()
            db.add(item)
            self.stores.index_text(db, item.id, item.user_id, item.kind, item.text,
                                   item.created_at)
        return item

    def delete(self, user_id: str, item_id: str) -> bool:
        """Delete one memory item (and everything indexed from it)."""
        return self.forget(user_id, item_id) > 0

    def history(self, user_id: str, item_id: str) -> list[AuditEntry]:
        """What happened to an item, oldest first."""
        with self.stores.read() as db:
            return list(db.exec(select(AuditEntry)
                                .where(AuditEntry.user_id == user_id,
                                       AuditEntry.target_id == item_id)
                                .order_by(col(AuditEntry.id))).all())

    # Search -----------------------------------------------------------------------------
    def search(self, user_id: str, query: str, k: int = 8, kinds: list[str] | None = None,
               min_similarity: float | None = None) -> list[Hit]:
        """Hybrid search over the user's past turns and current memory items.

        Dense hits below ``min_similarity`` (cosine; the tuning's by default) are dropped.
        """
        if not query.strip():
            return []
        t = self.tuning
        pool = max(k * t.search_pool_factor, t.search_pool_min)
        kinds = [kind for kind in (kinds or [TURN, *MEMORY_KINDS]) if kind != SENSITIVE]
        floor = t.search_min_similarity if min_similarity is None else min_similarity
        hits: list[Hit] = []
        with self.stores.read() as db:
            for ranked in self.stores.hybrid(db, user_id, query, pool, kinds, floor):
                hit = _hit(db, user_id, ranked.id, ranked.score, ranked.matched_by)
                if hit is not None:
                    hits.append(hit)
                if len(hits) == k:
                    break
        return hits

    # Forget and export ------------------------------------------------------------------
    def forget(self, user_id: str, target_id: str) -> int:
        """Delete a session, turn or item and all that was derived from it; count removed."""
        return self.forget_record(user_id, target_id).removed

    def forget_record(self, user_id: str, target_id: str,
                      before_commit: Callable[[set[str]], None] | None = None) -> Forgotten:
        """As :meth:`forget`, and every id removed or rewritten (records, tree nodes);
        ``before_commit`` hears the doomed ids before the deletion commits."""
        return forget(self.stores, self.tree, user_id, target_id, before_commit)

    def forget_user(self, user_id: str) -> None:
        """Remove every record of ``user_id``."""
        with self.stores.write() as db:
            for model in (AuditEntry, TreeNode, ProfileAttribute, StandingInstruction,
                          MemoryItem, Turn, Session):
                for row in db.exec(select(model).where(model.user_id == user_id)):
                    db.delete(row)
            user = db.get(User, user_id)
            if user is not None:
                db.delete(user)
            self.stores.lexical.remove_user(db, user_id)
            self.stores.vectors.delete_user(user_id)
        self.tree.drop_cache(user_id)

    def export(self, user_id: str, include_sensitive: bool = False) -> dict[str, Any]:
        """Everything stored about ``user_id`` as plain JSON-ready data; the text of
        sensitive items is masked unless ``include_sensitive``."""
        with self.stores.read() as db:
            def rows(model: Any) -> list[dict[str, Any]]:
                found = db.exec(select(model).where(model.user_id == user_id)).all()
                return [_masked(r.model_dump(mode="json"), include_sensitive) for r in found]

            data = {
                "user_id": user_id, "exported_at": now().isoformat(),
                "sessions": rows(Session), "turns": rows(Turn), "memory_items": rows(MemoryItem),
                "standing_instructions": rows(StandingInstruction),
                "profile": rows(ProfileAttribute), "tree": rows(TreeNode),
                "audit": rows(AuditEntry),
            }
        with self.stores.write() as db:
            db.add(AuditEntry(user_id=user_id, action="export", target_kind="user",
                              target_id=user_id))
        return data


def _hit(db: DbSession, user_id: str, doc_id: str, score: float, how: list[str]) -> Hit | None:
    turn = db.get(Turn, doc_id)
    if turn is not None and turn.user_id == user_id:
        return Hit(turn.id, TURN, turn_text(turn.user_text, turn.reply_text), score,
                   turn.created_at, turn.session_id, how)
    item = db.get(MemoryItem, doc_id)
    if item is not None and item.user_id == user_id and item.valid_to is None:
        return Hit(item.id, item.kind, item.text, score, item.created_at, None, how)
    return None


def _masked(row: dict[str, Any], include_sensitive: bool) -> dict[str, Any]:
    if include_sensitive:
        return row
    if row.get("kind") == SENSITIVE and "text" in row:
        return {**row, "text": SENSITIVE_MASK}
    detail = row.get("detail")
    if row.get("target_kind") == SENSITIVE and isinstance(detail, dict) and "text" in detail:
        return {**row, "detail": {**detail, "text": SENSITIVE_MASK}}  # the audit of one
    return row
