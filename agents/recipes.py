"""Recipes written by code (``data/recipes.yaml``).

"how do I make pancakes?" got, from the bundled model, a list of eleven ingredients with six
eggs, a tablespoon of baking soda and "1 can (20 oz) of bacon"; "what can I cook with chickpeas
and spinach?" got whatever it made up. A recipe asked for by name, or one for a meal ("a quick
lunch recipe for work", "what can I cook with chickpeas and spinach?"), comes from the bank,
fitting what the person eats: what a diet or an allergy rules out is swapped where a swap
works and said with the recipe; where none does, another recipe is given. The person's
standing rules for recipes are kept: a time limit ("keep them under 30 minutes"), the time
wanted first ("give me the prep time first"), batch cooking. Asked for another right after
one, the next that fits comes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from agents.data_files import data_pattern, data_yaml
from agents.ideas import Needs, diet_said, disliked, menu, ruled_out

_MOST_CHARS = 200
_BACK = 3  # replies looked back on for recipes already given
_SERVES = re.compile(r"^\d+(?:\s*(?:\(|as\b)|$)")  # "2", "4 as a side"; not "16 squares"
_NUMBERS = {"ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30,
            "forty": 40, "forty-five": 45, "sixty": 60, "an hour": 60, "half an hour": 30}


@dataclass(frozen=True)
class Recipe:
    name: str
    called: re.Pattern[str]
    meals: frozenset[str]
    minutes: int
    has: frozenset[str]
    protein: bool
    main: frozenset[str]
    spec: dict[str, Any]

    def swaps_for(self, out: set[str]) -> list[str] | None:
        """What to swap so the recipe fits without ``out``; None when something it has and
        ``out`` rules out has no swap."""
        needed = sorted(self.has & out)
        swaps = self.spec.get("swaps") or {}
        if any(tag not in swaps for tag in needed):
            return None
        return [str(swaps[tag]) for tag in needed]


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("recipes.yaml")


def _pattern(key: str) -> re.Pattern[str]:
    return data_pattern("recipes.yaml", key)


@cache
def recipes() -> tuple[Recipe, ...]:
    return tuple(Recipe(str(r["name"]), re.compile(rf"\b(?:{r['called']})\b", re.IGNORECASE),
                        frozenset(r["meals"]), int(r["minutes"]), frozenset(r.get("has") or ()),
                        bool(r.get("protein")), frozenset(_singular(m) for m in r["main"]), r)
                 for r in catalog()["recipes"])


@dataclass(frozen=True)
class Wanted:
    """What the request and the person's rules ask of a recipe."""

    meals: frozenset[str]
    main: tuple[frozenset[str], ...]   # per ingredient named, the recipes' words for it
    limit: int | None                  # most minutes
    protein: bool
    packed: bool                       # to take along (a lunch for work)
    batch: bool
    time_first: bool
    out: frozenset[str]                # kinds of ingredient ruled out
    fit: str                           # what fitting them is called ("vegan", "without eggs")
    named: frozenset[str] = frozenset()  # words of the dish asked for ("curry", "cake")
    avoid: tuple[str, ...] = ()        # foods not liked, by them or those they cook for


def answer(message: str, recent: list[dict[str, str]] | None = None,
           needs: Callable[[], Needs] = Needs,
           rules: Sequence[str] | Callable[[], Sequence[str]] = ()) -> str | None:
    """A recipe for a request for one (or for another, right after one); None for any other
    message, and for a request naming an ingredient the bank has no recipe with. ``rules``
    are the person's standing rules (or what reads them): those about recipes are kept, though
    the request names no word of theirs ("how do I make guacamole?" under "whenever I ask for
    a recipe, give me the prep time first")."""
    text = message.strip()
    turns = recent or []
    given = [name for turn in turns[-_BACK:] for name in _given(turn)]
    asked_of = _asked_of(text, turns)
    if asked_of:
        return asked_of
    again = bool(turns and _given(turns[-1]) and _pattern("another").search(text))
    request = turns[-1].get("user", "") if again else text
    if len(request) > _MOST_CHARS or not _asked(request):
        return None
    # the recipe whose name says most of what was asked ("a chicken stir fry", not a stir fry)
    named = None if again else max(
        (r for r in recipes() if r.called.search(request)), default=None,
        key=lambda r: len(max((m.group(0) for m in r.called.finditer(request)), key=len)))
    main = _ingredients(request)
    dish = () if named is not None or again else _dish(request)
    if main is None or dish is None or \
            (named is None and not again and not dish and not _for_a_meal(request, main)):
        return None
    wanted = _wanted(request, needs(), rules() if callable(rules) else rules,
                     main + _as_ingredients(dish))
    if dish:
        wanted = replace(wanted, named=frozenset(dish))
    if again and not wanted.meals:  # another like the one just given
        wanted = replace(wanted, meals=frozenset().union(
            *(r.meals for r in recipes() if r.name in _given(turns[-1]))))
    if named is not None:
        return _named(named, wanted, given)
    found = _choose(wanted, given)
    if found is None and again:  # another: any of the ingredients named, then any meal
        found = _choose(replace(wanted, main=(frozenset().union(*wanted.main),)
                                if wanted.main else ()), given) or \
            _choose(replace(wanted, main=(), meals=frozenset()), given)
        if found is None:
            return str(catalog()["said"]["no_more"])
    return _written(found, wanted) if found is not None else None


def _asked(text: str) -> bool:
    return bool(_pattern("asks").search(text)) and not _pattern("not").search(text)


def _for_a_meal(text: str, main: tuple[frozenset[str], ...]) -> bool:
    """Whether a request names no dish but asks for a recipe, a meal or what its ingredients
    make."""
    return bool(main or _pattern("recipe").search(text) or _meals(text))


def _meals(text: str) -> frozenset[str]:
    return frozenset(meal for meal, said in catalog()["meals"].items()
                     if re.search(rf"\b(?:{said})\b", text, re.IGNORECASE))


def _dish(text: str) -> tuple[str, ...] | None:
    """The words of the dish a request names that say which recipes may answer it (a meal,
    an ingredient, a word of a recipe's name: "a curry", "a chickpea recipe"); None when it
    names a dish not in the bank ("a recipe for homemade pasta", "how do I bake bread")."""
    found = _pattern("dish_after").search(text)
    if found is None or _pattern("occasion").search(found[1]):
        found = _pattern("dish_before").search(text)
    if not found:
        return ()
    after = found.re is _pattern("dish_after")
    phrase = found[1].lower()
    if _pattern("scratch").search(phrase):
        return None
    kind_words = {_singular(w) for w in catalog()["kind_words"]}
    words = [w for w in (_singular(w) for w in re.findall(r"[a-z]+", phrase))
             if w not in kind_words]
    if any(w not in _meal_words() | _name_words() | _mains() for w in words) or \
            (after and words and all(w in _mains() and w not in _meal_words() for w in words)):
        return None
    return tuple(w for w in words if w in _name_words() or w in _meal_words())


@cache
def _mains() -> frozenset[str]:
    """Every main ingredient of the bank's recipes, as their words."""
    return frozenset(m for r in recipes() for m in r.main)


@cache
def _meal_words() -> frozenset[str]:
    return frozenset(_singular(w) for said in catalog()["meals"].values()
                     for w in re.findall(r"[a-z]+", said) if len(w) > 2)


@cache
def _name_words() -> frozenset[str]:
    return frozenset(_singular(w) for r in recipes() for w in re.findall(r"[a-z]+", r.name.lower())
                     if len(w) > 3)


def _as_ingredients(dish: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The ingredients among a dish's words ("a chickpea recipe"), as :func:`_ingredients`."""
    return tuple(frozenset({w}) for w in dish if w in _mains() and w not in _meal_words())


def _singular(word: str) -> str:
    word = word.lower().strip()
    for end, to in (("ies", "y"), ("oes", "o"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if word.endswith(end) and len(word) > len(end) + 2:
            return word[: -len(end)] + to
    return word


def _ingredients(text: str) -> tuple[frozenset[str], ...] | None:
    """The ingredients a request names ("with chickpeas and spinach"), each as the words of
    the bank it matches; None when one of them matches none ("with Sam this weekend")."""
    # "a recipe with lots of protein" names no ingredient: it asks for protein
    found = _pattern("with").search(_pattern("protein").sub(" ", text))
    if not found:
        return ()
    named = []
    for item in re.split(r",|\band\b|\bor\b|&|\bplus\b", found["what"], flags=re.IGNORECASE):
        words = {_singular(w) for w in re.findall(r"[a-z]+", item.lower())}
        words -= set(catalog()["filler"])
        if not words:
            continue
        matched = frozenset(words & _mains())
        if not matched:
            return None
        named.append(matched)
    return tuple(named)


def _wanted(text: str, known: Needs, rules: Sequence[str],
            main: tuple[frozenset[str], ...]) -> Wanted:
    diet = diet_said(text, known.diet)
    out, left_out = ruled_out(menu("dinners").raw, text, diet, known.allergies)
    out |= disliked(menu("dinners").raw, known.likes)  # "I don't like spicy food", kept
    said = catalog()["said"]
    # a food not liked that some recipe has ("mushrooms"; not "running", nor one asked for)
    avoid = tuple(a for a in known.avoid
                  if not re.search(rf"\b{re.escape(_singular(a))}", text, re.I)
                  and any(_has(r, a) for r in recipes()))
    fit = " and ".join([*([said["fits"][diet]] if diet in said["fits"] else []),
                        *(f"without {w}" for w in [*left_out, *avoid])])
    if not fit and out:
        fit = "without " + " or ".join(said["tags"].get(t, t) for t in sorted(out))
    about_recipes = [r for r in rules if _pattern("about_cooking").search(r)]
    limits = [n for said_in in (text, *about_recipes) if (n := _limit(said_in)) is not None]
    batch_said = " ".join([text, *about_recipes, *known.likes])
    return Wanted(
        meals=_meals(text), main=main, limit=min(limits) if limits else None,
        protein=bool(_pattern("protein").search(text)),
        packed=bool(_pattern("packed").search(text)),
        batch=bool(_pattern("batch").search(batch_said)),
        time_first=any(_pattern("time_first").search(r) for r in rules),
        out=frozenset(out), fit=fit, avoid=avoid)


def _limit(text: str) -> int | None:
    """The most minutes ``text`` allows ("under 30 minutes", "in twenty minutes", "quick")."""
    found = _pattern("minutes").search(text)
    if found:
        amount = found["amount"].lower()
        return int(amount) if amount.isdigit() else _NUMBERS.get(amount)
    return int(catalog()["quick_minutes"]) if _pattern("quick_words").search(text) else None


def _has(recipe: Recipe, food: str) -> bool:
    """Whether the recipe's ingredients name ``food`` ("mushrooms": "250 g chestnut
    mushrooms, sliced")."""
    key = _singular(food.lower().strip())
    return bool(key) and any(re.search(rf"\b{re.escape(key)}(?:e?s)?\b", str(line), re.I)
                             for line in recipe.spec["ingredients"])


def _fits(recipe: Recipe, wanted: Wanted) -> bool:
    return not any(_has(recipe, food) for food in wanted.avoid) and \
        recipe.swaps_for(set(wanted.out)) is not None and \
        (not wanted.meals or bool(recipe.meals & wanted.meals)) and \
        (wanted.limit is None or recipe.minutes <= wanted.limit) and \
        (not wanted.protein or recipe.protein) and \
        (not wanted.packed or bool(recipe.spec.get("packs"))) and \
        all(recipe.main & words for words in wanted.main)


def _choose(wanted: Wanted, given: list[str]) -> Recipe | None:
    """The best recipe that fits and was not given in the last few replies: one of the dish or
    meal asked first, then one that needs no swap, then one that freezes, if batch cooking is
    wanted."""
    fitting = [r for r in recipes() if _fits(r, wanted) and r.name not in given]
    # a dish named ("a chicken curry") is one of that dish, or none: not a roast chicken
    dish = wanted.named - _meal_words()
    fitting = [r for r in fitting if dish <= _words_of(r)] if dish else fitting
    fitting.sort(key=lambda r: (-len(wanted.named & _words_of(r)), -len(r.meals & wanted.meals),
                                bool(wanted.meals) and r.spec["meals"][0] not in wanted.meals,
                                bool(r.has & wanted.out),
                                wanted.batch and not _freezes(r)))
    return fitting[0] if fitting else None


def _words_of(recipe: Recipe) -> set[str]:
    return {_singular(w) for w in re.findall(r"[a-z]+", recipe.name.lower())} | set(recipe.meals)


def _freezes(recipe: Recipe) -> bool:
    """Whether the recipe keeps in the freezer, as its ``batch`` says."""
    kept = str(recipe.spec.get("batch") or "")
    return "freez" in kept and not _pattern("no_freezing").search(kept)


def _named(recipe: Recipe, wanted: Wanted, given: list[str]) -> str:
    """The recipe asked for by name; another of its kind when what the person eats rules it
    out and no swap works."""
    said = catalog()["said"]
    if recipe.swaps_for(set(wanted.out)) is not None and \
            not any(_has(recipe, food) for food in wanted.avoid):
        return _written(recipe, wanted)
    kind = replace(wanted, meals=recipe.meals, main=(), limit=None, protein=False,
                   packed=False)
    instead = _choose(kind, [*given, recipe.name])
    lead = said["no_swap"].format(name=recipe.name, fit=wanted.fit)
    if instead is None:
        return f"{lead} {said['no_other']}"
    return f"{lead} {said['instead']}\n\n{_written(instead, replace(wanted, avoid=()))}"


def _written(recipe: Recipe, wanted: Wanted) -> str:
    said, spec = catalog()["said"], recipe.spec
    time = said["time"].format(minutes=spec.get("time") or f"{recipe.minutes} minutes")
    serves = str(spec["serves"])
    amount = f"{'serves' if _SERVES.match(serves) else 'makes'} {serves}"
    lines = [said["time_first"].format(time=time), "", f"**{recipe.name}**",
             amount[0].upper() + amount[1:] + "."] if wanted.time_first else \
        [f"**{recipe.name}**", f"{time[0].upper()}{time[1:]}, {amount}."]
    if wanted.avoid:  # the foods left out for them, said first
        lines = [f"Here's one without {' or '.join(wanted.avoid)}:", "", *lines]
    lines += ["", said["ingredients"],
              *(f"- {i}" for i in spec["ingredients"]), "", said["method"],
              *(f"{n}. {step}" for n, step in enumerate(spec["steps"], 1))]
    swaps = recipe.swaps_for(set(wanted.out)) or []
    after = [said["swaps"].format(fit=wanted.fit) + " " + " ".join(swaps)] if swaps else []
    if wanted.limit is not None and recipe.minutes > wanted.limit:
        after.append(said["over"].format(minutes=recipe.minutes, limit=wanted.limit))
    if wanted.batch:
        after.append(f"{said['batch']} {spec['batch']}" if spec.get("batch")
                     else said["fresh"])
    return "\n".join([*lines, *(["", *after] if after else [])]).strip()


def _served_with(recipe: Recipe) -> str:
    """What the recipe itself serves its dish with, as it says it."""
    sides = [re.sub(r",?\s*to serve$", "", str(i)) for i in recipe.spec["ingredients"]
             if re.search(r"\bto serve$", str(i))]
    step = next((sentence for s in reversed(recipe.spec["steps"])
                 for sentence in reversed(re.split(r"(?<=[.!])\s+", str(s)))
                 if re.search(r"\bserv(?:e|ing)\b", sentence, re.I)), "")
    said = [f"The recipe serves it with {', '.join(sides)}." if sides else "", step]
    text = " ".join(s for s in said if s)
    return text or "It's a meal in itself; a green salad or some crusty bread goes with it."


_AMOUNT = re.compile(
    r"^(?:about |around )?(?:\d+(?:[./]\d+)?(?:\s*[-–]\s*\d+)?|an?|one|two|three|half|a few|"
    r"a pinch of|a small handful of|a handful of|a little|some)\s*(?:g|kg|ml|l|litres?|tbsp|tsp|"
    r"cups?|tins?|cans?|cloves?|sticks?|bunch(?:es)?|handfuls?|pinch(?:es)?|slices?|jars?|packs?|"
    r"bags?|"
    r"heaped|level)?\b\s*(?:\([^)]*\)\s*)?(?:of\s+)?", re.IGNORECASE)
_PANTRY = re.compile(r"^(?:water|salt|black pepper|pepper|salt and (?:black )?pepper|ice)$", re.I)


def shopping_of(recent: list[dict[str, str]] | None) -> tuple[str, ...]:
    """What to buy for the recipe the last reply gave (its ingredients without amounts or how
    they are cut, water and salt left out); () when the last reply gave none."""
    recipe = latest(recent)
    if recipe is None:
        return ()
    items = []
    for line in recipe.spec["ingredients"]:
        thing = re.sub(r"\([^)]*\)", "", _AMOUNT.sub("", str(line))).split(",")[0]
        thing = re.sub(r"\s+", " ", re.sub(r"\bto serve$", "", thing)).strip()
        # "juice of 1/2 lemon" is a lemon; "a thumb-sized piece of ginger" is ginger
        thing = re.sub(r"^(?:(?:juice|zest|grated zest) of (?:\S+ )?|[\w-]+-sized piece of )", "",
                       thing)
        if thing and not _PANTRY.match(thing):
            items.append(thing)
    return tuple(dict.fromkeys(items))


def _given(turn: dict[str, str]) -> list[str]:
    """The recipes a reply gave, by their title."""
    reply = turn.get("said") or turn.get("assistant") or ""
    return [r.name for r in recipes() if f"**{r.name}**" in reply]


def latest(turns: list[dict[str, str]] | None, back: int = 3) -> Recipe | None:
    """The recipe of the latest of the last ``back`` replies that gave one (and only one)."""
    for turn in reversed((turns or [])[-back:]):
        given = [r for r in recipes() if r.name in _given(turn)]
        if given:
            return given[0] if len(given) == 1 else None
    return None


def _asked_of(text: str, turns: list[dict[str, str]]) -> str:
    """Soon after a recipe, what is asked of it: whether it keeps or freezes, how long it
    takes, what to serve it with; "" for any other message."""
    recipe = latest(turns)
    if recipe is None or len(text) > _MOST_CHARS:
        return ""
    said = catalog()["said"]
    if re.search(r"\bmy\b", text, re.IGNORECASE) or not _pattern("of_it").search(text):
        return ""  # "can I freeze my bread?"
    if _pattern("keeps_asked").search(text):
        kept = recipe.spec.get("batch")
        return f"{said['batch']} {kept}" if kept else said["fresh"]
    if _pattern("serve_asked").search(text):
        return _served_with(recipe)
    if _pattern("time_asked").search(text):
        time = said["time"].format(minutes=recipe.spec.get("time") or f"{recipe.minutes} minutes")
        return said["takes"].format(name=recipe.name, time=time)
    return ""
