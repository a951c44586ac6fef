"""Profile checks of the persona refiner: tone, level, and preferences kept where they belong.

- **tone** (a text the person asked to be written: an email, a letter, a message): a formal
  text has its contractions spelled out and everyday words and greetings replaced; a casual one
  has stiff letter phrases swapped for everyday ones;
- **level**: a beginner gets a plain gloss after a technical term nobody explained (unless they
  used the term themself); an expert loses sentences that reassure or explain the basics;
- **over-personalization**: a sentence that brings up one of the person's preferences ("since
  you're on a tight budget", "as a morning person") in a reply to a request the preference does
  not bear on (none of its dimension's trigger words) is removed.

The wording lists are data (``data/profile_checks.yaml``, and the dimensions' ``says`` and
``triggers`` in ``data/preferences.yaml``); every finding carries its fix, so none needs the
model.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import yaml

from agents.refiners.base import Finding, Situation
from agents.refiners.text import sentences
from memory.preferences import catalog, relevance
from memory.statements import goes_on

NAME, KIND = "persona", "preference_violation"

# Contractions spelled out for a formal text; a few irregular ones first.
_IRREGULAR = {"can't": "cannot", "won't": "will not", "shan't": "shall not",
              "let's": "let us", "ain't": "is not"}
_CONTRACTION = re.compile(
    r"\b(?P<word>[A-Za-z]+)['’](?P<end>t|m|re|ve|ll|d|s)\b(?P<next>\s+\w+)?")
_SUFFIX = {"m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would"}
# After a noun, "'s" is "is" or "has" only when what follows cannot follow a possessive.
_IS_AFTER = re.compile(r"\s+(?:not|now|been|got|gone|going|a|an|the|very|so|too|still|just|"
                       r"already|never|always|quite|really|here|there|all|over|done)$", re.I)
_PRONOUN_IS = {"it", "that", "there", "here", "what", "who", "where", "he", "she", "this",
               "how", "when", "why", "everything", "nothing", "something", "everyone"}


@cache
def _checks() -> dict[str, dict[str, list[tuple[re.Pattern[str], str]]]]:
    raw = yaml.safe_load(files("data").joinpath("profile_checks.yaml").read_text("utf-8"))
    flags = re.IGNORECASE | re.MULTILINE

    def pairs(rows: list[list[str]]) -> list[tuple[re.Pattern[str], str]]:
        return [(re.compile(pattern, flags), fix) for pattern, fix in rows]

    return {
        "tone": {value: pairs(rows) for value, rows in raw["tone"].items()},
        "beginner": {"": [(re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", flags), gloss)
                          for p, gloss in raw["level"]["beginner"]]},
        "expert": {"": [(re.compile(p, flags), "") for p in raw["level"]["expert"]]},
    }


def _spelled_out(match: re.Match[str]) -> str | None:
    word, end, after = match["word"], match["end"].lower(), match["next"] or ""
    whole = f"{word}'{match['end']}".lower()
    if whole in _IRREGULAR:
        out = _IRREGULAR[whole]
        return out[0].upper() + out[1:] if word[0].isupper() else out
    if end == "t" and word.lower().endswith("n"):
        return f"{word[:-1]} not"
    if end == "s":
        if word.lower() in _PRONOUN_IS or _IS_AFTER.search(after):
            return f"{word} is"
        return None  # a possessive
    if end in _SUFFIX and end != "t":
        return f"{word} {_SUFFIX[end]}"
    return None


def tone_findings(text: str, state: Situation) -> list[Finding]:
    """Wording against the tone the person wants, in a text they asked to be written."""
    wanted = state.preferences.get("tone")
    if wanted not in ("formal", "casual") or not relevance(catalog()["tone"], state.asked):
        return []
    found: list[Finding] = []
    if wanted == "formal":
        for match in _CONTRACTION.finditer(text):
            fix = _spelled_out(match)
            span = match.group(0)[: len(match.group(0)) - len(match["next"] or "")]
            if fix:
                found.append(Finding(NAME, KIND, span, fix=fix))
    for pattern, fix in _checks()["tone"][wanted]:
        found += [Finding(NAME, KIND, m.group(0), fix=fix) for m in pattern.finditer(text)
                  if m.group(0).strip()]
    return found


def _explained(text: str, end: int) -> bool:
    after = text[end:end + 16]
    return bool(re.match(r"\s*(?:\(|[,:]\s*(?:which|that is|i\.e\.|meaning|a |an |the |or )|"
                         r"[—–]|\s-\s|\s+(?:means|is a|is an|is the|are)\b)", after, re.I))


def level_findings(text: str, state: Situation) -> list[Finding]:
    """Terms a beginner was not told the meaning of; basics an expert was told."""
    level = state.preferences.get("expertise")
    if level == "beginner":
        found = []
        asked = state.asked.lower()
        for sentence in sentences(text):
            glossed, shift = sentence.text, 0
            for pattern, gloss in _checks()["beginner"][""]:
                match = pattern.search(sentence.text)
                if match is None or match.group(0).lower() in asked or gloss in text or \
                        _explained(sentence.text, match.end()):
                    continue
                at = match.end() + shift
                glossed = f"{glossed[:at]} ({gloss}){glossed[at:]}"
                shift += len(gloss) + 3
            if glossed != sentence.text:
                found.append(Finding(NAME, KIND, sentence.text, fix=glossed, severity="warning"))
        return found
    if level == "expert":
        patterns = [p for p, _ in _checks()["expert"][""]]
        return [Finding(NAME, KIND, s.text, fix="", severity="warning")
                for s in sentences(text) if any(p.search(s.text) for p in patterns)]
    return []


# Words that show a request bears on a preference beyond its dimension's own triggers.
BEARS_ON: dict[str, str] = {
    "diet": (r"food|eat|meal|recipe|cook|dinner|lunch|breakfast|brunch|restaurant|snack|dish|"
             r"menu|bake|grocer|shop|picnic|party|cafe|café|kitchen|hungry|fridge|protein|"
             r"nutrition|diet|trip|travel|visit|weekend|holiday|vacation|day out"),
}
# "since you're on a tight budget", "as a morning person, you", "given that money is no object
# for you", "your vegetarian diet": a reason drawn from the person, naming a preference.
_BECAUSE = r"\b(?:as|since|because|given|knowing|with)\b[^.,;:!?]{0,40}?"


@cache
def _mention(dimension: str, value: str) -> re.Pattern[str] | None:
    dim = catalog().get(dimension)
    if dim is None or value not in dim.values:
        return None
    said = dim.values[value]
    # A unit named in passing ("about 6 km") is not the preference brought up: only the words
    # that name the preference itself, not those a request might use too.
    phrases = {said.label.lower(), *said.says} - set(dim.triggers)
    phrases = {p for p in phrases if len(p) > 2}
    if not phrases:
        return None
    names = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"{_BECAUSE}(?<![\w-])(?:{names})(?![\w-])|\byour\s+(?:{names})\b",
                      re.IGNORECASE)


def bears_on(dimension: str, request: str) -> bool:
    """Whether ``request`` is one a preference of ``dimension`` could shape."""
    dim = catalog().get(dimension)
    if dim is None:
        return True  # a preference Tacit has no words for is never called out of place
    extra = BEARS_ON.get(dimension)
    says = [p for v in dim.values.values() for p in v.says]
    return bool(relevance(dim, request) or (extra and re.search(extra, request, re.I))
                or any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", request, re.I)
                       for p in says))


def over_personalized(draft: str, state: Situation) -> list[Finding]:
    """Sentences that bring up a known preference the request does not bear on."""
    found = []
    said = state.said_by("user")
    before = said[-1] if said and goes_on(state.asked) else ""  # what a follow-up goes on from
    for dimension, value in state.preferences.items():
        mention = _mention(dimension, value)
        if mention is None or bears_on(dimension, state.asked) or \
                (before and bears_on(dimension, before)):
            continue
        for sentence in sentences(draft):
            if mention.search(sentence.text) and re.search(r"\byou", sentence.text, re.I):
                found.append(Finding(NAME, "over_personalization", sentence.text,
                                     severity="warning", fix=""))
    return found
