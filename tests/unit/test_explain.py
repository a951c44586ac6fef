"""Everyday ideas explained by code, shaped by how the person likes to learn; a question about
their own figures, a choice or the news goes to the model."""

from __future__ import annotations

import re

import pytest

from agents.explain import answer, asked, ideas
from assistant.service import Tacit

INFLATION = "can you explain what inflation is?"


def test_an_idea_asked_about_gets_its_explanation_a_picture_and_a_worked_example() -> None:
    """"can you explain compound interest simply?" got, from the bundled model, "$200 at 3% ...
    your total earnings will be $40 (the result is 6 times that amount)"."""
    reply = answer("can you explain compound interest simply?") or ""
    assert reply.startswith("Compound interest means")
    assert "Think of it like" in reply and "£1,628.89" in reply
    assert asked("why is the sky blue?") is not None and asked("what causes the seasons?")
    # "can you explain what an API is?" got "an online platform or service used by businesses
    # ... website traffic management"
    assert (answer("can you explain what an API is?") or "").startswith("An API, short for")
    # an idea that is a difference, asked as one: the model called both "financial instruments
    # used to finance business operations"
    assert (asked("what's the difference between a stock and a bond?") or ideas()[0]).topic \
        == "stocks vs bonds"


def test_how_the_person_learns_shapes_the_explanation() -> None:
    whole = answer(INFLATION) or ""
    brief = answer(INFLATION, preferences={"detail": "brief"}) or ""
    assert len(brief) < len(whole) / 2 and "For example" not in brief
    pictured = answer(INFLATION, preferences={"learning_style": "analogies"}) or ""
    assert "Think of it like" in pictured and "For example" not in pictured
    examples = answer(INFLATION, preferences={"learning_style": "examples"}) or ""
    assert "£103" in examples and "Think of it like" not in examples
    deeper = answer(INFLATION, preferences={"expertise": "expert"}) or ""
    assert deeper.startswith(whole) and len(deeper) > len(whole)


def test_the_part_asked_next_follows_the_explanation() -> None:
    first = answer(INFLATION) or ""
    turn = [{"user": INFLATION, "assistant": first, "said": first}]
    more = answer("tell me more", turn) or ""
    assert more and more not in first
    assert answer("tell me more", [{"user": "hi", "assistant": "Hello!"}]) is None
    brief = answer(INFLATION, preferences={"detail": "brief"}) or ""
    example = answer("can you give me an example?", [{"user": INFLATION, "said": brief}]) or ""
    assert "£103" in example
    # and after the detail asked for next, an example still comes from the same idea
    after_more = [*turn, {"user": "tell me more", "assistant": more, "said": more}]
    assert "£103" in (answer("can you give me an example?", after_more[1:]) or "")


@pytest.mark.parametrize("said", [
    "what's my credit score?", "should I get a fixed or variable mortgage?",
    "what is the current inflation rate?", "what is a VPN and do I need one?",
    "what is a chemical bond?", "which index fund is best?",
    "I got a letter about my council tax band, can you tell me what it means",
    "What's a kill switch in algorithmic trading?", "how do I make cookies?",
])
def test_a_question_of_their_own_a_choice_or_the_news_goes_to_the_model(said: str) -> None:
    assert answer(said) is None


def test_every_idea_is_named_by_its_own_words_only() -> None:
    for idea in ideas():
        assert idea.called.search(idea.topic), idea.topic
        assert re.match(r"(?:Think of it like|It's a bit like)", idea.spec["analogy"])
        others = [i for i in ideas() if i is not idea]
        assert not any(i.called.search(idea.topic) for i in others), idea.topic


def test_an_explanation_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    done = tacit.ask("ana", INFLATION)
    assert done.shown.startswith("Inflation is") and done.trace["respond"]["model"] == "composed"
    tacit.ask("bo", "please keep your answers short from now on")
    brief = tacit.ask("bo", INFLATION).shown  # the rule, not only the profile, shortens it
    assert brief.startswith("Inflation is") and len(brief) < len(done.shown) / 2
    # how they learn, as the profile holds it, though the request names no learning
    tacit.ask("cy", "I learn best with analogies.")
    tacit.flush()
    pictured = tacit.ask("cy", "what is encryption?", tacit.new_session("cy").id).shown
    assert "Think of it like" in pictured and "For example" not in pictured
