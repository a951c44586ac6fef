"""Capture: standing instructions and preferences from what the user says, in their own words.

Rules find the sentences worth keeping ("from now on ...", "if I ask for ...", "never ...",
"I strictly avoid ...", a choice among offered options); only those reach the extractor model,
so an ordinary turn costs no model call. The model classifies the sentence and copies the words
that carry the rule (constrained JSON). Whatever it returns must pass the groundedness check
against the user's message: every content word from the message, no negation dropped or added.
When the model's answer is unusable or ungrounded, the rule-based reading is used; when that
too fails the check, nothing is stored and the refusal is recorded.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from agents import prompts
from agents.instruction_text import split_condition, stems
from agents.llm import ChatModel

NEGATION = frozenset({"not", "never", "no", "dont", "don", "avoid", "avoids", "without",
                      "cant", "cannot", "wont", "nor", "neither", "hate", "dislike", "stop",
                      "isnt", "arent", "doesnt", "didnt", "free", "intolerant", "allergic"})
GROUNDING_IGNORES = frozenset({"i", "im", "me", "my", "the", "a", "an", "to", "of", "and",
                               "user", "is", "are", "be", "that", "it", "you", "your", "s"})

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_INSTRUCTION_LEAD = re.compile(
    r"^(?:please\s+)?(?:from\s+now\s+on|going\s+forward|in\s+(?:the\s+)?future|always|never|"
    r"whenever|every\s+time|each\s+time|any\s*time|if\s+i\s+(?:ask|book|want|need|am\s+asking)|"
    r"when\s+i\s+(?:ask|book|want|need|am\s+asking|mention|talk)|don'?t\s+ever|do\s+not\s+ever|"
    r"remember\s+to\s+always|remember\s+to\s+never)\b", re.I)
MAX_WORDS = 60  # longer "sentences" are pasted text, not something the user asks to keep
_ADDRESSES_ASSISTANT = re.compile(r"\b(?:you|your)\b", re.I)
_FIRST_PERSON_START = re.compile(r"^(?:i|i'm|im|i've|my|we|we're|our)\b", re.I)
# A preference: the user speaks of themself (first person) with a word of liking, avoiding,
# needing or refusing anywhere in the sentence.
_FIRST_PERSON = re.compile(r"(?:^|[\s,;(\"'])(?:i|i'm|im|i've|i'd|my|we|we're)\b", re.I)
_PREFERENCE = re.compile(
    r"\b(?:prefer\w*|love|loves|(?:i|we)\s+(?:really\s+|also\s+|do\s+)?like|enjoy\w*|adore|"
    r"hate|dislike\w*|avoid\w*|detest|aversion|refuse|exclusively|(?:i|we)\s+only|"
    r"uninterested|opposed\s+to|averse|phobia|fear\s+of|not\s+comfortable|will\s+not\s+consider|"
    r"(?:low|high)-\w+\s+diet|(?:do\s+not|don'?t)\s+(?:wear|interest)|can'?t\s+(?:stand|handle|eat|have|drink|bear)|"
    r"cannot\s+(?:stand|handle|eat|have|drink|bear)|not\s+(?:interested|a\s+(?:big\s+)?fan)|"
    r"no\s+interest|fan\s+of|allergic|vegetarian|vegan|intolerant|intolerance|lactose|kosher|"
    r"halal|favou?rite|passionate|stick\s+to|steer\s+clear|care\s+about|"
    r"learn\s+best|work\s+best|find\s+(?:it\s+)?\w+\s+(?:to|and|when)|"
    r"find\s+\w+(?:\s+\w+){0,3}\s+(?:ineffective|boring|tedious|difficult|hard|disorienting|"
    r"uncomfortable|overwhelming|annoying|unappealing|distracting|frustrating)|"
    r"don'?t\s+(?:like|eat|drink|want|enjoy|do|use|wear|watch|read)|"
    r"never\s+(?:eat|drink|use|buy|wear|watch|read|fly)|must\s+avoid|need\s+to\s+avoid|"
    r"tend\s+to|usually|always\s+(?:choose|pick|go\s+for|buy|book)|uncomfortable|"
    r"strongly|strictly|strict|sensitive\s+to|can'?t\s+tolerate|cannot\s+tolerate|dislike|"
    r"loathe|despise|allerg\w*|follow\s+a|adhere\s+to|priorit\w*|preference|"
    r"(?:do\s+not|don'?t|cannot|can'?t|never)\s+(?:consume|tolerate|use|touch)|"
    r"find\s+\w+(?:\s+[\w-]+){0,4}\s+(?:unsettling|slow|dull|stressful|off-putting))\b", re.I)
_CHOICE = re.compile(
    r"\b(?:sounds?\s+(?:good|great|perfect|best)|i'?ll\s+(?:go\s+with|take|pick|choose|have)|"
    r"let'?s\s+go\s+with|i\s+(?:choose|pick|want\s+the|prefer\s+the)|"
    r"(?:the\s+)?other\s+options?\s+(?:don'?t|do\s+not)\s+work|that\s+one\s+works)\b", re.I)
_CORRECTION = re.compile(r"^(?:no|nope|actually|not\s+quite)\b[,!.]?\s*(?:i|it|that|please)\b",
                         re.I)


class Extraction(BaseModel):
    """What the extractor model reads in one sentence."""

    kind: Literal["instruction", "preference", "none"]
    words: str = Field(max_length=300)


@dataclass
class Candidate:
    kind: str            # instruction | preference
    text: str            # the user's own words
    confidence: float
    source: str          # model | rules
    implicit: bool = False


@dataclass
class Capture:
    """What one message yields: candidates that passed the check, and what was refused."""

    candidates: list[Candidate] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    model_failures: list[dict[str, str]] = field(default_factory=list)
    ms: float = 0.0

    def trace(self) -> dict[str, Any]:
        return {"candidates": [c.__dict__ for c in self.candidates], "rejected": self.rejected,
                "model_failures": self.model_failures, "ms": round(self.ms, 1)}


def _words(text: str) -> list[str]:
    return [w for w in stems(text.replace("n't", " not")) if w]


def grounded(claim: str, source: str) -> tuple[bool, str]:
    """Whether ``claim`` says only what ``source`` (the user's message) says.

    Every content word of the claim must occur in the source (on stems), and the claim must
    keep the source's sense: a negation in the words it draws on must stay, none may appear.
    """
    said = set(_words(source))
    words = [w for w in _words(claim) if w not in GROUNDING_IGNORES]
    if not words:
        return False, "nothing to store"
    foreign = [w for w in words if w not in said]
    if foreign:
        return False, f"words the user did not say: {', '.join(foreign[:5])}"
    claim_neg = bool(set(words) & NEGATION)
    span = _covering_clause(words, source)
    source_neg = bool(set(_words(span)) & NEGATION)
    if claim_neg != source_neg:
        return False, "it reverses what the user said" if source_neg else "it adds a negation"
    return True, ""


def _covering_clause(words: list[str], source: str) -> str:
    """The sentence of ``source`` that shares the most words with the claim."""
    sentences = [s for s in _SENTENCE.split(source) if s.strip()] or [source]
    wanted = set(words)
    return max(sentences, key=lambda s: len(wanted & set(_words(s))))


def rule_candidates(message: str, previous_reply: str = "") -> list[Candidate]:
    """Sentences that set a rule or reveal a preference, found by their wording."""
    found: list[Candidate] = []
    for sentence in (s.strip() for s in _SENTENCE.split(message)):
        if len(sentence) < 6 or len(sentence.split()) > MAX_WORDS:
            continue
        kind = classify(sentence)
        if kind:
            found.append(Candidate(kind, sentence, 1.0, "rules"))
    if not found and previous_reply and (_CHOICE.search(message) or _CORRECTION.match(message)):
        # A choice among options the assistant offered, or a correction: a preference shown,
        # not stated. Kept in the user's words, with lower confidence.
        found.append(Candidate("preference", " ".join(message.split()), 0.5, "rules",
                               implicit=True))
    return found


def classify(sentence: str) -> str | None:
    """'instruction', 'preference' or None for one sentence, by its wording."""
    text = sentence.strip().replace("\u2019", "'")
    cond, action = split_condition(text)
    leads = bool(re.match(r"^(?:if|when|whenever|every|each|any)", text, re.I))
    about_me = bool(re.match(r"^(?:i|i'm|i\s+am)\b", cond, re.I)) or "is" in cond.split()
    if cond and about_me and (leads or not _FIRST_PERSON_START.match(action)):
        return "instruction"
    lead = _INSTRUCTION_LEAD.match(text)
    if lead:
        rest = text[lead.end():].lstrip(" ,")
        if not _FIRST_PERSON_START.match(rest) or _ADDRESSES_ASSISTANT.search(rest):
            return "instruction"
    if _FIRST_PERSON.search(f" {text}") and _PREFERENCE.search(text):
        return "preference"
    return None


def capture(message: str, *, model: ChatModel | None = None,
            previous_reply: str = "") -> Capture:
    """Candidates from one user message, each checked against the message itself."""
    started = time.perf_counter()
    result = Capture()
    for rule in rule_candidates(message, previous_reply):
        chosen = rule
        if model is not None and not rule.implicit:
            chosen = _with_model(model, rule, message, result)
        ok, why = grounded(chosen.text, message)
        if not ok and chosen is not rule:
            result.model_failures.append({"text": chosen.text, "why": why})
            chosen = rule
            ok, why = grounded(chosen.text, message)
        if ok:
            result.candidates.append(chosen)
        else:
            result.rejected.append({"text": chosen.text, "why": why})
    result.ms = (time.perf_counter() - started) * 1000
    return result


def _with_model(model: ChatModel, rule: Candidate, message: str, result: Capture) -> Candidate:
    prompt = prompts.render("capture", sentence=rule.text)
    answer = model.structured([{"role": "user", "content": prompt}], Extraction)
    if not answer.ok or answer.value is None:
        result.model_failures.append({"text": answer.raw[:200], "why": answer.error or "empty"})
        return rule
    value = answer.value
    words = " ".join(value.words.split())
    if value.kind == "none" or not words:
        result.model_failures.append({"text": words, "why": "the model saw no rule; kept "
                                      "the rule-based reading"})
        return rule
    if len(set(_words(words)) - GROUNDING_IGNORES) < 0.5 * len(
            set(_words(rule.text)) - GROUNDING_IGNORES):
        # A fragment loses what the user meant (the condition, the object): keep the sentence.
        result.model_failures.append({"text": words, "why": "the model kept too little"})
        return Candidate(value.kind, rule.text, 1.0, "model")
    return Candidate(value.kind, words, 1.0, "model")
