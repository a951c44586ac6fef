"""A week planned by code: "Can you help me plan my week? I have a report due Thursday, gym three
times, and my sister's birthday on Saturday." got "gym three times on Saturday" and "4-5 times
a week is manageable" from the bundled model."""

from __future__ import annotations

from agents.capture import capture
from agents.week_plan import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit

ASKED = ("Can you help me plan my week? I have a report due Thursday, gym three times, and my "
         "sister's birthday on Saturday.")


def test_a_deadline_gets_the_days_before_it_and_so_many_times_a_week_is_spread_out() -> None:
    assert answer(ASKED) == "\n".join([
        "Here's a first draft of your week:",
        "- Monday: work on the report; gym",
        "- Tuesday: work on the report",
        "- Wednesday: finish the report and check it over; gym",
        "- Thursday: the report is due",
        "- Friday: gym; get a card and present ready for your sister's birthday",
        "- Saturday: your sister's birthday",
        "- Sunday: nothing fixed: time to rest or catch up",
        "",
        "It's a first draft: move things to suit your working hours and anything else that's "
        "fixed."])


def test_when_they_like_to_do_things_is_said_with_each_activity() -> None:
    plan = answer("Plan my week: yoga twice, dentist on Tuesday, essay due Friday",
                  lambda: "morning") or ""
    assert "- Tuesday: yoga (in the morning); dentist; work on your essay" in plan
    assert "- Friday: yoga (in the morning); your essay is due" in plan


def test_nothing_listed_or_no_week_to_plan_is_left_to_the_model() -> None:
    assert answer("Can you help me plan my week?") is None
    assert answer("I have a report due Thursday.") is None


def test_a_whole_turn_then_what_is_due_is_quoted_and_nothing_is_kept_as_a_choice(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"Remind me what's due on Thursday." after the plan was kept as a preference, the plan's
    Thursday read as an option it picked."""
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    plan = tacit.ask("ana", ASKED, session).reply
    assert plan.startswith("Here's a first draft of your week:")
    due = tacit.ask("ana", "Remind me what's due on Thursday.", session)
    assert due.reply.startswith("You told me on ") and "a report due Thursday" in due.reply
    assert len(fake_model.history) == calls
    assert not capture("Remind me what's due on Thursday.", previous_reply=plan).candidates
    tacit.flush()
    assert not tacit.memory.items("ana", "preference")
