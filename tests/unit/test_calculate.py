"""Sums and conversions asked outright are answered exactly, by code; anything more is not."""

from __future__ import annotations

import pytest

from agents.calculate import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit


@pytest.mark.parametrize(("asked", "reply"), [
    ("What's 15% of 80?", "15% of 80 is 12."),
    ("what is (12 + 3) * 4?", "(12 + 3) * 4 = 60."),
    ("What is 10 divided by 4?", "10 / 4 = 2.5."),
    ("How many minutes are in 3.5 hours?", "3.5 hours is 210 minutes."),
    ("how many feet in a mile?", "A mile is 5,280 feet."),
    ("convert 10 km to miles please", "10 kilometres is 6.21 miles."),
    ("70°F in celsius", "70°F is 21.11°C."),
    ("How many ounces are in 250 grams?", "250 grams is 8.82 ounces."),
    ("10 US gallons to litres", "10 US gallons is 37.85 litres."),
])
def test_a_sum_or_a_conversion_is_worked_out(asked: str, reply: str) -> None:
    assert answer(asked) == reply


@pytest.mark.parametrize("asked", [
    "What's 15% of 80, and is that a good tip?", "what is love?", "2020-2021", "What is 7/0?",
    "Call me at 555-1234", "How many km in 3 hours?", "What time is it?",
])
def test_anything_else_is_left_to_the_model(asked: str) -> None:
    assert answer(asked) is None


def test_through_a_turn_no_model_writes_it_and_nothing_is_assumed(
        tacit: Tacit, fake_model: FakeModel) -> None:
    done = tacit.ask("ana", "convert 5 miles to km")
    assert done.shown == "5 miles is 8.05 kilometres."  # no "(Assumed units: …)" after it
    assert not any(h[-1]["content"].startswith("convert 5 miles") for h in fake_model.history)
