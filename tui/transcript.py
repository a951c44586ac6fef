"""The transcript: the conversation so far, newest at the bottom."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from assistant.crisis import split_resources


class Transcript(VerticalScroll):
    """The user's messages as plain text and Tacit's replies as Markdown, in order."""

    def on_mount(self) -> None:
        # Follow new text as it streams in, until the user scrolls up to read.
        self.anchor()

    @property
    def is_empty(self) -> bool:
        return not self.children

    async def show(self, exchanges: Iterable[tuple[str, str]]) -> None:
        """Replace what is shown with these (message, reply) pairs."""
        await self.remove_children()
        widgets = [w for message, reply in exchanges for w in _shown(message, reply)]
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
