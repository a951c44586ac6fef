"""RAISE's acquisition planner: which of the person's attributes to ask about, if any.

For a sensitive (non-crisis) request, each of the ten PENGUIN attributes is worth asking as
much as knowing it would change a safe answer: its prior weight in the request's domain
(``data/safety/attributes.yaml``), plus a bonus when the request itself bears on it ("my
husband" on marital status, "can't afford" on money, "my boss" on work). At most three are
asked, the most valuable first, never one already known, and none when the best is worth less
than the threshold: then the planner abstains and the reply is written from what is known.
A request for dangerous specifics makes a past self-harm history worth asking.

Attributes are only ever what the person said or answered: never inferred from a name or
from the way someone writes. Guidance for the responder follows from what is known.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from agents import prompts
from agents.contract import CardField, QuestionCard
from agents.safety_detect import lexicon, stated_condition

ATTRIBUTES = ("age", "gender", "marital_status", "profession", "economic_status",
              "health_status", "education_level", "mental_health_status",
              "past_self_harm_history", "emotional_state")


@dataclass(frozen=True)
class Attribute:
    name: str
    question: str
    choices: tuple[str, ...]
    risk: tuple[str, ...]       # answers that put the person at risk


@dataclass
class Option:
    """One attribute considered for a question, and what asking it is worth."""

    attribute: str
    weight: float                # the domain's (or sub-area's) prior
    gain: float                  # the chance its answer changes a safe reply
    chosen: bool = False
    why: str = ""
    families: tuple[str, ...] = ()   # the kinds of request that made it matter more


@dataclass(frozen=True)
class Family:
    """A kind of request (a fast, a medication, money, a partner...) and how much it raises the
    value of asking each attribute (``data/safety/planner.yaml``)."""

    name: str
    pattern: re.Pattern[str]
    raises: dict[str, float]
    difficulty: bool = False      # a request of this kind tells of a difficulty by itself
    domain: str | None = None     # where such a request is planned when detection finds none
    caution: str = ""             # said at the end of the reply when its questions went unasked
    # "attribute=value" -> the caution for a person of whom that answer is known, asked or not
    for_person: dict[str, str] = field(default_factory=dict)
    # "attribute=value" -> more words that bring that caution (a meal or a walk, for someone
    # with a long-term condition) without raising anything for anyone else
    for_also: dict[str, re.Pattern[str]] = field(default_factory=dict)
    unless: re.Pattern[str] | None = None  # what makes it another matter (a gift of whisky)


@cache
def config() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(
        files("data").joinpath("safety/attributes.yaml").read_text("utf-8"))
    return raw


@cache
def planner_config() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(
        files("data").joinpath("safety/planner.yaml").read_text("utf-8"))
    return raw


@cache
def families() -> tuple[Family, ...]:
    out = []
    for name, spec in planner_config()["families"].items():
        unknown = set(spec["raise"]) - set(ATTRIBUTES)
        if unknown:
            raise ValueError(f"planner.yaml: family {name} raises unknown {sorted(unknown)}")
        person = {key: " ".join(str(text).split()) for key, text in (spec.get("for") or {}).items()}
        for key in person:
            attr, _, value = key.partition("=")
            if attr not in ATTRIBUTES or value not in attribute(attr).choices:
                raise ValueError(f"planner.yaml: family {name} has a caution for an unknown "
                                 f"answer {key!r} (an attribute=one of its choices)")
        also = {key: re.compile(pattern, re.IGNORECASE)
                for key, pattern in (spec.get("for_also") or {}).items()}
        if set(also) - set(person):
            raise ValueError(f"planner.yaml: family {name} has for_also without its caution")
        out.append(Family(name, re.compile(spec["pattern"], re.IGNORECASE),
                          {a: float(v) for a, v in spec["raise"].items()},
                          bool(spec.get("difficulty")), spec.get("domain"),
                          " ".join(str(spec.get("caution", "")).split()), person, also,
                          re.compile(spec["unless"], re.IGNORECASE) if spec.get("unless")
                          else None))
    return tuple(out)


@cache
def plain_cautions() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, caution) of the kinds of request that have only a caution (``cautions`` in
    planner.yaml): they change nothing in what is worth asking."""
    return tuple((re.compile(spec["pattern"], re.IGNORECASE), " ".join(spec["caution"].split()))
                 for spec in (planner_config().get("cautions") or {}).values())


def low_mood_caution() -> str:
    """The caution of a low mood (planner.yaml's ``cautions``), for one told in words its
    pattern does not hold ("I'm useless at everything")."""
    spec = (planner_config().get("cautions") or {}).get("low_mood") or {}
    return " ".join(str(spec.get("caution") or "").split())


# (the families, a message, those it matches): the latest answer of :func:`families_in`.
_LAST_MATCH: list[tuple[tuple[Family, ...], str, tuple[Family, ...]] | None] = [None]


def families_in(message: str) -> tuple[Family, ...]:
    """The families whose pattern ``message`` matches, in their order. A plan asks this four
    times for one request (0.2 ms each), so the latest answer is kept."""
    known = families()
    last = _LAST_MATCH[0]
    if last is not None and last[0] is known and last[1] == message:
        return last[2]
    found = tuple(f for f in known if message and f.pattern.search(message)
                  and not (f.unless and f.unless.search(message)))
    _LAST_MATCH[0] = (known, message, found)
    return found


def caution_for(message: str, known: dict[str, str] | None = None, *,
                unasked: bool = True) -> str:
    """The caution a reply to ``message`` ends with, or "". For a person of whom Tacit knows an
    answer that one of the request's kinds has a caution for (a diet asked by someone under
    18), that one, asked or not; else, when the questions that would have shaped the answer
    were not asked (``unasked``), the general caution of the first kind that has one (a
    family's, else one of the kinds that have only a caution)."""
    found = families_in(message)
    answers = {f"{name}={value}" for name, value in (known or {}).items()}
    # Not for the words that tell it: "I'm 34 and pregnant with my first" is news, not a
    # question about the body (and a caution given then was not given again when one came).
    rest: str | None = None  # read only when a caution for what is known is in play
    for family in families():  # a family's own words, or its words for what is known
        for key, text in family.for_person.items():
            if key in answers:
                rest = _without_statements(message) if rest is None else rest
                also = family.for_also.get(key)
                if family.pattern.search(rest) or (also is not None and also.search(rest)):
                    return text
    if not unasked:
        return ""
    return next((f.caution for f in found if f.caution), "") or next(
        (text for pattern, text in plain_cautions() if pattern.search(message)), "")


def cue_raises(message: str) -> dict[str, tuple[float, tuple[str, ...]]]:
    """How much the request's own words raise each attribute's value, and by which families:
    the largest raise, plus ``more_families`` for each further family raising it."""
    more = float(planner_config()["more_families"])
    found: dict[str, list[tuple[float, str]]] = {}
    for family in families_in(message):
        for name, value in family.raises.items():
            found.setdefault(name, []).append((value, family.name))
    out = {}
    for name, hits in found.items():
        hits.sort(reverse=True)
        out[name] = (hits[0][0] + more * (len(hits) - 1), tuple(f for _, f in hits))
    return out


@cache
def _statements() -> tuple[re.Pattern[str], tuple[tuple[str, str, re.Pattern[str]], ...]]:
    spec = planner_config()["stated"]
    rules = []
    for name, readings in spec.items():
        if name == "age":
            continue
        if name not in ATTRIBUTES:
            raise ValueError(f"planner.yaml: stated names unknown attribute {name}")
        for reading in readings:
            if reading["value"] not in config()["attributes"][name]["choices"]:
                raise ValueError(f"planner.yaml: {reading['value']!r} is not a choice of {name}")
            rules.append((name, reading["value"], re.compile(reading["pattern"], re.IGNORECASE)))
    return re.compile(spec["age"], re.IGNORECASE), tuple(rules)


def stated(message: str) -> dict[str, str]:
    """The attributes the person states about themselves in the request, as card choices.

    Only first-person statements in plain words ("I'm 58", "my wife wants a divorce", "I'm
    retired"): an attribute said there is known, so it is not asked. Nothing is read from a
    name, from someone else ("my 15-year-old") or from the way the person writes."""
    age, rules = _statements()
    out: dict[str, str] = {}
    for found in age.finditer(message or ""):
        years = int(found.group(1))
        if 13 <= years <= 99:  # a smaller number after "at" is a time or a size, not an age
            out["age"] = _age_band(years)
            break
    for name, value, pattern in rules:
        if name not in out and pattern.search(message or ""):
            out[name] = value
    if "health_status" not in out and stated_condition(message or ""):
        out["health_status"] = "a long-term condition"
    return out


def _without_statements(message: str) -> str:
    """``message`` without the words in which the person states an attribute of theirs."""
    age, rules = _statements()
    spans = sorted(m.span() for pattern in (age, *(rule for _, _, rule in rules))
                   for m in pattern.finditer(message))
    # "I'm diabetic": cues.yaml's conditions, read lower case (same length, so same spans).
    lower = message.replace("\u2019", "'").lower()
    spans = sorted([*spans, *(m.span() for m in lexicon().conditions.finditer(lower))])
    kept, at = [], 0
    for start, end in spans:  # each read on the whole message; overlapping ones cut once
        kept.append(message[at:max(start, at)])
        at = max(at, end)
    return " ".join([*kept, message[at:]])


def attribute(name: str) -> Attribute:
    spec = config()["attributes"][name]
    return Attribute(name, spec["question"], tuple(spec["choices"]), tuple(spec["risk"]))


def wants_specifics(message: str) -> bool:
    """Whether the request asks for dangerous specifics (amounts, heights, means, fasts)."""
    return any(re.search(p, message, re.IGNORECASE) for p in config()["dangerous_specifics"])


def just_a_task(message: str) -> bool:
    """Whether the request is a task in a sensitive domain that tells of no difficulty."""
    cfg = config()
    return (re.search(cfg["task"], message, re.IGNORECASE) is not None
            and re.search(cfg["trouble"], message, re.IGNORECASE) is None)


def troubled(message: str) -> bool:
    """Whether the message tells of a difficulty (worry, loss, illness, conflict, a dilemma)."""
    return re.search(config()["trouble"], message, re.IGNORECASE) is not None


def weights_for(domain: str, sub_area: str | None = None) -> dict[str, float]:
    """How much each attribute changes a safe answer in this domain (and sub-area, when its
    own priors are written)."""
    cfg = config()
    own = (cfg.get("sub_areas") or {}).get(domain, {}).get(sub_area or "")
    return dict(own or cfg["weights"].get(domain) or {})


DOMAINS = ("health", "relationship", "financial", "career", "social", "life_transition",
           "education")


def matched(message: str) -> tuple[str, ...]:
    """The kinds of request (families in ``data/safety/planner.yaml``) the message is."""
    return tuple(f.name for f in families_in(message))


def feature_names() -> list[str]:
    return (["bias", "prior", "cue", "specifics"] + [f"family:{f.name}" for f in families()]
            + [f"domain:{d}" for d in DOMAINS])


def features(domain: str, sub_area: str | None, message: str,
             specifics: bool = False) -> dict[str, list[float]]:
    """Per attribute, what the planner's model reads: its prior in the domain (or sub-area),
    the hand-written raise of the request's kinds, whether it asks for dangerous specifics,
    which kinds it is and which domain. Words only: nothing about who wrote it."""
    weights = weights_for(domain, sub_area)
    raises = cue_raises(message)
    kinds = set(matched(message))
    shared = ([1.0 if specifics else 0.0] + [1.0 if f.name in kinds else 0.0 for f in families()]
              + [1.0 if domain == d else 0.0 for d in DOMAINS])
    return {name: [1.0, weights.get(name, 0.0), raises.get(name, (0.0,))[0], *shared]
            for name in ATTRIBUTES}


@cache
def model() -> dict[str, Any]:
    """The planner's learned weights (``data/safety/planner_model.json``, written by
    ``bench/safety_plan_train.py``): a logistic model per attribute of whether its answer
    matters for a safe reply to the request."""
    raw: dict[str, Any] = json.loads(
        files("data").joinpath("safety/planner_model.json").read_text("utf-8"))
    if raw["features"] != feature_names():
        raise ValueError("planner_model.json was trained on other features: "
                         "run bench/safety_plan_train.py")
    return raw


def worth(domain: str, sub_area: str | None, message: str,
          specifics: bool = False) -> dict[str, float]:
    """Per attribute, the chance its answer changes a safe reply to this request."""
    weights = model()["weights"]
    out = {}
    for name, x in features(domain, sub_area, message, specifics).items():
        z = sum(w * v for w, v in zip(weights[name], x, strict=True))
        out[name] = 1.0 / (1.0 + math.exp(-z))
    return out


def options(domain: str, known: dict[str, str], *, message: str = "",
            specifics: bool = False, sub_area: str | None = None,
            domain_score: float = 0.0) -> list[Option]:
    """Every attribute with its value of asking, best first; the chosen ones marked.

    The value is the chance that the attribute's answer changes a safe reply: a small
    logistic model over the domain's prior and the request's own kinds (in
    ``data/safety/planner.yaml``: a fast makes mental health matter, a sleep aid a past
    overdose, debt the people who depend on them). The best are asked, at most
    ``most_per_turn``; none when the best is worth less than the model's ``ask_at`` (the
    expected gain is small: answer from what is known), a third only when worth ``third_at``.
    A task that tells of no difficulty (and wants no dangerous specifics) gets no questions:
    its domain's topic alone does not make it risky.
    """
    cfg = config()
    weights = weights_for(domain, sub_area)
    if not weights:
        return []
    # A message that tells of no difficulty ("my sister lives in Lyon", "hello, who are
    # you?", "plan my study week") is not risky for its topic alone: nothing to ask. A
    # difficulty shows in its words, or in its meaning: detection is sure of a sensitive
    # domain (its prototypes are difficulties; greetings and plain news are "none").
    risky = any(f.difficulty for f in families_in(message))
    difficulty = (troubled(message) or domain_score >= cfg["sure_domain_score"] or risky)
    task = bool(message) and not specifics and (just_a_task(message) or not difficulty)
    raises = cue_raises(message)
    said = {n: v for n, v in stated(message).items() if n not in known}
    known = {**known, **said}
    value = worth(domain, sub_area, message, specifics)
    ranked: list[Option] = []
    for name in ATTRIBUTES:
        kinds: tuple[str, ...] = raises.get(name, (0.0, ()))[1]
        if specifics and name == "past_self_harm_history":
            kinds = (*kinds, "dangerous specifics")
        ranked.append(Option(name, weights.get(name, 0.0), round(value[name], 4),
                             families=kinds,
                             why=f"request bears on it ({', '.join(kinds)})" if kinds
                             else "domain prior"))
    ranked.sort(key=lambda o: (o.gain, o.weight), reverse=True)
    ask_at, third_at = model()["ask_at"], model()["third_at"]
    chosen = 0
    for option in ranked:
        floor = third_at if chosen == 2 else ask_at
        if option.attribute in known:
            option.why = ("said in the request" if option.attribute in said
                          else "already known")
        elif task:
            option.why = "tells of no difficulty: nothing to ask"
        elif chosen >= cfg["most_per_turn"]:
            option.why = f"at most {cfg['most_per_turn']} questions a turn"
        elif option.gain < floor:
            option.why = f"worth {option.gain:.2f} < {floor:.2f}"
        else:
            option.chosen, chosen = True, chosen + 1
            option.why = f"worth {option.gain:.2f} ({option.why})"
    return sorted(ranked, key=lambda o: (o.chosen, o.gain), reverse=True)


def plan_questions(domain: str | None, known: dict[str, str], *, domain_score: float = 1.0,
                   message: str = "", specifics: bool = False,
                   sub_area: str | None = None) -> list[str]:
    """The attributes worth asking for this request, most valuable first (at most three).

    ``message`` is the request (its words make some attributes matter more); without it the
    plan rests on the domain's priors alone.
    """
    return [o.attribute for o in plan(domain, known, domain_score=domain_score,
                                      message=message, specifics=specifics,
                                      sub_area=sub_area) if o.chosen]


def plan(domain: str | None, known: dict[str, str], *, domain_score: float = 1.0,
         message: str = "", specifics: bool = False,
         sub_area: str | None = None) -> list[Option]:
    """Every option weighed for this request (the chosen first); none when the request is
    less surely sensitive than ``min_domain_score``.

    With no domain (detection found none, or is less sure than that), a request of a kind
    that is risky by itself (a fast, a dose, drink, debt: see :func:`own_domain`) is planned
    in that kind's domain."""
    floor = config()["min_domain_score"]
    if not domain or domain_score < floor:
        domain, sub_area, domain_score = own_domain(message), None, floor
        if domain is None:
            return []
    return options(domain, known, message=message, specifics=specifics, sub_area=sub_area,
                   domain_score=domain_score)


def own_domain(message: str) -> str | None:
    """The domain a request is planned in when detection finds none: that of the first kind
    of request, risky by itself, that it is (a fast: health; debt: financial), else, if it
    tells of a difficulty, that of the first kind it is that names one; or None."""
    kinds = [f for f in families_in(message) if f.domain]
    for family in kinds:
        if family.difficulty:
            return family.domain
    return kinds[0].domain if kinds and troubled(message) else None


def at_risk(known: dict[str, str]) -> list[str]:
    """The known answers that put the person at risk ("past_self_harm_history=yes, ...")."""
    out = []
    for name, value in known.items():
        if name in ATTRIBUTES and value in attribute(name).risk:
            out.append(f"{name}={value}")
    return out


def guidance(domain: str | None, known: dict[str, str], *, withhold: bool,
             at_risk: bool = True, sub_area: str | None = None) -> str:
    """The responder's safety guidance for this person, rendered from ``prompts/``: with
    ``withhold``, no amounts, said as for someone at risk or as for someone not known yet.
    A sub-area with advice of its own (a low mood, not a pharmacist's matter) uses it."""
    advice = config()["advice"]
    own = (advice.get("sub_areas") or {}).get(f"{domain}/{sub_area}")
    base = own or advice["domains"].get(domain or "")
    notes = [advice["values"][f"{n}={v}"] for n, v in sorted(known.items())
             if f"{n}={v}" in advice["values"]]
    if withhold:
        notes.insert(0, advice["withhold" if at_risk else "withhold_unknown"])
    if base is None and not notes:
        return ""
    if base is None:
        return prompts.render("safety_notes", notes="\n".join(f"- {n}" for n in notes))
    return prompts.render(
        "safety_guidance", domain=(f"{sub_area} {domain}" if own else
                                   domain.replace("_", " ") if domain else ""),
        emphasise=base["emphasise"], avoid=base["avoid"], refer=base["refer"],
        notes="\n".join(f"- {n}" for n in notes) or "- Nothing more is known about them.")


def question_card(names: list[str]) -> QuestionCard:
    """One question card asking for ``names``, with quick answers per field."""
    fields = []
    for name in names:
        spec = attribute(name)
        fields.append(CardField(name=name, question=spec.question, choices=list(spec.choices)))
    return QuestionCard(
        kind="safety",
        text="So I can answer this safely for you, may I ask (answer any, or say \"just "
             "answer\"):",
        fields=fields,
        choices=[],
    )


CONSENT_CHOICES = ("keep", "keep for this conversation", "don't keep")


def consent_card(learned: dict[str, str]) -> QuestionCard:
    """The one-time question whether to keep what the person told safety."""
    named = config()["attributes"]
    said = "; ".join(f"{named.get(n, {}).get('label') or n.replace('_', ' ')}: {v}"
                     for n, v in learned.items())
    return QuestionCard(
        kind="consent",
        text=f"May I remember what you told me ({said}) to keep my answers safe for you? "
             "It is kept apart, used only for safety, and you can forget it any time.",
        choices=list(CONSENT_CHOICES),
    )


def read_consent(answer: str) -> str:
    """keep, session or no, from the consent card's answer (a number or words)."""
    text = answer.strip().lower()
    if text in ("1", "2", "3"):
        return ("keep", "session", "no")[int(text) - 1]
    if re.search(r"\b(don'?t|do not|no|never|nope|forget)\b", text):
        return "no"
    if re.search(r"\b(conversation|session|for now|only now|today)\b", text):
        return "session"
    if re.search(r"\b(keep|yes|sure|ok(ay)?|remember)\b", text):
        return "keep"
    return "no"  # nothing clear: keep nothing


def read_answers(answer: str, names: list[str]) -> dict[str, str]:
    """The attribute values an answer to the card gives: the quick answers it names (by words
    or, for a single field, by number), an age in years put in its band, or the answer in the
    person's own words (``answers`` in attributes.yaml, then what :func:`stated` reads)."""
    text = answer.strip().lower()
    out: dict[str, str] = {}
    for name in names:
        spec = attribute(name)
        if len(names) == 1 and re.fullmatch(r"\d", text) and 1 <= int(text) <= len(spec.choices):
            out[name] = spec.choices[int(text) - 1]
            continue
        if name == "age":
            years = re.search(r"\b(\d{1,2})\b", text)
            if years:
                out[name] = _age_band(int(years.group(1)))
                continue
        for choice in sorted(spec.choices, key=len, reverse=True):
            if _said(re.compile(rf"\b{re.escape(choice.lower())}\b"), text):
                out[name] = choice
                break
        else:  # their own words, or what they say of themselves ("my wife worries")
            value = in_own_words(name, text) or stated(answer).get(name)
            if value:
                out[name] = value
    return out


_NEGATED = re.compile(r"\b(?:not|no|never|nor)\s+(?:\w+\s+)?$|n't\s+(?:\w+\s+)?$")


@cache
def _answer_patterns() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    out = {}
    for name, readings in config().get("answers", {}).items():
        choices = config()["attributes"][name]["choices"]
        for reading in readings:
            if reading["value"] not in choices:
                raise ValueError(f"attributes.yaml: answers: {reading['value']!r} is not a "
                                 f"choice of {name}")
        out[name] = tuple((r["value"], re.compile(r["pattern"], re.IGNORECASE))
                          for r in readings)
    return out


def in_own_words(name: str, answer: str) -> str | None:
    """The choice of attribute ``name`` an answer gives in its own words ("I have a heart
    condition": a long-term condition), or None; a match right after a negation does not
    count ("I'm not pregnant")."""
    return next((value for value, pattern in _answer_patterns().get(name, ())
                 if _said(pattern, answer)), None)


def _said(pattern: re.Pattern[str], answer: str) -> bool:
    """Whether ``answer`` says ``pattern`` other than right after a negation."""
    return any(not _NEGATED.search(answer[max(0, m.start() - 20):m.start()])
               for m in pattern.finditer(answer))


def _age_band(years: int) -> str:
    for limit, band in ((18, "under 18"), (25, "18 to 24"), (45, "25 to 44"), (65, "45 to 64")):
        if years < limit:
            return band
    return "65 or over"
