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


def test_a_day_is_put_in_order_with_times_read_by_what_they_are(tacit: Tacit) -> None:
    """"Help me plan my day tomorrow: gym at 7, work 9 to 5, and dinner with Sam at 7pm." got
    "I'm glad you're having a great time at the party" and a diet assumed."""
    from agents.week_plan import day

    asked = "Help me plan my day tomorrow: gym at 7, work 9 to 5, and dinner with Sam at 7pm."
    assert day(asked) == (
        "Here's tomorrow, in order:\n- 07:00 gym\n- 09:00–17:00 work\n- 19:00 dinner with Sam"
        "\n\nLeave time to get between them and for meals; tell me anything to move and I'll "
        "redo it.")
    loose = day("Plan my day: meeting at 10.30, dinner with Ana at 8, call the bank")
    assert loose is not None and "- 10:30 meeting\n- 20:00 dinner with Ana" in loose
    assert "Also to fit in: call the bank." in loose
    assert day("Plan my week: gym twice") is None
    done = tacit.ask("ana", asked)
    assert done.reply == day(asked) and "Assumed" not in done.shown
