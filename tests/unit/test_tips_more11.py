"""Healthcare after a move to Spain and energy drinks on nights, written by code
(``data/tips.yaml``).

"How do I register with a doctor in Spain?" (a couple retired there) got the model's
"Immigration Act of 1987" and visas for the United States; "Is it bad to drink energy drinks
every shift?" (a night security guard) got "The answer to this question is no" and a made-up
ban. Each now gets its topic's tips; a holiday's emergency, a chest pain, an energy supplier or
a cocktail does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer

SPAIN = "How you get public healthcare in Spain depends on why you're covered"
ENERGY = "One now and then is fine for most adults, but one every shift adds up."


@pytest.mark.parametrize(("message", "lead"), [
    ("How do I register with a doctor in Spain?", SPAIN),
    ("How do we get a GP in Spain now we've moved?", SPAIN),
    ("What do I do with my S1 form?", SPAIN),
    ("Where do I get a tarjeta sanitaria?", SPAIN),
    ("Is it bad to drink energy drinks every shift?", ENERGY),
    ("How many energy drinks a day is too many?", ENERGY),
    ("Is a Monster every night on shift ok?", ENERGY),
])
def test_a_move_to_spain_and_energy_drinks_get_their_tips(message: str, lead: str) -> None:
    assert (answer(message, []) or "").startswith(lead), message


@pytest.mark.parametrize(("miss", "hit"), [
    ("I need a doctor in Spain, I have chest pain", "How do I register with a doctor in Spain?"),
    ("We're on holiday in Spain and need to see a doctor, is my GHIC valid?",
     "How do I register with a doctor in Spain?"),
    ("What energy supplier should I use?", "Is it bad to drink energy drinks every shift?"),
    ("Can you give me a cocktail recipe with an energy drink and vodka?",
     "Is it bad to drink energy drinks every shift?"),
])
def test_an_emergency_a_holiday_a_supplier_or_a_cocktail_is_another_matter(miss: str,
                                                                          hit: str) -> None:
    said = answer(miss, []) or ""
    assert not said.startswith((SPAIN, ENERGY)), miss
    assert (answer(hit, []) or "").startswith((SPAIN, ENERGY)), hit


def test_the_tips_say_what_matters() -> None:
    spain = answer("How do I register with a doctor in Spain?", []) or ""
    assert "padrón" in spain and "S1" in spain and "112" in spain
    energy = answer("Is it bad to drink energy drinks every shift?", []) or ""
    assert "400 mg" in energy and "alcohol" in energy


WANDERING = "Wandering, above all at night, is common with dementia"


def test_a_father_with_dementia_who_wanders_at_night_gets_the_tips_and_a_dog_does_not() -> None:
    told = [{"user": "My dad has dementia and he keeps getting up at night and wandering.",
             "said": "Thanks for telling me."}]
    assert (answer(told[0]["user"], []) or "").startswith(WANDERING)
    for asked in ("Last night he tried to leave the house at 3am.",
                  "How can I keep him safe without locking him in?"):
        assert (answer(asked, told) or "").startswith(WANDERING), asked
    assert not (answer("How can I keep him safe without locking him in?", []) or ""
                ).startswith(WANDERING)
    assert not (answer("My dog keeps wandering off at night, my dad has dementia", []) or ""
                ).startswith(WANDERING)
    said = answer(told[0]["user"], []) or ""
    assert "Herbert Protocol" in said and "999" in said
