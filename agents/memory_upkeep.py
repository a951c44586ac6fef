"""After a turn is stored: learn its facts and keep the memory tree current.

Leaving a session closes it: the next turn in another session summarizes every session the
user has left into the tree. Coming back to a closed session reopens it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from agents.capture import MODEL_CALLS as CAPTURE_CALLS
from agents.contract import MemoryUpkeepTrace
from agents.learn_facts import learn_facts
from agents.llm import ChatModel, Message, Structured
from agents.state import TurnContext, TurnState
from agents.summarize import make_summarizer

T = TypeVar("T", bound=BaseModel)
REQUEST_CALLS = 2  # a structured request and its one retry


def update_memory(ctx: TurnContext, state: TurnState, turn_id: str) -> MemoryUpkeepTrace:
    """Facts first (session nodes list them), then the tree; returns the trace.

    Model calls stay within ``learning_calls_per_turn``: noting preferences and rules may
    have taken ``CAPTURE_CALLS``; facts and the summaries of left sessions share the rest,
    and what finds no call left falls back to rules and extractive summaries.
    """
    started = time.perf_counter()
    user_id, session_id = state["user_id"], state["session_id"]
    calls = CallBudget(max(0, ctx.learning_calls_per_turn - CAPTURE_CALLS))
    extractor = calls.wrap(ctx.extractor) if ctx.extractor is not None else None
    facts = learn_facts(ctx.memory, state, turn_id, extractor)
    tree = ctx.memory.tree
    tree.reopen(user_id, session_id)
    summarizer = (make_summarizer(calls.wrap(ctx.summarizer))
                  if ctx.summarizer is not None else None)
    closed = tree.close_open(user_id, keep=session_id, summarizer=summarizer)
    return MemoryUpkeepTrace(facts=facts, sessions_closed=closed, model_calls=calls.used,
                             ms=round((time.perf_counter() - started) * 1000, 2))


@dataclass
class CallBudget:
    """How many model calls are left for this turn's bookkeeping.

    A structured request costs one call, or two when the first answer does not validate
    (backends retry once), so a request is made only while two calls are left.
    """

    left: int
    used: int = 0

    def wrap(self, model: ChatModel) -> ChatModel:
        return _Budgeted(model, self)


class _Budgeted:
    """``model`` whose structured requests draw on a :class:`CallBudget`."""

    def __init__(self, model: ChatModel, budget: CallBudget) -> None:
        self._model, self._budget = model, budget

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def structured(self, messages: list[Message], schema: type[T]) -> Structured[T]:
        if self._budget.left < REQUEST_CALLS:
            return Structured(None, error="the turn's model calls were spent")
        answer = self._model.structured(messages, schema)
        self._budget.left -= answer.attempts
        self._budget.used += answer.attempts
        return answer
