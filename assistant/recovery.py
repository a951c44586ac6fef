"""Bringing the stores back in line after a process stopped in the middle of a write.

SQL is the source of truth and commits whole (the lexical index is in the same transaction).
The vector store, the memory tree and the conversation checkpoints are written beside it, so a
process killed between two of those writes leaves them apart. Found by the crash campaign
(``bench/crash_campaign.py``) before this existed: a vector kept for a turn whose SQL commit
never happened (its text on disk, out of reach of forget), a turn whose vector was deleted by a
forget that never committed, and tree summaries still quoting turns that a forget had removed.

A process that opens the stores puts down a mark (:class:`~assistant.user_lock.RunningMark`)
and takes it away when it closes. A mark left behind means a process stopped without closing;
the next one repairs, against SQL, each person's records while holding that person's turn lock:

- a vector with no SQL record is deleted (its write never committed);
- a turn, memory item or instruction with no vector, or with a vector of other text, is
  embedded again (a forget or an edit that never committed had changed it);
- a memory tree holding a turn or conversation that SQL no longer has, or whose vectors hold
  other summaries than SQL (a rewrite cut short), is rebuilt;
- the checkpoint thread of a conversation that no longer exists is deleted;

then the stores' logs and freed space are emptied, as after a forget.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session as DbSession
from sqlmodel import select

from assistant.user_lock import UserLock
from memory.facade import TURN, Memory
from memory.records import turn_text
from memory.schema import MemoryItem, Session, StandingInstruction, TreeNode, Turn, User
from memory.stores import SENSITIVE, vector_meta

INSTRUCTION = "instruction"


@dataclass
class Repaired:
    """What a repair changed; ``skipped`` are people whose turn was running meanwhile."""

    orphan_vectors: int = 0
    missing_vectors: int = 0
    trees_rebuilt: int = 0
    threads_dropped: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.orphan_vectors or self.missing_vectors or self.trees_rebuilt
                    or self.threads_dropped)


def repair(memory: Memory, checkpointer: Any, data_dir: Path) -> Repaired:
    """Repair every person's records (see the module's docstring)."""
    done = Repaired()
    stored: dict[str, dict[str, str]] = defaultdict(dict)
    for doc_id, text, meta in memory.vectors.documents():
        stored[str((meta or {}).get("user_id", ""))][doc_id] = text or ""
    with DbSession(memory.engine) as db:
        users = set(db.exec(select(User.id)).all())
    threads = _threads(checkpointer)
    for user in sorted(users | set(stored) | set(threads)):
        lock = UserLock(data_dir, user)
        if not lock.try_acquire():
            done.skipped.append(user)
            continue
        try:
            _repair_user(memory, checkpointer, user, stored.get(user, {}),
                         threads.get(user, set()), done)
        finally:
            lock.release()
    if done.changed:
        from memory.erase import erase_leftovers

        erase_leftovers(memory, getattr(checkpointer, "conn", None))
    return done


def _repair_user(memory: Memory, checkpointer: Any, user: str, vectors: dict[str, str],
                 threads: set[str], done: Repaired) -> None:
    with DbSession(memory.engine) as db:
        turns = {t.id: t for t in db.exec(select(Turn).where(Turn.user_id == user)).all()}
        items = {i.id: i for i in db.exec(select(MemoryItem)
                                          .where(MemoryItem.user_id == user)).all()}
        rules = {r.id: r for r in db.exec(select(StandingInstruction)
                                          .where(StandingInstruction.user_id == user)).all()}
        nodes = list(db.exec(select(TreeNode).where(TreeNode.user_id == user)).all())
        sessions = set(db.exec(select(Session.id).where(Session.user_id == user)).all())
    known = set(turns) | set(items) | set(rules) | {n.id for n in nodes}
    orphans = sorted(set(vectors) - known)
    if orphans:
        memory.vectors.delete(user, orphans)
        done.orphan_vectors += len(orphans)
    ids, texts, metas = [], [], []

    def want(doc_id: str, text: str, meta: dict[str, Any]) -> None:
        # Missing, or written by a change whose SQL commit never happened.
        if vectors.get(doc_id) != (text or " "):
            ids.append(doc_id)
            texts.append(text)
            metas.append(meta)

    for turn in turns.values():
        want(turn.id, turn_text(turn.user_text, turn.reply_text),
             vector_meta(user, TURN, turn.created_at, turn.session_id))
    for item in items.values():
        if item.kind != SENSITIVE:
            want(item.id, item.text, vector_meta(user, item.kind, item.created_at, None))
    for rule in rules.values():
        want(rule.id, rule.text, vector_meta(user, INSTRUCTION, rule.created_at, None))
    if ids:
        memory.vectors.add(ids, texts, metas)
        done.missing_vectors += len(ids)
    # (The root has no vector; a node whose vector is missing heals itself when read.)
    if any(_stale(node, turns, sessions)
           or vectors.get(node.id, node.summary or " ") != (node.summary or " ")
           for node in nodes):
        memory.tree.rebuild(user)
        done.trees_rebuilt += 1
    for thread in threads:
        if thread.partition("/")[2] not in sessions:
            checkpointer.delete_thread(thread)
            done.threads_dropped += 1


def _stale(node: TreeNode, turns: dict[str, Turn], sessions: set[str]) -> bool:
    """Whether a tree node still holds a turn or conversation that SQL no longer has."""
    if set(node.source_turn_ids or []) - set(turns):
        return True
    session_id = (node.meta or {}).get("session_id")
    return bool(session_id) and session_id not in sessions


def _threads(checkpointer: Any) -> dict[str, set[str]]:
    """Checkpoint threads (``user/session``) by user."""
    out: dict[str, set[str]] = defaultdict(set)
    if checkpointer is None:
        return out
    for saved in checkpointer.list(None):
        thread = str(saved.config["configurable"].get("thread_id", ""))
        user, _, session = thread.partition("/")
        if session:
            out[user].add(thread)
    return out
