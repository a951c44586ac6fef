"""The transcript: the conversation so far, newest at the bottom."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from assistant.crisis import split_resources


class Transcript(VerticalScroll):
    """The user's messages as plain text and Tacit's replies as Markdown, in order.

    Each stored reply knows its turn, so the why panel can say why it was given. With the
    transcript focused, up and down pick a reply (it is highlighted) and w or Enter opens why
    that one was given; without a pick, the why panel explains the newest reply.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,enter", "app.why", "Why"),
        Binding("up,k", "pick(-1)", "Earlier reply", show=False),
        Binding("down,j", "pick(1)", "Later reply", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._turn_of: dict[Markdown, str] = {}
        self.picked: Markdown | None = None

    def on_mount(self) -> None:
        # Follow new text as it streams in, until the user scrolls up to read.
        self.anchor()

    @property
    def replies(self) -> list[Markdown]:
        """The stored replies, oldest first (each has a turn the why panel can explain)."""
        return [w for w in self.children if isinstance(w, Markdown) and w in self._turn_of]

    @property
    def last_turn_id(self) -> str | None:
        """The turn of the newest reply that was stored (None before the first)."""
        replies = self.replies
        return self._turn_of[replies[-1]] if replies else None

    @property
    def chosen_turn_id(self) -> str | None:
        """The turn of the picked reply, or of the newest one when none is picked."""
        if self.picked is not None and self.picked in self._turn_of:
            return self._turn_of[self.picked]
        return self.last_turn_id

    def action_pick(self, step: int) -> None:
        """Pick the reply before or after the one picked (from the newest, at first)."""
        replies = self.replies
        if not replies:
            return
        at = replies.index(self.picked) if self.picked in replies else len(replies)
        self._pick(replies[max(0, min(len(replies) - 1, at + step))])

    def _pick(self, reply: Markdown | None) -> None:
        if self.picked is not None:
            self.picked.remove_class("picked")
        self.picked = reply
        if reply is not None:
            reply.add_class("picked")
            self.scroll_to_widget(reply, animate=False)

    def on_click(self, event: events.Click) -> None:
        """A click on a reply picks it."""
        widget = event.widget
        while widget is not None and widget.parent is not self:
            widget = widget.parent  # type: ignore[assignment]
        if isinstance(widget, Markdown) and widget in self._turn_of:
            self._pick(widget)

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
        self.picked = None
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
        self._pick(None)  # the newest reply is the one to explain again
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
