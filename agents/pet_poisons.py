"""A pet that has eaten something that can poison it: what to do now, written by code.

"my dog just ate a whole bar of dark chocolate, what do I do?" got, from the bundled model, a
page about "your relationship with your furry friend" and "an emergency meeting with the animal
shelter". A message that tells of a pet eating, licking or drinking one of the poisons of
``data/pet_poisons.yaml`` gets why it matters and the standard first steps (call the vet now,
don't make it sick, what to have ready). A pet that ate its own food, or a question about
whether a food is safe before it is eaten, is left to the model.
"""

from __future__ import annotations

import re
from functools import cache
from string import Template
from typing import Any

from agents.data_files import data_yaml

_ANIMALS = {"dog": "dog", "puppy": "puppy", "pup": "puppy", "cat": "cat", "kitten": "kitten"}
# The pet, then what it did: "my dog just ate", "our cat has been licking", "the puppy got
# into", "I think my dog swallowed".
_ATE = re.compile(
    r"\b(?:my|our|the|his|her|their|mum's|dad's)\s+(?:\w+\s+){0,2}?(?P<animal>dog|puppy|pup|cat|"
    r"kitten)(?:'s)?\s+(?:\w+\s+){0,3}?(?:ate|eaten|eats|swallowed|licked|licking|chewed|chewing|"
    r"drank|drunk|drinking|got into|has had|had some|scoffed|wolfed|stole|nicked)\b",
    re.IGNORECASE)
# A question asked before anything was eaten: "can my dog eat grapes?".
_BEFORE = re.compile(r"\b(?:can|could|should|is it (?:ok|okay|safe) (?:for|to))\b[^.?!]*"
                     r"\b(?:eat|have|give)\b", re.IGNORECASE)


def catalog() -> dict[str, Any]:
    return data_yaml("pet_poisons.yaml")


@cache
def _poisons() -> tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...]:
    return tuple((re.compile(r"\b(?:" + "|".join(str(w) for w in spec["words"]) + r")\b", re.I),
                  tuple(spec.get("animals") or ()), " ".join(str(spec["why"]).split()))
                 for spec in catalog()["poisons"].values())


# Which foods are dangerous to a kind of pet, asked before anything is eaten.
_WHICH = re.compile(
    r"\b(?:which|what)\b[^.?!]{0,30}\b(?:foods?|food items|things|fruits?|vegetables?|human "
    r"food)\b[^.?!]{0,30}\b(?:poisonous|toxic|dangerous|bad|unsafe|harmful|not safe|deadly)\b"
    r"[^.?!]{0,15}\b(?:to|for)\s+(?:my\s+|a\s+|our\s+|your\s+)?(?P<animal>dogs?|cats?|puppy|"
    r"puppies|kittens?)\b|\bwhat (?:foods? )?(?:can'?t|cannot|shouldn'?t|should not|must not) "
    r"(?:my |a |our )?(?P<eats>dogs?|cats?|puppy|puppies|kittens?) (?:eat|have)\b", re.IGNORECASE)


def dangerous_foods(message: str) -> str | None:
    """The foods of ours dangerous to the kind of pet a message asks about, or None."""
    asked = _WHICH.search(message)
    if asked is None:
        return None
    said = (asked["animal"] or asked["eats"]).lower()
    animal = _ANIMALS["puppy" if said.startswith("pupp") else said.rstrip("s")]
    words = catalog()
    foods = [" ".join(str(spec["why"]).split()) for spec in words["poisons"].values()
             if spec.get("food") and (not spec.get("animals") or animal in spec["animals"])]
    fill = {"animal": animal, "animals": "puppies" if animal == "puppy" else f"{animal}s"}
    return "\n".join([Template(words["list_lead"]).substitute(fill),
                      *(f"- {why}" for why in foods), "",
                      Template(words["list_after"]).substitute(fill)])


def answer(message: str) -> str | None:
    """What to do now when the message tells of a pet that ate something that can poison it,
    or the foods dangerous to a kind of pet when asked; None otherwise."""
    listed = dangerous_foods(message)
    if listed is not None:
        return listed
    ate = _ATE.search(message)
    before = _BEFORE.search(message)
    if ate is None or (before is not None and before.start() < ate.start()):
        return None
    animal = _ANIMALS[ate["animal"].lower()]
    why = next((text for pattern, animals, text in _poisons()
                if pattern.search(message) and (not animals or animal in animals)), None)
    if why is None:
        return None
    words = catalog()
    fill = {"animal": animal}
    lines = [f"**{Template(words['lead']).substitute(fill)}** {why}"]
    lines += [f"- {Template(step).substitute(fill)}" for step in words["steps"]]
    return "\n".join(lines)
