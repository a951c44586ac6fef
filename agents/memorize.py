"""memorize: store the turn whole (SQL, lexical and vector rows together) after the reply.

Extraction of facts, preferences and instructions joins here through their own issues.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.state import TurnContext, TurnState


def memorize(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    trace = dict(state.get("trace") or {})
    turn = runtime.context.memory.record_turn(
        state["user_id"], state["session_id"], state["message"], state["reply"], trace
    )
    return {"turn_id": turn.id, "trace": {"turn_id": turn.id}}
