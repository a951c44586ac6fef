"""Simulated users: personas with hidden preferences, and people who answer as them.

A persona (``data/personas/<id>.yaml``) holds a short description, sparse hidden preferences
(only the dimensions that matter to that person), standing instructions, safety attributes and
scripted sessions of requests; each request names the dimensions that bear on it. Two users
answer Tacit's questions from a persona: :class:`RuleUser` always truthfully, :class:`ModelUser`
through the ``simulated_user`` model role (constrained to the offered choices).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, Protocol

import yaml
from pydantic import BaseModel, create_model

from agents import prompts
from agents.llm import ChatModel
from assistant.errors import InputError
from memory.preferences import NO_PREFERENCE, catalog, match_answer


@dataclass(frozen=True)
class Request:
    text: str
    needs: tuple[str, ...] = ()


@dataclass
class Persona:
    id: str
    name: str
    about: str
    preferences: dict[str, str]
    sessions: list[list[Request]]
    answers: dict[str, str] = field(default_factory=dict)
    standing_instructions: list[str] = field(default_factory=list)
    safety: dict[str, Any] = field(default_factory=dict)
    style: str = ""

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Persona:
        prefs = {str(k): str(v) for k, v in (raw.get("preferences") or {}).items()}
        for dim, value in prefs.items():
            if dim not in catalog() or value not in catalog()[dim].values:
                raise InputError(f"Persona {raw.get('id')}: unknown preference {dim}={value}.",
                                 fix="Use a dimension and value from data/preferences.yaml.")
        sessions = [[Request(str(r["text"]), tuple(r.get("needs") or ())) for r in session]
                    for session in raw.get("sessions") or []]
        return cls(str(raw["id"]), str(raw["name"]), str(raw.get("about", "")), prefs, sessions,
                   {str(k): str(v) for k, v in (raw.get("answers") or {}).items()},
                   list(raw.get("standing_instructions") or []), dict(raw.get("safety") or {}),
                   str(raw.get("style", "")))

    def describe_preferences(self) -> str:
        cat = catalog()
        return "; ".join(f"{d.replace('_', ' ')}: {cat[d].label(v)}"
                         for d, v in self.preferences.items()) or "nothing in particular"


def personas_dir() -> Path:
    return Path(str(files("data").joinpath("personas")))


def load_personas(folder: Path | None = None, only: list[str] | None = None) -> list[Persona]:
    """The personas in ``folder`` (default: the shipped ones), optionally only some ids."""
    folder = folder or personas_dir()
    found = {p.stem: p for p in sorted(folder.glob("*.yaml"))}
    if only:
        missing = [p for p in only if p not in found]
        if missing:
            raise InputError(f"No persona named {', '.join(missing)}.",
                             fix=f"Choose from: {', '.join(found)}.")
        found = {k: found[k] for k in only}
    return [Persona.from_dict(yaml.safe_load(p.read_text("utf-8"))) for p in found.values()]


class SimulatedUser(Protocol):
    persona: Persona

    def answer(self, question: dict[str, Any]) -> str: ...


@dataclass
class RuleUser:
    """Answers every question truthfully from the persona; "no preference" when it has none."""

    persona: Persona

    def answer(self, question: dict[str, Any]) -> str:
        dim = str(question.get("dimension", ""))
        value = self.persona.preferences.get(dim)
        if value is None or dim not in catalog():
            return "No preference."
        return self.persona.answers.get(dim) or catalog()[dim].label(value)


@dataclass
class ModelUser:
    """Answers through a model playing the persona; falls back to the rules if it fails."""

    persona: Persona
    model: ChatModel
    failures: list[str] = field(default_factory=list)

    def answer(self, question: dict[str, Any]) -> str:
        choices = [str(c) for c in question.get("choices") or []]
        if not choices:
            return RuleUser(self.persona).answer(question)
        options: Any = Literal[tuple(choices)]
        schema: type[BaseModel] = create_model("Answer", choice=(options, ...))
        text = prompts.render("simulated_user", person=self.persona.name,
                              about=self.persona.about,
                              preferences=self.persona.describe_preferences(),
                              question=question.get("text", ""), choices=", ".join(choices))
        result = self.model.structured([{"role": "user", "content": text}], schema)
        if result.value is None:
            self.failures.append(result.error or "no answer")
            return RuleUser(self.persona).answer(question)
        return str(result.value.choice)  # type: ignore[attr-defined]


def truthful(persona: Persona, question: dict[str, Any], answer: str) -> bool:
    """Whether ``answer`` tells the truth about the persona's preference on the question."""
    dim = catalog().get(str(question.get("dimension", "")))
    if dim is None:
        return False
    said = match_answer(dim, answer, list(question.get("choices") or []) or None)
    return said == persona.preferences.get(dim.name, NO_PREFERENCE)
