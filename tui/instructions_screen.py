"""Standing instructions: the person's rules, to add, edit, switch on or off, and delete.

Rules in force that contradict each other are marked, so the person can settle which one
Tacit follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from assistant.errors import TacitError
from assistant.service import Tacit
from tui.background import in_background, report
from tui.confirm import Confirm
from tui.guard import Guarded
from tui.text import one_line
from tui.text_prompt import TextPrompt

HINT = "For example: always answer in km · when I ask about code, use Python"


def instruction_label(row: Any, by_id: dict[str, Any], clashes: list[str]) -> str:
    """One instruction: on or off, its words, when it applies, and what it contradicts."""
    state = "on " if row.enabled else "off"
    lines = [f"{state}  {one_line(row.text, 200)}  (applies: {row.applies})"]
    if row.replaced_by and row.replaced_by in by_id:
        lines.append(f"     replaced by “{one_line(by_id[row.replaced_by].text, 60)}”")
    lines += [f"     ⚠ conflicts with “{one_line(by_id[c].text, 60)}”"
              for c in clashes if c in by_id]
    return "\n".join(lines)


class InstructionsScreen(Guarded, Screen[None]):
    """The instructions, oldest first; a adds, e edits, space toggles, d deletes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("space,t", "switch", "On/off"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, tacit: Tacit, user: str) -> None:
        super().__init__()
        self.tacit, self.user = tacit, user
        self.rows: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("Your standing instructions · Esc back", classes="title")
        yield OptionList(id="instructions")
        yield Footer()

    def on_mount(self) -> None:
        self.read_instructions()

    @property
    def highlighted(self) -> Any:
        listing = self.query_one("#instructions", OptionList)
        if listing.highlighted is None or not self.rows:
            return None
        return self.rows[listing.highlighted]

    @work(group="instructions", exit_on_error=False)
    async def read_instructions(self) -> None:
        try:
            rows, clashes = await in_background(
                lambda: (self.tacit.instructions(self.user),
                         self.tacit.instruction_conflicts(self.user)))
        except TacitError as err:
            report(self.app, err)
            return
        self.rows = rows
        listing = self.query_one("#instructions", OptionList)
        at = listing.highlighted
        listing.clear_options()
        if not rows:
            listing.add_option(Option("No standing instructions yet: press a to add one.",
                                      disabled=True))
            return
        by_id = {r.id: r for r in rows}
        listing.add_options([Option(instruction_label(r, by_id, clashes.get(r.id, [])),
                                    id=r.id) for r in rows])
        listing.highlighted = min(at or 0, len(rows) - 1)

    @work(group="instructions", exit_on_error=False)
    async def _change(self, call: Callable[[], Any], said: Callable[[Any], str]) -> None:
        """Make one change through the service, say what it did, and list them again."""
        try:
            done = await in_background(call)
        except TacitError as err:
            report(self.app, err)
            return
        self.notify(said(done), markup=False)
        self.read_instructions()

    def action_add(self) -> None:
        def typed(text: str | None) -> None:
            if text is not None:
                self._change(lambda: self.tacit.add_instruction(self.user, text), _noted)

        self.app.push_screen(TextPrompt("A new standing instruction", HINT), typed)

    def action_edit(self) -> None:
        if (row := self.highlighted) is None:
            return

        def typed(text: str | None) -> None:
            if text is not None and text.strip() != row.text:
                self._change(lambda: self.tacit.edit_instruction(self.user, row.id, text),
                             lambda _: "Changed.")

        self.app.push_screen(TextPrompt("Edit this instruction", HINT, row.text), typed)

    def action_switch(self) -> None:
        if (row := self.highlighted) is not None:
            self._change(lambda: self.tacit.enable_instruction(self.user, row.id,
                                                                not row.enabled),
                         lambda _: f"{'Switched off' if row.enabled else 'Switched on'}: "
                                   f"“{one_line(row.text, 60)}”.")

    def action_delete(self) -> None:
        if (row := self.highlighted) is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._change(lambda: self.tacit.delete_instruction(self.user, row.id),
                             lambda _: "Deleted.")

        self.app.push_screen(Confirm(
            "Delete this instruction?",
            f"“{one_line(row.text, 200)}” will be deleted, with its search index and "
            "history. This cannot be undone."), answered)


def _noted(added: Any) -> str:
    return "Noted." + "".join(f" It replaces “{one_line(r.text, 60)}”." for r in added.replaced)
