"""Recall's tuned numbers are data: shipped defaults, overridable by name, checked."""

from __future__ import annotations

import pytest

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
