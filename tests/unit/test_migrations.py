"""Schema migrations: a database made by the Tacit before Alembic opens, upgrades and keeps
everything; a new one starts at the newest revision; the revisions form one chain."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect

from memory.db import open_engine
from memory.facade import Memory
from memory.migrations import HEAD, HERE, current
from memory.vectors import VectorIndex
from tests.fakes import HashingEmbedder

V5 = Path(__file__).resolve().parents[1] / "data" / "tacit-v5.sql"


def _v5_database(tmp_path: Path) -> str:
    path = tmp_path / "tacit.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(V5.read_text("utf-8"))
    return f"sqlite:///{path}"


def test_a_version_5_database_upgrades_and_keeps_what_it_remembered(tmp_path: Path) -> None:
    url = _v5_database(tmp_path)
    vectors = VectorIndex(HashingEmbedder(), path=tmp_path / "chroma")  # type: ignore[arg-type]
    memory = Memory.open(url, vectors)
    with memory.engine.connect() as conn:
        assert current(conn) == HEAD
        assert inspect(conn).has_table("threadref")
    [session] = [s for s, turns in memory.sessions("ana") if turns]
    turns = memory.turns("ana", session.id)
    assert [t.user_text for t in turns] == ["My bicycle is a green Brompton.", "I live in Lisbon."]
    assert turns[1].footer == "(Assumed metric units.)"
    assert [i.text for i in memory.items("ana", "preference")] == ["I am vegetarian"]
    assert any("Brompton" in h.text for h in memory.search("ana", "which bicycle", 5))
    # And it goes on working: a new turn takes the next place of its session.
    later = memory.record_turn("ana", session.id, "And my bike's colour?", "Green.")
    assert later.seq == 3
    memory.engine.dispose()
    Memory.open(url, vectors).engine.dispose()  # opening again changes nothing


def test_a_new_database_starts_at_the_newest_revision(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'new.db'}")
    with engine.connect() as conn:
        assert current(conn) == HEAD
    engine.dispose()


def test_the_revisions_form_one_chain_ending_at_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(HERE))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD]
    chain = [r.revision for r in script.walk_revisions()]
    assert chain == [f"v{n}" for n in range(int(HEAD[1:]), 0, -1)]
