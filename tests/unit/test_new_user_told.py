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
    ("I'm Hannah by the way, I teach Year 4.", [("name", "Hannah")]),
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
