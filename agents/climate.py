"""The usual weather of a city by month, written by code (``data/climate.yaml``).

"I'm going to Lisbon for 3 days next month", then "What's the weather like there in March?" got,
from the bundled model, highs "around 25°C" in the UK and a Portuguese season called "Abriras".
A question of the weather in a city of the guides (named, or the one the conversation is about)
gets its usual daytime high for the month asked (or the month of the trip told), what the
seasons are like there, and that this is no forecast: Tacit does not go on the internet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from agents.data_files import data_pattern, data_yaml
from agents.travel import City, city_in

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = re.compile(r"\b(?:in|during|for|over|around|this|next|early|late|mid|end of)\s+"
                    r"(?:-\s*)?(" + "|".join(m.capitalize() for m in MONTHS) + r")\b|\b(next|this)"
                    r" month\b", re.IGNORECASE)
_SEASONS = (("winter", (11, 0, 1)), ("spring", (2, 3, 4)), ("summer", (5, 6, 7)),
            ("autumn", (8, 9, 10)))
_BACK = 4  # the turns before read for the city and the month of a trip
_MOST_CHARS = 200


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("climate.yaml")


def _month(text: str, today: date) -> int | None:
    """The month ``text`` names (0 for January), "next month" read from ``today``."""
    found = _MONTH.search(text)
    if found is None:
        return None
    if found[1]:
        return MONTHS.index(found[1].lower())
    return (today.month - (0 if found[2].lower() == "next" else 1)) % 12


def _fahrenheit(celsius: int) -> int:
    return round(celsius * 9 / 5 + 32)


def answer(message: str, recent: list[dict[str, str]] | None = None,
           today: Callable[[], date] = date.today) -> str | None:
    """The usual weather of the city a message asks about (named, or that of the last few
    turns), for the month asked or that of the trip; None for anything else."""
    text = " ".join(message.split())
    if not text or len(text) > _MOST_CHARS or not data_pattern("climate.yaml", "asks").search(
            text) or data_pattern("climate.yaml", "unless").search(text):
        return None
    earlier = [turn.get("user") or "" for turn in (recent or [])[-_BACK:]][::-1]
    city: City | None = city_in(text)
    if city is None and re.search(r"\b(?:there|it|the city)\b", text, re.IGNORECASE):
        city = next((c for said in earlier if (c := city_in(said)) is not None), None)
    if city is None:
        return None
    spec = catalog()
    climate = spec["cities"][city.key]
    now = today()
    month = _month(text, now)
    if month is None and city_in(text) is None:  # the trip's month: "3 days next month"
        month = next((m for said in earlier if (m := _month(said, now)) is not None), None)
    said = spec["said"]
    if month is None:
        seasons = "; ".join(f"{name} {min(climate['highs'][m] for m in months)}–"
                            f"{max(climate['highs'][m] for m in months)}°C"
                            for name, months in _SEASONS)
        lines = [said["year"].format(city=city.name, seasons=seasons, note=climate["note"])]
    else:
        high = int(climate["highs"][month])
        feel = next(word for bar, word in spec["feel"] if high < bar)
        lines = [said["month"].format(city=city.name, month=MONTHS[month].capitalize(),
                                      feel=feel, c=high, f=_fahrenheit(high),
                                      note=climate["note"])]
    return "\n\n".join([*lines, said["after"]])
