"""What a runner, a renter, an expectant mother, a man made redundant and a Spanish learner
told or asked, answered by code.

"If I run 10k in 55 minutes, what's my pace per kilometre?" got "10km / 5min = 2meters per
kilometer"; "I rent a flat in Leeds" kept no city, so "What city do I live in?" was not known;
"What was my old job?" (after "I was made redundant last week after 15 years as a warehouse
supervisor.", which got "However, I'd be happy to assist") was answered with their age; "How
far along am I?" and "What medicine do I take?" were not known; "I'm learning Spanish because
we're going to Mexico in March." got "In Spanish, "Marcho" is a month in Mexico", and "When are
we going to Mexico?" got "I'm going to Mexico in March."
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agents import (
    about_me,
    hard_news,
    known_answers,
    medicine_mix,
    pace,
    periods,
    phrases,
    savings,
)
from agents.introduced import acknowledged
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from memory import facts


@pytest.mark.parametrize(("asked", "said"), [
    ("If I run 10k in 55 minutes, what's my pace per kilometre?",
     "10 km in 55:00 is a pace of 5:30 per kilometre (8:51 per mile)"),
    ("What pace is a 25 minute 5k?", "5 km in 25:00 is a pace of 5:00 per kilometre"),
    ("What's the pace for a 4 hour marathon?",
     "A marathon (42.2 km) in 4:00:00 is a pace of 5:41 per kilometre (9:09 per mile)"),
    ("What's my pace if I run 3 miles in 27 minutes?",
     "3 miles in 27:00 is a pace of 9:00 per mile (5:36 per kilometre)"),
    ("If I run 5:30 per km, how long will a marathon take?",
     "A marathon (42.2 km) at 5:30 per kilometre takes about 3:52:04"),
    ("I run 9 minute miles. How long would a half marathon take?",
     "A half marathon (21.1 km) at 9:00 per mile takes about 1:57:59"),
])
def test_a_runner_s_pace_and_finishing_time_are_worked_out(asked: str, said: str) -> None:
    reply = pace.answer(asked)
    assert reply is not None and reply.startswith(said), reply


@pytest.mark.parametrize("asked", [
    "How long is a half marathon in miles?", "I ran 5k today, it took 30 minutes",
    "How long will it take me to walk 5 km?", "I ran 10k in 50 minutes and 5k in 20 minutes, "
    "what's my pace?",
])
def test_what_is_not_one_pace_to_work_out_is_left(asked: str) -> None:
    assert pace.answer(asked) is None


def test_the_pace_reaches_the_person(tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("priya").id
    reply = tacit.ask("priya", "If I run 10k in 55 minutes, what's my pace per kilometre?",
                      session).reply
    assert "5:30 per kilometre" in reply and not fake_model.history


@pytest.mark.parametrize(("said", "found"), [
    ("I rent a flat in Leeds and there's black mould in the bedroom.", [("home city", "Leeds")]),
    ("We own a house in York.", [("home city", "York")]),
    ("We own a holiday cottage in Cornwall.", []),
    ("I was made redundant last week after 15 years as a warehouse supervisor.",
     [("former job", "warehouse supervisor")]),
    ("I lost my job as a chef.", [("former job", "chef")]),
    ("I used to be a nurse.", [("former job", "nurse")]),
    ("I used to be a smoker.", []),
    ("I'm a warehouse supervisor.", [("job", "warehouse supervisor")]),
])
def test_a_home_rented_and_a_job_lost_are_facts(said: str,
                                                found: list[tuple[str, str]]) -> None:
    assert [(f.attribute, f.value) for f in facts.find_facts(said)] == found


def test_the_job_they_lost_is_what_their_old_job_was(tacit: Tacit) -> None:
    session = tacit.new_session("dave").id
    first = tacit.ask("dave", "I was made redundant last week after 15 years as a warehouse "
                      "supervisor.", session)
    reply = tacit.ask("dave", "What was my old job?", session).reply
    assert "Former job: warehouse supervisor" in reply and "Age" not in reply, reply
    assert first.reply.startswith("I'm so sorry. Losing your job is a lot to take in.")
    assert about_me.asks_about("How old am I?") == ("age",)


def test_the_city_of_a_home_rented_is_where_they_live(tacit: Tacit) -> None:
    session = tacit.new_session("jo").id
    tacit.ask("jo", "I rent a flat in Leeds and there's black mould in the bedroom.", session)
    assert "Leeds" in tacit.ask("jo", "What city do I live in?", session).reply


@pytest.mark.parametrize("told", [
    "I was made redundant last week after 15 years as a warehouse supervisor.",
    "I got laid off after 3 years at the council.",
])
def test_a_job_lost_after_years_is_hard_news(told: str) -> None:
    assert (hard_news.answer(told) or "").startswith("I'm so sorry. Losing your job")


def test_how_far_along_and_which_medicine_are_said_from_their_own_words(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("lena").id
    tacit.ask("lena", "I'm 12 weeks pregnant with my first baby.", session)
    tacit.ask("lena", "I have type 2 diabetes and take metformin.", session)
    calls = len(fake_model.history)
    along = tacit.ask("lena", "How far along am I?", session).reply
    assert "“I'm 12 weeks pregnant with my first baby.”" in along, along
    taken = tacit.ask("lena", "What medicine do I take?", session).reply
    assert "metformin" in taken and len(fake_model.history) == calls, taken


def test_a_trip_told_with_what_they_learn_is_said_back_and_asked_of(
        tacit: Tacit, fake_model: FakeModel) -> None:
    told = "I'm learning Spanish because we're going to Mexico in March."
    assert acknowledged(told) == ("Thanks for telling me. I'll remember that you're learning "
                                  "Spanish and that you're going to Mexico in March.")
    # a trip alone may answer "Where are you going?", and the request asked goes on
    assert acknowledged("We're off to Lisbon for a week.") == ""
    assert acknowledged("I'm going to the doctor on Monday.") == ""
    session = tacit.new_session("sam").id
    tacit.ask("sam", told, session)
    calls = len(fake_model.history)
    reply = tacit.ask("sam", "When are we going to Mexico?", session).reply
    assert "going to Mexico in March" in reply and len(fake_model.history) == calls, reply


def _by_code(tacit: Tacit, fake_model: FakeModel, told: list[str], asked: str) -> str:
    """The reply to ``asked`` after ``told`` in one conversation, written with no model call."""
    session = tacit.new_session("someone").id
    for said in told:
        tacit.ask("someone", said, session)
    calls = len(fake_model.history)
    reply = tacit.ask("someone", asked, session).reply
    assert len(fake_model.history) == calls, reply
    return reply


PENSION = "I'm 74 and I live on my state pension of £221 a week."


@pytest.mark.parametrize(("asked", "told", "said"), [
    ("How much is that a month?", PENSION,
     "£221 a week is about £957.67 a month (52 weeks in a year, shared over 12 months)."),
    ("And how much is that a year?", PENSION, "£221 a week is about £11,492 a year"),
    ("My rent is £950 a month, how much is that a year?", "",
     "£950 a month is about £11,400 a year (12 months in a year)."),
    ("I earn £35k a year, what is that monthly?", "",
     "£35,000 a year is about £2,916.67 a month (12 months in a year)."),
    ("I spend £10 a day, how much is that a week?", "",
     "£10 a day is about £70 a week (7 days in a week)."),
])
def test_a_sum_told_for_one_stretch_is_worked_out_for_another(asked: str, told: str,
                                                              said: str) -> None:
    recent = [{"user": told, "assistant": "Noted."}] if told else []
    assert (periods.answer(asked, recent) or "").startswith(said)


@pytest.mark.parametrize("asked", ["How much is that a month?", "How much is that a week?"])
def test_no_sum_or_the_same_stretch_is_left(asked: str) -> None:
    told = [{"user": "I live on my state pension of £221 a week.", "assistant": "Noted."}]
    assert periods.answer(asked, told if asked.endswith("week?") else []) is None


def test_a_pensioner_s_sums_and_what_they_get_are_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("joan").id
    tacit.ask("joan", PENSION, session)
    calls = len(fake_model.history)
    assert "£957.67 a month" in tacit.ask("joan", "How much is that a month?", session).reply
    got = tacit.ask("joan", "How much do I get a week?", session).reply
    assert "£221 a week" in got and len(fake_model.history) == calls, got


def test_a_separation_after_years_is_hard_news() -> None:
    assert (hard_news.answer("My wife and I are separating after 20 years.") or "").startswith(
        "I'm so sorry. A break-up is a lot to take in.")
    assert hard_news.answer("My wife and I are going to Spain.") is None


def test_a_christmas_dinner_and_its_guests_diets_are_said_back_and_asked_of(
        tacit: Tacit, fake_model: FakeModel) -> None:
    told = "I'm hosting Christmas dinner for 12 people. One is vegan and two are gluten-free."
    assert acknowledged(told) == (
        "Thanks for telling me. I'll remember that you're hosting Christmas dinner for 12 "
        "people and that one is vegan and two are gluten-free.")
    session = tacit.new_session("meg").id
    tacit.ask("meg", told, session)
    calls = len(fake_model.history)
    coming = tacit.ask("meg", "How many people are coming?", session).reply
    assert "12 people" in coming and len(fake_model.history) == calls, coming


def test_a_day_told_then_asked_of_is_counted() -> None:
    now = datetime(2026, 12, 7, 20, 0)
    assert known_answers.answer("My MOT is due on 14 January. How many days is that?", now) == (
        "38 days (that's 5 weeks and 3 days): it is on Thursday 14 January 2027, and today is "
        "Monday 7 December.")
    assert (known_answers.answer("The deadline is 3rd of March, how long is that?", now) or ""
            ).startswith("86 days")
    assert known_answers.answer("I have 3 apples. How many days is that?", now) is None


def test_a_hobby_taken_up_and_english_excused_are_said_back() -> None:
    assert acknowledged("I've started knitting as a hobby. I'm a complete beginner.") == (
        "Thanks for telling me. I'll remember that you've started knitting as a hobby and that "
        "you're a complete beginner.")
    assert acknowledged("I've started drinking again") == ""
    assert acknowledged("I am from Poland, I live in Manchester 2 years, my english not so "
                        "good.") == ("Thanks for telling me. I'll remember that you're from "
                                     "Poland and that you live in Manchester. Your English is "
                                     "fine: I understand you well.")
    assert [(f.attribute, f.value) for f in facts.find_facts("I live in Manchester 2 years")] == [
        ("home city", "Manchester")]


def test_the_age_a_grandchild_turns_is_said_from_their_words(
        tacit: Tacit, fake_model: FakeModel) -> None:
    reply = _by_code(tacit, fake_model, ["My granddaughter Mia turns 6 on 14 March."],
                     "How old will Mia be on her birthday?")
    assert "“My granddaughter Mia turns 6 on 14 March.”" in reply, reply


def test_being_shouted_at_work_is_met_with_sympathy_and_not_someone_close() -> None:
    reply = hard_news.answer("A patient's relative shouted at me today and I cried in the toilet.")
    assert (reply or "").startswith("I'm sorry, that sounds horrible. Being shouted at while "
                                    "you're doing your job is upsetting")
    assert "Crying afterwards is a normal reaction" in (reply or "")
    assert hard_news.answer("My husband shouted at me and I cried") is None


def test_a_ward_they_work_on_is_kept_with_the_job() -> None:
    assert [(f.attribute, f.value) for f in facts.find_facts(
        "I'm a nurse on a busy surgical ward.")] == [("job", "nurse on a busy surgical ward")]
    assert acknowledged("I'm a nurse on a busy surgical ward.") == (
        "Thanks for telling me. I'll remember that you're a nurse on a busy surgical ward.")


@pytest.mark.parametrize(("told", "said"), [
    ("GCSEs in May", "20 weeks and 5 days (145 days) until the start of May 2027: your GCSEs "
                     "in May, as you told me."),
    ("exams start on 3 June", "25 weeks and 1 day (176 days) until the start of June 2027"),
    (None, "You haven't told me when your exams are yet."),
])
def test_the_weeks_until_their_exams_are_counted_from_what_they_told(told: str | None,
                                                                     said: str) -> None:
    now = datetime(2026, 12, 7, 20, 0)
    reply = known_answers.answer("How many weeks until my exams?", now,
                                 lambda whose: told if whose == "exams" else None)
    assert (reply or "").startswith(said), reply


def test_a_new_father_is_congratulated_and_his_temper_lost_met_kindly() -> None:
    assert acknowledged("Hi, I'm Tom. I'm a software developer and I've just become a dad for "
                        "the first time.") == (
        "Nice to meet you, Tom! Congratulations on becoming a dad! I'll remember that you're a "
        "software developer.")
    assert acknowledged("Our daughter Isla was born last Tuesday.") == (
        "Thanks for telling me. Congratulations on your new daughter! I'll remember that your "
        "daughter is Isla.")
    snapped = hard_news.answer("I'm exhausted and I snapped at my wife today. I feel terrible.")
    assert (snapped or "").startswith("That happens to almost everyone when they're worn out")
    assert hard_news.answer("I snapped at my wife and I'm scared I'll hurt her") is None


def test_a_parent_s_condition_is_said_from_their_words(tacit: Tacit,
                                                       fake_model: FakeModel) -> None:
    reply = _by_code(tacit, fake_model, ["My dad has dementia and he keeps getting up at night "
                                         "and wandering."], "What's my dad's condition?")
    assert "“My dad has dementia" in reply


SMOKED = "I'm trying to quit smoking, I've smoked 20 a day for 30 years."


def test_what_giving_up_smoking_saves_is_worked_out_and_is_no_savings_goal() -> None:
    told = [{"user": SMOKED, "assistant": "Noted."}]
    asked = "How much money will I save in a year if a pack costs £16?"
    assert periods.smoking_saved(asked, told) == (
        "At 20 a day and £16 for a pack of 20, that's £16 a day: about £5,840 a year.")
    assert periods.smoking_saved(asked, []) is None
    assert savings.answer(asked, [], date(2026, 12, 7)) is None
    assert savings.answer("How much will I need to save a month to have £1,200 by June?", [],
                          date(2026, 12, 7)) is not None


def test_a_smoker_s_years_and_a_diagnosis_are_said_from_their_words(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("bob").id
    tacit.ask("bob", SMOKED, session)
    tacit.ask("bob", "I'm 68 and I've just been diagnosed with type 2 diabetes.", session)
    calls = len(fake_model.history)
    smoked = tacit.ask("bob", "How long have I smoked for?", session).reply
    assert "for 30 years" in smoked, smoked
    diagnosed = tacit.ask("bob", "What did the doctor diagnose me with?", session).reply
    assert "type 2 diabetes" in diagnosed and len(fake_model.history) == calls, diagnosed


def test_a_diagnosis_and_money_after_rent_are_said_back() -> None:
    assert acknowledged("I'm 68 and I've just been diagnosed with type 2 diabetes.") == (
        "Thanks for telling me. I'll remember that you're 68. I'll bear in mind that you've just "
        "been diagnosed with type 2 diabetes while we talk, when I suggest food, exercise or "
        "medicines.")
    assert acknowledged("I'm a student in Bristol and I've got £400 a month after rent.") == (
        "Thanks for telling me. I'll remember that you're a student in Bristol and that you've "
        "got £400 a month after rent.")


def test_a_parent_gone_into_care_is_met_kindly_and_a_debt_said_from_their_words(
        tacit: Tacit, fake_model: FakeModel) -> None:
    reply = hard_news.answer("My mum is 89 and she's just moved into a care home.")
    assert (reply or "").startswith("That's a big change, for them and for you.")
    guilty = hard_news.answer("My dad has gone into a nursing home and I feel so guilty.") or ""
    assert "Feeling guilty is very common" in guilty
    owed = _by_code(tacit, fake_model, ["I owe £3,000 on my credit card."], "How much do I owe?")
    assert "£3,000" in owed


def test_a_painkiller_asked_of_with_an_antidepressant_told_before_gets_the_advice() -> None:
    told = [{"user": "I take sertraline for depression.", "assistant": "Noted."}]
    reply = medicine_mix.answer("Can I take ibuprofen with it?", told) or ""
    assert reply.startswith("Ibuprofen, aspirin and other anti-inflammatory painkillers raise "
                            "the risk of bleeding")
    assert medicine_mix.answer("Can I take ibuprofen with it?", []) is None


def test_children_told_with_their_ages_on_a_trip_are_kept(tacit: Tacit,
                                                          fake_model: FakeModel) -> None:
    reply = _by_code(tacit, fake_model, ["We're driving to Cornwall with two kids aged 4 and 7. "
                                         "It's a 5 hour drive."], "How old are my kids?")
    assert "4 and 7" in reply
    assert facts.find_facts("I went to the park with two friends aged 30") == []


def test_a_night_guard_s_job_and_a_prescription_asked_for_abroad() -> None:
    assert [(f.attribute, f.value) for f in facts.find_facts(
        "I work nights as a security guard.")] == [("job", "security guard"), ("shifts", "nights")]
    assert phrases.answer('How do I say "I need a prescription" in Spanish?') == (
        "In Spanish: Necesito una receta")


def test_grandchildren_missed_are_met_kindly_and_a_day_of_ours_said_from_their_words(
        tacit: Tacit, fake_model: FakeModel) -> None:
    missed = hard_news.answer("It's so quiet here, I miss my grandchildren.") or ""
    assert missed.startswith("Missing them is natural, above all when they live far away.")
    assert hard_news.answer("I miss my mum so much, she died last year") is None
    reply = _by_code(tacit, fake_model, ["Our embryo transfer is on Friday."],
                     "When is our transfer?")
    assert "“Our embryo transfer is on Friday.”" in reply


def test_cigarettes_bought_are_not_how_many_a_day() -> None:
    asked = "How much money will I save in a year if a pack costs £16?"
    assert periods.smoking_saved(asked, [{"user": "I bought 20 cigarettes yesterday",
                                          "assistant": "Noted."}]) is None
    assert (periods.smoking_saved(asked, [{"user": "I smoke 10 cigarettes a day",
                                           "assistant": "Noted."}]) or "").endswith(
        "about £2,920 a year.")
