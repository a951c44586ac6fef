"""Saving towards a sum by a date, worked out by code.

"I also want to put aside money for a trip to Japan next autumn." then "How much should I save
each month if the trip costs 2500?" got, from the bundled model, "the trip costs $10 per person
(that's 2500)" and a saving "up to 2 weeks". A question of how much to put aside each month
(or week) for a sum gets the sum divided over the months left until the time they named, in
the question or in one of their last few messages ("next autumn", "in June", "by March 2028",
"in 8 months"); and "if I save 200 a month, how long until I have 2500?" gets the months it
takes and the month it is reached.
"""

from __future__ import annotations

import math
import re
from datetime import date

from agents.budget import Money, first_amount, income, named_amount

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_PER = r"(?P<per>each|a|per|every) (?P<unit>month|week)"
# "How much should I save each month if the trip costs 2500?", "how much do I need to put
# aside a week to have £1,200 by June?"
_HOW_MUCH = re.compile(
    # ("How much money will I save in a year if a pack costs £16?" asks what is saved: no goal)
    r"\bhow much (?:money )?(?:(?:should|do|must|need) (?:i|we)(?: need to| have to)?|(?:would|"
    r"will|can) (?:i|we) (?:need to|have to)) (?:save|put (?:aside|away|by)|set aside|put in)"
    r"(?: (?:each|a|per|every) (?:month|week))?|"
    r"\bhow much (?:a|per|each|every) (?:month|week) (?:should|do|would|will|must) (?:i|we)"
    r"(?: need to)? (?:save|put (?:aside|away|by)|set aside)", re.IGNORECASE)
_WEEKLY = re.compile(r"\b(?:each|a|per|every) week\b|\bweekly\b", re.IGNORECASE)
# "If I save 200 a month, how long until I have 2500?"
_HOW_LONG = re.compile(
    r"\bif (?:i|we) (?:save|put (?:aside|away|by)|set aside) (?P<each>[^,?]{1,20}?) "
    + _PER + r"\b.{0,20}?\bhow long\b|\bhow long\b.{0,40}?\bif (?:i|we) (?:save|put (?:aside|"
    r"away|by)|set aside) (?P<each2>[^,?]{1,20}?) (?:each|a|per|every) (?P<unit2>month|week)",
    re.IGNORECASE)
_WHEN = re.compile(
    r"\b(?:(?P<which>next|this|in the|by the|by next|by this) (?P<season>spring|summer|autumn|"
    r"fall|winter)|(?:in|by|for|next) (?P<month>" + "|".join(_MONTHS) + r")(?: (?P<year>20\d\d))?|"
    r"(?:in|within) (?P<n>\d{1,2}|a|six|three|nine|twelve|eighteen) (?P<span>months?|years?))\b",
    re.IGNORECASE)
_NUMBER_WORDS = {"a": 1, "three": 3, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18}


def _target(said: str, today: date) -> tuple[date, str] | None:
    """The first day of the month a time said ("next autumn", "in June", "in 8 months") comes
    to, and how to say it, or None when no such time is said."""
    found = _WHEN.search(said)
    if found is None:
        return None
    if found["season"]:  # "next autumn" said in December: the one after the turn of the year
        month = _SEASONS[found["season"].lower()]
        soonest = month >= today.month if found["which"].lower() in ("this", "in the",
                                                                     "by the", "by this") \
            else month > today.month
        year = today.year if soonest else today.year + 1
        return date(year, month, 1), f"the start of {found['season'].lower()} {year}"
    if found["month"]:
        month = _MONTHS.index(found["month"].lower()) + 1
        year = int(found["year"]) if found["year"] else \
            today.year + (1 if month <= today.month else 0)
        return date(year, month, 1), f"{found['month'].capitalize()} {year}"
    count = int(found["n"]) if found["n"].isdigit() else _NUMBER_WORDS[found["n"].lower()]
    months = count * (12 if found["span"].lower().startswith("year") else 1)
    month0 = today.month - 1 + months
    then = date(today.year + month0 // 12, month0 % 12 + 1, 1)
    return then, f"{then:%B %Y}"


def _months_between(today: date, then: date) -> int:
    return (then.year - today.year) * 12 + then.month - today.month


def answer(message: str, recent: list[dict[str, str]] | None, today: date) -> str | None:
    """How much to put aside each month (or week) to have a sum by a time they named, or how
    long a saving each month takes to reach a sum; None for any other message."""
    text = " ".join(message.split())
    if len(text) > 300:
        return None
    theirs = [turn.get("user") or "" for turn in (recent or [])[-4:]]
    return _how_long(text, today) or _how_much(text, theirs, today) or _made_to_last(text)


# "I've got 200 quid left until my loan comes in 6 weeks, how do I make it last?" got goals
# for repaying a debt, and a warning about payday loans.
_LAST = re.compile(r"\b(?:make|making) (?:it|this|that|the money|my money|them|what'?s left) "
                   r"(?:last|stretch|go further)|\b(?:live|get by|survive|manage) on\b|"
                   r"\bstretch (?:it|this|that|my money|the money)\b|\bhow (?:do|can|should) i "
                   r"budget\b", re.IGNORECASE)
_SPAN = re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|a) "
                   r"(?P<unit>weeks?|days?|months?)\b", re.IGNORECASE)
_SPAN_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "a": 1}
_DAYS_IN = {"day": 1, "week": 7, "month": 30}


def _made_to_last(text: str) -> str | None:
    """What a sum comes to a week and a day over the time it must last, with ways to make it
    stretch; None for any other message."""
    span = _SPAN.search(text)
    if not _LAST.search(text) or span is None:
        return None
    left = named_amount(text[:span.start()] + " " + text[span.end():])
    count = _SPAN_WORDS.get(span["n"].lower()) or int(span["n"])
    days = count * _DAYS_IN[span["unit"].lower().rstrip("s")]
    if left is None or left.amount <= 0 or not 2 <= days <= 366:
        return None
    week = f" about {Money(left.amount * 7 / days, left.currency)} a week, or" if days >= 14 \
        else ""
    day = f"{left.currency}{left.amount / days:,.2f}"
    return (f"{left} over {span[0].lower()} is{week} about {day} a day. Ways to "
            "make it stretch:\n"
            "- Take out a week's money at a time (or move it to a separate account) and spend "
            "only that.\n"
            "- Plan a week of meals before you shop, cook in batches and freeze portions: "
            "lentils, pasta, rice, eggs, oats and frozen veg go a long way.\n"
            "- Buy supermarket own brands, shop late for reduced items, and take a list.\n"
            "- Pause subscriptions you can live without, and use student or local discounts.\n"
            "- Keep a little back for a surprise, so one bill doesn't wreck the plan.\n\n"
            "If it can't cover the essentials, ask for help early: a free money advice service "
            "can, and so can a university's hardship fund if you're a student.")


def _how_much(text: str, theirs: list[str], today: date) -> str | None:
    if not _HOW_MUCH.search(text):
        return None
    goal = first_amount(_WHEN.sub(" ", _HOW_MUCH.sub(" ", text)))
    when = next((t for said in [text, *reversed(theirs)] if (t := _target(said, today))), None)
    if goal is None or when is None or goal.amount <= 0:
        return None
    then, said = when
    months = _months_between(today, then)
    if months < 1:
        return None
    monthly = Money(goal.amount / months, goal.currency)
    weekly = Money(goal.amount / max((then - today).days / 7, 1), goal.currency)
    each = [f"{monthly} a month", f"{weekly} a week"]  # the one asked for first
    first, second = each[::-1] if _WEEKLY.search(text) else each
    lead = (f"To have {goal} by {said}, {months} month{'s' * (months != 1)} from now: about "
            f"{first}, or about {second}.")
    earned = next((e[0] for said_then in [text, *reversed(theirs)] if (e := income(said_then))),
                  None)
    share = (f" That's {round(100 * monthly.amount / earned.amount)}% of the {earned} you "
             f"take home each month.") if earned and earned.amount > 0 else ""
    return (f"{lead}{share}\n\nSet it up as a standing order into a separate savings account on "
            "payday, so it goes before you can spend it; if a month falls short, add the "
            "difference over the next few.")


def _how_long(text: str, today: date) -> str | None:
    found = _HOW_LONG.search(text)
    if found is None:
        return None
    group = "each" if found["each"] else "each2"
    each = first_amount(found[group])
    rest = text[:found.start(group)] + " " + text[found.end(group):]  # the sum, before or after
    goal = first_amount(_WHEN.sub(" ", rest))
    weekly = (found["unit"] or found["unit2"] or "").lower() == "week"
    if each is None or goal is None or each.amount <= 0 or goal.amount <= each.amount:
        return None
    steps = math.ceil(goal.amount / each.amount)
    if weekly:
        return (f"Saving {each} a week, you reach {goal} after {steps} weeks (about "
                f"{round(steps / 4.345)} months).")
    month0 = today.month - 2 + steps  # the first put aside this month
    then = date(today.year + month0 // 12, month0 % 12 + 1, 1)
    return (f"Saving {each} a month, you reach {goal} after {steps} month"
            f"{'s' * (steps != 1)}, around {then:%B %Y} if you start this month.")
