"""The memory inspector: what Tacit remembers, the tree it keeps, and the person's profile.

The screen shows rows the app hands it (read through the service in workers) and asks the
app to forget an entry; it never calls the service itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

MASK = "•••••• (sensitive; press s to show)"


@dataclass(frozen=True)
class Entry:
    """One remembered thing as the inspector lists it."""

    id: str
    kind: str
    text: str
    sensitive: bool = False

    def label(self, reveal: bool) -> str:
        text = self.text if reveal or not self.sensitive else MASK
        return f"{self.kind} · {' '.join(text.split())}"


@dataclass(frozen=True)
class ProfileEntry:
    """One preference: its value, how sure Tacit is, and the turn it came from."""

    name: str
    value: str
    confidence: float
    source: str

    @property
    def label(self) -> str:
        origin = f", from turn {self.source[:8]}" if self.source else ""
        return f"{self.name}: {self.value} (confidence {self.confidence:.2f}{origin})"


class MemoryScreen(Screen[None]):
    """Memories (search, forget), the tree by level, and the profile; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back"),
        Binding("f", "forget", "Forget"),
        Binding("s", "reveal", "Show sensitive"),
    ]

    class Search(Message):
        """Search memories for ``query`` ("" lists them all)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Forget(Message):
        """Forget this entry (the app asks first)."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.reveal = False

    def compose(self) -> ComposeResult:
        yield Static("What Tacit remembers about you · Esc back", classes="title")
        with TabbedContent(id="memory-tabs"):
            with TabPane("Memories", id="memories-tab"):
                yield Input(placeholder="Search memories… (Enter)", id="memory-search")
                yield OptionList(id="memories")
            with TabPane("Tree", id="tree-tab"):
                yield Static("", id="tree", markup=False)
            with TabPane("Profile", id="profile-tab"):
                yield Static("", id="profile", markup=False)
        yield Footer()

    def show_entries(self, entries: list[Entry]) -> None:
        """List ``entries`` (sensitive text masked unless revealed)."""
        self.entries = entries
        listing = self.query_one("#memories", OptionList)
        listing.clear_options()
        if entries:
            listing.add_options([Option(e.label(self.reveal), id=e.id) for e in entries])
            listing.highlighted = 0
        else:
            listing.add_option(Option("Nothing remembered here.", disabled=True))

    def show_tree(self, lines: list[str]) -> None:
        self.query_one("#tree", Static).update("\n".join(lines))

    def show_profile(self, entries: list[ProfileEntry]) -> None:
        text = "\n".join(e.label for e in entries) or "No preferences known yet."
        self.query_one("#profile", Static).update(text)

    @on(Input.Submitted, "#memory-search")
    def _search(self, event: Input.Submitted) -> None:
        self.post_message(self.Search(event.value.strip()))
        self.query_one("#memories", OptionList).focus()

    def action_forget(self) -> None:
        listing = self.query_one("#memories", OptionList)
        if listing.highlighted is None or not self.entries:
            return
        option = listing.get_option_at_index(listing.highlighted)
        entry = next((e for e in self.entries if e.id == option.id), None)
        if entry is not None:
            self.post_message(self.Forget(entry))

    def action_reveal(self) -> None:
        """Show or hide the text of sensitive entries."""
        self.reveal = not self.reveal
        self.show_entries(self.entries)


def forget_preview(entry: Entry, reveal: bool = False) -> str:
    """What forgetting one entry removes (sensitive text stays masked unless revealed)."""
    text = entry.text if reveal or not entry.sensitive else MASK
    return (f"“{' '.join(text.split())}” ({entry.kind}) will be deleted with its search "
            "index and history; summaries that quoted it are rewritten. This cannot be undone.")
