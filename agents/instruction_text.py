"""Reading standing instructions and requests: what an instruction asks, and about what.

``parse`` turns one instruction as the user wrote it into its parts: the domains it is
conditioned on ("if I ask for hotels"), details it is conditioned on ("if cuisine is tacos"), a
free-text trigger when the condition is neither, the details it sets ("my preferred city is
Oslo"), and the domains it chains to ("then also look at flights").

``DomainLexicon`` says which domains a request is about. It starts from the cues shipped in
``data/instruction_domains.json`` and learns the domains a user's own instructions name, so an
instruction about "gardening" works without anyone adding gardening to the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from memory.text import FILLER, normalize, stems, with_stems

_SPACE = re.compile(r"\s+")
_FILLER_STEMS = with_stems(FILLER)


_CONDITION_LEAD = re.compile(
    r"^(?:if|when|whenever|every\s+time|each\s+time|any\s*time|anytime|once)\s+(?P<cond>.+?)"
    r"(?:\s*,\s*(?:then\s+)?|\s+then\s+)(?P<action>.*)$", re.I | re.S)
_CONDITION_TAIL = re.compile(
    r"^(?P<action>.+?)\s*,?\s+(?:if|when|whenever|every\s+time)\s+(?P<cond>(?:i|i'm|i\s+am)\s.+)$",
    re.I | re.S)
_ASKS_FOR = re.compile(
    r"^(?:i|i'm|i\s+am)\s+(?:(?:am\s+)?(?:ask(?:ing)?|enquir(?:e|ing)|inquir(?:e|ing))\s+"
    r"(?:you\s+)?(?:for|about)|book(?:ing)?|look(?:ing)?\s+(?:for|at)|search(?:ing)?\s+for|"
    r"plan(?:ning)?|order(?:ing)?|want|need|talk(?:ing)?\s+about|mention(?:ing)?|"
    r"go(?:ing)?\s+(?:to|for)|shop(?:ping)?\s+for|get(?:ting)?)\s+(?P<what>.+)$", re.I)
_SLOT_IS = re.compile(r"^(?P<slot>[a-z][a-z ]{0,40}?)\s+(?:is|are|has|=)\s+(?P<value>.+)$", re.I)
_PREFERENCE_SLOT = re.compile(
    r"^preferr?ance\s+(?:is\s+that\s+it\s+(?:is\s+)?|has\s+|is\s+)?(?P<value>.+)$", re.I)
_ALSO = re.compile(r"\balso\s+(?:look\s+at|look\s+for|search\s+for|check|find|search|"
                   r"show|include|consider)\s+(?P<what>.+)$", re.I)
_PREFERRED = re.compile(r"\bmy\s+preferred\s+(?P<slot>[a-z][a-z ]*?)\s+(?:is|are)\s+(?P<value>.+)$",
                        re.I)
_MY_PREFERENCE = re.compile(r"\bmy\s+preferr?ance\s+is\s+that\s+it\s+(?:is\s+)?(?P<value>.+)$",
                            re.I)
_LOOK_FOR = re.compile(r"^look\s*for\s*(?P<rest>.*)$", re.I)
_DETAIL_AS = re.compile(r"^(?P<slot>[a-z][a-z ]*?)\s+as\s+(?P<value>.+)$", re.I)
_OVERRIDE = re.compile(r"\b(?:ensure|make\s+sure)\s+(?:that\s+)?(?:the\s+)?"
                       r"(?P<slot>[a-z][a-z ]{0,30}?)\s+is\s+(?P<value>[^.;!?\n]+)", re.I)


def content_stems(text: str) -> list[str]:
    """The words of ``text`` that say what it is about (fillers dropped), stemmed."""
    return [s for s in stems(text) if s not in _FILLER_STEMS and len(s) > 1]


def slot_name(text: str) -> str:
    name = normalize(text)
    return "preference" if name.startswith(("preferance", "preferrance", "preference")) else name


def contains(haystack: str, needle: str) -> bool:
    """Whether the normalized ``needle`` occurs in ``haystack`` on word boundaries."""
    hay, need = f" {normalize(haystack)} ", normalize(needle)
    return bool(need) and f" {need} " in hay


@dataclass
class Parsed:
    """What one standing instruction says, in parts."""

    text: str
    domains: list[str] = field(default_factory=list)      # canonical domain names
    conditions: list[tuple[str, str]] = field(default_factory=list)  # (slot, value)
    trigger: str = ""                                      # free-text condition
    sets: list[tuple[str, str]] = field(default_factory=list)        # (slot, value)
    also: list[str] = field(default_factory=list)          # domains it chains to
    action: str = ""

    @property
    def condition_kind(self) -> str:
        """'domain', 'detail' (a slot condition), 'trigger' (free text) or 'always'."""
        if self.domains:
            return "domain"
        if self.conditions:
            return "detail"
        return "trigger" if self.trigger else "always"

    def describe_condition(self) -> str:
        parts = [f"you ask for {d}" for d in self.domains]
        parts += [f"{s} is {v}" for s, v in self.conditions]
        if self.trigger:
            parts.append(self.trigger)
        return " and ".join(parts) or "always"


def split_condition(text: str) -> tuple[str, str]:
    """(condition, action) of an instruction; the condition is '' when it always applies."""
    clean = _SPACE.sub(" ", text.strip()).rstrip(".!")
    lead = _CONDITION_LEAD.match(clean)
    if lead:
        return lead["cond"].strip(), lead["action"].strip()
    tail = _CONDITION_TAIL.match(clean)
    if tail:
        return tail["cond"].strip(), tail["action"].strip()
    return "", clean


def parse(text: str, lexicon: DomainLexicon | None = None) -> Parsed:
    """Split an instruction into condition and action, and read both."""
    lexicon = lexicon or DomainLexicon.shipped()
    cond, action = split_condition(text)
    parsed = Parsed(text=text.strip(), action=action)
    if cond:
        triggers: list[str] = []
        for part in re.split(r"\s+and\s+", cond):
            part = part.strip(" ,")
            asks = _ASKS_FOR.match(part)
            slot = _SLOT_IS.match(part) if not asks else None
            pref = _PREFERENCE_SLOT.match(part)
            if asks:
                domain = lexicon.canonical(asks["what"])
                if domain:
                    parsed.domains.append(domain)
                else:
                    triggers.append(part)
            elif pref:
                parsed.conditions.append(("preference", normalize(pref["value"])))
            elif slot and len(slot["slot"].split()) <= 4:
                parsed.conditions.append((slot_name(slot["slot"]), normalize(slot["value"])))
            else:
                triggers.append(part)
        parsed.trigger = " and ".join(triggers)
    _read_action(parsed, action, lexicon)
    return parsed


def _read_action(parsed: Parsed, action: str, lexicon: DomainLexicon) -> None:
    body = re.sub(r"^then\s+", "", action.strip(" ,"), flags=re.I)
    also = _ALSO.search(body)
    if also:
        for piece in re.split(r",|\band\b", also["what"]):
            domain = lexicon.canonical(piece)
            if domain:
                parsed.also.append(domain)
        return
    preferred = _PREFERRED.search(body)
    if preferred:
        parsed.sets.append((slot_name(preferred["slot"]), normalize(preferred["value"])))
        return
    mine = _MY_PREFERENCE.search(body)
    if mine:
        parsed.sets.append(("preference", normalize(mine["value"])))
        return
    pref = _PREFERENCE_SLOT.match(body)
    if pref:
        parsed.sets.append(("preference", normalize(pref["value"])))
        return
    look = _LOOK_FOR.match(body)
    rest = look["rest"] if look else body
    for piece in rest.split(","):
        detail = _DETAIL_AS.match(piece.strip())
        if detail:
            parsed.sets.append((slot_name(detail["slot"]), normalize(detail["value"])))
        elif look and piece.strip():
            parsed.sets.append((slot_name(piece), "true"))


def overrides(request: str) -> list[tuple[str, str]]:
    """Details the user fixes for this request only ("ensure city is Oslo")."""
    return [(slot_name(m["slot"]), normalize(m["value"])) for m in _OVERRIDE.finditer(request)]


@dataclass
class Domain:
    name: str
    cues: list[tuple[str, ...]]
    slots: set[str]
    aliases: set[str]
    weak: list[tuple[str, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class Broad:
    """A domain an instruction may name in a broad sense: its names, its parts, its cues."""

    names: frozenset[str]
    parts: frozenset[str]
    cues: list[tuple[str, ...]]


class DomainLexicon:
    """Domains, the words that signal them, and the details (slots) that belong to each."""

    def __init__(self, domains: dict[str, Domain], rivals: list[tuple[str, str]],
                 broad: dict[str, Broad] | None = None) -> None:
        self.domains = domains
        self.rivals = rivals
        self.broad = broad or {}

    @classmethod
    @cache
    def shipped(cls) -> DomainLexicon:
        """The lexicon shipped in ``data/instruction_domains.json``."""
        return cls.from_json(files("data").joinpath("instruction_domains.json").read_text("utf-8"))

    @classmethod
    def from_json(cls, text: str) -> DomainLexicon:
        """A lexicon from JSON in the shipped file's format (domains with cues, aliases,
        slots and weak cues; rivals). A domain's own name is always one of its cues."""
        raw = json.loads(text)
        domains = {
            name: Domain(name, list(dict.fromkeys([*(tuple(stems(c)) for c in spec["cues"]),
                                                   *name_cues(name)])),
                         {slot_name(s) for s in spec.get("slots", [])},
                         {normalize(a) for a in [*spec.get("aliases", []), split_camel(name)]},
                         [tuple(stems(c)) for c in spec.get("weak_cues", [])])
            for name, spec in raw["domains"].items()
        }
        broad = {name: Broad(frozenset(normalize(n) for n in spec["names"]),
                             frozenset(spec["parts"]),
                             [tuple(stems(c)) for c in spec["cues"]])
                 for name, spec in (raw.get("broad") or {}).items()}
        return cls(domains, [(a, b) for a, b in raw.get("rivals", [])], broad)

    def broadly_in(self, text: str, detected: Iterable[str]) -> dict[str, str]:
        """The broad domains a request is in through its parts or its own words ("the best way
        to get from Edinburgh to Inverness" is travel), each with what put it there."""
        joined = f" {' '.join(stems(text))} "
        out = {}
        for name, broad in self.broad.items():
            part = next((d for d in detected if d in broad.parts), None)
            if part is not None:
                out[name] = f"your request is about {split_camel(part).lower()}, a part of " \
                            f"{name.lower()}"
            elif any(cue and f" {' '.join(cue)} " in joined for cue in broad.cues):
                out[name] = f"your request is about {name.lower()}"
        return out

    def names_broadly(self, domain: str, instruction: str) -> bool:
        """Whether an instruction names ``domain`` in its broad sense ("whenever I ask about
        travel"), not one part of it ("if I ask for attractions")."""
        broad = self.broad.get(domain)
        return broad is not None and bool(set(normalize(instruction).split()) & broad.names)

    def names_only(self) -> DomainLexicon:
        """This lexicon cut back to what a domain's name alone says: 'RentalCars' is cued by
        'rental car' and nothing else; no slots, weak cues or rivals. A held-out reading of
        the selector: the shipped cues were written with example requests in view."""
        domains = {k: Domain(d.name, name_cues(d.name), set(),
                             {normalize(split_camel(d.name))})
                   for k, d in self.domains.items()}
        return DomainLexicon(domains, [])

    def extended(self, parsed: Iterable[Parsed]) -> DomainLexicon:
        """This lexicon plus what a user's instructions teach: slots of their domains."""
        domains = {k: Domain(d.name, list(d.cues), set(d.slots), set(d.aliases), list(d.weak))
                   for k, d in self.domains.items()}
        for p in parsed:
            for name in p.domains:
                domain = domains.setdefault(name, Domain(name, name_cues(name), set(),
                                                         {normalize(name)}))
                domain.slots.update(slot for slot, _ in [*p.sets, *p.conditions])
        return DomainLexicon(domains, self.rivals, self.broad)

    def canonical(self, phrase: str) -> str | None:
        """The domain a phrase such as 'restaurants' or 'a hotel room' names, if any.

        A phrase that names no known domain becomes a domain of its own (its content words),
        so "if I ask about my garden" conditions on a 'garden' domain.
        """
        words = normalize(re.sub(r"^(?:a|an|the|some|my)\s+", "", split_camel(phrase.strip()),
                                 flags=re.I))
        if not words:
            return None
        key = " ".join(stems(words))
        for domain in self.domains.values():
            if words in domain.aliases or key in {" ".join(stems(a)) for a in domain.aliases}:
                return domain.name
        scores = self.scores(words)
        if scores:
            return max(scores, key=lambda name: scores[name])
        own = content_stems(words)
        return " ".join(own) if own else None

    def scores(self, text: str) -> dict[str, float]:
        """Cue hits per domain in ``text`` (phrases count once); weak cues only if none hit."""
        joined = f" {' '.join(stems(text))} "

        def hits(cues: list[tuple[str, ...]]) -> int:
            return sum(1 for cue in cues if cue and f" {' '.join(cue)} " in joined)

        found = {d.name: float(n) for d in self.domains.values() if (n := hits(d.cues))}
        if not found:
            found = {d.name: 0.5 * n for d in self.domains.values() if (n := hits(d.weak))}
        return found

    def detect(self, text: str) -> dict[str, float]:
        """The domains ``text`` is about, with their cue counts, rivals resolved."""
        found = self.scores(text)
        for first, second in self.rivals:
            if first in found and second in found:
                loser = second if found[first] >= found[second] else first
                del found[loser]
        return found

    def slot_domains(self, slot: str) -> set[str]:
        return {d.name for d in self.domains.values() if slot in d.slots}

    def learn(self, name: str) -> None:
        """Make a domain named only by a user's instruction detectable by its own words."""
        if name not in self.domains:
            self.domains[name] = Domain(name, name_cues(name), set(), {normalize(name)})


def name_cues(name: str) -> list[tuple[str, ...]]:
    """A domain's name as cues: as written, and with its last word singular ('Buses' is cued
    by 'bus' too: Porter stems the two apart, 'buse' and 'bu')."""
    words = split_camel(name).split()
    forms = [words, [*words[:-1], singular(words[-1])]] if words else [words]
    return list(dict.fromkeys(tuple(stems(" ".join(form))) for form in forms))


def singular(word: str) -> str:
    """The singular of an English plural noun, by its ending ('buses' -> 'bus')."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(?:ss|[sxz]|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def split_camel(name: str) -> str:
    """'RentalCars' -> 'rental cars'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
