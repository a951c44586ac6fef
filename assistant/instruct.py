"""Standing instructions by command: ``tacit instructions ...`` and ``/instruct ...`` in chat.

Both front ends call these functions, so they say the same things in the same words; the
instructions themselves come from the service (``Tacit.instructions`` and its siblings).

    /instruct                         list the instructions in force
    /instruct <text>                  add one ("/instruct add <text>" works too)
    /instruct edit <id> <text>        rewrite one (its history keeps the old words)
    /instruct disable|enable <id>     switch one off or on
    /instruct delete <id>             delete one, everywhere
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.errors import CommandError, NotFound
from assistant.views import Instruction

if TYPE_CHECKING:
    from assistant.service import Tacit

PREFIX = "/instruct"
ID_CHARS = 8


@dataclass(frozen=True)
class Syntax:
    """How a person types these commands where they are: hints name their own front end."""

    add: str
    listing: str


CHAT = Syntax(add="/instruct <text>", listing="/instruct")
CLI = Syntax(add='tacit instructions add "<text>"', listing="tacit instructions list")


def describe(row: Instruction) -> str:
    """One line: short id, on/off, the instruction, and when it applies."""
    state = "on " if row.enabled else "off"
    line = f"{row.id[:ID_CHARS]}  {state}  {row.text}   (applies: {row.applies})"
    if row.replaced_by:
        line += f"  [replaced by {row.replaced_by[:ID_CHARS]}]"
    return line


def listing(tacit: Tacit, user: str, include_disabled: bool = True,
            syntax: Syntax = CHAT) -> str:
    rows = tacit.instructions(user, include_disabled=include_disabled)
    if not rows:
        return f"No standing instructions yet. Add one with {syntax.add}."
    return "\n".join(describe(r) for r in rows)


def add(tacit: Tacit, user: str, text: str, syntax: Syntax = CHAT) -> str:
    if not text.strip():
        example = syntax.add.replace("<text>", "always answer in km")
        raise CommandError("The instruction is empty.", fix=f"Try: {example}")
    added = tacit.add_instruction(user, text)
    row = added.instruction
    said = f"Noted instruction {row.id[:ID_CHARS]}: \"{row.text}\" (applies: {row.applies})."
    if added.replaced:
        said += " It replaces " + "; ".join(f'"{r.text}"' for r in added.replaced) + "."
    return said


def edit(tacit: Tacit, user: str, ref: str, text: str, syntax: Syntax = CHAT) -> str:
    row = _listed(syntax, tacit.edit_instruction, user, ref, text)
    return f"Changed {row.id[:ID_CHARS]}: \"{row.text}\"."


def set_enabled(tacit: Tacit, user: str, ref: str, enabled: bool,
                syntax: Syntax = CHAT) -> str:
    row = _listed(syntax, tacit.enable_instruction, user, ref, enabled)
    return f"{'Enabled' if enabled else 'Disabled'} {row.id[:ID_CHARS]}: \"{row.text}\"."


def delete(tacit: Tacit, user: str, ref: str, syntax: Syntax = CHAT) -> str:
    row = _listed(syntax, tacit.delete_instruction, user, ref)
    return f"Deleted {row.id[:ID_CHARS]}: \"{row.text}\"."


def _listed(syntax: Syntax, change: Callable[..., Instruction], *args: Any) -> Instruction:
    """``change(*args)``, an unknown id's error pointing at this front end's list command."""
    try:
        return change(*args)
    except NotFound as exc:
        raise NotFound(exc.message, fix=f"List them with {syntax.listing}.") from None


def run_command(tacit: Tacit, user: str, message: str) -> str:
    """Carry out one ``/instruct ...`` chat command and say what was done."""
    rest = message.strip()[len(PREFIX):].strip()
    verb, _, tail = rest.partition(" ")
    verb = verb.lower()
    if not rest or verb == "list":
        return listing(tacit, user)
    if verb == "add":
        return add(tacit, user, tail)
    if verb in ("edit", "disable", "enable", "delete", "forget"):
        ref, _, text = tail.strip().partition(" ")
        if not ref:
            raise CommandError(f"/instruct {verb} needs an instruction id.",
                               fix="List them with /instruct.")
        if verb == "edit":
            return edit(tacit, user, ref, text)
        if verb in ("disable", "enable"):
            return set_enabled(tacit, user, ref, verb == "enable")
        return delete(tacit, user, ref)
    return add(tacit, user, rest)
