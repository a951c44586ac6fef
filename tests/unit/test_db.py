"""Opening the SQL store keeps lookups by id and by place fast as the history grows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session as DbSession

from memory.db import open_engine
from memory.facade import Memory
from memory.schema import SCHEMA_VERSION
from memory.vectors import VectorIndex
from tests.fakes import HashingEmbedder


def _plan(memory: Memory, sql: str, **params: object) -> str:
    with DbSession(memory.engine) as db:
        rows = db.connection().execute(text(f"EXPLAIN QUERY PLAN {sql}"), params).all()
    return " ".join(str(r[-1]) for r in rows)


def test_a_grown_history_gets_statistics_so_ids_are_looked_up_directly(
        memory: Memory, tmp_path: Path) -> None:
    for n in range(6):  # a long history: 1,200 turns
        session = memory.start_session("ana")
        memory.record_turns("ana", session.id, [(f"message {n}-{i}", "ok") for i in range(200)])
    memory.engine.dispose()

    vectors = VectorIndex(HashingEmbedder(), path=tmp_path / "chroma")  # type: ignore[arg-type]
    reopened = Memory.open(f"sqlite:///{tmp_path / 'tacit.db'}", vectors)
    ids = {f"i{n}": f"turn-{n}" for n in range(80)}  # as many as a recall looks up
    listed = ", ".join(f":{name}" for name in ids)
    plan = _plan(reopened, f"SELECT id FROM turn WHERE user_id = :u AND id IN ({listed})",
                 u="ana", **ids)
    # Not "ix_turn_user_id": that would read every turn the user ever had.
    assert "sqlite_autoindex_turn_1" in plan


def test_an_older_database_gains_the_session_position_index(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_turn_session_seq")
        conn.exec_driver_sql("DROP TABLE alembic_version")  # made before migrations were Alembic's
        conn.exec_driver_sql("UPDATE schemainfo SET version = 3")
    engine.dispose()

    engine = open_engine(url)
    with engine.begin() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'turn'")}
        version = conn.exec_driver_sql("SELECT version FROM schemainfo").scalar_one()
    assert "ix_turn_session_seq" in names
    assert version == SCHEMA_VERSION


def test_an_older_database_with_two_turns_in_one_place_is_renumbered(tmp_path: Path) -> None:
    # A version 4 database: no footer column, a plain index, and two turns stored at once
    # that both took place 2 of their session.
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = open_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_turn_session_seq")
        conn.exec_driver_sql("ALTER TABLE turn DROP COLUMN footer")
        conn.exec_driver_sql("CREATE INDEX ix_turn_session_seq ON turn (session_id, seq)")
        conn.exec_driver_sql("INSERT INTO user (id, created_at) VALUES ('ana', '2026-01-01')")
        conn.exec_driver_sql("INSERT INTO session (id, user_id, title, created_at, updated_at) "
                             "VALUES ('s', 'ana', '', '2026-01-01', '2026-01-01')")
        for turn_id, seq, at in (("a", 1, "10:00"), ("b", 2, "10:01"), ("c", 2, "10:02")):
            conn.exec_driver_sql(
                "INSERT INTO turn (id, user_id, session_id, seq, user_text, reply_text, "
                f"created_at, trace) VALUES ('{turn_id}', 'ana', 's', {seq}, 'hi', 'ok', "
                f"'2026-01-01 {at}:00', '{{}}')")
        conn.exec_driver_sql("DROP TABLE alembic_version")
        conn.exec_driver_sql("UPDATE schemainfo SET version = 4")
    engine.dispose()

    engine = open_engine(url)
    with engine.begin() as conn:
        places = conn.exec_driver_sql("SELECT id, seq, footer FROM turn ORDER BY seq").all()
        unique = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_turn_session_seq'").scalar_one()
    assert [tuple(row) for row in places] == [("a", 1, ""), ("b", 2, ""), ("c", 3, "")]
    assert "UNIQUE" in unique.upper()


def test_a_turn_after_a_forgotten_one_takes_the_next_free_place(memory: Memory) -> None:
    session = memory.start_session("ana")
    _, middle, _ = memory.record_turns("ana", session.id, [
        ("one", "ok"), ("two", "ok"), ("three", "ok")])
    memory.forget("ana", middle.id)
    later = memory.record_turn("ana", session.id, "four", "ok")
    assert [t.seq for t in memory.turns("ana", session.id)] == [1, 3, 4]
    assert later.seq == 4


def test_two_turns_can_never_share_a_place_in_their_session(memory: Memory) -> None:
    import pytest
    from sqlalchemy.exc import IntegrityError

    from memory.schema import Turn

    session = memory.start_session("ana")
    memory.record_turn("ana", session.id, "one", "ok")
    with pytest.raises(IntegrityError), DbSession(memory.engine) as db:
        db.add(Turn(user_id="ana", session_id=session.id, seq=1, user_text="x", reply_text=""))
        db.commit()
