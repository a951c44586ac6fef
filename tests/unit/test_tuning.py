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
