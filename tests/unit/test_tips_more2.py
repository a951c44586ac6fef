"""Tips for the garden, the home computer, food and a small business, written by code
(``data/tips.yaml``).

"My tomatoes have yellow leaves at the bottom, what's wrong?", "How do I get photos from my
phone onto my computer?", "How do I reset my router?", "How many calories should I eat a day?",
"How do I price my cakes?" and "I'm thinking of hiring my first employee, what do I need to
know?" got made-up or muddled answers from the bundled model. Each gets its topic's tips; a
message that tells of danger, or asks something else in the same words, does not. "I'm awful
at small talk", "my flatmates never clean, I do everything" and "I can't remember things for my
exams, help" went to no topic or the wrong one, and now reach theirs.
"""

from __future__ import annotations

import pytest

from agents.tips import answer

TOMATO = "Yellowing of the oldest leaves at the bottom of a tomato plant is very common"
PHOTOS = "There are a few easy ways, depending on how many photos there are"
ROUTER = "Try a simple restart first; a full reset is a last resort"
CALORIES = "There's no single right number, as it depends on the person"
PRICING = "A price needs to cover everything that goes into each item"
EMPLOYEE = "Here's what's needed in the UK; the rules differ in other countries"
SMALL_TALK = "Small talk is a skill"
FLAT_CHORES = "A chores rota works best when everyone agrees it together"
MEMORISING = "Things stick best when you make yourself pull them back out of memory"
COUPLE_CHORES = "Chores are one of the most common things couples argue about"


@pytest.mark.parametrize(("message", "lead"), [
    ("My tomatoes have yellow leaves at the bottom, what's wrong?", TOMATO),
    ("why are the leaves on my tomato plants turning yellow?", TOMATO),
    ("How do I get photos from my phone onto my computer?", PHOTOS),
    ("how can I move pictures from my android phone to my PC?", PHOTOS),
    ("How do I reset my router?", ROUTER),
    ("I need to restart my BT hub", ROUTER),
    ("How many calories should I eat a day?", CALORIES),
    ("how many calories should a man eat per day", CALORIES),
    ("How do I price my cakes?", PRICING),
    ("how should I price my products?", PRICING),
    ("how much should I charge for my handmade candles?", PRICING),
    ("I'm thinking of hiring my first employee, what do I need to know?", EMPLOYEE),
    ("we're about to take on our first member of staff", EMPLOYEE),
    # went to no topic, to the couples' chores topic, and to the one for everyday forgetting
    ("I'm awful at small talk", SMALL_TALK),
    ("my flatmates never clean, I do everything", FLAT_CHORES),
    ("I can't remember things for my exams, help", MEMORISING),
])
def test_an_everyday_request_gets_its_topic_s_tips(message: str, lead: str) -> None:
    """"My tomatoes have yellow leaves at the bottom, what's wrong?", "How do I reset my
    router?", "How do I price my cakes?" and the rest got made-up answers from the model: each
    now gets its topic's tips. "I'm awful at small talk" got none, "my flatmates never clean, I
    do everything" the tips for couples, and "I can't remember things for my exams, help" those
    for everyday forgetting: each now reaches its own."""
    reply = answer(message) or ""
    assert reply.startswith(lead), message
    assert reply.count("\n- ") >= 4, message


@pytest.mark.parametrize(("message", "lead"), [
    # danger told: never cheerful tips
    ("I've been eating 500 calories a day to lose weight fast", None),
    ("how many calories should I eat a day? I make myself sick after meals", None),
    ("how many calories should I eat a day, I feel so fat and disgusting", None),
    ("how many calories should I eat a day? I have an eating disorder", None),
    ("my router is on fire", None),
    ("my router is smoking, should I reset it?", None),
    ("my boss hit me", None),
    ("I'm thinking of hiring my first employee, but I want to die", None),
    ("how much should I charge for my cakes? my partner hits me if I don't earn enough", None),
    ("how do I get photos from my wife's phone onto my laptop without her knowing?", None),
    ("my tomatoes have yellow leaves and my dog ate some", None),
    ("my flatmates never clean and one of them hit me", None),
    # the same words asking something else
    ("how many calories should my 10 year old eat?", None),
    ("how many calories are in a banana?", None),
    ("how many calories do I burn walking?", None),
    ("how do I reset my router password?", None),
    ("how do I reset the depth on my wood router?", None),
    ("my router keeps restarting itself", None),
    ("how do I price my old clothes on vinted?", None),
    ("I was hired as their first employee, what do I need to know?", None),
    ("how do I get photos from my broken phone onto my computer?", None),
    ("I'm awful at small talk on dates", None),
    # another topic's, as before
    ("my tomato plants are dying, help?", "Most houseplants and herbs struggle"),
    ("how do I back up the photos on my phone?", "The safest way to keep phone photos"),
    ("my wifi is really slow, any tips?", "Slow home wifi usually comes down to the router"),
    ("I want to lose weight, any tips?", "Steady changes you can keep up"),
    ("how do I make small talk?", SMALL_TALK),
    ("my partner and I keep arguing about chores", COUPLE_CHORES),
    ("I feel like I do everything at home", COUPLE_CHORES),
    ("I keep forgetting things lately.", "Forgetting more than usual is very common"),
    ("I have 3 exams next week and I can't focus", "Exams close together are a lot to hold"),
])
def test_look_alikes_and_danger_told_get_no_tips_or_another_topic_s(
        message: str, lead: str | None) -> None:
    """"I've been eating 500 calories a day to lose weight fast", "my router is on fire" and
    "my boss hit me" tell of harm, not an everyday question: no tips. "how many calories are in
    a banana?" or "how do I reset my router password?" ask something else, and "my tomato
    plants are dying" or "how do I make small talk?" keep the topic they had."""
    reply = answer(message)
    if lead is None:
        assert reply is None, message
    else:
        assert (reply or "").startswith(lead), message
