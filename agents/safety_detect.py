"""Crisis and domain detection for the safety node, without the chat model.

    detect(message, history=(), *, past_self_harm=False, embed=None) -> SafetyAssessment

fills ``domain``, ``sub_area``, ``domain_score``, ``crisis_kind``, ``crisis_level`` and
``evidence`` (the node fills the rest). Three layers, each with its words in ``data/safety/``:

1. **Crisis cues** (``cues.yaml``). Look-alike idioms ("this deadline is killing me", "kill
   the process", "shot some photos") are blanked first; a cue preceded by a denial in its own
   clause ("I would never hurt myself") is dropped, one in a sentence about a story, game or
   film is dropped when it speaks of someone else, and a violent figure of speech ("I'll kill
   him if he eats my fries lol") counts for little. Cue weights add up per kind; the kind is a
   crisis once its sum reaches the bar. Subtle messages reach it by adding weak cues (giving
   things away + "tie up loose ends before I go"). With an embedder, example messages of
   each kind (``exemplars.yaml``) add a cue when a message's nearest example of a kind is
   close enough and nearer than every calm example and everyday or sensitive request: a
   strong match alone reaches the bar, a weak one only adds; a question about means ("how
   high is that bridge?") is only ever a weak suicide sign, and counts once with a means cue.
   A learned classifier over the same vectors (:mod:`agents.safety_classifier`) adds a cue
   that reaches the bar when it is sure a text tells of a crisis.
2. **Domain** (``domains.yaml``): keyword hits plus the similarity to hand-written prototype
   requests of the seven domains and their sub-areas, read with the bundled MiniLM embedder;
   everyday look-alike prototypes stand for "no domain". Without an embedder (``embed=None``)
   only the keywords decide. ``domain_score`` is a confidence in 0..1: how far the nearest
   sub-area beats the everyday prototypes (0.5 at half of ``sure_margin``, 1.0 at it);
   keyword hits / 3 without an embedder.
3. **The conversation**: cues in the session's earlier user turns carry over (the turn just
   before in full, older ones discounted, at most ``history_turns`` back), so a crisis told
   across several messages is still caught; a crisis takes the domain the conversation's
   keywords name; a known past self-harm history lowers the bar for suicide and self-harm.

Decisions the reader should know:
- Quoted words count: "my friend wrote 'I want to die'" is a crisis (of the friend), and the
  resources are still the right answer; the evidence marks such cues ``quoted``.
- A crisis anywhere in a long pasted text counts. Past 500 characters (a 1 KB message read
  whole cost 13-19 ms of CPU per cold reading, 8 ms this way) each cue is searched
  only in the sentences that hold one of its anchors (literal pieces every match contains,
  read from its regex), which finds the same as reading it whole at a tenth of the cost; the
  domain and the message vector are read from its first part, and the classifier also reads
  the few sentences past it where the cues saw a sign. Any text is searched only for the
  cues one of whose anchors it holds (12 of the ~430 on average over the suites' messages:
  1.35 ms of CPU per message read became 0.19 ms, the same hits).
- ``embed`` is an object with ``embed(list[str]) -> ndarray`` (``memory.embedder.Embedder``)
  or a plain callable of that shape; prototype vectors are computed once per embedder. The
  turn's texts are asked for a few at a time, so the embedder's memory answers them (recall
  has embedded the message; earlier turns were embedded when they were new), and the cue
  readings of recent texts are kept, and so is what the learned layers read in them (and the
  domain of the latest message): in a conversation the node embeds and reads only what is
  new, and a crisis carried from earlier turns does not have the message read twice.

The optional model judgement (:func:`model_judgement`, :func:`with_judgement`) only ever adds
to what these layers found (an untrusted model only raises a sign they saw); they never depend
on it. Measured in ``bench/RESULTS.md``: the layers meet their targets on the suite halves they
were tuned on, and catch about two thirds of crises written after the fact (fewer subtle ones).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, Field

from agents.safety_assessment import SafetyAssessment
from agents.safety_classifier import NONE, classifier, domain_classifier
from agents.safety_encoder import encoder
from memory.text import SentenceBounds, folded
from memory.text import sentences as sentences_of

KINDS = ("suicide", "self_harm", "violence", "abuse", "medical")
MEANS = "means"   # exemplars of questions about a way to die: a weak suicide sign only
LOWERED_KINDS = ("suicide", "self_harm")  # what a past self-harm history makes easier to reach
LEVELS = ("none", "possible", "likely", "imminent")
DOMAINS = ("relationship", "career", "financial", "social", "health", "life_transition",
           "education")
ANY_CAP = 0.7      # timing and "option" words strengthen a kind by at most this
ANY_WORD = r"\S+"
EMBED_CHARS = 2000   # the part of a message the domain is read from (the model reads 256 tokens)
SHARED_CALL = 4      # texts per embedder call: small calls are answered from its memory
FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i'd|i'll|i've|me|my|myself|mine)\b")
QUOTED = re.compile(r"\"[^\"]{2,}\"|(?<![a-z0-9])'[^']{3,}?'(?![a-z0-9])")
CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:and|but|so|because|cause|though|although|yet)\b")


# The text layer (memory/text.py): one normal form and one sentence splitter for every module.
normalize = folded


# The cue data ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tuning:
    """The numbers of the cue layer; documented in ``data/safety/cues.yaml``."""

    bar: float = 1.0
    bar_past_self_harm: float = 0.5
    possible_at: float = 0.4
    imminent_at: float = 2.0
    history_decay: float = 0.8
    history_turns: int = 8
    fiction_discount: float = 0.0
    hyperbole_discount: float = 0.3
    hyperbole_sure: float = 0.95
    negation_window: int = 4
    assistant_talk_bar: float = 1.01  # off unless cues.yaml sets it
    ailment_bar: float = 1.01         # the same for everyday aches and colds (``ailments``)
    low_mood_bar: float = 1.01        # the same for a low mood said plainly (``low_moods``)
    calm_gate: float = 1.01           # off unless cues.yaml sets it; see :func:`crisis_verdict`


@dataclass(frozen=True)
class Cue:
    family: str
    kind: str                      # one of KINDS, or "any" for timing words
    weight: float
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    needs: re.Pattern[str] | None = None
    negatable: bool = True
    # Words one of which every match holds (None: unknown); a long text is searched for the
    # cue only in the sentences that hold one of them.
    anchors: frozenset[str] | None = None


ANCHOR_CHARS = 3   # shortest anchor: shorter pieces ("me", "to") would flag every sentence


def anchors_of(pattern: str) -> frozenset[str] | None:  # long: one walk of a parse tree
    """Literal pieces one of which every match of ``pattern`` contains, or None.

    Read from the regex's parse tree: a sequence needs any one of its mandatory parts (a run
    of literal characters, a group, a branch whose every alternative needs something, a
    repeat of at least one); the most selective is kept (longest shortest piece).
    """
    # The standard parser of re itself (no public door to its parse tree).
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]

    def lead(items: Any) -> str:
        out = ""
        for op, av in items:
            if op is not sre.LITERAL:
                break
            out += chr(av)
        return out

    def need(items: Any) -> frozenset[str] | None:
        options: list[frozenset[str]] = []
        run = ""

        def close() -> None:
            nonlocal run
            piece = run.strip(" '")
            if len(piece) >= ANCHOR_CHARS and " " not in piece:
                options.append(frozenset([piece]))
            elif " " in piece:  # every word of a literal run is needed: keep the longest
                longest = max(piece.split(), key=len)
                if len(longest) >= ANCHOR_CHARS:
                    options.append(frozenset([longest]))
            run = ""
        for op, av in items:
            if op is sre.LITERAL:
                run += chr(av)
                continue
            prefix = run
            close()
            if op is sre.SUBPATTERN:
                found = need(av[-1])
                if found:
                    options.append(found)
            elif op is sre.BRANCH:
                subs = [need(b) for b in av[1]]
                if all(subs):
                    options.append(frozenset().union(*subs))  # type: ignore[arg-type]
                joined = [(prefix + lead(b)).strip(" '").split(" ")[-1] for b in av[1]]
                if prefix and all(len(j) >= ANCHOR_CHARS for j in joined):
                    options.append(frozenset(joined))  # "mak" + (e|ing): make, making
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
                found = need(av[2])
                if found:
                    options.append(found)
        close()
        if not options:
            return None
        return max(options, key=lambda s: (min(map(len, s)), -len(s)))

    try:
        return need(parser.parse(pattern, 0))
    except Exception:  # an unexpected construct: the cue is searched everywhere
        return None


@dataclass(frozen=True)
class CrisisPrototypes:
    """Crisis said in other words, recognised by sentence vectors (``exemplars.yaml``)."""

    texts: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()      # per text: a crisis kind, "means" or "calm"
    # (similarity, margin, weight) per tier, strongest first
    tiers: tuple[tuple[float, float, float], ...] = ((0.50, 0.12, 1.0), (0.42, 0.0, 0.5))
    nearest: int = 1                 # a side's similarity: the mean of its best this many

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> CrisisPrototypes:
        texts, kinds = [], []
        for kind in (*KINDS, MEANS, "calm"):
            for text in raw.get(kind) or []:
                texts.append(str(text))
                kinds.append(kind)
        tiers = tuple((float(t["similarity"]), float(t["margin"]), float(t["weight"]))
                      for t in (raw.get("strong"), raw.get("weak")) if t)
        extra: dict[str, Any] = {"tiers": tiers} if tiers else {}
        if raw.get("nearest"):
            extra["nearest"] = int(raw["nearest"])
        return cls(tuple(texts), tuple(kinds), **extra)


@dataclass(frozen=True)
class Lexicon:
    tuning: Tuning
    cues: tuple[Cue, ...]
    idioms: re.Pattern[str]
    negators: re.Pattern[str]
    denial_gap: re.Pattern[str]
    hedges: re.Pattern[str]
    fiction: re.Pattern[str]
    hyperbole: re.Pattern[str]
    literal: re.Pattern[str]
    prototypes: CrisisPrototypes
    resolved: re.Pattern[str] = re.compile(r"(?!)")
    figures: re.Pattern[str] = re.compile(r"(?!)")
    edits: re.Pattern[str] = re.compile(r"(?!)")
    records: re.Pattern[str] = re.compile(r"(?!)")
    talk: tuple[str, ...] = ()  # data/safety/assistant_talk.yaml
    ailments: tuple[str, ...] = ()  # its everyday aches, colds and poor sleep
    low_moods: tuple[str, ...] = ()  # its low moods said with nothing of danger
    conditions: re.Pattern[str] = re.compile(r"(?!)")
    routine_medicine: re.Pattern[str] = re.compile(r"(?!)")   # look-alikes, medical ones too
    errands: re.Pattern[str] = re.compile(r"(?!)")   # a train, a dose's time: when the rest is calm
    animals: re.Pattern[str] = re.compile(r"(?!)")   # an animal the message is about
    people_harmed: re.Pattern[str] = re.compile(r"(?!)")   # ... and a person hurt or ill too
    falls_ongoing: re.Pattern[str] = re.compile(r"(?!)")   # falls that recur or are past
    acute_signs: re.Pattern[str] = re.compile(r"(?!)")   # ... and a sign of harm now


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(4):  # macros may name macros
        pattern = re.sub(r"<(\w+)>", lambda m: macros.get(m.group(1), m.group(0)), pattern)
    return pattern


def _compile(pattern: str, macros: dict[str, str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_expand(pattern, macros)})")


@cache
def lexicon() -> Lexicon:
    """The shipped cue data, read once."""
    raw = yaml.safe_load(files("data").joinpath("safety/cues.yaml").read_text("utf-8"))
    raw["prototypes"] = yaml.safe_load(
        files("data").joinpath("safety/exemplars.yaml").read_text("utf-8"))
    raw["assistant_talk"] = yaml.safe_load(
        files("data").joinpath("safety/assistant_talk.yaml").read_text("utf-8"))
    return lexicon_from(raw)


def lexicon_from(raw: dict[str, Any]) -> Lexicon:
    """A lexicon from the parsed YAML (tests and benchmarks may hand in their own)."""
    macros = {k: str(v) for k, v in (raw.get("macros") or {}).items()}
    cues = []
    for entry in raw["cues"]:
        unless, needs = entry.get("unless"), entry.get("needs")
        for pattern in entry["patterns"]:
            compiled = _compile(str(pattern), macros)
            cues.append(Cue(entry["family"], entry["kind"], float(entry["weight"]),
                            compiled,
                            re.compile(_expand(unless, macros)) if unless else None,
                            re.compile(_expand(needs, macros)) if needs else None,
                            bool(entry.get("negatable", True)), anchors_of(compiled.pattern)))
    routine = "|".join(f"(?:{_expand(str(p), macros)})" for p in raw.get("routine_medicine") or ())
    idioms = "|".join(f"(?:{_expand(str(p), macros)})" for p in raw["idioms"])
    idioms = f"{idioms}|{routine}" if routine else idioms
    return Lexicon(
        tuning=Tuning(**(raw.get("tuning") or {})),
        cues=tuple(cues),
        idioms=re.compile(rf"\b(?:{idioms})"),
        negators=re.compile(rf"\b{raw['negators']}"),
        denial_gap=re.compile(str(raw.get("denial_gap") or ANY_WORD)),
        hedges=re.compile(raw["hedges"]),
        fiction=re.compile(raw["fiction"]),
        hyperbole=re.compile(raw["hyperbole"]),
        literal=re.compile(raw.get("literal") or r"(?!)"),
        prototypes=CrisisPrototypes.from_raw(raw.get("prototypes") or {}),
        resolved=re.compile(raw.get("resolved") or r"(?!)"),
        figures=re.compile(raw.get("figures") or r"(?!)"),
        edits=re.compile(raw.get("edits") or r"(?!)"),
        records=re.compile(f"(?:{asked}){raw.get('records_after') or ''}" if (asked := "|".join(
            f"(?:{raw[key]})" for key in ("records", "memory_questions") if raw.get(key)))
            else r"(?!)"),
        talk=tuple(str(t) for t in (raw.get("assistant_talk") or {}).get("talk", ())),
        ailments=tuple(str(t) for t in (raw.get("assistant_talk") or {}).get("ailments", ())),
        low_moods=tuple(str(t) for t in (raw.get("assistant_talk") or {}).get("low_moods", ())),
        conditions=re.compile(raw.get("conditions") or r"(?!)"),
        routine_medicine=re.compile(rf"\b(?:{routine})" if routine else r"(?!)"),
        errands=re.compile(rf"\b(?:{errands})" if (errands := "|".join(
            f"(?:{_expand(str(p), macros)})" for p in raw.get("errands") or ())) else r"(?!)"),
        animals=re.compile(raw.get("animals") or r"(?!)"),
        people_harmed=re.compile(raw.get("people_harmed") or r"(?!)"),
        falls_ongoing=re.compile(raw.get("falls_ongoing") or r"(?!)"),
        acute_signs=re.compile(raw.get("acute_signs") or r"(?!)"),
    )


# Reading one message -----------------------------------------------------------------------
@dataclass(frozen=True)
class CueHit:
    """One cue found in one message."""

    cue: Cue
    span: str
    weight: float        # after discounts
    note: str = ""       # quoted, fiction, hyperbole
    certainty: float = 0.0   # the learned classifier's probability, for its own hits


@dataclass
class MessageReading:
    hits: list[CueHit] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)   # idioms and denials, for the evidence

    def score(self, kind: str) -> float:
        own = [h for h in self.hits if h.cue.kind == kind and h.weight > 0]
        if not own:
            return 0.0
        boost = sum(h.weight for h in self.hits if h.cue.kind == "any")
        return sum(h.weight for h in own) + min(boost, ANY_CAP)

    def timed(self) -> bool:
        return any(h.cue.kind == "any" for h in self.hits)


def _blank(text: str, pattern: re.Pattern[str], dropped: list[str]) -> str:
    def blank(m: re.Match[str]) -> str:
        if len(dropped) < 8:
            dropped.append(f"look-alike ignored: '{m.group(0).strip()}'")
        return " " * len(m.group(0))
    return pattern.sub(blank, text)


def _denied(lex: Lexicon, before: str) -> bool:
    """Whether the clause before a cue denies it ("I would never ...", "not going to ...").

    Only a few small words may stand between the denial and the cue: in "so they aren't
    stuck when I'm gone" the denial is about being stuck.
    """
    clause = CLAUSE_BREAK.split(before)[-1]
    if lex.hedges.search(clause):
        return False
    words = clause.split()[-lex.tuning.negation_window:]
    for i in range(len(words)):
        denial = lex.negators.match(" ".join(words[i:]))
        if denial is None:
            continue
        gap = words[i + len(denial.group(0).split()):]
        if all(lex.denial_gap.fullmatch(w) for w in gap):
            return True
    return False


LONG_TEXT = 500    # longer texts are searched per cue only where its anchors are (was 4000)


class _Windows:
    """Where in a long text each cue is worth searching: the sentences that hold one of its
    anchors (found once per anchor, with ``str.find``), merged into spans."""

    def __init__(self, text: str, sentences: SentenceBounds) -> None:
        self.text, self.sentences = text, sentences
        self.found: dict[str, list[tuple[int, int]]] = {}

    def of(self, anchors: frozenset[str] | None) -> list[tuple[int, int]]:
        if anchors is None:
            return [(0, len(self.text))]
        spans = sorted(s for a in anchors for s in self._sentences_with(a))
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _sentences_with(self, anchor: str) -> list[tuple[int, int]]:
        known = self.found.get(anchor)
        if known is None:
            known, at = [], self.text.find(anchor)
            while at >= 0:
                start, end = self.sentences.around(at)
                known.append((start, end))
                at = self.text.find(anchor, end)
            self.found[anchor] = known
        return known


def read_message(text: str, lex: Lexicon | None = None) -> MessageReading:
    """The crisis cues of one message, after idioms, denials, fiction and figures of speech.

    A long text (a pasted document) is searched for each cue only in the sentences that
    hold one of the cue's anchors, so the work grows with the crisis-like sentences rather
    than with the text; what is found is the same as reading it whole.
    """
    lex = lex or lexicon()
    reading = MessageReading()
    clean = _blank(normalize(text), lex.idioms, reading.dropped)
    if not clean.strip():
        return reading
    sentences = SentenceBounds(clean)
    quotes = [(m.start(), m.end()) for m in QUOTED.finditer(clean)]
    windows = _Windows(clean, sentences) if len(clean) > LONG_TEXT else None
    found: list[tuple[int, int, CueHit]] = []
    for cue in _cues_in(lex, clean):  # those whose anchors the text holds
        spans = windows.of(cue.anchors) if windows is not None else [(0, len(clean))]
        for start, end in spans:
            for m in cue.pattern.finditer(clean, start, end):
                hit = _judge(lex, cue, m, clean, sentences, quotes, reading)
                if hit is not None:
                    found.append((m.start(), max(m.end(), m.start() + 1), hit))
    # Words read by two cues of one kind count once, at the stronger cue's weight.
    kept: list[tuple[int, int, CueHit]] = []
    for start, end, hit in sorted(found, key=lambda f: -f[2].weight):
        if not any(s <= start and end <= e and h.cue.kind == hit.cue.kind for s, e, h in kept):
            kept.append((start, end, hit))
    reading.hits = [hit for _, _, hit in sorted(kept, key=lambda k: k[0])]
    return reading


_ANCHORS: dict[int, tuple[Lexicon, tuple[str, ...], tuple[tuple[int, ...], ...],
                          tuple[int, ...]]] = {}


def _cues_in(lex: Lexicon, text: str) -> list[Cue]:
    """The cues of ``lex`` that may match in ``text``, in their order: those one of whose
    anchors is in it, and those without anchors."""
    known = _ANCHORS.get(id(lex))
    if known is None or known[0] is not lex:
        by_anchor: dict[str, list[int]] = {}
        for i, cue in enumerate(lex.cues):
            for anchor in cue.anchors or ():
                by_anchor.setdefault(anchor, []).append(i)
        unanchored = tuple(i for i, cue in enumerate(lex.cues) if cue.anchors is None)
        known = (lex, tuple(by_anchor), tuple(map(tuple, by_anchor.values())), unanchored)
        _ANCHORS[id(lex)] = known
    _, anchors, holders, unanchored = known
    chosen = set(unanchored)
    for anchor, cues in zip(anchors, holders, strict=True):
        if anchor in text:
            chosen.update(cues)
    return [lex.cues[i] for i in sorted(chosen)]


# Readings of recent texts per lexicon: a session's earlier turns are read again every turn.
_READINGS: dict[int, tuple[Lexicon, OrderedDict[str, MessageReading]]] = {}
READINGS_KEPT = 64
_READINGS_LOCK = threading.Lock()
READING_CHARS = 4000   # longer texts (pastes) are read anew rather than kept


_LAST_LONG: list[tuple[Lexicon, str, MessageReading]] = []   # the latest long text's reading


def remembered_reading(text: str, lex: Lexicon) -> MessageReading:
    """:func:`read_message`, remembered for recent short texts and for the latest long one (a
    paste is read once per turn, though two layers ask); a copy the caller may change."""
    if len(text) > READING_CHARS:
        with _READINGS_LOCK:
            last = next((r for owner, t, r in _LAST_LONG if owner is lex and t == text), None)
        if last is None:
            last = read_message(text, lex)
            with _READINGS_LOCK:
                _LAST_LONG[:] = [(lex, text, last)]
        return MessageReading(list(last.hits), list(last.dropped))
    with _READINGS_LOCK:
        owner, kept = _READINGS.get(id(lex), (None, None))
        if owner is not lex or kept is None:
            kept = OrderedDict()
            _READINGS[id(lex)] = (lex, kept)
        reading = kept.get(text)
        if reading is not None:
            kept.move_to_end(text)
    if reading is None:
        reading = read_message(text, lex)
        with _READINGS_LOCK:
            kept[text] = reading
            while len(kept) > READINGS_KEPT:
                kept.popitem(last=False)
    return MessageReading(list(reading.hits), list(reading.dropped))


def forget_readings() -> None:
    """Drop the remembered readings, cue and learned, with the texts they are kept by: after
    a forget (no copy of a forgotten message stays in the process), and for benchmarks that
    time a reading from scratch."""
    with _READINGS_LOCK:
        _READINGS.clear()
        _LAST_LONG.clear()
    with _LEARNED_LOCK:
        _LEARNED[0] = None
    reader = encoder()
    if reader is not None:
        reader.forget()


def _judge(lex: Lexicon, cue: Cue, m: re.Match[str], text: str, sentences: SentenceBounds,
           quotes: list[tuple[int, int]], reading: MessageReading) -> CueHit | None:
    span = m.group(0).strip()
    start, end = sentences.around(m.start())
    sentence = text[start:end]
    if cue.unless is not None and cue.unless.search(sentence):
        reading.dropped.append(f"context rules out '{span}'")
        return None
    if cue.needs is not None and not cue.needs.search(sentence):
        return None
    if cue.negatable and _denied(lex, text[start:m.start()]):
        reading.dropped.append(f"denied: '{span}'")
        return None
    quoted = any(s <= m.start() < e for s, e in quotes)
    weight, note = cue.weight, "quoted" if quoted else ""
    first_person = bool(FIRST_PERSON.search(span)) and not quoted
    if not first_person and lex.fiction.search(sentence):
        weight, note = weight * lex.tuning.fiction_discount, "fiction"
    elif (cue.kind == "violence" and lex.hyperbole.search(sentence)
          and not lex.literal.search(sentence)):
        weight, note = weight * lex.tuning.hyperbole_discount, "figure of speech"
    return CueHit(cue, span, weight, note)


# The conversation --------------------------------------------------------------------------
@dataclass
class CrisisVerdict:
    kind: str | None
    level: str
    score: float
    evidence: list[str]


def crisis_verdict(message: str, history: Sequence[str] = (), *, past_self_harm: bool = False,
                   lex: Lexicon | None = None,
                   similar: Sequence[list[CueHit]] = (), calm: float = 0.0) -> CrisisVerdict:
    """The crisis cue layer over the message and the session's earlier user turns.

    ``similar`` holds prototype hits for the message, then for each of the last
    ``history_turns`` earlier turns in order (see :func:`prototype_hits`). ``calm`` is the
    crisis reader's calm probability for the message: at ``calm_gate`` or more, with nothing in
    the message read as a crisis, what only the learned layers read in earlier turns does not
    carry into it (a friend's worry about a dog that "might run off and get hit" was read as
    violence, and carried into the next turns about the dogs).
    """
    lex = lex or lexicon()
    t = lex.tuning
    now = remembered_reading(message, lex)
    earlier = [remembered_reading(h, lex) for h in list(history)[-t.history_turns:]]
    for reading, extra in zip([now, *earlier], similar, strict=False):
        reading.hits += [h for h in extra if reading.score(h.cue.kind) < t.bar]
    totals: dict[str, float] = {}
    if calm >= t.calm_gate and not any(now.score(k) > 0 for k in KINDS):
        earlier = [MessageReading([h for h in r.hits if h.cue.family not in LEARNED_FAMILIES],
                                  r.dropped) for r in earlier]
    for kind in KINDS:
        # The turn just before counts in full, older ones fade.
        carried = sum(r.score(kind) * t.history_decay ** back
                      for back, r in enumerate(reversed(earlier)))
        totals[kind] = now.score(kind) + carried

    def bar(kind: str) -> float:
        return t.bar_past_self_harm if past_self_harm and kind in LOWERED_KINDS else t.bar

    evidence = _evidence(now, earlier)
    if past_self_harm:
        evidence.append(f"past self-harm history known: bar {t.bar_past_self_harm:g} "
                        f"instead of {t.bar:g} for suicide and self-harm")
    # The kind that clears its bar by the most; ties go to the order of KINDS.
    kind = max(KINDS, key=lambda k: totals[k] - bar(k))
    score = totals[kind]
    if score >= bar(kind):
        timed = now.timed() and now.score(kind) > 0
        level = "imminent" if score >= t.imminent_at or timed else "likely"
        return CrisisVerdict(kind, level, score, evidence)
    level = "possible" if max(totals.values()) >= t.possible_at else "none"
    return CrisisVerdict(None, level, max(totals.values()), evidence)


LEARNED_FAMILIES = frozenset({"classifier", "prototype", "means-prototype"})


def _evidence(now: MessageReading, earlier: list[MessageReading]) -> list[str]:
    out = [_describe(h) for h in now.hits]
    for back, reading in enumerate(reversed(earlier), start=1):
        out += [f"earlier turn {back} back: {_describe(h)}" for h in reading.hits]
    return out + now.dropped


def _describe(hit: CueHit) -> str:
    kind = hit.cue.kind if hit.cue.kind != "any" else "timing"
    note = f" ({hit.note})" if hit.note else ""
    return f"cue {kind}/{hit.cue.family} {hit.weight:.2f}: '{hit.span}'{note}"


_DESCRIBED = re.compile(r"cue \w+/(\w+) ")


def cue_families(evidence: list[str]) -> set[str]:
    """The cue families the message itself was read by, from its evidence lines as
    :func:`_describe` writes them (earlier turns' lines start otherwise)."""
    return {m.group(1) for line in evidence if (m := _DESCRIBED.match(line))}


# The domain --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DomainData:
    labels: tuple[tuple[str, str], ...]            # (domain, sub_area) per sub-area
    keywords: tuple[re.Pattern[str] | None, ...]   # one alternation per sub-area
    prototypes: tuple[str, ...]
    owner: tuple[int, ...]                         # sub-area index per prototype; -1: none
    crisis_default: dict[str, str]
    keyword_weight: float = 0.08
    nearest: int = 2
    floor: float = 0.30
    none_margin: float = 0.0
    keyword_only_floor: int = 1
    sure_margin: float = 0.2
    none_gate: float = 0.85   # the domain classifier's "none" probability that rules a domain out
    learned_pick: float = 1.01  # a domain the classifier is this sure of wins over the prototypes


@cache
def domain_data() -> DomainData:
    raw = yaml.safe_load(files("data").joinpath("safety/domains.yaml").read_text("utf-8"))
    labels: list[tuple[str, str]] = []
    keywords: list[re.Pattern[str] | None] = []
    prototypes: list[str] = []
    owner: list[int] = []
    for domain, subs in raw["domains"].items():
        for sub, entry in subs.items():
            index = len(labels)
            labels.append((domain, sub))
            words = "|".join(f"(?:{w})" for w in entry.get("keywords") or [])
            keywords.append(re.compile(rf"\b(?:{words})\b") if words else None)
            for text in entry.get("prototypes") or []:
                prototypes.append(str(text))
                owner.append(index)
    for text in raw["none"]["prototypes"]:
        prototypes.append(str(text))
        owner.append(-1)
    return DomainData(tuple(labels), tuple(keywords), tuple(prototypes), tuple(owner),
                      dict(raw["crisis_default"]), **(raw.get("tuning") or {}))


Embed = Callable[[list[str]], np.ndarray]
# Vectors of the shipped prototype texts, per embedder (its texts as the key of an inner dict).
_VECTORS: weakref.WeakKeyDictionary[Any, dict[tuple[str, ...], np.ndarray]] = (
    weakref.WeakKeyDictionary())
_VECTORS_STRONG: dict[int, tuple[Any, dict[tuple[str, ...], np.ndarray]]] = {}
NEVER = re.compile(r"(?!)")


def _embed_fn(embed: Any) -> Embed:
    method = getattr(embed, "embed", None)
    return method if callable(method) else embed


def _cache(embed: Any) -> dict[tuple[str, ...], np.ndarray]:
    key = getattr(embed, "__self__", embed)  # a bound method is made anew on each access
    try:
        return _VECTORS.setdefault(key, {})
    except TypeError:  # not weakly referenceable: keep it alive with its vectors
        return _VECTORS_STRONG.setdefault(id(key), (key, {}))[1]


def vectors_of(embed: Any, texts: tuple[str, ...]) -> np.ndarray:
    """Vectors of shipped texts for this embedder, computed on first use and kept."""
    cache = _cache(embed)
    if texts not in cache:
        cache[texts] = np.asarray(_embed_fn(embed)(list(texts)), dtype=np.float32)
    return cache[texts]


def shared_vectors(embed: Any, texts: list[str]) -> np.ndarray:
    """Vectors of a turn's texts, asked for a few at a time.

    The embedder remembers the vectors of recent small calls: recall has just embedded the
    message, and each earlier turn was embedded when it was new, so in a conversation these
    cost no model run. Calls of more than a few texts would skip that memory.
    """
    fn = _embed_fn(embed)
    parts = [np.asarray(fn(texts[i:i + SHARED_CALL]), dtype=np.float32)
             for i in range(0, len(texts), SHARED_CALL)]
    return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)


def prototype_vectors(embed: Any, data: DomainData | None = None) -> np.ndarray:
    """The domain prototypes' vectors for this embedder."""
    return vectors_of(embed, (data or domain_data()).prototypes)


def prototype_hits(vectors: np.ndarray, embed: Any,
                   lex: Lexicon | None = None) -> list[list[CueHit]]:
    """Per text vector: the crisis kinds it is nearer to than to the calm side, as cues.

    A kind's similarity is the mean of its ``nearest`` best exemplar similarities; the calm
    side's likewise, over the calm exemplars and the domain prototypes. The first tier whose
    similarity and margin a kind reaches gives its weight; a question about means counts as
    a weak suicide sign (it needs another sign to reach the bar).
    """
    lex = lex or lexicon()
    protos = lex.prototypes
    if not protos.texts or len(vectors) == 0:
        return [[] for _ in range(len(vectors))]
    exemplars, calm = _sides(embed, protos)
    vectors = np.asarray(vectors, dtype=np.float32)
    sims = vectors @ exemplars.T                                      # texts x exemplars
    calm_score = _top_mean(vectors @ calm.T, protos.nearest)
    out: list[list[CueHit]] = [[] for _ in range(len(vectors))]
    weakest = protos.tiers[-1]
    for kind, columns in _kind_columns(protos):
        own = sims[:, columns]
        score = _top_mean(own, protos.nearest)
        tiers = (weakest,) if kind == MEANS else protos.tiers
        for row in range(len(vectors)):
            for similarity, margin, weight in tiers:
                if score[row] >= similarity and score[row] - calm_score[row] >= margin:
                    best = protos.texts[columns[int(own[row].argmax())]]
                    target = "suicide" if kind == MEANS else kind
                    if kind == MEANS and any(h.cue.kind == target for h in out[row]):
                        break
                    span = (f"like '{best}' {score[row]:.2f}, calm {calm_score[row]:.2f}")
                    cue = Cue("prototype" if kind != MEANS else "means-prototype", target,
                              weight, NEVER)
                    out[row].append(CueHit(cue, span, weight))
                    break
    return out


_KIND_COLUMNS: dict[int, tuple[CrisisPrototypes, list[tuple[str, np.ndarray]]]] = {}


def _kind_columns(protos: CrisisPrototypes) -> list[tuple[str, np.ndarray]]:
    """Per crisis kind (then means) that has exemplars, the columns of its exemplars."""
    known = _KIND_COLUMNS.get(id(protos))
    if known is None or known[0] is not protos:
        kinds = np.asarray(protos.kinds)
        columns = [(kind, np.flatnonzero(kinds == kind)) for kind in (*KINDS, MEANS)]
        known = (protos, [(kind, found) for kind, found in columns if found.size])
        _KIND_COLUMNS[id(protos)] = known
    return known[1]


def classifier_hits(texts: list[str], vectors: np.ndarray, embed: Any) -> list[list[CueHit]]:
    """Per text: the crisis kind the learned layers give, as a cue.

    Two read: the vector classifier reads ``vectors`` (only for the embedder it was trained on:
    another embedder's vectors mean nothing to it), and the fine-tuned reader
    (:mod:`agents.safety_encoder`), where it is shipped, reads the texts themselves; the
    stronger reading counts. The probability of any crisis (one minus calm) at a model's
    ``strong`` bar weighs a whole cue, at its ``weak`` bar half of one; the kind is the
    likeliest of the five.
    """
    readings: list[tuple[Any, np.ndarray]] = []
    model = classifier()
    key = getattr(embed, "__self__", embed)
    if model is not None and len(vectors) and getattr(key, "name", None) == model.embedder:
        readings.append((model, model.probabilities(vectors)))
    reader = encoder()
    if reader is not None and len(texts):
        readings.append((reader, reader.crisis(list(texts))))
    out: list[list[CueHit]] = [[] for _ in range(len(vectors))]
    for model, rows in readings:
        for hits, row in zip(out, rows, strict=True):
            best = int(np.argmax(row[1:])) + 1  # the kind; kinds share the crisis mass
            p = 1.0 - float(row[0])              # ("lips blue, won't answer": medical or abuse)
            weight = 1.0 if p >= model.strong else 0.5 if p >= model.weak else 0.0
            if weight and (not hits or (weight, p) > (hits[0].weight, hits[0].certainty)):
                hits[:] = [CueHit(Cue("classifier", model.classes[best], weight, NEVER),
                                  f"learned {model.classes[best]} {p:.2f}", weight, certainty=p)]
    return out


def _sides(embed: Any, protos: CrisisPrototypes) -> tuple[np.ndarray, np.ndarray]:
    """(the exemplars' vectors, the calm side's vectors: calm exemplars and domain
    prototypes), built once per embedder."""
    cache = _cache(embed)
    key = ("sides", *protos.texts)
    if key not in cache:
        exemplars = vectors_of(embed, protos.texts)
        calm = [k == "calm" for k in protos.kinds]
        cache[key] = np.vstack([exemplars, exemplars[calm], prototype_vectors(embed)])
    both = cache[key]
    return both[: len(protos.texts)], both[len(protos.texts):]


def _top_mean(sims: np.ndarray, k: int) -> np.ndarray:
    """Per row, the mean of its ``k`` largest values."""
    k = max(1, min(k, sims.shape[1]))
    if k == 1:  # the mean of one value is that value: the row's largest
        return sims.max(axis=1)
    return np.sort(sims, axis=1)[:, -k:].mean(axis=1)


@dataclass
class DomainVerdict:
    domain: str | None
    sub_area: str | None
    score: float
    evidence: list[str]
    similarity: dict[tuple[str, str], float] = field(default_factory=dict)  # per sub-area
    low_mood: bool = False  # a low mood said plainly (assistant_talk.yaml's ``low_moods``)


def keyword_hits(text: str, data: DomainData | None = None) -> list[int]:
    """Keyword hits per sub-area (at most 3 each), in ``data.labels`` order."""
    return _keyword_hits(normalize(text), data or domain_data())


def _keyword_hits(folded_text: str, data: DomainData) -> list[int]:
    return [min(len(p.findall(folded_text)), 3) if p is not None else 0 for p in data.keywords]


def domain_verdict(message: str, embed: Any = None, data: DomainData | None = None,
                   vector: np.ndarray | None = None) -> DomainVerdict:
    """The sensitive domain and sub-area of a request, or none."""
    data = data or domain_data()
    text = normalize(message[:EMBED_CHARS])
    hits = _keyword_hits(text, data)
    evidence = [f"keywords {d}/{s}: {n}" for (d, s), n in zip(data.labels, hits, strict=True)
                if n]
    if embed is None or not text.strip():
        best = int(np.argmax(hits)) if hits else 0
        if not hits or hits[best] < data.keyword_only_floor:
            return DomainVerdict(None, None, 0.0, evidence)
        domain, sub = data.labels[best]
        return DomainVerdict(domain, sub, min(1.0, hits[best] / 3), evidence)
    protos = prototype_vectors(embed, data)
    query = vector if vector is not None else np.asarray(
        _embed_fn(embed)([message[:EMBED_CHARS]]), dtype=np.float32)[0]
    sims = protos @ query
    members = _members(data)
    padded = np.where(members.real, sims[members.gather], -np.inf)
    scores = _top_mean(padded, data.nearest)  # a sub-area has at least `nearest` prototypes
    scores += data.keyword_weight * np.asarray(hits, dtype=np.float32)
    none = _nearest(sims[members.none], data.nearest)
    best = int(np.argmax(scores))
    domain, sub = data.labels[best]
    own = members.of[best]
    top = int(own[int(np.argmax(sims[own]))])  # its nearest prototype
    evidence.append(f"prototype {domain}/{sub} {scores[best]:.2f} (none {none:.2f}): "
                    f"'{data.prototypes[top]}'")
    learned = domain_probabilities(embed, query)
    if learned is not None:
        return _as_low_mood(_with_learned(data, scores, none, learned, evidence), query, embed)
    margin = float(scores[best]) - none
    confidence = _confidence(margin, data)
    similarity = dict(zip(data.labels, map(float, scores), strict=True))
    if scores[best] < data.floor or margin < data.none_margin:
        return _as_low_mood(DomainVerdict(None, None, confidence, evidence, similarity),
                            query, embed)
    return _as_low_mood(DomainVerdict(domain, sub, confidence, evidence, similarity), query,
                        embed)


LOW_MOOD = ("health", "mental")  # the domain and sub-area of a low mood said plainly


def _as_low_mood(verdict: DomainVerdict, vector: np.ndarray, embed: Any) -> DomainVerdict:
    """The verdict marked when the request is a low mood said plainly, and placed as one
    when nothing else placed it ("I feel like such a failure lately": the domain classifier
    was sure it is everyday talk)."""
    if _everyday_kind(np.asarray(vector, dtype=np.float32)[None, :], embed,
                      lexicon()) != ["low_moods"]:
        return verdict
    verdict.low_mood = True
    verdict.evidence.append("a low mood said plainly")
    if verdict.domain is None:
        verdict.domain, verdict.sub_area = LOW_MOOD
    return verdict


def _confidence(margin: float, data: DomainData) -> float:
    # How far the nearest sub-area beats the everyday prototypes: 0.5 at half of
    # ``sure_margin``, 1.0 at it.
    return min(1.0, max(0.0, 0.5 + (margin - data.sure_margin / 2) / data.sure_margin))


def domain_probabilities(embed: Any, vector: np.ndarray) -> dict[str, float] | None:
    """The domain classifier's probability per domain (and ``none``) for a message vector, or
    None without it (or for an embedder it was not trained on)."""
    model = domain_classifier()
    key = getattr(embed, "__self__", embed)
    if model is None or getattr(key, "name", None) != model.embedder:
        return None
    row = model.probabilities(vector)[0]
    return dict(zip(model.classes, map(float, row), strict=True))


def _with_learned(data: DomainData, scores: np.ndarray, none: float,
                  learned: dict[str, float], evidence: list[str]) -> DomainVerdict:
    """The prototypes' verdict, with the classifier deciding whether the request is
    sensitive at all: sure it is everyday (``none`` at ``none_gate``) gives no domain; where
    the prototypes found none, the classifier's being sure it is sensitive (``none`` below
    one minus the gate) gives the prototypes' nearest domain. Which domain stays the
    prototypes' and keywords' choice: held out by whole suites, the classifier chose the
    domain no better than they do, but told everyday look-alikes ("my sister is gonna kill
    me lol") from requests better (bench/RESULTS.md)."""
    evidence.append("learned domain " + ", ".join(
        f"{d} {learned.get(d, 0.0):.2f}" for d in sorted(learned, key=lambda d: -learned[d])[:3]))
    best = int(np.argmax(scores))
    margin = float(scores[best]) - none
    confidence = _confidence(margin, data)
    similarity = dict(zip(data.labels, map(float, scores), strict=True))
    everyday = learned.get(NONE, 0.0)
    prototypes_none = scores[best] < data.floor or margin < data.none_margin
    if everyday >= data.none_gate or (prototypes_none and everyday > 1 - data.none_gate):
        return DomainVerdict(None, None, confidence, evidence, similarity)
    picked = max((d for d in learned if d != NONE), key=lambda d: learned[d], default=None)
    if picked is not None and learned[picked] >= data.learned_pick:
        # Sure of a domain: its nearest sub-area, whatever the nearest domain overall.
        best = max((i for i, (d, _) in enumerate(data.labels) if d == picked),
                   key=lambda i: scores[i], default=best)
    domain, sub = data.labels[best]
    return DomainVerdict(domain, sub, max(confidence, 1 - everyday), evidence, similarity)


@dataclass(frozen=True)
class _Members:
    """Where each sub-area's prototypes are among the prototype vectors."""

    of: list[np.ndarray]   # per sub-area, its prototypes' indices
    gather: np.ndarray     # sub-areas x the most prototypes of one: indices, padded with 0
    real: np.ndarray       # the same shape: True where an index is not padding
    none: np.ndarray       # the indices of the everyday ("none") prototypes


_MEMBERS: dict[int, tuple[DomainData, _Members]] = {}


def _members(data: DomainData) -> _Members:
    known = _MEMBERS.get(id(data))
    if known is not None and known[0] is data:
        return known[1]
    owner = np.asarray(data.owner)
    rows = [np.flatnonzero(owner == i) for i in range(len(data.labels))]
    width = max(len(r) for r in rows)
    padded = np.full((len(rows), width), -1)
    for i, row in enumerate(rows):
        padded[i, : len(row)] = row
    members = _Members(rows, np.maximum(padded, 0), padded >= 0, np.flatnonzero(owner == -1))
    _MEMBERS[id(data)] = (data, members)
    return members


def _nearest(values: np.ndarray, k: int) -> float:
    if values.size == 0:
        return 0.0
    k = min(k, values.size)
    return float(np.sort(values)[-k:].mean())


# The whole assessment ----------------------------------------------------------------------
# Who the person is, said before what they say ("Hi, I'm Tom, I'm 45 and ..."): the learned
# layers read what follows it. "I'm Tom, I'm 45 and I've been feeling really tired lately."
# was read as a medical emergency (0.96), the same words without the introduction as an ache.
# The age stays: "I'm 58 and I think they're trying to push me out" read without it as abuse.
# A greeting alone stays too ("Hey John! ... something not so great happened" read otherwise).
_INTRODUCTION = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya)(?: there)?[\s,!.]+)?(?:i'?m|i am|my name is|my name'?s)\s+"
    r"(?-i:[A-Z][a-z]+)[\s,.!]+(?:and\s+)?", re.IGNORECASE)


def without_introduction(text: str) -> str:
    """``text`` without the greeting and name it opens with, when more follows them."""
    found = _INTRODUCTION.match(text)
    rest = text[found.end():] if found else text
    return rest if len(rest.split()) >= 3 else text


def detect(message: str, history: Sequence[str] = (), *, past_self_harm: bool = False,
           embed: Any = None) -> SafetyAssessment:
    """What the deterministic layers say about ``message`` in its conversation.

    ``history`` is the session's earlier user messages, oldest first. ``embed`` is the
    sentence embedder (or None for the keyword layers alone).
    """
    message = message if isinstance(message, str) else str(message or "")
    history = [h for h in history if isinstance(h, str) and h.strip()]
    history = history[-lexicon().tuning.history_turns:]
    similar: list[list[CueHit]] = []
    place = None
    if embed is not None and message.strip():
        lex = lexicon()
        similar, place = learned_readings(
            [without_introduction(t)[:EMBED_CHARS] for t in (message, *history)], embed, lex)
        if len(message) > EMBED_CHARS:
            similar[0] = similar[0] + paste_hits(message, embed, lex)
    calm = 0.0
    reader = encoder() if embed is not None and message.strip() and history and \
        lexicon().tuning.calm_gate <= 1.0 else None  # nothing earlier: nothing to carry
    if reader is not None:
        calm = float(reader.crisis([message[:EMBED_CHARS]])[0][0])
    crisis = crisis_verdict(message, history, past_self_harm=past_self_harm, similar=similar,
                            calm=calm)
    if crisis.kind == "medical" and _an_animal_only(message, crisis.evidence):
        crisis = CrisisVerdict(None, "none", 0.0, [*crisis.evidence, ANIMAL])
    elif crisis.kind == "medical" and _falls_to_prevent(message, crisis.evidence):
        crisis = CrisisVerdict(None, "none", 0.0, [*crisis.evidence, FALLS])
    place = place or domain_verdict(message, embed)
    domain, sub = place.domain, place.sub_area
    evidence = crisis.evidence + place.evidence
    if crisis.kind is not None:
        domain, sub = _crisis_domain(crisis.kind, *_conversation_domain(message, history,
                                                                        place, embed))
    return SafetyAssessment(domain=domain, sub_area=sub, domain_score=round(place.score, 3),
                            crisis_kind=crisis.kind, crisis_level=crisis.level,
                            evidence=evidence, low_mood=place.low_mood and crisis.kind is None)


ANIMAL = "an animal's health, not a person's: no emergency block (a vet is who helps)"


FALLS = "falls that recur or are past, no sign of harm now: prevention, not an emergency"


def _falls_to_prevent(message: str, evidence: list[str]) -> bool:
    """Whether a medical emergency read in ``message`` is falls to prevent ("my mum is 80 and
    keeps falling, what can I do to help?"): the falls recur or lie in the past, no sign of
    harm now is named, only the learned layers read an emergency, and nothing earlier
    carries one."""
    lex, text = lexicon(), folded(message.lower())
    return bool(lex.falls_ongoing.search(text)) and not lex.acute_signs.search(text) and \
        not any(e.startswith(("earlier turn", "cue medical/explicit")) for e in evidence)


def _an_animal_only(message: str, evidence: list[str]) -> bool:
    """Whether a medical emergency read in ``message`` is an animal's ("My cat is 12 and has
    started drinking a lot of water" got the block for a person, "Don't drive yourself"): an
    animal is named, no person is said to be hurt or ill, and nothing earlier carries it."""
    lex, text = lexicon(), folded(message.lower())
    return bool(lex.animals.search(text)) and not lex.people_harmed.search(text) and \
        not any(e.startswith("earlier turn") for e in evidence)


def _everyday_talk(texts: list[str], vectors: np.ndarray, embed: Any,
                   lex: Lexicon) -> list[bool]:
    """Per text, whether it is everyday talk the learned layers do not read (see
    :func:`_everyday_kind`): each of its sentences is such talk or calm, and a low mood's
    clauses too; and a low mood with a cue of a crisis in it, however light ("I just want to
    sleep forever"), is read by them all the same."""
    return [bool(kind) and _each_sentence_calm(text, embed, lex, clauses=kind == "low_moods")
            and (kind != "low_moods" or _no_crisis_cue(remembered_reading(text, lex)))
            for text, kind in zip(texts, _everyday_kind(vectors, embed, lex), strict=True)]


def _learned(texts: list[str], vectors: np.ndarray, embed: Any,
             lex: Lexicon) -> list[list[CueHit]]:
    """Per text, what the prototypes and the classifier read in its vector, as cues."""
    learned = classifier_hits(texts, vectors, embed)
    folded_texts = [normalize(text) for text in texts]
    for text, hits in zip(folded_texts, learned, strict=True):
        # A figure of speech ("she's gonna kill me lol") weighs for the classifier as it
        # does for a violence cue. A laugh with no such words in it ("kinda tempting ngl
        # lol") makes no figure of speech of a crisis the classifier is sure of: it plays
        # the crisis down.
        if hits and lex.hyperbole.search(text) and not lex.literal.search(text):
            sure = lex.tuning.hyperbole_sure if not lex.figures.search(text) else float("inf")
            hits[:] = [h if h.certainty >= sure else
                       CueHit(h.cue, h.span + " (figure of speech)",
                              h.weight * lex.tuning.hyperbole_discount) for h in hits]
    # Nothing for a story, a crisis long past, "make it easier please" or "what rules have I
    # given you?"; no medical likeness for a condition stated as the person's own.
    talk = _everyday_talk(texts, vectors, embed, lex)
    similar = [[] if lex.fiction.search(folded) or _settled(text, lex, folded)
               or _only_asks_of_records_or_edits(folded, lex) or to_assistant
               else _stated(hits, folded, lex) + more
               for text, folded, hits, more, to_assistant in zip(
                   texts, folded_texts, prototype_hits(vectors, embed), learned, talk,
                   strict=True)]
    # The cues know a look-alike the learned layers do not ("I cut myself shaving." was read
    # as self-harm 1.00): with one in the text and no cue of a crisis besides, what they read
    # counts as a figure of speech does. Not a medical reading: a cut on broken glass is no
    # self-harm, and may still bleed like an emergency.
    for text, hits in zip(texts, similar, strict=True):
        if hits and _only_look_alikes(text, lex):
            hits[:] = [h if h.cue.kind == "medical" else CueHit(
                h.cue, h.span + " (a look-alike)", h.weight * lex.tuning.hyperbole_discount)
                for h in hits]
    # Medicine taken as the doctor said reads like an overdose to the learned layers ("took my
    # tablets as prescribed, feeling fine" was a medical emergency 1.00): when that is all the
    # cues set aside and the rest of the text reads no emergency, the medical reading goes too.
    for text, hits in zip(texts, similar, strict=True):
        if any(h.cue.kind == "medical" and h.weight > 0 for h in hits) \
                and _only_look_alikes(text, lex) and not _rest_reads(
                    text, lex.routine_medicine, ("medical",), embed, lex):
            hits[:] = [h if h.cue.kind != "medical" else CueHit(
                h.cue, h.span + " (medicine as prescribed)",
                h.weight * lex.tuning.hyperbole_discount) for h in hits]
    # A train to catch or a shave reads like a crisis to the learned layers ("How
    # long is the train from London?" was suicide 0.86): when the cues read no crisis and the
    # rest of the text reads none either, what they read counts as a figure of speech does.
    for text, hits in zip(texts, similar, strict=True):
        if hits and _on_errands(text, lex) and not _rest_reads(text, lex.errands, KINDS, embed,
                                                               lex):
            hits[:] = [h if h.cue.kind == "medical" else CueHit(
                h.cue, h.span + " (an errand)", h.weight * lex.tuning.hyperbole_discount)
                for h in hits]
    # A means question the cues already read is one sign, not two.
    for text, hits in zip(texts, similar, strict=True):
        if any(h.cue.family == "means-prototype" for h in hits) and any(
                h.cue.family == "means" for h in remembered_reading(text, lex).hits):
            hits[:] = [h for h in hits if h.cue.family != "means-prototype"]
    return similar


# What the learned layers read in recent texts (and the domain of those read as a message),
# for the latest embedder: a conversation's earlier turns are read again every turn, and a
# crisis carried from them has the message read twice in one turn. Keyed by the exact text;
# dropped when the embedder, the lexicon, the classifiers or the domain data change.
LEARNED_KEPT = 64
_LEARNED: list[Any] = [None]   # (embedder ref, dependencies, {text: (hits, domain or None)})
_LEARNED_LOCK = threading.Lock()


def _learned_memory(embed: Any,
                    lex: Lexicon) -> OrderedDict[str, tuple[list[CueHit], DomainVerdict | None]]:
    owner = getattr(embed, "__self__", embed)
    needs = (lex, classifier(), encoder(), domain_classifier(), domain_data())
    with _LEARNED_LOCK:
        slot = _LEARNED[0]
        if (slot is None or slot[0]() is not owner
                or any(a is not b for a, b in zip(slot[1], needs, strict=True))):
            try:
                ref = weakref.ref(owner)
            except TypeError:  # cannot be referred to weakly: nothing kept beyond this call
                return OrderedDict()
            slot = (ref, needs, OrderedDict())
            _LEARNED[0] = slot
        return slot[2]


def learned_readings(texts: list[str], embed: Any,
                     lex: Lexicon) -> tuple[list[list[CueHit]], DomainVerdict]:
    """Per text (the message first, then earlier turns), what the learned layers read in it,
    and the first text's domain; only texts not read recently are embedded and read."""
    kept = _learned_memory(embed, lex)
    with _LEARNED_LOCK:
        known = {t: kept[t] for t in texts if t in kept}
        for text in known:
            kept.move_to_end(text)
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    fresh: dict[str, tuple[list[CueHit], DomainVerdict | None]] = {}
    vector = None
    if todo:
        vectors = shared_vectors(embed, todo)
        fresh = {t: (hits, None) for t, hits in zip(todo, _learned(todo, vectors, embed, lex),
                                                      strict=True)}
        vector = vectors[0] if todo[0] == texts[0] else None
    first = known.get(texts[0]) or fresh[texts[0]]
    place = first[1]
    if place is None:
        if vector is None:
            vector = shared_vectors(embed, [texts[0]])[0]
        place = domain_verdict(texts[0], embed, vector=vector)
        fresh[texts[0]] = (first[0], place)
    with _LEARNED_LOCK:
        kept.update(fresh)
        while len(kept) > LEARNED_KEPT:
            kept.popitem(last=False)
    readings = {**known, **fresh}
    return ([list(readings[t][0]) for t in texts],
            DomainVerdict(place.domain, place.sub_area, place.score, list(place.evidence),
                          dict(place.similarity), place.low_mood))


def stated_condition(message: str) -> bool:
    """Whether the person states a long-term condition as their own ("... and I have
    asthma", "I'm diabetic"): cues.yaml's ``conditions``."""
    return lexicon().conditions.search(normalize(message[:EMBED_CHARS])) is not None


def _talk_to_assistant(vectors: np.ndarray, embed: Any, lex: Lexicon) -> list[bool]:
    """Per text vector, whether it is everyday talk (data/safety/assistant_talk.yaml): see
    :func:`_everyday_kind`."""
    return [bool(kind) for kind in _everyday_kind(vectors, embed, lex)]


def _everyday_kind(vectors: np.ndarray, embed: Any, lex: Lexicon) -> list[str]:
    """Per text vector, which everyday talk of data/safety/assistant_talk.yaml it is, or "":
    to the assistant about itself or the conversation, an everyday request or complaint, at
    least ``assistant_talk_bar`` like one of those messages ("talk"); an everyday ache, cold
    or poor night, at least ``ailment_bar`` like one ("ailments": an emergency is told in
    words close to them); a low mood said plainly, at least ``low_mood_bar`` like one
    ("low_moods"); and in each case more like it than like every crisis example message."""
    tuning = lex.tuning
    lists = [entry for entry in (("talk", lex.talk, tuning.assistant_talk_bar),
                                 ("ailments", lex.ailments, tuning.ailment_bar),
                                 ("low_moods", lex.low_moods, tuning.low_mood_bar))
             if entry[1] and entry[2] <= 1.0]
    if len(vectors) == 0 or not lists:
        return [""] * len(vectors)
    vectors = np.asarray(vectors, dtype=np.float32)
    like = np.zeros(len(vectors), dtype=np.float32)
    which = np.full(len(vectors), "", dtype=object)
    for name, texts, bar in lists:  # the closest example's likeness, where it clears its bar
        close = (vectors @ vectors_of(embed, texts).T).max(axis=1)
        better = (close >= bar) & (close > like)
        like, which = np.where(better, close, like), np.where(better, name, which)
    exemplars, _ = _sides(embed, lex.prototypes)
    crisis = [k != "calm" for k in lex.prototypes.kinds]
    nearest = (vectors @ exemplars[crisis].T).max(axis=1) if any(crisis) else like * 0
    return [str(w) if t > 0 and t > c else "" for w, t, c in zip(which, like, nearest,
                                                                 strict=True)]


def _only_look_alikes(text: str, lex: Lexicon) -> bool:
    """Whether the cues set a look-alike aside in the text and read no crisis in it."""
    reading = remembered_reading(text, lex)
    return any(d.startswith("look-alike") for d in reading.dropped) and _no_crisis_cue(reading)


def _no_crisis_cue(reading: Any) -> bool:
    return not any(h.weight > 0 and h.cue.kind in KINDS for h in reading.hits)


def _on_errands(text: str, lex: Lexicon) -> bool:
    """Whether the text tells of an errand or a plan (a train to catch, the next dose) and the cues
    read no crisis in it."""
    return bool(lex.errands.search(normalize(text))) and _no_crisis_cue(
        remembered_reading(text, lex))


def _rest_reads(text: str, words: re.Pattern[str], kinds: Sequence[str], embed: Any,
                lex: Lexicon) -> bool:
    """Whether a text that holds ``words`` (routine medicine, a train to catch) reads as one
    of ``kinds`` of crisis without them (true, to be safe, when it holds none); a few words
    left are not read."""
    folded = normalize(text)
    if not words.search(folded):
        return True
    rest = " ".join(words.sub(" ", folded).split())
    if len(re.findall(r"\w+", rest)) < 3:
        return False
    vectors = shared_vectors(embed, [rest])
    return any(h.cue.kind in kinds and h.weight > 0
               for h in prototype_hits(vectors, embed, lex)[0]
               + classifier_hits([rest], vectors, embed)[0])


# Where a low mood's sentence divides: "I just want to feel better, I've worked out how many
# pills it would take" read as a low mood as a whole.
_CLAUSE = re.compile(r"[,;:]|\s(?:-|–|—)\s|\b(?:and|so|but|because|cos|cause)\b", re.IGNORECASE)


def _each_sentence_calm(text: str, embed: Any, lex: Lexicon, *, clauses: bool = False) -> bool:
    """Whether each sentence of a message read as talk to the assistant is talk too, or calm
    to the classifier read alone: a second sentence may say what the first only opens ("Are
    you allowed to keep secrets? My stepdad hurts me when mum is out."), and "I'm bored. Any
    ideas?" is calm in both. One sentence costs nothing more; more are embedded, a few.
    With ``clauses`` (a low mood) each clause is read so too: a means said after a low mood
    in one sentence is not carried by it."""
    said = sentences_of(text)
    if clauses:
        said = [c.strip() for s in said for c in _CLAUSE.split(s) if len(c.split()) > 1]
    if len(said) <= 1:
        return True
    said = said[:PASTE_SENTENCES]
    vectors = shared_vectors(embed, said)
    return all(near or not hits for near, hits in zip(
        _talk_to_assistant(vectors, embed, lex), classifier_hits(said, vectors, embed),
        strict=True))


def _only_asks_of_records_or_edits(folded: str, lex: Lexicon) -> bool:
    """"Make it easier please", "What rules have I given you?": nothing the learned layers
    read in such a message is a crisis."""
    bare = re.sub(r"[^\w\s]", "", folded).strip()
    return bool(lex.edits.fullmatch(bare) or lex.records.fullmatch(bare))


def _stated(hits: list[CueHit], folded: str, lex: Lexicon) -> list[CueHit]:
    """The example messages' hits, without a medical one when the person states a long-term
    condition as a fact of themselves ("... and I have asthma"): the likeness is the
    condition's name. The classifier and the cues still read the signs of an emergency."""
    if not lex.conditions.search(folded):
        return hits
    return [h for h in hits if h.cue.kind != "medical"]


def _settled(text: str, lex: Lexicon, folded: str | None = None) -> bool:
    # A crisis told as long past ("I used to self harm as a teen, it's been 10 years") with no
    # cue of now: the vectors read the old words as a crisis, the cues know better.
    # ``folded``: the normal form of ``text[:EMBED_CHARS]`` when the caller has it.
    if not lex.resolved.search(folded if folded is not None else normalize(text[:EMBED_CHARS])):
        return False
    reading = remembered_reading(text, lex)
    return not any(h.weight > 0 and h.cue.kind in KINDS for h in reading.hits)


PASTE_SENTENCES = 4   # sentences of a long text beyond its opening that the classifier reads


def paste_hits(message: str, embed: Any, lex: Lexicon) -> list[CueHit]:
    """The classifier's reading of the few sentences past a long text's opening where the cues
    saw a sign below the bar (the opening is read as the message): the vectors cost grows
    with those sentences, not with the text."""
    text = normalize(message)
    sentences = SentenceBounds(text)
    picked: list[str] = []
    for hit in remembered_reading(message, lex).hits:
        at = text.find(hit.span, EMBED_CHARS)
        if hit.cue.kind not in KINDS or hit.weight <= 0 or at < 0:
            continue
        start, end = sentences.around(at)
        sentence = text[start:end].strip()
        if sentence and sentence not in picked and not lex.fiction.search(sentence):
            picked.append(sentence[:EMBED_CHARS])
        if len(picked) == PASTE_SENTENCES:
            break
    if not picked:
        return []
    found = [h for hits in classifier_hits(picked, shared_vectors(embed, picked), embed)
             for h in hits]
    return sorted(found, key=lambda h: -h.weight)[:1]


def _named_domain(texts: list[str], place: DomainVerdict) -> tuple[str | None, str | None]:
    # The sub-area the conversation's keywords name most; ties go to the nearer prototypes.
    data = domain_data()
    hits = keyword_hits(" ".join(t[:EMBED_CHARS] for t in texts), data)
    top = max(hits, default=0)
    if top == 0:
        return None, None
    tied = [label for label, n in zip(data.labels, hits, strict=True) if n == top]
    return max(tied, key=lambda label: place.similarity.get(label, 0.0))


def _conversation_domain(message: str, history: list[str], place: DomainVerdict,
                         embed: Any) -> tuple[str | None, str | None]:
    """The domain of a crisis's conversation: the learned reading of its earlier turns and the
    message together (the mean of their vectors, which this turn has already embedded: no new
    embedding), or the message's own reading when it stands alone; without an embedder, the
    sub-area its keywords name."""
    if embed is None:
        return _named_domain([*history, message], place)
    if history:
        vectors = shared_vectors(embed, [t[:EMBED_CHARS] for t in (message, *history)])
        mean = vectors.mean(axis=0)
        mean /= max(float(np.linalg.norm(mean)), 1e-9)
        place = domain_verdict(" ".join([*history, message])[-EMBED_CHARS:], embed,
                               vector=mean)
    return place.domain, place.sub_area


def _crisis_domain(kind: str, domain: str | None, sub: str | None) -> tuple[str | None, str | None]:
    # A medical emergency is a health matter whatever else the words touch; any other crisis
    # keeps the domain of its conversation, or takes its kind's usual one.
    if domain is not None and kind != "medical":
        return domain, sub
    fixed = domain_data().crisis_default.get(kind)
    if fixed == domain:
        return domain, sub
    if fixed == "health":
        return fixed, "physical" if kind == "medical" else "mental"
    return fixed, None


# The optional model judgement --------------------------------------------------------------
class SafetyJudgement(BaseModel):
    """What a safety model says about a turn (structured output)."""

    crisis: bool = Field(description="true when the person or someone near them is in danger now")
    kind: Literal["suicide", "self_harm", "violence", "abuse", "medical"] | None = None
    level: Literal["none", "possible", "likely", "imminent"] = "none"
    domain: Literal["relationship", "career", "financial", "social", "health",
                    "life_transition", "education", "none"] = "none"
    reason: str = ""


def model_judgement(model: Any, message: str,
                    history: Sequence[str] = ()) -> SafetyJudgement | None:
    """The safety model's structured judgement, or None when it gives no valid one."""
    from agents import prompts

    earlier = "\n".join(f"- {h[:500]}" for h in list(history)[-4:]) or "(none)"
    text = prompts.render("crisis_judgement", history=earlier, message=message[:4000])
    try:
        result = model.structured([{"role": "user", "content": text}], SafetyJudgement)
    except Exception:  # a model failure must never stop the deterministic answer
        return None
    return result.value if getattr(result, "ok", False) else None


def with_judgement(assessment: SafetyAssessment, judgement: SafetyJudgement | None, *,
                   trust: bool = False) -> SafetyAssessment:
    """``assessment`` with the model's judgement added: it may raise a crisis, never clear one.

    Unless the model is trusted (``trust``), it raises a crisis only where the cues already
    saw a sign below the bar (level ``possible``): the bundled 135M model calls nearly every
    message a crisis (35 of 35 on the suite's third held-out set, benign ones included).
    """
    if judgement is None:
        return assessment
    assessment.evidence.append(
        f"model: crisis={judgement.crisis} kind={judgement.kind} level={judgement.level} "
        f"domain={judgement.domain}: {judgement.reason[:200]}")
    heeded = trust or assessment.crisis_level == "possible"
    if judgement.crisis and judgement.kind and assessment.crisis_kind is None and heeded:
        assessment.crisis_kind = judgement.kind
        assessment.crisis_level = judgement.level if judgement.level != "none" else "possible"
    if assessment.domain is None and judgement.domain != "none":
        assessment.domain = judgement.domain
    return assessment
