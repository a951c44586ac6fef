"""Conversation checkpoints: where they are kept, and the index that finds a user's.

A paused turn (a question waiting for its answer) and the state a conversation keeps between
turns live in LangGraph checkpoints, one thread per session (``user/session``). They hold
recalled text, so forgetting a memory purges every thread that holds it: each turn records
the memory ids its thread's checkpoint holds (``memory.threads``), and forgetting looks them
up there.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from assistant.errors import StoreError
from assistant.settings import Settings
from memory import threads
from memory.db import explain, is_postgres, libpq_url
from memory.facade import Memory

# Every record id is 32 hex digits (``memory.schema.new_id``).
_ID = re.compile(r"\b[0-9a-f]{32}\b")


def open_checkpointer(settings: Settings) -> BaseCheckpointSaver[Any]:
    """The checkpointer the settings name: a SQLite file in the data directory, or, when the
    memory database is PostgreSQL, tables in that same database (server mode)."""
    if is_postgres(settings.db_url):
        return open_postgres(settings.db_url)
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = settings.checkpoint_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteSaver(sqlite3.connect(str(path), check_same_thread=False))


def open_postgres(url: str) -> BaseCheckpointSaver[Any]:
    """LangGraph's PostgreSQL checkpointer on ``url``'s database.

    Its connection is checked before each use and opened anew when the server went away, so
    after the server is back the next turn works; a failure while it is away is a
    :class:`StoreError` naming the server.
    """
    try:
        saver_class = _postgres_saver()
    except ImportError as exc:
        raise StoreError("Server mode needs PostgreSQL's client libraries.",
                         fix="pip install 'tacit[server]'") from exc
    saver = saver_class(url)
    saver.setup()
    return saver


@functools.cache
def _postgres_saver() -> type:
    """LangGraph's PostgreSQL checkpointer, its failures said as a store's: a turn stops
    whole with a clear error, not a driver's traceback. (Imported only in server mode.)"""
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg import Connection
    from psycopg import Error as PgError
    from psycopg.rows import dict_row

    def connect(url: str) -> Any:
        try:
            return Connection.connect(libpq_url(url), autocommit=True, prepare_threshold=0,
                                      row_factory=dict_row, connect_timeout=10)
        except PgError as exc:
            raise explain(exc, url) from exc

    class Saver(PostgresSaver):
        def __init__(self, url: str) -> None:
            super().__init__(connect(url))
            self.url = url
            # Writes in a plain transaction: a connection lost inside pipeline mode was left
            # unusable ("cannot exit pipeline mode while busy") even after the server returned.
            self.supports_pipeline = False
            self._reconnecting = threading.Lock()

        def _live(self) -> None:
            """Open the connection anew if the server dropped it (a restart, a crash)."""
            with self._reconnecting:
                conn = self.conn
                assert isinstance(conn, Connection)  # one connection here, never a pool
                try:
                    if not conn.closed:
                        conn.execute("")
                        return
                except PgError:
                    conn.close()
                self.conn = connect(self.url)

        @contextmanager
        def _cursor(self, *, pipeline: bool = False) -> Iterator[Any]:
            self._live()
            try:
                with super()._cursor(pipeline=pipeline) as cur:
                    yield cur
            except PgError as exc:
                raise explain(exc, self.url) from exc

    return Saver


def thread_id(user: str, session_id: str) -> str:
    return f"{user}/{session_id}"


def held_ids(values: Any) -> set[str]:
    """The record ids a checkpoint's values mention (recalled entries, the turn, kept items,
    tree nodes quoted in summaries): anything forgetting one of them must purge."""
    return set(_ID.findall(repr(values)))


class ThreadIndex:
    """The checkpoints of each user's conversations, found by the memory ids they hold."""

    def __init__(self, memory: Memory, saver: BaseCheckpointSaver[Any]) -> None:
        self.memory, self.saver = memory, saver
        self._covered = False

    def note(self, user: str, session_id: str, values: Any) -> None:
        """Record what the thread's latest checkpoint holds (after each turn or question)."""
        thread = thread_id(user, session_id)
        threads.note(self.memory, user, thread, session_id, held_ids(values) | {""})

    def holding(self, user: str, ids: set[str]) -> set[str]:
        self._cover()
        return threads.holding(self.memory, user, ids)

    def sessions(self, user: str) -> dict[str, str]:
        """The user's conversations with checkpoints: thread id -> session id."""
        self._cover()
        return threads.threads(self.memory, user)

    def purge(self, thread_ids: set[str]) -> None:
        """Delete these threads' checkpoints, and their rows of the index."""
        for thread in thread_ids:
            self.saver.delete_thread(thread)
        threads.drop(self.memory, thread_ids)

    def _cover(self) -> None:
        """Index, once, the checkpoints written before the index existed."""
        if self._covered or threads.covered(self.memory):
            self._covered = True
            return
        for saved in self.saver.list(None):
            thread = str(saved.config["configurable"].get("thread_id", ""))
            user, _, session_id = thread.partition("/")
            if user and session_id:
                values = (saved.checkpoint.get("channel_values"), saved.pending_writes)
                threads.note(self.memory, user, thread, session_id, held_ids(values) | {""})
        threads.mark_covered(self.memory)
        self._covered = True
