"""The memory inspector: what Tacit remembers (search, edit, forget) and the tree it keeps.

The screen reads and changes memory through the service, in workers; forgetting shows first
what would be deleted and which summaries would be rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, TabbedContent, TabPane, Tree
from textual.widgets.option_list import Option

from assistant.errors import TacitError
from assistant.service import Tacit
from tui.background import in_background, report
from tui.confirm import MASK, ask_to_forget
from tui.guard import Guarded
from tui.memory_tree import MemoryTreeView, Node
from tui.text_prompt import TextPrompt


@dataclass(frozen=True)
class Entry:
    """One remembered thing as the inspector lists it."""

    id: str
    kind: str
    text: str
    sensitive: bool = False

    def shown(self, reveal: bool) -> str:
        """The text, or the mask for sensitive text not revealed, on one line."""
        return " ".join((self.text if reveal or not self.sensitive else MASK).split())

    def label(self, reveal: bool) -> str:
        return f"{self.kind} · {self.shown(reveal)}"


class MemoryScreen(Guarded, Screen[None]):
    """Memories (search, edit, forget) and the tree by level; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back"),
        Binding("f", "forget", "Forget"),
        Binding("e", "edit", "Edit"),
        Binding("s", "reveal", "Show sensitive"),
    ]

    def __init__(self, tacit: Tacit, user: str) -> None:
        super().__init__()
        self.tacit, self.user = tacit, user
        self.entries: list[Entry] = []
        self.reveal = False

    def compose(self) -> ComposeResult:
        yield Static("What Tacit remembers about you · Esc back", classes="title")
        with TabbedContent(id="memory-tabs"):
            with TabPane("Memories", id="memories-tab"):
                yield Input(placeholder="Search memories… (Enter)", id="memory-search")
                yield OptionList(id="memories")
            with TabPane("Tree", id="tree-tab"):
                yield MemoryTreeView()
                yield Static("", id="node-details", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.read_memory()

    # Reading ----------------------------------------------------------------------------
    @work(group="memory", exit_on_error=False)
    async def read_memory(self, query: str = "") -> None:
        """List the memories (those matching ``query`` if given) and draw the tree."""
        def read() -> tuple[list[Entry], dict[int, list[object]]]:
            if query:
                entries = [Entry(h.id, h.kind, h.text) for h in
                           self.tacit.search(self.user, query)]
            else:
                entries = [Entry(i.id, i.kind, i.text, i.kind == "sensitive")
                           for i in self.tacit.memories(self.user)]
            return entries, self.tacit.tree_levels(self.user)

        try:
            entries, levels = await in_background(read)
        except TacitError as err:
            report(self.app, err)
            return
        self.show_entries(entries)
        self.query_one(MemoryTreeView).show(levels)

    def show_entries(self, entries: list[Entry]) -> None:
        """List ``entries`` (sensitive text masked unless revealed)."""
        self.entries = entries
        listing = self.query_one("#memories", OptionList)
        at = listing.highlighted or 0
        listing.clear_options()
        if entries:
            listing.add_options([Option(e.label(self.reveal), id=e.id) for e in entries])
            listing.highlighted = min(at, len(entries) - 1)
        else:
            listing.add_option(Option("Nothing remembered here.", disabled=True))

    @on(Input.Submitted, "#memory-search")
    def _search(self, event: Input.Submitted) -> None:
        self.read_memory(event.value.strip())
        self.query_one("#memories", OptionList).focus()

    @on(Tree.NodeHighlighted, "#memory-tree")
    def _details(self, event: Tree.NodeHighlighted[Node]) -> None:
        data = event.node.data
        self.query_one("#node-details", Static).update(data.details if data else "")

    @on(Tree.NodeExpanded, "#memory-tree")
    def _opened(self, event: Tree.NodeExpanded[Node]) -> None:
        if MemoryTreeView.wants_turns(event.node):
            self._load_turns(event.node)

    @work(group="memory", exit_on_error=False)
    async def _load_turns(self, node: object) -> None:
        data = node.data  # type: ignore[attr-defined]
        try:
            turns = await in_background(lambda: self.tacit.session_turns(self.user,
                                                                         data.target))
        except TacitError as err:
            report(self.app, err)
            return
        self.query_one(MemoryTreeView).show_turns(node, turns)  # type: ignore[arg-type]

    # Changing ---------------------------------------------------------------------------
    @property
    def _on_tree(self) -> bool:
        return self.query_one("#memory-tabs", TabbedContent).active == "tree-tab"

    @property
    def highlighted(self) -> Entry | None:
        """The memory the list's cursor is on."""
        listing = self.query_one("#memories", OptionList)
        if listing.highlighted is None or not self.entries:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return next((e for e in self.entries if e.id == option.id), None)

    def action_forget(self) -> None:
        if self._on_tree:
            cursor = self.query_one(MemoryTreeView).cursor_node
            node = cursor.data if cursor is not None else None
            if node is None or not node.target:
                self.notify("Summaries are rewritten from what they summarise: forget a "
                            "conversation or a turn to change one.")
                return
            what = f"This {'conversation' if node.level == 1 else 'turn'}"
            self._forget(node.target, what)
        elif (entry := self.highlighted) is not None:
            self._forget(entry.id, f"“{entry.shown(self.reveal)}” ({entry.kind})")

    @work(group="memory", exit_on_error=False)
    async def _forget(self, target_id: str, what: str) -> None:
        def forgotten() -> None:
            self.notify("Forgotten.")
            self.read_memory()

        try:
            await ask_to_forget(self, self.tacit, self.user, target_id, "Forget this?", what,
                                forgotten, self.reveal)
        except TacitError as err:
            report(self.app, err)

    def action_edit(self) -> None:
        entry = self.highlighted
        if self._on_tree or entry is None:
            return
        if entry.sensitive and not self.reveal:
            self.notify("Press s to show sensitive text before editing it.")
            return
        def typed(text: str | None) -> None:
            if text is not None and entry is not None:
                self._edit(entry, text)

        self.app.push_screen(
            TextPrompt(f"Edit this {entry.kind}", "What Tacit should remember instead",
                       entry.text), typed)

    @work(group="memory", exit_on_error=False)
    async def _edit(self, entry: Entry, text: str) -> None:
        if text.strip() == entry.text:
            return
        try:
            await in_background(lambda: self.tacit.edit_memory(self.user, entry.id, text))
        except TacitError as err:
            report(self.app, err)
            return
        self.notify(f"Changed the {entry.kind}.")
        self.read_memory()

    def action_reveal(self) -> None:
        """Show or hide the text of sensitive entries."""
        self.reveal = not self.reveal
        self.show_entries(self.entries)
