"""The preference catalog (``data/preferences.yaml``) and how a text bears on it.

Three readings of a text, all rule-based so that they work with any model: which dimensions a
request depends on (``relevance``), which values a person states in their own words
(``signals``), and which value an answer to a question picks (``match_answer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import yaml

from memory import statements
from memory.text import NEGATIONS, WRITTEN_TEXTS, phrases, priced_in_pounds, sentences
from memory.tuning import RecallTuning

NO_PREFERENCE = "any"
NO_PREFERENCE_SAYS = phrases("no_preference")
_ENDED = re.compile(r"\b(?:" + "|".join(map(re.escape, phrases("ended"))) + r")\b")
# "given up being vegan": the value named just after such words is the one that ended.
_ENDED_JUST_BEFORE = re.compile(r"\b(?:" + "|".join(
    map(re.escape, (p for p in phrases("ended") if p.endswith(" being")))) + r")\W+(?:an?\W+)?$")
ENDED = "ended"  # how a signal reads that a value the person held has ended

# How strong the evidence is by how a value was said (the probability that it is the person's
# real preference) is tuning: ``evidence_*`` in data/recall_tuning.yaml.

_FIRST_PERSON = re.compile(r"\b(i|i'm|im|i am|my|me|we|we're|our|us)\b")
_CORRECTION = re.compile(r"^\s*(no\b|nope\b|actually\b|i said\b|i told you\b|wrong\b|not\b)")
_ASKS_ABOUT_SELF = re.compile(r"\b(?:am\s+i|do\s+i|did\s+i|have\s+i|was\s+i|my\s+\w+\s+"
                             r"preferences?|i\s+prefer|what\s+is\s+my|what'?s\s+my)\b", re.I)
# A negation just before a mention ("not vegan", "no longer a vegan"); a bare "no" is left
# out: "No, vegan" answers, it does not negate.
_NEGATION = re.compile(r"\b(no longer|" + "|".join(sorted(
    map(re.escape, NEGATIONS - {"no", "nor", "neither"}), key=len, reverse=True))
    + r")\W+(\w+\W+)?$")


@dataclass(frozen=True)
class Value:
    name: str
    label: str
    says: tuple[str, ...]
    guidance: str
    by_chance: float = 0.5  # how often an answer written without knowing it respects it anyway
    # Facts that make this value's label untrue when known ("no restrictions" and an allergy).
    untrue_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dimension:
    name: str
    domain: str
    weight: float
    question: str
    triggers: tuple[str, ...]
    values: dict[str, Value]
    prior: dict[str, float] = field(default_factory=dict)
    cares: float = 1.0  # how likely a person holds any preference here at all
    honoured: float = 0.9  # how often a reply respects the value once Tacit knows it

    @property
    def choices(self) -> list[str]:
        """Quick answers offered with the question: each value's label, then no preference."""
        return [v.label for v in self.values.values()] + ["no preference"]

    def label(self, value: str) -> str:
        found = self.values.get(value)
        return found.label if found else "no preference"


@dataclass(frozen=True)
class Signal:
    """A value a text states for a dimension, and how strongly (a probability)."""

    dimension: str
    value: str
    confidence: float
    how: str  # "stated", "chosen" or "correction"
    phrase: str


def _phrase(words: str) -> re.Pattern[str]:
    # Whole words, tolerant of simple endings ("recipes", "cooking").
    return re.compile(r"(?<![\w-])" + re.escape(words.lower()) + r"(s|es|ing|ed)?(?![\w-])")


@cache
def catalog_data() -> dict[str, Any]:
    """``data/preferences.yaml`` as parsed, read once (fields beyond :func:`catalog`'s, such as a
    diet's ``avoid`` and ``ideas``, are read from here)."""
    raw: dict[str, Any] = yaml.safe_load(
        files("data").joinpath("preferences.yaml").read_text("utf-8"))
    return raw


@cache
def restricted_foods() -> frozenset[str]:
    """Every food some diet of the catalog rules out (the diet's ``avoid`` words, not the
    other dimensions': "I hate mornings" is no food), with the names of what a diet leaves out
    as a whole: not eating one of them ("I don't eat pork", "I avoid dairy") is a restriction,
    unlike disliking coriander."""
    diets = catalog_data()["dimensions"]["diet"]["values"].values()
    return frozenset({str(w).lower() for value in diets for w in value.get("avoid", ())} |
                     {"gluten", "dairy", "lactose", "meat", "fish"})


@cache
def catalog() -> dict[str, Dimension]:
    """Every preference dimension Tacit knows, by name (read once from the data file)."""
    raw = catalog_data()
    dims: dict[str, Dimension] = {}
    for name, spec in raw["dimensions"].items():
        values = {v: Value(v, str(s["label"]), tuple(str(x).lower() for x in s.get("says", ())),
                           str(s.get("guidance", "")), float(s.get("by_chance", 0.5)),
                           tuple(str(f).lower() for f in s.get("untrue_with", ())))
                  for v, s in spec["values"].items()}
        prior = {v: float(spec.get("prior", {}).get(v, 1.0)) for v in values}
        total = sum(prior.values())
        dims[name] = Dimension(name, str(spec.get("domain", "general")),
                               float(spec.get("weight", 1.0)), str(spec["question"]),
                               tuple(str(t).lower() for t in spec.get("triggers", ())), values,
                               {v: p / total for v, p in prior.items()},
                               float(spec.get("cares", 1.0)), float(spec.get("honoured", 0.9)))
    return dims


def relevance(dimension: Dimension, text: str) -> float:
    """How much a request depends on ``dimension``: 1 when it names one of its triggers,
    except in a sentence that only tells of someone else ("My flatmate keeps eating my food."
    makes nobody's diet matter; "My sister is vegan, what should I cook?" still asks)."""
    lowered = _their_own(text)
    if dimension.domain == "food":  # "My cat has stopped eating": no diet of theirs
        lowered = " ".join(s for s in sentences(lowered) if not _ANIMAL.search(s))
    return 1.0 if any(_phrase(t).search(lowered) and not _money_said(t, lowered)
                      for t in dimension.triggers) else 0.0


# An animal spoken of: its food is no meal of the person's.
_ANIMAL = re.compile(r"\b(?<!hot )(?:cats?|dogs?|pupp(?:y|ies)|kittens?|pets?|rabbits?|"
                     r"hamsters?|guinea pigs?|parrots?|budgies?|horses?|ponies|tortoises?)\b")


# Food spoken of as spending ("rent is 900 and I spend about 300 on food") asks no meal.
_SPENT_ON = re.compile(r"\b(?:spend|spends|spent|spending|pay|paying|paid|costs?|goes|go)\b"
                       r"[^.?!]{0,25}\bon (?:food|groceries|grocery shopping)\b|\b(?:food|"
                       r"grocery|groceries) (?:bills?|costs?|spending)\b", re.I)


def _money_said(words: str, text: str) -> bool:
    """Whether "pounds" is said as money ("something under 30 pounds"): no unit is meant; or
    food only as what is spent on it."""
    if words in ("food", "groceries", "grocery"):
        return not _phrase(words).search(_SPENT_ON.sub(" ", text))
    return words in ("pounds", "pound") and all(
        priced_in_pounds(s) for s in sentences(text) if _phrase(words).search(s))


@lru_cache(maxsize=64)
def _their_own(text: str) -> str:
    """``text`` lower-cased without the sentences that only tell of someone else (read once per
    request, not once per dimension)."""
    return " ".join(s for s in sentences(text) if not statements.about_someone_else(s)
                    or statements.is_question(s) or statements.is_request(s)).lower()


def signals(text: str, tuning: RecallTuning | None = None) -> list[Signal]:
    """Preference values the person states in ``text``, strongest per dimension.

    "I'm vegetarian" states a value; "no, I said metric" corrects one; "a vegan recipe, please"
    chooses one for this request (weaker: it may be a one-off). Negated mentions are skipped,
    and so are questions about the person ("Am I vegetarian?"), hypotheticals and other
    people's tastes ("my sister is vegan"); a question or request that names a value ("What
    vegetarian dish could I cook?") only chooses it for this request. How strong each reading
    is: the ``evidence_*`` numbers of ``tuning``.
    """
    tuning = tuning or RecallTuning.defaults()
    found: dict[str, Signal] = {}
    for sentence in sentences(statements.own_words(text, tuning)):
        if statements.is_question(sentence) and _ASKS_ABOUT_SELF.search(sentence):
            continue  # "Am I vegetarian?", "Which units do I prefer?": asks, tells nothing
        for clause in _clauses(sentence):
            for sig in _clause_signals(clause, tuning):
                best = found.get(sig.dimension)
                # A value named outranks one said to have ended ("no longer vegan, I'm
                # vegetarian now" states vegetarian), then the surer reading wins.
                if best is None or _rank(sig) > _rank(best):
                    found[sig.dimension] = sig
    return list(found.values())


def _rank(sig: Signal) -> tuple[bool, float]:
    return sig.how != ENDED, sig.confidence


def _clause_signals(said: str, tuning: RecallTuning) -> list[Signal]:
    """The values one clause names, each with how it names it."""
    if statements.is_hypothetical(said) or statements.about_someone_else(said):
        return []
    asks = statements.is_question(said) or statements.is_request(said)
    sentence = said.lower()
    if _CORRECTION.match(sentence) and not asks:
        how, conf = "correction", tuning.evidence_correction
    elif _FIRST_PERSON.search(sentence) and not asks:
        how, conf = "stated", tuning.evidence_stated
    else:
        how, conf = "chosen", tuning.evidence_chosen
    out: list[Signal] = []
    for dim in catalog().values():
        named = [(value, words) for value in dim.values.values() for words in value.says
                 if _mentions(words, sentence) and not _ended_just_before(words, sentence)
                 and not _of_a_text(words, sentence)
                 and not _money_said(words, sentence)]
        if len({v.name for v, _ in named}) > 1 and asks:
            continue  # "metric or imperial?" asks which; it chooses neither
        if named:
            value, words = named[0]
            out.append(Signal(dim.name, value.name, conf, how, words))
        elif not asks and _FIRST_PERSON.search(sentence) and _ENDED.search(sentence):
            out += _ended(dim, sentence, tuning)
    return out


# "short" or "brief" said of a text the person will send or read out ("write a short email to
# my landlord"): the length of that text, not of Tacit's answers. Read as "short answers:
# three sentences at most", it turned the email into "The kitchen tap has been leaking for a
# week."
_TEXT = re.compile(rf"\s+{WRITTEN_TEXTS}\b")


def _of_a_text(words: str, sentence: str) -> bool:
    """Whether ``words`` ("short") are said of a text to write, not of the answers."""
    if words not in ("short", "brief"):
        return False
    match = _phrase(words).search(sentence)
    return match is not None and _TEXT.match(sentence, match.end()) is not None


def _ended_just_before(words: str, sentence: str) -> bool:
    match = _phrase(words).search(sentence)
    return match is not None and _ENDED_JUST_BEFORE.search(sentence[: match.start()]) is not None


def _ended(dim: Dimension, sentence: str, tuning: RecallTuning) -> list[Signal]:
    """"I'm not vegetarian anymore": the value named has ended, and no other is stated, so
    the dimension goes back to no preference (as strong as a correction). Where only one
    other value is left ("I don't use miles anymore": metric), that one is meant."""
    for value in dim.values.values():
        for words in value.says:
            if _phrase(words).search(sentence):
                others = [v for v in dim.values if v != value.name]
                if len(others) == 1:
                    return [Signal(dim.name, others[0], tuning.evidence_correction,
                                   "correction", words)]
                return [Signal(dim.name, NO_PREFERENCE, tuning.evidence_correction, ENDED,
                               words)]
    return []


def _clauses(sentence: str) -> list[str]:
    """The parts of a sentence a comma or "but" sets apart: "I'm vegetarian, what should I
    cook?" states in its first part what its second part asks."""
    parts = [p.strip() for p in re.split(r"[,;:]\s+|\s+but\s+", sentence) if p.strip()]
    if len(parts) > 1 and sentence.rstrip().endswith("?") and not parts[-1].endswith("?"):
        parts[-1] += "?"
    return parts


def edit_signals(original: str, edited: str,
                 tuning: RecallTuning | None = None) -> list[Signal]:
    """Preferences shown by how a person edited Tacit's text: values they wrote in, as
    strong as a value stated (``evidence_stated``).

    Replacing "5 miles" with "8 km" says metric; a value already present in the original
    says nothing about them.
    """
    tuning = tuning or RecallTuning.defaults()
    before = {(s.dimension, s.value) for s in signals(original, tuning)}
    return [Signal(s.dimension, s.value, tuning.evidence_stated, "edit", s.phrase)
            for s in signals(edited, tuning) if (s.dimension, s.value) not in before]


def match_answer(dimension: Dimension, text: str, choices: list[str] | None = None) -> str | None:
    """The value an answer picks: a choice's number or label, a phrase, or no preference."""
    lowered = " ".join(text.lower().split()).strip(" .!")
    choices = choices or dimension.choices
    if lowered.isdigit() and 1 <= int(lowered) <= len(choices):
        lowered = choices[int(lowered) - 1].lower()
    for value in dimension.values.values():
        if lowered == value.label.lower() or lowered == value.name:
            return value.name
    if lowered == "no preference" or any(_phrase(p).search(lowered) for p in NO_PREFERENCE_SAYS):
        return NO_PREFERENCE
    hits = {v.name for v in dimension.values.values()
            if any(_mentions(w, lowered) for w in (v.label.lower(), *v.says))}
    return hits.pop() if len(hits) == 1 else None


def _mentions(words: str, text: str) -> bool:
    """Whether ``text`` says ``words`` without negating them."""
    match = _phrase(words).search(text)
    return match is not None and not _NEGATION.search(text[: match.start()])
