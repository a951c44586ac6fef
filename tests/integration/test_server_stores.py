"""Server mode against real servers: PostgreSQL and a Chroma server, each started here on
loopback and stopped in the middle of a turn; forget leaves nothing in either.

The servers are this module's own (the tests stop them), whichever mode the suite runs in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import select

from assistant.cli import main
from assistant.errors import StoreError
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from memory.lexical_pg import PostgresLexicalIndex
from memory.schema import Turn
from tests.conftest import StoreServers
from tests.unit.test_forget_on_disk import CANARY, copies_on_disk

pytestmark = pytest.mark.integration
USER = "ana"


@pytest.fixture(scope="module")
def servers() -> Iterator[StoreServers]:
    own = StoreServers()
    yield own
    own.remove()


@dataclass
class Stopping(FakeModel):
    """A scripted model that, once, runs ``during`` while it writes its reply."""

    during: list[Callable[[], None]] = field(default_factory=list)

    def stream(self, messages: Any, **kwargs: Any) -> Iterator[str]:
        for i, word in enumerate(super().stream(messages, **kwargs)):
            if i == 1 and self.during:
                self.during.pop()()
            yield word


@pytest.fixture
def server_tacit(servers: StoreServers, tmp_path: Path) -> Iterator[Tacit]:
    url = servers.postgres.create_database("loss")
    servers.chroma.clear()
    settings = Settings(data_dir=tmp_path / "data", user=USER, chat={"model": "fake"},
                        database_url=url, chroma_url=servers.chroma.url)
    tacit = Tacit(settings, model=Stopping(context_window=4096))
    yield tacit
    tacit.close()
    servers.postgres.drop_database(url)


def whole_and_alike(tacit: Tacit) -> list[Turn]:
    """The user's turns, after checking each is stored whole in SQL, the word index and the
    vector store, and that no store holds a turn the others lack."""
    memory = tacit.memory
    with memory.stores.read() as db:
        turns = list(db.exec(select(Turn).where(Turn.user_id == USER)).all())
        worded = {row[0] for row in db.exec(  # type: ignore[call-overload]
            text("SELECT doc_id FROM lexical WHERE kind = 'turn'")).all()}
    ids = {t.id for t in turns}
    assert all(t.user_text and t.reply_text for t in turns)
    assert worded == ids
    vectors = {doc for doc, _, meta in memory.vectors.documents() if meta.get("kind") == "turn"}
    assert vectors == ids
    return turns


def test_server_mode_uses_word_search_and_postgres_checkpoints(server_tacit: Tacit) -> None:
    assert isinstance(server_tacit.memory.stores.lexical, PostgresLexicalIndex)
    assert type(server_tacit.graph.checkpointer).__module__ == "assistant.checkpoints"
    server_tacit.ask(USER, "My sister Quintessa grows saffron in Alentejo.")
    hits = server_tacit.search(USER, "saffron")
    assert hits and "lexical" in hits[0].matched_by


def test_postgres_lost_mid_turn_fails_clearly_and_the_next_turn_works(
        servers: StoreServers, server_tacit: Tacit) -> None:
    server_tacit.ask(USER, "My bike is a green Brompton.")
    model = server_tacit.model
    assert isinstance(model, Stopping)
    model.during.append(lambda: servers.postgres.stop("immediate"))
    try:
        with pytest.raises(StoreError) as lost:
            server_tacit.ask(USER, "I keep the bike in the hallway.")
        assert "PostgreSQL" in str(lost.value)
    finally:
        servers.postgres.start()
    done = server_tacit.ask(USER, "The bike needs new tyres.")
    assert "tyres" in done.reply
    said = [t.user_text for t in whole_and_alike(server_tacit)]
    assert said[0] == "My bike is a green Brompton." and said[-1] == "The bike needs new tyres."
    assert set(said) <= {"My bike is a green Brompton.", "I keep the bike in the hallway.",
                         "The bike needs new tyres."}


def test_chroma_lost_mid_turn_fails_clearly_and_the_next_turn_works(
        servers: StoreServers, server_tacit: Tacit) -> None:
    server_tacit.ask(USER, "My bike is a green Brompton.")
    model = server_tacit.model
    assert isinstance(model, Stopping)
    model.during.append(servers.chroma.stop)
    try:
        with pytest.raises(StoreError) as lost:
            server_tacit.ask(USER, "I keep the bike in the hallway.")
        assert "Chroma server" in str(lost.value)
    finally:
        servers.chroma.start()
    server_tacit.ask(USER, "The bike needs new tyres.")
    said = [t.user_text for t in whole_and_alike(server_tacit)]
    assert said == ["My bike is a green Brompton.", "The bike needs new tyres."]


def rows_holding(url: str, text: str) -> dict[str, int]:
    """How many rows of each table of the database at ``url`` hold ``text`` in any column
    (text as it is, or bytes as checkpoints keep it)."""
    needle = text.encode()
    found: dict[str, int] = {}
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                if any(needle in (bytes(v) if isinstance(v, bytes | memoryview)
                                  else str(v).encode()) for v in row if v is not None):
                    found[table] = found.get(table, 0) + 1
    return found


def test_forget_leaves_no_row_of_the_canary_in_postgres_and_chroma(
        servers: StoreServers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = servers.postgres.create_database("canary")
    servers.chroma.clear()
    data = tmp_path / "data"
    for name, value in {"DATA_DIR": str(data), "CHAT__MODEL": "fake", "USER": USER,
                        "DATABASE_URL": url, "CHROMA_URL": servers.chroma.url}.items():
        monkeypatch.setenv(f"TACIT_{name}", value)

    def cli(*args: str) -> str:
        assert main(list(args)) == 0
        return capsys.readouterr().out

    cli("ask", "--new", "My cat is called Miso.")
    cli("ask", "--new", f"My locker code is {CANARY} at the pool.")
    cli("ask", "-c", f"Remember {CANARY} for me please.")
    cli("ask", "--new", "My dog is called Pepper.")
    [doomed] = [line.split()[0] for line in cli("sessions").splitlines() if "locker" in line]
    before = rows_holding(url, CANARY)
    assert {"turn", "lexical"} <= set(before), before
    assert any(table.startswith("checkpoint") for table in before), before

    assert "Forgot" in cli("memory", "forget", doomed)
    assert rows_holding(url, CANARY) == {}
    assert copies_on_disk(data) == {}
    settings = Settings(data_dir=data, user=USER, database_url=url,
                        chroma_url=servers.chroma.url, chat={"model": "fake"})
    tacit = Tacit(settings, model=FakeModel(context_window=4096))
    try:
        assert not [doc for _, doc, _ in tacit.memory.vectors.documents() if CANARY in doc]
        assert CANARY not in str(tacit.export(USER))
        assert "Pepper" in cli("memory", "search", "dog Pepper")
    finally:
        tacit.close()
        servers.postgres.drop_database(url)


def test_a_postgres_database_from_before_word_search_gets_its_records_indexed(
        servers: StoreServers, tmp_path: Path) -> None:
    from memory.facade import Memory
    from memory.migrations import HEAD
    from memory.vectors import VectorIndex
    from tests.fakes import HashingEmbedder

    url = servers.postgres.create_database("old")
    vectors = VectorIndex(HashingEmbedder(), path=tmp_path / "chroma")  # type: ignore[arg-type]
    memory = Memory.open(url, vectors)
    session = memory.start_session(USER)
    memory.record_turn(USER, session.id, "My bicycle is a green Brompton.", "Noted.")
    memory.add(USER, "I am vegetarian")
    memory.engine.dispose()
    with psycopg.connect(url, autocommit=True) as conn:  # as the schema was at v6
        conn.execute("DROP TABLE lexical")
        conn.execute("UPDATE alembic_version SET version_num = 'v6'")
    try:
        memory = Memory.open(url, vectors)
        with memory.stores.read() as db:
            assert db.exec(text("SELECT version_num FROM alembic_version")).one()[0] == HEAD  # type: ignore[call-overload]
            found = memory.stores.lexical.search(db, USER, "brompton vegetarian", 5)
        assert len(found) == 2
        memory.engine.dispose()
    finally:
        servers.postgres.drop_database(url)
