"""A question Tacit asks before it answers, as a card in the transcript.

Three kinds arrive: a preference question (one list of quick answers), a safety card (a few
fields, each with its quick answers) and the consent card (whether to keep what safety was
told). Each quick answer is a button and a number key; the message box takes an answer in the
person's own words; "skip" answers nothing this time, and "stop asking" tells Tacit to answer
without questions. However it is answered, the answer is sent as the person's next message.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from assistant.service import Question
from tui.guard import Guarded

SKIP = "skip this question"      # matches no quick answer, and does not turn asking off
STOP = "stop asking"             # the words elicit and safety read as "just answer"
MOST_KEYS = 9


class QuestionCard(Guarded, Vertical, can_focus=True):
    """The question, its quick answers as numbered buttons, and own words, skip, stop asking.

    With the card focused, a number picks; any other letter starts an answer in the person's
    own words in the message box (so typing an answer just works); Escape skips and Ctrl+X
    stops the questions. On a card of several fields the number keys answer the first field
    not yet answered and a button answers its own field; the card is sent once every field
    has a pick, or with Enter ("send picks") for the fields picked so far.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, MOST_KEYS + 1)),
        Binding("escape", "skip", "Skip"),
        Binding("ctrl+x", "stop", "Stop asking"),
        Binding("enter", "send", "Send picks", show=False),
    ]

    class Answered(Message):
        """The card was answered with ``text`` (to be sent as the person's message)."""

        def __init__(self, card: QuestionCard, text: str) -> None:
            super().__init__()
            self.card, self.text = card, text

    class OwnWords(Message):
        """The person answers in their own words: the message box takes them, beginning with
        ``typed`` (what was typed at the card)."""

        def __init__(self, typed: str = "", send: bool = False) -> None:
            super().__init__()
            self.typed, self.send = typed, send

    def __init__(self, question: Question) -> None:
        super().__init__(classes="question")
        self.question = question
        fields = question.details.get("fields") or []
        # One group of quick answers per field; a plain question is one group without a title.
        self.groups: list[tuple[str, list[str]]] = (
            [(f["question"], list(f["choices"])) for f in fields] if fields
            else [("", list(question.details.get("choices") or []))])
        self.picks: dict[int, str] = {}
        self.answered = False
        # Letters typed at the card go to the message box; keys typed fast (or pasted) reach
        # the card before the box has focus, so from the first letter on the card passes them
        # all on, digits and Enter included ("just answer 2" then Enter sends those words).
        self.typing = False

    def compose(self) -> ComposeResult:
        yield Static(self.question.text, markup=False, classes="title")
        for g, (title, choices) in enumerate(self.groups):
            if title:
                yield Static(title, markup=False, classes="field")
            with Grid(classes="choices"):
                for n, choice in enumerate(choices, 1):
                    yield Button(f"{n} {choice}" if n <= MOST_KEYS else choice, compact=True,
                                 id=f"pick-{g}-{n}", classes="choice")
        with Horizontal(classes="ways"):
            if len(self.groups) > 1:
                yield Button("⏎ send picks", compact=True, id="send", variant="primary")
            yield Button("own words", compact=True, id="own")
            yield Button("Esc skip", compact=True, id="skip")
            yield Button("^X stop asking", compact=True, id="stop")
        yield Static(self.hint, classes="keys")

    @property
    def hint(self) -> str:
        if len(self.groups) > 1:
            return "A number answers the next open field · or type your own words"
        count = len(self.groups[0][1])
        keys = "1" if count == 1 else f"1–{min(count, MOST_KEYS)}"
        return f"{keys} picks an answer · or type your own words"

    def on_key(self, event: events.Key) -> None:
        """A letter typed at the card begins an answer in the message box; what follows it
        before the box has focus goes there too, and Enter sends it."""
        if event.key == "enter" and self.typing:
            event.stop()
            event.prevent_default()
            self.post_message(self.OwnWords(send=True))
        elif event.is_printable and event.character and (
                self.typing or not event.character.isdigit()):
            event.stop()
            event.prevent_default()
            self.typing = True
            self.post_message(self.OwnWords(event.character))

    def on_focus(self) -> None:
        self.typing = False  # back at the card: a number picks again

    # Picking -------------------------------------------------------------------------------
    def action_pick(self, n: int) -> None:
        """Pick the nth quick answer (of the first field still open, on a card of fields)."""
        group = next((g for g in range(len(self.groups)) if g not in self.picks), None)
        if group is not None and 1 <= n <= len(self.groups[group][1]):
            self._choose(group, n)

    @on(Button.Pressed, ".choice")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        _, group, n = (event.button.id or "").split("-")
        self._choose(int(group), int(n))

    def _choose(self, group: int, n: int) -> None:
        self.picks[group] = self.groups[group][1][n - 1]
        for button in self.query(".choice").results(Button):
            if (button.id or "").startswith(f"pick-{group}-"):
                button.variant = "primary" if button.id == f"pick-{group}-{n}" else "default"
        if len(self.picks) == len(self.groups):
            self.action_send()

    def action_send(self) -> None:
        """Send the picks made so far (every field's, in order)."""
        if self.picks:
            self._answer(", ".join(self.picks[g] for g in sorted(self.picks)))

    def action_own_words(self) -> None:
        self.post_message(self.OwnWords())

    def action_skip(self) -> None:
        self._answer(SKIP)

    def action_stop(self) -> None:
        self._answer(STOP)

    @on(Button.Pressed, "#send, #own, #skip, #stop")
    def _way(self, event: Button.Pressed) -> None:
        event.stop()
        ways = {"send": self.action_send, "own": self.action_own_words,
                "skip": self.action_skip, "stop": self.action_stop}
        ways[event.button.id or ""]()

    def _answer(self, text: str) -> None:
        if not self.answered:
            self.post_message(self.Answered(self, text))

    def close(self, answered: bool = True) -> None:
        """The question is answered (here or in the message box): it takes no more picks.
        ``answered=False`` opens it again (the answer could not be sent)."""
        self.answered = answered
        self.can_focus = not answered
        self.set_class(answered, "answered")
        for button in self.query(Button):
            button.disabled = answered
