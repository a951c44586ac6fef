"""The profile: preferences Tacit holds about the person, and the sensitive details it keeps.

Each preference shows how sure Tacit is and the turn it was learned from; sensitive details
stay masked until the person reveals them. Forgetting asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from tui.confirm import MASK, Confirm, ask_to_forget
from tui.guard import Guarded
from tui.text import one_line


@dataclass(frozen=True)
class Preference:
    """One preference: its value, how sure Tacit is, and what the person said to teach it."""

    name: str
    value: str
    confidence: float
    said: str = ""  # the person's words in the turn it came from (newest evidence)

    @property
    def label(self) -> str:
        origin = f" · from “{one_line(self.said, 50)}”" if self.said else ""
        return f"{self.name}: {self.value} · confidence {self.confidence:.2f}{origin}"


@dataclass(frozen=True)
class Sensitive:
    """A sensitive detail kept with consent (read only by safety)."""

    id: str
    text: str

    def label(self, reveal: bool) -> str:
        return f"sensitive · {one_line(self.text, 200) if reveal else MASK}"


class ProfileScreen(Guarded, Screen[None]):
    """Preferences and sensitive details; s shows sensitive text, f forgets, Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back"),
        Binding("f", "forget", "Forget"),
        Binding("s", "reveal", "Show sensitive"),
    ]

    def __init__(self, tacit: Tacit, user: str) -> None:
        super().__init__()
        self.tacit, self.user = tacit, user
        self.rows: list[Preference | Sensitive] = []
        self.reveal = False

    def compose(self) -> ComposeResult:
        yield Static("What Tacit believes about you · Esc back", classes="title")
        yield OptionList(id="profile")
        yield Footer()

    def on_mount(self) -> None:
        self.read_profile()

    @work(group="profile", exit_on_error=False)
    async def read_profile(self) -> None:
        def read() -> list[Preference | Sensitive]:
            attributes = self.tacit.profile(self.user)
            said = self.tacit.turn_texts(self.user, [a.source[-1] for a in attributes
                                                     if a.source])
            rows: list[Preference | Sensitive] = [
                Preference(a.name, a.value, a.confidence,
                           said.get(a.source[-1], "") if a.source else "")
                for a in attributes]
            rows += [Sensitive(i.id, i.text) for i in self.tacit.memories(self.user)
                     if i.kind == "sensitive"]
            return rows

        try:
            self.rows = await in_background(read)
        except TacitError as err:
            report(self.app, err)
            return
        self._fill()

    def _fill(self) -> None:
        listing = self.query_one("#profile", OptionList)
        at = listing.highlighted
        listing.clear_options()
        if not self.rows:
            listing.add_option(Option("No preferences known yet: Tacit learns them as you "
                                      "talk, and asks when it matters.", disabled=True))
            return
        listing.add_options([Option(_label(r, self.reveal)) for r in self.rows])
        listing.highlighted = min(at or 0, len(self.rows) - 1)

    def action_reveal(self) -> None:
        self.reveal = not self.reveal
        self._fill()

    def action_forget(self) -> None:
        listing = self.query_one("#profile", OptionList)
        if listing.highlighted is not None and self.rows:
            self._forget(self.rows[listing.highlighted])

    @work(group="profile", exit_on_error=False)
    async def _forget(self, row: Preference | Sensitive) -> None:
        def forgotten() -> None:
            self.notify("Forgotten.")
            self.read_profile()

        if isinstance(row, Preference):
            preference = row

            def answered(yes: bool | None) -> None:
                if yes:
                    self._forget_preference(preference, forgotten)

            self.app.push_screen(Confirm(
                "Forget this preference?",
                f"Tacit will no longer assume {row.name}: {row.value}, and may ask again when "
                "it matters. The turns it was learned from stay."), answered)
            return
        try:
            await ask_to_forget(self, self.tacit, self.user, row.id, "Forget this?",
                                f"“{row.text if self.reveal else MASK}” (sensitive)", forgotten,
                                self.reveal)
        except TacitError as err:
            report(self.app, err)

    @work(group="profile", exit_on_error=False)
    async def _forget_preference(self, row: Preference, then: Callable[[], None]) -> None:
        try:
            await in_background(lambda: self.tacit.forget_preference(self.user, row.name))
        except TacitError as err:
            report(self.app, err)
            return
        then()

def _label(row: Any, reveal: bool) -> str:
    return row.label(reveal) if isinstance(row, Sensitive) else row.label
