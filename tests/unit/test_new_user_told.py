"""What a new user told of themselves, kept and said back: a child told of by age alone, a
name given "by the way"."""

from __future__ import annotations

import pytest

from agents.introduced import told_about_themselves
from assistant.service import Tacit
from memory import facts


@pytest.mark.parametrize(("said", "found"), [
    ("My daughter is 17 and I think she has an eating disorder.",
     [("children", "a 17 year old daughter")]),
    ("My 2 year old has massive tantrums in the supermarket.",
     [("children", "a 2 year old child")]),
    ("My 15 year old son spends all night gaming.", [("children", "a 15 year old son")]),
    ("I'm planning a birthday party for my son who's turning 6.",
     [("children", "a son turning 6")]),
    ("My son is 6 feet tall.", []),
    ("My friend's 15 year old son is ill.", []),
    ("I'm Hannah by the way, I teach Year 4.", [("teaches", "Year 4"), ("name", "Hannah")]),
])
def test_a_child_told_of_by_age_alone_and_a_name_given_by_the_way_are_facts(
        said: str, found: list[tuple[str, str]]) -> None:
    """"My daughter is 17 and ..." kept nothing, so "How old is my daughter?" got "your daughter
    is 61 years and 3 days old!"; "I'm Hannah by the way" kept no name."""
    assert [(f.attribute, f.value) for f in facts.find_facts(said)] == found


def test_the_age_of_a_child_told_of_by_age_alone_is_said_back_when_asked(tacit: Tacit) -> None:
    """"How old will my son be?", after "I'm planning a birthday party for my son who's turning
    6.", got "it's not about the age of your son"; "How old is my child?" after "My 2 year old
    has massive tantrums" got "A child is typically around 12 years old.\""""
    told = tacit.ask("jo", "I'm planning a birthday party for my son who's turning 6.")
    assert "birthday party for your son who's turning 6" in told.reply, told.reply
    assert tacit.ask("jo", "How old will my son be?").reply.startswith(
        "Your son is turning 6, from what you've told me")
    tacit.ask("kim", "My daughter is 17.")
    assert tacit.ask("kim", "How old is my daughter?").reply.startswith(
        "Your daughter is 17, from what you've told me")
    assert not tacit.ask("kim", "How old is my son?").reply.startswith("Your daughter")


def test_a_party_for_a_child_is_said_back_whole() -> None:
    """The party is said back with the child, not only that they have a son turning 6."""
    assert told_about_themselves("I'm planning a birthday party for my son who's turning 6.") \
        == ("Thanks for telling me. I'll remember that you're planning a birthday party for your "
            "son who's turning 6.")
    assert told_about_themselves("My daughter is 17.") == \
        "Thanks for telling me. I'll remember that you have a 17 year old daughter."


def test_what_they_teach_is_kept_and_said_back() -> None:
    """"I'm Hannah by the way, I teach Year 4." got "I've been working on a new curriculum for
    Year 4" from the model."""
    assert [(f.attribute, f.value) for f in facts.find_facts("I teach Year 4.")] == \
        [("teaches", "Year 4")]
    assert facts.find_facts("I teach my kids to swim.") == []
    assert told_about_themselves("I'm Hannah by the way, I teach Year 4.") == \
        "Nice to meet you, Hannah! I'll remember that you teach Year 4."


@pytest.mark.parametrize(("told", "asked"), [
    ("I'm Hannah, I teach Year 4.", "What year do I teach?"),
    ("My garden faces north and gets little sun.", "Which way does my garden face?"),
    ("I got a parking fine for £70 but the sign was covered by a tree.",
     "How much was the fine?"),
    ("We're buying our first house, it's £250,000 and we have a £25,000 deposit.",
     "How much deposit do we have?"),
    ("My neighbours play loud music until 2am every night.", "How late do they play music?"),
    ("My husband has bowel cancer and starts chemo next week.",
     "What kind of cancer does my husband have?"),
    ("I want to start cycling to work, it's 8 miles each way.", "How far is my commute?"),
    ("I've just started uni in Glasgow and I'm really homesick.", "Where am I studying?"),
])
def test_what_they_told_is_said_back_in_their_words(tacit: Tacit, told: str,
                                                   asked: str) -> None:
    """Each question got a made-up answer from the model: "Adele, a creative writing student at
    Hogwarts", "East", "The fine was £7.", "You've asked a question that requires some
    explanation.", "the Symphony of Non-Music", "There are many different types of cancer",
    "Your commute is approximately 2.5 miles" and "a coffee shop in the city of Tokyo"."""
    session = tacit.new_session("pat").id
    tacit.ask("pat", told, session)
    said = tacit.ask("pat", asked, session).reply
    assert said.startswith("You told me on ") and f"“{told}”" in said, said


@pytest.mark.parametrize("asked", ["How much sugar do I need?", "What colour do I like?",
                                   "How much is a pint of milk?"])
def test_a_question_of_the_world_is_not_one_of_what_they_told(asked: str) -> None:
    from agents.about_me import of_their_words

    assert of_their_words(asked) == []


@pytest.mark.parametrize(("told", "said_back"), [
    ("I'm a primary school teacher and we've got Ofsted next week.",
     "you're a primary school teacher and that you've got Ofsted next week."),
    ("I'm best man at my brother's wedding in August.",
     "you're best man at your brother's wedding in August."),
    ("I'm a wheelchair user and I'm flying to Lisbon in June.",
     "you're a wheelchair user and that you're flying to Lisbon in June."),
    ("I'm 17 and my driving test is in two weeks.",
     "you're 17 and that your driving test is in two weeks."),
    ("I'm 50 and I've never learned to swim.", "you're 50 and that you've never learned to swim."),
    ("We're buying our first house, it's £250,000 and we have a £25,000 deposit.",
     "you're buying your first house, that it's £250,000 and that you have a £25,000 deposit."),
])
def test_an_inspection_a_wedding_a_wheelchair_a_test_and_never_swimming_are_said_back(
        told: str, said_back: str) -> None:
    """Each got the model's words: "I'm Dr. Elena Petrova", "I'll be taking care of you
    tonight", "I couldn't put a good answer together in English just now", "It takes time for
    the brain to process information after sleeps", "a lifelong dream of swimming", "We're not
    sure what to do with the £25,000 deposit"."""
    assert told_about_themselves(told) == f"Thanks for telling me. I'll remember that {said_back}"


def test_a_test_ahead_said_with_a_fear_goes_on_to_the_reply() -> None:
    assert told_about_themselves("My exam is in May and I'm scared I'll fail.") == ""
    assert told_about_themselves("It's £250,000.") == ""  # a price alone may answer a question


def test_what_they_sell_and_made_from_it_is_said_back() -> None:
    """"I sell handmade candles on Etsy, I made about £6,000 last year." got "That's a bit of an
    exaggeration" from the model."""
    assert told_about_themselves("I sell handmade candles on Etsy, I made about £6,000 last "
                                 "year.") == ("Thanks for telling me. I'll remember that you sell "
                                              "handmade candles on Etsy and that you made about "
                                              "£6,000 last year.")
    assert told_about_themselves("I sell cakes, how do I price them?") == ""


def test_an_age_said_of_someone_of_theirs_is_said_back_when_asked(tacit: Tacit) -> None:
    """"How old was my nan?", after "My nan died last week ..." and "She was 92, she loved
    gardening and she raised five kids.", got "I'm sorry for your loss, I can't make myself
    remember that.\""""
    session = tacit.new_session("lou").id
    tacit.ask("lou", "My nan died last week and I have to write her eulogy.", session)
    tacit.ask("lou", "She was 92, she loved gardening and she raised five kids.", session)
    said = tacit.ask("lou", "How old was my nan?", session).reply
    assert said.startswith("You told me on ") and "“She was 92, she loved gardening" in said, said
    assert not tacit.ask("lou", "How old was my grandad?", session).reply.startswith(
        "You told me on")


def test_a_bad_shoulder_is_borne_in_mind_and_a_rule_asked_of_is_listed(tacit: Tacit) -> None:
    """"I've got a bad shoulder." got "You have a medical condition called shoulder dystonia";
    "What did I ask about workouts?", after a rule for workouts, got "I'll explain it in a way
    that's easy to understand"."""
    assert told_about_themselves("I've got a bad shoulder.") == (
        "Thanks for telling me. I'll bear in mind that you've got a bad shoulder while we talk, "
        "when I suggest food, exercise or medicines.")
    tacit.ask("kit", "Whenever I ask for a workout, keep it under 20 minutes.")
    listed = tacit.ask("kit", "What did I ask about workouts?").reply
    assert "keep it under 20 minutes" in listed, listed
    from agents.about_me import asks_for_rules

    assert not asks_for_rules("What did I tell you about my job?")
    assert not asks_for_rules("What did I ask about the weather yesterday?")
