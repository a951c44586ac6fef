"""recall: what Tacit already knows that bears on this message, within a token budget.

TaciTree descent over past turns, session and topic summaries and current facts
(``memory.tree``; ``Memory.search`` stays as the flat hybrid baseline), the stated
preferences that bear on the request, and the current session's latest turns.

Preferences and memory share one budget (``retrieval_budget``): preferences come first, the
tree fills what they leave. Tacit's own past replies reach the prompt only as material: their
footers removed, a reply that repeated an earlier one (or said nothing) left out, so the model
is never shown its own boilerplate to copy (``agents.replies``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from langgraph.runtime import Runtime

from agents.contract import (
    AppliedInstruction,
    InstructionsTrace,
    RecalledEntry,
    RecallTrace,
    TurnTrace,
)
from agents.instructions import for_request
from agents.memory_context import called, memory_context
from agents.preference_recall import preferences_for
from agents.replies import usable_replies, without_footers
from agents.state import TurnContext, TurnState
from agents.tuning import TurnTuning
from memory.statements import own_request

_DATED = re.compile(r"^\[(?P<day>[\d-]+)\]\s*\((?P<label>[^)]*)\)\s*(?P<text>.*)$", re.S)


def attributed(entry: RecalledEntry, user: str, count: Callable[[str], int]) -> RecalledEntry:
    """A preference entry in plain words, said by the person: the model reading "[2026-12-02]
    (preference) I'm vegetarian" in its notes takes up the transcript and the first person."""
    found = _DATED.match(entry.text)
    if found is None:
        return entry
    maybe = "; it may not bear on this" if "only if" in found["label"] else ""
    text = f"{user} said ({found['day']}{maybe}): {found['text'].strip()}"
    return entry.model_copy(update={"text": text, "tokens": count(text)})


def recent_exchanges(turns: list[Any]) -> list[dict[str, str]]:
    """This session's turns as prompt material: replies cleaned, repeats and empty ones out."""
    replies = usable_replies([t.reply_text for t in turns])
    out = []
    for turn, reply in zip(turns, replies, strict=True):
        flagged = bool(((turn.trace or {}).get("respond") or {}).get("repeats"))
        # "said" keeps what the reply was (footers aside), for telling a repeat in respond.
        out.append({"user": turn.user_text, "assistant": "" if flagged else reply,
                    "said": without_footers(turn.reply_text)})
    return out


def said_before(memory: Any, user_id: str, session_id: str,
                tuning: TurnTuning | None = None) -> dict[str, str]:
    """Tacit's latest replies in the person's previous sessions (footers removed), by turn
    id: a new reply that repeats one of them is a reply the person has already read. How many
    sessions and replies: ``said_before_sessions`` and ``said_before_replies`` of ``tuning``."""
    tuning = tuning or TurnTuning.defaults()
    earlier = [s for s, count in memory.sessions(user_id) if s.id != session_id and count]
    return {t.id: without_footers(t.reply_text) for s in earlier[:tuning.said_before_sessions]
            for t in memory.turns(user_id, s.id, last=tuning.said_before_replies)}


def since_changed(memory: Any, user_id: str) -> set[str]:
    """The turns that told a preference or fact since replaced, and no preference still held:
    recalled, "I'm vegetarian and I don't like mushrooms" went into the prompt after "I'm not
    vegetarian anymore, I eat fish now" had replaced it. What else such a turn told and is
    still true (the mushrooms, kept as a fact) is recalled from the facts."""
    kept = [i for kind in ("preference", "fact")
            for i in memory.items(user_id, kind, include_past=True)]
    replaced = {t for i in kept if i.valid_to is not None for t in i.provenance}
    held = {t for i in kept if i.valid_to is None and i.kind == "preference"
            for t in i.provenance}
    return replaced - held


def recall(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    ctx = runtime.context
    user_id, session_id = state["user_id"], state["session_id"]
    # A pasted document is not a search query.
    query = own_request(state["message"], ctx.memory.tuning)
    recent_turns = ctx.memory.turns(user_id, session_id, last=ctx.recent_turns)
    in_window = {t.id for t in recent_turns}
    recent = recent_exchanges(recent_turns)
    # Stated preferences first (agents/preference_recall.py), then the tree in what is left.
    preferences = [attributed(p, called(ctx.memory, user_id), ctx.model.count_tokens)
                   for p in preferences_for(ctx.memory, user_id, query, ctx.model.count_tokens)]
    spent, kept_preferences = 0, []
    for pref in preferences:
        if spent + pref.tokens <= ctx.retrieval_budget:
            kept_preferences.append(pref)
            spent += pref.tokens
    firsts = {p.id for p in kept_preferences}
    recalled, memory_trace = memory_context(ctx, user_id, query,
                                            in_window | firsts | since_changed(ctx.memory, user_id),
                                            ctx.retrieval_budget - spent)
    spent += memory_trace.tokens
    recalled = [*kept_preferences, *(r for r in recalled if r.id not in firsts)]
    # Standing instructions that apply (agents/instructions.py).
    chosen = for_request(ctx.memory, user_id, query, recent,
                         trigger_similarity=ctx.tuning.trigger_similarity)
    replies = said_before(ctx.memory, user_id, session_id, ctx.tuning)
    return {
        # "Milo has stopped eating" is of their cat: what the turn's message means
        "said": ctx.memory.facts.with_theirs_named(user_id, state["message"]),
        "recent": recent,
        # The ids go into the checkpoint with the texts: forgetting one of those turns finds
        # (and purges) this conversation's checkpoint through them.
        "said_before": list(replies.values()),
        "said_before_turns": list(replies),
        "recalled": recalled,
        "instructions": [AppliedInstruction(**a.as_dict()) for a in chosen.applicable],
        "trace": TurnTrace(
            recall=RecallTrace(retrieved=[r.traced() for r in recalled], tokens=spent,
                               budget=ctx.retrieval_budget, recent_turns=len(recent),
                               method=memory_trace.method, path=memory_trace.path),
            instructions=InstructionsTrace.model_validate(chosen.trace())),
    }
