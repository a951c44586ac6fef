"""A joke, told by code from ``data/jokes.yaml``: one not told yet in the conversation."""

from __future__ import annotations

import re
from functools import cache

from agents.data_files import data_yaml

_ASKS = re.compile(
    r"^\W*(?:(?:hi|hey|ok(?:ay)?|so|please|pls|go on|now)\W+)*(?:(?:can|could|would|will) you "
    r"(?:please )?)?(?:tell|give|make|share)\s+(?:me|us)\s+(?:a|another|one more|some|a (?:good|"
    r"funny|silly|quick|short|bad|dad))\s*(?:good |funny |silly |quick |short |bad |dad |more )*"
    r"jokes?(?:\s+please)?\W*$|^\W*(?:another|one more)(?: one)?(?: joke)?(?: please)?\W*$|"
    r"^\W*(?:do you )?know any (?:good )?jokes\W*$|^\W*(?:make me laugh|cheer me up with a joke)"
    r"\W*$", re.IGNORECASE)
_MORE = re.compile(r"^\W*(?:another|one more)(?: one)?(?: joke)?(?: please)?\W*$", re.IGNORECASE)


@cache
def jokes() -> tuple[str, ...]:
    return tuple(str(j) for j in data_yaml("jokes.yaml")["jokes"])


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """A joke for a request for one, not told yet in ``recent``; "another" only right after a
    joke. None otherwise, or when every joke has been told."""
    if not _ASKS.match(message.strip()):
        return None
    told = " ".join(t.get("said") or t.get("assistant") or "" for t in recent or [])
    if _MORE.match(message.strip()) and not any(j in told for j in jokes()):
        return None  # "another" after something else: not a joke asked
    return next((j for j in jokes() if j not in told), None)
