"""Forget a session, a turn, an item or an instruction, with everything derived from it.

Records learned only from forgotten turns go; records learned from several turns lose only
the forgotten evidence; the preference profile, the lexical rows, the vectors and every tree
node made from them are rewritten or removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from memory.profile import drop_derived
from memory.schema import AuditEntry, MemoryItem, Session, StandingInstruction, Turn, now
from memory.stores import Stores
from memory.tree import MemoryTree
from memory.turns import title_of


@dataclass(frozen=True)
class Forgotten:
    """What one forget removed (``removed`` records) and every id it removed or rewrote
    (records, tree nodes): callers that cache text elsewhere purge what mentions them."""

    removed: int
    ids: frozenset[str] = field(default_factory=frozenset)


@dataclass
class _Doomed:
    """The records one forget deletes."""

    session: Session | None
    turn_ids: list[str]
    sessions_touched: set[str]
    item_ids: set[str]
    instruction_ids: list[str]
    trimmed: set[str]

    @property
    def all(self) -> list[str]:
        return [*self.turn_ids, *self.item_ids, *self.instruction_ids]


def forget(stores: Stores, tree: MemoryTree, user_id: str, target_id: str,
           before_commit: Callable[[set[str]], None] | None = None) -> Forgotten:
    """Delete a session, turn, item or instruction and all that was derived from it.

    ``before_commit`` hears the ids about to go while the deletion can still roll back:
    copies kept outside these stores (conversation checkpoints) are dropped first, so a crash
    leaves the forget either not done or no copy behind.
    """
    with stores.write() as db:
        doomed = _find(db, user_id, target_id)
        if not doomed.all and doomed.session is None:
            return Forgotten(0)
        quoted = {title_of(row.user_text) for row in
                  (db.get(Turn, turn_id) for turn_id in doomed.turn_ids) if row is not None}
        for model, ids in ((Turn, doomed.turn_ids), (MemoryItem, doomed.item_ids),
                           (StandingInstruction, doomed.instruction_ids)):
            for row_id in ids:
                row = db.get(model, row_id)
                if row is not None:
                    db.delete(row)
        for entry in db.exec(select(AuditEntry)
                             .where(col(AuditEntry.target_id).in_(doomed.all))):
            db.delete(entry)
        if doomed.session is not None:
            db.delete(doomed.session)
        else:
            _retitle(db, doomed.sessions_touched, quoted)
        # Preferences learned from these turns go with them.
        drop_derived(db, user_id, doomed.turn_ids, tree.tuning)
        stores.lexical.remove(db, doomed.all)
        db.add(AuditEntry(user_id=user_id, action="forget", target_kind="record",
                          target_id=target_id, detail={"removed": len(doomed.all)}))
        if before_commit is not None:
            before_commit({target_id, *doomed.all})
        stores.vectors.delete(user_id, doomed.all)
    # The tree is derived: drop the forgotten turns from it and rewrite every ancestor.
    rewritten = tree.forget(user_id, doomed.turn_ids, doomed.item_ids, doomed.sessions_touched)
    removed = len(doomed.all) + (1 if doomed.session is not None else 0)
    return Forgotten(removed, frozenset({target_id, *doomed.all, *rewritten, *doomed.trimmed}))


def _find(db: DbSession, user_id: str, target_id: str) -> _Doomed:
    session = db.get(Session, target_id)
    if session is not None and session.user_id == user_id:
        turns = db.exec(select(Turn).where(Turn.session_id == target_id)).all()
        turn_ids = [t.id for t in turns]
        touched = {target_id}
    else:
        turn = db.get(Turn, target_id)
        turn_ids = [target_id] if turn is not None and turn.user_id == user_id else []
        touched = {turn.session_id} if turn_ids and turn is not None else set()
        session = None
    item_ids = _derived_items(db, user_id, turn_ids)
    trimmed = _drop_evidence(db, user_id, turn_ids, item_ids)
    item = db.get(MemoryItem, target_id)
    if item is not None and item.user_id == user_id:
        item_ids.add(item.id)
        item_ids |= _same_statement(db, item)
    # Standing instructions captured from these turns (or the one named) go too.
    instruction_ids = [
        row.id for row in db.exec(select(StandingInstruction)
                                  .where(StandingInstruction.user_id == user_id))
        if row.id == target_id or row.source_turn_id in set(turn_ids)]
    return _Doomed(session, turn_ids, touched, item_ids, instruction_ids, trimmed)


def _same_statement(db: DbSession, item: MemoryItem) -> set[str]:
    """The other form of what ``item`` says, learned from the same turn: "I'm allergic to
    shellfish." is kept both as the fact "allergy: shellfish" and as a preference, and
    forgetting either must not leave the other. A fact and a preference are one statement
    when they share a source turn and the fact's value is said in the preference."""
    kinds = {"fact": "preference", "preference": "fact"}
    other = kinds.get(item.kind)
    if other is None or not item.provenance:
        return set()
    rows = db.exec(select(MemoryItem).where(MemoryItem.user_id == item.user_id,
                                            MemoryItem.kind == other)).all()
    out = set()
    for row in rows:
        if not set(row.provenance) & set(item.provenance):
            continue
        fact, said = (item, row) if item.kind == "fact" else (row, item)
        value = fact.text.partition(":")[2].strip().lower()
        if value and re.search(rf"\b{re.escape(value)}\b", said.text.lower()):
            out.add(row.id)
    return out


def _retitle(db: DbSession, session_ids: set[str], quoted: set[str]) -> None:
    """Sessions titled after a forgotten turn take their title from the first one left."""
    for session_id in session_ids:
        session = db.get(Session, session_id)
        if session is None or session.title not in quoted:
            continue
        db.flush()
        first = db.exec(select(Turn).where(Turn.session_id == session_id)
                        .order_by(col(Turn.seq))).first()
        title = title_of(first.user_text) if first is not None else ""
        if session.title != title:
            session.title = title
            db.add(session)


def _derived_items(db: DbSession, user_id: str, turn_ids: list[str]) -> set[str]:
    """Items whose every piece of evidence is among ``turn_ids``: nothing is left of them."""
    if not turn_ids:
        return set()
    wanted = set(turn_ids)
    rows = db.exec(select(MemoryItem).where(MemoryItem.user_id == user_id)).all()
    return {row.id for row in rows if row.provenance and set(row.provenance) <= wanted}


def _drop_evidence(db: DbSession, user_id: str, turn_ids: list[str],
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
