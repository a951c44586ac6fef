"""Hard news told with nothing asked gets a word of sympathy written by code."""

from __future__ import annotations

import pytest

from agents.hard_news import GOOD, answer, how_they_are
from assistant.models.fake import FakeModel
from assistant.service import Tacit


def test_a_break_up_and_a_lost_job_told_together_are_both_named() -> None:
    """"hey. rough week. my girlfriend left me and I got made redundant on the same day" got
    "as a career advisor, my role is more focused on helping people achieve their goals"."""
    reply = answer("hey. rough week. my girlfriend left me and I got made redundant on the "
                   "same day") or ""
    assert reply.startswith("I'm so sorry. A break-up and losing your job")
    assert "all at once" in reply and "How are you holding up?" in reply
    assert (answer("I got laid off today.") or "").startswith("I'm so sorry. Losing your job")


@pytest.mark.parametrize("message", [
    "my girlfriend left me, what should I do?",        # asks: the model answers
    "we broke up last week. anyway, what's a good pasta recipe",
    "I lost my job and my keys",                       # something else told
    "my girlfriend left her umbrella here",
    "I fired the builder today",
])
def test_anything_asked_or_else_told_goes_to_the_model(message: str) -> None:
    assert answer(message) is None


def test_the_whole_turn_is_written_by_code_and_a_crisis_said_with_it_is_not(
        tacit: Tacit, fake_model: FakeModel) -> None:
    calls = len(fake_model.history)
    done = tacit.ask("ana", "my boyfriend dumped me today")
    assert done.reply.startswith("I'm so sorry. A break-up is a lot to take in.")
    assert len(fake_model.history) == calls
    crisis = tacit.ask("bo", "my boyfriend dumped me and I want to kill myself")
    assert "I'm so sorry. A break-up" not in crisis.reply


def test_a_child_who_blames_themself_for_a_divorce_is_told_it_is_not_their_fault() -> None:
    """"I'm 15 and my parents are getting divorced. I feel like it's my fault" got "your
    parents are not alone in this situation" and nothing of whose fault it is."""
    reply = answer("I'm 15 and my parents are getting divorced. I feel like it's my fault") or ""
    assert reply.startswith("I'm really sorry. Your parents splitting up is a big change")
    assert "it isn't your fault" in reply and "someone you trust" in reply
    plain = answer("my parents are splitting up") or ""
    assert plain and "fault" not in plain  # nothing of fault unless they said it
    assert answer("I feel like it's my fault") is None  # whose fault, of what: the model


def test_a_divorce_gets_sympathy_and_what_was_said_with_it_is_answered() -> None:
    """"My divorce was finalised last month and honestly I've been struggling to sleep." got a
    doctor "who specializes in medication-assisted treatment of addiction"."""
    reply = answer("My divorce was finalised last month and honestly I've been struggling to "
                   "sleep.") or ""
    assert reply.startswith("I'm sorry. A divorce is a big change")
    assert "same wake-up time" in reply and reply.endswith("How are you doing today?")
    plain = answer("I got divorced in March.") or ""
    assert plain.startswith("I'm sorry. A divorce") and "wake-up" not in plain
    assert answer("My divorce was finalised. What should I do about the house?") is None


def test_a_divorce_and_sleep_trouble_in_a_whole_turn_is_the_divorce_first(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """Sleep tips alone, with nothing of the divorce, answered the divorce and sleep trouble
    told together; then "Thanks. I think I'm ok, just tired." got "I'm sorry, I can't help you
    with that." from the model."""
    calls = len(fake_model.history)
    first = tacit.ask("ana", "My divorce was finalised last month and honestly I've been "
                      "struggling to sleep.")
    assert first.reply.startswith("I'm sorry. A divorce"), first.reply
    then = tacit.ask("ana", "Thanks. I think I'm ok, just tired.")
    assert then.reply.startswith("You're welcome. I'm glad you're doing okay.")
    assert "worn out is normal" in then.reply and len(fake_model.history) == calls


@pytest.mark.parametrize(("said", "lead"), [
    ("Not great to be honest.", "I'm sorry it's so hard right now."),
    ("Not too bad, thanks.", "I'm glad you're doing okay."),
    ("pretty rubbish and exhausted", "I'm sorry it's so hard right now."),
])
def test_how_they_are_after_being_asked_is_answered_by_how_they_feel(said: str,
                                                                      lead: str) -> None:
    asked = [{"user": "my boyfriend dumped me", "said": answer("my boyfriend dumped me") or ""}]
    assert (how_they_are(said, asked) or "").startswith(lead), said
    assert how_they_are(said, [{"user": "hi", "said": "Hi! What can I do for you?"}]) is None
    assert how_they_are("Not great. What should I do?", asked) is None  # asks: not for code


def test_a_loved_one_s_diagnosis_gets_sympathy_for_both_and_an_offer_of_ways_to_help() -> None:
    """"my mum was just diagnosed with breast cancer" got "You're not just about treating the
    disease but also for taking care of yourself", and to ask a pharmacist."""
    for told in ("my mum was just diagnosed with breast cancer",
                 "My dad has been diagnosed with lung cancer."):
        reply = answer(told) or ""
        assert reply.startswith("I'm so sorry.") and "for them and for you" in reply, told
    assert answer("my mum was diagnosed with cancer, what are the survival rates?") is None


def test_a_death_told_gets_sympathy_then_what_helps_with_grief(tacit: Tacit) -> None:
    """"My mum passed away last month." got "your mum should talk about her own feelings of
    loss with someone she trusts"; "How do I cope with this?" then got "Reflect on what happened
    during this moment. What did they say?"."""
    told = "My mum passed away last month."
    sorry = answer(told) or ""
    assert sorry.startswith("I'm so sorry for your loss. Grief comes in waves")
    assert answer("Sadly my grandad died in his sleep.") is not None
    # a pet is no person: its own word, not the one for a person's death
    assert (answer("My cat died last week.") or "").startswith("I'm so sorry. Losing a pet")
    assert answer("My dad died and I want to join him.") is None  # safety's, never a card
    session = tacit.new_session("ana").id
    assert tacit.ask("ana", told, session).reply.startswith("I'm so sorry for your loss.")
    cope = tacit.ask("ana", "How do I cope with this?", session).reply
    assert cope.startswith("There's no right way to grieve, and no timetable for it.")
    work = tacit.ask("ana", "I can't concentrate at work at all.", session).reply
    assert "Concentration and memory often suffer for months after a death" in work
    # "how do I cope?" with nothing told before is no grief of theirs
    assert not tacit.ask("bo", "How do I cope with this?").reply.startswith("There's no right")


@pytest.mark.parametrize(("told", "opens"), [
    ("I dropped my phone in the toilet.", "Oh no! Switch it off straight away"),
    ("I dropped my phone in the toilet, what should I do?", "Oh no! Switch it off"),
    ("My phone screen cracked.", "That's annoying. A screen protector"),
    ("My flight got cancelled. What are my rights?", "That's so frustrating. The airline"),
    ("I got a parking ticket.", "Annoying! Check the date on it"),
    ("My car failed its MOT.", "That's a pain. The failure sheet"),
])
def test_an_everyday_mishap_gets_what_to_do_about_it(told: str, opens: str) -> None:
    """"I dropped my phone in the toilet." got "A little too serious in this chat, no!"; "My
    flight got cancelled." got "A plane is a machine"."""
    assert (answer(told) or "").startswith(opens), told


def test_a_question_goes_with_news_only_where_the_kind_allows_it() -> None:
    assert answer("My flight got cancelled?") is None
    assert answer("My girlfriend left me, what should I do?") is None
    assert answer("I got a parking ticket and I'm furious.") is None


@pytest.mark.parametrize(("told", "opens"), [
    ("I just finished a 10k run!", "Well done, that's brilliant!"),
    ("I ran a half marathon in 2:05 today!", "Well done, that's brilliant!"),
    ("My daughter lost her first tooth.", "What a milestone!"),
])
def test_a_run_finished_and_a_first_tooth_are_good_news(told: str, opens: str) -> None:
    """"I just finished a 10k run!" got "You're a bit too enthusiastic, I'm afraid."."""
    assert (answer(told, GOOD) or "").startswith(opens), told


@pytest.mark.parametrize(("told", "opens"), [
    ("I'm so tired today.", "Sorry you're so worn out."),
    ("The kids are driving me up the wall.", "That sounds exhausting."),
    ("I've eaten way too much chocolate.", "It happens to everyone!"),
    ("My team lost the match.", "Ah, that's disappointing."),
    ("I forgot my mum's birthday.", "Don't worry, it happens to everyone."),
])
def test_a_tired_day_and_small_troubles_told_in_passing_get_a_word(told: str, opens: str) -> None:
    """"I'm so tired today." got "I'll just have to find a new job tomorrow"; "I've eaten way
    too much chocolate." got "I am not sure how to answer that"."""
    assert (answer(told) or "").startswith(opens), told


@pytest.mark.parametrize("told", ["I'm so tired of everything.", "I'm tired of living.",
                                  "I'm exhausted and I can't go on."])
def test_tired_of_life_is_no_tired_day(told: str) -> None:
    assert answer(told) is None


@pytest.mark.parametrize("message", [
    "Hello. My name is Arthur, I'm 74. My wife Margaret passed away last month.",
    "Hi, I'm Sue. My husband died last week.",
    "I'm 40. My dad passed away.",
])
def test_a_loss_told_by_someone_introducing_themselves_gets_the_word_of_sympathy(
        message: str) -> None:
    """"Hello. My name is Arthur, I'm 74. My wife Margaret passed away last month." got "It's a
    bittersweet news, isn't it?" from the model: who they are kept it from the sympathy."""
    said = answer(message)
    assert said is not None and said.startswith("I'm so sorry for your loss.")
    assert answer("I'm pregnant. My husband left me.") is None  # not only their age or name


def test_a_loss_told_with_what_they_did_and_a_pet_s_age_gets_the_word_of_sympathy() -> None:
    """"My wife did all the cooking and she died in March. I'm 79 and I can't cook." got "It
    takes courage to acknowledge the loss of someone you love, especially when they're 79";
    "Our dog Max had to be put down yesterday. He was 14." got "He was taken away from his
    owner's bed by a puppy rescue team today"."""
    said = answer("My wife did all the cooking and she died in March. I'm 79 and I can't cook.")
    assert said is not None and said.startswith("I'm so sorry for your loss. When someone who "
                                                "did so much of everyday life is gone")
    pet = answer("Our dog Max had to be put down yesterday. He was 14.")
    assert pet is not None and pet.startswith("I'm so sorry. Losing a pet")
    assert answer("My wife did all the cooking and she wants me to learn.") is None
    assert answer("He died in the film and I cried.") is None


def test_someone_s_cancer_told_with_treatment_ahead_gets_the_word_of_sympathy() -> None:
    """"My husband has bowel cancer and starts chemo next week." got "A doctor's appointment is
    scheduled for tomorrow, December 20th" from the model."""
    said = answer("My husband has bowel cancer and starts chemo next week.")
    assert said is not None and said.startswith("I'm so sorry. News like this about someone you "
                                                "love")
    assert answer("My husband has cancer and I can't cope with any of it.") is None
