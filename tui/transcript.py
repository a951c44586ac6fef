"""The transcript: the conversation so far, newest at the bottom."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownFence

from assistant.crisis import split_resources
from assistant.service import Question
from tui.guard import Guarded
from tui.question_card import QuestionCard


class Transcript(Guarded, VerticalScroll):
    """The user's messages as plain text and Tacit's replies as Markdown, in order.

    Each stored reply knows its turn, so the why panel can say why it was given. With the
    transcript focused, up and down pick a reply (it is highlighted) and w or Enter opens why
    that one was given; without a pick, the why panel explains the newest reply. c copies the
    code block of that reply to the clipboard (pressed again, the next block).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,enter", "app.why", "Why"),
        Binding("c", "copy_code", "Copy code"),
        Binding("up,k", "pick(-1)", "Earlier reply", show=False),
        Binding("down,j", "pick(1)", "Later reply", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._turn_of: dict[Markdown, str] = {}
        self.picked: Markdown | None = None
        self._copied: tuple[Markdown, int] | None = None  # the block c copied last

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

    def action_copy_code(self) -> None:
        """Copy a code block of the picked reply (or the newest): the first, then each next
        one on every press, round to the first again."""
        replies = [w for w in self.children if isinstance(w, Markdown) and w.has_class("reply")]
        reply = self.picked if self.picked in replies else (replies[-1] if replies else None)
        blocks = list(reply.query(MarkdownFence)) if reply is not None else []
        if reply is None or not blocks:
            self.notify("This reply has no code block to copy.", severity="warning")
            return
        last = self._copied
        at = (last[1] + 1) % len(blocks) if last is not None and last[0] is reply else 0
        self._copied = (reply, at)
        code = blocks[at].code
        self.app.copy_to_clipboard(code)
        lines = len(code.splitlines())
        self.notify(f"Copied code block {at + 1} of {len(blocks)} "
                    f"({lines} line{'' if lines == 1 else 's'}).")

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

    async def ask(self, reply: Markdown, question: Question) -> QuestionCard:
        """Show ``question`` as a card in place of ``reply`` (a turn that asks has none yet)."""
        card = QuestionCard(question)
        await self.mount(card, after=reply)
        await reply.remove()
        self.anchor()
        return card

    def close_questions(self) -> None:
        """Every open question card is answered: none takes picks any more."""
        for card in self.query(QuestionCard):
            if not card.answered:
                card.close()

    async def show_resources(self, reply: Markdown, resources: str) -> None:
        """Put crisis resources in their own block, just above ``reply``."""
        await self.mount(resources_block(resources), before=reply)
        self.anchor()

    async def remove_last_exchange(self) -> None:
        """Take back the last message and reply (a turn that failed was never stored); a
        question that message answered is open again."""
        await self.remove_children(list(self.children)[-2:])
        if self.children and isinstance(card := self.children[-1], QuestionCard):
            card.close(answered=False)


def revised_line(revision: str) -> Static:
    """The marker under a reply that was revised after checking."""
    return Static(f"✎ {revision} · F2 why", markup=False, classes="revised")


def _padded(values: Iterable[str]) -> Iterator[str]:
    """``values``, then "" for ever (history may come without ids or revision lines)."""
    yield from values
    while True:
        yield ""


def resources_block(text: str) -> Markdown:
    """Crisis resources as a block of their own, drawn so that they cannot be missed. A line
    after the list ("If you tell me which country you're in, …") is a paragraph of its own,
    not the end of the last line's item."""
    lines = text.splitlines()
    out: list[str] = []
    for n, line in enumerate(lines):
        if n and not _ITEM.match(line) and _ITEM.match(lines[n - 1]):
            out.append("")
        out.append(line)
    return Markdown("\n".join(out), classes="resources")


_ITEM = re.compile(r"^\s*[-*•]\s")


def _shown(message: str, reply: str) -> list[Static | Markdown]:
    resources, rest = split_resources(reply)
    question, answer = _exchange(message, rest)
    return [question, resources_block(resources), answer] if resources else [question, answer]


def _exchange(message: str, reply: str) -> tuple[Static, Markdown]:
    # markup=False: the user's text is shown as typed, brackets and all.
    return Static(message, markup=False, classes="message"), Markdown(reply, classes="reply")
