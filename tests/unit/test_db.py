"""Opening the SQL store keeps lookups by id and by place fast as the history grows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session as DbSession

from memory.db import open_engine
from memory.facade import Memory
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
        conn.exec_driver_sql("UPDATE schemainfo SET version = 3")
    engine.dispose()

    engine = open_engine(url)
    with engine.begin() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'turn'")}
        version = conn.exec_driver_sql("SELECT version FROM schemainfo").scalar_one()
    assert "ix_turn_session_seq" in names
    assert version == 4
