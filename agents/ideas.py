"""Ideas written by code, from a menu of them: desserts (``data/desserts.yaml``), dinners
(``data/dinners.yaml``), films (``data/films.yaml``), TV series (``data/series.yaml``), books
(``data/books.yaml``), board games (``data/games.yaml``), podcasts (``data/podcasts.yaml``) and
names for a pet (``data/pet_names.yaml``).

"I'm gluten-free. Can you suggest a dessert for a dinner party?" got, from the bundled model,
"Baked Calamari with Black Coffee"; a diabetic got "A Dessert of the Week", and "something
without chocolate please" got "I will try not to create memories of chocolate again". "can you
help me plan a week of dinners? I'm trying to save money" got a holiday-themed dinner with
decorations, and "no fish please" then got "I'll make sure to have some fish available".

A request for ideas gets some that fit what is known: the person's diet, their allergies, a
long-term condition (lighter on sugar, for desserts), and what they said to leave out. Asked
again ("something without chocolate", "any others?"), a menu of ideas gives ones not shown
yet; a week's plan ("no fish please") gives the week again, keeping the days that still fit.
"can you recommend a good book? I like thrillers" got "I've only read a few, but I'm always on
the lookout", and "something not too violent" got "You're right, I'm glad to hear that you
enjoyed the person's response": a menu's ideas may be of kinds (thrillers, fantasy, ...), and
the kind asked, here or in the turns just before, chooses among them. "Recommend a film for
tonight, something funny" got "There are many funny movies that you might enjoy tonight.".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from string import Template
from typing import Any

from agents.data_files import data_yaml

# Going on from the ideas: "something without chocolate please", "any others?", "no fish please"
_FOLLOW_ON = re.compile(
    # "I've already read that one. Something lighter?": what they have seen said first
    r"^\W*(?:i(?:'ve| have)? (?:already )?(?:read|seen|watched|had|made|tried) (?:that|those|it|"
    r"them|all (?:of )?(?:those|them))(?: ones?| before)?[\s.!,]+)?"
    r"(?:(?:ok(?:ay)?|thanks|hmm|great|nice|but|and|maybe|please|could you|can you)\W+)*"
    r"(?:something|anything|one|ones|ideas?|any (?:others|more)|other ideas|more ideas|more|"
    r"others|what else|(?:without|with no|no)\b|i (?:don'?t|do not|can'?t|cannot|won'?t) "
    r"(?:like|eat|have|stand)\b|i (?:hate|dislike|detest)\b|i'?m allergic to\b|"
    # "My son doesn't eat fish." right after the week's dinners: the week again, without
    r"(?:my|our) (?:son|daughter|partner|husband|wife|kids|children|child|boyfriend|girlfriend|"
    r"family|guests?|little one)(?: [A-Z][a-z]+)? (?:doesn'?t|does not|don'?t|do not|won'?t|"
    r"can'?t|never) (?:like|eat|have)\b|(?:my|our) (?:son|daughter|partner|husband|wife|kids|"
    r"children|child)(?: [A-Z][a-z]+)? (?:is|are|'s) allergic to\b)", re.IGNORECASE)
_WITHOUT = re.compile(r"\b(?:without|with no|no|nothing|not|less|free of|minus|skip(?: the)?|"
                      r"(?:don'?t|do not|doesn'?t|does not|can'?t|cannot|won'?t|never) "
                      r"(?:like|eat|have|stand)|hate|"
                      r"dislike|detest|allergic to)\s+"
                      r"(?:(?:with|containing|any|too|so|very|overly|that)\s+){0,2}(?P<what>[a-z]+)",
                      re.IGNORECASE)
_FREE = re.compile(r"\b(?P<what>[a-z]+)[- ]free\b", re.IGNORECASE)
_VEGAN = re.compile(r"\bvegan\b", re.IGNORECASE)
_GLUTEN = re.compile(r"\b(?:gluten[- ]free|coeliac|celiac)\b", re.IGNORECASE)
_VEGETARIAN = re.compile(r"\b(?:vegetarian|veggie|meat[- ]free)\b", re.IGNORECASE)
_NOT_LIKED = re.compile(r"\b(?:not|don'?t|doesn'?t|never|hate|dislike|avoid|can'?t stand|no)\b",
                        re.IGNORECASE)
_CLAUSE = re.compile(r"[,;]|\b(?:but|and|though|although|whereas)\b", re.IGNORECASE)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MENUS = ("desserts", "dinners", "films", "series", "books", "games", "podcasts", "pet_names")


@dataclass(frozen=True)
class Idea:
    text: str
    has: frozenset[str]
    light: bool
    kind: str = ""   # of a menu with kinds: which ("thriller")
    treat: bool = False  # left out when a healthy plan is asked ("eat healthier")

    @property
    def shown(self) -> str:
        """The idea as a line of the reply shows it (capitalised)."""
        return self.text[:1].upper() + self.text[1:]


@dataclass(frozen=True)
class Menu:
    """One menu of ideas (desserts, dinners, films, series, books), from ``data/<name>.yaml``."""

    name: str
    raw: dict[str, Any]
    asks: re.Pattern[str]      # asks for ideas
    about: re.Pattern[str]     # ... of this menu
    named: re.Pattern[str]     # a dish, a recipe or a book named: the model answers
    week: re.Pattern[str]      # a week's plan asked: one idea a day
    only: re.Pattern[str]      # what a request must also say to be answered here
    ideas: tuple[Idea, ...]

    @property
    def count(self) -> int:
        return int(self.raw.get("count") or 3)

    def kind_in(self, words: str) -> str:
        """The kind of idea ``words`` ask for ("" for any, or for a menu without kinds)."""
        return next((kind for kind, pattern in (self.raw.get("kinds") or {}).items()
                     if re.search(pattern, words, re.IGNORECASE)), "")


@cache
def menu(name: str) -> Menu:
    raw: dict[str, Any] = data_yaml(f"{name}.yaml")
    return Menu(name, raw, re.compile(raw["asks"], re.I), re.compile(raw["about"], re.I),
                re.compile(raw["named"], re.I),
                re.compile(raw.get("week") or r"(?!)", re.I),
                re.compile(raw.get("only") or "", re.I),
                tuple(Idea(str(i["idea"]), frozenset(i.get("has") or ()), bool(i.get("light")),
                           str(i.get("kind") or ""), bool(i.get("treat")))
                      for i in raw["ideas"]))


def ideas(name: str = "desserts") -> tuple[Idea, ...]:
    return menu(name).ideas


@dataclass(frozen=True)
class Needs:
    """What the ideas must fit: the person's diet (a value of data/preferences.yaml's diet),
    their allergies, and whether they live with a long-term condition; and what they said
    they like, for a menu of kinds ("I like thrillers")."""

    diet: str = ""
    allergies: tuple[str, ...] = ()
    condition: bool = False
    likes: tuple[str, ...] = ()   # the person's stated preferences, in their words
    given_before: tuple[str, ...] = ()  # Tacit's replies in their earlier conversations
    avoid: tuple[str, ...] = ()   # foods they, or those they cook for, don't like ("mushrooms")


def answer(message: str, recent: list[dict[str, str]] | None = None,
           needs: Callable[[], Needs] = Needs) -> str | None:
    """Ideas for a request for them (or going on from them), fitting what ``needs`` reads
    (only when ideas are given); None for any other message."""
    return next((reply for name in MENUS
                 if (reply := _answer(menu(name), message, recent, needs)) is not None), None)


def _answer(kind: Menu, message: str, recent: list[dict[str, str]] | None,
            needs: Callable[[], Needs]) -> str | None:
    text = message.strip()
    shown = _shown(kind, recent)
    seen = _seen(kind, recent) if shown else set()
    asked = bool(kind.about.search(text) and kind.asks.search(text)
                 and kind.only.search(text) and not kind.named.search(text))
    if not asked and not (shown and _FOLLOW_ON.match(text) and "?" not in text[:-1]):
        return None
    known = needs()
    condition = known.condition and bool(kind.raw.get("light_for_condition"))
    words = " ".join([text, *([t.get("user", "") for t in (recent or [])[-2:]] if not asked
                              else [])])
    diet = diet_said(words, known.diet)
    out, left_out = ruled_out(kind.raw, words, diet, known.allergies)
    out |= disliked(kind.raw, known.likes)
    week = bool(kind.week.search(words)) or (not asked and len(shown) > kind.count)
    said_of = [c for like in known.likes for c in _CLAUSE.split(like)]  # one taste each
    asked_of = [c for s in re.split(r"[.?!]+", words) for c in _CLAUSE.split(s)]
    # ... "I don't like thrillers" asks for no thrillers
    sort = kind.kind_in(" ".join(c for c in asked_of if not _NOT_LIKED.search(c))) or \
        kind.kind_in(" ".join(like for like in said_of if not _NOT_LIKED.search(like)))
    unwanted = {kind.kind_in(c) for c in [*said_of, *asked_of] if _NOT_LIKED.search(c)} - {""}
    healthy = bool(re.search(kind.raw.get("healthy") or r"(?!)", words, re.IGNORECASE))
    fits = [i for i in kind.ideas if not (i.has & out) and (i.light or not condition)
            and (i.kind == sort if sort else i.kind not in unwanted)
            and not (healthy and i.treat)]
    if asked:  # of a menu read for pleasure (books), none given in an earlier conversation
        before = " ".join(known.given_before) if kind.raw.get("new_each_time") else ""
        fitting = [i for i in fits if i.shown not in before] or fits
    elif week:  # the week again: each day that still fits kept, the others given new ones
        spare = iter([i for i in fits if i.text not in shown])
        by_text = {i.text: i for i in fits}
        fitting = [i for i in (by_text.get(t) or next(spare, None) for t in shown) if i]
    else:  # none of those shown in the last few replies
        fitting = [i for i in fits if i.text not in seen]
    said = {**kind.raw["said"], **((kind.raw.get("said_of") or {}).get(sort) or {}),
            **((kind.raw.get("said_healthy") or {}) if healthy else {})}
    fit = _fit(said, diet, condition, left_out)
    if not fitting:
        return Template(said["none"]).substitute(fit=fit)
    if week:
        lead = said["week" if asked else "week_again"]
        if len(fitting) < len(_DAYS) and said.get("short_week"):
            lead = said["short_week"].replace("$count", str(len(fitting)))
        lines = [f"- {day}: {i.text}" for day, i in zip(_DAYS, fitting, strict=False)]
    else:
        lead = said["lead" if asked else "more"]
        lines = [f"- {i.shown}" for i in fitting[:kind.count]]
    after = [said["check_gluten"]] if diet == "gluten_free" and said.get("check_gluten") else []
    return "\n".join([Template(lead).substitute(fit=fit), *lines, "",
                      " ".join([*after, said["after"]])])


def _fit(said: dict[str, Any], diet: str, condition: bool, left_out: list[str]) -> str:
    """What the ideas were chosen to fit, as the lead line says it ("that are vegan")."""
    fits = [said["fits"][d] for d in (diet,) if d in said["fits"]] + \
        ([said["fits"]["light"]] if condition else [])
    named = [said.get("without_said", {}).get(w, w) for w in left_out]
    return (f" that are {' and '.join(fits)}" if fits else "") + (
        f"{',' if fits else ''} without {' or '.join(named)}" if left_out else "")


def ruled_out_by(catalog: dict[str, Any], diet: str, allergies: tuple[str, ...]) -> set[str]:
    """The kinds of ingredient a diet and allergies rule out, by a catalog's ``diets`` and
    ``allergies`` maps (a menu's, or a city guide's)."""
    out = set(catalog["diets"].get(diet) or ())
    for allergy in allergies:
        out.update(catalog["allergies"].get(allergy.lower().strip(), ()))
    return out


def diet_said(words: str, known: str) -> str:
    """The diet the request says ("vegan", "gluten-free"), else the one ``known``."""
    return "vegan" if _VEGAN.search(words) else "gluten_free" if _GLUTEN.search(words) else \
        "vegetarian" if _VEGETARIAN.search(words) and known != "vegan" else known


def disliked(catalog: dict[str, Any], likes: tuple[str, ...]) -> set[str]:
    """The kinds of ingredient the person's kept preferences say they don't like or eat ("I
    don't like spicy food"), by a catalog's ``without`` map."""
    return {kind for like in likes if _NOT_LIKED.search(like)
            for kind in ruled_out(catalog, like, "", ())[0]}


def ruled_out(catalog: dict[str, Any], words: str, diet: str,
              allergies: tuple[str, ...]) -> tuple[set[str], list[str]]:
    """The kinds of ingredient the diet, the allergies and the words of the request rule out
    (by a catalog's ``diets``, ``allergies`` and ``without`` maps), and the words they said to
    leave out ("chocolate")."""
    out = ruled_out_by(catalog, diet, allergies)
    # "something lighter" asks for none of the dark, sad or long ones
    for plainly, kinds in (catalog.get("wanted") or {}).items():
        if re.search(plainly, words, re.IGNORECASE):
            out.update(kinds)
    said: list[str] = []
    for found in [*_WITHOUT.finditer(words), *_FREE.finditer(words)]:
        what = found["what"].lower()
        if what in catalog["without"]:
            out.update(catalog["without"][what])
            said += [what] if what not in said and found.re is _WITHOUT else []
    return out, said


def _seen(kind: Menu, recent: list[dict[str, str]] | None, back: int = 3) -> set[str]:
    """The ideas of this menu any of the last ``back`` replies listed."""
    turns = recent or []
    return {text for end in range(len(turns), max(len(turns) - back, 0), -1)
            for text in _shown(kind, turns[:end])}


def _shown(kind: Menu, recent: list[dict[str, str]] | None) -> list[str]:
    """The ideas the last reply listed, if it listed ideas of this menu."""
    if not recent:
        return []
    said = recent[-1].get("said") or recent[-1].get("assistant") or ""
    # a menu of single words (names for a pet) counts only its own list lines: "your dog is
    # Pepper" listed no names
    mark = "\n- " if kind.raw.get("listed_only") else ""
    said = f"\n{said}" if mark else said
    at = {i.text: max(said.find(f"{mark}{i.shown}"), -1 if mark else said.find(f": {i.text}"))
          for i in kind.ideas}
    return sorted((text for text, where in at.items() if where >= 0), key=at.__getitem__)
