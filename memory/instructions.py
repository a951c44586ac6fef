"""Standing instructions: the user's rules, stored, indexed, edited, replaced and forgotten.

SQL holds each instruction with its condition, action and edit history; its text is indexed in
the same lexical (FTS5) and vector stores as turns and memory items, under kind
``instruction``, so it is searched like everything else and forgotten like everything else.
Deciding *which* instructions apply to a request is the agents' job (``agents.instructions``).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from memory.schema import AuditEntry, StandingInstruction, now

if TYPE_CHECKING:
    from memory.facade import Memory

KIND = "instruction"
EDITABLE = ("text", "condition", "condition_kind", "domain", "trigger_text", "action", "scope",
            "priority")


class InstructionStore:
    """CRUD over one user's standing instructions, always addressed by ``user_id``."""

    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        self.stores = memory.stores

    # Reading ----------------------------------------------------------------------------
    def list(self, user_id: str, include_disabled: bool = False) -> list[StandingInstruction]:
        """The user's instructions, oldest first (enabled ones only unless asked)."""
        with self.stores.read() as db:
            query = select(StandingInstruction).where(StandingInstruction.user_id == user_id)
            if not include_disabled:
                query = query.where(col(StandingInstruction.enabled).is_(True))
            return list(db.exec(query.order_by(col(StandingInstruction.created_at))).all())

    def get(self, user_id: str, ref: str) -> StandingInstruction | None:
        """An instruction by id, or by an unambiguous id prefix (as ``list`` shows them)."""
        ref = ref.strip()
        if not ref:
            return None
        with self.stores.read() as db:
            found = db.get(StandingInstruction, ref)
            if found is not None:
                return found if found.user_id == user_id else None
            rows = db.exec(select(StandingInstruction)
                           .where(StandingInstruction.user_id == user_id,
                                  col(StandingInstruction.id).startswith(ref))).all()
        return rows[0] if len(rows) == 1 else None

    def search(self, user_id: str, query: str,
               k: int = 8) -> builtins.list[tuple[str, float, builtins.list[str]]]:
        """(id, fused score, matched by) of the instructions nearest ``query`` by meaning and
        by words; disabled instructions are left out."""
        if not query.strip():
            return []
        out = []
        with self.stores.read() as db:
            for ranked in self.stores.hybrid(db, user_id, query, max(k * 3, 20), [KIND]):
                row = db.get(StandingInstruction, ranked.id)
                if row is not None and row.user_id == user_id and row.enabled:
                    out.append((ranked.id, ranked.score, ranked.matched_by))
                if len(out) == k:
                    break
        return out

    # Writing ----------------------------------------------------------------------------
    def add(self, user_id: str, text: str, *, action: str = "", condition: str = "",
            condition_kind: str = "always", domain: str = "", trigger_text: str = "",
            scope: str = "all", priority: int = 0,
            source_turn_id: str | None = None) -> StandingInstruction:
        """Store a new instruction and index its text; all of it, or none of it."""
        text = " ".join(text.split())
        if not text:
            raise ValueError("an instruction needs text")
        row = StandingInstruction(
            user_id=user_id, text=text, action=action or text, condition=condition,
            condition_kind=condition_kind, domain=domain, trigger_text=trigger_text,
            scope=scope, priority=priority, source_turn_id=source_turn_id,
            history=[{"at": now().isoformat(), "event": "added", "text": text}],
        )
        stored: StandingInstruction = self.memory.add_record(user_id, row, KIND, text)
        return stored

    def edit(self, user_id: str, ref: str, **fields: Any) -> StandingInstruction:
        """Change an instruction; what it said before stays in its history."""
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
        with self.stores.write() as db:
            row = self._own(db, user_id, ref)
            before = {k: getattr(row, k) for k in fields}
            for key, value in fields.items():
                setattr(row, key, value)
            row.updated_at = now()
            row.history = [*row.history, {"at": now().isoformat(), "event": "edited",
                                          "before": before}]
            db.add(row)
            self._index(db, row)
            db.add(AuditEntry(user_id=user_id, action="update", target_kind=KIND,
                              target_id=row.id, detail={"before": before, "after": fields}))
        return row

    def set_enabled(self, user_id: str, ref: str, enabled: bool,
                    replaced_by: str | None = None) -> StandingInstruction:
        """Switch an instruction on or off (``replaced_by`` says a newer one took its place)."""
        with self.stores.write() as db:
            row = self._own(db, user_id, ref)
            row.enabled = enabled
            row.replaced_by = replaced_by if not enabled else None
            row.updated_at = now()
            event = "enabled" if enabled else ("replaced" if replaced_by else "disabled")
            entry: dict[str, Any] = {"at": now().isoformat(), "event": event}
            if replaced_by:
                entry["by"] = replaced_by
            row.history = [*row.history, entry]
            db.add(row)
            db.add(AuditEntry(user_id=user_id, action=event, target_kind=KIND,
                              target_id=row.id, detail=entry))
        return row

    def delete(self, user_id: str, ref: str) -> bool:
        """Delete an instruction with its vector and lexical rows; False if there is none."""
        row = self.get(user_id, ref)
        if row is None:
            return False
        return self.memory.forget(user_id, row.id) > 0

    def _own(self, db: DbSession, user_id: str, ref: str) -> StandingInstruction:
        found = self.get(user_id, ref)
        row = db.get(StandingInstruction, found.id) if found is not None else None
        if row is None or row.user_id != user_id:
            raise KeyError(ref)
        return row

    def _index(self, db: DbSession, row: StandingInstruction) -> None:
        self.stores.index_text(db, row.id, row.user_id, KIND, row.text, row.created_at)
