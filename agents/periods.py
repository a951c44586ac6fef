"""A sum told for one stretch of time, asked for another: "I live on my state pension of £221
a week." then "How much is that a month?" got "That's a month. It takes 12 months to make it"
from the bundled model.

The sum is the one the message tells, or else the one their last few messages told; a year is
52 weeks, 26 fortnights, 12 months or 365 days.
"""

from __future__ import annotations

import re

from agents.calculate import as_money
from agents.contract import their_messages

_IN_A_YEAR = {"day": 365, "week": 52, "fortnight": 26, "month": 12, "year": 1}
_SAID = re.compile(r"(?P<cur>[£$€])(?P<n>\d[\d,]*(?:\.\d+)?)(?P<k>k\b)?\s?(?:a|per|each|every|"
                   r"an?) (?P<per>day|week|fortnight|month|year|annum)\b", re.IGNORECASE)
_ASKED = re.compile(
    r"(?:^|[.!?,]\s+)(?:(?:and|so|ok(?:ay)?|right)\W+)?(?:how much|what)(?:'s| is| does| would| "
    r"will)? (?:that|it|this)(?: (?:come to|comes? to|work out (?:at|to|as)|be|make))?(?: (?:a|per|"
    r"each|every|in a|over a|for a)| (?=monthly|yearly|weekly|annually|daily)) ?(?P<per>day|week|"
    r"fortnight|month|year|monthly|yearly|weekly|annually|daily)\W*$", re.IGNORECASE)
_EVERY = {"monthly": "month", "yearly": "year", "annually": "year", "weekly": "week",
          "daily": "day"}
_LOOK_BACK = 3  # their messages, newest first, that may hold the sum


# What giving up smoking saves: "I've smoked 20 a day for 30 years." then "How much money will
# I save in a year if a pack costs £16?" got "To have £16 by December 2027 ... about £0 a week".
_SAVED = re.compile(r"\bhow much (?:money )?(?:will|would|could|can|do|am) (?:i|we) (?:save|be "
                    r"saving)(?: (?:in|a|per|each|every|over) (?:a |one )?(?P<per>day|week|month|"
                    r"year))?", re.IGNORECASE)
_PACK = re.compile(r"\b(?:a|one|each|the|my) (?:pack|packet|box)(?: of (?P<size>\d{1,2}))? "
                   r"(?:costs?|is) (?:about |around )?(?P<cur>[£$€])(?P<n>\d+(?:\.\d\d)?)\b",
                   re.IGNORECASE)
_A_DAY = re.compile(r"\b(?P<n>\d{1,2}) (?:(?:cigarettes|fags|cigs|roll-ups) )?(?:a|per) day\b",
                    re.IGNORECASE)


def smoking_saved(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """What giving up saves, from the price of a pack the message tells and how many a day
    they smoked (this message or their last few); None for anything else."""
    text = " ".join(message.split())
    asked, pack = _SAVED.search(text), _PACK.search(text)
    if asked is None or pack is None:
        return None
    said = [" ".join(t.split()) for t in their_messages(text, recent, _LOOK_BACK)]
    smoked = next((m for t in said if (m := _A_DAY.search(t))), None)
    if smoked is None:
        return None
    size = int(pack["size"] or 20)
    daily = int(smoked["n"]) / size * float(pack["n"])
    per = (asked["per"] or "year").lower()
    cur = pack["cur"]
    return (f"At {smoked['n']} a day and {cur}{pack['n']} for a pack of {size}, that's "
            f"{as_money(daily, cur)} a day: about {as_money(daily * 365 / _IN_A_YEAR[per], cur)} a "
            f"{per}" + ("" if per == "year" else f", {as_money(daily * 365, cur)} a year") + ".")


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """The sum told per one stretch of time worked out for the one ``message`` asks of, or
    None when it asks nothing of the kind or no one sum was told."""
    text = " ".join(message.split())
    asked = _ASKED.search(text) if len(text) <= 200 else None
    if asked is None:
        return None
    said = [(m, text) for m in _SAID.finditer(text[:asked.start()])]
    for turn in reversed((recent or [])[-_LOOK_BACK:]):
        if said:
            break
        earlier = " ".join((turn.get("user") or "").split())
        said = [(m, earlier) for m in _SAID.finditer(earlier)]
    if len(said) != 1:
        return None  # no sum told, or two: which one is meant is not clear
    told = said[0][0]
    per = "year" if told["per"].lower() == "annum" else told["per"].lower()
    wanted = _EVERY.get(asked["per"].lower(), asked["per"].lower())
    if per == wanted:
        return None
    amount = float(told["n"].replace(",", "")) * (1000 if told["k"] else 1)
    if {per, wanted} == {"day", "week"}:  # a week is seven days, whatever the year holds
        value = amount / 7 if per == "week" else amount * 7
        return (f"{as_money(amount, told['cur'])} a {per} is about {as_money(value, told['cur'])} "
                f"a {wanted} (7 days in a week).")
    value = amount * _IN_A_YEAR[per] / _IN_A_YEAR[wanted]
    parts = [f"{_IN_A_YEAR[per]} {per}s in a year"] if per != "year" else []
    if wanted != "year":
        parts.append(f"shared over {_IN_A_YEAR[wanted]} {wanted}s" if parts else
                     f"{_IN_A_YEAR[wanted]} {wanted}s in a year")
    how = ", ".join(parts)
    return (f"{as_money(amount, told['cur'])} a {per} is about {as_money(value, told['cur'])} a "
            f"{wanted} ({how}).")
