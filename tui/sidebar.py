"""The sessions sidebar: the user's conversations, newest first, to search, resume, rename or
forget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.guard import Guarded


@dataclass(frozen=True)
class SessionRow:
    """One conversation as the sidebar lists it."""

    id: str
    title: str
    turns: int

    @property
    def label(self) -> str:
        title = self.title or "New conversation"
        return f"{title} ({self.turns})"


class SessionsSidebar(Guarded, Vertical):
    """A search box over the list of sessions; Enter resumes, r renames, d forgets (after
    asking)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,delete", "forget", "Forget"),
        Binding("r", "rename", "Rename"),
    ]

    class Resume(Message):
        """The person picked a conversation to continue."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    class RowMessage(Message):
        """Something to do to one conversation."""

        def __init__(self, row: SessionRow) -> None:
            super().__init__()
            self.row = row

    class Forget(RowMessage):
        """The person asked to forget a conversation (not yet confirmed)."""

    class Rename(RowMessage):
        """The person asked to give a conversation another title (not yet typed)."""

    def __init__(self) -> None:
        super().__init__(id="sidebar")
        self.rows: list[SessionRow] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search titles…", id="session-search")
        yield OptionList(id="sessions")

    def show(self, rows: list[SessionRow], current: str | None = None) -> None:
        """List ``rows`` (filtered by the search box), with ``current`` highlighted."""
        self.rows = rows
        self._fill(current)

    @property
    def shown(self) -> list[SessionRow]:
        """The rows the search lets through, in order."""
        query = self.query_one("#session-search", Input).value.strip().lower()
        return [r for r in self.rows if query in (r.title or "new conversation").lower()]

    def _fill(self, current: str | None = None) -> None:
        listing = self.query_one("#sessions", OptionList)
        listing.clear_options()
        shown = self.shown
        listing.add_options([Option(r.label, id=r.id) for r in shown])
        ids = [r.id for r in shown]
        if ids:
            listing.highlighted = ids.index(current) if current in ids else 0

    @on(Input.Changed, "#session-search")
    def _search(self) -> None:
        self._fill()

    @on(Input.Submitted, "#session-search")
    def _to_list(self) -> None:
        self.query_one("#sessions", OptionList).focus()

    @on(OptionList.OptionSelected, "#sessions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.post_message(self.Resume(event.option.id))

    @property
    def highlighted(self) -> SessionRow | None:
        """The conversation the list's cursor is on."""
        listing = self.query_one("#sessions", OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return next((r for r in self.rows if r.id == option.id), None)

    def action_forget(self) -> None:
        if (row := self.highlighted) is not None:
            self.post_message(self.Forget(row))

    def action_rename(self) -> None:
        if (row := self.highlighted) is not None:
            self.post_message(self.Rename(row))
