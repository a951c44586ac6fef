"""Noting what the user asked Tacit to keep: instructions and preferences from a turn.

``prepare`` reads the message (``agents.capture``) and works out, before anything is stored,
what each candidate will replace, so the reply can say so ("Noted ... It replaces ...").
``Noting.commit`` then stores them with the turn as their source, so forgetting the turn
forgets them too. Instructions added by command (``add_instruction``) take the same path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agents.capture import Candidate, Capture, capture, own_words
from agents.changed_mind import Trimmed, liked_now, no_longer_disliked, trimmed
from agents.contract import NotedItem, NotedTrace
from agents.instruction_text import parse, split_condition
from agents.instructions import conflicts, instruction_text, opposite
from agents.llm import ChatModel
from agents.tuning import TurnTuning
from memory.facade import Memory
from memory.facts import attribute_of
from memory.instructions import InstructionStore
from memory.preferences import catalog_data, signals
from memory.schema import AuditEntry, MemoryItem, StandingInstruction, now
from memory.text import normalize, sentences


@dataclass
class Plan:
    candidate: Candidate
    replaces: list[Any] = field(default_factory=list)   # rows the new one takes over from
    duplicate_of: str | None = None
    # older preferences of which only some still holds, and what of each is kept
    trims: list[tuple[Any, Trimmed]] = field(default_factory=list)


@dataclass
class Noting:
    capture: Capture
    plans: list[Plan] = field(default_factory=list)
    stored: list[NotedItem] = field(default_factory=list)

    def note(self) -> str:
        """The line appended to the reply: what was noted and what it replaced."""
        lines = []
        for plan in self.plans:
            if plan.duplicate_of:
                continue
            what = "instruction" if plan.candidate.kind == "instruction" else "preference"
            line = f'Noted {what}: "{plan.candidate.text}"'
            gone = [f'"{_text(r)}"' for r in plan.replaces] + \
                [f'"{t.dropped}"' for _, t in plan.trims]
            if gone:
                line += f" (it replaces {'; '.join(gone)})"
            ends = plan.candidate.text.rstrip().endswith((".", "!", "?"))
            lines.append(line if ends and not gone else line + ".")
        return ("\n\n" + "\n".join(lines)) if lines else ""

    def commit(self, memory: Memory, user_id: str, turn_id: str | None) -> list[NotedItem]:
        """Store every planned candidate with ``turn_id`` as its source."""
        store = InstructionStore(memory)
        for plan in self.plans:
            if plan.duplicate_of:
                if plan.candidate.kind == "preference" and turn_id:
                    _more_evidence(memory, user_id, plan.duplicate_of, turn_id,
                                   plan.candidate.confidence)
                continue
            cand = plan.candidate
            if cand.kind == "instruction":
                row = _add(store, user_id, cand.text, turn_id)
                for old in plan.replaces:
                    store.set_enabled(user_id, old.id, False, replaced_by=row.id)
                self.stored.append(NotedItem(kind="instruction", id=row.id, text=row.text,
                                             replaced=[r.id for r in plan.replaces],
                                             by=cand.source))
            else:
                item = memory.add(user_id, cand.text, kind="preference",
                                  provenance=[turn_id] if turn_id else [],
                                  confidence=cand.confidence)
                _supersede(memory, user_id, plan.replaces, item.id)
                for row, trim in plan.trims:  # "I hate running but I like swimming and ..."
                    if trim.kept:
                        memory.update(user_id, row.id, trim.kept)
                    else:
                        _supersede(memory, user_id, [row], item.id)
                self.stored.append(NotedItem(kind="preference", id=item.id, text=item.text,
                                             confidence=cand.confidence, by=cand.source,
                                             replaced=[r.id for r in plan.replaces]))
        if self.capture.rejected:
            _audit_refusals(memory, user_id, turn_id, self.capture.rejected)
        return self.stored

    def trace(self) -> NotedTrace:
        """The trace's ``noted`` section: what was found, refused and stored."""
        return self.capture.trace().model_copy(update={"stored": self.stored})


def prepare(memory: Memory, user_id: str, message: str, *, previous_reply: str = "",
            model: ChatModel | None = None, tuning: TurnTuning | None = None) -> Noting:
    """Candidates from ``message`` and what each would replace; nothing is stored yet."""
    found = capture(message, model=model, previous_reply=previous_reply, tuning=tuning)
    noting = Noting(found)
    instructions = InstructionStore(memory).list(user_id) if found.candidates else []
    things = liked_now(message)
    preferences = memory.items(user_id, kind="preference") \
        if found.candidates or things else []
    for cand in found.candidates:
        if cand.kind == "instruction":
            same = [r for r in instructions
                    if normalize(instruction_text(r)) == normalize(cand.text)]
            plan = Plan(cand, duplicate_of=same[0].id if same else None)
            if not same:
                plan.replaces = conflicts(cand.text, instructions)
        else:
            same_items = [i for i in preferences if normalize(i.text) == normalize(cand.text)]
            plan = Plan(cand, duplicate_of=same_items[0].id if same_items else None)
            if not same_items:
                plan.replaces = [i for i in preferences
                                 if opposite(i.text, cand.text) or changed(i.text, cand.text)]
        noting.plans.append(plan)
    _given_up(memory, user_id, message, things, noting, preferences,
              (tuning or TurnTuning.defaults()).stated_confidence)
    return noting


def _given_up(memory: Memory, user_id: str, message: str, things: list[str],
              noting: Noting, preferences: list[Any], confidence: float) -> None:
    """A dislike given up ("Actually I've started running now and I quite like it."): the
    message's preference (their sentence, when capture kept none) ends the kept dislike and
    takes what no longer holds out of older preferences; ``things`` are what it now likes."""
    if not things:
        return
    facts = [i for i in memory.items(user_id, kind="fact")
             if attribute_of(i.text) == "dislikes"
             and no_longer_disliked(i.text.partition(":")[2].strip(), things)]
    trims = [(i, t) for i in preferences if (t := trimmed(i.text, things))]
    if not facts and not trims:
        return
    # an older preference read as the opposite of this one is trimmed, not replaced whole:
    # "I don't hate running any more" keeps "I like swimming and cycling"
    trimmed_ids = {i.id for i, _ in trims}
    for other in noting.plans:
        other.replaces = [r for r in other.replaces if r.id not in trimmed_ids]
    plan = next((p for p in noting.plans if p.candidate.kind == "preference"
                 and not p.duplicate_of), None)
    if plan is None:
        said = " ".join(s for s in sentences(own_words(message)) if liked_now(s))
        plan = Plan(Candidate("preference", said.strip(), confidence, "rules"))
        noting.plans.append(plan)
    plan.replaces += facts
    plan.trims += trims


def changed(old: str, new: str) -> bool:
    """Whether ``new`` states another value of something ``old`` stated that has one value
    ("I'm vegetarian." then "Actually I eat fish now, I'm pescatarian.": the diet changed)."""
    said = {s.dimension: s.value for s in signals(old) if s.how != "chosen"}
    return any(s.dimension in said and said[s.dimension] != s.value
               and not _combine(s.dimension, said[s.dimension], s.value)
               for s in signals(new) if s.how != "chosen")


def _combine(dimension: str, one: str, other: str) -> bool:
    """Whether two values of ``dimension`` can both hold (``combines`` in the catalog): "I'm
    vegan." after "I'm gluten intolerant" replaced the intolerance."""
    values = catalog_data()["dimensions"].get(dimension, {}).get("values", {})
    return other in (values.get(one, {}).get("combines") or ()) or \
        one in (values.get(other, {}).get("combines") or ())


def add_instruction(memory: Memory, user_id: str, text: str,
                    source_turn_id: str | None = None) -> tuple[StandingInstruction, list[Any]]:
    """Add an instruction given explicitly; returns it and the instructions it replaced."""
    store = InstructionStore(memory)
    existing = store.list(user_id)
    same = [r for r in existing if normalize(instruction_text(r)) == normalize(text)]
    if same:
        return same[0], []
    replaced = conflicts(text, existing)
    row = _add(store, user_id, text, source_turn_id)
    for old in replaced:
        store.set_enabled(user_id, old.id, False, replaced_by=row.id)
    return row, replaced


def edit_instruction(memory: Memory, user_id: str, ref: str, text: str) -> StandingInstruction:
    """Rewrite an instruction; its condition and action are read again from the new text."""
    return InstructionStore(memory).edit(user_id, ref, **_fields(text))


def _fields(text: str) -> dict[str, Any]:
    parsed = parse(text)
    cond, _ = split_condition(text)
    return {"text": " ".join(text.split()), "action": parsed.action or text,
            "condition": parsed.describe_condition() if cond else "",
            "condition_kind": parsed.condition_kind, "domain": ",".join(parsed.domains),
            "trigger_text": parsed.trigger}


def _add(store: InstructionStore, user_id: str, text: str,
         turn_id: str | None) -> StandingInstruction:
    return store.add(user_id, source_turn_id=turn_id, **_fields(text))


def _text(row: Any) -> str:
    return instruction_text(row) if isinstance(row, StandingInstruction) else str(row.text)


def _more_evidence(memory: Memory, user_id: str, item_id: str, turn_id: str,
                   confidence: float) -> None:
    """Saying a preference again adds the turn as evidence and firms up the confidence."""
    from memory.db import transaction

    with transaction(memory.engine) as db:
        row = db.get(MemoryItem, item_id)
        if row is None or row.user_id != user_id or turn_id in row.provenance:
            return
        row.provenance = [*row.provenance, turn_id]
        row.confidence = round(1 - (1 - row.confidence) * (1 - confidence), 4)
        row.updated_at = now()
        db.add(row)


def _supersede(memory: Memory, user_id: str, old: list[Any], new_id: str) -> None:
    from memory.db import transaction

    with transaction(memory.engine) as db:
        for item in old:
            row = db.get(MemoryItem, item.id)
            if row is not None and row.user_id == user_id:
                row.valid_to, row.superseded_by = now(), new_id
                db.add(row)
                db.add(AuditEntry(user_id=user_id, action="supersede", target_kind=row.kind,
                                  target_id=row.id, detail={"by": new_id}))


def _audit_refusals(memory: Memory, user_id: str, turn_id: str | None,
                    rejected: list[dict[str, str]]) -> None:
    from memory.db import transaction

    with transaction(memory.engine) as db:
        for entry in rejected:
            db.add(AuditEntry(user_id=user_id, action="refused", target_kind="capture",
                              target_id=turn_id or "", detail=entry))
