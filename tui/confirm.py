"""A yes/no question over the screen, for what cannot be undone, and the forget flow on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant.errors import TacitError
from assistant.service import ForgetPreview, Tacit
from tui.background import in_background, report
from tui.guard import Guarded
from tui.text import one_line

MASK = "•••••• (sensitive; press s to show)"


class Confirm(Guarded, ModalScreen[bool]):
    """Says what will happen; y confirms, n or Escape keeps everything."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, details: str) -> None:
        super().__init__()
        self.title_text = title
        self.details = details

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.title_text, markup=False, classes="title")
            yield Static(self.details, markup=False)
            yield Static("y: yes, forget it · n: no, keep it", classes="keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


async def ask_to_forget(widget: DOMNode, tacit: Tacit, user: str, target_id: str,
                        title: str, what: str, then: Callable[[], object],
                        reveal: bool = False) -> None:
    """Show what forgetting ``target_id`` takes with it; if the person says yes, forget it in
    a worker and call ``then``. ``what`` names the record in the person's words.

    Nothing waits for the answer: the question is a screen with a callback, so no worker is
    left waiting on a person.
    """
    preview = await in_background(lambda: tacit.forget_preview(user, target_id))

    def answered(yes: bool | None) -> None:
        if yes:
            widget.run_worker(_forget(widget, tacit, user, target_id, then), group="forget",
                              exit_on_error=False)

    widget.app.push_screen(Confirm(title, preview_text(what, preview, reveal)), answered)


async def _forget(widget: DOMNode, tacit: Tacit, user: str, target_id: str,
                  then: Callable[[], object]) -> None:
    try:
        await in_background(lambda: tacit.forget(user, target_id))
    except TacitError as err:
        report(widget.app, err)
        return
    then()


def preview_text(what: str, preview: ForgetPreview, reveal: bool = False) -> str:
    """What forgetting deletes and rewrites, in the person's words (sensitive text masked)."""
    lines = [f"{what} will be deleted, with its search index and history."]
    removed = [_quoted(i.text if reveal or i.kind != "sensitive" else MASK) + f" ({i.kind})"
               for i in preview.items]
    removed += [f"instruction {_quoted(r.text)}" for r in preview.instructions]
    removed += [f"preference {a.name}: {a.value}" for a in preview.profile_removed]
    if removed:
        lines.append("Also deleted: " + "; ".join(removed) + ".")
    weakened = [_quoted(i.text if i.kind != "sensitive" else MASK)
                for i in preview.items_weakened]
    weakened += [f"preference {a.name}" for a in preview.profile_weakened]
    if weakened:
        lines.append("Less sure of (other evidence stays): " + "; ".join(weakened) + ".")
    if preview.summaries:
        lines.append("Rewritten: " + summaries_text(preview.summaries) + ".")
    lines.append("This cannot be undone.")
    return "\n".join(lines)


def summaries_text(nodes: list[Any]) -> str:
    """How many summaries of each level would be written again."""
    names = {1: "conversation summary", 2: "topic", 3: "summary of you"}
    counts = {level: sum(1 for n in nodes if n.level == level) for level in names}
    return ", ".join(f"{n} {names[level]}{'' if n == 1 else '(s)'}"
                     for level, n in counts.items() if n)


def _quoted(text: str) -> str:
    return f"“{one_line(text, 60)}”"
