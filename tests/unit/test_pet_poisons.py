"""A pet that ate something that can poison it: the first steps, written by code."""

from __future__ import annotations

import pytest

from agents.pet_poisons import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit

CHOCOLATE = "my dog just ate a whole bar of dark chocolate, what do I do?"


@pytest.mark.parametrize(("message", "animal", "why"), [
    (CHOCOLATE, "dog", "Chocolate is poisonous"),
    ("I think our cat licked some lily pollen off her fur", "cat", "lily"),
    ("the puppy got into the bin and ate a bunch of raisins", "puppy", "raisins"),
    ("my dog ate 2 ibuprofen tablets", "dog", "Human medicines"),
])
def test_a_pet_that_ate_a_poison_gets_the_vet_first(message: str, animal: str,
                                                    why: str) -> None:
    """The bundled model advised "an emergency meeting with the animal shelter"."""
    reply = answer(message) or ""
    assert reply.startswith(f"**This can be an emergency for your {animal}.**")
    assert why in reply and "Call your vet now" in reply
    assert f"Don't make your {animal} sick" in reply


@pytest.mark.parametrize("message", [
    "my dog ate his dinner too fast",          # its own food
    "can my dog eat grapes?",                  # asked before
    "My dog is eating grass a lot, why?",
    "my daughter ate chocolate and the dog watched",
    "my dog ate a lily",                       # lilies are written for cats
])
def test_what_is_no_poison_eaten_by_a_pet_goes_to_the_model(message: str) -> None:
    assert answer(message) is None


def test_a_whole_turn_is_answered_by_code(tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    done = tacit.ask("ana", CHOCOLATE, session)
    assert "Call your vet now" in done.reply and len(fake_model.history) == calls


def test_which_foods_are_dangerous_to_a_kind_of_pet_gets_the_list_for_it() -> None:
    """"Which human foods are poisonous to cats?" got "There is no human food that is strictly
    poisonous to cats" and lead paint, from the bundled model."""
    cats = answer("Which human foods are poisonous to cats?") or ""
    assert cats.startswith("Foods of ours that are dangerous to cats:")
    assert "Chocolate" in cats and "Grapes" in cats and "Macadamia" not in cats
    assert cats.endswith("If your cat eats any of these, call your vet straight away, even "
                         "before any signs show.")
    dogs = answer("What can't dogs eat?") or ""
    assert "Xylitol" in dogs and "Macadamia" in dogs
    assert (answer("What foods are dangerous for my puppy?") or "").startswith(
        "Foods of ours that are dangerous to puppies:")
    assert answer("Which foods are bad for my cholesterol?") is None


def test_a_pet_named_by_its_name_is_known_as_their_pet(tacit: Tacit,
                                                       fake_model: FakeModel) -> None:
    """"I have a cat called Milo who is 12." then "Milo has stopped eating much, should I
    worry?" went to the model, under the caution of fasting and "Assumed diet: no
    restrictions"; "Milo ate some chocolate!" was no pet's."""
    session = tacit.new_session("ana").id
    told = tacit.ask("ana", "I have a cat called Milo who is 12.", session)
    assert told.reply == "Thanks for telling me. I'll remember that your cat Milo is 12."
    tacit.flush()
    assert tacit.memory.facts.with_theirs_named("ana", "Milo has stopped eating.") == \
        "my cat Milo has stopped eating."
    calls = len(fake_model.history)
    off_food = tacit.ask("ana", "Milo has stopped eating much, should I worry?", session).reply
    assert off_food.startswith("A pet that stops eating needs a vet's eye soon")
    assert "fasting" not in off_food and "Assumed diet" not in off_food
    assert tacit.ask("ana", "Milo ate some chocolate!", session).reply.startswith(
        "**This can be an emergency for your cat.**")
    assert len(fake_model.history) == calls
    # someone else's Milo is no cat of theirs
    assert tacit.memory.facts.with_theirs_named("bo", "Milo has stopped eating.") == \
        "Milo has stopped eating."
