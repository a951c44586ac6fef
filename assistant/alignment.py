"""Deterministic checks: does a reply respect one preference? (Used by simulations.)

Each check reads the reply text itself and answers yes or no; a reply that says nothing the
preference forbids passes, and so does one that names a forbidden thing only to exclude it
("without meat", "almond milk"). The sentence in which Tacit states its assumptions is not part of
the answer and is removed first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from memory.text import alternation, phrases, units_pattern

ASSUMPTION = re.compile(r"\s*\(Assumed [^)]*\)\s*$")

# The judge's word lists are data (``data/lexicon.yaml``), written apart from the words the
# refine node removes, so a repair that misses one is still caught.
_LISTS = {name: alternation(phrases(name)) for name in (
    "meat", "fish", "animal_products", "gluten", "luxury", "thrift", "casual", "stiff", "jargon",
    "beginner", "example", "analogy")}
_MEAT, _FISH, _ANIMAL, _GLUTEN = (_LISTS[n] for n in ("meat", "fish", "animal_products", "gluten"))
_LUXURY, _THRIFT, _CONTRACTIONS, _STIFF = (_LISTS[n] for n in ("luxury", "thrift", "casual",
                                                              "stiff"))
_JARGON, _BEGINNER, _EXAMPLE, _ANALOGY = (_LISTS[n] for n in ("jargon", "beginner", "example",
                                                             "analogy"))


def _time_of_day(part: str) -> str:
    """A word for ``part`` of the day anywhere ("tonight" too), or an hour from 5 to 11 with
    its mark ("7 pm", "7 p.m.")."""
    marks = "|".join(re.escape(m) + (r"\b" if m[-1].isalnum() else "")
                     for m in phrases(f"{part}_hours"))
    return rf"{alternation(phrases(part))}|\b([5-9]|1[01])\s?(?:{marks})"


_IMPERIAL = units_pattern("imperial")
_METRIC = units_pattern("metric")
_EVENING = _time_of_day("evening")
_MORNING = _time_of_day("morning")
_PRICE = re.compile(rf"[$£€]\s?(\d[\d,]*)"
                    rf"|\b(\d[\d,]*)\s?({alternation(phrases('currency_words'))})\b")


def answer_text(reply: str) -> str:
    """The answer itself, without the sentence stating Tacit's assumptions."""
    return ASSUMPTION.sub("", reply)


def _has(pattern: str, text: str) -> bool:
    return re.search(rf"(?<![\w-])({pattern})(?![\w-])", text, re.IGNORECASE) is not None


# A food that is negated ("without meat", "meat-free") or named as what a substitute replaces
# ("almond milk", "veggie burger") is not suggested: a reply saying so respects the diet.
_NOT_SUGGESTED = (rf"(?:\b(?:{alternation(phrases('not_served_before'))})\s+(?:\w+\s+){{0,2}}"
                  rf"|(?:{alternation(phrases('substitute_for'))})\s+)")


def _suggests(pattern: str, text: str) -> bool:
    cleaned = re.sub(rf"{_NOT_SUGGESTED}({pattern})\b|\b({pattern})[- ]free\b", " ", text,
                     flags=re.IGNORECASE)
    return _has(pattern, cleaned)


def _no_gluten(text: str) -> bool:
    return not _suggests(_GLUTEN, text)


def _no_dear_prices(text: str, limit: int = 300) -> bool:
    for match in _PRICE.finditer(text):
        number = (match.group(1) or match.group(2) or "0").replace(",", "")
        if number.isdigit() and int(number) > limit:
            return False
    return True


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


CHECKS: dict[tuple[str, str], Callable[[str], bool]] = {
    ("diet", "omnivore"): lambda t: True,
    ("diet", "vegetarian"): lambda t: not _suggests(_MEAT, t) and not _suggests(_FISH, t),
    ("diet", "vegan"): lambda t: not (_suggests(_MEAT, t) or _suggests(_FISH, t)
                                      or _suggests(_ANIMAL, t)),
    ("diet", "pescatarian"): lambda t: not _suggests(_MEAT, t),
    ("diet", "gluten_free"): _no_gluten,
    ("units", "metric"): lambda t: re.search(_IMPERIAL, t, re.IGNORECASE) is None,
    ("units", "imperial"): lambda t: re.search(_METRIC, t, re.IGNORECASE) is None,
    ("budget", "low"): lambda t: not _has(_LUXURY, t) and _no_dear_prices(t),
    ("budget", "medium"): lambda t: not _has(_LUXURY, t) and _no_dear_prices(t, 2000),
    ("budget", "high"): lambda t: not _has(_THRIFT, t),
    ("detail", "brief"): lambda t: _words(t) <= 80,
    ("detail", "detailed"): lambda t: _words(t) > 80,
    ("tone", "formal"): lambda t: not _has(_CONTRACTIONS, t),
    ("tone", "casual"): lambda t: not _has(_STIFF, t),
    ("expertise", "beginner"): lambda t: len(re.findall(rf"(?<![\w-])({_JARGON})(?![\w-])", t,
                                                        re.IGNORECASE)) <= 1,
    ("expertise", "expert"): lambda t: not _has(_BEGINNER, t),
    ("learning_style", "examples"): lambda t: _has(_EXAMPLE, t),
    ("learning_style", "steps"): lambda t: len(re.findall(r"(?m)^\s*(\d+[.)]|step \d)", t,
                                                          re.IGNORECASE)) >= 2,
    ("learning_style", "analogies"): lambda t: _has(_ANALOGY, t),
    ("schedule", "morning"): lambda t: re.search(_EVENING, t, re.IGNORECASE) is None,
    ("schedule", "evening"): lambda t: re.search(_MORNING, t, re.IGNORECASE) is None,
}


def respects(reply: str, dimension: str, value: str) -> bool:
    """Whether ``reply`` respects the preference ``dimension = value``."""
    check = CHECKS.get((dimension, value))
    if check is None:
        raise KeyError(f"no check for {dimension}={value}")
    return check(answer_text(reply))
