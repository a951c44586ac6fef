"""A traveller's phrasebook written by code (``data/phrases.yaml``).

"How do I say 'where is the train station' in French?" got, from the bundled model, "on dit « à
la station » (on the left)". A phrase of the book asked for in French, Spanish, Italian, German
or Portuguese gets its translation; any other phrase or language goes to the model.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from agents.data_files import data_yaml

_ASKED = re.compile(
    r"^\W*(?:(?:hey|hi|ok(?:ay)?|so|and|please|quick question)\W+)*(?:how (?:do|would|can|could|"
    r"should) (?:i|you|we) say|what(?:'s| is)(?: the (?:\w+ )?(?:word|phrase) for)?|translate|"
    r"how to say)\s+(?P<what>.+?)\s+(?:in|into|to)\s+(?P<language>[a-z ]+?)\W*$", re.IGNORECASE)


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("phrases.yaml")


def _plain(text: str) -> str:
    """``text`` as the book's ``says`` are written: lower case, no quotes or end marks."""
    text = text.strip().strip("\"'‘’“”").strip()
    return re.sub(r"[?!.,]+$", "", text.replace("’", "'")).strip().lower()


def answer(message: str) -> str | None:
    """The translation of a phrase of the book asked for in one of its languages, or None."""
    asked = _ASKED.match(" ".join(message.split()))
    if asked is None:
        return None
    language = next((name for name, words in catalog()["languages"].items()
                     if re.fullmatch(words, asked["language"].strip(), re.IGNORECASE)), None)
    what = _plain(asked["what"])
    phrase = next((p for p in catalog()["phrases"] if what in p["says"]), None)
    if language is None or phrase is None:
        return None
    return catalog()["said"]["one"].format(language=language.capitalize(),
                                           phrase=phrase[language])
