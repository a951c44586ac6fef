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

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from agents import prompts
from agents.contract import CardField, QuestionCard

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
    weight: float
    gain: float
    chosen: bool = False
    why: str = ""


@cache
def config() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(
        files("data").joinpath("safety/attributes.yaml").read_text("utf-8"))
    return raw


def attribute(name: str) -> Attribute:
    spec = config()["attributes"][name]
    return Attribute(name, spec["question"], tuple(spec["choices"]), tuple(spec["risk"]))


def wants_specifics(message: str) -> bool:
    """Whether the request asks for dangerous specifics (amounts, heights, means, fasts)."""
    return any(re.search(p, message, re.IGNORECASE) for p in config()["dangerous_specifics"])


def bears_on(name: str, message: str) -> bool:
    """Whether the request's own words bear on attribute ``name``."""
    return re.search(config()["cues"][name], message, re.IGNORECASE) is not None


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


def options(domain: str, known: dict[str, str], *, message: str = "",
            specifics: bool = False, sub_area: str | None = None,
            domain_score: float = 0.0) -> list[Option]:
    """Every attribute with its value of asking, best first; the chosen ones marked.

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
    difficulty = troubled(message) or domain_score >= cfg["sure_domain_score"]
    task = bool(message) and not specifics and (just_a_task(message) or not difficulty)
    ranked: list[Option] = []
    for name in ATTRIBUTES:
        cued = bears_on(name, message) or (specifics and name == "past_self_harm_history")
        gain = weights.get(name, 0.0) * cfg["prior_scale"] + (cfg["cue_bonus"] if cued else 0.0)
        ranked.append(Option(name, weights.get(name, 0.0), round(gain, 4),
                             why="request bears on it" if cued else "domain prior"))
    ranked.sort(key=lambda o: (o.gain, o.weight), reverse=True)
    chosen = 0
    for option in ranked:
        if option.attribute in known:
            option.why = "already known"
        elif task:
            option.why = "tells of no difficulty: nothing to ask"
        elif chosen >= cfg["most_per_turn"]:
            option.why = f"at most {cfg['most_per_turn']} questions a turn"
        elif option.gain < cfg["ask_threshold"]:
            option.why = f"worth {option.gain:.2f} < {cfg['ask_threshold']}"
        else:
            option.chosen, chosen = True, chosen + 1
            option.why = f"worth {option.gain:.2f} ({option.why})"
    return sorted(ranked, key=lambda o: (o.chosen, o.gain), reverse=True)


def plan_questions(domain: str, known: dict[str, str], *, domain_score: float = 1.0,
                   message: str = "", specifics: bool = False,
                   sub_area: str | None = None) -> list[str]:
    """The attributes worth asking for this request, most valuable first (at most three).

    ``message`` is the request (its words make some attributes matter more); without it the
    plan rests on the domain's priors alone.
    """
    if domain_score < config()["min_domain_score"]:
        return []
    chosen = options(domain, known, message=message, specifics=specifics, sub_area=sub_area,
                     domain_score=domain_score)
    return [o.attribute for o in chosen if o.chosen]


def at_risk(known: dict[str, str]) -> list[str]:
    """The known answers that put the person at risk ("past_self_harm_history=yes, ...")."""
    out = []
    for name, value in known.items():
        if name in ATTRIBUTES and value in attribute(name).risk:
            out.append(f"{name}={value}")
    return out


def guidance(domain: str | None, known: dict[str, str], *, withhold: bool) -> str:
    """The responder's safety guidance for this person, rendered from ``prompts/``."""
    advice = config()["advice"]
    base = advice["domains"].get(domain or "")
    notes = [advice["values"][f"{n}={v}"] for n, v in sorted(known.items())
             if f"{n}={v}" in advice["values"]]
    if withhold:
        notes.insert(0, advice["withhold"])
    if base is None and not notes:
        return ""
    if base is None:
        return prompts.render("safety_notes", notes="\n".join(f"- {n}" for n in notes))
    return prompts.render(
        "safety_guidance", domain=domain.replace("_", " ") if domain else "",
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
    said = ", ".join(f"{n.replace('_', ' ')}: {v}" for n, v in learned.items())
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
    or, for a single field, by number), and an age in years put in its band."""
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
            if re.search(rf"\b{re.escape(choice.lower())}\b", text):
                out[name] = choice
                break
    return out


def _age_band(years: int) -> str:
    for limit, band in ((18, "under 18"), (25, "18 to 24"), (45, "25 to 44"), (65, "45 to 64")):
        if years < limit:
            return band
    return "65 or over"
