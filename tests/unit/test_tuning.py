"""Tuned numbers are data: shipped defaults, overridable by name, checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.errors import SettingsError
from memory.tuning import RecallTuning, parse_overrides


def test_defaults_come_from_the_shipped_file() -> None:
    tuning = RecallTuning.defaults()
    assert tuning.session_beam == 8 and tuning.neighbour_weight == 0.4
    assert tuning.steps == (-2, -1, 1, 2)
    assert tuning.share_of(1200, tuning.facts_share) == 240


def test_an_override_changes_one_number_and_a_wrong_one_is_refused() -> None:
    tuned = RecallTuning.defaults().with_overrides(parse_overrides(["session_beam=10"]))
    assert tuned.session_beam == 10 and tuned.topic_beam == RecallTuning.defaults().topic_beam
    with pytest.raises(ValueError, match="no setting named 'beam'"):
        RecallTuning.defaults().with_overrides({"beam": 3})
    with pytest.raises(ValueError, match="session_beam"):
        RecallTuning.defaults().with_overrides({"session_beam": "wide"})
    with pytest.raises(ValueError, match="name=value"):
        parse_overrides(["session_beam"])


def test_settings_override_recall_tuning_and_refuse_unknown_names(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.errors import SettingsError
    from assistant.settings import load_settings

    monkeypatch.setenv("TACIT_RECALL_TUNING", '{"session_beam": 10}')
    assert load_settings().recall_tuning == {"session_beam": 10}
    monkeypatch.setenv("TACIT_RECALL_TUNING", '{"beam": 10}')
    with pytest.raises(SettingsError, match="beam"):
        load_settings()


def test_the_assistant_recalls_with_the_tuning_its_settings_give(settings: Any) -> None:
    from assistant.service import Tacit

    tuned = settings.model_copy(update={"recall_tuning": {"session_beam": 3}})
    tacit = Tacit(tuned)
    try:
        assert tacit.memory.tree.tuning.session_beam == 3
    finally:
        tacit.close()


def test_a_turns_tuned_numbers_are_data_and_settings_override_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agents.elicit import bar
    from agents.respond import reply_budget
    from agents.tuning import TurnTuning
    from assistant.settings import load_settings

    shipped = TurnTuning.defaults()
    assert (shipped.assume_at, shipped.brief_reply_tokens) == (0.6, 120)
    assert reply_budget(384, "brief") == 120 and bar(1.0, 1, 2) == shipped.last_question_bar
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TACIT_TURN_TUNING", '{"brief_reply_tokens": 60}')
    tuned = shipped.with_overrides(load_settings().turn_tuning)
    assert reply_budget(384, "brief", tuned) == 60
    monkeypatch.setenv("TACIT_TURN_TUNING", '{"assume_when": 0.7}')
    with pytest.raises(SettingsError, match="assume_when"):
        load_settings()


def test_capture_reads_its_numbers_from_the_turn_tuning() -> None:
    from agents.capture import capture
    from agents.tuning import TurnTuning

    shipped = TurnTuning.defaults()
    said = "I'm vegetarian and I love long walks by the sea on a quiet Sunday morning."
    assert [c.confidence for c in capture(said).candidates] == [shipped.stated_confidence]
    firmer = shipped.with_overrides({"stated_confidence": 0.9})
    assert [c.confidence for c in capture(said, tuning=firmer).candidates] == [0.9]
    shorter = shipped.with_overrides({"capture_max_words": 8})
    assert capture(said, tuning=shorter).candidates == []
    offered = "You could try:\n1. The vegan bistro by the river\n2. The steakhouse downtown"
    picked = capture("The vegan bistro sounds good.", previous_reply=offered)
    assert [c.confidence for c in picked.candidates] == [shipped.shown_choice_confidence]


def test_a_benchmark_flag_sends_each_name_to_the_object_that_knows_it() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from tuning_flag import recall_tuning, turn_tuning

    pairs = ["session_beam=10", "stated_confidence=0.7"]
    assert recall_tuning(pairs).session_beam == 10
    assert turn_tuning(pairs).stated_confidence == 0.7
    with pytest.raises(SystemExit, match="no setting named 'beam'"):
        recall_tuning(["beam=3"])


def test_how_a_persons_words_are_read_is_memory_tuning() -> None:
    from memory.preferences import edit_signals, signals
    from memory.statements import own_request, own_words

    shipped = RecallTuning.defaults()
    assert [s.confidence for s in signals("I'm vegetarian.")] == [shipped.evidence_stated]
    assert [s.confidence for s in signals("A vegan recipe, please.")] == [
        shipped.evidence_chosen]
    weaker = shipped.with_overrides({"evidence_stated": 0.7, "evidence_chosen": 0.5})
    assert [s.confidence for s in signals("I'm vegetarian.", weaker)] == [0.7]
    assert [s.confidence for s in signals("A vegan recipe, please.", weaker)] == [0.5]
    edited = edit_signals("The loop is 5 miles long.", "The loop is 8 km long.", weaker)
    assert [s.confidence for s in edited] == [0.7]
    # Six sentences with no word of the speaker: the person's own below the shipped twelve,
    # pasted material once the bar is lowered to five.
    paragraph = " ".join(f"The river floods in month {n}." for n in range(6))
    assert own_words(paragraph) == paragraph
    assert own_words(paragraph, shipped.with_overrides({"paste_sentences": 5})) == ""
    long = "Tell me more about rivers. " * 60  # 1,620 characters
    assert own_request(long) == long.strip()
    cut = own_request(long, shipped.with_overrides({"request_chars": 100}))
    assert len(cut) == 101 and cut.startswith("Tell me more")


def test_the_profile_knows_a_value_by_the_memory_tuning(tmp_path: Path, stores: Any) -> None:
    from memory.facade import Memory
    from memory.preferences import catalog
    from memory.profile import Belief
    from memory.vectors import VectorIndex
    from tests.fakes import HashingEmbedder

    units = catalog()["units"]
    assert Belief.of(units, "metric", 0.85).known
    stricter = RecallTuning.defaults().with_overrides({"known_confidence": 0.9})
    assert not Belief.of(units, "metric", 0.85, tuning=stricter).known
    capped = RecallTuning.defaults().with_overrides({"max_confidence": 0.9})
    assert Belief.of(units, "metric", 0.8).updated("metric", 0.8, "stated") == (
        "metric", pytest.approx(0.96))
    assert Belief.of(units, "metric", 0.8, tuning=capped).updated(
        "metric", 0.8, "stated") == ("metric", 0.9)
    # The facade hands its tuning to the profile.
    vectors = VectorIndex(HashingEmbedder(), path=tmp_path / "chroma",  # type: ignore[arg-type]
                          url=stores.chroma_url)
    memory = Memory.open(stores.database_url or f"sqlite:///{tmp_path / 'tacit.db'}", vectors,
                         stricter)
    memory.profile.record("ana", "units", "metric", 0.85, ["t1"], "stated")
    assert not memory.profile.beliefs("ana")["units"].known


def test_capture_reads_a_sentence_said_twice_by_the_turn_tuning() -> None:
    from agents.capture import capture
    from agents.tuning import TurnTuning

    said = "I love green tea in the morning. I really love green tea in the morning."
    assert len(capture(said).candidates) == 1
    stricter = TurnTuning.defaults().with_overrides({"same_sentence_similarity": 0.95})
    assert len(capture(said, tuning=stricter).candidates) == 2


def test_a_benchmark_flag_reaches_the_numbers_moved_out_of_memory() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from tuning_flag import recall_tuning, turn_tuning

    pairs = ["evidence_answer=0.9", "request_chars=500", "same_sentence_similarity=0.95"]
    assert recall_tuning(pairs).evidence_answer == 0.9
    assert recall_tuning(pairs).request_chars == 500
    assert turn_tuning(pairs).same_sentence_similarity == 0.95
