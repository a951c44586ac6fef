"""What code answers because the model cannot know it: what Tacit is, the day and the time,
and reminders, which Tacit cannot set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agents.known_answers import answer, asked
from assistant.models.fake import FakeModel
from assistant.service import Tacit

NOW = datetime(2026, 12, 5, 14, 7)


@pytest.mark.parametrize(("said", "kind"), [
    ("Hi! Who are you and what can you do?", "who"),
    ("What's your name?", "who"),
    ("Can you set a reminder for 5pm to call my mum?", "reminders"),
    ("Remind me to call mum at 5.", "reminders"),
    # What it is for, told first: the model wrote "Here's a possible rephrased version".
    ("I keep forgetting to drink water. remind me every hour?", "reminders"),
    ("What should I do? Remind me tomorrow.", None),
    ("What day is it today?", "date"),
    ("what's the date?", "date"),
    ("What time is it?", "time"),
    # Not only such a question: the model (or memory) answers.
    # Doses forgotten: "there is no such thing as taking blood pressure tablets anymore".
    ("I keep forgetting to take my blood pressure tablets", "doses"),
    ("How can I remember to take my medication every day?", "doses"),
    ("I forgot to take my pills and I want to die", None),
    ("My mum keeps forgetting her pills", None),
    ("Remind me what I said about Ana.", None),
    ("Create a reminder email for the team meeting.", None),  # to write, not to set
    ("Write a two-line reminder about an unpaid invoice.", None),
    ("Who are you going to vote for?", None),
    ("What can you do about my back pain?", None),
    ("What is the time difference between London and Tokyo?", "time in"),  # from the zones
    ("What day is Christmas this year?", None),
    ("Who are you? Also, what's a good soup?", None),
    # Of Tacit itself.
    ("Do you ever lie to me?", "honest"),
    ("Can I trust you?", "honest"),
    ("Can I trust you with private stuff?", "private"),
    ("Is this conversation private?", "private"),
    ("Do you store my messages?", "private"),
    ("What can't you do?", "limits"),
    ("Can you be honest with me about your limits?", "limits"),
    ("Are you a real person?", "what"),
    ("Can I trust you with something?", "confide"),
    ("Can you keep a secret?", "confide"),
    ("Can I tell you something? I've been cutting again.", None),  # told: read, not answered
    ("Can I tell you about my day?", None),
    # What only the internet knows: "The weather is mostly sunny" was made up.
    ("Good morning! What's the weather like?", "online"),
    ("What's the news today?", "online"),
    ("What is the weather like in Spain in May usually?", None),
    # Said to Tacit of itself: "You're useless." got "you're just an empty shell".
    ("You're useless.", "complaint"),
    ("Sorry, bad day.", "apology"),
    ("I love you.", "love"),
    ("I'm useless.", None),
    ("Sorry, I meant Tuesday.", None),
    ("What time is it in Tokyo?", "time in"),
    ("What time is it in Narnia?", None),
    ("Do you have feelings?", "what"),
    # Not of Tacit, or not only.
    ("Do you lie to your parents?", None),
    ("Can you be honest with me about my essay?", None),
    ("Is this conversation private? My husband reads my phone.", None),
    ("Is the dosage right?", None),
])
def test_only_a_question_code_knows_the_answer_to_is_answered_by_code(said: str,
                                                                      kind: str | None) -> None:
    assert asked(said) == kind


def test_the_day_and_time_come_from_the_clock() -> None:
    assert answer("What day is it today?", NOW) == "Today is Saturday, 5 December 2026."
    assert answer("What time is it?", NOW) == (
        "It's 14:07 on my clock, on Saturday, 5 December.")


def test_what_tacit_is_and_that_it_sets_no_reminders_is_said_without_the_model(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """The small model called itself "your friendly AI assistant, welcome to my world", told
    the person "You can set a reminder for 5pm", and did not know the day in its prompt."""
    fake_model.enqueue("I'm your friendly AI assistant, and welcome to my world.")
    who = tacit.ask("ana", "Hi! Who are you and what can you do?")
    assert who.reply.startswith("I'm Tacit") and "What do you know about me?" in who.reply
    assert who.trace["respond"]["model"] == "composed"
    reminder = tacit.ask("ana", "Can you set a reminder for 5pm to call my mum?")
    assert reminder.reply.startswith("I can't set reminders")
    before = datetime.now()
    day = tacit.ask("ana", "What day is it today?").reply
    assert day in {f"Today is {d:%A}, {d.day} {d:%B %Y}."
                   for d in (before, before + timedelta(minutes=5))}
    assert not fake_model.history  # no model call for any of them


def test_questions_about_tacit_itself_are_answered_by_code(tacit: Tacit,
                                                           fake_model: FakeModel) -> None:
    """The small model answered "Can I trust you?" with "My role is to facilitate
    conversations based on user preferences", "Is this conversation private?" with "I'd be
    happy to discuss this conversation with you in a private setting" and "Are you a real
    person?" with "I can be any person, but you're not"."""
    fake_model.enqueue("My role is to facilitate conversations based on user preferences.")
    assert tacit.ask("ana", "Can I trust you?").reply.startswith("I never mean to mislead you")
    private = tacit.ask("ana", "Is this conversation private?").reply
    assert "Nothing leaves that machine unless a remote model was chosen" in private
    assert tacit.ask("ana", "Are you a real person?").reply.startswith("I'm not a person")
    assert tacit.ask("ana", "What can't you do?").reply.startswith("I can't browse the internet")
    assert tacit.ask("ana", "You're useless.").reply.startswith("Sorry, that wasn't good enough")
    assert not fake_model.history


def test_the_time_in_a_named_city_comes_from_the_clock_and_its_time_zone() -> None:
    """"What time is it in Tokyo?" got "In Tokyo, the time is 20:15." when it was 18:07."""
    now = datetime(2026, 12, 5, 9, 7, tzinfo=UTC)
    assert answer("What time is it in Tokyo?", now) == \
        "It's 18:07 in Tokyo, on Saturday, by my clock."
    assert answer("what's the time in New York", now) == \
        "It's 04:07 in New York, on Saturday, by my clock."
    assert answer("What time is it in Narnia?", now) is None  # no time zone: left to the model


def test_the_time_difference_between_two_cities_is_read_from_their_zones() -> None:
    """"What's the time difference between London and New York?" got "approximately 2
    hours"."""
    now = datetime(2026, 12, 7, 15, 15, tzinfo=UTC)
    assert answer("What's the time difference between London and New York?", now) == (
        "New York is 5 hours behind London right now: it's 10:15 in New York when it's 15:15 "
        "in London. Around the dates the clocks change, the gap can differ by an hour for a "
        "while.")
    # the same dates for both: no word of a gap that changes
    assert answer("Is Paris ahead of London?", now) == (
        "Paris is 1 hour ahead of London right now: it's 16:15 in Paris when it's 15:15 in "
        "London.")
    summer = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert (answer("How many hours ahead of London is Tokyo?", summer) or "").startswith(
        "Tokyo is 8 hours ahead of London right now")
    assert answer("What's the time difference between London and Narnia?", now) is None
    assert asked("What's the time difference between London and Narnia?") is None


def test_a_time_in_one_city_is_told_in_another_from_their_zones() -> None:
    """"What time is it in Tokyo when it's 9am in London?" got "It's 9am in Tokyo, not
    London."."""
    now = datetime(2026, 12, 7, 11, 40, tzinfo=UTC)
    assert answer("What time is it in Tokyo when it's 9am in London?", now) == (
        "When it's 09:00 in London, it's 18:00 in Tokyo, on today's clocks. Around the dates "
        "the clocks change, it can differ by an hour for a while.")
    assert (answer("If it's 3pm in New York, what time is it in Paris?", now) or "").startswith(
        "When it's 15:00 in New York, it's 21:00 in Paris")
    assert (answer("What's 23:30 London time in Sydney?", now) or "").startswith(
        "When it's 23:30 in London, it's 10:30 the next day in Sydney")
    assert (answer("What time is it in Paris when it's 9am in Madrid?", now) or "") == (
        "When it's 09:00 in Madrid, it's 09:00 in Paris, on today's clocks.")
    # no such hour, or no time zone known: left alone
    assert answer("What time is it in Tokyo when it's 13pm in London?", now) is None
    assert answer("What time is it in Narnia when it's 9am in London?", now) is None


def test_a_time_here_is_where_they_live_and_a_city_of_a_one_zone_country_has_its_zone() -> None:
    """"What time is it in Toronto when it's 3pm here?", from someone who lives in Bristol, got
    "It's 3pm in Toronto"; Bristol names no time zone, so no city but a zone's own was known."""
    now = datetime(2026, 12, 7, 11, 40, tzinfo=UTC)
    assert answer("What time is it in Toronto when it's 3pm here?", now,
                  home=lambda: "Bristol") == (
        "When it's 15:00 in Bristol, it's 10:00 in Toronto, on today's clocks. Around the dates "
        "the clocks change, it can differ by an hour for a while.")
    assert (answer("If it's 9am here, what time is it in Tokyo?", now) or "").startswith(
        'Where is "here" for you?')  # where they live not told: asked, not guessed
    assert answer("What time is it in Bristol?", now) == (
        "It's 11:40 in Bristol, on Monday, by my clock.")
    # a city of a country with more than one zone, not a zone's own city: not guessed
    assert answer("What time is it in Ottawa?", now) is None


def test_the_days_until_a_birthday_of_someone_named_are_counted_from_what_was_told() -> None:
    """"Rohan's birthday is on the 3rd of January." was not kept: only a relation's birthday
    ("my mum's birthday") was."""
    from memory.facts import find_facts

    told = find_facts("Rohan's birthday is on the 3rd of January. Any party ideas?")
    assert [(f.attribute, f.value) for f in told] == [("rohan's birthday", "the 3rd of January")]
    kept = {f.attribute: f.value for f in told}
    today = datetime(2026, 12, 7, 9, 0)
    assert (answer("How many days until Rohan's birthday?", today, kept.get) or "").startswith(
        "27 days (that's 3 weeks and 6 days): Rohan's birthday is on Sunday 3 January 2027")
    # as the turn reads it, the child named as theirs
    assert (answer("How many days until my child Rohan's birthday?", today, kept.get)
            or "").startswith("27 days")
    assert answer("How many days until Asha's birthday?", today, kept.get) == (
        "You haven't told me Asha's birthday yet. When is it? Tell me, and I'll count.")


def test_the_days_left_until_a_holiday_or_a_date_are_counted_from_the_clock() -> None:
    """"How many days until Christmas?" on 7 December got "Tomorrow is Thursday 31
    December."."""
    today = datetime(2026, 12, 7, 9, 0)
    assert answer("How many days until Christmas?", today) == (
        "18 days (that's 2 weeks and 4 days): Christmas Day is on Friday 25 December 2026, "
        "and today is Monday 7 December.")
    assert answer("how many sleeps till christmas", today).startswith("18 days")
    assert answer("How long until New Year?", today).startswith(
        "25 days (that's 3 weeks and 4 days): New Year's Day is on Friday 1 January 2027")
    assert "Easter Sunday is on Sunday 28 March 2027" in answer("How many days until Easter?",
                                                                 today)
    assert answer("How many days until the 3rd of March?", today).startswith("86 days")
    assert answer("How many days are there until Christmas?", today).startswith("18 days")
    assert answer("How long until the train comes?", today) is None


def test_the_days_until_their_birthday_come_from_what_they_told() -> None:
    today = datetime(2026, 12, 7, 9, 0)
    told = {"birthday": "the 3rd of March", "mum's birthday": "12 May"}.get
    assert answer("How many days until my mum's birthday?", today, told).startswith(
        "156 days (that's 22 weeks and 2 days): your mum's birthday is on Wednesday 12 May 2027")
    assert answer("How long until my birthday?", today, told) == (
        "86 days (that's 12 weeks and 2 days): your birthday is on Wednesday 3 March 2027, and "
        "today is Monday 7 December.")
    assert answer("How long until my birthday?", today).startswith(
        "You haven't told me your birthday yet.")


def test_small_talk_with_tacit_is_answered_by_code(tacit: Tacit, fake_model: FakeModel) -> None:
    """"How are you?" got "You're here, and I'm not."; "What's your favourite colour?" a story
    of "my love for this colour blue"; "You're amazing" got "I can't wait for it all to be
    over"."""
    now = datetime(2026, 12, 7, 9, 0)
    assert answer("How are you?", now) == (
        "All good here, thanks for asking. How are you doing, and what can I do for you?")
    assert (answer("What's your favourite colour?", now) or "").startswith(
        "I'm a program, so I don't have favourites")
    assert answer("You're amazing", now) == "Thank you, that's kind of you! I'm glad I could help."
    assert asked("How are you supposed to fix a leaking tap?") is None
    assert asked("Do you like it when I say please?") is None
    calls = len(fake_model.history)
    assert tacit.ask("ana", "Thanks, you're the best!").reply.startswith("Thank you")
    assert len(fake_model.history) == calls


def test_the_days_until_their_wedding_are_counted_from_the_day_they_told() -> None:
    """"I'm getting married to Sam on 14 June next year!", then "How far away is the wedding?"
    got "approximately 2.5 kilometres ... from your hotel in the city centre of London"."""
    from memory.facts import find_facts

    told = find_facts("Hi, I'm Priya. I'm getting married to Sam on 14 June next year!")
    kept = {f.attribute: f.value for f in told}
    assert kept == {"name": "Priya", "partner": "Sam", "wedding": "14 June next year"}
    today = datetime(2026, 12, 7, 9, 0)
    for asked_when in ("How far away is the wedding?", "How many days until my wedding?",
                       "How long until the big day?"):
        assert (answer(asked_when, today, kept.get) or "").startswith(
            "189 days (that's 27 weeks): your wedding is on Monday 14 June 2027"), asked_when
    assert (answer("How many days until the 3rd of May 2027?", today) or "").startswith(
        "147 days")
    assert answer("How far away is the wedding?", today) == (
        "You haven't told me the date of your wedding yet. When is it? Tell me, and I'll count.")
    assert answer("How far away is London?", today) is None
