"""A body mass index worked out by code: "I'm 5 foot 4 and weigh 13 stone." then "What's my
BMI?" got "Your BMI (body mass index) of 18.5 can be considered overweight or obese" from the
bundled model.

The height and the weight come from the question itself or from what the person told in their
last few messages, in feet and inches or centimetres or metres, and in stones and pounds,
kilograms or pounds. The reply gives the figure, the adult range it falls in (the NHS's bands),
and what BMI does not tell; without a height and a weight it says what it needs.
"""

from __future__ import annotations

import re

from agents.contract import their_messages

_ASKS = re.compile(r"\b(?:what(?:'s| is) my (?:bmi|body mass index)|(?:work out|calculate|"
                   r"check|tell me) my (?:bmi|body mass index)|my (?:bmi|body mass index)\s*\?|"
                   r"am i (?:overweight|obese|underweight|a healthy weight)\b)", re.IGNORECASE)
_FEET = re.compile(r"\b(?P<ft>[4-7])\s?(?:foot|feet|ft|')\s?(?:(?P<inch>\d{1,2})\s?(?:inches|"
                   r"inch|in|\"|'')?)?(?!\s?(?:tall )?(?:wide|long|deep))", re.IGNORECASE)
_CM = re.compile(r"\b(?P<cm>1[2-9]\d|2[0-2]\d)\s?(?:cm|centimet(?:re|er)s?)\b|\b(?P<m>[12]"
                 r"\.\d{1,2})\s?(?:m|metres?|meters?)\b", re.IGNORECASE)
_STONE = re.compile(r"\b(?P<st>\d{1,2})\s?(?:stone|st)\b(?:\s?(?:and\s)?(?P<lb>\d{1,2})\s?"
                    r"(?:pounds?|lbs?)\b)?", re.IGNORECASE)
_KG_LB = re.compile(r"\b(?P<kg>\d{2,3}(?:\.\d)?)\s?(?:kg|kilos?|kilograms?)\b|\b(?P<lbs>\d{2,3})"
                    r"\s?(?:lbs?|pounds)\b", re.IGNORECASE)
_WEIGHS = re.compile(r"\b(?:weigh|weighs|weighing|weight is|i'?m)\b", re.IGNORECASE)
_BANDS = ((18.5, "below 18.5, the underweight range"),
          (25.0, "in the healthy range (18.5 to 24.9)"),
          (30.0, "in the overweight range (25 to 29.9)"),
          (40.0, "in the obese range (30 to 39.9)"),
          (float("inf"), "40 or over, the severely obese range"))


def _height(text: str) -> tuple[float, str] | None:
    """The height ``text`` tells, in metres, and as they said it."""
    if found := _FEET.search(text):
        inches = int(found["ft"]) * 12 + int(found["inch"] or 0)
        return inches * 0.0254, f"{found['ft']} ft {int(found['inch'] or 0)} in"
    if found := _CM.search(text):
        metres = int(found["cm"]) / 100 if found["cm"] else float(found["m"])
        return metres, f"{metres * 100:.0f} cm"
    return None


def _weight(text: str) -> tuple[float, str] | None:
    """The weight ``text`` tells, in kilograms, and as they said it."""
    if found := _STONE.search(text):
        pounds = int(found["st"]) * 14 + int(found["lb"] or 0)
        said = f"{found['st']} st" + (f" {found['lb']} lb" if found["lb"] else "")
        return pounds * 0.45359237, said
    if (found := _KG_LB.search(text)) and _WEIGHS.search(text):
        if found["kg"]:
            return float(found["kg"]), f"{float(found['kg']):g} kg"
        return int(found["lbs"]) * 0.45359237, f"{found['lbs']} lb"
    return None


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """Their BMI, with its band, from the height and weight told; what is missing when one is
    not; None when the message does not ask for it."""
    if len(message) > 200 or not _ASKS.search(message):
        return None
    theirs = their_messages(message, recent)
    height = next((h for text in theirs if (h := _height(text))), None)
    weight = next((w for text in theirs if (w := _weight(text))), None)
    if height is None or weight is None:
        missing = " and ".join(n for n, v in (("height", height), ("weight", weight)) if not v)
        return (f"I need your {missing} to work it out: tell me, in feet and inches or "
                "centimetres, and in stones, kilograms or pounds.")
    bmi = weight[0] / height[0] ** 2
    band = next(said for below, said in _BANDS if bmi < below)
    return (f"At {height[1]} and {weight[1]}, your BMI is about {bmi:.1f}: for an adult, "
            f"that is {band}.\n\n"
            "BMI is only a rough guide: it can't tell muscle from fat, and it is read differently "
            "for under-18s (against children of the same age) and in pregnancy. For people of "
            "South Asian, Chinese, Middle Eastern, Black African or African-Caribbean family "
            "background, the risks start lower: overweight from 23 and obese from 27.5. Your "
            "GP or practice nurse can check it with your waist measurement, and help with a "
            "plan if you want one.")
