"""The memory part of recall: TaciTree descent within the retrieval budget, traced.

Each entry says through which branch of the tree it came (topic → session → turn), whether
it matched by meaning or by words, and what it cost; the trace keeps all of that but never
the text itself, so forgetting a memory leaves nothing of it in older traces.
"""

from __future__ import annotations

from typing import Any

from agents.state import TurnContext


def memory_context(ctx: TurnContext, user_id: str, message: str,
                   skip: set[str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(entries for the prompt, best first; the trace of how they were found)."""
    found = ctx.memory.tree.descend(user_id, message, ctx.retrieval_budget,
                                    count_tokens=ctx.model.count_tokens, exclude=skip)
    recalled = [{"id": e.id, "kind": e.kind, "text": e.text, "score": round(e.score, 5),
                 "matched_by": e.matched_by, "session_id": e.session_id, "tokens": e.tokens,
                 "branch": e.branch, "current": e.current}
                for e in found.entries]
    trace = {"retrieved": [e.trace() for e in found.entries], "tokens": found.tokens,
             "budget": found.budget, "method": "tacitree", "path": found.path}
    return recalled, trace
