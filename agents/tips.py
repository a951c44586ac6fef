"""Tips for everyday troubles, written by code (``data/tips.yaml``).

"I can't sleep, any tips?" got, from the bundled model, "- Avoid prescribing anything without a
doctor's permission." (the safety guidance it was given, continued as a list). A request for
help with sleep or stress gets the topic's tips; a question about pills or doses, or about
someone else's sleep, is left to the model with its guidance.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from agents.data_files import data_yaml


def catalog() -> dict[str, Any]:
    return data_yaml("tips.yaml")


_NEVER = re.compile(r"(?!)")  # a topic without ``told`` is only ever asked about


@cache
def _topics() -> tuple[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, Any]],
                       ...]:
    return tuple((re.compile(spec["about"], re.I), re.compile(spec["unless"], re.I),
                  re.compile(spec["told"], re.I) if spec.get("told") else _NEVER, spec)
                 for spec in catalog()["topics"].values())


def answer(message: str) -> str | None:
    """The tips of the topic the message asks help with (or, for a topic with ``told``, tells
    of in those words), or None."""
    asks = re.search(catalog()["asks"], message, re.I) is not None
    for about, unless, told_in, spec in _topics():
        told = told_in.search(message) is not None
        if (asks or told) and (about.search(message) or told) and not unless.search(message):
            lines = [str(spec["lead"]), *(f"- {tip}" for tip in spec["tips"])]
            if spec.get("after"):
                lines += ["", str(spec["after"])]
            return "\n".join(lines)
    return None
