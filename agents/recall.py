"""recall: what Tacit already knows that bears on this message, within a token budget.

Now: TaciTree descent over past turns, session and topic summaries and current facts
(``memory.tree``, ``Memory.search`` stays as the flat hybrid baseline), plus the current
session's latest turns verbatim. The memory tree and standing instructions join
here through their own issues.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.instructions import for_request
from agents.memory_context import memory_context
from agents.preference_recall import preferences_for
from agents.state import TurnContext, TurnState

SEARCH_K = 12


def recall(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    ctx = runtime.context
    user_id, session_id, message = state["user_id"], state["session_id"], state["message"]
    recent_turns = ctx.memory.turns(user_id, session_id, last=ctx.recent_turns)
    in_window = {t.id for t in recent_turns}
    # TaciTree descent (agents/memory_context.py); turns already in the window are skipped.
    recalled, memory_trace = memory_context(ctx, user_id, message, in_window)
    spent = memory_trace["tokens"]
    recent = [{"user": t.user_text, "assistant": t.reply_text} for t in recent_turns]
    # Standing instructions that apply, and stated preferences first (agents/instructions.py).
    chosen = for_request(ctx.memory, user_id, message, recent)
    preferences = preferences_for(ctx.memory, user_id, message, ctx.model.count_tokens)
    firsts = {p["id"] for p in preferences}
    recalled = [*preferences, *(r for r in recalled if r["id"] not in firsts)]
    spent += sum(p["tokens"] for p in preferences)
    return {
        "recent": recent,
        "recalled": recalled,
        "instructions": [a.as_dict() for a in chosen.applicable],
        "trace": {"recall": {"retrieved": [{k: v for k, v in r.items() if k != "text"}
                                           for r in recalled],
                             "tokens": spent, "budget": ctx.retrieval_budget,
                             "recent_turns": len(recent),
                             "method": memory_trace["method"], "path": memory_trace["path"]},
                  "instructions": chosen.trace()},
    }
