"""Learning from a stored turn, after its reply is shown: what Tacit keeps from it.

``learn`` notes the instructions and preferences the person gave (``agents.noting``, which may
ask the extractor model), writes what the turn taught about their preferences
(``agents.elicit.remember``), learns their facts and keeps the memory tree current
(``agents.memory_upkeep``). What was noted becomes footer lines on the turn ("Noted
instruction: ..."), shown under the reply and never part of it. Everything it writes names the
turn as its source, so forgetting the turn forgets it.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from agents.contract import LearningTrace, TurnTrace
from agents.elicit import remember
from agents.memory_upkeep import update_memory
from agents.noting import prepare
from agents.state import TurnContext, TurnState


@dataclass
class Learned:
    """What learning from one turn produced; ``error`` says why it stopped, if it did."""

    turn_id: str
    footer: str = ""
    trace: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def learn(ctx: TurnContext, state: TurnState, turn_id: str) -> Learned:
    """Learn from the stored turn ``turn_id`` (``state`` is the turn's final state)."""
    started = time.perf_counter()
    user = state["user_id"]
    recent = state.get("recent") or []
    # "I don't want to be here anymore." is no taste: a message read as a crisis, or as a
    # possible one, notes no preference or rule ("Noted preference" was shown under the
    # crisis reply).
    found = state.get("safety")
    crisis = found is not None and (bool(found.crisis) or found.crisis_level != "none")
    noting = prepare(ctx.memory, user, "" if crisis else state["message"],
                     previous_reply=recent[-1]["assistant"] if recent else "",
                     model=ctx.extractor or ctx.model, tuning=ctx.tuning)
    noting.commit(ctx.memory, user, turn_id)
    learned = remember(ctx.memory, state, turn_id)
    kept = update_memory(ctx, state, turn_id)
    footer = noting.note().strip()
    trace = TurnTrace(profile_learned=learned, memory=kept, noted=noting.trace(),
                      learning=LearningTrace(ms=round((time.perf_counter() - started) * 1000, 2)))
    ctx.memory.annotate_turn(user, turn_id, footer, learning_sections(trace))
    return Learned(turn_id, footer, learning_sections(trace))


def record_failure(ctx: TurnContext, user: str, turn_id: str, error: BaseException) -> Learned:
    """Learning failed: the turn stays as stored, and its trace says what was not learned."""
    reason = f"{type(error).__name__}: {error}"[:300]
    with contextlib.suppress(Exception):  # a failing store: the returned error says enough
        ctx.memory.annotate_turn(user, turn_id, trace=learning_sections(
            TurnTrace(learning=LearningTrace(error=reason))))
    return Learned(turn_id, error=reason)


def learning_sections(trace: TurnTrace) -> dict[str, Any]:
    """The sections learning adds to a stored turn's trace, as JSON (its version aside: the
    turn's own trace carries that)."""
    return {k: v for k, v in trace.as_json().items() if k != "version"}
