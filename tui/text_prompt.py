"""A one-line question over the screen: a title, a hint, and an input to type the answer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.guard import Guarded


class TextPrompt(Guarded, ModalScreen[str | None]):
    """Enter gives back what was typed; Escape gives back None and changes nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, hint: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.hint, self.value = title, hint, value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(self.title_text, markup=False, classes="title")
            yield Input(self.value, id="prompt-input")
            yield Static(f"{self.hint} · Enter saves · Esc cancels", markup=False,
                         classes="keys")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
