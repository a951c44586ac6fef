"""Choose which model plays a role: the bundled one, a GGUF file found nearby, or any name."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from assistant.settings import BUNDLED_MODEL
from tui.guard import Guarded

SAME_AS_CHAT = ""  # a role's choice that means "the chat model"


def model_choices(role: str, current: str | None, folders: list[Path]) -> list[tuple[str, str]]:
    """(value, label) of the models to offer: the bundled one, the role's current one, and the
    .gguf files in ``folders``; a role other than chat can also share the chat model."""
    choices = [(BUNDLED_MODEL, f"{BUNDLED_MODEL} (bundled SmolLM2-135M, offline)")]
    if role != "chat":
        choices.insert(0, (SAME_AS_CHAT, "same as the chat model"))
    for folder in folders:
        if folder.is_dir():
            choices += [(str(p), f"{p.name} ({p.parent})") for p in sorted(folder.glob("*.gguf"))]
    if current and current not in {value for value, _ in choices}:
        choices.append((current, current))
    return choices


class ModelPicker(Guarded, ModalScreen[str | None]):
    """Enter picks the highlighted model, or the name typed below; Escape keeps the current."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, role: str, current: str | None, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.role, self.current, self.choices = role, current or SAME_AS_CHAT, choices

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(f"Model for {self.role.replace('_', ' ')}", classes="title")
            yield OptionList(*[Option(("● " if v == self.current else "  ") + label, id=str(i))
                               for i, (v, label) in enumerate(self.choices)], id="models")
            yield Input(placeholder="or type a .gguf path or a LiteLLM model "
                        "(ollama/llama3.2)", id="model-name")
            yield Static("Enter picks · Esc cancels", classes="keys")

    def on_mount(self) -> None:
        values = [v for v, _ in self.choices]
        listing = self.query_one("#models", OptionList)
        listing.highlighted = values.index(self.current) if self.current in values else 0
        listing.focus()

    @on(OptionList.OptionSelected, "#models")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][0])

    @on(Input.Submitted, "#model-name")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
