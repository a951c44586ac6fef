"""recall: what Tacit already knows that bears on this message, within a token budget.

Now: hybrid (dense + BM25, fused) search over past turns and memory items, plus the
current session's latest turns verbatim. The memory tree and standing instructions join
here through their own issues.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.state import TurnContext, TurnState

SEARCH_K = 12


def recall(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    ctx = runtime.context
    user_id, session_id, message = state["user_id"], state["session_id"], state["message"]
    recent_turns = ctx.memory.turns(user_id, session_id, last=ctx.recent_turns)
    in_window = {t.id for t in recent_turns}
    recalled: list[dict[str, Any]] = []
    spent = 0
    for hit in ctx.memory.search(user_id, message, k=SEARCH_K):
        if hit.id in in_window:
            continue  # already in the prompt verbatim
        entry = f"[{hit.created_at:%Y-%m-%d}] {hit.text}"
        cost = ctx.model.count_tokens(entry)
        if spent + cost > ctx.retrieval_budget:
            continue  # a shorter entry further down may still fit
        spent += cost
        recalled.append({"id": hit.id, "kind": hit.kind, "text": entry,
                         "score": round(hit.score, 5), "matched_by": hit.matched_by,
                         "session_id": hit.session_id, "tokens": cost})
    recent = [{"user": t.user_text, "assistant": t.reply_text} for t in recent_turns]
    return {
        "recent": recent,
        "recalled": recalled,
        "trace": {"recall": {"retrieved": [{k: v for k, v in r.items() if k != "text"}
                                           for r in recalled],
                             "tokens": spent, "budget": ctx.retrieval_budget,
                             "recent_turns": len(recent)}},
    }
