"""Persona refiner (MARA): does the reply honour what Tacit *knows* the person prefers?

Only known preferences (answered, stated, or held with high confidence) are checked, never
guesses. Each preference has a check on the reply and a repair:

- soft preferences a small model ignores even when told:
  - learning style: *steps* turns the sentences into a numbered list; *examples* and
    *analogies* ask the model for one short example or comparison and add it;
  - detail: a *brief* reply is cut to its first sentences; a *detailed* one that came out
    short is continued by the model;
- hard constraints (``agents.honour``): quantities in the wanted unit system, no food the
  diet excludes, nothing planned at the time of day the person avoids.

Hard constraints run last, so text a repair adds is held to them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agents import prompts
from agents.honour import ENFORCED, Honoured
from agents.llm import ChatModel

BRIEF_WORDS = 80        # a brief answer is at most this long ...
BRIEF_SENTENCES = 3     # ... and is cut to this many sentences when it is not
ADDITION_TOKENS = 48    # one added example, comparison or paragraph
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_NUMBERED = re.compile(r"(?m)^\s*(\d+[.)]|step \d)", re.IGNORECASE)
_BULLET = re.compile(r"(?m)^(\s*)[-*•]\s+")
_EXAMPLE = re.compile(r"\b(for example|e\.g\.|for instance|example)\b", re.IGNORECASE)
_ANALOGY = re.compile(r"\b(like a|like an|is like|imagine|think of it as|analogy|similar to)\b",
                      re.IGNORECASE)

Addition = Callable[[str, str], str]   # (draft, ask) -> the model's added text


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def as_steps(text: str) -> Honoured:
    """A reply without numbered steps, as one numbered step per sentence."""
    if len(_NUMBERED.findall(text)) >= 2 or "```" in text:
        return Honoured(text)
    bullets = _BULLET.findall(text)
    if len(bullets) >= 2:  # a bulleted list already holds the steps: number them
        count = iter(range(1, len(bullets) + 1))
        numbered = _BULLET.sub(lambda m: f"{m.group(1)}{next(count)}. ", text)
        return Honoured(numbered, [f"numbered {len(bullets)} list items"])
    parts = _sentences(" ".join(text.split()))
    if len(parts) < 2:
        return Honoured(text)
    numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(parts, 1))
    return Honoured(numbered, [f"numbered {len(parts)} steps"])


def cut_short(text: str) -> Honoured:
    """A reply longer than a brief answer, cut to its first sentences."""
    if words(text) <= BRIEF_WORDS or "```" in text:
        return Honoured(text)
    parts = _sentences(text)
    kept: list[str] = []
    for sentence in parts[:BRIEF_SENTENCES]:
        if kept and words(" ".join([*kept, sentence])) > BRIEF_WORDS:
            break
        kept.append(sentence)
    if len(kept) == len(parts):
        return Honoured(text)
    return Honoured(" ".join(kept), [f"cut to {len(kept)} of {len(parts)} sentences"])


def _added(text: str, extra: str, lead: str, what: str) -> Honoured:
    extra = " ".join(extra.split())
    if words(extra) < 4:
        return Honoured(text)
    if not extra.lower().startswith(lead.lower().rstrip(",: ")):
        extra = f"{lead}{extra[0].lower()}{extra[1:]}" if lead.endswith(", ") else lead + extra
    return Honoured(f"{text.rstrip()}\n\n{extra}", [f"added {what}: '{extra}'"])


def with_example(text: str, add: Addition) -> Honoured:
    if _EXAMPLE.search(text):
        return Honoured(text)
    return _added(text, add(text, prompts.render("refine_example")), "For example, ", "an example")


def with_analogy(text: str, add: Addition) -> Honoured:
    if _ANALOGY.search(text):
        return Honoured(text)
    return _added(text, add(text, prompts.render("refine_analogy")), "An analogy: ",
                  "an analogy")


def made_longer(text: str, add: Addition) -> Honoured:
    if words(text) > BRIEF_WORDS:
        return Honoured(text)
    extra = " ".join(add(text, prompts.render("refine_more")).split())
    if words(extra) < 4:
        return Honoured(text)
    return Honoured(f"{text.rstrip()}\n\n{extra}", [f"continued: '{extra}'"])


def plan(known: dict[str, str]) -> list[str]:
    """The repairs this turn's known preferences call for, in the order they run."""
    steps = []
    style = known.get("learning_style")
    if style in ("steps", "examples", "analogies"):
        steps.append(f"learning_style={style}")
    if known.get("detail") in ("brief", "detailed"):
        steps.append(f"detail={known['detail']}")
    steps += [f"{d}={known[d]}" for d in ENFORCED if d in known]
    return steps


def addition(model: ChatModel, request: str) -> Addition:
    """Ask ``model`` for a short addition to its own answer to ``request``."""
    def add(draft: str, ask: str) -> str:
        messages = [{"role": "user", "content": request},
                    {"role": "assistant", "content": draft},
                    {"role": "user", "content": ask}]
        return model.complete(messages, max_tokens=ADDITION_TOKENS)
    return add


def refine_persona(text: str, known: dict[str, str], add: Addition) -> Honoured:
    """``text`` repaired against every known preference in ``known``; each change listed."""
    result = Honoured(text)
    for step in plan(known):
        dimension, value = step.split("=", 1)
        if step == "learning_style=steps":
            out = as_steps(result.text)
        elif step == "learning_style=examples":
            out = with_example(result.text, add)
        elif step == "learning_style=analogies":
            out = with_analogy(result.text, add)
        elif step == "detail=brief":
            out = cut_short(result.text)
        elif step == "detail=detailed":
            out = made_longer(result.text, add)
        else:
            out = ENFORCED[dimension](result.text, value)
        result = Honoured(out.text, result.changes + [f"{dimension}: {c}" for c in out.changes])
    return result
