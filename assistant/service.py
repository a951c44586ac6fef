"""The service facade: the only door front ends (CLI, TUI, HTTP) use into Tacit.

Start or resume a session, send a message and receive a stream of events — tokens as they
are generated, node progress, and the final reply with its trace.

A turn is stored whole before the reply is handed over; what Tacit learns from it with a model
runs afterwards on a worker thread of this service (``Done.learning`` resolves when it is done),
so the person never waits for bookkeeping. One user's turns run one at a time, across threads
and processes (:class:`~assistant.user_lock.UserLock`): a turn waits until the previous one,
learning included, is finished, so it sees what was learned. ``flush`` waits for learning;
``close`` flushes.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from agents.about_me import (
    asks_to_forget,
    asks_to_forget_said,
    facts_named,
    facts_of,
    preferences_of,
    where_said,
)
from agents.contract import QuestionCard, TurnTrace
from agents.learn import Learned, learn, record_failure
from agents.llm import ChatModel
from assistant.checkpoints import ThreadIndex, thread_id
from assistant.checks import unstorable
from assistant.errors import CommandError, InputError, NotFound, TacitError
from assistant.settings import Settings
from assistant.user_lock import RunningMark, UserLock
from assistant.views import Imported, Instruction, InstructionAdded, MemoryTree, Why
from memory.facade import Hit, Memory
from memory.schema import MemoryItem, Session

if TYPE_CHECKING:
    from agents.state import TurnState
    from assistant.recovery import Repaired


@dataclass
class Token:
    """A piece of the reply as it is generated."""

    text: str


@dataclass
class Progress:
    """A node finished."""

    node: str
    ms: float


@dataclass
class Question:
    """The turn paused to ask the user something; their next message answers it."""

    text: str
    session_id: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Done:
    """The turn is complete and stored.

    ``reply`` is the reply itself, as the model will see it in later turns; ``footer`` is
    shown under it and never fed back (what was assumed). ``learning`` resolves to what Tacit
    learned from the turn (with more footer lines: what was noted) once that is done.
    """

    reply: str
    turn_id: str
    session_id: str
    trace: dict[str, Any] = field(default_factory=dict)
    footer: str = ""
    learning: Future[Learned] | None = None

    @property
    def shown(self) -> str:
        """What the person sees: the reply, then the footer, and what was noted if known."""
        noted = ""
        if self.learning is not None and self.learning.done():
            noted = self.learning.result().footer
        return join_footer(self.reply, self.footer, noted)

    @property
    def revision(self) -> str:
        """The line shown under a reply whose streamed draft was revised ("" when it was not)."""
        from agents.refine import revision_marker

        return revision_marker(self.trace)


Event = Token | Progress | Question | Done


def join_footer(reply: str, *footers: str) -> str:
    """The reply with its footer lines under it, as front ends show them."""
    return "\n\n".join(part for part in (reply, *footers) if part)


def check_message(text: str, limit: int) -> str:
    """The message as it will be sent, or an :class:`InputError` saying what to change."""
    if not isinstance(text, str):
        raise InputError("The message is not text.", fix="Send plain UTF-8 text.")
    problem = unstorable(text)
    if problem:
        raise InputError(f"The message contains {problem}.",
                         fix="Re-save the input as UTF-8 and send it again.")
    cleaned = text.strip()
    if not cleaned:
        raise InputError("The message is empty.", fix="Type something to send.")
    if len(cleaned) > limit:
        raise InputError(
            f"The message is {len(cleaned):,} characters; Tacit accepts up to {limit:,}.",
            fix="Send a shorter part, or raise TACIT_MAX_MESSAGE_CHARS.",
        )
    return cleaned


class Tacit:
    """One user-facing assistant over shared stores; parts are opened on first use.

    Tests inject ``model`` and ``memory`` (fake backend, temp stores); production builds
    them from settings.
    """

    def __init__(self, settings: Settings, *, model: ChatModel | None = None,
                 memory: Memory | None = None, checkpointer: Any = None,
                 graph: Callable[[Any], Any] | None = None,
                 learner: Callable[..., Learned] = learn, busy_wait_s: float = 300.0) -> None:
        self.settings = settings
        self._model, self._memory, self._checkpointer = model, memory, checkpointer
        # ``graph`` compiles the turn graph over a checkpointer (``assistant.graph.build_graph``
        # unless given); the checkpointer is the settings' own unless given.
        self._build_graph = graph
        self._graph: Any = None
        self._threads: ThreadIndex | None = None
        self._lock = threading.RLock()
        self._roles: dict[str, ChatModel] = {}
        self._learn = learner
        # How long a turn waits for the same user's previous turn (another window, a script)
        # before it is refused as busy.
        self.busy_wait_s = busy_wait_s
        self._learning: ThreadPoolExecutor | None = None
        self._pending: list[Future[Learned]] = []
        self._mark: RunningMark | None = None
        self.repaired: Repaired | None = None  # what opening repaired after a crash, if any

    # Parts ------------------------------------------------------------------------------
    @property
    def memory(self) -> Memory:
        with self._lock:
            if self._memory is None:
                from memory.embedder import Embedder
                from memory.vectors import VectorIndex

                vectors = VectorIndex(Embedder(cache_dir=self.settings.cache_dir),
                                      path=self.settings.vector_path,
                                      url=self.settings.chroma_url)
                self.settings.data_dir.mkdir(parents=True, exist_ok=True)
                from memory.tuning import RecallTuning

                tuning = RecallTuning.defaults().with_overrides(self.settings.recall_tuning)
                self._memory = Memory.open(self.settings.db_url, vectors, tuning)
            if self._mark is None:
                self._open_mark(self._memory)
            return self._memory

    def _open_mark(self, memory: Memory) -> None:
        """Mark the stores open by this process; repair them first if a process that had
        them open stopped without closing (:mod:`assistant.recovery`)."""
        from assistant.recovery import repair

        self._mark = RunningMark(self.settings.data_dir)
        left = self._mark.claim()
        if left:
            self.repaired = repair(memory, self.graph.checkpointer, self.settings.data_dir)
            if not self.repaired.skipped:  # a person's turn was running: repair them later
                for mark in left:
                    mark.unlink(missing_ok=True)

    @property
    def model(self) -> ChatModel:
        with self._lock:
            if self._model is None:
                from assistant.models import create_model

                self._model = create_model(self.settings.chat)
            return self._model

    @property
    def graph(self) -> Any:
        with self._lock:
            if self._graph is None:
                from assistant.checkpoints import open_checkpointer
                from assistant.graph import build_graph

                if self._checkpointer is None:
                    self._checkpointer = open_checkpointer(self.settings)
                self._graph = (self._build_graph or build_graph)(self._checkpointer)
            return self._graph

    @property
    def threads(self) -> ThreadIndex:
        """The index of each user's conversation checkpoints."""
        with self._lock:
            if self._threads is None:
                from assistant.checkpoints import ThreadIndex

                self._threads = ThreadIndex(self.memory, self.graph.checkpointer)
            return self._threads

    def warm_up(self) -> None:
        """Open the model and the stores side by side (each mostly waits on native code)."""
        errors: list[BaseException] = []

        def opening(part: Any) -> threading.Thread:
            def run() -> None:
                try:
                    part()
                except BaseException as exc:
                    errors.append(exc)

            return threading.Thread(target=run, daemon=True)

        workers = [opening(lambda: self.model), opening(self.memory.vectors.warm),
                   opening(_warm_crisis_reader)]
        for worker in workers:
            worker.start()
        _ = self.graph
        for worker in workers:
            worker.join()
        if errors:
            raise errors[0]

    # Sessions ---------------------------------------------------------------------------
    def new_session(self, user: str, title: str = "") -> Session:
        """A fresh session; the ones left behind are summarized into the memory tree."""
        with self._turn_of(user):
            session = self.memory.start_session(user, title)
            summarizer = self._role_model("summarizer")
            if summarizer is not None:
                from agents.summarize import make_summarizer

                self.memory.tree.close_open(user, keep=session.id,
                                            summarizer=make_summarizer(summarizer))
            else:
                self.memory.tree.close_open(user, keep=session.id)
        return session

    def resume_session(self, user: str) -> Session:
        """The user's most recent session, or a new one."""
        return self.memory.last_session(user) or self.memory.start_session(user)

    def session(self, user: str, session_id: str) -> Session | None:
        """One of the user's sessions, or None (another user's is None too)."""
        return self.memory.get_session(user, session_id)

    def sessions(self, user: str) -> list[tuple[Session, int]]:
        return self.memory.sessions(user)

    def history(self, user: str, session_id: str) -> list[tuple[str, str]]:
        """(user text, reply as shown, footer included) pairs of a session, oldest first."""
        return [(t.user_text, join_footer(t.reply_text, t.footer))
                for t in self.memory.turns(user, session_id)]

    def turn_ids(self, user: str, session_id: str) -> list[str]:
        """The ids of a session's turns, oldest first, in the order of :meth:`history`."""
        return [t.id for t in self.memory.turns(user, session_id)]

    def revisions(self, user: str, session_id: str) -> list[str]:
        """Each turn's revision line, in the order of :meth:`history` ("" if not revised)."""
        from agents.refine import revision_marker

        return [revision_marker(t.trace or {}) for t in self.memory.turns(user, session_id)]

    def why(self, user: str, turn_id: str) -> dict[str, Any]:
        """Why a stored turn was answered as it was: its trace, and the memories it recalled.

        ``memories`` lists what recall brought, with its text (masked when sensitive), whether
        it reached the prompt, and how it was found; a memory forgotten since is left out.
        (:meth:`explain` returns the same as data, forgotten memories included.)
        """
        return self.explain(user, turn_id).panel()

    def explain(self, user: str, turn_id: str) -> Why:
        """What was recalled for a stored turn, through which branch, with the turn's trace."""
        from assistant.memory_views import why_of

        return why_of(self.memory, user, turn_id)

    def tree(self, user: str) -> MemoryTree:
        """The person's memory tree: the root, topics and conversations, with summaries."""
        from assistant.memory_views import tree_of

        return tree_of(self.memory, user)

    def memory_tree(self, user: str, full: bool = False) -> list[str]:
        """The memory tree from the root down, one line per node (as ``tacit memory tree``)."""
        from assistant.memory_views import tree_lines

        return tree_lines(self.tree(user), full)

    def memories(self, user: str, kind: str | None = None) -> list[Any]:
        """What Tacit remembers about ``user`` (facts, preferences, sensitive details…), newest
        first, of one ``kind`` if given; the front end masks sensitive text until the person
        reveals it."""
        return self.memory.items(user, kind)

    def profile(self, user: str) -> list[Any]:
        """The person's profile entries, with confidence and the turns they came from."""
        from memory.profile import META

        return [a for a in self.memory.profile.attributes(user) if a.domain != META]

    def profile_export(self, user: str) -> list[dict[str, Any]]:
        """The profile as JSON records (what ``GET /v1/profile`` returns)."""
        exported: list[dict[str, Any]] = self.memory.profile.export(user)
        return exported

    # Instructions -----------------------------------------------------------------------
    def instructions(self, user: str, include_disabled: bool = True) -> list[Instruction]:
        """The person's standing instructions, oldest first, disabled ones too unless not."""
        from memory.instructions import InstructionStore

        rows = InstructionStore(self.memory).list(user, include_disabled=include_disabled)
        return [_instruction(r) for r in rows]

    def add_instruction(self, user: str, text: str) -> InstructionAdded:
        """Add a standing instruction; one it contradicts is replaced (and said so)."""
        from agents.noting import add_instruction

        text = " ".join(text.split())
        if not text:
            raise CommandError("The instruction is empty.", fix="Give the instruction's words.")
        row, replaced = add_instruction(self.memory, user, text)
        return InstructionAdded(_instruction(row), [_instruction(r) for r in replaced])

    def edit_instruction(self, user: str, ref: str, text: str) -> Instruction:
        """Rewrite an instruction (by id or its first characters); its history keeps the old."""
        from agents.noting import edit_instruction

        row = self._own_instruction(user, ref)
        if not text.strip():
            raise CommandError("The new text is empty.", fix="Give the instruction's new words.")
        return _instruction(edit_instruction(self.memory, user, row.id, text))

    def enable_instruction(self, user: str, ref: str, enabled: bool = True) -> Instruction:
        """Switch an instruction on or off."""
        from memory.instructions import InstructionStore

        row = self._own_instruction(user, ref)
        InstructionStore(self.memory).set_enabled(user, row.id, enabled)
        return _instruction(self._own_instruction(user, row.id))

    def delete_instruction(self, user: str, ref: str) -> Instruction:
        """Delete an instruction everywhere; returns what it was."""
        from memory.instructions import InstructionStore

        row = self._own_instruction(user, ref)
        InstructionStore(self.memory).delete(user, row.id)
        return _instruction(row)

    def _own_instruction(self, user: str, ref: str) -> Any:
        from memory.instructions import InstructionStore

        row = InstructionStore(self.memory).get(user, ref)
        if row is None:
            raise NotFound(f"No instruction {ref!r} belongs to {user}.",
                           fix="List them with `tacit instructions list` (/instruct in chat).")
        return row

    # Turns ------------------------------------------------------------------------------
    def send(self, user: str, session_id: str, text: str, *,
             interactive: bool = True) -> Iterator[Event]:
        """Run one turn, yielding tokens and progress, then :class:`Done`.

        If the turn pauses to ask something, a :class:`Question` ends the stream instead, and
        the next message sent to this session is taken as the answer. With
        ``interactive=False`` (one-shot use) the turn never pauses: it answers and states
        what it assumed.
        """
        from langgraph.types import Command

        from agents.instructions import asks_to_stop
        from agents.respond import start_prefill

        message = check_message(text, self.settings.max_message_chars)
        if self.memory.get_session(user, session_id) is None:
            raise InputError(f"There is no session {session_id} for {user}.",
                             fix="Start a new session (Ctrl+N, or omit --session).")
        forgotten = asks_to_forget(message)
        named = [] if forgotten else facts_named(self.memory, user, message)
        if (forgotten or named) and self.pending_question(user, session_id) is None:
            # Done here, not in the turn: forgetting purges checkpoints, this one's too. The
            # request is not kept as a turn.
            yield Done(self.forget_asked(user, forgotten, message, named), "", session_id,
                       {"command": "forget"})
            return
        said = asks_to_forget_said(message)
        if said and self.pending_question(user, session_id) is None:
            # Words said, no fact: where they are and how to forget them; not kept as a turn
            # (it would hold the very words to forget).
            yield Done(where_said(self.memory, user, said).text, "", session_id,
                       {"command": "forget"})
            return
        stopped = self.stop_asked(user, message) if asks_to_stop(message) and \
            self.pending_question(user, session_id) is None else ""
        if stopped:  # before the turn, so the rule no longer shapes this very reply
            yield Done(stopped, "", session_id, {"command": "stop rule"})
            return
        lock = UserLock(self.settings.data_dir, user)
        if not lock.try_acquire():
            yield Progress("waiting", 0.0)  # this user's previous turn is still running
            lock.acquire(self.busy_wait_s)
        handed = False  # once learning starts, the lock is its to release
        try:
            self._finish_cut_off(user, session_id)
            if message.split()[0].lower() == "/instruct":  # instructions, every front end
                from assistant.instruct import run_command

                yield Done(run_command(self, user, message), "", session_id,
                           {"command": "/instruct"})
                return
            start_prefill(self.model, self.memory, user, datetime.now())  # while recall runs
            config = {"configurable": {"thread_id": thread_id(user, session_id)}}
            graph_input: Any
            if self.pending_question(user, session_id) is not None:
                graph_input = Command(resume=message)
            else:
                graph_input = {"user_id": user, "session_id": session_id, "message": message,
                               "trace": {"started": datetime.now().isoformat(timespec="seconds"),
                                         "model": self.model.name, "run": uuid.uuid4().hex}}
            for event in self._run(graph_input, config, user, session_id,
                                   interactive=interactive, lock=lock):
                handed = handed or (isinstance(event, Done) and event.learning is not None)
                yield event
        finally:
            if not handed:
                lock.release()

    def pending_question(self, user: str, session_id: str) -> Question | None:
        """The question this session is waiting on, if any."""
        config = {"configurable": {"thread_id": thread_id(user, session_id)}}
        snapshot = self.graph.get_state(config)
        for interrupt in getattr(snapshot, "interrupts", ()) or ():
            return _question(interrupt.value, session_id)
        return None

    def _finish_cut_off(self, user: str, session_id: str) -> None:
        """Finish the session's last turn if a process stopped in the middle of it.

        Its message (or the answer to a question) was taken and checkpointed; the stopped
        run goes on from its last checkpoint and stores the turn whole (a turn it had stored
        already is not stored twice). What it would have learned afterwards is not learned.
        """
        config = {"configurable": {"thread_id": thread_id(user, session_id)}}
        if not self.cut_off(config):
            return
        for _ in self.graph.stream(None, config, context=self._context(interactive=False),
                                   stream_mode="updates"):
            pass
        self.threads.note(user, session_id, self.graph.get_state(config).values)

    def cut_off(self, config: dict[str, Any]) -> bool:
        """Whether the thread's last run stopped before its end without asking anything.

        The last checkpoint names the nodes still to run; the state (which folds in the
        writes saved since, such as the answer to a question) names none once a node's
        results were saved and the next checkpoint was not.
        """
        if getattr(self.graph.get_state(config), "interrupts", ()):
            return False  # waiting on a question: the next message answers it
        latest = next(iter(self.graph.get_state_history(config, limit=1)), None)
        return latest is not None and bool(latest.next)

    def _context(self, interactive: bool) -> Any:
        from agents.state import TurnContext
        from agents.tuning import TurnTuning

        return TurnContext.of(
            self.model, self.memory, self.settings.turn,
            max_reply_tokens=self.settings.chat.max_tokens, interactive=interactive,
            safety_country=self.settings.safety.country.upper(),
            safety_composed=self.settings.safety.composes_for(self.settings.chat.model),
            extractor=self._role_model("extractor"), summarizer=self._role_model("summarizer"),
            refiner=self._role_model("refiner"),
            tuning=TurnTuning.defaults().with_overrides(self.settings.turn_tuning))

    def _run(self, graph_input: Any, config: dict[str, Any], user: str, session_id: str, *,
             lock: UserLock, interactive: bool = True) -> Iterator[Event]:
        context = self._context(interactive)
        final: dict[str, Any] = {}
        try:
            yield from self._stream_run(graph_input, config, user, session_id, context, final)
        except TacitError:
            # The person was told and keeps their message to send again: the failed run is
            # closed, so the next message does not finish it as if a process had stopped.
            self._close_run(config)
            raise
        if final.get("__question__"):
            return
        snapshot = self.graph.get_state(config).values
        self.threads.note(user, session_id, snapshot)  # before the reply: forget must find it
        done = Done(snapshot.get("reply", final.get("reply", "")), snapshot.get("turn_id", ""),
                    session_id, TurnTrace.of(snapshot.get("trace")).as_json(),
                    snapshot.get("footer", ""))
        if done.turn_id:
            done.learning = self._learn_later(context, cast("TurnState", dict(snapshot)), lock)
        yield done

    def _stream_run(self, graph_input: Any, config: dict[str, Any], user: str,
                    session_id: str, context: Any, final: dict[str, Any]) -> Iterator[Event]:
        for mode, chunk in self.graph.stream(graph_input, config, context=context,
                                             stream_mode=["custom", "updates"]):
            if mode == "custom":
                yield Token(chunk["token"])
                continue
            if "__interrupt__" in chunk:
                self.threads.note(user, session_id, self.graph.get_state(config).values)
                yield _question(chunk["__interrupt__"][0].value, session_id)
                final["__question__"] = True
                return
            for node, update in chunk.items():
                final.update(update or {})
                ms = TurnTrace.of((update or {}).get("trace")).timings_ms.get(node, 0.0)
                yield Progress(node, ms)

    def _close_run(self, config: dict[str, Any]) -> None:
        """Mark the thread's stopped run as ended (its next nodes: none)."""
        from assistant.graph import ROUTE

        if self.cut_off(config):
            self.graph.update_state(config, None, as_node=ROUTE[-1])

    # Learning ---------------------------------------------------------------------------
    def _learn_later(self, context: Any, state: TurnState,
                     lock: UserLock) -> Future[Learned]:
        """Learn from the stored turn on the learning thread; it releases ``lock`` when done."""
        user, turn_id = state["user_id"], state["turn_id"]

        def job() -> Learned:
            try:
                return self._learn(context, state, turn_id)
            except Exception as exc:  # the turn is stored; only this learning is lost
                return record_failure(context, user, turn_id, exc)
            finally:
                lock.release()

        with self._lock:
            if self._learning is None:
                self._learning = ThreadPoolExecutor(1, thread_name_prefix="tacit-learning")
            self._pending = [f for f in self._pending if not f.done()]
            future = self._learning.submit(job)
            self._pending.append(future)
        return future

    def flush(self, timeout: float | None = None) -> None:
        """Wait until Tacit has learned from every turn sent through this service."""
        with self._lock:
            pending = list(self._pending)
        wait(pending, timeout=timeout)

    @contextmanager
    def _turn_of(self, user: str) -> Iterator[None]:
        """Hold ``user``'s turn lock (for work that changes the tree or forgets)."""
        lock = UserLock(self.settings.data_dir, user)
        lock.acquire(self.busy_wait_s)
        try:
            yield
        finally:
            lock.release()

    def ask(self, user: str, text: str, session_id: str | None = None) -> Done:
        """One whole turn without streaming (the session defaults to the latest).

        Returns once Tacit has also learned from the turn: what it noted is in ``Done.shown``
        and in memory, and the trace holds the learning's sections.
        """
        session_id = session_id or self.resume_session(user).id
        done: Done | None = None
        for event in self.send(user, session_id, text, interactive=False):
            if isinstance(event, Done):
                done = event
        if done is None:  # pragma: no cover - the graph always ends in memorize
            raise TacitError("The turn ended without a reply.")
        if done.learning is not None:
            done.trace = {**done.trace, **done.learning.result().trace}
        return done

    async def stream(self, user: str, session_id: str, text: str) -> AsyncIterator[Event]:
        """:meth:`send` as an async stream; the turn runs on a worker thread."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Event | BaseException | None] = asyncio.Queue()

        def pump() -> None:
            try:
                for event in self.send(user, session_id, text):
                    loop.call_soon_threadsafe(queue.put_nowait, event)
            except BaseException as exc:
                loop.call_soon_threadsafe(queue.put_nowait, exc)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, None)

        threading.Thread(target=pump, daemon=True).start()
        while (item := await queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item

    # Memory -----------------------------------------------------------------------------
    def search(self, user: str, query: str, k: int = 8) -> list[Hit]:
        return self.memory.search(user, query, k)

    def forget(self, user: str, target_id: str) -> int:
        """Forget a session, turn or item, and the checkpoint thread that may hold its text."""
        self.flush()  # nothing learned from the turn may arrive after it is forgotten
        with self._turn_of(user):
            session_id = self._session_of(user, target_id)

            dropped: set[str] = {thread_id(user, session_id)} if session_id else set()
            self.threads.sessions(user)  # the index covers older checkpoints (it writes)

            def drop_copies(doomed: set[str]) -> None:
                # Before the deletion commits: a crash then leaves the forget undone, never
                # done with a checkpoint still quoting what it removed. (The index rows go
                # after the commit: they live in the database being written.)
                dropped.update(self.threads.holding(user,
                                                    doomed | self._summaries_of(user, doomed)))
                for thread in dropped:
                    self.graph.checkpointer.delete_thread(thread)

            forgotten = self.memory.forget_record(user, target_id, before_commit=drop_copies)
            removed = forgotten.removed
            if removed:
                self.threads.purge(dropped | self.threads.holding(user, set(forgotten.ids)))
                self._erase_leftovers()
                from agents.safety_detect import forget_readings

                forget_readings()  # the safety readings kept by text, the message's too
        return removed

    def _summaries_of(self, user: str, doomed: set[str]) -> set[str]:
        """The memory tree nodes a forget of ``doomed`` will rewrite (as the tree chooses
        them): the conversations' nodes that hold a doomed turn, with every node above them,
        and the nodes quoting facts when a memory item goes."""
        levels = self.memory.tree.levels(user)
        sessions = levels.get(1, [])
        hit = {n.id for n in sessions
               if doomed & {*(n.source_turn_ids or []), (n.meta or {}).get("session_id")}}
        if {i.id for i in self.memory.items(user, include_past=True)} & doomed:
            hit |= {n.id for n in sessions if n.facts}
        if hit:
            hit |= {n.id for level, nodes in levels.items() if level > 1 for n in nodes}
        return hit

    def _erase_leftovers(self) -> None:
        """Empty the stores' logs and freed pages, so forgotten text is gone from the disk."""
        from memory.erase import erase_leftovers

        erase_leftovers(self.memory, getattr(self.graph.checkpointer, "conn", None))

    def _role_model(self, role: str) -> ChatModel | None:
        """The model of a role configured apart from chat (extractor, summarizer), if any."""
        if getattr(self.settings, role, None) is None:
            return None
        with self._lock:
            if role not in self._roles:
                from assistant.models import create_model

                self._roles[role] = create_model(self.settings.role(role))
            return self._roles[role]

    def _session_of(self, user: str, target_id: str) -> str | None:
        if self.memory.get_session(user, target_id) is not None:
            return target_id
        found = self.memory.get(user, target_id)
        return getattr(found, "session_id", None)

    def export(self, user: str, include_sensitive: bool = False) -> dict[str, Any]:
        """Everything stored about ``user``, as JSON (``tacit memory export``), with the
        conversations whose checkpoints hold state (found through the thread index)."""
        self.flush()
        exported: dict[str, Any] = self.memory.export(user, include_sensitive)
        # What conversations hold between turns: a question still waiting for its answer.
        exported["conversation_state"] = [
            {"session_id": session_id,
             "waiting_on": question.text if question is not None else None}
            for session_id in sorted(set(self.threads.sessions(user).values()))
            for question in [self.pending_question(user, session_id)]]
        return exported

    def import_history(self, user: str, path: Path,
                       on_start: Callable[[int], None] | None = None,
                       on_session: Callable[[], None] | None = None) -> Imported:
        """Import a file of past conversations, or restore an export (``tacit memory import``).

        ``on_start`` hears how many conversations will be stored, ``on_session`` each one."""
        from assistant.history_import import import_file

        self.flush()
        with self._turn_of(user):
            return import_file(self.memory, user, path, on_start=on_start,
                               on_session=on_session)

    def close(self) -> None:
        """Finish learning from the turns sent, then close the stores."""
        if self._learning is not None:
            self._learning.shutdown(wait=True)
            self._learning = None
        conn = getattr(self._checkpointer, "conn", None)
        if conn is not None:
            conn.close()
        if self._memory is not None:
            self._memory.engine.dispose()
        if self._mark is not None:
            self._mark.release()
            self._mark = None

    # What the chat app's screens read and change ------------------------------------------
    def rename_session(self, user: str, session_id: str, title: str) -> Session:
        """Give a conversation a title of the person's choosing."""
        title = " ".join(title.split())
        if not title:
            raise InputError("The title is empty.", fix="Type a title, or press Escape.")
        with self.memory.stores.write() as db:
            session = db.get(Session, session_id)
            if session is None or session.user_id != user:
                raise InputError(f"There is no session {session_id} for {user}.",
                                 fix="Pick a conversation from the list.")
            session.title = title
            db.add(session)
        return session

    def edit_memory(self, user: str, item_id: str, text: str) -> Any:
        """Correct what a remembered item says; the old words stay in its history."""
        text = " ".join(text.split())
        if not text:
            raise InputError("The new text is empty.", fix="Type what Tacit should remember.")
        with self._turn_of(user):
            try:
                return self.memory.update(user, item_id, text)
            except KeyError:
                raise InputError(f"There is no memory {item_id} for {user}.",
                                 fix="Pick an entry from the list.") from None

    def tree_levels(self, user: str) -> dict[int, list[Any]]:
        """The memory tree's nodes by level (3 the root, 2 topics, 1 conversations)."""
        return self.memory.tree.levels(user)

    def session_turns(self, user: str, session_id: str) -> list[Any]:
        """A conversation's stored turns, oldest first (the tree's level 0)."""
        return self.memory.turns(user, session_id)

    def turn_texts(self, user: str, turn_ids: list[str]) -> dict[str, str]:
        """What the person said in each of these turns (where a memory came from)."""
        out = {}
        for turn_id in turn_ids:
            found = self.memory.get(user, turn_id)
            if found is not None and hasattr(found, "user_text"):
                out[turn_id] = found.user_text
        return out

    def stop_asked(self, user: str, message: str) -> str:
        """Switch off the standing rules ``message`` asks to stop ("Stop answering in
        French"), and say which and how to turn them back on; "" when it names none."""
        from agents.instructions import stopped_by
        from memory.instructions import InstructionStore

        store = InstructionStore(self.memory)
        rows = stopped_by(message, store.list(user))
        for row in rows:
            store.set_enabled(user, row.id, False)
        return "\n".join(
            f"Done: I've stopped “{row.text.strip()}” (turn it back on with F4 in the chat "
            f"app, or `tacit instructions enable {row.id[:8]}`)." for row in rows)

    def forget_asked(self, user: str, attributes: tuple[str, ...], message: str = "",
                     named: Sequence[MemoryItem] = ()) -> str:
        """Forget the person's facts of ``attributes`` ("Please forget where I live"), or the
        facts ``named`` by their value ("Forget that I'm trying to eat less sugar"), and say
        what went and where the words they said it in still are. With none kept, the
        messages that say what ``message`` names are shown ("Forget what I said about my
        friend": no fact of a friend, but the messages about her are there)."""
        facts = list(named) or facts_of(self.memory, user, attributes)
        stated = preferences_of(self.memory, user, attributes)
        if not facts and not stated:
            words = asks_to_forget_said(message)
            if words:
                return where_said(self.memory, user, words).text
            return "I have nothing noted about that, so there is nothing to forget."
        turns = sorted({t for f in (*facts, *stated) for t in f.provenance or []})
        for item in (*facts, *stated):
            self.forget(user, item.id)
        for name in {a.partition(":")[2] for a in attributes if a.startswith("preference:")}:
            self.forget_preference(user, name)  # what the profile drew from it
        lines = [f"I've forgotten: {f.text}." for f in facts]
        lines += [f"I've forgotten: “{p.text.strip()}”" for p in stated]
        if turns:
            said = ("The message you told me this in is still in our conversation; to forget "
                    "it" if len(turns) == 1 else "The messages you told me this in are still in "
                    "our conversations; to forget them")
            lines.append(f"{said} too: F3 in the chat app, or `tacit memory forget "
                         + "`, `tacit memory forget ".join(turns) + "`.")
        return "\n".join(lines)

    def forget_preview(self, user: str, target_id: str) -> ForgetPreview:
        """What forgetting ``target_id`` would remove and rewrite, without changing anything."""
        from memory.instructions import InstructionStore

        if self.memory.get_session(user, target_id) is not None:
            turns = [t.id for t in self.memory.turns(user, target_id)]
            sessions = {target_id}
        else:
            found = self.memory.get(user, target_id)
            turns = [target_id] if hasattr(found, "user_text") else []
            sessions = {getattr(found, "session_id", "")} if turns else set()
        gone, items, kept_items = set(turns), [], []
        for item in self.memory.items(user, include_past=True):
            if item.id == target_id:
                continue  # the record itself: the front end names it
            if item.provenance and set(item.provenance) <= gone:
                items.append(item)
            elif gone & set(item.provenance or []):
                kept_items.append(item)
        rules = [r for r in InstructionStore(self.memory).list(user, include_disabled=True)
                 if r.id != target_id and (r.source_turn_id or "") in gone]
        profile = [a for a in self.profile(user) if gone & set(a.source)]
        # As the tree forgets: conversations that held the turns (any with facts when an item
        # goes), then every topic and the root are written again from what is left.
        levels = self.tree_levels(user)
        item_gone = bool(items) or (not turns and any(i.id == target_id
                                                      for i in self.memory.items(user)))
        rewritten = [n for n in levels.get(1, [])
                     if gone & set(n.source_turn_ids) or (n.meta or {}).get("session_id")
                     in sessions or (item_gone and n.facts)]
        if rewritten or item_gone:
            rewritten += [*levels.get(2, []), *levels.get(3, [])]
        return ForgetPreview(
            turns=len(turns), items=items, instructions=rules,
            profile_removed=[a for a in profile if set(a.source) <= gone],
            profile_weakened=[a for a in profile if not set(a.source) <= gone],
            items_weakened=kept_items, summaries=rewritten)

    def instruction_conflicts(self, user: str) -> dict[str, list[str]]:
        """For each instruction in force, the others in force that contradict it (by id)."""
        from agents.instructions import conflicts
        from memory.instructions import InstructionStore

        live = InstructionStore(self.memory).list(user)
        out: dict[str, list[str]] = {}
        for row in live:
            clash = [other.id for other in conflicts(row.text, [o for o in live if o is not row])]
            if clash:
                out[row.id] = clash
        return out

    def forget_preference(self, user: str, name: str) -> bool:
        """Forget what Tacit believes about one preference (False if it knew nothing)."""
        with self._turn_of(user):
            return self.memory.profile.forget(user, name)

    def use_model(self, role: str, model: str | None) -> str | None:
        """Answer ``role`` with ``model`` from now on (None: a role shares the chat model).

        Returns the role's model before, to put back if the new one will not load; the new one
        loads on first use.
        """
        from assistant.settings import ModelSettings

        current = getattr(self.settings, role, None)
        before = current.model if isinstance(current, ModelSettings) else None
        with self._lock:
            if role == "chat":
                if not model:
                    raise InputError("The chat model needs a name.",
                                     fix="Pick one, or type a .gguf path or a LiteLLM model.")
                self.settings.chat = self.settings.chat.model_copy(update={"model": model})
                self._model = None
            elif role in ROLES:
                setattr(self.settings, role,
                        (current or ModelSettings()).model_copy(update={"model": model})
                        if model else None)
                self._roles.pop(role, None)
            else:
                raise InputError(f"There is no model role {role!r}.",
                                 fix=f"Roles: chat, {', '.join(ROLES)}.")
        return before

    def change_setting(self, name: str, value: str) -> Any:
        """Set one number (a budget or limit) for this run, checked as the settings file is."""
        from pydantic import ValidationError

        target, field_name = ((self.settings.chat, "max_tokens") if name == "chat.max_tokens"
                              else (self.settings, name))
        try:
            type(target).__pydantic_validator__.validate_assignment(target, field_name, value)
        except ValidationError as exc:
            problem = exc.errors()[0]["msg"]
            raise InputError(f"{name} cannot be {value!r}: {problem}.",
                             fix="Type a whole number in range.") from None
        return getattr(target, field_name)


def _question(value: Any, session_id: str) -> Question:
    """The question a paused turn asks: a :class:`QuestionCard`, or a plain dict or text (an
    older checkpoint's, or a node a test scripts)."""
    if isinstance(value, QuestionCard):
        return Question(value.text, session_id, value.details())
    if isinstance(value, dict):
        return Question(str(value.get("text", "")), session_id, dict(value))
    return Question(str(value), session_id)


def _instruction(row: Any) -> Instruction:
    from agents.instruction_text import parse

    return Instruction(
        id=row.id, enabled=bool(row.enabled), text=row.text or row.action,
        applies=parse(row.text).describe_condition() if row.text
        else (row.condition or "always"),
        replaced_by=row.replaced_by or None, created_at=getattr(row, "created_at", None),
        condition=row.condition or "")



ROLES = ("extractor", "summarizer", "refiner", "simulated_user")


@dataclass
class ForgetPreview:
    """What forgetting one record would take with it, read before anything is deleted."""

    turns: int = 0
    items: list[Any] = field(default_factory=list)
    instructions: list[Any] = field(default_factory=list)
    profile_removed: list[Any] = field(default_factory=list)
    profile_weakened: list[Any] = field(default_factory=list)
    items_weakened: list[Any] = field(default_factory=list)
    summaries: list[Any] = field(default_factory=list)


def _warm_crisis_reader() -> None:
    """Load the crisis reader (agents/safety_encoder.py) before the first message needs it."""
    from agents import safety_detect

    reader = safety_detect.encoder()
    if reader is not None:
        reader.warm()
