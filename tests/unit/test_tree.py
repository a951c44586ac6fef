"""TaciTree on the fake backend: building, descent, summaries, rebuild, inspection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from memory.dates import resolve_relative
from memory.facade import Memory
from memory.tree import session_node_id

TOPICS = {
    "garden": ["The roses in my garden need more compost", "I pruned the apple tree and the roses",
               "Slugs ate the lettuce in the garden bed", "Planted tulip bulbs along the fence"],
    "running": ["Ran ten kilometres along the river today", "My running shoes are worn out",
                "Signed up for the autumn half marathon", "Interval training on the track"],
    "cooking": ["Baked sourdough bread with rye flour", "Tried a new lentil curry recipe",
                "The risotto needed more parmesan", "Made tomato sauce from the garden tomatoes"],
}
NEEDLE = "My locker code at the swimming pool is quokka-913 since yesterday"


def _history(memory: Memory, user: str = "ana") -> dict[str, str]:
    """Nine sessions, three per topic, one day apart; the needle hides in a cooking one."""
    start = datetime(2024, 3, 1, 9, tzinfo=UTC)
    sessions: dict[str, str] = {}
    for n in range(9):
        topic = list(TOPICS)[n % 3]
        when = start + timedelta(days=n)
        session = memory.start_session(user, at=when)
        lines = [f"{t} (part {n})" for t in TOPICS[topic]]
        if n == 5:
            lines.insert(2, NEEDLE)
        memory.record_turns(user, session.id, [(line, "") for line in lines],
                            at=[when + timedelta(minutes=i) for i in range(len(lines))])
        memory.tree.close_session(user, session.id)
        sessions[f"{topic}{n}"] = session.id
    return sessions


def test_the_tree_has_every_level_and_links_each_node_to_its_parent(memory: Memory) -> None:
    sessions = _history(memory)
    levels = memory.tree.levels("ana")
    assert len(levels[1]) == 9 and len(levels[3]) == 1
    root = levels[3][0]
    assert 1 <= len(levels[2]) <= 9
    assert {t.id for t in levels[2]} == set(root.children)
    in_topics = [c for t in levels[2] for c in t.children]
    assert sorted(in_topics) == sorted(session_node_id(s) for s in sessions.values())
    node = next(n for n in levels[1] if n.id == session_node_id(sessions["cooking5"]))
    assert node.start_at is not None and node.start_at.day == 6
    assert len(node.source_turn_ids) == 5 and node.meta["method"] == "extractive"
    assert node.summary  # the most central turns, quoted
    assert "9 conversations" in root.summary


def test_descent_finds_the_needle_through_its_session_with_the_date_resolved(
        memory: Memory) -> None:
    sessions = _history(memory)
    found = memory.tree.descend("ana", "what is my locker code at the swimming pool?", 120)
    best = found.leaves[0]
    assert "quokka-913" in best.text
    assert "yesterday (5 March 2024)" in best.text and best.text.startswith("[6 March 2024]")
    assert best.branch[-1] == session_node_id(sessions["cooking5"])
    assert best.branch[0].startswith("n2-")  # it came down through a topic
    assert found.tokens <= 120
    summaries = [e for e in found.entries if e.kind == "summary"]
    assert summaries and summaries[0].id == session_node_id(sessions["cooking5"])
    assert found.path["sessions"][0]["session_id"] == sessions["cooking5"]


def test_descent_respects_a_small_budget(memory: Memory) -> None:
    _history(memory)
    found = memory.tree.descend("ana", "garden roses compost", 20)
    assert 0 < found.tokens <= 20
    assert all(e.tokens <= 20 for e in found.entries)


def test_users_never_share_a_tree(memory: Memory) -> None:
    _history(memory, "ana")
    assert memory.tree.descend("bob", "locker code", 200).entries == []
    assert memory.tree.levels("bob") == {}


def test_the_tree_is_rebuilt_from_sql_when_the_vectors_are_lost(memory: Memory) -> None:
    _history(memory)
    before = {n: len(v) for n, v in memory.tree.levels("ana").items()}
    node_ids = [n.id for level in memory.tree.levels("ana").values() for n in level]
    memory.vectors.delete("ana", node_ids)  # the node vectors are gone
    memory.tree.drop_cache("ana")
    found = memory.tree.descend("ana", "locker code swimming pool", 200)  # heals itself
    assert "quokka-913" in found.leaves[0].text
    assert found.leaves[0].branch[0].startswith("n2-")  # through the rebuilt tree
    assert {n: len(v) for n, v in memory.tree.levels("ana").items()}.keys() == before.keys()
    assert len(memory.tree.levels("ana")[1]) == 9
    assert set(memory.vectors.ids_for("ana")) >= {n.id for n in memory.tree.levels("ana")[1]}
    assert memory.tree.rebuild("ana") == 9  # and on demand


def test_a_session_closes_when_the_user_moves_on(tacit: Tacit) -> None:
    first = tacit.new_session("ana")
    tacit.ask("ana", "I planted tomatoes on the balcony", first.id)
    assert tacit.memory.tree.levels("ana") == {}  # still open: nothing summarized yet
    second = tacit.new_session("ana")  # starting a new one closes the old one
    levels = tacit.memory.tree.levels("ana")
    assert [n.id for n in levels[1]] == [session_node_id(first.id)]
    done = tacit.ask("ana", "what did I plant on the balcony?", second.id)
    recalled = done.trace["recall"]["retrieved"]
    assert recalled[0]["branch"][-1] == session_node_id(first.id)
    # Coming back to the first session reopens it; the next turn elsewhere closes it again.
    tacit.ask("ana", "I also planted basil", first.id)
    later = tacit.ask("ana", "and now something else", second.id)
    assert later.trace["memory"]["sessions_closed"] == [first.id]
    node = tacit.memory.tree.levels("ana")[1]
    assert any(n.meta["turns"] == 2 and "basil" in n.summary for n in node)


def test_model_summaries_are_used_and_a_bad_one_falls_back_visibly(memory: Memory) -> None:
    from agents.summarize import make_summarizer

    model = FakeModel()
    model.enqueue({"summary": "Ana talked about roses, compost and the apple tree."},
                  "not json", "still not json")
    session = memory.start_session("ana")
    memory.record_turns("ana", session.id, [(t, "") for t in TOPICS["garden"]])
    node = memory.tree.close_session("ana", session.id, summarizer=make_summarizer(model))
    assert node is not None and node.meta["method"] == "model"
    assert node.summary.startswith("Ana talked about roses")
    other = memory.start_session("ana")
    memory.record_turns("ana", other.id, [(t, "") for t in TOPICS["running"]])
    fallback = memory.tree.close_session("ana", other.id, summarizer=make_summarizer(model))
    assert fallback is not None and fallback.meta["method"] == "extractive"
    assert "not JSON" in fallback.meta["summarizer_error"]
    assert "kilometres" in fallback.summary or "shoes" in fallback.summary


def test_relative_dates_are_pinned_to_the_day_they_were_said() -> None:
    said = datetime(2023, 5, 8, tzinfo=UTC)  # a Monday
    assert resolve_relative("I went yesterday", said) == "I went yesterday (7 May 2023)"
    assert "(2022)" in resolve_relative("I painted it last year", said)
    assert "(5 May 2023)" in resolve_relative("last Friday was fun", said)
    assert "(week of 24 April 2023)" in resolve_relative("two weeks ago I ran", said)
    assert resolve_relative("nothing relative here", said) == "nothing relative here"


def test_cli_shows_the_tree_and_why_a_turn_recalled_what_it_did(
        tacit: Tacit, capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.memory_views import tree_lines, why_lines

    first = tacit.new_session("ana")
    tacit.ask("ana", "My bicycle is a green Brompton", first.id)
    second = tacit.new_session("ana")
    done = tacit.ask("ana", "which bicycle do I have?", second.id)
    tree = "\n".join(tree_lines(tacit.tree("ana")))
    assert "1 you, 1 topic, 1 conversation" in tree and "Brompton" in tree
    why = "\n".join(why_lines(tacit.explain("ana", done.turn_id)))
    assert "via topic" in why and "conversation" in why and "Brompton" in why
    assert "in prompt" in why
    from assistant.errors import InputError

    with pytest.raises(InputError):
        tacit.explain("ana", "no-such-turn")


def test_requests_naming_a_month_or_year_are_read_as_periods() -> None:
    from memory.dates import periods_named, within

    assert periods_named("What did I plant in March?") == [(None, 3, None)]
    assert periods_named("Trips in June 2024, or in 2023") == [(2024, 6, None), (2023, None, None)]
    assert periods_named("What did I say on October 13, 2023?") == [(2023, 10, 13)]
    assert periods_named("and on 1 February, 2023") == [(2023, 2, 1)]
    assert periods_named("I may go") == []  # a lower-case month name is a word, not a month
    assert within(datetime(2024, 6, 2, tzinfo=UTC), [(2024, 6, None)])
    assert not within(datetime(2023, 6, 2, tzinfo=UTC), [(2024, 6, None)])
    assert not within(datetime(2023, 10, 12, tzinfo=UTC), [(2023, 10, 13)])


def test_a_name_in_most_turns_leaves_the_dense_query(memory: Memory) -> None:
    start = datetime(2024, 3, 1, 9, tzinfo=UTC)
    for n in range(6):
        session = memory.start_session("ana", at=start + timedelta(days=n))
        lines = [f"Ana: {line} (day {n})" for topic in TOPICS.values() for line in topic]
        memory.record_turns("ana", session.id, [(line, "") for line in lines])
        memory.tree.close_session("ana", session.id)
    assert memory.tree.salient("ana", "What did Ana bake with rye flour?") == \
        "What did bake with rye flour?"
    # A word few turns hold stays, and a request of common words only is left whole.
    assert memory.tree.salient("ana", "Ana's sourdough") == "sourdough"
    assert memory.tree.salient("ana", "Ana") == "Ana"


def test_closing_a_session_reuses_the_vectors_just_stored(memory: Memory) -> None:
    session = memory.start_session("ana")
    memory.record_turns("ana", session.id, [(line, "") for line in TOPICS["garden"]])
    assert memory.tree.holds_vectors_of(session.id)
    reads: list[list[str]] = []
    original = memory.vectors.vectors_of

    def counted(user_id: str, ids: list[str], kind: str) -> Any:
        reads.append(ids)
        return original(user_id, ids, kind)

    memory.vectors.vectors_of = counted  # type: ignore[method-assign]
    node = memory.tree.close_session("ana", session.id)
    assert node is not None and len(node.source_turn_ids) == 4
    assert not [ids for ids in reads if set(ids) & set(node.source_turn_ids)]
    assert not memory.tree.holds_vectors_of(session.id)


def test_a_request_about_a_named_speaker_ranks_what_that_speaker_said_first(
        memory: Memory) -> None:
    session = memory.start_session("ana", at=datetime(2024, 3, 1, 9, tzinfo=UTC))
    lines = ["Maya: I finally repainted the kitchen cabinets in deep green",
             "Theo: I repainted the kitchen cabinets last spring, in plain grey",
             "Maya: The dog slept through the whole thing",
             "Theo: My bike needs a new chain"]
    memory.record_turns("ana", session.id, [(line, "") for line in lines])
    memory.tree.close_session("ana", session.id)

    def first(query: str) -> str:
        return memory.tree.descend("ana", query, 400, with_facts=False).leaves[0].text

    assert "Maya:" in first("What colour did Maya repaint the kitchen cabinets?")
    assert "Theo:" in first("What colour did Theo repaint the kitchen cabinets?")
    from memory.tree import named_speakers

    assert named_speakers("Did Maya and Theo agree?", {"Maya", "Theo", "Ines"}) == \
        {"Maya", "Theo"}
    assert named_speakers("What did Maya say?", {"Maya"}) == set()  # one speaker: no signal


def test_a_request_naming_a_date_searches_the_sessions_that_may_tell_of_it(
        memory: Memory) -> None:
    from memory.dates import told_within

    assert told_within(datetime(2023, 5, 4, tzinfo=UTC), [(2023, 5, 1)])  # told 3 days later
    assert not told_within(datetime(2023, 4, 30, tzinfo=UTC), [(2023, 5, 1)])
    assert told_within(datetime(2023, 8, 5, tzinfo=UTC), [(None, 7, None)])
    assert not told_within(datetime(2023, 8, 20, tzinfo=UTC), [(2023, 7, None)])
    assert not told_within(datetime(2023, 8, 20, tzinfo=UTC), [(2023, 2, 30)])  # no such day

    start = datetime(2023, 3, 1, 9, tzinfo=UTC)
    for n in range(12):
        when = start + timedelta(days=10 * n)
        session = memory.start_session("ana", at=when)
        lines = list(TOPICS[list(TOPICS)[n % 3]])
        if n == 2:  # 21 March
            lines.append("Went to watch the football match with my brother")
        if n == 7:  # 10 May
            lines.append("Went to watch the new Dune film with my brother")
        memory.record_turns("ana", session.id, [(line, "") for line in lines],
                            at=[when + timedelta(minutes=i) for i in range(len(lines))])
        memory.tree.close_session("ana", session.id)
    found = memory.tree.descend("ana", "What did I go to watch on 1 May, 2023?", 600,
                                with_facts=False)
    assert "Dune" in found.leaves[0].text
    assert "period" in found.leaves[0].matched_by


def test_an_answer_two_turns_after_its_question_is_recalled_with_it(memory: Memory) -> None:
    _history(memory)
    when = datetime(2024, 3, 20, 9, tzinfo=UTC)
    session = memory.start_session("ana", at=when)
    lines = ["Which hobby keeps you busy on weekends lately?", "Oh, so many things.",
             "Pottery, mostly: glazing bowls at the studio.", "Nice. Anything else new?"]
    stored = memory.record_turns("ana", session.id, [(line, "") for line in lines],
                                 at=[when + timedelta(minutes=i) for i in range(4)])
    memory.tree.close_session("ana", session.id)
    found = memory.tree.descend("ana", "What hobby keeps Ana busy on weekends?", 400)
    leaves = {e.id: e for e in found.leaves}
    assert stored[0].id in leaves  # the question names the subject
    answer = leaves.get(stored[2].id)  # shares no word with the request: found beside it
    assert answer is not None and answer.matched_by == ["neighbour"]
    assert list(leaves).index(stored[2].id) > list(leaves).index(stored[0].id)


def test_recall_follows_the_tuning_it_is_given(tmp_path: Any) -> None:
    from memory.tuning import RecallTuning
    from memory.vectors import VectorIndex
    from tests.fakes import HashingEmbedder

    def opened(name: str, **overrides: Any) -> Memory:
        vectors = VectorIndex(HashingEmbedder(), path=tmp_path / name)  # type: ignore[arg-type]
        tuning = RecallTuning.defaults().with_overrides(overrides)
        return Memory.open(f"sqlite:///{tmp_path / name}.db", vectors, tuning)

    usual, narrow = opened("usual"), opened("narrow", fetch_depth=0)
    for memory in (usual, narrow):
        _history(memory)
    assert usual.tree.descend("ana", "locker code swimming pool", 300).leaves
    # Reading no ranked turn at all leaves nothing but the summaries on the path.
    assert narrow.tree.descend("ana", "locker code swimming pool", 300).leaves == []
