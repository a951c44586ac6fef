"""Make a reply keep the person's hard preferences, deterministically, after it is written.

A small model often ignores what it is told: asked for metric units it still writes "13.1
miles", asked for a vegan dinner it still lists scrambled eggs. For the few preferences that
are hard constraints rather than matters of taste, the reply is corrected after generation:

- **units**: quantities in the other system are converted ("13.1 miles" -> "21.1 km",
  "365-degree Fahrenheit" -> "185°C"), a bracketed duplicate in the other system ("110 km
  (68 miles)") is dropped, and a unit named without a quantity is renamed ("in kilograms");
- **diet**: list items and sentences that suggest a food the diet excludes (the ``avoid``
  words of the value in ``data/preferences.yaml``) are removed; a mention that is negated
  ("without meat", "meat-free") is kept;
- **schedule**: list items and sentences that plan things at the other time of day (its
  ``avoid`` words, or a clock time such as "7 am" for a person who prefers evenings) are removed.

Only preferences that are known (answered, stated, or held with high confidence) are
enforced, never a guess. Every change is returned so the trace can show it. The persona
refiner (``agents/refiners/persona.py``) runs these steps in the refine node.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from agents.refiners.base import apply_fixes
from agents.refiners.coherence import list_numbering
from agents.refiners.text import LIST_MARK
from memory.preferences import catalog, catalog_data
from memory.text import (
    alternation,
    phrases,
    priced_in_pounds,
    sentence_spans,
    sentence_start,
    sentences,
)

NUMBER = r"\d[\d,]*(?:\.\d+)?"


@dataclass
class Honoured:
    text: str
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Unit:
    """A unit, the pattern that names it after a number, and how to express it elsewhere."""

    pattern: str
    to: str                      # the unit written after conversion
    convert: Callable[[float], float]


def _times(k: float) -> Callable[[float], float]:
    return lambda x: x * k


_DEG = r"(?:°|º|degrees?\s*)"
TO_METRIC: list[Unit] = [
    Unit(rf"{_DEG}\s?(?:f\b|fahrenheit\b)", "°C", lambda f: (f - 32) * 5 / 9),
    Unit(r"mph\b|miles per hour\b", "km/h", _times(1.609)),
    Unit(r"square (?:feet|foot)\b|sq\.? ?ft\b", "m²", _times(0.0929)),
    Unit(r"cubic (?:feet|foot)\b|cu\.? ?ft\b", "m³", _times(0.0283)),
    Unit(r"miles?\b|mi\b", "km", _times(1.609)),
    Unit(r"feet\b|foot\b|ft\b", "m", _times(0.3048)),
    Unit(r"inch(?:es)?\b|in\.(?=\s)", "cm", _times(2.54)),
    Unit(r"yards?\b|yds?\b", "m", _times(0.9144)),
    Unit(r"pounds?\b|lbs?\b", "kg", _times(0.4536)),
    Unit(r"ounces?\b|oz\b", "g", _times(28.35)),
    Unit(r"gallons?\b|gal\b", "litres", _times(3.785)),
    Unit(r"quarts?\b|qt\b", "litres", _times(0.946)),
    Unit(r"cups?\b", "ml", _times(240)),
    Unit(r"tablespoons?\b|tbsp\b", "ml", _times(15)),
    Unit(r"teaspoons?\b|tsp\b", "ml", _times(5)),
]
TO_IMPERIAL: list[Unit] = [
    Unit(rf"{_DEG}\s?(?:c\b|celsius\b|centigrade\b)", "°F", lambda c: c * 9 / 5 + 32),
    Unit(r"km/h\b|kph\b|kilomet(?:er|re)s per hour\b", "mph", _times(0.6214)),
    Unit(r"square met(?:er|re)s?\b|m²|m2\b", "sq ft", _times(10.764)),
    Unit(r"km\b|kilomet(?:er|re)s?\b", "miles", _times(0.6214)),
    Unit(r"cm\b|centimet(?:er|re)s?\b", "inches", _times(0.3937)),
    Unit(r"mm\b|millimet(?:er|re)s?\b", "inches", _times(0.03937)),
    Unit(r"kg\b|kilo(?:gram)?s?\b", "pounds", _times(2.205)),
    Unit(r"met(?:er|re)s?\b|m\b(?!²)", "feet", _times(3.281)),
    Unit(r"grams?\b|g\b", "ounces", _times(0.03527)),
    Unit(r"ml\b|millilit(?:er|re)s?\b", "fl oz", _times(0.0338)),
    Unit(r"lit(?:er|re)s?\b|l\b", "quarts", _times(1.057)),
]


def is_money(text: str, match: re.Match[str]) -> bool:
    """Whether the quantity ``match`` found in ``text`` is a price in pounds ("something under
    30 pounds"), not a weight: see :func:`memory.text.priced_in_pounds`."""
    if not re.fullmatch(r"pounds?", match.group(match.lastindex or 0), re.IGNORECASE):
        return False
    start = text.rfind(".", 0, match.start()) + 1
    ends = [i for i in (text.find(c, match.end()) for c in ".!?\n") if i >= 0]
    return priced_in_pounds(text[start:min(ends, default=len(text))])


def _quantity(units: list[Unit]) -> re.Pattern[str]:
    names = "|".join(f"(?:{u.pattern})" for u in units)
    # "13.1 miles", "350-375 degrees F", and the hyphenated "365-degree Fahrenheit", "5-mile".
    return re.compile(rf"(?<![\w.])({NUMBER})(?:\s?(?:-|–|to)\s?({NUMBER}))?(?:\s?|-)({names})",
                      re.IGNORECASE)


def _plain(pattern: str) -> str:
    """``pattern`` with its capturing groups made non-capturing (to nest it in another)."""
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _unit_for(units: list[Unit], written: str) -> Unit | None:
    return next((u for u in units if re.fullmatch(u.pattern, written, re.IGNORECASE)), None)


def convert_units(text: str, system: str) -> Honoured:
    """``text`` with every quantity in the other unit system expressed in ``system``."""
    foreign = TO_METRIC if system == "metric" else TO_IMPERIAL if system == "imperial" else []
    if not foreign:
        return Honoured(text)
    pattern = _quantity(foreign)
    native = _quantity(TO_IMPERIAL if system == "metric" else TO_METRIC)
    changes: list[str] = []
    # "400°F (200°C)": the bracket already says it in the wanted system; keep only that.
    pair = re.compile(rf"{pattern.pattern}\s*\(\s*(?:about|approx\.?|approximately|around|~|≈)?"
                      rf"\s*(?P<native>{_plain(native.pattern)})\s*\)", re.IGNORECASE)

    def keep_native(match: re.Match[str]) -> str:
        changes.append(f"'{match.group(0)}' -> '{match.group('native')}'")
        return match.group("native")

    text = pair.sub(keep_native, text)
    # "110 km (68 miles)": the bracket only repeats the quantity in the unwanted system.
    bracket = re.compile(rf"\s*\(\s*(?:about|approx\.?|approximately|around|~|≈)?\s*"
                         rf"{pattern.pattern}\s*\)", re.IGNORECASE)

    def drop(match: re.Match[str]) -> str:
        changes.append(f"dropped '{match.group(0).strip()}'")
        return ""

    text = bracket.sub(drop, text)

    def swap(match: re.Match[str]) -> str:
        unit = _unit_for(foreign, match.group(3))
        if unit is None or is_money(text, match):
            return match.group(0)
        low = unit.convert(float(match.group(1).replace(",", "")))
        number = _number(low)
        if match.group(2):
            number += "–" + _number(unit.convert(float(match.group(2).replace(",", ""))))
        joined = "" if unit.to.startswith("°") else " "
        new = f"{number}{joined}{unit.to}"
        changes.append(f"'{match.group(0)}' -> '{new}'")
        return new

    text = pattern.sub(swap, text)
    text = _without_conversions(text, BARE_NAMES[system], native, changes)
    return Honoured(_renamed(text, BARE_NAMES[system], changes), changes)


# "1.28 pounds, which can be converted to kilograms using ...": once the sentence gives the
# quantity in the wanted system, a clause offering it in the other system says nothing the
# person wants; renaming its unit instead would read "1.28 pounds, which can be converted to
# pounds". The clause runs to the next punctuation.
CONVERSION = (r"[,;]?\s*(?:which\s+|that\s+)?(?:(?:can|could|may|might)\s+(?:also\s+)?be\s+|"
              r"is\s+|are\s+)?(?:easily\s+)?convert(?:ed|s)?\s+(?:it\s+|them\s+|this\s+)?"
              r"(?:in)?to\s+(?:the\s+)?")


def _alternatives(names: dict[str, str]) -> str:
    """The unit names as one regex alternation, longest first ("km/h" before "km")."""
    return "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))


def _without_conversions(text: str, names: dict[str, str], native: re.Pattern[str],
                         changes: list[str]) -> str:
    if not names:
        return text
    clause = re.compile(rf"{CONVERSION}(?:{_alternatives(names)})\b[^.,;:!?\n]*",
                        re.IGNORECASE)

    said = sentence_spans(text)

    def drop(match: re.Match[str]) -> str:
        start = sentence_start(said, match.start())
        if native.search(text, start, match.start()) is None:
            return match.group(0)  # nothing in the wanted system yet: rename the unit instead
        changes.append(f"dropped '{match.group(0).strip(' ,;')}'")
        return ""

    return clause.sub(drop, text)


# A unit named without a quantity ("convert it to kilograms", "measured in miles"): the name
# of the wanted system's unit. Names that are also ordinary words ("on foot", "your feet",
# "a cup of tea") are left alone; so is money ("pounds sterling", "£").
BARE_NAMES: dict[str, dict[str, str]] = {
    "metric": {"miles": "kilometres", "mile": "kilometre", "mph": "km/h",
               "pounds": "kilograms", "pound": "kilogram", "lbs": "kg", "ounces": "grams",
               "ounce": "gram", "fahrenheit": "Celsius", "gallons": "litres", "gallon": "litre",
               "yards": "metres", "yard": "metre", "inches": "centimetres", "inch": "centimetre"},
    "imperial": {"kilometres": "miles", "kilometers": "miles", "kilometre": "mile",
                 "kilometer": "mile", "km": "miles", "km/h": "mph", "kilograms": "pounds",
                 "kilogram": "pound", "kilos": "pounds", "kilo": "pound", "kg": "pounds",
                 "grams": "ounces", "gram": "ounce", "celsius": "Fahrenheit",
                 "litres": "quarts", "liters": "quarts", "litre": "quart", "liter": "quart",
                 "metres": "feet", "meters": "feet", "metre": "foot", "meter": "foot",
                 "centimetres": "inches", "centimeters": "inches"},
}


def _renamed(text: str, names: dict[str, str], changes: list[str]) -> str:
    if not names:
        return text
    bare = re.compile(rf"(?<![\w£$€/-])(?<!\d )(?<!\d)({_alternatives(names)})(?![\w/-])"
                      r"(?!\s+sterling)", re.IGNORECASE)

    def rename(match: re.Match[str]) -> str:
        written = match.group(1)
        new = names[written.lower()]
        if written[0].isupper() and new[0].islower():
            new = new[0].upper() + new[1:]
        changes.append(f"'{written}' -> '{new}'")
        return new

    return bare.sub(rename, text)


_NEGATED = (r"(?:no|non|without|free of|instead of|in place of|swap(?:ped)? out|skip(?:ping)?|"
            r"replac\w+|avoid\w*|substitut\w+ for|don'?t (?:like|eat)|do not (?:like|eat)|"
            r"hate|dislike)\s+(?:\w+\s+){0,2}")


def avoided_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern finding any of ``words`` (and their plurals) as a word, or None for none."""
    if not words:
        return None
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?:s|es)?(?![\w-])", re.IGNORECASE)


# "almond milk", "rice noodles", "veggie burger": a substitute named by what it is made of.
_SUBSTITUTE = (r"(?:veggie|vegetarian|vegan|plant[- ]based|meatless|mock|faux|dairy[- ]free|"
               r"gluten[- ]free|tofu|soy|soya|tempeh|bean|lentil|mushroom|jackfruit|chickpea|"
               r"almond|oat|coconut|cashew|rice|corn|buckwheat|potato|quinoa|peanut|nut|"
               r"cocoa)\s+")


def _mentions(pattern: re.Pattern[str], sentence: str) -> bool:
    names = pattern.pattern
    # A negated, "-free" or substitute mention does not suggest the food, nor does the
    # allergy's own name ("because of the egg allergy you told me of").
    cleaned = re.sub(rf"{_NEGATED}{names}|{_SUBSTITUTE}{names}|{names}[- ]free|"
                     rf"{names}\s+allerg\w*", " ", sentence, flags=re.IGNORECASE)
    # Nothing to eat: an egg-and-spoon race among party games ("What games could we play at
    # her party?" to a daughter's egg allergy lost its whole answer).
    cleaned = _not_eaten().sub(" ", cleaned)
    return pattern.search(cleaned) is not None


@cache
def _not_eaten() -> re.Pattern[str]:
    """Words of an allergen that name nothing eaten (``not_eaten`` in data/allergens.yaml)."""
    words = sorted(_allergen_data().get("not_eaten") or (), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(str(w)) for w in words) +
                      r")(?![\w-])", re.IGNORECASE) if words else re.compile(r"(?!)")


_LIST_ITEM = re.compile(rf"^\s*{LIST_MARK}\s")


@cache
def _catalog_lists(key: str) -> dict[tuple[str, str], tuple[str, ...]]:
    raw = catalog_data()
    return {(dim, value): tuple(str(w) for w in spec.get(key) or ())
            for dim, d in raw["dimensions"].items() for value, spec in d["values"].items()}


@cache
def avoid_lists() -> dict[tuple[str, str], tuple[str, ...]]:
    """(dimension, value) -> the words a reply must not suggest (``avoid`` in the catalog)."""
    return {k: tuple(w.lower() for w in v) for k, v in _catalog_lists("avoid").items()}


# A request for places to eat, not for something to cook ("I'm vegetarian, where should I
# eat?" in Lisbon got three dishes to cook when the model's places were dropped).
EATING_OUT = re.compile(r"\b(?:where (?:should|can|could|do) (?:i|we) (?:eat|go (?:to eat|for "
                        r"(?:dinner|lunch|food)))|places? to eat|restaurants?|caf[eé]s?|"
                        r"eat(?:ing)? out|eateries|food spots?|somewhere to eat|bars?)\b", re.I)


def avoid_foods(text: str, diet: str, request: str = "") -> Honoured:
    """``text`` without the list items and sentences that suggest food ``diet`` excludes; when
    nothing usable is left, three of the diet's own ``ideas`` (chosen by the text, so two
    replies that fail differently do not read the same), or for a ``request`` of places to
    eat, where to find places that suit the diet."""
    pattern = avoided_pattern(avoid_lists().get(("diet", diet), ()))
    if pattern is None:
        return Honoured(text)
    label = catalog()["diet"].label(diet)
    if EATING_OUT.search(request):
        return drop_suggesting(text, pattern, f"I could not put together a good {label} "
                               f"suggestion from what I wrote, and I can't look places up: I "
                               f"don't go on the internet. A map app's search for \"{label} "
                               f"restaurant\" finds places near you, with reviews; for "
                               f"vegetarian and vegan food, HappyCow (happycow.net, or its app) "
                               f"lists places in most cities.")
    three = _three(diet_ideas(diet, request), text)
    offer = f" A few {label} ideas instead: {three}." if three else ""
    return drop_suggesting(text, pattern, f"I could not put together a good {label} suggestion "
                           f"from what I wrote.{offer} Tell me what you have at hand and I will "
                           f"say more.")


# A breakfast asked for gets breakfast ideas: "a quick breakfast" got a roast chicken.
_BREAKFAST = re.compile(r"\b(?:breakfasts?|brunch|morning meal)\b", re.I)


def diet_ideas(diet: str, request: str = "") -> list[str]:
    """The ideas of ``diet`` (its ``ideas`` in the catalog) for the meal ``request`` asks
    for: its ``breakfast_ideas`` for a breakfast."""
    lists = _catalog_lists("breakfast_ideas") if _BREAKFAST.search(request) else {}
    return list(lists.get(("diet", diet)) or _catalog_lists("ideas").get(("diet", diet), ()))


def _three(ideas: list[str], text: str) -> str:
    """Three of ``ideas`` ("a, b, or c"), chosen by ``text`` so that two replies that fail
    differently do not read the same; "" when there are fewer."""
    a, b, c = _picked(ideas, text) or ("", "", "")
    return f"{a}, {b}, or {c}" if a else ""


def _picked(ideas: list[str], text: str) -> list[str]:
    if len(ideas) < 3:
        return []
    start = zlib.crc32(text.encode("utf-8")) % len(ideas)
    return [ideas[(start + k) % len(ideas)] for k in range(3)]


# Clock times in the part of the day a person does not want things planned in.
_CLOCK = {"morning": r"(?:[5-9]|1[01])(?::\d\d)?\s?(?:am|a\.m\.)",
          "evening": r"(?:[5-9]|1[01])(?::\d\d)?\s?(?:pm|p\.m\.)"}
_OTHER_PART = {"morning": "evening", "evening": "morning"}


@cache
def _allergen_data() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(
        files("data").joinpath("allergens.yaml").read_text("utf-8"))
    return raw


@cache
def allergen_families() -> dict[str, tuple[str, ...]]:
    """What people call an allergy ("peanut", "dairy") -> the foods it rules out."""
    return {str(k).lower(): tuple(str(w).lower() for w in v)
            for k, v in _allergen_data()["families"].items()}


def listed(facts: list[str], attribute: str) -> list[str]:
    """The values the person's current facts of ``attribute`` list ("allergy: peanuts and
    eggs" -> ["peanuts", "eggs"]; "dislikes: olives and capers")."""
    out: list[str] = []
    for fact in facts:
        name, _, value = fact.partition(":")
        if name.strip().lower() == attribute:
            out += [a.strip() for a in re.split(r",|;|\band\b|\bor\b|&", value) if a.strip()]
    return out


# Words by which a request speaks of the people a person cooks for, besides naming them.
_HOUSEHOLD = r"family|kids|children|everyone|we|us|our|guests"


def allergens(facts: list[str], about: str = "") -> list[str]:
    """What the person is allergic to, from their current facts, and what someone of theirs
    is allergic to when ``about`` (the request and this conversation) speaks of them, by
    relation, name or as the family ("son's allergy: eggs" holds for a cake for the party
    of "my son")."""
    return _theirs_too(facts, about, "allergy")


def foods_disliked(facts: list[str], about: str = "") -> list[str]:
    """What the person doesn't like or eat, and what someone of theirs doesn't when ``about``
    speaks of them ("partner's dislikes: mushrooms" holds for a dinner "for Alex and me")."""
    return _theirs_too(facts, about, "dislikes")


def _theirs_too(facts: list[str], about: str, kind: str) -> list[str]:
    """The values of the person's facts of ``kind``, and of those of someone of theirs
    ("son's allergy") whom ``about`` speaks of."""
    found = listed(facts, kind)
    for fact in facts:
        name, _, value = fact.partition(":")
        who = re.fullmatch(rf"(.+)'s {kind}", name.strip().lower())
        if not who:
            continue
        names = [re.escape(n) for n in listed(facts, who.group(1))]
        if re.search(rf"\b(?:{'|'.join([re.escape(who.group(1)), *names, _HOUSEHOLD])})\b",
                     about, re.I):
            found += [a for a in listed([f"{kind}:{value}"], kind) if a not in found]
    return found


def avoid_disliked(text: str, thing: str, diet: str = "", request: str = "") -> Honoured:
    """``text`` without the list items and sentences that suggest ``thing``, which the person
    said they hate or don't eat ("I hate mushrooms": a mushroom curry is no suggestion); when
    nothing usable is left of a reply about food, three ideas of their ``diet`` (or any diet)
    without it."""
    name = thing.lower().strip()
    key = re.sub(r"oes$", "o", name) if name.endswith("oes") else \
        name[:-1] if name.endswith("s") and not name.endswith("ss") else name
    pattern = avoided_pattern((key,))
    if pattern is None or not key:
        return Honoured(text)
    ideas = [i for i in diet_ideas(diet or "omnivore", request)
             if not pattern.search(i)] if ABOUT_FOOD.search(request) else []
    three = _three(ideas, text)
    offer = f" A few ideas without {name}: {three}." if three else ""
    return drop_suggesting(text, pattern, f"I left out what I first had in mind because you "
                           f"don't like {name}.{offer} Tell me what you do like and I will "
                           f"suggest more.")


# A request for a meal to be suggested ("suggest a quick dinner for tonight").
_ASKS_MEAL = re.compile(r"\b(?:suggest\w*|recommend\w*|ideas?|give me|what (?:should|can|could|"
                        r"shall) (?:i|we) (?:cook|make|eat|have)|quick|easy)\b", re.I)


@cache
def _foods() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(phrases('food_words'))})\b", re.I)


def offer_ideas(text: str, diet: str, request: str) -> Honoured:
    """A reply to a request for a meal that names no food at all ("You have to be vegan or at
    least avoid all animal products." to a vegetarian asking for a quick dinner): three ideas
    of their ``diet`` instead."""
    if not (ABOUT_FOOD.search(request) and _ASKS_MEAL.search(request)) or \
            _foods().search(text):
        return Honoured(text)
    three = _three(diet_ideas(diet, request), text)
    if not three:
        return Honoured(text)
    label = catalog()["diet"].label(diet)
    return Honoured(f"A few {label} ideas: {three}. Tell me what you have at hand and I will "
                    f"say more.", ["named no food: ideas of the diet instead"])


ABOUT_FOOD = re.compile(r"\b(?:cook\w*|eat|dinner|lunch|breakfast|supper|recipes?|meals?|food|"
                         r"snacks?|dish(?:es)?|bake|menu)\b", re.I)


def avoid_allergen(text: str, allergen: str, request: str = "") -> Honoured:
    """``text`` without the list items and sentences that suggest a food ``allergen`` (as the
    person named it) rules out; when nothing usable is left of a reply about baking, three
    bakes without it ("What can I bake for her birthday?" to a daughter's egg allergy got
    only that the first idea was left out)."""
    name = allergen.lower().strip()
    key = re.sub(r"(?:e?s)$", "", name) if name not in allergen_families() else name
    key = re.sub(r"\s*(?:allergy|products?)$", "", key)
    words = allergen_families().get(key, allergen_families().get(name, (key,)))
    pattern = avoided_pattern(tuple(words))
    if pattern is None:
        return Honoured(text)
    bakes = [b for b in _allergen_data().get("bakes", ()) if not _mentions(pattern, b)] \
        if _BAKING.search(request) else []
    three = "".join(f"\n- {b[:1].upper()}{b[1:]}" for b in _picked(bakes, text))
    offer = f" A few ideas without {key}:{three}\n\n" if three else " "
    return drop_suggesting(text, pattern, "I left out what I first had in mind because of the "
                           f"{key} allergy you told me of.{offer}Tell me what you have at hand "
                           "and I will suggest more without it.")


_BAKING = re.compile(r"\b(?:bak\w*|cakes?|biscuits?|cookies?|desserts?|puddings?|treats?)\b",
                     re.I)


def keep_time_of_day(text: str, part: str) -> Honoured:
    """``text`` without the list items and sentences that plan things at the other time of
    day than ``part`` ("morning" or "evening") the person prefers."""
    other = _OTHER_PART.get(part)
    words = avoid_lists().get(("schedule", part), ())
    if other is None:
        return Honoured(text)
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{names}|{_CLOCK[other]})(?![\w-])", re.IGNORECASE)
    label = catalog()["schedule"].label(part)
    return drop_suggesting(text, pattern, f"I could not fit this into your {label}; tell me "
                           f"which hours you have free then and I will plan around them.")


def drop_suggesting(text: str, pattern: re.Pattern[str], fallback: str) -> Honoured:
    """``text`` without the list items and sentences that ``pattern`` finds (negated and
    substitute mentions aside); ``fallback`` when nothing usable is left."""
    changes: list[str] = []
    kept_lines: list[str] = []
    for line in text.split("\n"):
        if _LIST_ITEM.match(line):
            if _mentions(pattern, line):
                changes.append(f"removed '{line.strip()}'")
                continue
            kept_lines.append(line)
            continue
        said = sentences(line)
        kept = [s for s in said if not _mentions(pattern, s)]
        changes += [f"removed '{s}'" for s in said if s not in kept]
        kept_lines.append(" ".join(kept))
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept_lines)).strip()
    if changes:  # what is left of a list is numbered again from 1 ("2." alone was left)
        out = apply_fixes(out, list_numbering(out, from_one=True))[0]
    # A lead-in whose list is gone ("Here are some options:") is not something usable.
    usable = "\n".join(ln for ln in out.splitlines() if not ln.rstrip().endswith(":"))
    # Nor is what is left of prose that was mostly about it ("you can have a salad with them"
    # once every sentence naming mushrooms has gone); a list's other items stand on their own.
    prose = not any(_LIST_ITEM.match(ln) for ln in usable.splitlines())
    if changes and (len(re.findall(r"\w+", usable)) < 4
                    or (prose and len(changes) > len(sentences(usable)))):
        out = fallback
        changes.append("nothing usable was left: said so instead")
    return Honoured(out, changes)


def unit_system_used(text: str) -> str | None:
    """The unit system a person writes quantities in ("a 100 km ride": metric), or None when
    they use none or both (a conversion question names both). A price in pounds is no unit."""
    metric = _quantity(TO_IMPERIAL).search(text) is not None
    imperial = any(not is_money(text, m) for m in _quantity(TO_METRIC).finditer(text))
    if metric == imperial:
        return None
    return "metric" if metric else "imperial"


ENFORCED: dict[str, Callable[[str, str], Honoured]] = {
    "units": convert_units,
    "diet": avoid_foods,
    "schedule": keep_time_of_day,
}


def honour(reply: str, known: dict[str, str]) -> Honoured:
    """Apply every enforceable preference in ``known`` (dimension -> value) to ``reply``."""
    result = Honoured(reply)
    for dimension, value in known.items():
        enforce = ENFORCED.get(dimension)
        if enforce is None:
            continue
        step = enforce(result.text, value)
        result = Honoured(step.text, result.changes + [f"{dimension}: {c}" for c in step.changes])
    return result
