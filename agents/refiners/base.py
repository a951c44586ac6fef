"""The refiner contract: what a reviewer sees, what it returns, and how it may use a model.

A refiner reads the draft against a :class:`Situation` (what Tacit knows this turn: the
request, current and past facts about the person, standing instructions, preferences, the
conversation so far) and returns :class:`Finding` s. A finding whose ``fix`` is known is applied
by code; the rest go to the single model repair the planner may spend (``needs``: ``add`` asks
the model for text to append, ``rewrite`` for the reply rewritten).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Literal, Protocol, runtime_checkable

from agents.llm import ChatModel, Message, fit_message
from memory.statements import own_request
from memory.tuning import RecallTuning

Severity = Literal["error", "warning"]
Needs = Literal["", "add", "rewrite", "lead"]


@dataclass(frozen=True)
class Finding:
    """One problem a refiner found in the draft.

    ``span`` is the exact text of the draft at fault (for an unanswered part, the part of the
    request left unanswered); ``fix`` replaces it when the refiner knows the right text (``""``
    deletes it), else ``None``; ``ask`` says, for the model repair, what to change.
    """

    refiner: str
    kind: str
    span: str
    severity: Severity = "error"
    fix: str | None = None
    ask: str = ""
    needs: Needs = ""
    model_used: bool = False
    last: bool = False   # its last occurrence is meant (a sentence said again, a cut-off end)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Situation:
    """What the draft is checked against (built from the turn state, or a benchmark item)."""

    request: str
    draft: str = ""                                        # the draft the plan is made for
    facts: list[str] = field(default_factory=list)        # current facts about the person
    past_facts: list[str] = field(default_factory=list)   # facts superseded since
    instructions: list[str] = field(default_factory=list)  # standing instructions in force
    preferences: dict[str, str] = field(default_factory=dict)  # known preferences
    history: list[dict[str, str]] = field(default_factory=list)  # {"role", "text"}, oldest first
    recalled: list[str] = field(default_factory=list)     # recalled turns and summaries
    hit_cap: bool = False                                  # the draft stopped at the token cap

    @cached_property
    def asked(self) -> str:
        """What the person asks, for checks of the request itself (its language, its parts,
        what it bears on): the whole request when short; of a long paste, their own words
        around it, cut to a bounded length, so a 200 KB paste costs what a line does."""
        short = len(self.request) <= RecallTuning.defaults().request_chars
        return self.request if short else own_request(self.request)

    def said_by(self, role: str) -> list[str]:
        return [h["text"] for h in self.history if h.get("role") == role]


PER_MESSAGE = 8  # tokens a chat template adds around each message
# The most of the person's message one call reads. A repair then costs the same whatever they
# pasted: a 16 KB paste of code read whole made the reply wait 51 s for one repair.
REQUEST_TOKENS = 512


class ModelCalls:
    """The model calls refinement may still spend this turn; every call goes through here."""

    def __init__(self, model: ChatModel | None, budget: int,
                 request_tokens: int = REQUEST_TOKENS) -> None:
        self.model, self.left, self.used = model, budget if model is not None else 0, 0
        self.request_tokens = request_tokens

    def request(self, state: Situation) -> str:
        """The person's message as a call reads it: at most ``request_tokens``, its beginning
        and end kept (where the ask stands) and the middle marked as left out."""
        if self.model is None:
            return state.request
        return fit_message(self.model, state.request, self.request_tokens)[0]

    def complete(self, messages: list[Message], max_tokens: int) -> str | None:
        """The model's reply, or None when no model is set, the budget is spent, or the
        messages would not fit the model's context (a pasted document as the request)."""
        if self.model is None or self.left <= 0:
            return None
        asked = sum(self.model.count_tokens(m["content"]) + PER_MESSAGE for m in messages)
        if asked + max_tokens > self.model.context_window:
            return None
        self.left -= 1
        self.used += 1
        return self.model.complete(messages, max_tokens=max_tokens, temperature=0.0)


@dataclass
class ReviewContext:
    """What a review may spend: model calls (``model_checks`` lets a review ask the model)."""

    calls: ModelCalls
    model_checks: bool = False


@runtime_checkable
class Refiner(Protocol):
    """A reviewer of one concern. ``stage`` orders refiners that run on the same draft."""

    name: str
    stage: int
    concern: str   # what it checks, in words (shown in the trace and to a model review)

    def needed(self, state: Situation) -> bool:
        """Whether this draft could have anything for this refiner to find (no model call)."""
        ...

    def review(self, draft: str, state: Situation, ctx: ReviewContext) -> list[Finding]:
        """The problems found in ``draft``; deterministic checks first."""
        ...


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[str]]:
    """``text`` with every known fix applied (each span replaced once, however many checks
    found it: a cut-off end that is also the start of an earlier sentence would otherwise
    lose that sentence's start); the changes made."""
    changes: list[str] = []
    removed = False
    applied: set[tuple[str, str]] = set()
    for finding in findings:
        if finding.fix is None or finding.span not in text or finding.span == finding.fix:
            continue
        if (finding.span, finding.fix) in applied:
            continue  # two checks found the same thing: once is the fix ("a 10" cut off)
        applied.add((finding.span, finding.fix))
        removed = removed or finding.fix == ""
        if finding.last:
            head, _, tail = text.rpartition(finding.span)
            text = head + finding.fix + tail
        else:
            text = text.replace(finding.span, finding.fix, 1)
        what = (f"removed '{_short(finding.span)}'" if finding.fix == "" else
                f"'{_short(finding.span)}' -> '{_short(finding.fix)}'")
        changes.append(f"{finding.refiner}/{finding.kind}: {what}")
    if removed:  # an item's text removed leaves its marker alone on the line ("4.")
        text = _BARE_MARKER.sub("", text)
    return tidy(text), changes


_BARE_MARKER = re.compile(r"(?m)^[ \t]*(?:[-*•]|\d+[.)])[ \t]*(?:\n|$)")


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tidy(text: str) -> str:
    """Spacing left by removed text: doubled spaces, space before punctuation, blank runs."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"(?m)^[ \t]+(?=\S)(?![-*•\d])", "", text)
    return text.strip()
