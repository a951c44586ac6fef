"""The memory facade: add, search, get, update, delete, history, forget, export — per user.

SQL holds the records; the lexical (FTS5) rows are written in the same transaction; vectors
are written inside it too, so a failure anywhere leaves nothing half-stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from memory import lexical
from memory.db import is_sqlite, open_engine, transaction
from memory.embedder import in_background
from memory.fusion import rrf
from memory.profile import Profile, drop_derived
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
from memory.vectors import VectorIndex

TURN = "turn"
SENSITIVE = "sensitive"   # kept with consent, read only by safety, never searched or recalled
SENSITIVE_MASK = "(sensitive: hidden; export with --include-sensitive to see it)"
MIN_SIMILARITY = 0.25


@dataclass
class ImportedSession:
    """A past session to import: its exchanges (user text, reply) and, if known, their dates."""

    pairs: list[tuple[str, str]]
    at: list[datetime] | None = None
    title: str = ""


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


def turn_text(user_text: str, reply_text: str) -> str:
    if not reply_text:  # an imported utterance or note: no reply to label
        return user_text
    return f"User: {user_text}\nAssistant: {reply_text}"


class Memory:
    """Everything Tacit remembers about its users, always addressed by ``user_id``."""

    def __init__(self, engine: Engine, vectors: VectorIndex) -> None:
        self.engine = engine
        self.vectors = vectors
        self.lexical_enabled = is_sqlite(str(engine.url))
        self._tree: Any = None
        # Every id the last forget removed or rewrote (records, tree nodes): callers that
        # cache text elsewhere (conversation checkpoints) purge what mentions them.
        self.last_forgotten: set[str] = set()

    @property
    def tree(self) -> Any:
        """The user's memory tree (:class:`memory.tree.MemoryTree`) over these stores."""
        if self._tree is None:
            from memory.tree import MemoryTree

            self._tree = MemoryTree(self)
        return self._tree

    @property
    def profile(self) -> Profile:
        """The preference profile (beliefs with confidence and provenance) in these stores."""
        return Profile(self.engine)

    @classmethod
    def open(cls, url: str, vectors: VectorIndex) -> Memory:
        return cls(open_engine(url), vectors)

    @contextmanager
    def _read(self) -> Iterator[DbSession]:
        with DbSession(self.engine, expire_on_commit=False) as db:
            yield db

    # Sessions and turns ------------------------------------------------------------------
    def ensure_user(self, db: DbSession, user_id: str) -> None:
        if db.get(User, user_id) is None:
            db.add(User(id=user_id))
            db.flush()

    def start_session(self, user_id: str, title: str = "",
                      at: datetime | None = None) -> Session:
        session = _new_session(user_id, title, at)
        with transaction(self.engine) as db:
            self.ensure_user(db, user_id)
            db.add(session)
        return session

    def get_session(self, user_id: str, session_id: str) -> Session | None:
        with self._read() as db:
            session = db.get(Session, session_id)
        return session if session and session.user_id == user_id else None

    def last_session(self, user_id: str) -> Session | None:
        with self._read() as db:
            return db.exec(select(Session).where(Session.user_id == user_id)
                           .order_by(col(Session.updated_at).desc())).first()

    def sessions(self, user_id: str) -> list[tuple[Session, int]]:
        """The user's sessions, newest first, with their number of turns."""
        with self._read() as db:
            counts = dict(db.exec(select(Turn.session_id, func.count())
                                  .where(Turn.user_id == user_id)
                                  .group_by(Turn.session_id)).all())
            rows = db.exec(select(Session).where(Session.user_id == user_id)
                           .order_by(col(Session.updated_at).desc())).all()
        return [(s, counts.get(s.id, 0)) for s in rows]

    def turns(self, user_id: str, session_id: str, last: int | None = None) -> list[Turn]:
        """A session's turns in order (only the last ``last`` when given)."""
        with self._read() as db:
            query = (select(Turn).where(Turn.user_id == user_id, Turn.session_id == session_id)
                     .order_by(col(Turn.seq).desc()))
            if last is not None:
                query = query.limit(last)
            rows = list(db.exec(query).all())
        return rows[::-1]

    def record_turn(self, user_id: str, session_id: str, user_text: str, reply_text: str,
                    trace: dict[str, Any] | None = None, footer: str = "") -> Turn:
        """Store and index one exchange: all of it, or none of it.

        ``footer`` (what was assumed or noted) is stored with the turn but never indexed, so
        recall never hands it back to the model.
        """
        return self.record_turns(user_id, session_id, [(user_text, reply_text)],
                                 traces=[trace or {}], footers=[footer])[0]

    def annotate_turn(self, user_id: str, turn_id: str, footer: str = "",
                      trace: dict[str, Any] | None = None) -> Turn | None:
        """Add what was learned after the turn was stored: footer lines and trace sections."""
        with transaction(self.engine) as db:
            turn = db.get(Turn, turn_id)
            if turn is None or turn.user_id != user_id:
                return None  # forgotten meanwhile: nothing to add to
            if footer:
                turn.footer = f"{turn.footer}\n\n{footer}".strip()
            if trace:
                turn.trace = {**(turn.trace or {}), **trace}
            db.add(turn)
        return turn

    def record_turns(self, user_id: str, session_id: str, pairs: list[tuple[str, str]],
                     at: list[datetime] | None = None,
                     traces: list[dict[str, Any]] | None = None,
                     vectors: Any = None, footers: list[str] | None = None,
                     new: Session | None = None) -> list[Turn]:
        """Store and index many exchanges of one session at once (importing history).

        One transaction and batched embedding: all of them, or none of them. ``vectors`` are
        the embeddings of ``turn_text`` of each pair when the caller computed them already.
        ``new`` is a session not stored yet, stored with its turns (an imported conversation
        is never left empty by a crash).
        """
        if not pairs:
            return []
        if at is not None and len(at) != len(pairs):
            raise ValueError("give one date per exchange")
        if vectors is not None and len(vectors) != len(pairs):
            raise ValueError("give one vector per exchange")
        added: list[str] = []
        try:
            with transaction(self.engine) as db:
                self.ensure_user(db, user_id)
                if new is not None:
                    db.add(new)
                    db.flush()
                session = db.get(Session, session_id)
                if session is None or session.user_id != user_id:
                    raise KeyError(f"no session {session_id} for this user")
                # After the highest place, not the count: a forgotten turn leaves a gap.
                seq = db.exec(select(func.coalesce(func.max(Turn.seq), 0))
                              .where(Turn.session_id == session_id)).one()
                turns = []
                for i, (user_text, reply_text) in enumerate(pairs):
                    turn = Turn(user_id=user_id, session_id=session_id, seq=seq + i + 1,
                                user_text=user_text, reply_text=reply_text,
                                trace=traces[i] if traces else {},
                                footer=footers[i] if footers else "")
                    if at is not None:
                        turn.created_at = _aware(at[i])
                    turns.append(turn)
                db.add_all(turns)
                session.updated_at = max(session.updated_at, *(t.created_at for t in turns))
                if not session.title:
                    session.title = _title(turns[0].user_text)
                db.add(session)
                db.flush()
                bodies = [turn_text(t.user_text, t.reply_text) for t in turns]
                if self.lexical_enabled:
                    lexical.index_many(db, [(t.id, user_id, TURN, b)
                                            for t, b in zip(turns, bodies, strict=True)])
                added.extend(t.id for t in turns)
                if vectors is None:
                    vectors = self.vectors.embedder.embed(bodies)
                self.vectors.upsert(added, vectors, bodies,
                                    [record_meta(user_id, TURN, t.created_at, session_id)
                                     for t in turns])
        except BaseException:
            self.vectors.delete(user_id, added)
            raise
        # Closing the session into the tree reuses these vectors (no read-back from the store).
        self.tree.note_vectors(session_id, added, vectors)
        return turns

    def import_sessions(self, user_id: str, sessions: Iterable[ImportedSession]
                        ) -> Iterator[tuple[Session, list[Turn]]]:
        """Store past sessions one after another and close each into the memory tree.

        The next session is embedded (by the model in a process of its own, see
        :func:`memory.embedder.in_background`) while the current one is written to SQL, FTS
        and the vector store and summarized, so on two or more cores the model and the writes
        overlap. Yields each session with its turns as soon as it is stored; a session is
        stored whole or not at all.
        """
        def texts(item: ImportedSession) -> list[str]:
            return [turn_text(u, r) for u, r in item.pairs]

        with in_background(self.vectors.embedder) as embed:
            queue = iter(sessions)
            current = next(queue, None)
            pending = embed(texts(current)) if current is not None else None
            while current is not None and pending is not None:
                if current.at is not None and len(current.at) != len(current.pairs):
                    raise ValueError("give one date per exchange")  # before the session exists
                upcoming = next(queue, None)
                vectors = pending.result()
                pending = embed(texts(upcoming)) if upcoming is not None else None
                first = current.at[0] if current.at else None
                session = _new_session(user_id, current.title, first)
                turns = self.record_turns(user_id, session.id, current.pairs, at=current.at,
                                          vectors=vectors, new=session)
                self.tree.close_session(user_id, session.id)
                yield session, turns
                current = upcoming

    # Memory items -----------------------------------------------------------------------
    def add(self, user_id: str, text: str, kind: str = "fact",
            provenance: list[str] | None = None, confidence: float = 1.0) -> MemoryItem:
        """Remember ``text`` as a memory item of ``kind`` (``confidence`` < 1 when inferred)."""
        if kind not in MEMORY_KINDS:
            raise ValueError(f"kind must be one of {', '.join(MEMORY_KINDS)}")
        item = MemoryItem(user_id=user_id, kind=kind, text=text,
                          provenance=list(provenance or []), confidence=confidence)
        return self.add_record(user_id, item, kind, text)

    def add_record(self, user_id: str, row: Any, kind: str, text: str) -> Any:
        """Store a new record (a memory item, a standing instruction), index ``text`` in the
        lexical and vector stores and audit it, in one transaction: all of it, or none of it."""
        added: list[str] = []
        try:
            with transaction(self.engine) as db:
                self.ensure_user(db, user_id)
                db.add(row)
                db.flush()
                self.index_text(db, row.id, user_id, kind, text, row.created_at)
                added.append(row.id)
                db.add(AuditEntry(user_id=user_id, action="add", target_kind=kind,
                                  target_id=row.id, detail={"text": text}))
        except BaseException:
            self.vectors.delete(user_id, added)
            raise
        return row

    def _index_item(self, db: DbSession, item: MemoryItem) -> None:
        self.index_text(db, item.id, item.user_id, item.kind, item.text, item.created_at)

    def index_text(self, db: DbSession, doc_id: str, user_id: str, kind: str, text: str,
                   created_at: datetime) -> None:
        """(Re)index one record's text: its lexical row and its vector.

        Sensitive items are never indexed: only safety reads them, by kind, so no search or
        recall can surface them.
        """
        if kind == SENSITIVE:
            return
        if self.lexical_enabled:
            lexical.remove(db, [doc_id])
            lexical.index(db, doc_id, user_id, kind, text)
        self.vectors.add([doc_id], [text], [record_meta(user_id, kind, created_at, None)])

    def get(self, user_id: str, item_id: str) -> MemoryItem | Turn | None:
        """A memory item or a turn by id, if it belongs to ``user_id``."""
        with self._read() as db:
            found = db.get(MemoryItem, item_id) or db.get(Turn, item_id)
        return found if found is not None and found.user_id == user_id else None

    def items(self, user_id: str, kind: str | None = None,
              include_past: bool = False) -> list[MemoryItem]:
        """The user's memory items, newest first; current ones only unless asked."""
        with self._read() as db:
            query = select(MemoryItem).where(MemoryItem.user_id == user_id)
            if kind:
                query = query.where(MemoryItem.kind == kind)
            if not include_past:
                query = query.where(col(MemoryItem.valid_to).is_(None))
            return list(db.exec(query.order_by(col(MemoryItem.created_at).desc())).all())

    def update(self, user_id: str, item_id: str, text: str) -> MemoryItem:
        """Change an item's text; the old text stays in its history."""
        with transaction(self.engine) as db:
            item = db.get(MemoryItem, item_id)
            if item is None or item.user_id != user_id:
                raise KeyError(item_id)
            db.add(AuditEntry(user_id=user_id, action="update", target_kind=item.kind,
                              target_id=item.id, detail={"old": item.text, "new": text}))
            item.text, item.updated_at = text, now()
            db.add(item)
            self._index_item(db, item)
        return item

    def delete(self, user_id: str, item_id: str) -> bool:
        """Delete one memory item (and everything indexed from it)."""
        return self.forget(user_id, item_id) > 0

    def history(self, user_id: str, item_id: str) -> list[AuditEntry]:
        """What happened to an item, oldest first."""
        with self._read() as db:
            return list(db.exec(select(AuditEntry)
                                .where(AuditEntry.user_id == user_id,
                                       AuditEntry.target_id == item_id)
                                .order_by(col(AuditEntry.id))).all())

    # Search -----------------------------------------------------------------------------
    def search(self, user_id: str, query: str, k: int = 8, kinds: list[str] | None = None,
               min_similarity: float = MIN_SIMILARITY) -> list[Hit]:
        """Hybrid search over the user's past turns and current memory items.

        Dense hits below ``min_similarity`` (cosine) are dropped: nearest is not the same as
        related, and unrelated memories in a prompt mislead small models.
        """
        if not query.strip():
            return []
        pool = max(k * 3, 20)
        kinds = [kind for kind in (kinds or [TURN, *MEMORY_KINDS]) if kind != SENSITIVE]
        dense = [h for h in self.vectors.query(user_id, query, pool, kinds)
                 if h.score >= min_similarity]
        with self._read() as db:
            lex = lexical.search(db, user_id, query, pool, kinds) if self.lexical_enabled else []
            fused = rrf([[h.id for h in dense], [doc for doc, _ in lex]])
            how = {h.id: ["dense"] for h in dense}
            for doc, _ in lex:
                how.setdefault(doc, []).append("lexical")
            hits: list[Hit] = []
            for doc_id, score in fused:
                hit = self._hit(db, user_id, doc_id, score, how[doc_id])
                if hit is not None:
                    hits.append(hit)
                if len(hits) == k:
                    break
        return hits

    def _hit(self, db: DbSession, user_id: str, doc_id: str, score: float,
             how: list[str]) -> Hit | None:
        turn = db.get(Turn, doc_id)
        if turn is not None and turn.user_id == user_id:
            return Hit(turn.id, TURN, turn_text(turn.user_text, turn.reply_text), score,
                       turn.created_at, turn.session_id, how)
        item = db.get(MemoryItem, doc_id)
        if item is not None and item.user_id == user_id and item.valid_to is None:
            return Hit(item.id, item.kind, item.text, score, item.created_at, None, how)
        return None

    # Forget and export ------------------------------------------------------------------
    def forget(self, user_id: str, target_id: str,
               before_commit: Callable[[set[str]], None] | None = None) -> int:
        """Delete a session, turn or item and all that was derived from it; count removed.

        ``before_commit`` hears the ids about to go while the deletion can still roll back:
        copies kept outside these stores (conversation checkpoints) are dropped first, so a
        crash leaves the forget either not done or no copy behind.
        """
        with transaction(self.engine) as db:
            session = db.get(Session, target_id)
            if session is not None and session.user_id == user_id:
                turns = db.exec(select(Turn).where(Turn.session_id == target_id)).all()
                turn_ids = [t.id for t in turns]
                touched_sessions = {target_id}
            else:
                turn = db.get(Turn, target_id)
                turn_ids = [target_id] if turn is not None and turn.user_id == user_id else []
                touched_sessions = {turn.session_id} if turn_ids and turn is not None else set()
                session = None
            item_ids = self._derived_items(db, user_id, turn_ids)
            trimmed = self._drop_evidence(db, user_id, turn_ids, item_ids)
            item = db.get(MemoryItem, target_id)
            if item is not None and item.user_id == user_id:
                item_ids.add(item.id)
            # Standing instructions captured from these turns (or the one named) go too.
            instruction_ids = [
                row.id for row in db.exec(select(StandingInstruction)
                                          .where(StandingInstruction.user_id == user_id))
                if row.id == target_id or row.source_turn_id in set(turn_ids)]
            doomed = [*turn_ids, *item_ids, *instruction_ids]
            if not doomed and session is None:
                return 0
            quoted = {_title(row.user_text) for row in
                      (db.get(Turn, turn_id) for turn_id in turn_ids) if row is not None}
            for model, ids in ((Turn, turn_ids), (MemoryItem, item_ids),
                               (StandingInstruction, instruction_ids)):
                for row_id in ids:
                    row = db.get(model, row_id)
                    if row is not None:
                        db.delete(row)
            for entry in db.exec(select(AuditEntry).where(col(AuditEntry.target_id).in_(doomed))):
                db.delete(entry)
            if session is not None:
                db.delete(session)
            else:
                self._retitle(db, touched_sessions, quoted)
            # Preferences learned from these turns go with them.
            drop_derived(db, user_id, turn_ids)
            if self.lexical_enabled:
                lexical.remove(db, doomed)
            db.add(AuditEntry(user_id=user_id, action="forget", target_kind="record",
                              target_id=target_id, detail={"removed": len(doomed)}))
            if before_commit is not None:
                before_commit({target_id, *doomed})
            self.vectors.delete(user_id, doomed)
        # The tree is derived: drop the forgotten turns from it and rewrite every ancestor.
        rewritten = self.tree.forget(user_id, turn_ids, item_ids, touched_sessions)
        self.last_forgotten = {target_id, *doomed, *rewritten, *trimmed}
        return len(doomed) + (1 if session is not None else 0)

    def _retitle(self, db: DbSession, session_ids: set[str], quoted: set[str]) -> None:
        """Sessions titled after a forgotten turn take their title from the first one left."""
        for session_id in session_ids:
            session = db.get(Session, session_id)
            if session is None or session.title not in quoted:
                continue
            db.flush()
            first = db.exec(select(Turn).where(Turn.session_id == session_id)
                            .order_by(col(Turn.seq))).first()
            title = _title(first.user_text) if first is not None else ""
            if session.title != title:
                session.title = title
                db.add(session)

    def _derived_items(self, db: DbSession, user_id: str, turn_ids: list[str]) -> set[str]:
        """Items whose every piece of evidence is among ``turn_ids``: nothing is left of them."""
        if not turn_ids:
            return set()
        wanted = set(turn_ids)
        rows = db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id)).all()
        return {row.id for row in rows if row.provenance and set(row.provenance) <= wanted}

    def _drop_evidence(self, db: DbSession, user_id: str, turn_ids: list[str],
                       doomed: set[str]) -> set[str]:
        """Items learned from several turns lose only the forgotten ones; their confidence
        falls with the evidence (equal pieces: ``1 - (1 - c) ** (left / before)``)."""
        if not turn_ids:
            return set()
        wanted = set(turn_ids)
        trimmed: set[str] = set()
        for row in db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id)).all():
            if row.id in doomed or not wanted & set(row.provenance):
                continue
            left = [t for t in row.provenance if t not in wanted]
            share = len(left) / len(row.provenance)
            row.confidence = round(1 - (1 - min(row.confidence, 0.99)) ** share, 4) \
                if row.confidence < 1.0 else row.confidence
            row.provenance, row.updated_at = left, now()
            db.add(row)
            trimmed.add(row.id)
        return trimmed

    def forget_user(self, user_id: str) -> None:
        """Remove every record of ``user_id``."""
        with transaction(self.engine) as db:
            for model in (AuditEntry, TreeNode, ProfileAttribute, StandingInstruction,
                          MemoryItem, Turn, Session):
                for row in db.exec(select(model).where(model.user_id == user_id)):
                    db.delete(row)
            user = db.get(User, user_id)
            if user is not None:
                db.delete(user)
            if self.lexical_enabled:
                lexical.remove_user(db, user_id)
            self.vectors.delete_user(user_id)
        if self._tree is not None:
            self._tree.drop_cache(user_id)

    def export(self, user_id: str, include_sensitive: bool = False) -> dict[str, Any]:
        """Everything stored about ``user_id`` as plain JSON-ready data; the text of
        sensitive items is masked unless ``include_sensitive``."""
        with self._read() as db:
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
        with transaction(self.engine) as db:
            db.add(AuditEntry(user_id=user_id, action="export", target_kind="user",
                              target_id=user_id))
        return data


def _masked(row: dict[str, Any], include_sensitive: bool) -> dict[str, Any]:
    if include_sensitive:
        return row
    if row.get("kind") == SENSITIVE and "text" in row:
        return {**row, "text": SENSITIVE_MASK}
    detail = row.get("detail")
    if row.get("target_kind") == SENSITIVE and isinstance(detail, dict) and "text" in detail:
        return {**row, "detail": {**detail, "text": SENSITIVE_MASK}}  # the audit of one
    return row


def record_meta(user_id: str, kind: str, created: datetime, session_id: str | None
                ) -> dict[str, Any]:
    """The metadata every vector record carries (its owner first)."""
    meta: dict[str, Any] = {"user_id": user_id, "kind": kind, "created_at": created.isoformat()}
    if session_id:
        meta["session_id"] = session_id
    return meta


def _new_session(user_id: str, title: str, at: datetime | None) -> Session:
    session = Session(user_id=user_id, title=title)
    if at is not None:  # imported history keeps its own dates
        session.created_at = session.updated_at = _aware(at)
    return session


def _aware(when: datetime) -> datetime:
    """Naive datetimes are taken as UTC (the store keeps every date with its zone)."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _title(text: str, limit: int = 48) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
