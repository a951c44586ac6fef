"""memorize: store the turn whole (SQL, lexical and vector rows together) after the reply.

Extraction of facts, preferences and instructions joins here through their own issues.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.elicit import remember
from agents.memory_upkeep import update_memory
from agents.noting import prepare
from agents.safety import keep_learned
from agents.state import TurnContext, TurnState


def memorize(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    trace = dict(state.get("trace") or {})
    # Instructions and preferences the user just gave; the reply says what was noted.
    ctx = runtime.context
    recent = state.get("recent") or []
    noting = prepare(ctx.memory, state["user_id"], state["message"],
                     previous_reply=recent[-1]["assistant"] if recent else "",
                     model=ctx.extractor or ctx.model)
    reply = state["reply"]
    if noting.note():
        runtime.stream_writer({"token": noting.note()})
        reply += noting.note()
    turn = runtime.context.memory.record_turn(
        state["user_id"], state["session_id"], state["message"], reply, trace
    )
    noting.commit(ctx.memory, state["user_id"], turn.id)
    learned = remember(runtime.context.memory, state, turn.id)  # preferences, with provenance
    keep_learned(ctx.memory, state, turn.id)  # sensitive answers, only with the person's consent
    kept = update_memory(runtime.context, dict(state), turn.id)  # facts and the memory tree
    return {"turn_id": turn.id, "reply": reply,
            "trace": {"turn_id": turn.id, "profile_learned": learned, "memory": kept,
                      "noted": noting.trace()}}
