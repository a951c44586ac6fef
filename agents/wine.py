"""Wine with a dish, written by code (``data/wine.yaml``).

"What wine goes with a mushroom risotto?" got, from the bundled model, "a wine that has been made
from a variety of mushrooms". A question of the wine for a dish gets the usual pairing for what
the dish is made of; a dish the file does not know goes to the model.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from agents.data_files import data_pattern, data_yaml

_MOST_CHARS = 160


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("wine.yaml")


@cache
def _dishes() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"\b(?:{d['says']})\b", re.IGNORECASE), str(d["wines"]))
                 for d in catalog()["dishes"])


def answer(message: str) -> str | None:
    """The usual wine for the dish a message asks about, or None."""
    text = " ".join(message.split())
    asked = data_pattern("wine.yaml", "asks").search(text) if len(text) <= _MOST_CHARS else None
    if asked is None:
        return None
    dish = text[asked.end():].strip(" ?.!")
    wines = next((w for pattern, w in _dishes() if pattern.search(dish)), None)
    if not dish or wines is None:
        return None
    spec = catalog()
    named = re.sub(r"^(?:an?|the|my|our|some)\s+", "", dish, flags=re.IGNORECASE)
    return f"{spec['said'].format(dish=named, wines=wines)}\n\n{spec['after']}"
