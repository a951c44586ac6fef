"""A runner's pace worked out by code: "If I run 10k in 55 minutes, what's my pace per
kilometre?" got "10km / 5min = 2meters per kilometer" from the bundled model.

Two sums: a distance run in a time gives the pace (per kilometre and per mile) and the speed;
a pace held over a distance gives the finishing time. Anything else is None.
"""

from __future__ import annotations

import re

_KM_PER_MILE = 1.609344
_MARATHON_KM = 42.195

_ASKS = re.compile(r"\b(?:pace|per (?:km|kilomet(?:re|er)|mile)|(?:minutes?|mins?) (?:per|a|"
                   r"every) (?:km|kilomet(?:re|er)|mile)|how long (?:will|would|does|should|"
                   r"is)|finish(?:ing)? time|what time (?:will|would) i finish)\b", re.IGNORECASE)
_DISTANCE = re.compile(
    r"(?<![\w.:])(?:(?P<km>\d+(?:\.\d+)?)\s?(?:k|km|kms|kilomet(?:re|er)s?)|(?P<mi>\d+(?:\.\d+)?)"
    r"\s?(?:miles?|mi)|(?P<half>half[- ]marathon)|(?P<full>(?<!half )(?<!half-)marathon))\b",
    re.IGNORECASE)
_TIME = re.compile(
    r"(?<![\w.:])(?:(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)(?!\s?(?:/|per|a)\s?(?:km|kilomet|mile))|"
    r"(?P<h>\d+)\s?(?:hours?|hrs?|h)(?:\s?(?:and\s)?(?P<hm>\d{1,2})(?:\s?(?:minutes?|mins?|m))?)?|"
    r"(?P<m>\d+(?:\.\d+)?)[\s-]?(?:minutes?|mins?)(?![\s-]?(?:per|a|every|/)?\s?(?:km|kilomet|"
    r"miles?)\b)(?:\s?(?:and\s)?(?P<s>\d{1,2})\s?(?:seconds?|secs?|s))?)\b", re.IGNORECASE)
_PACE = re.compile(
    r"(?<![\w.:])(?P<pm>\d{1,2})(?::(?P<ps>\d{2}))?[\s-]?(?:min(?:ute)?s?\s?)?(?:/|per|a|every)?"
    r"\s?(?P<unit>km|kilomet(?:re|er)|mile)s?\b(?!\s?(?:race|run|in\b))", re.IGNORECASE)
_MOST_CHARS = 160


def _seconds(found: re.Match[str]) -> float:
    """The time a match of ``_TIME`` says, in seconds."""
    if found["clock"]:
        parts = [int(p) for p in found["clock"].split(":")]
        # "55:00" is minutes and seconds, "3:45" a marathon's hours and minutes
        if len(parts) == 3:
            return parts[0] * 3600 + parts[1] * 60 + parts[2]
        return parts[0] * 3600 + parts[1] * 60 if parts[0] <= 6 else parts[0] * 60 + parts[1]
    if found["h"]:
        return int(found["h"]) * 3600 + int(found["hm"] or 0) * 60
    return float(found["m"]) * 60 + int(found["s"] or 0)


def _km(found: re.Match[str]) -> tuple[float, str]:
    """The distance a match of ``_DISTANCE`` says, in km, and how to name it."""
    if found["half"]:
        return _MARATHON_KM / 2, "A half marathon (21.1 km)"
    if found["full"]:
        return _MARATHON_KM, "A marathon (42.2 km)"
    if found["mi"]:
        miles = float(found["mi"])
        return miles * _KM_PER_MILE, f"{miles:g} mile{'s' if miles != 1 else ''}"
    return float(found["km"]), f"{float(found['km']):g} km"


def _clock(seconds: float) -> str:
    """``seconds`` as a clock reads: "5:30", "3:52:04"."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def answer(message: str) -> str | None:
    """The pace of a distance run in a time, or the time a distance takes at a pace, when the
    message asks that and says exactly one of each; None for anything else."""
    text = " ".join(message.split())
    if len(text) > _MOST_CHARS or not _ASKS.search(text):
        return None
    distances = list(_DISTANCE.finditer(text))
    paces = [p for p in _PACE.finditer(text) if p["ps"] or re.search(
        r"(?:min(?:ute)?s?)[\s-]?(?:/|per|a|every)?\s?(?:km|kilomet|mile)", p.group(0), re.I)]
    times = [t for t in _TIME.finditer(text)
             if not any(p.start() <= t.start() < p.end() for p in paces)]
    if len(distances) != 1:
        return None
    km, named = _km(distances[0])
    if len(paces) == 1 and not times:
        per = float(paces[0]["pm"]) * 60 + int(paces[0]["ps"] or 0)
        unit = "mile" if paces[0]["unit"].lower() == "mile" else "kilometre"
        total = per * (km / _KM_PER_MILE if unit == "mile" else km)
        return (f"{named} at {_clock(per)} per {unit} takes about {_clock(total)} "
                "(holding that pace all the way).")
    if len(times) != 1 or paces or not km:
        return None
    seconds = _seconds(times[0])
    if not seconds:
        return None
    per_km, per_mile = seconds / km, seconds / km * _KM_PER_MILE
    first, second = (f"{_clock(per_mile)} per mile", f"{_clock(per_km)} per kilometre") \
        if re.search(r"\bmiles?\b", text, re.IGNORECASE) else \
        (f"{_clock(per_km)} per kilometre", f"{_clock(per_mile)} per mile")
    return (f"{named} in {_clock(seconds)} is a pace of {first} ({second}), an average speed "
            f"of {km / seconds * 3600:.1f} km/h.")
