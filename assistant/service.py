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
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agents.learn import Learned, learn, record_failure
from agents.llm import ChatModel
from assistant.errors import InputError, TacitError
from assistant.settings import Settings
from assistant.user_lock import UserLock
from memory.facade import Hit, Memory
from memory.schema import Session


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
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text) or "\x00" in text:
        raise InputError("The message contains bytes that are not valid UTF-8 text.",
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
                 learner: Callable[..., Learned] = learn, busy_wait_s: float = 300.0) -> None:
        self.settings = settings
        self._model, self._memory, self._checkpointer = model, memory, checkpointer
        self._graph: Any = None
        self._lock = threading.RLock()
        self._roles: dict[str, ChatModel] = {}
        self._learn = learner
        # How long a turn waits for the same user's previous turn (another window, a script)
        # before it is refused as busy.
        self.busy_wait_s = busy_wait_s
        self._learning: ThreadPoolExecutor | None = None
        self._pending: list[Future[Learned]] = []

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
            return self._memory

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
                from assistant.graph import build_graph

                if self._checkpointer is None:
                    from langgraph.checkpoint.sqlite import SqliteSaver

                    path = self.settings.checkpoint_path
                    path.parent.mkdir(parents=True, exist_ok=True)
                    conn = sqlite3.connect(str(path), check_same_thread=False)
                    self._checkpointer = SqliteSaver(conn)
                self._graph = build_graph(self._checkpointer)
            return self._graph

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

        workers = [opening(lambda: self.model), opening(self.memory.vectors.warm)]
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
        """
        found = self.memory.get(user, turn_id)
        if found is None or not hasattr(found, "trace"):
            raise InputError(f"There is no turn {turn_id} for {user}.",
                             fix="Pick a reply from this conversation.")
        trace = dict(found.trace or {})
        in_prompt = set((trace.get("respond") or {}).get("memory_in_prompt") or [])
        memories = []
        for hit in (trace.get("recall") or {}).get("retrieved") or []:
            item = self.memory.get(user, str(hit.get("id", "")))
            if item is None:
                continue
            text = item.user_text if hasattr(item, "user_text") else item.text
            if getattr(item, "kind", "") == "sensitive":
                text = "(sensitive; kept private)"
            memories.append({**hit, "text": text, "in_prompt": hit.get("id") in in_prompt})
        return {"turn_id": turn_id, "trace": trace, "memories": memories}

    def memory_tree(self, user: str) -> list[str]:
        """The memory tree from the root down, one line per node (as ``tacit memory tree``)."""
        from assistant.memory_views import tree_lines

        return tree_lines(self.memory, user)

    def memories(self, user: str) -> list[Any]:
        """What Tacit remembers about ``user`` (facts, preferences, sensitive details…), newest
        first; the front end masks sensitive text until the person reveals it."""
        return self.memory.items(user)

    def profile(self, user: str) -> list[Any]:
        """The person's profile entries, with confidence and the turns they came from."""
        from memory.profile import META

        return [a for a in self.memory.profile.attributes(user) if a.domain != META]

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

        message = check_message(text, self.settings.max_message_chars)
        if self.memory.get_session(user, session_id) is None:
            raise InputError(f"There is no session {session_id} for {user}.",
                             fix="Start a new session (Ctrl+N, or omit --session).")
        lock = UserLock(self.settings.data_dir, user)
        if not lock.try_acquire():
            yield Progress("waiting", 0.0)  # this user's previous turn is still running
            lock.acquire(self.busy_wait_s)
        handed = False  # once learning starts, the lock is its to release
        try:
            if message.split()[0].lower() == "/instruct":  # instructions, every front end
                from assistant.instruct import run_command

                yield Done(run_command(self.memory, user, message), "", session_id,
                           {"command": "/instruct"})
                return
            config = {"configurable": {"thread_id": thread_id(user, session_id)}}
            graph_input: Any
            if self.pending_question(user, session_id) is not None:
                graph_input = Command(resume=message)
            else:
                graph_input = {"user_id": user, "session_id": session_id, "message": message,
                               "trace": {"started": datetime.now().isoformat(timespec="seconds"),
                                         "model": self.model.name}}
            for event in self._run(graph_input, config, session_id, interactive=interactive,
                                   lock=lock):
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

    def _run(self, graph_input: Any, config: dict[str, Any], session_id: str, *,
             lock: UserLock, interactive: bool = True) -> Iterator[Event]:
        from agents.state import TurnContext

        context = TurnContext(
            model=self.model, memory=self.memory,
            context_budget=min(self.settings.context_budget, self.model.context_window),
            retrieval_budget=self.settings.retrieval_budget,
            recent_turns=self.settings.recent_turns,
            max_reply_tokens=self.settings.chat.max_tokens,
            interactive=interactive, ask_policy=self.settings.ask_policy,
            questions_per_session=self.settings.questions_per_session,
            ask_threshold=self.settings.ask_threshold,
            safety_country=self.settings.safety.country.upper(),
            extractor=self._role_model("extractor"),
            summarizer=self._role_model("summarizer"),
            refiner=self._role_model("refiner"), refine_budget=self.settings.refine_model_calls,
            learning_calls_per_turn=self.settings.learning_calls_per_turn,
        )
        final: dict[str, Any] = {}
        for mode, chunk in self.graph.stream(graph_input, config, context=context,
                                             stream_mode=["custom", "updates"]):
            if mode == "custom":
                yield Token(chunk["token"])
                continue
            if "__interrupt__" in chunk:
                yield _question(chunk["__interrupt__"][0].value, session_id)
                return
            for node, update in chunk.items():
                final.update(update or {})
                ms = ((update or {}).get("trace") or {}).get("timings_ms", {}).get(node, 0.0)
                yield Progress(node, ms)
        snapshot = self.graph.get_state(config).values
        done = Done(snapshot.get("reply", final.get("reply", "")), snapshot.get("turn_id", ""),
                    session_id, snapshot.get("trace", {}), snapshot.get("footer", ""))
        if done.turn_id:
            done.learning = self._learn_later(context, dict(snapshot), lock)
        yield done

    # Learning ---------------------------------------------------------------------------
    def _learn_later(self, context: Any, state: dict[str, Any],
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
            forgotten = self.memory.forget_record(user, target_id)
            removed = forgotten.removed
            if removed and session_id:
                self.graph.checkpointer.delete_thread(thread_id(user, session_id))
            if removed:
                self._purge_checkpoints(user, set(forgotten.ids))
                self._erase_leftovers()
        return removed

    def _erase_leftovers(self) -> None:
        """Empty the stores' logs and freed pages, so forgotten text is gone from the disk."""
        from memory.erase import erase_leftovers

        erase_leftovers(self.memory, getattr(self.graph.checkpointer, "conn", None))

    def _purge_checkpoints(self, user: str, ids: set[str]) -> None:
        """Other conversations' checkpoints that recalled what was forgotten go too.

        A checkpoint keeps the recalled text of its turns (and summaries that quoted it);
        the conversation itself is safe in SQL, so only a pending question can be lost.
        """
        saver = self.graph.checkpointer
        doomed: set[str] = set()
        for saved in saver.list(None):
            thread = str(saved.config["configurable"].get("thread_id", ""))
            if not thread.startswith(f"{user}/") or thread in doomed:
                continue
            held = repr((saved.checkpoint.get("channel_values"), saved.pending_writes))
            if any(i in held for i in ids):
                doomed.add(thread)
        for thread in doomed:
            saver.delete_thread(thread)

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

    def export(self, user: str) -> dict[str, Any]:
        self.flush()
        return self.memory.export(user)

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


def _question(value: Any, session_id: str) -> Question:
    if isinstance(value, dict):
        return Question(str(value.get("text", "")), session_id, dict(value))
    return Question(str(value), session_id)


def thread_id(user: str, session_id: str) -> str:
    return f"{user}/{session_id}"
