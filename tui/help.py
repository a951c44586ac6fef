"""Help (F1): every key the app answers to, in one place."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.guard import Guarded

KEYS = [
    ("Enter", "send the message, or answer Tacit's question"),
    ("Ctrl+N", "start a new conversation"),
    ("Ctrl+B", "conversations: Enter resumes · r renames · d forgets"),
    ("F2 · w", "why the newest reply was given"),
    ("  ↑ ↓ · Enter", "in the transcript: pick a reply · why that one"),
    ("  c", "in the transcript: copy the reply's code block (again: the next)"),
    ("F3", "memory: e edit · f forget, with what goes · s sensitive"),
    ("F4", "instructions: a add · e edit · space on/off · d delete"),
    ("F5", "profile: preferences · s shows sensitive · f forgets"),
    ("F6", "settings: models per role, budgets, theme"),
    ("Ctrl+T · Ctrl+P", "light or dark theme · command palette"),
    ("Tab", "move between the message box, transcript and lists"),
    ("F1 · Ctrl+Q", "this help · quit"),
]
NOTE = ("Answer a question card with its buttons or a number key (1–9); o types your own "
        "words, s skips the question, x stops Tacit asking.")


def keys_text() -> str:
    """The keys as aligned lines of plain text."""
    return "\n".join(f"{key:<16} {what}" for key, what in KEYS) + f"\n\n{NOTE}"


class HelpScreen(Guarded, ModalScreen[None]):
    """The keys, over the chat; Escape or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("Keys · Esc closes", classes="title")
            yield Static(keys_text(), markup=False)
