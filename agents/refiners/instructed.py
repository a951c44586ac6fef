"""Standing instructions a rule can check on a reply, each with its repair.

Only the wording of the instruction decides which check applies; an instruction no check
recognises is left to the responder's prompt (it is not guessed at here). Answering in a
language is the coherence refiner's (it also knows the request's own language).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from agents.introduced import SECOND_PERSON
from agents.refiners.base import Finding, Situation
from agents.refiners.honour import convert_units
from agents.refiners.text import LIST_MARK, content, overlap, sentences, words
from memory.text import phrases

KIND = "instruction_violation"
_NEVER = r"(?:no|never|don't|do not|without|avoid|stop using|skip)"
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F1E6-\U0001F1FF]\ufe0f?")
_ADD = re.compile(r"\b(?:always\s+)?(?:end|finish|close|sign\s+off)\s+(?:every|each|all|your|"
                  r"my|the)?\s*(?:\w+\s+)?with\s+(?P<x>.+?)\s*$|\balways\s+(?:add|include|"
                  r"mention|remind me)\s+(?P<y>.+?)\s*$", re.I)
_WORD_LIMIT = re.compile(r"\b(?:under|below|fewer than|less than|at most|no more than|"
                         r"maximum of|max|within|up to)\s+(?P<n>\d+)\s+words\b", re.I)
_SENTENCE_LIMIT = re.compile(r"\b(?:under|at most|no more than|maximum of|max|up to|"
                             r"within)\s+(?P<n>\d+|one|two|three|four|five)\s+sentences?\b", re.I)
_BULLETS = re.compile(r"\b(?:bullet(?:ed)?\s*(?:points?|lists?)?|as a list)\b", re.I)
_BULLET_LINE = re.compile(rf"(?m)^\s*{LIST_MARK}\s+")
_METRIC = re.compile(r"\b(?:metric|km|kilomet|kilograms?|kg|celsius|litres?|liters?)\b", re.I)
_IMPERIAL = re.compile(r"\b(?:imperial|miles?|pounds|lbs|fahrenheit|feet|ounces)\b", re.I)
_UNIT_TOPIC = re.compile(r"\b(?:distances?|weights?|temperatures?|units?|measures?|"
                         r"measurements?|quantit(?:y|ies)|heights?|lengths?|speeds?)\b", re.I)
_CLOCK24 = re.compile(r"\b24[- ]?h(?:our)?\b", re.I)
_AMPM = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s?(am|pm|a\.m\.|p\.m\.)", re.I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _emojis(text: str, rule: str) -> list[Finding]:
    if not (re.search(r"\bemoj", rule, re.I) and re.search(_NEVER, rule, re.I)):
        return []
    return [Finding("persona", KIND, m.group(0), fix="") for m in EMOJI.finditer(text)]


def _exclamations(text: str, rule: str) -> list[Finding]:
    if not (re.search(r"exclamation", rule, re.I) and re.search(_NEVER, rule, re.I)):
        return []
    return [Finding("persona", KIND, s.text, fix=s.text.replace("!", "."))
            for s in sentences(text) if "!" in s.text]


# "Whenever I ask about travel, remind me to check the train strikes": a reminder the reply
# ends with, said to them ("Remember to check the train strikes.").
_REMIND = re.compile(r"(?:^|[,;:]\s*|\b(?:then|always|please)\s+)remind\s+me\s+(?P<how>to|of|"
                     r"about)\s+(?P<what>.+?)\s*$", re.I)


def _reminder(rule: str) -> str:
    """The line a "remind me ..." instruction asks for, in the second person, or ""."""
    match = _REMIND.search(rule.rstrip(". "))
    if not match:
        return ""
    what = " ".join(SECOND_PERSON.get(w.lower(), w) for w in match["what"].strip("\"'“”").split())
    return f"Remember to {what}" if match["how"].lower() == "to" else f"A reminder: {what}"


def _always_add(text: str, rule: str) -> list[Finding]:
    reminder = _reminder(rule)
    match = _ADD.search(rule.rstrip(". "))
    if not match and not reminder:
        return []
    wanted = reminder or ((match["x"] or match["y"] or "") if match else "").strip().strip(
        "\"'“”")
    wanted = re.sub(r"^(?:a|an|the)\s+(?=line\b)", "", wanted)
    quoted = None if reminder else re.search(r"[\"“'](.+?)[\"”']", rule)
    line = quoted.group(1) if quoted else wanted
    if not line or line.lower() in text.lower():
        return []
    if not quoted and overlap(content(line), content(text)) >= 0.75:
        return []  # said in other words is enough when no wording is quoted
    parts = sentences(text)
    if not parts:
        return []
    last = parts[-1].text
    addition = line[0].upper() + line[1:]
    if not addition.endswith((".", "!", "?")):
        addition += "."
    return [Finding("persona", KIND, last, fix=f"{last} {addition}")]


def _length(text: str, rule: str) -> list[Finding]:
    limit_words = _WORD_LIMIT.search(rule)
    limit_sentences = _SENTENCE_LIMIT.search(rule)
    parts = sentences(text)
    if limit_sentences:
        raw = limit_sentences["n"].lower()
        most = int(raw) if raw.isdigit() else _NUMBERS[raw]
        return [Finding("persona", KIND, span, fix="") for span in _over(text, most)]
    if not limit_words:
        return []
    most, used, found = int(limit_words["n"]), 0, []
    for i, sentence in enumerate(parts):
        used += len(words(sentence.text))
        if used > most and i > 0:
            found.append(Finding("persona", KIND, sentence.text, fix=""))
    return found


# Sentences that say nothing of the answer: an opening "Sure! I'd be happy to help." or a
# closing "I hope this helps." Under a sentence limit they go first.
_COURTESY = re.compile(
    r"^\W*(?:(?:sure|absolutely|of course|certainly|great question|good question)\W*$|"
    r"(?:(?:sure|absolutely|of course|certainly)\W+)?(?:I'?d|I would|I'?m|I am) (?:be )?"
    r"(?:more than |really |so )?(?:happy|glad|delighted) to\b|I hope (?:this|that|these) "
    r"helps?|let me know if|feel free to|if you have any (?:other |more )?questions)", re.I)
_MARK_ONLY = re.compile(rf"^\s*{LIST_MARK}\s*$")


def _over(text: str, most: int) -> list[str]:
    """What goes to keep ``text`` to ``most`` sentences. Not simply the first ones: courtesy
    goes first, then what a list item adds after its first sentence, so a list keeps its
    items; a lead-in ("Here are a few:") stays only with an item after it."""
    units: list[tuple[str, str]] = []  # (kind, text of the unit)
    marker = None
    for sentence in sentences(text):
        if _MARK_ONLY.match(sentence.text):
            marker = marker if marker is not None else sentence.start
            continue
        start = sentence.start if marker is None else marker
        line_start = not text[:start].rpartition("\n")[2].strip()
        if marker is not None or (line_start and _BULLET_LINE.match(text, start)):
            kind = "item"
        elif units and units[-1][0] in ("item", "more") and not line_start:
            kind = "more"
        elif _COURTESY.match(sentence.text):
            kind = "courtesy"
        elif sentence.text.rstrip().endswith(":"):
            kind = "lead"
        else:
            kind = "prose"
        units.append((kind, text[start:sentence.end]))
        marker = None
    if len(units) <= most:
        return []
    rank = {"prose": 0, "item": 0, "lead": 0, "more": 1, "courtesy": 2}
    order = sorted(range(len(units)), key=lambda i: (rank[units[i][0]], i))
    kept = set(order[:most])
    for i in sorted(kept):
        if units[i][0] == "lead" and not any(units[j][0] == "item" for j in kept if j > i):
            kept.discard(i)  # a lead-in with nothing after it
            spare = next((j for j in order if j not in kept and units[j][0] != "lead"), None)
            if spare is not None:
                kept.add(spare)
    return [unit for i, (_, unit) in enumerate(units) if i not in kept]


def _bullets(text: str, rule: str) -> list[Finding]:
    if not _BULLETS.search(rule) or re.search(_NEVER + r"\s+(?:use\s+)?bullet", rule, re.I):
        return []
    if len(_BULLET_LINE.findall(text)) >= 2 or "```" in text:
        return []
    parts = [s.text for s in sentences(text)]
    if len(parts) < 2:
        return []
    return [Finding("persona", KIND, text, fix="\n".join(f"- {p}" for p in parts))]


def _units(text: str, rule: str) -> list[Finding]:
    if not _UNIT_TOPIC.search(rule) and not re.search(r"\b(?:metric|imperial)\b", rule, re.I):
        return []
    metric, imperial = bool(_METRIC.search(rule)), bool(_IMPERIAL.search(rule))
    if metric == imperial:
        return []
    from agents.refiners.persona import as_findings

    out = convert_units(text, "metric" if metric else "imperial")
    return as_findings("persona", KIND, text, out)


_BRITISH = re.compile(r"\b(?:british|uk|english \(uk\)|en-gb)\s+(?:english|spelling)\b|"
                      r"\bbritish spellings?\b", re.I)


@functools.cache
def _british_words() -> dict[str, str]:
    return dict(pair.split() for pair in phrases("british"))


def _spelling(text: str, rule: str) -> list[Finding]:
    """"Always answer in British English": the American spellings and words of the list in
    ``data/lexicon.yaml``, each put right where it stands (its capital kept)."""
    if not _BRITISH.search(rule):
        return []
    words_ = _british_words()
    found = []
    for match in re.finditer(rf"\b(?:{'|'.join(words_)})\b", text, re.I):
        said = match.group(0)
        right = words_[said.lower()]
        found.append(Finding("persona", KIND, said,
                             fix=right[:1].upper() + right[1:] if said[:1].isupper() else right))
    return found


def _clock(text: str, rule: str) -> list[Finding]:
    if not _CLOCK24.search(rule):
        return []
    found = []
    for match in _AMPM.finditer(text):
        hour, minute = int(match.group(1)) % 12, match.group(2) or "00"
        if match.group(3).lower().startswith("p"):
            hour += 12
        found.append(Finding("persona", KIND, match.group(0), fix=f"{hour:02d}:{minute}"))
    return found


# "Whenever I ask for a recipe, list the prep time first", "start with the total cost".
_FIRST = re.compile(r"\b(?:list|give|put|state|show|tell me|mention|say)\s+(?:me\s+)?(?:the\s+|"
                    r"my\s+)?(?P<x>[a-z][\w' -]{2,30}?)\s+(?:first|at the (?:top|start|beginning))"
                    r"\b|\b(?:start|begin|open|lead)\s+(?:every|each|all|your|the)?\s*(?:\w+\s+)?"
                    r"with\s+(?:the\s+|a\s+)?(?P<y>[a-z][\w' -]{2,30}?)\s*$", re.I)


# What can be given first as one short figure ("Prep time: 10 minutes"); a summary or a
# greeting wanted first is left to the responder's prompt.
_FIGURE = re.compile(r"\b(?:time|cost|price|calories|total|budget|amount|duration|temperature|"
                     r"distance|date|servings?|portions?|weight|difficulty)\b", re.I)


def _first(text: str, rule: str) -> list[Finding]:
    """A figure the person wants first is not in the reply's first line. A whole time the
    reply's own steps give (or state further down) is put first by code; else the model is
    asked for that one line alone (the span names what is wanted, as an unanswered part does)."""
    match = _FIRST.search(rule.rstrip(". !"))
    head = text.strip().split("\n", 1)[0]
    if not match or not head:
        return []
    wanted = (match["x"] or match["y"]).strip()
    if not _FIGURE.search(wanted) or overlap(content(wanted), content(head)) >= 0.5:
        return []
    told = _whole_time(text) if _WHOLE.search(wanted) else None
    if told:
        return [Finding("persona", KIND, head, fix=f"{wanted[0].upper()}{wanted[1:]}: {told}"
                        f"\n\n{head}", ask=f"Give {wanted} first, as the person asked.")]
    return [Finding("persona", KIND, wanted, needs="lead",
                    ask=f"Give {wanted} first, as the person asked.")]


# A time wanted first that the reply's steps add up to ("total cooking time", "total time";
# not "prep time", which is only some of them). "Can you give me a recipe for a quick vegetable
# curry?" under "give me the total cooking time first" came without it: the model, asked for
# that line alone, answered "Awesome, I'm glad you enjoyed the recipe!".
_WHOLE = re.compile(r"^(?:(?:total|overall|whole)\s+(?:cook(?:ing)?\s+)?time|cook(?:ing)?\s+time|"
                    r"time)$", re.I)
_DURATION = re.compile(r"\b(?P<low>\d{1,3})(?:\s*(?:-|–|to)\s*(?P<high>\d{1,3}))?\s*"
                       r"(?P<unit>minutes?|mins?|hours?|hrs?)\b", re.I)
_STATED = re.compile(r"\b(?:total(?:\s+(?:cooking|cook))?\s+time|ready in|(?:the whole thing|it "
                     r"all|this recipe|the recipe|the dish) takes(?: about| around)?|in all)\b"
                     r"\W{0,3}(?:about |around |roughly )?(?=\d)", re.I)


def _whole_time(text: str) -> str | None:
    """The reply's whole time: as it states it ("Total time: 45 minutes", "ready in 30
    minutes"), else its steps' times added up ("about 35 minutes, the steps' times added up"),
    else None."""
    stated = _STATED.search(text)
    if stated:
        found = _DURATION.match(text, stated.end())
        if found:
            return found.group(0)
    low = high = 0
    for found in _DURATION.finditer(text):
        per = 60 if found["unit"].lower().startswith("h") else 1
        low += int(found["low"]) * per
        high += int(found["high"] or found["low"]) * per
    if not low:
        return None
    span = _minutes(low) if low == high else f"{low} to {_minutes(high)}" if high < 60 \
        else f"{_minutes(low)} to {_minutes(high)}"
    return f"about {span} (the steps' times added up)"


def _minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    said = [f"{hours} hour{'s' * (hours > 1)}"] if hours else []
    return " ".join(said + ([f"{minutes} minutes"] if minutes or not hours else []))


CHECKS: list[Callable[[str, str], list[Finding]]] = [
    _emojis, _exclamations, _units, _clock, _spelling, _length, _bullets, _always_add, _first,
]


def instruction_findings(text: str, state: Situation) -> list[Finding]:
    """What ``text`` does against the standing instructions in force, with the repairs.

    Each check sees the text as the checks before it left it, so repairs compose.
    """
    from agents.refiners.base import apply_fixes

    found: list[Finding] = []
    for rule in state.instructions:
        for check in CHECKS:
            more = check(text, rule)
            if more:
                found += more
                text = apply_fixes(text, more)[0]
    return found


def with_additions(text: str, rules: list[str]) -> str:
    """``text`` with what "always add ..." and "remind me to ..." rules ask at its end, and
    nothing else changed: for a reply code wrote, whose own words no repair may touch."""
    from agents.refiners.base import apply_fixes

    for rule in rules:
        text = apply_fixes(text, _always_add(text, rule))[0]
    return text
