"""Sessions and their turns: stored and indexed whole or not at all, imported in bulk.

SQL holds the records; the lexical rows are written in the same transaction; vectors are
written inside it too, so a failure anywhere leaves nothing half-stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from memory.embedder import in_background
from memory.records import session_turns, turn_text
from memory.schema import Session, Turn
from memory.stores import Stores, ensure_user, vector_meta
from memory.tree import MemoryTree

TURN = "turn"


@dataclass
class ImportedSession:
    """A past session to import: its exchanges (user text, reply) and, if known, their dates."""

    pairs: list[tuple[str, str]]
    at: list[datetime] | None = None
    title: str = ""


class TurnLog:
    """The user's sessions and turns. ``turns(user, session)`` lists a session's turns."""

    def __init__(self, stores: Stores, tree: MemoryTree) -> None:
        self.stores, self.tree = stores, tree

    def __call__(self, user_id: str, session_id: str, last: int | None = None) -> list[Turn]:
        """A session's turns in order (only the last ``last`` when given)."""
        with self.stores.read() as db:
            return session_turns(db, user_id, session_id, last)

    # Sessions -----------------------------------------------------------------------------
    def start_session(self, user_id: str, title: str = "",
                      at: datetime | None = None) -> Session:
        session = new_session(user_id, title, at)
        with self.stores.write() as db:
            ensure_user(db, user_id)
            db.add(session)
        return session

    def get_session(self, user_id: str, session_id: str) -> Session | None:
        with self.stores.read() as db:
            session = db.get(Session, session_id)
        return session if session and session.user_id == user_id else None

    def last_session(self, user_id: str) -> Session | None:
        with self.stores.read() as db:
            return db.exec(select(Session).where(Session.user_id == user_id)
                           .order_by(col(Session.updated_at).desc())).first()

    def sessions(self, user_id: str) -> list[tuple[Session, int]]:
        """The user's sessions, newest first, with their number of turns."""
        with self.stores.read() as db:
            counts = dict(db.exec(select(Turn.session_id, func.count())
                                  .where(Turn.user_id == user_id)
                                  .group_by(Turn.session_id)).all())
            rows = db.exec(select(Session).where(Session.user_id == user_id)
                           .order_by(col(Session.updated_at).desc())).all()
        return [(s, counts.get(s.id, 0)) for s in rows]

    # Turns --------------------------------------------------------------------------------
    def annotate(self, user_id: str, turn_id: str, footer: str = "",
                 trace: dict[str, Any] | None = None) -> Turn | None:
        """Add what was learned after the turn was stored: footer lines and trace sections."""
        with self.stores.write() as db:
            turn = db.get(Turn, turn_id)
            if turn is None or turn.user_id != user_id:
                return None  # forgotten meanwhile: nothing to add to
            if footer:
                turn.footer = f"{turn.footer}\n\n{footer}".strip()
            if trace:
                turn.trace = {**(turn.trace or {}), **trace}
            db.add(turn)
        return turn

    def record(self, user_id: str, session_id: str, pairs: list[tuple[str, str]],
               at: list[datetime] | None = None, traces: list[dict[str, Any]] | None = None,
               vectors: Any = None, footers: list[str] | None = None,
               new: Session | None = None) -> list[Turn]:
        """Store and index exchanges of one session: one transaction and batched embedding,
        all of them or none of them. ``vectors`` are the embeddings of ``turn_text`` of each
        pair when the caller computed them already; ``footers`` (what was assumed or noted)
        are stored but never indexed, so recall never hands them back to the model. ``new``
        is a session not stored yet, stored with its turns (a crash never leaves an imported
        conversation empty)."""
        if not pairs:
            return []
        if at is not None and len(at) != len(pairs):
            raise ValueError("give one date per exchange")
        if vectors is not None and len(vectors) != len(pairs):
            raise ValueError("give one vector per exchange")
        added: list[str] = []
        try:
            with self.stores.write() as db:
                ensure_user(db, user_id)
                if new is not None:
                    db.add(new)
                    db.flush()
                session = db.get(Session, session_id)
                if session is None or session.user_id != user_id:
                    raise KeyError(f"no session {session_id} for this user")
                # After the highest place, not the count: a forgotten turn leaves a gap.
                seq = db.exec(select(func.coalesce(func.max(Turn.seq), 0))
                              .where(Turn.session_id == session_id)).one()
                turns = [Turn(user_id=user_id, session_id=session_id, seq=seq + i + 1,
                              user_text=user_text, reply_text=reply_text,
                              trace=traces[i] if traces else {},
                              footer=footers[i] if footers else "")
                         for i, (user_text, reply_text) in enumerate(pairs)]
                if at is not None:
                    for turn, when in zip(turns, at, strict=True):
                        turn.created_at = aware(when)
                db.add_all(turns)
                session.updated_at = max(session.updated_at, *(t.created_at for t in turns))
                if not session.title:
                    session.title = title_of(turns[0].user_text)
                db.add(session)
                db.flush()
                bodies = [turn_text(t.user_text, t.reply_text) for t in turns]
                self.stores.lexical.index(db, [(t.id, user_id, TURN, b)
                                               for t, b in zip(turns, bodies, strict=True)])
                added.extend(t.id for t in turns)
                if vectors is None:
                    vectors = self.stores.vectors.embedder.embed(bodies)
                self.stores.vectors.upsert(added, vectors, bodies,
                                           [vector_meta(user_id, TURN, t.created_at, session_id)
                                            for t in turns])
        except BaseException:
            self.stores.vectors.delete(user_id, added)
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

        with in_background(self.stores.vectors.embedder) as embed:
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
                session = new_session(user_id, current.title, first)
                turns = self.record(user_id, session.id, current.pairs, at=current.at,
                                    vectors=vectors, new=session)
                self.tree.close_session(user_id, session.id)
                yield session, turns
                current = upcoming


def aware(when: datetime) -> datetime:
    """Naive datetimes are taken as UTC (the store keeps every date with its zone)."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def title_of(text: str, limit: int = 48) -> str:
    """A session's title from its first words."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def new_session(user_id: str, title: str, at: datetime | None) -> Session:
    """A session not stored yet (imported history keeps its own dates)."""
    session = Session(user_id=user_id, title=title)
    if at is not None:
        session.created_at = session.updated_at = aware(at)
    return session
