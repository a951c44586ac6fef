"""refine (MARA): check the finished draft and repair it before the person sees it.

A planner picks the refiners this answer needs; none run when none is needed. For now there
is one, the persona refiner (``agents/refiners/persona.py``): the preferences Tacit knows for
this turn, soft (learning style, length) and hard (units, diet, time of day), checked on the
draft and repaired. The trace keeps the plan, the draft and every change. The sentence that
states what elicit assumed is added after refinement, so it is never refined away.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.elicit import assumption_note
from agents.refiners.persona import addition, plan, refine_persona
from agents.safety import with_required
from agents.state import TurnContext, TurnState


def refine(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    draft = state.get("draft", "")
    known = state.get("preferences") or {}
    steps = plan(known)
    refined = refine_persona(draft, known, addition(runtime.context.model, state["message"]))
    note = assumption_note(state.get("assumptions") or [])
    reply = f"{refined.text}\n\n{note}".strip() if note else refined.text
    reply = with_required(state, reply)  # safety's resources lead, whatever was refined
    return {
        "reply": reply,
        "trace": {"refine": {
            "planned": ["persona"] if steps else [], "persona": steps,
            "changes": refined.changes,
            **({"draft": draft} if refined.changes else {}),
        }},
    }
