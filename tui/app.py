"""The chat app: a transcript, an input and a status line over the :class:`Tacit` service,
with the screens over it (why, memory, instructions, profile, settings, help).

Every call into the service runs in a worker (stores and models block), so the screen stays
responsive; Tacit's errors become notifications here and nowhere below. What Tacit learns from
a turn arrives after its reply: the lines saying what was noted are added under it then, and
the next message can be typed (and sent) meanwhile. The screens over the chat read and change
what they show through the service themselves, in workers of their own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown
from textual.worker import Worker, WorkerState

from assistant.crisis import split_resources
from assistant.errors import TacitError
from assistant.service import Done, Progress, Question, Tacit, Token, check_message
from assistant.settings import Settings
from tui.background import in_background, report
from tui.commands import TacitCommands
from tui.confirm import ask_to_forget
from tui.guard import Guarded
from tui.help import HelpScreen
from tui.instructions_screen import InstructionsScreen
from tui.memory_screen import MemoryScreen
from tui.profile_screen import ProfileScreen
from tui.question_card import QuestionCard
from tui.settings_screen import DARK, LIGHT, SettingsScreen, keep
from tui.sidebar import SessionRow, SessionsSidebar
from tui.status import StatusLine
from tui.text_prompt import TextPrompt
from tui.transcript import Transcript
from tui.why_panel import WhyPanel

NEW_TITLE = "New conversation"
WORK = "tacit"  # the worker group for calls into the service
LEARNING = "learning"  # waits for what a turn taught; never makes the app busy


def make_app(settings: Settings, *, user: str, new_session: bool = False,
             tacit: Tacit | None = None) -> TacitApp:
    """The chat app for ``user``: resumes their last session unless ``new_session``.

    Pass ``tacit`` to reuse a service (tests do); otherwise the app builds one on first use
    and closes it on exit.
    """
    return TacitApp(settings, user=user, new_session=new_session, tacit=tacit)


class TacitApp(Guarded, App[None]):
    """Chat with Tacit in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "Tacit"
    COMMANDS = App.COMMANDS | {TacitCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the Input has focus almost always and must not swallow these.
        Binding("ctrl+n", "new_session", "New conversation", priority=True),
        Binding("f2", "why", "Why", priority=True),
        Binding("ctrl+b", "toggle_sessions", "Sessions", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", priority=True),
        Binding("f3", "memory", "Memory", priority=True),
        Binding("f4", "instructions", "Rules", priority=True),
        Binding("f5", "profile", "Profile", priority=True),
        Binding("f6", "settings", "Settings", priority=True),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, priority=True),
    ]

    def __init__(self, settings: Settings, *, user: str, new_session: bool = False,
                 tacit: Tacit | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.user = user
        self.session_id: str | None = None
        self._start_new = new_session
        self._tacit = tacit
        self._owns_tacit = tacit is None

    @property
    def busy(self) -> bool:
        """Whether Tacit is loading, replying or starting a session (one thing at a time)."""
        return any(w.group == WORK and not w.is_finished for w in self.workers)

    @property
    def _chat(self) -> Screen[None]:
        """The chat screen, under whatever screens are open over it."""
        return self.screen_stack[0]

    @property
    def tacit(self) -> Tacit:
        """The service, built on first use so that nothing opens before the screen shows."""
        if self._tacit is None:
            self._tacit = Tacit(self.settings)
        return self._tacit

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="chat"):
                yield Transcript()
                # Not select_on_focus: an answer typed at a question card goes on where it began.
                yield Input(placeholder="Message Tacit…", id="message", select_on_focus=False)
                yield StatusLine()
            yield SessionsSidebar()  # docked left; after the chat so the chat's input is first
        yield Footer()

    def on_mount(self) -> None:
        self.theme = LIGHT if self.settings.theme == "light" else DARK
        self.sub_title = NEW_TITLE
        self._chat.query_one(StatusLine).model = self.settings.chat.model
        self._chat.query_one("#message", Input).focus()
        self._open(new=self._start_new)

    def on_unmount(self) -> None:
        if self._owns_tacit and self._tacit is not None:
            self._tacit.close()

    # Workers ----------------------------------------------------------------------------
    @work(group=WORK, exit_on_error=False)
    async def _open(self, *, new: bool) -> None:
        """Load the model, then resume the last session (or start one) and show it."""
        status = self._chat.query_one(StatusLine)
        status.state = "loading model…"
        try:
            await in_background(self.tacit.warm_up)
            # warm_up loads on threads of its own, so a failure there is only seen here,
            # when the model is asked for again.
            status.model = await in_background(lambda: self.tacit.model.name)
            session_id, title, exchanges = await in_background(lambda: self._session(new))
            turns = await in_background(lambda: self._turns(session_id))
        except TacitError as err:
            self._report(err)
            status.state = "not ready · press Enter to retry"
            return
        await self._show(session_id, title, exchanges, *turns)
        status.state = "ready"

    def _session(self, new: bool) -> tuple[str, str, list[tuple[str, str]]]:
        session = self.tacit.resume_session(self.user)
        exchanges = self.tacit.history(self.user, session.id)
        if new and exchanges:  # an empty last session already is a new one: reuse it
            session, exchanges = self.tacit.new_session(self.user), []
        return session.id, session.title, exchanges

    def _turns(self, session_id: str) -> tuple[list[str], list[str]]:
        """The session's turn ids and revision lines, in the order of its history."""
        return (self.tacit.turn_ids(self.user, session_id),
                self.tacit.revisions(self.user, session_id))

    @work(group="why", exit_on_error=False)
    async def _open_why(self, turn_id: str) -> None:
        """Read why the turn was answered as it was, and show it over the chat."""
        try:
            why, asked = await in_background(
                lambda: (self.tacit.why(self.user, turn_id),
                         self.tacit.turn_texts(self.user, [turn_id]).get(turn_id, "")))
        except TacitError as err:
            self._report(err)
            return
        await self.push_screen(WhyPanel(why, asked))

    @work(group=WORK, exit_on_error=False)
    async def _new_session(self) -> None:
        try:
            session = await in_background(lambda: self.tacit.new_session(self.user))
        except TacitError as err:
            self._report(err)
            return
        await self._show(session.id, session.title, [])

    @work(group=WORK, exit_on_error=False)
    async def _reply(self, message: str) -> None:
        """Send ``message`` and stream the reply into the transcript."""
        assert self.session_id is not None
        transcript, status = self._chat.query_one(Transcript), self._chat.query_one(StatusLine)
        reply = await transcript.add_exchange(message)
        status.state = "thinking…"
        try:
            done = await self._stream(self.session_id, message, reply)
        except TacitError as err:
            # Nothing was stored, so the screen should not show the exchange either; give
            # the message back so it can be sent again.
            await transcript.remove_last_exchange()
            prompt = self._chat.query_one("#message", Input)
            if not prompt.value:
                prompt.value = message
            prompt.focus()  # Enter resends it
            self._report(err)
        else:
            if isinstance(done, Question):  # the turn waits: the next message answers it
                card = await transcript.ask(reply, done)
                card.focus(scroll_visible=False)  # the transcript keeps its newest line in view
                status.state = "waiting for your answer"
                return
            resources, rest = split_resources(done.shown)
            if resources:  # crisis resources stand apart, above the reply
                await transcript.show_resources(reply, resources)
            await reply.update(rest)  # the stored reply is the truth (trimmed, refined)
            if done.turn_id:  # the streamed draft was replaced: say so, and by what
                await transcript.mark_turn(reply, done.turn_id, done.revision)
            status.tokens_per_s = done.trace.get("respond", {}).get("tokens_per_s")
            self._show_learned(reply, done)
            if self.sub_title == NEW_TITLE:  # the first turn names the session
                await self._refresh_title(done.session_id)
        status.state = "ready"

    async def _stream(self, session_id: str, message: str, reply: Markdown) -> Done | Question:
        status = self._chat.query_one(StatusLine)
        # MarkdownStream batches tokens that arrive faster than the widget can re-render.
        stream = Markdown.get_stream(reply)
        done: Done | Question | None = None
        try:
            async for event in self.tacit.stream(self.user, session_id, message):
                if isinstance(event, Token):
                    status.state = "replying…"
                    await stream.write(event.text)
                elif isinstance(event, Progress) and event.node == "respond":
                    status.state = "remembering…"
                elif isinstance(event, Progress) and event.node == "waiting":
                    status.state = "finishing the last turn…"
                elif isinstance(event, Done | Question):
                    done = event
        finally:
            await stream.stop()
        if done is None:  # the service always ends a turn with Done
            raise TacitError("The reply ended early.", fix="Send the message again.")
        return done

    @work(group=LEARNING, exit_on_error=False)
    async def _show_learned(self, reply: Markdown, done: Done) -> None:
        """When Tacit has learned from the turn, add what it noted under the reply."""
        if done.learning is None:
            return
        learned = await asyncio.wrap_future(done.learning)
        if learned.footer:
            await reply.update(done.shown)
        if learned.error:
            self.notify(f"The reply is stored, but learning from it failed: {learned.error}",
                        title="Not learned", severity="warning", markup=False)

    async def _refresh_title(self, session_id: str) -> None:
        def title() -> str:
            sessions = self.tacit.sessions(self.user)
            return next((s.title for s, _ in sessions if s.id == session_id), "")

        try:
            self.sub_title = await in_background(title) or NEW_TITLE
        except TacitError as err:
            self._report(err)

    # Input and actions ------------------------------------------------------------------
    @on(Input.Submitted, "#message")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip() and self._send(event.value):
            event.input.clear()

    @on(QuestionCard.Answered)
    def _card_answered(self, event: QuestionCard.Answered) -> None:
        if self._send(event.text):
            self._chat.query_one("#message").focus()

    @on(QuestionCard.OwnWords)
    async def _own_words(self, event: QuestionCard.OwnWords) -> None:
        box = self._chat.query_one("#message", Input)
        box.focus()
        if event.typed:
            box.insert_text_at_cursor(event.typed)
        if event.send:
            await box.action_submit()

    def _send(self, text: str) -> bool:
        """Send ``text`` as the next message (answering any open question); False, with a
        notification, when it cannot go now (and the text is kept where it was)."""
        if self.busy:
            self.notify("Tacit is busy; your message is kept. Press Enter again in a moment.",
                        severity="warning")
            return False
        if self.session_id is None:  # starting up failed earlier: try again
            self._open(new=self._start_new)
            return False
        try:
            message = check_message(text, self.settings.max_message_chars)
        except TacitError as err:
            self._report(err)  # the text stays in the input to be fixed
            return False
        self._chat.query_one(Transcript).close_questions()
        self._reply(message)
        return True

    async def action_new_session(self) -> None:
        """Start a new conversation (Ctrl+N)."""
        await self._to_chat()
        self._chat.query_one("#message").focus()
        if self.busy:
            self.notify("Tacit is busy; try again when the reply is done.", severity="warning")
        elif self.session_id is not None and self._chat.query_one(Transcript).is_empty:
            self.notify("This is already a new conversation.")
        else:
            self._new_session()

    # Sessions sidebar -------------------------------------------------------------------
    async def action_toggle_sessions(self) -> None:
        """Show or hide the conversations (Ctrl+B); showing lists them afresh."""
        await self._to_chat()
        sidebar = self._chat.query_one(SessionsSidebar)
        sidebar.display = not sidebar.display
        if sidebar.display:
            self._list_sessions()
            sidebar.query_one("#sessions").focus()
        else:
            self._chat.query_one("#message").focus()

    @work(group="sessions", exit_on_error=False)
    async def _list_sessions(self) -> None:
        try:
            found = await in_background(lambda: self.tacit.sessions(self.user))
        except TacitError as err:
            self._report(err)
            return
        rows = [SessionRow(s.id, s.title, turns) for s, turns in found]
        self._chat.query_one(SessionsSidebar).show(rows, self.session_id)

    @on(SessionsSidebar.Resume)
    def _resume(self, event: SessionsSidebar.Resume) -> None:
        if self.busy:
            self.notify("Tacit is busy; try again when the reply is done.", severity="warning")
            return
        self._resume_session(event.session_id)

    @work(group=WORK, exit_on_error=False)
    async def _resume_session(self, session_id: str) -> None:
        def load() -> tuple[str, list[tuple[str, str]], tuple[list[str], list[str]]]:
            title = next((s.title for s, _ in self.tacit.sessions(self.user)
                          if s.id == session_id), "")
            return title, self.tacit.history(self.user, session_id), self._turns(session_id)

        try:
            title, exchanges, turns = await in_background(load)
        except TacitError as err:
            self._report(err)
            return
        await self._show(session_id, title, exchanges, *turns)
        self._chat.query_one("#message").focus()

    @on(SessionsSidebar.Forget)
    def _ask_to_forget(self, event: SessionsSidebar.Forget) -> None:
        self._forget_session(event.row)

    @work(group="sessions", exit_on_error=False)
    async def _forget_session(self, row: SessionRow) -> None:
        """Say what forgetting the conversation takes with it; forget it if the person agrees."""
        def forgotten() -> None:
            self.notify(f"Forgot “{row.title or NEW_TITLE}”.", markup=False)
            if row.id == self.session_id:  # the open conversation is gone: start afresh
                self._new_session()
            self._list_sessions()

        try:
            await ask_to_forget(self, self.tacit, self.user, row.id,
                                "Forget this conversation?",
                                f"“{row.title or NEW_TITLE}” and its {row.turns} exchange(s)",
                                forgotten)
        except TacitError as err:
            self._report(err)

    @on(SessionsSidebar.Rename)
    def _ask_to_rename(self, event: SessionsSidebar.Rename) -> None:
        row = event.row

        def typed(title: str | None) -> None:
            if title is not None:
                self._rename_session(row, title)

        self.push_screen(
            TextPrompt("Rename this conversation", "A title you will recognise", row.title),
            typed)

    @work(group="sessions", exit_on_error=False)
    async def _rename_session(self, row: SessionRow, title: str) -> None:
        try:
            session = await in_background(lambda: self.tacit.rename_session(self.user, row.id,
                                                                             title))
        except TacitError as err:
            self._report(err)
            return
        if row.id == self.session_id:
            self.sub_title = session.title
        self._list_sessions()

    # Screens over the chat --------------------------------------------------------------
    async def action_memory(self) -> None:
        """Open what Tacit remembers (F3)."""
        await self._switch(MemoryScreen, lambda: MemoryScreen(self.tacit, self.user))

    async def action_instructions(self) -> None:
        """Open the standing instructions (F4)."""
        await self._switch(InstructionsScreen, lambda: InstructionsScreen(self.tacit, self.user))

    async def action_profile(self) -> None:
        """Open the profile (F5)."""
        await self._switch(ProfileScreen, lambda: ProfileScreen(self.tacit, self.user))

    async def action_settings(self) -> None:
        """Open the settings: models, budgets, theme (F6)."""
        await self._switch(SettingsScreen, lambda: SettingsScreen(self.tacit))

    async def action_copy_code(self) -> None:
        """Copy a code block of the picked or newest reply (c in the transcript)."""
        await self._to_chat()
        self._chat.query_one(Transcript).action_copy_code()

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme (Ctrl+T)."""
        self.theme = DARK if self.theme == LIGHT else LIGHT

    def watch_theme(self, theme: str) -> None:
        """A switch between light and dark (any way it is made) is kept for the next start."""
        chosen = {LIGHT: "light", DARK: "dark"}.get(theme)
        if chosen is not None and chosen != self.settings.theme:
            self.settings.theme = chosen  # type: ignore[assignment]
            keep(self, {"theme": chosen})

    async def _switch(self, kind: type, make: Callable[[], Screen[None]]) -> None:
        """Open a screen over the chat; its own key closes it again, another key replaces it."""
        if isinstance(self.screen, kind):
            await self.screen.dismiss()
            return
        await self._to_chat()
        await self.push_screen(make())

    async def _to_chat(self) -> None:
        """Close every screen over the chat; a question left open is answered "no"."""
        while len(self.screen_stack) > 1:
            await self.screen.dismiss()

    @on(SettingsScreen.ModelChanged)
    def _model_changed(self, event: SettingsScreen.ModelChanged) -> None:
        self._chat.query_one(StatusLine).model = event.name

    def action_help(self) -> None:
        """List the keys (F1)."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    async def action_why(self) -> None:
        """Show why the picked reply (or else the newest) was given (F2, or w in the
        transcript); F2 over the why panel closes it."""
        if isinstance(self.screen, WhyPanel):
            await self.screen.dismiss()
            return
        await self._to_chat()
        turn_id = self._chat.query_one(Transcript).chosen_turn_id
        if turn_id is None:
            self.notify("No reply yet: the why panel explains a reply once there is one.")
        else:
            self._open_why(turn_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any error a worker did not expect becomes a notification; the app goes on."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title="Something went wrong",
                        severity="error", markup=False)

    # Helpers ----------------------------------------------------------------------------
    async def _show(self, session_id: str, title: str, exchanges: list[tuple[str, str]],
                    turn_ids: list[str] | None = None,
                    revisions: list[str] | None = None) -> None:
        self.session_id = session_id
        self.sub_title = title or NEW_TITLE
        await self._chat.query_one(Transcript).show(exchanges, turn_ids or [], revisions or [])

    def _report(self, err: TacitError) -> None:
        report(self, err)

