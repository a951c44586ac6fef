"""A week planned by code (``data/week_plan.yaml``).

"Can you help me plan my week? I have a report due Thursday, gym three times, and my sister's
birthday on Saturday." got "gym three times on Saturday" from the bundled model. A request to
plan the week, with what it holds listed, gets a plan day by day: a deadline gets time on the
days before it, a thing done so many times a week is spread out with rest days between, a
thing on a day is put on that day, and an occasion gets a card and present ready the day
before. What is known of when they like to do things (mornings or evenings) is said with each
activity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from agents.data_files import data_pattern, data_yaml

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY = r"(?P<day>" + "|".join(DAYS) + r")s?"
_WHAT = r"(?P<what>(?:(?:a|an|the|my|our)\s+)?[\w']+(?:\s+[\w']+){0,4}?)"
_DUE = re.compile(_WHAT + r"\s+(?:is\s+)?(?:due|deadline)\s+(?:on\s+|by\s+|this\s+|next\s+)?"
                  + _DAY + r"\b", re.IGNORECASE)
_ON = re.compile(_WHAT + r"\s+(?:is\s+|are\s+)?(?:on|this|next)\s+" + _DAY + r"\b",
                 re.IGNORECASE)
_LEADS = re.compile(r"^(?:and|also|plus|then|i have|i've got|i have got|i need to|i want to|"
                    r"i'd like to|i must|i should|there's|there is|i'm|i am|we have)\s+",
                    re.IGNORECASE)
_MINE = re.compile(r"\b(?:my|our)\b", re.IGNORECASE)


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("week_plan.yaml")


@cache
def _times() -> re.Pattern[str]:
    said = sorted(catalog()["times"], key=len, reverse=True)
    return re.compile(_WHAT + r"\s+(?P<times>" + "|".join(map(re.escape, said))
                      + r"|\d)(?:\s+times)?(?:\s+(?:a|this|per|next)\s+week)?\b", re.IGNORECASE)


def _clauses(text: str) -> list[str]:
    """What the request lists, each thing on its own, with the words before it cut."""
    after = data_pattern("week_plan.yaml", "asks").search(text)
    rest = text[after.end():] if after else text
    parts = re.split(r"[.;?!]|,\s*(?:and\s+)?|\s+and\s+", rest)
    out = []
    for part in parts:
        part = part.strip()
        while (lead := _LEADS.match(part)) is not None:
            part = part[lead.end():]
        if part:
            out.append(part)
    return out


def _yours(what: str) -> str:
    return _MINE.sub("your", what.strip())


def _place(clause: str, days: list[list[str]], when: str) -> bool:
    """Put one listed thing on its days; whether it was read."""
    said = catalog()["said"]
    if (due := _DUE.search(clause)) is not None:
        what, day = _yours(due["what"]), DAYS.index(due["day"].capitalize())
        # "a report" is "the report" from then on, and a bare "essay" is "your essay"
        the = re.sub(r"^(?:an?)\s+", "the ", what, flags=re.IGNORECASE)
        the = the if re.match(r"(?:the|your)\s", the, re.IGNORECASE) else f"your {the}"
        for before in range(day):
            key = "finish" if before == day - 1 else "work_on"
            days[before].append(said[key].format(what=the))
        days[day].append(said["due"].format(what=the))
        return True
    if (often := _times().search(clause)) is not None:
        count = catalog()["times"].get(often["times"].lower()) or int(often["times"])
        for day in catalog()["spread"][min(max(count, 1), 7)]:
            days[day].append(_yours(often["what"]) + when)
        return True
    if (on := _ON.search(clause)) is not None:
        what, day = _yours(on["what"]), DAYS.index(on["day"].capitalize())
        days[day].append(what)
        if data_pattern("week_plan.yaml", "occasion").search(what) and day > 0:
            days[day - 1].append(said["ready_for"].format(what=what))
        return True
    return False


def answer(message: str, when: Callable[[], str] = lambda: "") -> str | None:
    """A plan for the week a message asks to plan, from what it lists; None when it asks
    nothing of the kind or lists nothing read here. ``when``: "morning" or "evening", when
    known, read only for a plan."""
    text = " ".join(message.split())
    if not data_pattern("week_plan.yaml", "asks").search(text):
        return None
    said = catalog()["said"]
    days: list[list[str]] = [[] for _ in DAYS]
    clauses = _clauses(text)
    at = said["when"].get(when(), "") if clauses else ""
    placed = [_place(c, days, at) for c in clauses]
    if not any(placed):
        return None
    lines = [f"- {name}: {'; '.join(things) or said['free']}"
             for name, things in zip(DAYS, days, strict=True)]
    return "\n".join([said["lead"], *lines, "", said["after"]])


def given(reply: str) -> bool:
    """Whether ``reply`` is a week or a day planned here: days or times, not options to
    choose among."""
    first = reply.split("\n", 1)[0]
    return reply.startswith(catalog()["said"]["lead"]) or (
        first.startswith("Here's ") and first.endswith(", in order:"))


_AT = re.compile(
    r"\b(?:at|from|@)?\s*(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?"
    r"(?:\s*(?:to|-|–|until|till)\s*(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s*(?P<ap2>am|pm|"
    r"a\.m\.|p\.m\.)?)?(?!\s*(?:times|minutes|mins|hours|hrs|km|miles|kg|people|kids))\b",
    re.IGNORECASE)


def _hour(hour: int, ampm: str | None, evening: bool) -> int:
    """The hour on a 24-hour clock: as said, or by what it is when no am or pm is said."""
    if ampm:
        return hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour >= 12:
        return hour
    return hour + 12 if evening or hour <= 6 else hour


def day(message: str) -> str | None:
    """A day planned from what a message lists with times, in order; None when it asks no
    day planned or lists no time."""
    text = " ".join(message.split())
    asked = data_pattern("week_plan.yaml", "day_asks").search(text)
    if asked is None:
        return None
    said = catalog()["day_said"]
    timed: list[tuple[int, str]] = []
    loose: list[str] = []
    for clause in re.split(r"(?<!\d)\.|\.(?!\d)|[;?!]|,\s*(?:and\s+)?|\s+and\s+(?=\D)",
                           text[asked.end():]):
        clause = re.sub(r"^\W*(?:tomorrow|today|tonight)?\W*", "", clause).strip(" :")
        while (lead := _LEADS.match(clause)) is not None:
            clause = clause[lead.end():]
        found = _AT.search(clause)
        what = _yours(_AT.sub("", clause, count=1).strip(" ,:-")) if found else clause
        if not what:
            continue
        if found is None:
            loose.append(_yours(what))
            continue
        evening = data_pattern("week_plan.yaml", "evening").search(what) is not None
        start = _hour(int(found["h"]), found["ap"], evening)
        at = f"{start:02d}:{found['m'] or '00'}"
        if found["h2"]:
            end = _hour(int(found["h2"]), found["ap2"] or (found["ap"] if found["ap"] else None),
                        evening)
            end = end + 12 if end <= start and end < 12 else end
            at += f"–{end:02d}:{found['m2'] or '00'}"
        timed.append((start * 60 + int(found["m"] or 0), f"- {at} {what}"))
    if not timed:
        return None
    which = re.search(r"\b(tomorrow|today|tonight)\b", text, re.IGNORECASE)
    lines = [said["lead"].format(day=which[1].lower() if which else "your day"),
             *(line for _, line in sorted(timed))]
    if loose:
        lines.append(said["also"].format(things="; ".join(loose)))
    return "\n".join([*lines, "", said["after"]])
