"""A study plan written by code: the weeks and their aims, a day's minutes shared out."""

from __future__ import annotations

from agents.study_plan import answer
from assistant.service import Tacit


def test_a_plan_is_shaped_by_the_weeks_the_minutes_and_the_language_learnt() -> None:
    """"Make me a study plan for the next 4 weeks, 30 minutes a day." got "Wednesday -
    90-minutes on Friday evening" and "5 hours nightly"."""
    plan = answer("Make me a study plan for the next 4 weeks, 30 minutes a day.",
                  lambda: ["Spanish"]) or ""
    lines = plan.splitlines()
    assert lines[0] == "A 4-week study plan for Spanish, a little every day:"
    assert [line.split(":")[0] for line in lines[1:5]] == [
        "- Week 1", "- Week 2", "- Week 3", "- Week 4"]
    assert "Each day (30 minutes):" in lines
    assert "- 5 minutes: flashcards of the words you've learnt" in plan
    assert "- 20 minutes: something new" in plan
    maths = answer("Can you make a revision timetable for my maths exam? 6 weeks, an hour a "
                   "day") or ""
    assert maths.startswith("A 6-week study plan for maths")
    assert "Each day (60 minutes):" in maths and "- Week 6: rehearse" in maths
    assert "flashcards of the words" not in maths


def test_a_question_about_plans_or_an_impossible_plan_is_left_alone() -> None:
    assert answer("What is a study plan?") is None
    assert answer("Make me a study plan for 20 weeks.") is None
    assert answer("Make me a meal plan for the week.") is None


def test_a_plan_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    tacit.ask("ana", "I'm learning Spanish.")
    shown = tacit.ask("ana", "Make me a study plan for the next 4 weeks, 30 minutes a day.").shown
    assert shown.startswith("A 4-week study plan for Spanish")
