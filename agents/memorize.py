"""memorize: store the turn whole (SQL, lexical and vector rows together), and nothing else.

Storing is all that stands between the reply and the person; what Tacit learns from the turn
with a model (instructions and preferences it was told, facts, the profile, the memory tree)
is ``agents.learn``, run by the service after the reply is shown. A crash in between loses
that learning, never the turn.

The sentence stating what elicit assumed is presentation: it is kept in the turn's footer,
apart from the reply text, so recall and the recent turns never feed it back to the model.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from sqlalchemy.exc import IntegrityError

from agents.about_me import LISTED, STORED_AS
from agents.contract import TurnTrace
from agents.elicit import assumption_note
from agents.safety import keep_learned
from agents.state import TurnContext, TurnState
from assistant.errors import StoreLocked
from memory.facade import Memory
from memory.schema import Turn

# Two turns of one session stored at the same moment: the loser takes the next place.
STORE_ATTEMPTS = 3


def memorize(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    reply, footer = split_footer(state.get("reply", ""), state.get("assumptions") or [])
    trace = TurnTrace.of(state.get("trace")).as_json()
    turn = stored_before(runtime.context.memory, state, trace)
    if turn is None:
        # A listing of memory is stored as a note: forgetting a listed item leaves no copy.
        kept = STORED_AS if (trace.get("respond") or {}).get("model") == LISTED else reply
        turn = store_turn(runtime.context.memory, state["user_id"], state["session_id"],
                          state["message"], kept, trace, footer)
        # Sensitive answers the person agreed to keep: cheap, and theirs, kept with the turn.
        keep_learned(runtime.context.memory, state, turn.id)
    return {"turn_id": turn.id, "reply": reply, "footer": footer,
            "trace": TurnTrace(turn_id=turn.id)}


def split_footer(reply: str, assumptions: list[str]) -> tuple[str, str]:
    """The reply text and its footer: refine ends the reply with the assumption sentence."""
    note = assumption_note(assumptions)
    text = reply.rstrip()
    if note and text.endswith(note):
        return text[: -len(note)].rstrip(), note
    return text, ""


def stored_before(memory: Memory, state: TurnState, trace: dict[str, Any]) -> Turn | None:
    """The turn this very run stored already: a process stopped after storing it and before
    its checkpoint was saved, and the run is being finished (its ``run`` id matches)."""
    run = trace.get("run")
    if not run:
        return None
    last = memory.turns(state["user_id"], state["session_id"], last=1)
    return last[0] if last and (last[0].trace or {}).get("run") == run else None


def store_turn(memory: Memory, user_id: str, session_id: str, message: str, reply: str,
               trace: dict[str, Any], footer: str = "") -> Turn:
    """Record the turn; a place in the session taken meanwhile is retried, then refused."""
    for _ in range(STORE_ATTEMPTS):
        try:
            return memory.record_turn(user_id, session_id, message, reply, trace, footer)
        except IntegrityError:
            continue  # another process stored a turn of this session first
    raise StoreLocked("Another turn of this conversation was being stored at the same moment.",
                      fix="Send the message again.")
