"""City guides written by code (``data/cities.yaml``): what to see, day trips, food to try and
how to get around, for the cities most people visit.

"I'm going to Lisbon for 4 days in March, what should I see?" got, from the bundled model,
"Lisbon Beach", "the iconic Lisbon Bridge" and "the Palace of History"; "what about day
trips?" then got Italy, Japan and India, as places "known to be vegetarian". A request for the
sights of a city in the guide gets them; the day trips, the food or getting around asked next
(the city named in the turn just before) get that part. Food a known diet rules out is left
out, and where to find places that suit it is said instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.data_files import data_pattern, data_yaml
from agents.ideas import Needs, ruled_out_by

_MOST_CHARS = 300
_FOLLOW_ON_CHARS = 120
_TOLD_CHARS = 90
_TRIP_TURNS = 3  # turns back a follow-on question may reach for the trip it asks of
# "What about Lisbon?" just after a city's guide: that city's guide
_WHAT_ABOUT = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|hmm|also)\W+)?(?:what|how) about\b",
                         re.IGNORECASE)
# A trip told, not a request made of it ("Make a daily plan for my trip to Rome" asks a plan).
_TOLD = re.compile(r"^\W*(?:(?:so|well|hey|hi|guess what|yay)\W+)*(?:i'?m|i am|we'?re|we are|"
                   r"i'?ll be|we'?ll be|off to|heading to|next (?:week|month)|this (?:weekend|"
                   r"week))\b", re.IGNORECASE)
PARTS = ("day_trips", "food", "airport", "around", "see")


@dataclass(frozen=True)
class City:
    key: str
    name: str
    names: re.Pattern[str]
    spec: dict[str, Any]


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("cities.yaml")


@cache
def _cities() -> tuple[City, ...]:
    # A place, not a person: "in Florence", "to Lisbon", or the message opening with it; not
    # "my friend Florence is visiting".
    return tuple(City(key, str(spec["name"]), re.compile(
        rf"(?:^\W*|\b(?:in|to|visiting|visit|around|near|of|from|explore|exploring|at|about)\s+)"
        rf"(?:{spec['names']})\b", re.I), spec) for key, spec in catalog()["cities"].items())


def _pattern(key: str) -> re.Pattern[str]:
    return data_pattern("cities.yaml", key)


def city_in(text: str) -> City | None:
    """The city of the guide ``text`` names, or None: of two, the one gone to ("a road trip
    from London to Edinburgh" is Edinburgh's)."""
    named = [(found.start(), c) for c in _cities() if (found := c.names.search(text))]
    to = [c for at, c in named if not text[at:at + 5].lower().startswith("from ")]
    return next(iter(to or [c for _, c in named]), None)


def _part(text: str) -> str:
    parts = catalog()["parts"]
    return next((p for p in PARTS if re.search(parts[p], text, re.IGNORECASE)), "")


def answer(message: str, recent: list[dict[str, str]] | None = None,
           needs: Callable[[], Needs] = Needs) -> str | None:
    """The guide's part for the city a message asks about, or for the city of the turn just
    before when a part is asked next ("what about day trips?"); None for anything else.
    ``needs``: the person's diet and allergies, read only when food is asked."""
    text = " ".join(message.split())
    if not text or len(text) > _MOST_CHARS or _pattern("unless").search(text):
        return None
    city = city_in(text)
    if city is not None:
        going = _pattern("going").search(text)
        # "I'm going to Paris for the weekend", said and nothing more, wants the sights too
        told = going is not None and len(text) <= _TOLD_CHARS and _TOLD.match(text) is not None \
            and "?" not in text and not re.search(
                r"\b(?:but|because|and (?!my|a|the|our)\w+ (?:is|are|was|has))\b", text, re.I)
        # "a road trip from Paris to Lyon. How far is it?" asks a distance, not the sights
        asked = _pattern("asks").search(text) or told or ("?" in text and _part(text)) or \
            (_WHAT_ABOUT.match(text) and any(given(t.get("said") or t.get("assistant") or "")
                                             for t in (recent or [])[-_TRIP_TURNS:]))
        return _reply(city, _part(text) or "see", needs) if asked else None
    elsewhere = anywhere(text)
    if elsewhere:
        return elsewhere
    part = _part(text)
    if not part or len(text) > _FOLLOW_ON_CHARS or not ("?" in text or re.match(
            r"^\W*(?:and |so |ok(?:ay)? )?(?:what about|how about|any)\b", text, re.I)):
        return None
    # One of the last few turns was of a trip: a guide of ours, or a trip told ("I live in
    # Porto" is no trip, and "What do you know about me?" after it asks nothing of Porto).
    # "Where should we eat?" came two turns after the guide, with a diet told between.
    for turn in reversed((recent or [])[-_TRIP_TURNS:]):
        said, reply = turn.get("user") or "", turn.get("said") or turn.get("assistant") or ""
        city = city_in(reply) if given(reply) else \
            city_in(said) if _pattern("going").search(said) else None
        if city is not None:
            return _reply(city, part, needs)
    return None


def anywhere(text: str) -> str:
    """Ideas that work almost anywhere, for what to do in a place with no guide here ("this
    weekend in Leeds"), said as such; "" when no such place is asked of."""
    spec = catalog()["anywhere"]
    found = re.search(spec["place"], text, re.IGNORECASE)
    if found is None and re.match(spec["nowhere"], text, re.IGNORECASE):
        lead = str(spec["lead_nowhere"])  # "What should I do this weekend?"
    elif found is None or found["place"].split()[0] in spec["not_places"] or \
            not re.search(spec["asks"], text, re.IGNORECASE):
        return ""
    else:
        lead = str(spec["lead"]).replace("$place", found["place"])
    lines = [lead,
             *(f"- {idea}" for idea in spec["ideas"])]
    return "\n".join(lines) + f"\n\n{spec['after']}"


def _foods(city: City, known: Needs) -> tuple[list[str], list[str]]:
    """The city's foods that fit ``known`` (diet and allergies), and the notes saying so."""
    spec, said = catalog(), catalog()["said"]
    out = ruled_out_by(spec, known.diet, known.allergies)
    named = [a for a in known.allergies if spec["allergies"].get(a.lower().strip())]
    items = [str(f["food"]) for f in city.spec["food"] if not out & set(f.get("has") or ())]
    notes = [] if known.diet not in spec["diets"] else [said["gluten_free"]] \
        if known.diet == "gluten_free" else [said["diet"].format(diet=known.diet)]
    if named:
        notes.append(said["allergy"].format(allergy=" or ".join(a.lower() for a in named)))
    return items, notes


def given(reply: str) -> bool:
    """Whether ``reply`` was a part of a city's guide."""
    return any(reply.startswith(lead.split("{city}")[0]) for key, lead in
               catalog()["said"].items() if key in PARTS)


def _reply(city: City, part: str, needs: Callable[[], Needs]) -> str:
    said = catalog()["said"]
    if part == "around":
        return f"{said['around'].format(city=city.name)} {city.spec['around']}"
    if part == "airport":  # the same for every city: no city's transfers are kept here
        return str(said["airport"]).format(city=city.name)
    notes: list[str] = []
    if part == "food":
        items, notes = _foods(city, needs())
    else:
        items = [str(i) for i in city.spec.get(part) or ()]
    lines = [said[part].format(city=city.name), *(f"- {i}" for i in items)]
    after = said.get(f"after_{part}") or ""
    return "\n".join(lines) + "\n\n" + " ".join([*notes, after]).strip()
