"""Standing instructions per request: which of the user's rules apply now, and why.

Selection reads every enabled instruction (``agents.instruction_text.parse``) and keeps one when
its condition holds for this request:

- a **domain** condition ("if I ask for hotels") holds when the request is about that domain
  (cue words from the shipped lexicon plus the domains the user's instructions name), or when a
  chain reaches it: chains ("if I ask for travel, then also look at hotels") form a networkx
  graph between domains, and everything reachable from the request's domains is in play;
- a **detail** condition ("if cuisine is tacos") holds when the request states that detail or
  an instruction already chosen sets it (waterfalls run to a fixed point), and the detail's
  domain is in play;
- a **trigger** ("whenever I mention my sister") holds when its words occur in the request or
  its meaning is close (dense cosine at or above ``trigger_similarity``, data/turn_tuning.yaml);
- no condition: it always applies.

A detail the user fixes for this one request ("ensure city is Oslo") overrides an instruction
that would set it. Each chosen instruction carries its reason; so does each one left out for an
override. Adding an instruction checks it against the others: one with the same condition that
sets the same detail differently, or says the opposite, is replaced (newer wins).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import networkx as nx
from pydantic import create_model

from agents import prompts
from agents.instruction_text import (
    DomainLexicon,
    Parsed,
    contains,
    content_stems,
    overrides,
    parse,
    split_camel,
)
from agents.llm import ChatModel
from agents.tuning import TurnTuning
from memory.facade import Memory
from memory.instructions import InstructionStore
from memory.text import NEGATIONS as NEGATION_WORDS
from memory.text import normalize, stems

# Negations, and the words that refuse a thing, in an instruction ("never", "avoid", "stop").
NEGATIONS = NEGATION_WORDS | {"avoid", "stop"}

Similarity = Callable[[str, list[str]], list[float]]
DomainGuess = Callable[[str, list[str]], "str | None"]


class InstructionLike(Protocol):
    id: str
    text: str


@dataclass
class Applicable:
    """One instruction that applies to this request, and why."""

    id: str
    text: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text, "reason": self.reason}


@dataclass
class Selection:
    applicable: list[Applicable] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def trace(self) -> dict[str, Any]:
        return {"applied": [a.as_dict() for a in self.applicable], "domains": self.domains,
                "skipped": self.skipped}


def instruction_text(row: Any) -> str:
    """The words of an instruction record (older rows kept condition and action apart)."""
    text = getattr(row, "text", "") or ""
    if text:
        return str(text)
    condition, action = getattr(row, "condition", ""), getattr(row, "action", "")
    return f"If {condition}, {action}" if condition else str(action)


def _chained(parsed: dict[str, Parsed], detected: list[str],
             why_domain: dict[str, str]) -> set[str]:
    """The domains detected, and those instructions chain from them ("when X, also Y"), each
    chained one with its reason in ``why_domain``."""
    chain_graph = nx.DiGraph()
    for rid, p in parsed.items():
        for source in p.domains:
            for target in p.also:
                chain_graph.add_edge(source, target, instruction=rid)
    active = set(detected)
    for domain in detected:
        if domain in chain_graph:
            for reached in nx.descendants(chain_graph, domain):
                if reached not in active:
                    path = nx.shortest_path(chain_graph, domain, reached)
                    why_domain[reached] = "chained: " + " → ".join(path)
                    active.add(reached)
    return active


def select(instructions: Sequence[Any], request: str, *, similarity: Similarity | None = None,
           lexicon: DomainLexicon | None = None,
           trigger_similarity: float | None = None,
           domain_guess: DomainGuess | None = None) -> Selection:
    """The instructions that apply to ``request``, each with its reason.

    ``domain_guess`` (a language model, optional) names the domain when no cue word does;
    ``trigger_similarity`` defaults to the tuned one (data/turn_tuning.yaml).
    """
    if trigger_similarity is None:
        trigger_similarity = TurnTuning.defaults().trigger_similarity
    base = lexicon or DomainLexicon.shipped()
    texts = {row.id: instruction_text(row) for row in instructions}
    parsed = {rid: parse(text, base) for rid, text in texts.items()}
    lex = base.extended(parsed.values())
    for p in parsed.values():
        for name in [*p.domains, *p.also]:
            lex.learn(name)

    detected = lex.detect(request)
    why_domain = {d: f"your request is about {d}" for d in detected}
    named = sorted({d for p in parsed.values() for d in p.domains})
    if not detected and named and domain_guess is not None:
        guess = domain_guess(request, named)
        if guess in named:
            detected[guess] = 1.0
            why_domain[guess] = f"the model read your request as {guess}"
    active = _chained(parsed, list(detected), why_domain)

    fixed = dict(overrides(request))
    known: set[tuple[str, str]] = set(fixed.items())
    chosen: dict[str, str] = {}
    skipped: list[dict[str, str]] = []
    trigger_hits = _trigger_hits(parsed, request, similarity, trigger_similarity)
    broadly = lex.broadly_in(request, active)  # "travel" said of a train or the way somewhere

    changed = True
    while changed:
        changed = False
        for rid, p in parsed.items():
            if rid in chosen or any(s["id"] == rid for s in skipped):
                continue
            reason = _applies(p, rid, request, active, known, fixed, lex, why_domain,
                              trigger_hits, broadly)
            if reason is None:
                continue
            clash = [slot for slot, _ in p.sets if slot in fixed]
            if clash:
                skipped.append({"id": rid, "text": texts[rid],
                                "reason": f"you set {clash[0]} to {fixed[clash[0]]} this time"})
                continue
            chosen[rid] = reason
            known.update(p.sets)
            changed = True

    order = list(texts)
    applicable = [Applicable(rid, texts[rid], chosen[rid]) for rid in order if rid in chosen]
    return Selection(applicable, sorted(active), skipped)


def _applies(p: Parsed, rid: str, request: str, active: set[str], known: set[tuple[str, str]],
             fixed: dict[str, str], lex: DomainLexicon, why_domain: dict[str, str],
             trigger_hits: dict[str, str], broadly: dict[str, str]) -> str | None:
    reasons: list[str] = []
    if p.domains:
        hit = [d for d in p.domains if d in active]
        # Travel named broadly, with an action of its own ("remind me to check the strikes"),
        # not details of one kind of travel ("if I ask about travel, find parks").
        wide = [] if hit else [d for d in p.domains if d in broadly and not p.sets
                               and not p.conditions and lex.names_broadly(d, p.text)]
        if not hit and not wide:
            return None
        reasons.append(why_domain.get(hit[0], f"your request is about {hit[0]}") if hit
                       else broadly[wide[0]])
    for slot, value in p.conditions:
        if (slot, value) in known:
            reasons.append(f"{slot} is {value}")
            continue
        if slot in fixed:
            return None  # the user fixed this detail to something else
        if not contains(request, value):
            return None
        places = lex.slot_domains(slot)
        if not p.domains and places and not places & active:
            return None  # the detail belongs to a domain this request is not about
        reasons.append(f"you mentioned {value}")
    if p.trigger:
        if rid not in trigger_hits:
            return None
        reasons.append(trigger_hits[rid])
    if p.also:
        reasons.append("it brings in " + ", ".join(p.also))
    return "; ".join(reasons) or "it always applies"


def _trigger_hits(parsed: dict[str, Parsed], request: str, similarity: Similarity | None,
                  threshold: float) -> dict[str, str]:
    """Which free-text triggers the request meets, by words first, then by meaning."""
    words = set(stems(request))
    hits: dict[str, str] = {}
    pending: list[str] = []
    for rid, p in parsed.items():
        if not p.trigger:
            continue
        own = set(content_stems(p.trigger))
        if own and len(own & words) * 2 >= len(own):
            hits[rid] = f"you mentioned {' '.join(sorted(own & words))}"
        else:
            pending.append(rid)
    if pending and similarity is not None:
        scores = similarity(request, [parsed[rid].trigger for rid in pending])
        for rid, score in zip(pending, scores, strict=True):
            if score >= threshold:
                hits[rid] = f"close in meaning to '{parsed[rid].trigger}' ({score:.2f})"
    return hits


# Conflicts -------------------------------------------------------------------------------
def conflicts(new_text: str, existing: Sequence[Any],
              lexicon: DomainLexicon | None = None) -> list[Any]:
    """Existing instructions that ``new_text`` contradicts (same condition, different rule).

    Same condition and the same detail set to another value ("my preferred city is Paris" after
    "... is Oslo"), or the same action with the opposite sense ("always use emojis" after
    "never use emojis"), or the same detail set in different words.
    """
    lexicon = lexicon or DomainLexicon.shipped()
    new = parse(new_text, lexicon)
    out = []
    for row in existing:
        old = parse(instruction_text(row), lexicon)
        if normalize(old.text) == normalize(new.text) or not _same_condition(old, new):
            continue
        old_slots, new_slots = dict(old.sets), dict(new.sets)
        shared = set(old_slots) & set(new_slots)
        differs = bool(shared) and any(old_slots[s] != new_slots[s] for s in shared)
        reverses = not shared and not old.also and not new.also and \
            opposite(old.action, new.action)
        if differs or reverses:
            out.append(row)
    return out


def _same_condition(a: Parsed, b: Parsed) -> bool:
    return (sorted(a.domains) == sorted(b.domains) and sorted(a.conditions) == sorted(b.conditions)
            and set(content_stems(a.trigger)) == set(content_stems(b.trigger)))


def opposite(a: str, b: str) -> bool:
    """Same subject, opposite sense: the content words overlap and exactly one is negated."""
    wa, wb = _plain_words(a), _plain_words(b)
    topic_a, topic_b = set(content_stems(" ".join(wa))), set(content_stems(" ".join(wb)))
    if not topic_a or not topic_b:
        return False
    overlap = len(topic_a & topic_b) / min(len(topic_a), len(topic_b))
    neg_a, neg_b = bool(set(wa) & NEGATIONS), bool(set(wb) & NEGATIONS)
    if overlap >= 0.5 and neg_a != neg_b:
        return True
    # "give distances in km" vs "give distances in miles": same frame, one word swapped.
    return overlap >= 0.5 and len(topic_a ^ topic_b) <= 2 and topic_a != topic_b and \
        len(topic_a) >= 2 and len(topic_b) >= 2


# "Stop answering in French", "please don't use bullet points any more": a message that only
# asks to stop what a standing rule does.
_STOP = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|please|hey|tacit|you can|can you|could you)[\s,]+)*"
    r"(?:stop|quit|no more)\s+(?P<what>.+?)(?:[\s,.!]+(?:please|now|thanks?|thank you))*"
    r"[\s.!]*$|"
    r"^\W*(?:please\s+)?(?:don'?t|do not)\s+(?P<dont>.+?)\s+(?:any\s*more|any longer)"
    r"(?:[\s,.!]+(?:please|now|thanks?|thank you))*[\s.!]*$", re.I)
# Words of answering that name no rule of their own ("stop *answering* in French").
_ANSWERING = frozenset(stems("answer answering reply replying respond responding write writing "
                             "use using give giving say saying talk talking put putting add "
                             "adding make making"))


def asks_to_stop(message: str) -> str:
    """What a message asks Tacit to stop doing ("answering in French"), or ""."""
    found = _STOP.match(message.strip()) if len(message) <= 160 and "\n" not in message else None
    return (found["what"] or found["dont"]) if found else ""


def stopped_by(message: str, instructions: Sequence[Any]) -> list[Any]:
    """The rules a message asks to stop ("Stop answering in French" stops "Always answer in
    French."), or [] when it is not such a message or names no rule: every word it names
    besides answering is in the rule, and the rule does what they ask to stop, not the
    opposite ("No more emojis" does not stop "never use emojis")."""
    asked = set(content_stems(asks_to_stop(message))) - _ANSWERING
    if not asked:
        return []
    return [row for row in instructions
            if asked <= set(content_stems(instruction_text(row)))
            and not set(_plain_words(instruction_text(row))) & NEGATIONS]


def _plain_words(text: str) -> list[str]:
    words = normalize(text.replace("n't", " not")).split()
    return [w for w in words if w not in {"always", "please", "from", "now", "on"}]


# A language model's reading of the domain ------------------------------------------------
def model_domain_guess(model: ChatModel) -> DomainGuess:
    """A ``domain_guess`` that asks ``model`` to pick one of the named domains (or none)."""
    def guess(request: str, domains: list[str]) -> str | None:
        choice: Any = Literal[tuple([*domains, "none"])]
        schema: Any = create_model("DomainChoice", domain=(choice, ...))
        prompt = prompts.render("instruction_domain", domains=", ".join(domains),
                                request=request.strip()[-600:])
        answer = model.structured([{"role": "user", "content": prompt}], schema)
        value = getattr(answer.value, "domain", None) if answer.ok else None
        return value if value in domains else None

    return guess


def dense_domain_guess(similarity: Similarity,
                       threshold: float | None = None) -> DomainGuess:
    """A ``domain_guess`` without a model: the named domain closest in meaning to the request
    (cosine of the request and the domain's name), if it is close enough."""
    floor = TurnTuning.defaults().domain_similarity if threshold is None else threshold

    def guess(request: str, domains: list[str]) -> str | None:
        scores = similarity(request, [split_camel(d) for d in domains])
        best = max(range(len(domains)), key=lambda i: scores[i])
        return domains[best] if scores[best] >= floor else None

    return guess


# Per request, from the stores -----------------------------------------------------------
# A message that goes on from the one before ("and a hotel there too", "what about dessert?"):
# read with it. Any other is read alone: "Where do I live?" after two recipe requests got "Prep
# time: The prep time is 10:32 AM." at its top.
_GOES_ON = re.compile(r"^\W*(?:and|also|plus|what about|how about|same|another|one more|"
                      r"make it|make that|or|instead|then|ok(?:ay)?\W+(?:and|now|what about))\b"
                      r"|\b(?:too|as well|instead|there)\W*$", re.I)


def with_earlier(message: str, recent: Sequence[dict[str, str]]) -> str:
    """The text instructions are selected by: the message, after this session's latest user
    turns when it goes on from them."""
    if not _GOES_ON.search(message.strip()):
        return message
    return "\n".join([*(t["user"] for t in list(recent)[-2:]), message])


def for_request(memory: Memory, user_id: str, message: str,
                recent: Sequence[dict[str, str]] = (),
                domain_guess: DomainGuess | None = None,
                trigger_similarity: float | None = None) -> Selection:
    """The user's enabled instructions that apply to ``message`` (read with this session's
    latest user turns, so "and a hotel there too" keeps the earlier request's domain)."""
    rows = InstructionStore(memory).list(user_id)
    if not rows:
        return Selection()
    context = with_earlier(message, recent)
    embedder = memory.vectors.embedder

    def similarity(text: str, others: list[str]) -> list[float]:
        vectors = embedder.embed([text, *others])
        return [float(v @ vectors[0]) for v in vectors[1:]]

    return select(rows, context, similarity=similarity, domain_guess=domain_guess,
                  trigger_similarity=trigger_similarity)
