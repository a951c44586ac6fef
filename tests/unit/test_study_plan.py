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


def test_an_exam_less_than_two_weeks_away_gets_a_plan_of_days_up_to_it() -> None:
    """"I have an exam on cell biology next Friday, can you make me a revision plan?" got a
    4-week plan and "Tell me the subject and the date you're working towards"; "for Friday"
    was read as the subject."""
    from datetime import date

    monday = date(2026, 12, 7)
    plan = answer("I have an exam on cell biology next Friday, can you make me a revision "
                  "plan?", today=monday) or ""
    lines = plan.splitlines()
    assert lines[0] == ("An 11-day revision plan for cell biology, up to your exam on Friday 18 "
                        "December:")
    assert [line.split(":")[0] for line in lines[1:5]] == [
        "- Days 1–2", "- Days 3–8", "- Days 9–10", "- Day 11, the day before"]
    assert "Tell me the subject" not in plan
    short = answer("Make me a study plan for Friday", today=monday) or ""
    assert short.startswith("A 4-day revision plan, up to your exam on Friday 11 December")
    assert "for Friday" not in short.splitlines()[0] and "a week off" not in short
    later = answer("Make me a revision plan for my physics exam on the 3rd of January",
                   today=monday) or ""
    assert later.startswith("A 3-week study plan for physics, up to your exam on Sunday 3 "
                            "January")


def test_an_exam_day_said_as_a_date_is_the_first_such_day_from_today() -> None:
    from datetime import date

    from agents.study_plan import exam_day

    december = date(2026, 12, 7)
    assert exam_day("on the 3rd", december) == date(2027, 1, 3)
    assert exam_day("on the 30th of January", december) == date(2027, 1, 30)
    assert exam_day("on the 31st", date(2026, 11, 20)) == date(2026, 12, 31)
    assert exam_day("next Friday", december) == date(2026, 12, 18)
    assert exam_day("on Friday", december) == date(2026, 12, 11)
