"""The transcript: the conversation so far, newest at the bottom."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from assistant.crisis import split_resources


class Transcript(VerticalScroll):
    """The user's messages as plain text and Tacit's replies as Markdown, in order.

    Each stored reply knows its turn, so the why panel can say why it was given.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("w", "app.why", "Why")]

    def __init__(self) -> None:
        super().__init__()
        self._turn_of: dict[Markdown, str] = {}

    def on_mount(self) -> None:
        # Follow new text as it streams in, until the user scrolls up to read.
        self.anchor()

    @property
    def last_turn_id(self) -> str | None:
        """The turn of the newest reply that was stored (None before the first)."""
        replies = [w for w in self.children if isinstance(w, Markdown) and w in self._turn_of]
        return self._turn_of[replies[-1]] if replies else None

    async def mark_turn(self, reply: Markdown, turn_id: str, revision: str = "") -> None:
        """Tie ``reply`` to its stored turn; a revised reply gets its marker under it."""
        self._turn_of[reply] = turn_id
        if revision:
            await self.mount(revised_line(revision), after=reply)
            self.anchor()

    @property
    def is_empty(self) -> bool:
        return not self.children

    async def show(self, exchanges: Iterable[tuple[str, str]], turn_ids: Iterable[str] = (),
                   revisions: Iterable[str] = ()) -> None:
        """Replace what is shown with these (message, reply) pairs of the given turns; a
        reply whose revision line is not empty gets its marker under it."""
        await self.remove_children()
        self._turn_of = {}
        widgets: list[Static | Markdown] = []
        for (message, reply), turn_id, revision in zip(
                exchanges, _padded(turn_ids), _padded(revisions), strict=False):
            shown = _shown(message, reply)
            if turn_id and isinstance(answer := shown[-1], Markdown):
                self._turn_of[answer] = turn_id
            widgets += [*shown, *([revised_line(revision)] if revision else [])]
        if widgets:
            await self.mount_all(widgets)
        self.anchor()

    async def add_exchange(self, message: str) -> Markdown:
        """Show the user's message and return the (empty) reply to stream into."""
        question, reply = _exchange(message, "")
        await self.mount_all([question, reply])
        self.anchor()
        return reply

    async def show_resources(self, reply: Markdown, resources: str) -> None:
        """Put crisis resources in their own block, just above ``reply``."""
        await self.mount(resources_block(resources), before=reply)
        self.anchor()

    async def remove_last_exchange(self) -> None:
        """Take back the last message and reply (a turn that failed was never stored)."""
        await self.remove_children(list(self.children)[-2:])


def revised_line(revision: str) -> Static:
    """The marker under a reply that was revised after checking."""
    return Static(f"✎ {revision} · F2 why", markup=False, classes="revised")


def _padded(values: Iterable[str]) -> Iterator[str]:
    """``values``, then "" for ever (history may come without ids or revision lines)."""
    yield from values
    while True:
        yield ""


def resources_block(text: str) -> Markdown:
    """Crisis resources as a block of their own, drawn so that they cannot be missed."""
    return Markdown(text, classes="resources")


def _shown(message: str, reply: str) -> list[Static | Markdown]:
    resources, rest = split_resources(reply)
    question, answer = _exchange(message, rest)
    return [question, resources_block(resources), answer] if resources else [question, answer]


def _exchange(message: str, reply: str) -> tuple[Static, Markdown]:
    # markup=False: the user's text is shown as typed, brackets and all.
    return Static(message, markup=False, classes="message"), Markdown(reply, classes="reply")
