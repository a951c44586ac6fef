"""Restoring a Tacit export: every record back as it was, once, however often it is imported.

An export (:meth:`memory.facade.Memory.export`) holds the user's sessions, turns, memory items
(facts with their history: superseded values keep ``valid_to`` and ``superseded_by``, and every
item its provenance), standing instructions, profile and audit trail. Importing it writes each
record with its own id, dates and links, and indexes it for search; a record already present
is left alone, so importing the same file twice stores nothing the second time. Imported into
another user, ids are renamed (the same way every time, so that stays idempotent too). The
memory tree is not copied: it is derived, and rebuilt from the imported conversations.

The whole file is checked before anything is stored; a record that is malformed, or that
collides with another user's, stores nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from memory.db import transaction
from memory.facade import TURN, Memory, turn_text
from memory.schema import (
    AuditEntry,
    MemoryItem,
    ProfileAttribute,
    Session,
    StandingInstruction,
    Turn,
)
from memory.stores import ensure_user, vector_meta

SECTIONS: dict[str, type[SQLModel]] = {
    "sessions": Session, "turns": Turn, "memory_items": MemoryItem,
    "standing_instructions": StandingInstruction, "profile": ProfileAttribute,
}
INSTRUCTION = "instruction"


class ExportError(ValueError):
    """The file is not a usable export; the message names the first problem and where."""


@dataclass
class Restored:
    """What an import stored (records already present are counted apart)."""

    added: dict[str, int] = field(default_factory=dict)
    present: int = 0
    sessions: list[str] = field(default_factory=list)

    def summary(self) -> str:
        stored = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.added.items()
                           if n) or "nothing new"
        return f"{stored}; {self.present} record(s) were already there"


def is_export(data: Any) -> bool:
    """Whether ``data`` looks like Tacit's own export (rather than a list of conversations)."""
    return isinstance(data, dict) and isinstance(data.get("turns"), list) and \
        isinstance(data.get("sessions"), list) and "user_id" in data


def read_export(data: dict[str, Any], user_id: str) -> dict[str, list[SQLModel]]:
    """The export's records, validated and owned by ``user_id``; :class:`ExportError` names
    the first bad one."""
    rename = _renamer(str(data.get("user_id") or ""), user_id)
    records: dict[str, list[SQLModel]] = {}
    for section, model in SECTIONS.items():
        rows = data.get(section) or []
        if not isinstance(rows, list):
            raise ExportError(f"'{section}' is not a list.")
        records[section] = [_record(model, row, f"{section} {n}", user_id, rename)
                            for n, row in enumerate(rows, start=1)]
    audit = data.get("audit") or []
    if not isinstance(audit, list):
        raise ExportError("'audit' is not a list.")
    records["audit"] = [_record(AuditEntry, row, f"audit {n}", user_id, rename)
                        for n, row in enumerate(audit, start=1)]
    sessions = {s.id for s in records["sessions"]}  # type: ignore[attr-defined]
    for n, turn in enumerate(records["turns"], start=1):
        if turn.session_id not in sessions:  # type: ignore[attr-defined]
            raise ExportError(f"turns {n} belongs to no session of the file.")
    return records


def restore(memory: Memory, user_id: str, records: dict[str, list[SQLModel]]) -> Restored:
    """Store the records that are not there yet, indexed, in one transaction; then rebuild the
    memory tree from the conversations that were added."""
    done = Restored()
    to_index: list[tuple[str, str, str, datetime, str | None]] = []
    added_vectors: list[str] = []
    live = memory.last_session(user_id)
    try:
        with memory.stores.write() as db:
            ensure_user(db, user_id)
            for section in (*SECTIONS, "audit"):
                fresh = [r for r in records[section] if _is_new(db, r, user_id)]
                done.present += len(records[section]) - len(fresh)
                done.added[section] = len(fresh)
                db.add_all(fresh)
                db.flush()
                to_index.extend(_indexed(section, fresh))
                if section == "sessions":
                    done.sessions = [s.id for s in fresh]  # type: ignore[attr-defined]
            memory.stores.lexical.index(db, [(i, user_id, kind, text)
                                             for i, kind, text, _, _ in to_index])
            added_vectors = [i for i, *_ in to_index]
            memory.vectors.add(added_vectors, [t for _, _, t, _, _ in to_index],
                               [vector_meta(user_id, kind, at, sid)
                                for _, kind, _, at, sid in to_index])
            _keep_live_session(db, user_id, live, set(done.sessions))
    except BaseException:
        memory.vectors.delete(user_id, added_vectors)
        raise
    for session_id in done.sessions:
        memory.tree.close_session(user_id, session_id)
    return done


def keep_live_session(memory: Memory, user_id: str, live: Session | None,
                      imported: set[str]) -> None:
    """After conversations were imported apart from an export (plain sessions of turns), the
    conversation the person was in stays the one that continues."""
    with transaction(memory.engine) as db:
        _keep_live_session(db, user_id, live, imported)


def _keep_live_session(db: DbSession, user_id: str, live: Session | None,
                       imported: set[str]) -> None:
    """Imported conversations are history: the one ``tacit ask`` continues stays the one the
    person was in (or a fresh one when they had none)."""
    if not imported:
        return
    db.flush()
    latest = db.exec(select(Session).where(Session.user_id == user_id)
                     .order_by(col(Session.updated_at).desc())).first()
    if latest is None or latest.id not in imported:
        return
    if live is not None:
        current = db.get(Session, live.id)
        if current is not None:
            current.updated_at = max(latest.updated_at, current.updated_at)
            db.add(current)
            return
    fresh = Session(user_id=user_id)
    fresh.created_at = fresh.updated_at = max(latest.updated_at, fresh.updated_at)
    db.add(fresh)


def _renamer(owner: str, user_id: str) -> Callable[[str], str]:
    """Ids stay as they are for the same user; for another user each id becomes a stable
    digest of it, so two imports of one file into another user still meet the same ids."""
    if owner == user_id:
        return lambda old: old
    return lambda old: hashlib.sha256(f"{user_id}\x00{old}".encode()).hexdigest()[:32]


# Fields that hold ids of other records, by model: renamed with the records they point to.
_LINKS: dict[type[SQLModel], tuple[str, ...]] = {
    Turn: ("session_id",), MemoryItem: ("superseded_by",),
    StandingInstruction: ("source_turn_id", "replaced_by"), AuditEntry: ("target_id",),
}
_LINK_LISTS: dict[type[SQLModel], tuple[str, ...]] = {
    MemoryItem: ("provenance",), ProfileAttribute: ("source",),
}


def _record(model: type[SQLModel], row: Any, where: str, user_id: str,
            rename: Callable[[str], str]) -> SQLModel:
    if not isinstance(row, dict):
        raise ExportError(f"{where} is not an object.")
    values = dict(row, user_id=user_id)
    if model is AuditEntry:
        values.pop("id", None)  # numbered by the database that stores it
    elif not isinstance(values.get("id"), str) or not values["id"]:
        raise ExportError(f"{where} has no id.")
    else:
        values["id"] = rename(values["id"])
    for name in _LINKS.get(model, ()):
        if isinstance(values.get(name), str):
            values[name] = rename(values[name])
    for name in _LINK_LISTS.get(model, ()):
        if isinstance(values.get(name), list):
            values[name] = [rename(v) if isinstance(v, str) else v for v in values[name]]
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field_name = ".".join(str(p) for p in first["loc"]) or "record"
        raise ExportError(f"{where}: {field_name}: {first['msg']}.") from None


def _is_new(db: DbSession, record: SQLModel, user_id: str) -> bool:
    """Whether ``record`` is missing from the store; one of another user's is a conflict."""
    if isinstance(record, AuditEntry):
        return db.exec(select(AuditEntry).where(
            AuditEntry.user_id == user_id, AuditEntry.target_id == record.target_id,
            AuditEntry.action == record.action, AuditEntry.at == record.at)).first() is None
    found = db.get(type(record), record.id)  # type: ignore[attr-defined]
    if found is None:
        if isinstance(record, ProfileAttribute):  # one belief per dimension: the newer stays
            return _replace_older_belief(db, record, user_id)
        return True
    if getattr(found, "user_id", None) != user_id:
        raise ExportError(f"record {getattr(found, 'id', '')} already belongs to another user.")
    return False


def _replace_older_belief(db: DbSession, record: ProfileAttribute, user_id: str) -> bool:
    held = db.exec(select(ProfileAttribute).where(
        ProfileAttribute.user_id == user_id, ProfileAttribute.domain == record.domain,
        ProfileAttribute.name == record.name)).first()
    if held is None:
        return True
    if held.updated_at >= record.updated_at:
        return False
    db.delete(held)
    db.flush()
    return True


def _indexed(section: str, rows: Iterable[SQLModel]
             ) -> list[tuple[str, str, str, datetime, str | None]]:
    """(id, kind, text, created, session) of the records that search reads."""
    out: list[tuple[str, str, str, datetime, str | None]] = []
    for row in rows:
        if isinstance(row, Turn):
            out.append((row.id, TURN, turn_text(row.user_text, row.reply_text), row.created_at,
                        row.session_id))
        elif isinstance(row, MemoryItem):
            out.append((row.id, row.kind, row.text, row.created_at, None))
        elif isinstance(row, StandingInstruction):
            out.append((row.id, INSTRUCTION, row.text or row.action, row.created_at, None))
    return out

