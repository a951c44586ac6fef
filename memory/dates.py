"""Relative dates ("yesterday", "last week", "three days ago") pinned to the day they were said.

A memory saying "I went yesterday" is useless months later unless we know which yesterday;
recall annotates such phrases with the date they meant, computed from the turn's own date.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "few": 3, "couple of": 2}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PHRASE = re.compile(
    r"\b(yesterday|today|tonight|last night|this morning|tomorrow"
    r"|(?:last|this|next) (?:week|weekend|month|year|"
    + "|".join(_WEEKDAYS) + r")"
    r"|(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple of) "
    r"(?:day|week|month|year)s? ago))\b",
    re.IGNORECASE,
)


def day(when: datetime) -> str:
    """A date as people write it: ``7 May 2023``."""
    return f"{when.day} {when:%B %Y}"


def _meaning(phrase: str, when: datetime) -> str | None:
    p = phrase.lower()
    if p in ("today", "tonight", "this morning"):
        return day(when)
    if p in ("yesterday", "last night"):
        return day(when - timedelta(days=1))
    if p == "tomorrow":
        return day(when + timedelta(days=1))
    if p.endswith(" ago"):
        count_text, unit = p.removesuffix(" ago").rsplit(" ", 1)
        count = int(count_text) if count_text.isdigit() else _NUMBERS.get(count_text, 1)
        unit = unit.rstrip("s")
        if unit == "day":
            return day(when - timedelta(days=count))
        if unit == "week":
            return f"week of {day(when - timedelta(weeks=count))}"
        if unit == "month":
            month = (when.month - 1 - count) % 12 + 1
            year = when.year + (when.month - 1 - count) // 12
            return f"{datetime(year, month, 1):%B %Y}"
        return str(when.year - count)
    which, unit = p.split(" ", 1)
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit in ("week", "weekend"):
        return f"{unit} of {day(when + timedelta(weeks=shift))}"
    if unit == "month":
        month = (when.month - 1 + shift) % 12 + 1
        year = when.year + (when.month - 1 + shift) // 12
        return f"{datetime(year, month, 1):%B %Y}"
    if unit == "year":
        return str(when.year + shift)
    target = _WEEKDAYS.index(unit)
    delta = (when.weekday() - target) % 7 or 7
    if which == "next":
        return day(when + timedelta(days=(target - when.weekday()) % 7 or 7))
    return day(when - timedelta(days=delta))


def resolve_relative(text: str, when: datetime) -> str:
    """``text`` with each relative date followed by what it meant on ``when``."""
    def annotate(match: re.Match[str]) -> str:
        meant = _meaning(match.group(0), when)
        return f"{match.group(0)} ({meant})" if meant else match.group(0)

    return _PHRASE.sub(annotate, text)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = "(" + "|".join(m.capitalize() for m in _MONTHS) + ")"
_YEAR = r"((?:19|20)\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# Longest forms first: "13 October, 2023", "October 13, 2023", "October 2023", "October", "2023".
_PERIOD = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY}\b,?(?:\s+{_YEAR})?"
    rf"|{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?"
    rf"|{_YEAR})\b")

Period = tuple[int | None, int | None, int | None]  # (year, month, day); None: any


def periods_named(text: str) -> list[Period]:
    """The dates and periods a request names: ``in July`` (None, 7, None), ``2023``,
    ``on 13 October, 2023`` (2023, 10, 13).

    Month names count only capitalised (``may`` is usually a verb).
    """
    found: list[Period] = []
    for d1, m1, y1, m2, d2, y2, m3, y3, y4 in _PERIOD.findall(text):
        month_name = m1 or m2 or m3
        month = _MONTHS.index(month_name.lower()) + 1 if month_name else None
        year_text = y1 or y2 or y3 or y4
        day_text = d1 or d2
        found.append((int(year_text) if year_text else None, month,
                      int(day_text) if day_text else None))
    return found


def told_within(when: datetime, periods: list[Period], grace_days: int = 10) -> bool:
    """Whether a conversation held at ``when`` may tell of something in one of ``periods``.

    People tell of what they did a few days later ("last week I..."), so a period reaches
    ``grace_days`` past its end; a period without a year takes the conversation's year.
    """
    for year, month, day_ in periods:
        y = year if year is not None else when.year
        if month is None:
            start, end = datetime(y, 1, 1), datetime(y + 1, 1, 1)
        elif day_ is None:
            start = datetime(y, month, 1)
            end = datetime(y + month // 12, month % 12 + 1, 1)
        else:
            try:
                start = datetime(y, month, day_)
            except ValueError:
                continue
            end = start + timedelta(days=1)
        at = when.replace(tzinfo=None)
        if start <= at < end + timedelta(days=grace_days):
            return True
    return False


def within(when: datetime, periods: list[Period]) -> bool:
    """Whether ``when`` falls in any of ``periods``."""
    return any((year is None or when.year == year) and (month is None or when.month == month)
               and (day_ is None or when.day == day_) for year, month, day_ in periods)
