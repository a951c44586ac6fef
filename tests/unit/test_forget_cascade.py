"""Forget cascades: a planted string, once forgotten, survives nowhere.

Not in any SQL table (records, audit details, tree summaries, the FTS index), not in the vector
store, not in any conversation checkpoint (including another conversation that recalled it),
not in an export — while what was said around it stays remembered.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from memory.facade import Memory
from memory.tree import session_node_id

NEEDLE = "zanzibar-quokka-4471"


def _sql_rows_holding(path: Path, needle: str) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = []
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                if needle in repr(row) or needle.encode() in b"".join(
                        c for c in row if isinstance(c, bytes)):
                    found.append(table)
        return found
    finally:
        conn.close()


def test_forgetting_a_turn_leaves_no_trace_anywhere(settings: Settings, memory: Memory,
                                                    fake_model: FakeModel,
                                                    tmp_path: Path) -> None:
    tacit = Tacit(settings, model=fake_model, memory=memory)  # the real SQLite checkpointer
    try:
        first = tacit.new_session("ana")
        planted = tacit.ask("ana", f"My locker code is {NEEDLE}, keep it safe", first.id)
        kept = tacit.ask("ana", "I also love listening to jazz records", first.id)
        item = memory.add("ana", f"locker code: {NEEDLE}", kind="fact",
                          provenance=[planted.turn_id])
        memory.update("ana", item.id, f"locker code: {NEEDLE} (blue door)")  # audit: old text
        second = tacit.new_session("ana")  # closes the first: its summary quotes the needle
        node = next(n for n in memory.tree.levels("ana")[1]
                    if n.id == session_node_id(first.id))
        assert NEEDLE in node.summary and any(NEEDLE in f for f in node.facts)
        asked = tacit.ask("ana", "what is my locker code?", second.id)
        assert planted.turn_id in [r["id"] for r in asked.trace["recall"]["retrieved"]]
        tacit.new_session("ana")  # closes the second conversation too
        checkpoints = settings.checkpoint_path
        # The other conversation's checkpoint holds the needle: it was recalled there.
        other = f"ana/{second.id}"
        assert any(NEEDLE in repr(saved) for saved in tacit.graph.checkpointer.list(None)
                   if saved.config["configurable"]["thread_id"] == other)

        assert tacit.forget("ana", planted.turn_id) >= 2  # the turn and the fact made from it

        assert _sql_rows_holding(tmp_path / "tacit.db", NEEDLE) == []
        assert _sql_rows_holding(checkpoints, NEEDLE) == []
        stored = list(memory.vectors.documents())
        assert NEEDLE not in json.dumps(stored, default=str)
        assert NEEDLE not in json.dumps(tacit.export("ana"), default=str)
        for saved in tacit.graph.checkpointer.list(None):
            assert NEEDLE not in repr(saved)
        found = memory.tree.descend("ana", f"locker code {NEEDLE}", 500)
        assert all(NEEDLE not in e.text for e in found.entries)
        # What was said around it is still remembered, and its summary was rewritten.
        node = next(n for n in memory.tree.levels("ana")[1]
                    if n.id == session_node_id(first.id))
        assert "jazz" in node.summary and node.source_turn_ids == [kept.turn_id]
        assert memory.get("ana", kept.turn_id) is not None
    finally:
        tacit.close()


def test_forgetting_a_whole_session_removes_its_node_and_rewrites_the_root(
        tacit: Tacit) -> None:
    first = tacit.new_session("ana")
    tacit.ask("ana", f"The alarm code is {NEEDLE}", first.id)
    second = tacit.new_session("ana")
    tacit.ask("ana", "Tell me about the weather", second.id)
    tacit.new_session("ana")
    levels = tacit.memory.tree.levels("ana")
    assert len(levels[1]) == 2 and NEEDLE in json.dumps(tacit.export("ana"))
    tacit.forget("ana", first.id)
    levels = tacit.memory.tree.levels("ana")
    assert [n.id for n in levels[1]] == [session_node_id(second.id)]
    assert "1 conversations" in levels[3][0].summary
    assert NEEDLE not in json.dumps(tacit.export("ana"))
    found = tacit.memory.tree.descend("ana", f"alarm code {NEEDLE}", 300)
    assert all(NEEDLE not in e.text for e in found.entries)
