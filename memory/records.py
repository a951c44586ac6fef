"""Reading the records every part of memory shares: a session's turns, the current items."""

from __future__ import annotations

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from memory.schema import MemoryItem, Turn


def turn_text(user_text: str, reply_text: str) -> str:
    """A turn as it is indexed and recalled."""
    if not reply_text:  # an imported utterance or note: no reply to label
        return user_text
    return f"User: {user_text}\nAssistant: {reply_text}"


def session_turns(db: DbSession, user_id: str, session_id: str,
                  last: int | None = None) -> list[Turn]:
    """A session's turns in order (only the last ``last`` when given)."""
    query = (select(Turn).where(Turn.user_id == user_id, Turn.session_id == session_id)
             .order_by(col(Turn.seq).desc()))
    if last is not None:
        query = query.limit(last)
    return list(db.exec(query).all())[::-1]


def memory_items(db: DbSession, user_id: str, kind: str | None = None,
                 include_past: bool = False) -> list[MemoryItem]:
    """The user's memory items, newest first; current ones only unless asked."""
    query = select(MemoryItem).where(MemoryItem.user_id == user_id)
    if kind:
        query = query.where(MemoryItem.kind == kind)
    if not include_past:
        query = query.where(col(MemoryItem.valid_to).is_(None))
    return list(db.exec(query.order_by(col(MemoryItem.created_at).desc())).all())
