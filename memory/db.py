"""Opening the SQL store: engine, WAL mode, schema creation and migration, lexical index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError
from sqlmodel import Session as DbSession
from sqlmodel import create_engine

from assistant.errors import StoreError, StoreLocked
from memory.schema import SCHEMA_VERSION, SchemaInfo

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS lexical USING fts5("
    "doc_id UNINDEXED, user_id UNINDEXED, kind UNINDEXED, text, "
    "tokenize='porter unicode61')"
)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def engine_url(url: str) -> str:
    """``url`` as SQLAlchemy opens it: PostgreSQL through psycopg (version 3) unless the URL
    names another driver."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def libpq_url(url: str) -> str:
    """A PostgreSQL URL as libpq reads it (without SQLAlchemy's ``+driver``)."""
    scheme, sep, rest = url.partition("://")
    return "postgresql" + sep + rest if sep and scheme.startswith("postgres") else url


def shown(url: str) -> str:
    """``url`` fit to print: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_engine(url: str) -> Engine:
    """Create the engine and bring the schema up to date; raise a clear error if it cannot."""
    if is_sqlite(url):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
    elif is_postgres(url):
        engine = create_engine(engine_url(url), pool_pre_ping=True,
                               connect_args={"connect_timeout": 10})
        event.listen(engine, "handle_error", _unreachable_said(url))
    else:
        raise StoreError(f"Tacit keeps its memory in SQLite or PostgreSQL, not {shown(url)}.",
                         fix="Set TACIT_DATABASE_URL to a postgresql:// URL, or unset it for "
                         "the SQLite file in the data directory.")
    try:
        migrate(engine)
    except (OperationalError, InterfaceError) as exc:
        raise explain(exc, url) from exc
    return engine


def _unreachable_said(url: str) -> Any:
    """An engine hook: a lost or refused connection, wherever it happens (a read as much as
    a write), becomes a :class:`StoreError` naming the server, not the driver's traceback.
    (The pool's own liveness check is left alone: it reconnects once the server is back.)"""
    def said(context: Any) -> None:
        if context.is_pre_ping:
            return
        original = context.original_exception
        if context.is_disconnect or type(original).__name__ in ("OperationalError",
                                                                 "InterfaceError"):
            raise explain(context.sqlalchemy_exception or original, url) from original
    return said


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten with zeros, so what is forgotten leaves no bytes in free
    # pages of the file (many builds already default to it; this makes it so everywhere).
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def migrate(engine: Engine) -> None:
    """Create missing tables, run pending migrations (``memory.migrations``, Alembic), and
    record the schema version."""
    from memory.migrations import upgrade

    upgrade(engine)
    with DbSession(engine) as db:
        info = db.get(SchemaInfo, 1)
        if is_sqlite(str(engine.url)):
            db.exec(text(FTS_DDL))  # type: ignore[call-overload]
            from memory import lexical

            lexical.secure(db)
        elif is_postgres(str(engine.url)):
            from memory import lexical_pg

            lexical_pg.create(db)
        if info is None:
            db.add(SchemaInfo(id=1, version=SCHEMA_VERSION))
        else:
            info.version = max(info.version, SCHEMA_VERSION)
        db.commit()
    if is_sqlite(str(engine.url)):
        refresh_statistics(engine)


def refresh_statistics(engine: Engine) -> None:
    """Let SQLite's planner know how the tables have grown (ANALYZE when they have doubled).

    Without statistics SQLite reads "the user's turns" through the user index even when the
    query names the turns by id: 7 ms instead of 0.1 ms at 10k turns. PostgreSQL keeps its
    own statistics.
    """
    with engine.begin() as conn:
        known = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name='sqlite_stat1'").first()
        counted = conn.exec_driver_sql(
            "SELECT stat FROM sqlite_stat1 WHERE tbl='turn' AND idx='ix_turn_user_id'"
        ).first() if known else None
        rows = conn.exec_driver_sql("SELECT count(*) FROM turn").scalar_one()
        before = int(str(counted[0]).split()[0]) if counted else 0
        if rows >= 2 * before + 100:
            conn.exec_driver_sql("ANALYZE")


def flush_log(engine: Engine) -> None:
    """Fold SQLite's write-ahead log into the database file and empty it.

    The log keeps old copies of changed pages until a checkpoint; after a forget those copies
    are the last place the forgotten text lives. A no-op for other databases.
    """
    if is_sqlite(str(engine.url)):
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def explain(exc: Exception, url: str) -> StoreError:
    """A database failure in words a person can act on."""
    message, where = str(exc), shown(url)
    if is_sqlite(url) and ("locked" in message or "busy" in message):
        return StoreLocked(f"The memory database ({where}) is locked by another program.",
                           fix="Close the other Tacit window or process, then try again.")
    first = message.splitlines()[0] if message else type(exc).__name__
    if is_postgres(url):
        return StoreError(f"The memory database ({where}) cannot be reached or failed: "
                          f"{first}", fix="Check that the PostgreSQL server is running and "
                          "TACIT_DATABASE_URL names it; nothing of this turn was stored.")
    return StoreError(f"The memory database ({where}) failed: {first}",
                      fix="Check TACIT_DATABASE_URL and that the disk is writable.")


@contextmanager
def transaction(engine: Engine) -> Iterator[DbSession]:
    """A unit of work: committed whole, or rolled back whole with a clear error."""
    db = DbSession(engine, expire_on_commit=False)
    try:
        yield db
        db.commit()
    except (OperationalError, InterfaceError) as exc:
        db.rollback()
        raise explain(exc, str(engine.url)) from exc
    except BaseException:
        db.rollback()
        raise
    finally:
        db.close()
