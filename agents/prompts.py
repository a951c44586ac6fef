"""Prompt templates live as files in ``prompts/``; each declares the variables it takes.

A template starts with a header line ``variables: a, b`` and a line ``---``; the body uses
``$a``-style placeholders. Rendering with a missing or an undeclared variable is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from string import Template


@dataclass(frozen=True)
class Prompt:
    name: str
    variables: frozenset[str]
    body: str

    def render(self, **values: object) -> str:
        given = set(values)
        if given != self.variables:
            missing, extra = self.variables - given, given - self.variables
            raise ValueError(f"prompt '{self.name}': missing {sorted(missing)}, "
                             f"undeclared {sorted(extra)}")
        return Template(self.body).substitute({k: str(v) for k, v in values.items()})


def names() -> list[str]:
    """Every template shipped in ``prompts/``."""
    return sorted(p.name.removesuffix(".md") for p in files("prompts").iterdir()
                  if p.name.endswith(".md"))


@cache
def load(name: str) -> Prompt:
    """The template called ``name`` (``prompts/<name>.md``)."""
    raw = files("prompts").joinpath(f"{name}.md").read_text("utf-8")
    header, sep, body = raw.partition("\n---\n")
    if not sep or not header.startswith("variables:"):
        raise ValueError(f"prompt '{name}' lacks its 'variables:' header")
    declared = {v.strip() for v in header.removeprefix("variables:").split(",") if v.strip()}
    return Prompt(name, frozenset(declared), body.strip("\n"))


def render(name: str, **values: object) -> str:
    return load(name).render(**values)
