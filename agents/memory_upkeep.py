"""After a turn is stored: learn its facts and keep the memory tree current.

Leaving a session closes it: the next turn in another session summarizes every session the
user has left into the tree. Coming back to a closed session reopens it.
"""

from __future__ import annotations

import time
from typing import Any

from agents.learn_facts import learn_facts
from agents.state import TurnContext
from agents.summarize import make_summarizer


def update_memory(ctx: TurnContext, state: dict[str, Any], turn_id: str) -> dict[str, Any]:
    """Facts first (session nodes list them), then the tree; returns the trace."""
    started = time.perf_counter()
    user_id, session_id = state["user_id"], state["session_id"]
    facts = learn_facts(ctx.memory, state, turn_id, ctx.extractor)
    tree = ctx.memory.tree
    tree.reopen(user_id, session_id)
    summarizer = make_summarizer(ctx.summarizer) if ctx.summarizer is not None else None
    closed = tree.close_open(user_id, keep=session_id, summarizer=summarizer)
    return {"facts": facts, "sessions_closed": closed,
            "ms": round((time.perf_counter() - started) * 1000, 2)}
