"""Importing history: sessions stored whole, embedded once, closed into the memory tree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from memory.facade import ImportedSession, Memory, turn_text
from memory.tree import session_node_id
from tests.fakes import HashingEmbedder


def _session(topic: str, turns: int, start: datetime) -> ImportedSession:
    pairs = [(f"I talked about {topic} number {i} today", f"Noted: {topic} {i}.")
             for i in range(turns)]
    return ImportedSession(pairs, [start + timedelta(minutes=i) for i in range(turns)])


def test_imported_sessions_are_stored_in_order_and_closed_into_the_tree(
        memory: Memory) -> None:
    start = datetime(2023, 5, 1, tzinfo=UTC)
    plan = [_session(t, 6, start + timedelta(days=n))
            for n, t in enumerate(["tulips", "marathon", "risotto", "passport", "guitar"])]
    embedder = memory.vectors.embedder
    assert isinstance(embedder, HashingEmbedder)
    embedder.calls.clear()

    imported = list(memory.import_sessions("ana", iter(plan)))

    assert len(imported) == len(plan)
    # one embedding call per session, not per turn
    assert [len(c) for c in embedder.calls] == [6] * len(plan)
    for (session, turns), wanted in zip(imported, plan, strict=True):
        assert [(t.user_text, t.reply_text) for t in turns] == wanted.pairs
        stored = memory.turns("ana", session.id)
        assert [t.id for t in stored] == [t.id for t in turns]
        assert [t.created_at for t in stored] == wanted.at
        assert memory.get_session("ana", session.id).closed_at is not None  # type: ignore[union-attr]
        # each turn's vector is its own text's, though the next session was embedded meanwhile
        vectors = memory.vectors.vectors_of("ana", [t.id for t in turns], "turn")
        expected = HashingEmbedder().embed([turn_text(u, r) for u, r in wanted.pairs])
        got = np.array([vectors[t.id] for t in turns])
        assert np.allclose(got, expected, atol=1e-6)
    nodes = {n.id for n in memory.tree.levels("ana")[1]}
    assert nodes == {session_node_id(s.id) for s, _ in imported}


def test_a_session_with_wrong_dates_stops_the_import_and_leaves_no_trace(
        memory: Memory) -> None:
    start = datetime(2023, 5, 1, tzinfo=UTC)
    good = _session("tulips", 3, start)
    bad = ImportedSession([("one", "a"), ("two", "b")], [start])  # two exchanges, one date
    with pytest.raises(ValueError):
        list(memory.import_sessions("ana", [good, bad]))
    sessions = memory.sessions("ana")
    assert [count for _, count in sessions] == [3]  # the good one only, and no empty session


def test_turns_stored_with_vectors_given_are_not_embedded_again(memory: Memory) -> None:
    session = memory.start_session("ana")
    embedder = memory.vectors.embedder
    assert isinstance(embedder, HashingEmbedder)
    pairs = [("my locker code is 4411", "ok"), ("I like green tea", "noted")]
    given = HashingEmbedder().embed([turn_text(u, r) for u, r in pairs])
    embedder.calls.clear()
    turns = memory.record_turns("ana", session.id, pairs, vectors=given)
    assert embedder.calls == []
    hits = memory.vectors.query("ana", "locker code", 1, kinds=["turn"])
    assert hits[0].id == turns[0].id
    with pytest.raises(ValueError):
        memory.record_turns("ana", session.id, pairs, vectors=given[:1])
    assert len(memory.turns("ana", session.id)) == 2  # the refused call stored nothing
