"""Tips for student and flat-share troubles, written by code (``data/tips.yaml``).

"what's the best way to memorise stuff?", "my flatmate keeps eating my food, how do I bring it
up?", "I'm really homesick at uni", "how do I start an essay?", "how do we split chores with my
flatmates?", "how do I stay motivated to study?" and "I'm awkward at parties" got muddled
answers from the bundled model. Each gets its topic's tips; a message that tells of danger, or
asks something else in the same words, does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer

MEMORISING = "Things stick best when you make yourself pull them back out of memory"
FLATMATE_FOOD = "Food going missing is one of the commonest niggles in a shared flat"
HOMESICKNESS = "Homesickness is very common"
ESSAY = "Starting is usually the hardest part of an essay"
CHORES = "A chores rota works best when everyone agrees it together"
STUDY_MOTIVATION = "Motivation to study usually comes once you've started"
PARTY = "Lots of people feel awkward at parties and social events"


@pytest.mark.parametrize(("message", "lead"), [
    ("what's the best way to memorise stuff?", MEMORISING),
    ("how do I remember things for my exams?", MEMORISING),
    ("my flatmate keeps eating my food, how do I bring it up?", FLATMATE_FOOD),
    ("my housemate ate my leftovers again", FLATMATE_FOOD),
    ("I'm really homesick at uni", HOMESICKNESS),
    ("how do I deal with homesickness?", HOMESICKNESS),
    ("how do I start an essay?", ESSAY),
    ("tips for writing an essay", ESSAY),
    ("how do we split chores with my flatmates?", CHORES),
    ("cleaning rota", CHORES),
    ("how do I stay motivated to study?", STUDY_MOTIVATION),
    ("I have no motivation to study", STUDY_MOTIVATION),
    ("I'm awkward at parties", PARTY),
    ("I never know what to say at parties", PARTY),
])
def test_an_everyday_request_gets_its_topic_s_tips(message: str, lead: str) -> None:
    """"what's the best way to memorise stuff?", "I'm really homesick at uni", "cleaning rota"
    and the rest got muddled answers from the model: each now gets its topic's tips."""
    reply = answer(message) or ""
    assert reply.startswith(lead), message
    assert reply.count("\n- ") >= 4, message


@pytest.mark.parametrize(("message", "lead"), [
    # danger told: never cheerful tips
    ("my flatmate hit me when I asked about my food", None),
    ("my flatmate keeps eating my food and I'm scared of him", None),
    ("I can't remember anything since I hit my head", None),
    ("my colleague threatened me", None),
    ("I'm so homesick I want to die", None),
    ("I have no motivation to do anything anymore", None),
    # the same words asking something else
    ("can you remember this for me?", None),
    ("how do LLMs memorise training data?", None),
    ("my son is homesick at uni, how can I help him?", None),
    ("I miss my mum, she died last year", None),
    ("can you write my essay for me?", None),
    ("write an essay about climate change", None),
    ("make me a cleaning rota for 4 people", None),
    ("how do I motivate my students to study?", None),
    ("what motivated you to go to uni?", None),
    ("I'm nervous about hosting a party, any tips?", None),
    ("my dog keeps eating my flatmate's food", None),
    # another topic's, as before
    ("my partner and I keep arguing about chores", "Chores are one of the most common things"),
    ("what's the best way to revise for exams?", "What works best for revision"),
    ("I keep forgetting people's names, any tips?", "Most people who think they're bad with"),
    ("how do I make small talk?", "Small talk is a skill"),
    ("how do I stop procrastinating?", "Procrastination is usually about a task"),
])
def test_look_alikes_and_danger_told_get_no_tips_or_another_topic_s(
        message: str, lead: str | None) -> None:
    """"my flatmate hit me when I asked about my food", "I can't remember anything since I hit
    my head" and "my colleague threatened me" tell of harm, not an everyday niggle: no tips.
    "can you write my essay for me?" or "my son is homesick at uni" ask something else."""
    reply = answer(message)
    if lead is None:
        assert reply is None, message
    else:
        assert (reply or "").startswith(lead), message
