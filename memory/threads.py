"""Which conversation checkpoints hold which memory ids, per user (the ``threadref`` table).

Checkpoints keep a conversation's recalled text. When a memory is forgotten, the conversations
whose checkpoints hold it are purged too; this index names them at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, delete, select

from memory.db import transaction
from memory.facade import Memory
from memory.schema import ThreadRef

# The row saying every checkpoint written before the index existed has been indexed.
COVERED = ThreadRef(thread_id="", memory_id="", user_id="")


def note(memory: Memory, user_id: str, thread_id: str, session_id: str,
         ids: Iterable[str]) -> None:
    """Record that ``thread_id``'s checkpoints hold ``ids`` (ids already noted are kept)."""
    wanted = set(ids)
    with transaction(memory.engine) as db:
        known = set(db.exec(select(ThreadRef.memory_id).where(
            ThreadRef.thread_id == thread_id)).all())
        for memory_id in sorted(wanted - known):
            db.add(ThreadRef(thread_id=thread_id, memory_id=memory_id, user_id=user_id,
                             session_id=session_id))


def holding(memory: Memory, user_id: str, ids: Iterable[str]) -> set[str]:
    """The user's threads whose checkpoints hold any of ``ids``."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    with transaction(memory.engine) as db:
        return set(db.exec(select(ThreadRef.thread_id).where(
            ThreadRef.user_id == user_id, col(ThreadRef.memory_id).in_(wanted))).all())


def threads(memory: Memory, user_id: str) -> dict[str, str]:
    """The user's indexed threads, each with its session id."""
    with transaction(memory.engine) as db:
        rows = db.exec(select(ThreadRef.thread_id, ThreadRef.session_id).where(
            ThreadRef.user_id == user_id)).all()
    return {thread: session for thread, session in rows}


def drop(memory: Memory, thread_ids: Iterable[str]) -> None:
    """Forget the index rows of purged threads."""
    doomed = sorted(set(thread_ids))
    if doomed:
        with transaction(memory.engine) as db:
            db.exec(delete(ThreadRef).where(col(ThreadRef.thread_id).in_(doomed)))


def drop_user(memory: Memory, user_id: str) -> None:
    with transaction(memory.engine) as db:
        db.exec(delete(ThreadRef).where(col(ThreadRef.user_id) == user_id))


def covered(memory: Memory) -> bool:
    """Whether checkpoints from before the index existed have been indexed."""
    with transaction(memory.engine) as db:
        return db.get(ThreadRef, ("", "")) is not None


def mark_covered(memory: Memory) -> None:
    with transaction(memory.engine) as db:
        if db.get(ThreadRef, ("", "")) is None:
            db.add(ThreadRef.model_validate(COVERED.model_dump()))
