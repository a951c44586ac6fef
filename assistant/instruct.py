"""Standing instructions by command: ``tacit instructions ...`` and ``/instruct ...`` in chat.

Both front ends call these functions, so they say the same things in the same words.

    /instruct                         list the instructions in force
    /instruct <text>                  add one ("/instruct add <text>" works too)
    /instruct edit <id> <text>        rewrite one (its history keeps the old words)
    /instruct disable|enable <id>     switch one off or on
    /instruct delete <id>             delete one, everywhere
"""

from __future__ import annotations

from typing import Any

from agents.instruction_text import parse
from agents.noting import add_instruction, edit_instruction
from assistant.errors import InputError
from memory.facade import Memory
from memory.instructions import InstructionStore

PREFIX = "/instruct"
ID_CHARS = 8


def describe(row: Any) -> str:
    """One line: short id, on/off, the instruction, and when it applies."""
    state = "on " if row.enabled else "off"
    when = parse(row.text).describe_condition() if row.text else (row.condition or "always")
    line = f"{row.id[:ID_CHARS]}  {state}  {row.text}   (applies: {when})"
    if row.replaced_by:
        line += f"  [replaced by {row.replaced_by[:ID_CHARS]}]"
    return line


def listing(memory: Memory, user: str, include_disabled: bool = True) -> str:
    rows = InstructionStore(memory).list(user, include_disabled=include_disabled)
    if not rows:
        return "No standing instructions yet. Add one with /instruct <text>."
    return "\n".join(describe(r) for r in rows)


def add(memory: Memory, user: str, text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise InputError("The instruction is empty.", fix='Try: /instruct always answer in km')
    row, replaced = add_instruction(memory, user, text)
    said = f"Noted instruction {row.id[:ID_CHARS]}: \"{row.text}\" " \
           f"(applies: {parse(row.text).describe_condition()})."
    if replaced:
        said += " It replaces " + "; ".join(f'"{r.text}"' for r in replaced) + "."
    return said


def _find(memory: Memory, user: str, ref: str) -> Any:
    row = InstructionStore(memory).get(user, ref)
    if row is None:
        raise InputError(f"No instruction {ref!r} belongs to {user}.",
                         fix="List them with `tacit instructions list` or /instruct.")
    return row


def edit(memory: Memory, user: str, ref: str, text: str) -> str:
    row = _find(memory, user, ref)
    if not text.strip():
        raise InputError("The new text is empty.", fix="Give the instruction's new words.")
    row = edit_instruction(memory, user, row.id, text)
    return f"Changed {row.id[:ID_CHARS]}: \"{row.text}\"."


def set_enabled(memory: Memory, user: str, ref: str, enabled: bool) -> str:
    row = _find(memory, user, ref)
    InstructionStore(memory).set_enabled(user, row.id, enabled)
    return f"{'Enabled' if enabled else 'Disabled'} {row.id[:ID_CHARS]}: \"{row.text}\"."


def delete(memory: Memory, user: str, ref: str) -> str:
    row = _find(memory, user, ref)
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
            raise InputError(f"/instruct {verb} needs an instruction id.",
                             fix="List them with /instruct.")
        if verb == "edit":
            return edit(memory, user, ref, text)
        if verb in ("disable", "enable"):
            return set_enabled(memory, user, ref, verb == "enable")
        return delete(memory, user, ref)
    return add(memory, user, rest)
