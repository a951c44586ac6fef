"""Help (F1): every key the app answers to, in one place."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

KEYS = """\
## Keys

| Key | What it does |
|---|---|
| Enter | send the message (or answer Tacit's question) |
| Ctrl+N | start a new conversation |
| Ctrl+B | show or hide your conversations |
| Enter (in the list) | resume the highlighted conversation |
| d (in the list) | forget the highlighted conversation, after asking |
| F2, or w in the transcript | why the last reply was given |
| F3 | what Tacit remembers about you: memories and profile |
| Tab | move between the message box, the transcript and the list |
| Ctrl+P | command palette |
| F1 | this help |
| Ctrl+Q | quit |

Answer a question card with a number, your own words, or “just answer” to skip.
"""


class HelpScreen(ModalScreen[None]):
    """The keys, over the chat; Escape or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(KEYS)
