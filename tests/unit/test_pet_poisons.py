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
