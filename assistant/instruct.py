"""Standing instructions by command: ``tacit instructions ...`` and ``/instruct ...`` in chat.

Both front ends call these functions, so they say the same things in the same words.

    /instruct                         list the instructions in force
    /instruct <text>                  add one ("/instruct add <text>" works too)
    /instruct edit <id> <text>        rewrite one (its history keeps the old words)
    /instruct disable|enable <id>     switch one off or on
    /instruct delete <id>             delete one, everywhere
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agents.instruction_text import parse
from agents.noting import add_instruction, edit_instruction
from assistant.errors import CommandError, NotFound
from memory.facade import Memory
from memory.instructions import InstructionStore

PREFIX = "/instruct"
ID_CHARS = 8


@dataclass(frozen=True)
class Syntax:
    """How a person types these commands where they are: hints name their own front end."""

    add: str
    listing: str


CHAT = Syntax(add="/instruct <text>", listing="/instruct")
CLI = Syntax(add='tacit instructions add "<text>"', listing="tacit instructions list")


def describe(row: Any) -> str:
    """One line: short id, on/off, the instruction, and when it applies."""
    state = "on " if row.enabled else "off"
    when = parse(row.text).describe_condition() if row.text else (row.condition or "always")
    line = f"{row.id[:ID_CHARS]}  {state}  {row.text}   (applies: {when})"
    if row.replaced_by:
        line += f"  [replaced by {row.replaced_by[:ID_CHARS]}]"
    return line


def listing(memory: Memory, user: str, include_disabled: bool = True,
            syntax: Syntax = CHAT) -> str:
    rows = InstructionStore(memory).list(user, include_disabled=include_disabled)
    if not rows:
        return f"No standing instructions yet. Add one with {syntax.add}."
    return "\n".join(describe(r) for r in rows)


def as_json(row: Any) -> dict[str, Any]:
    """One instruction for ``tacit instructions list --json``: a shape scripts can rely on."""
    return {"id": row.id, "enabled": bool(row.enabled), "text": row.text,
            "applies": parse(row.text).describe_condition() if row.text
            else (row.condition or "always"),
            "replaced_by": row.replaced_by or None,
            "created_at": _iso(getattr(row, "created_at", None))}


def listing_json(memory: Memory, user: str, include_disabled: bool = True) -> list[dict[str, Any]]:
    rows = InstructionStore(memory).list(user, include_disabled=include_disabled)
    return [as_json(r) for r in rows]


def _iso(when: Any) -> str | None:
    return when.isoformat() if when is not None else None


def add(memory: Memory, user: str, text: str, syntax: Syntax = CHAT) -> str:
    text = " ".join(text.split())
    if not text:
        example = syntax.add.replace("<text>", "always answer in km")
        raise CommandError("The instruction is empty.", fix=f"Try: {example}")
    row, replaced = add_instruction(memory, user, text)
    said = f"Noted instruction {row.id[:ID_CHARS]}: \"{row.text}\" " \
           f"(applies: {parse(row.text).describe_condition()})."
    if replaced:
        said += " It replaces " + "; ".join(f'"{r.text}"' for r in replaced) + "."
    return said


def _find(memory: Memory, user: str, ref: str, syntax: Syntax = CHAT) -> Any:
    row = InstructionStore(memory).get(user, ref)
    if row is None:
        raise NotFound(f"No instruction {ref!r} belongs to {user}.",
                       fix=f"List them with {syntax.listing}.")
    return row


def edit(memory: Memory, user: str, ref: str, text: str, syntax: Syntax = CHAT) -> str:
    row = _find(memory, user, ref, syntax)
    if not text.strip():
        raise CommandError("The new text is empty.", fix="Give the instruction's new words.")
    row = edit_instruction(memory, user, row.id, text)
    return f"Changed {row.id[:ID_CHARS]}: \"{row.text}\"."


def set_enabled(memory: Memory, user: str, ref: str, enabled: bool,
                syntax: Syntax = CHAT) -> str:
    row = _find(memory, user, ref, syntax)
    InstructionStore(memory).set_enabled(user, row.id, enabled)
    return f"{'Enabled' if enabled else 'Disabled'} {row.id[:ID_CHARS]}: \"{row.text}\"."


def delete(memory: Memory, user: str, ref: str, syntax: Syntax = CHAT) -> str:
    row = _find(memory, user, ref, syntax)
    InstructionStore(memory).delete(user, row.id)
    return f"Deleted {row.id[:ID_CHARS]}: \"{row.text}\"."


def run_command(memory: Memory, user: str, message: str) -> str:
    """Carry out one ``/instruct ...`` chat command and say what was done."""
    rest = message.strip()[len(PREFIX):].strip()
    verb, _, tail = rest.partition(" ")
    verb = verb.lower()
    if not rest or verb == "list":
        return listing(memory, user)
    if verb == "add":
        return add(memory, user, tail)
    if verb in ("edit", "disable", "enable", "delete", "forget"):
        ref, _, text = tail.strip().partition(" ")
        if not ref:
            raise CommandError(f"/instruct {verb} needs an instruction id.",
                               fix="List them with /instruct.")
        if verb == "edit":
            return edit(memory, user, ref, text)
        if verb in ("disable", "enable"):
            return set_enabled(memory, user, ref, verb == "enable")
        return delete(memory, user, ref)
    return add(memory, user, rest)
