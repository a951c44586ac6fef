"""Saving towards a sum by a time: the sum divided over the months left, and the months a
saving each month takes; what they save for kept as a fact of theirs."""

from __future__ import annotations

from datetime import date

from agents.introduced import told_about_themselves
from agents.savings import answer
from assistant.service import Tacit
from memory.facts import find_facts

TODAY = date(2026, 12, 7)
TOLD = [{"user": "I earn about 3200 a month after tax and rent is 1100.", "said": "Thanks."},
        {"user": "I also want to put aside money for a trip to Japan next autumn.",
         "said": "Thanks."}]


def test_the_sum_is_divided_over_the_months_until_the_time_they_named() -> None:
    """"How much should I save each month if the trip costs 2500?" got "the trip costs $10 per
    person (that's 2500)"."""
    reply = answer("How much should I save each month if the trip costs 2500?", TOLD, TODAY)
    assert reply is not None and reply.startswith(
        "To have 2,500 by the start of autumn 2027, 9 months from now: about 278 a month, or "
        "about 65 a week. That's 9% of the 3,200 you take home each month.")
    weekly = answer("How much do I need to put aside a week to have £1,200 by June?", [], TODAY)
    assert weekly is not None and weekly.startswith(
        "To have £1,200 by June 2027, 6 months from now: about £48 a week, or about £200 a month.")
    spans = answer("How much should I save a month to have 5000 in 18 months?", [], TODAY)
    assert spans is not None and spans.startswith("To have 5,000 by June 2028, 18 months")
    # "this summer" in December is the coming one; "next winter" in December is a year on
    assert "by the start of summer 2027, 6 months" in (answer(
        "How much should I save each month for a 2000 holiday this summer?", [], TODAY) or "")
    assert "by the start of winter 2027, 12 months" in (answer(
        "How much should I save a month to have 600 by next winter?", [], TODAY) or "")


def test_how_long_a_saving_takes_is_counted_in_months_or_weeks() -> None:
    assert answer("If I save 200 a month, how long until I have 2500?", [], TODAY) == (
        "Saving 200 a month, you reach 2,500 after 13 months, around December 2027 if you "
        "start this month.")
    assert answer("How long will it take to save 3000 if I put aside 50 a week?", [], TODAY) == (
        "Saving 50 a week, you reach 3,000 after 60 weeks (about 14 months).")


def test_without_a_sum_or_a_time_it_is_left_to_the_model() -> None:
    assert answer("How much should I save for retirement?", [], TODAY) is None
    assert answer("How much should I save each month?", [], TODAY) is None
    assert answer("How much should I save each month if the trip costs 2500?", [], TODAY) is None
    assert answer("How long will it take to get there?", [], TODAY) is None


def test_what_they_save_for_is_kept_and_said_back() -> None:
    """"I also want to put aside money for a trip to Japan next autumn." got a bamboo bike
    "with unlimited fuel capacity" from the bundled model."""
    said = "I also want to put aside money for a trip to Japan next autumn."
    assert [(f.attribute, f.value) for f in find_facts(said)] == [
        ("saving for", "a trip to Japan next autumn")]
    assert told_about_themselves(said) == (
        "Thanks for telling me. I'll remember that you're saving for a trip to Japan next "
        "autumn.")
    assert told_about_themselves("I'm saving up for my wedding.") == (
        "Thanks for telling me. I'll remember that you're saving for your wedding.")
    assert told_about_themselves("I'm learning Spanish and I have an exam in March.") == (
        "Thanks for telling me. I'll remember that you're learning Spanish and that you have "
        "an exam in March.")
    assert find_facts("I want money.") == []


def test_a_saving_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    tacit.ask("ana", "I also want to put aside money for a trip to Japan next autumn.")
    shown = tacit.ask("ana", "How much should I save each month if the trip costs 2500?").shown
    assert "To have 2,500 by the start of autumn" in shown and "a month, or about" in shown
    assert tacit.memory.facts.values("ana", "saving for") == ["a trip to Japan next autumn"]


def test_money_left_to_last_a_while_is_shared_out_by_week_and_day(tacit: Tacit) -> None:
    """"I've got 200 quid left until my loan comes in 6 weeks, how do I make it last?" got
    goals for repaying a debt, and a warning against payday loans."""
    said = "I've got 200 quid left until my loan comes in 6 weeks, how do I make it last?"
    reply = answer(said, [], date(2026, 12, 7)) or ""
    assert reply.startswith("£200 over 6 weeks is about £33 a week, or about £4.76 a day.")
    assert (answer("I have £50 to last me 10 days, how do I make it last?", [],
                   date(2026, 12, 7)) or "").startswith("£50 over 10 days is about £5.00 a day.")
    assert (answer("I've got 2 kids and 100 to last me 2 weeks, how do I make it last?", [],
                   date(2026, 12, 7)) or "").startswith("100 over 2 weeks is about 50 a week")
    shown = tacit.ask("jo", said).shown
    assert shown.startswith("£200 over 6 weeks") and "payday loan" not in shown
