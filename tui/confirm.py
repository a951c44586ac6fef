"""A yes/no question over the screen, for what cannot be undone."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class Confirm(ModalScreen[bool]):
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


def forget_details(title: str, turns: int) -> str:
    """What forgetting a conversation deletes, in the person's words."""
    return (f"“{title or 'New conversation'}” and its {turns} exchange(s) will be deleted, "
            "with the facts, preferences and instructions Tacit learned from them and their "
            "search index; summaries that quoted them are rewritten. This cannot be undone.")
