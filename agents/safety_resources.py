"""Crisis resources, composed by code from ``data/safety/resources.yaml``, never by a model.

A crisis reply opens with a short acknowledgement, the first steps (the emergency number in
the first of them) and the crisis lines for the person's country. With the country unknown,
the general entry stands in (the local emergency number and findahelpline.com) and one line
offers a country-specific number; the resources are never held back to ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

import yaml

KINDS = ("suicide", "self_harm", "violence", "abuse", "medical")


@dataclass(frozen=True)
class Line:
    """A crisis line: who answers, how to reach them, and where the number is published."""

    name: str
    contact: str
    kinds: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    lines: tuple[Line, ...]


@cache
def catalog() -> dict[str, Any]:
    """The resources file, parsed once."""
    text = files("data").joinpath("safety/resources.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _lines(raw: list[dict[str, Any]]) -> tuple[Line, ...]:
    return tuple(Line(r["name"], r["contact"], tuple(r["kinds"]), r["source"]) for r in raw)


def country(code: str) -> Country | None:
    """The resources for an ISO country code, or None when nothing is known for it."""
    code = code.strip().upper()
    data = catalog()
    entry = data["countries"].get(code)
    if entry is not None:
        return Country(code, entry["name"], entry["emergency"], _lines(entry["lines"]))
    if code in data["emergency_112"]:
        return Country(code, code, "112", ())
    return None


def country_named(text: str) -> str | None:
    """The country code a message names ("I'm in Portugal", "UK", "PT"), if it names one."""
    words = text.strip().lower()
    for code, entry in catalog()["countries"].items():
        names = [entry["name"].lower(), *(a.lower() for a in entry.get("aliases", []))]
        if any(re.search(rf"\b{re.escape(n)}\b", words) for n in names):
            return str(code)
        if re.fullmatch(rf"\W*{code.lower()}\W*", words):
            return str(code)
    bare = re.fullmatch(r"\W*([a-z]{2})\W*", words)
    if bare and bare.group(1).upper() in catalog()["emergency_112"]:
        return bare.group(1).upper()
    return None


def country_of_place(place: str) -> str | None:
    """The country of a place the person told Tacit they live in: a country it names ("the
    UK"), or a city listed for one ("Leeds"), the whole place and nothing else."""
    named = country_named(place)
    if named:
        return named
    wanted = re.sub(r"^\W*(?:the\s+)?|\W*$", "", place.lower())
    for code, entry in catalog()["countries"].items():
        if wanted in (c.lower() for c in entry.get("cities", [])):
            return str(code)
    return None


def country_in(text: str) -> str | None:
    """The country a reply to "which country are you in?" names, itself ("the UK") or by a
    city listed for it ("She lives in Leeds, I'm in London."), the first one said."""
    named = country_named(text)
    if named:
        return named
    lowered = text.lower()
    found = [(m.start(), str(code)) for code, entry in catalog()["countries"].items()
             for city in entry.get("cities", [])
             if (m := re.search(rf"(?<![\w-]){re.escape(city.lower())}(?![\w-])", lowered))]
    return min(found)[1] if found else None


def acknowledgements() -> list[str]:
    """Every opening line a crisis block can start with (front ends find the block by it)."""
    helping = catalog()["for_someone_else"]["kinds"]
    spec = catalog()["reminder"]
    return [k["acknowledge"] for k in [*catalog()["kinds"].values(), *helping.values(),
                                       catalog()["check_in"]]] + [
        spec["acknowledge"], spec["again_acknowledge"], spec["located_acknowledge"],
        spec["other_acknowledge"]]


CHECKED_IN = ("suicide", "self_harm")  # the kinds a check-in may stand for


@cache
def _hurt_words() -> re.Pattern[str]:
    return re.compile("".join(str(catalog()["check_in"]["unless"]).split()), re.I)


def checks_in(kind: str, message: str) -> bool:
    """Whether a crisis of ``kind``, read only by the learned layers, gets the check-in
    (resources.yaml's ``check_in``) rather than the kind's block: a wish to die or to hurt
    themselves, and no word of a body hurt or of what would hurt it in ``message``."""
    return kind in CHECKED_IN and not _hurt_words().search(message)


# The one at risk is someone else: a reflexive or a life that is theirs, and none that is the
# person's own ("my friend wants to kill herself", not "... and I want to kill myself too").
_THEIRS = re.compile(r"\b(?:(?:kill(?:s|ing|ed)?|hurt(?:s|ing)?|harm(?:s|ing|ed)?|cut(?:s|ting)?|"
                     r"starv(?:e|es|ing|ed)|end(?:s|ing|ed)?)\s+(?:him|her|them)"
                     r"(?:self|selves)\b|end(?:s|ing)?\s+(?:his|her|their)\s+(?:own\s+)?life|"
                     r"\b(?:she|he|they)(?:'s|'re|'d|'ll)?\s+(?:\w+\s+){0,3}(?:end\s+it(?:\s+all)?|"
                     r"die|not\s+(?:be\s+(?:here|around)|wake\s+up))\b|"
                     r"\b(?:she|he|they)(?:'s|'re| is| are| was| were| keeps?| has been| have been)"
                     r"?\s+(?:\w+\s+){0,3}(?:suicid\w*|self[- ]harm\w*)|"
                     # "My 14 year old daughter has cuts on her arms.", "She says she did it
                     # herself."
                     r"\b(?:has|have|had|found|noticed|seen|saw|spotted)\s+(?:\w+\s+){0,2}"
                     r"(?:cuts|scars|burns|marks)\s+(?:on|all over|up and down)\s+(?:her|his|"
                     r"their)\s+(?:arms?|wrists?|legs?|thighs?|stomach|tummy|body)|"
                     r"\b(?:she|he|they)\s+(?:says?|said|told me|admit(?:s|ted)?)\s+(?:that\s+)?"
                     r"(?:she|he|they)\s+(?:did|does|do|has been doing|had done)\s+(?:it|them|"
                     r"that)\s+(?:to\s+)?(?:herself|himself|themselves|themself))", re.I)
_MINE = re.compile(r"\b(?:myself|my (?:own )?life|i (?:want|wanna|am going|'m going|plan) to "
                   r"(?:die|end it|kill)|i'?m suicidal)\b", re.I)


# Their own words, quoted by the one helping: "My friend wrote 'I want to die' in our group
# chat" got the block for the person themself ("move away from anything you could use to
# hurt yourself").
_QUOTED = re.compile(r"\b(?:(?:my|our|a)\s+(?:\w+\s+){0,2}?\w+|she|he|they|someone|somebody)\s+"
                     r"(?:wrote|said|texted|posted|messaged|sent|keeps? saying|kept saying|put)"
                     r"\b[^'\"“‘\n]{0,40}?[:,]?\s*['\"“‘]"
                     r"(?P<quote>(?:[^'\"”’\n]|(?<=\w)['’](?=\w)){3,300})['\"”’]", re.I)


# What a quote must say to be the crisis told ("My friend said 'good luck'. I can't go on" is
# the writer's own).
_DARK = re.compile(r"\b(?:die|dead|kill\w*|suicid\w*|end (?:it|my life)|hurt myself|can'?t (?:do "
                   r"this|go on|take (?:it|this))|goodbye|done with (?:everything|it all|life)|"
                   r"better off without me|not be here)\b", re.I)


# An emergency or harm told of someone of theirs ("my wife's face looks droopy", "my 14 year old
# is talking to an older man online"), and what makes it the person's own after all.
_SOMEONE = re.compile(r"\b(?:my|our)\s+(?:\d+[- ](?:year|month|week)[- ]old|(?:little |older |"
                      r"younger |elderly |teenage )?(?:wife|husband|partner|boyfriend|girlfriend|"
                      r"son|daughter|child|kid|baby|toddler|teen|teenager|dad|father|mum|mom|"
                      r"mother|brother|sister|friend|mate|grandad|grandpa|grandma|granny|nan|gran|"
                      r"neighbou?r|flatmate|housemate|colleague|uncle|aunt|niece|nephew|"
                      r"cousin))\b", re.I)
_OWN_BODY = re.compile(r"\bmy (?:chest|head|heart|arms?|legs?|face|stomach|tummy|throat|vision|"
                       r"eyes?|lips|skin|body|breathing)\b|\bi (?:feel|felt|can'?t breathe|"
                       r"took|have taken|'ve taken|overdosed|fainted|collapsed|passed out|"
                       r"swallowed)\b|\bi'?m (?:dizzy|bleeding|having|in (?:a lot of )?pain|"
                       r"going to pass out|shaking)\b", re.I)
_OWN_HARM = re.compile(r"\b(?:me|myself|my own|i'?m (?:scared|afraid|frightened|terrified|not "
                       r"safe)|i (?:feel|am) (?:scared|unsafe))\b", re.I)
_ONE_OF_THEIRS = {"medical": _OWN_BODY, "abuse": _OWN_HARM}


def of_their_own(kind: str, message: str) -> bool:
    """Whether ``message`` speaks of the person's own life, body or safety in a crisis of
    ``kind`` ("They don't know I cut myself too")."""
    own = _ONE_OF_THEIRS.get(kind)
    return bool(_MINE.search(message) or (own is not None and own.search(message)))


def about_someone_else(kind: str, message: str) -> bool:
    """Whether a crisis of ``kind`` in ``message`` is someone else's, told by the one helping:
    said of them, or in their own words quoted; for an emergency or harm, someone of theirs
    named and nothing of the person's own body or safety."""
    if kind not in catalog()["for_someone_else"]["kinds"]:
        return False
    if kind in _ONE_OF_THEIRS:
        return bool(_SOMEONE.search(message)) and not _ONE_OF_THEIRS[kind].search(message)
    quoted = [m for m in _QUOTED.finditer(message) if not m.group(0).lower().startswith("i ")
              and (_MINE.search(m.group("quote")) or _DARK.search(m.group("quote")))]
    own = message
    for found in reversed(quoted):  # each quote cut out where it stands
        own = own[:found.start("quote")] + " " + own[found.end("quote"):]
    return bool(_THEIRS.search(own) or quoted) and not _MINE.search(own)


def compose(kind: str, code: str = "", *, ask_country: bool = False,
            for_other: bool = False, check_in: bool = False) -> str:
    """The crisis block for ``kind`` in country ``code`` ("" when unknown); ``for_other``:
    spoken to someone helping another person at risk; ``check_in``: the same numbers, opened
    by a check-in instead of the kind's words (see :func:`checks_in`).

    No blank line inside: the block ends at the first blank line of the reply, which is how
    front ends tell it apart from the rest.
    """
    data = catalog()
    spec = data["for_someone_else"]["kinds"][kind] if for_other else \
        data["check_in"] if check_in else data["kinds"][kind]
    place = country(code) if code else None
    emergency, lines = _reach(kind, place)
    out = [f"**{spec['acknowledge']}**"]
    out += [f"- {Template(step).substitute(emergency=emergency)}" for step in spec["steps"]]
    out += [f"- {line.name}: {line.contact}" for line in lines]
    if ask_country and place is None:
        out.append(data["ask_country"])
    return "\n".join(out)


def reminder(kind: str, code: str = "", *, again: bool = False, located: bool = False,
             for_other: bool = False) -> str:
    """The short block for a later turn of a conversation that already had the full one:
    the same emergency number and lines, without the first steps. ``again``: the person has
    just said it again, so it answers now rather than recalls "earlier"; ``located``: they
    have just said where they are, and these are the numbers there; ``for_other``: the one
    at risk is someone else, and the block speaks to the person helping them."""
    spec = catalog()["reminder"]
    emergency, lines = _reach(kind, country(code) if code else None)
    step = spec["medical_step"] if kind == "medical" else spec["other_step"] if for_other \
        else spec["again_step"] if again else spec["step"]
    acknowledge = spec["located_acknowledge"] if located and code else \
        spec["other_acknowledge"] if for_other else \
        spec["again_acknowledge"] if again else spec["acknowledge"]
    out = [f"**{acknowledge}**", f"- {Template(step).substitute(emergency=emergency)}"]
    out += [f"- {line.name}: {line.contact}" for line in lines]
    return "\n".join(out)


def _reach(kind: str, place: Country | None) -> tuple[str, list[Line]]:
    """(the emergency number, the crisis lines for ``kind``) in ``place`` or in general."""
    data = catalog()
    emergency = place.emergency if place else data["general"]["emergency"]
    lines = [line for line in (place.lines if place else ()) if kind in line.kinds]
    if not lines and kind != "medical":
        lines = [line for line in _lines(data["general"]["lines"]) if kind in line.kinds]
    return emergency, lines


def follow_up(kind: str, *, later: bool = False, for_other: bool = False, turn: int = 0,
              check_in: bool = False, message: str = "") -> str:
    """What follows the resources when code writes the whole crisis reply (per kind); on a
    later turn of the same conversation (``later``), the shorter word that follows the
    reminder, not the first turn's words again; ``for_other``: to the one helping, whose
    later words change from one reminder to the next (``turn``: reminders given before);
    ``check_in``: after the check-in, whether they are safe (and, when ``message`` tells of
    making themselves sick or starving, words for that); a medical emergency whose first step
    is theirs to take (a hypo: resources.yaml's ``medical_first_aid``) gets that step."""
    if check_in and not later:
        eating = catalog()["check_in"].get("eating") or {}
        if eating and re.search("".join(str(eating["pattern"]).split()), message, re.I):
            return " ".join(str(eating["follow_up"]).split())
        return " ".join(str(catalog()["check_in"]["follow_up"]).split())
    if kind == "medical" and not later and not for_other:
        aid = next((a for a in catalog().get("medical_first_aid") or ()
                    if re.search("".join(str(a["pattern"]).split()), message, re.I)), None)
        if aid is not None:  # a hypo: the step they can take now, not only waiting
            return " ".join(str(aid["follow_up"]).split())
    helping = catalog()["for_someone_else"]
    own = helping["kinds"].get(kind, {}) if for_other else {}
    if for_other and not later:
        return " ".join(str(own.get("follow_up") or helping["follow_up"]).split())
    if later:
        words = catalog()["follow_up_later"]
        said = own.get("later") or (words["other"][min(turn, len(words["other"]) - 1)]
                                    if for_other else words.get(kind, words["default"]))
        return " ".join(str(said).split())
    return " ".join(str(catalog()["follow_up"][kind]).split())


def low_mood_reply(turn: int = 0, *, at_risk: bool = False) -> str:
    """Code's reply to a low mood said plainly: the ``turn``-th of resources.yaml's
    ``low_mood`` (the last again after the others), or, for someone whose answers put them at
    risk, ``low_mood_at_risk``."""
    if at_risk:
        return " ".join(str(catalog()["low_mood_at_risk"]).split())
    words = catalog()["low_mood"]
    return " ".join(str(words[min(turn, len(words) - 1)]).split())


def split_required(reply: str) -> tuple[str, str]:
    """(the crisis block at the top of ``reply``, the rest); ("", reply) when there is none."""
    if not any(reply.startswith(f"**{ack}**") for ack in acknowledgements()):
        return "", reply
    block, _, rest = reply.partition("\n\n")
    return block, rest.strip()
