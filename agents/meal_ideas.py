"""Dessert ideas written by code (``data/desserts.yaml``).

"I'm gluten-free. Can you suggest a dessert for a dinner party?" got, from the bundled model,
"Baked Calamari with Black Coffee"; a diabetic got "A Dessert of the Week", and "something
without chocolate please" got "I will try not to create memories of chocolate again". A
request for dessert ideas gets three that fit what is known: the person's diet, their
allergies, a long-term condition (lighter on sugar), and what they said to leave out; asked
again ("something without chocolate", "any others?"), three not shown yet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from string import Template
from typing import Any

from agents.data_files import data_yaml

_ASKS = re.compile(r"\b(?:suggest\w*|ideas?|recommend\w*|what (?:should|can|could|do) (?:i|we) "
                   r"(?:make|bake|cook|serve|have|do)|help me (?:think of|pick|choose|decide)|"
                   r"any (?:good |easy )?(?:ideas|suggestions)|(?:need|want) (?:a|an|some))\b",
                   re.IGNORECASE)
_DESSERT = re.compile(r"\b(?:desserts?|puddings?|something sweet|a sweet treat|afters)\b",
                      re.IGNORECASE)
# A dish named, or a recipe asked: the model answers ("how do I make a tiramisu?").
_NAMED = re.compile(r"\b(?:recipe for|how (?:do|to|can) (?:i |we )?make|what goes with|wine)\b",
                    re.IGNORECASE)
# Going on from the ideas: "something without chocolate please", "any others?"
_FOLLOW_ON = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|thanks|hmm|great|nice|but|and|maybe|please|could you|can you)\W+)*"
    r"(?:something|anything|one|ones|ideas?|any (?:others|more)|other ideas|more ideas|more|"
    r"others|what else|(?:without|with no|no)\b)", re.IGNORECASE)
_WITHOUT = re.compile(r"\b(?:without|with no|no|not|free of|minus|skip(?: the)?)\s+"
                      r"(?:any\s+)?(?P<what>[a-z]+)", re.IGNORECASE)
_FREE = re.compile(r"\b(?P<what>[a-z]+)[- ]free\b", re.IGNORECASE)
_VEGAN = re.compile(r"\bvegan\b", re.IGNORECASE)
_GLUTEN = re.compile(r"\b(?:gluten[- ]free|coeliac|celiac)\b", re.IGNORECASE)
COUNT = 3


@dataclass(frozen=True)
class Idea:
    text: str
    has: frozenset[str]
    light: bool

    @property
    def shown(self) -> str:
        """The idea as a line of the reply shows it (capitalised)."""
        return self.text[:1].upper() + self.text[1:]


@cache
def _catalog() -> dict[str, Any]:
    return data_yaml("desserts.yaml")


@cache
def ideas() -> tuple[Idea, ...]:
    return tuple(Idea(str(i["idea"]), frozenset(i.get("has") or ()), bool(i.get("light")))
                 for i in _catalog()["ideas"])


@dataclass(frozen=True)
class Needs:
    """What the ideas must fit: the person's diet (a value of data/preferences.yaml's diet),
    their allergies, and whether they live with a long-term condition."""

    diet: str = ""
    allergies: tuple[str, ...] = ()
    condition: bool = False


def answer(message: str, recent: list[dict[str, str]] | None = None,
           needs: Callable[[], Needs] = Needs) -> str | None:
    """Dessert ideas for a request for them (or going on from them), fitting what ``needs``
    reads (only when ideas are given); None for any other message."""
    text = message.strip()
    shown = _shown(recent)
    asked = bool(_DESSERT.search(text) and _ASKS.search(text) and not _NAMED.search(text))
    if not asked and not (shown and _FOLLOW_ON.match(text) and "?" not in text[:-1]):
        return None
    known = needs()
    condition = known.condition
    words = " ".join([text, *([t.get("user", "") for t in (recent or [])[-2:]] if not asked
                              else [])])
    diet = "vegan" if _VEGAN.search(words) else "gluten_free" if _GLUTEN.search(words) else \
        known.diet
    out, left_out = _ruled_out(words, diet, known.allergies)
    fitting = [i for i in ideas() if not (i.has & out) and (i.light or not condition)
               and (asked or i.text not in shown)]
    said = _catalog()["said"]
    fits = [said["fits"][d] for d in (diet,) if d in said["fits"]] + \
        ([said["fits"]["light"]] if condition else [])
    fit = (f" that are {' and '.join(fits)}" if fits else "") + (
        f"{',' if fits else ''} without {' or '.join(left_out)}" if left_out else "")
    if not fitting:
        return Template(said["none"]).substitute(fit=fit)
    lines = [Template(said["lead" if asked else "more"]).substitute(fit=fit),
             *(f"- {i.shown}" for i in fitting[:COUNT])]
    after = [said["check_gluten"]] if diet == "gluten_free" else []
    return "\n".join([*lines, "", " ".join([*after, said["after"]])])


def _ruled_out(words: str, diet: str, allergies: tuple[str, ...]) -> tuple[set[str], list[str]]:
    """The kinds of ingredient the diet, the allergies and the words of the request rule out,
    and the words they said to leave out ("chocolate")."""
    catalog = _catalog()
    out = set(catalog["diets"].get(diet) or ())
    for allergy in allergies:
        out.update(catalog["allergies"].get(allergy.lower().strip(), ()))
    said: list[str] = []
    for found in [*_WITHOUT.finditer(words), *_FREE.finditer(words)]:
        what = found["what"].lower()
        if what in catalog["without"]:
            out.update(catalog["without"][what])
            said += [what] if what not in said and found.re is _WITHOUT else []
    return out, said


def _shown(recent: list[dict[str, str]] | None) -> list[str]:
    """The ideas the last reply listed, if it listed dessert ideas."""
    if not recent:
        return []
    said = recent[-1].get("said") or recent[-1].get("assistant") or ""
    return [i.text for i in ideas() if i.shown in said]
