"""refine (MARA): check the finished draft and repair it before the person sees it.

The planner (``agents/refiners/planner.py``) asks every registered refiner whether this draft
needs it, runs those in order, applies the fixes known by rule, and spends at most
``refine_budget`` model calls on the ``refiner`` role for what is left; none run when none is
needed. The trace keeps the plan, each reviewer's findings, every change and the draft. The
sentence that states what elicit assumed is added after refinement, so it is never refined
away, and safety's required text is put on top last of all.

Streaming policy (what the person finally sees equals what is stored, ``reply``):
- the chat UI streams the draft as it is generated, then replaces it with the reply, marked as
  revised when ``trace["refine"]["revised"]`` is true;
- ``tacit ask`` and other one-shot front ends print the reply only (never the streamed draft);
- an HTTP API, which cannot take streamed text back, waits for the reply.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.about_me import LISTED
from agents.contract import COMPOSED, RespondTrace, TurnTrace
from agents.elicit import assumption_note
from agents.refiners.base import ModelCalls, Situation
from agents.refiners.instructed import with_additions
from agents.refiners.planner import refine_text
from agents.safety import with_required
from agents.state import TurnContext, TurnState

# How each kind of front end shows a refined reply (see the module docstring).
STREAMING_POLICY = {"chat": "stream-then-revise", "ask": "final-only", "http": "final-only"}


def revision_marker(trace: TurnTrace | dict[str, Any]) -> str:
    """The line a front end that streamed the draft shows under the checked reply ("" when
    the reply is the draft): how many changes, by which reviewers."""
    refined = TurnTrace.of(trace).refine
    if refined is None or not refined.revised:
        return ""
    changes = refined.changes
    by = sorted({c.split("/", 1)[0].removeprefix("re-check ") for c in changes if "/" in c})
    model = refined.repair
    what = f"{len(changes)} change{'s' if len(changes) != 1 else ''}" if changes else "repaired"
    return f"revised after checking ({what}{': ' + ', '.join(by) if by else ''}" + (
        f"; model {model}" if model else "") + ")"


def situation(state: TurnState, ctx: TurnContext) -> Situation:
    """What the draft is checked against, from the turn state and the person's facts."""
    user = state.get("user_id", "")
    facts: list[str] = []
    past: list[str] = []
    if user:
        for item in ctx.memory.items(user, "fact", include_past=True):
            (past if item.valid_to is not None else facts).append(item.text)
    history: list[dict[str, str]] = []
    for turn in state.get("recent") or []:
        history += [{"role": "user", "text": turn.get("user", "")},
                    {"role": "assistant", "text": turn.get("assistant", "")}]
    respond = TurnTrace.of(state.get("trace")).respond or RespondTrace()
    return Situation(
        request=state.get("message", ""), draft=state.get("draft", ""), facts=facts,
        past_facts=past,
        instructions=[i.text for i in state.get("instructions") or []],
        preferences=dict(state.get("preferences") or {}), history=history,
        recalled=[r.text for r in state.get("recalled") or [] if r.kind != "fact"],
        hit_cap=bool(respond.max_tokens) and respond.reply_tokens >= respond.max_tokens,
    )


def refine(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    ctx = runtime.context
    draft = state.get("draft", "")
    respond = TurnTrace.of(state.get("trace")).respond
    # What memory holds, as it is kept; or words code wrote (thanks, a rule taken, a sum, an
    # introduction said back): a model rewrite could only make them worse ("Got it." put into
    # broken French by the very rule it acknowledged).
    if respond is not None and respond.model in (LISTED, COMPOSED):
        # ... and what was assumed for them is said, as for a reply the model wrote ("a
        # recipe for dinner" under "no restrictions" assumed for the diet)
        note = assumption_note(state.get("assumptions") or []) \
            if respond.model == COMPOSED else ""
        # ... and a line their rules ask to add ("whenever I ask about travel, remind me to
        # check if I need a visa"), outside a crisis: the guide to Lisbon went without it
        assessed = state.get("safety")
        if respond.model == COMPOSED and not (assessed is not None and assessed.crisis_kind):
            draft = with_additions(draft, [i.text for i in state.get("instructions") or []])
        return {"reply": with_required(state, f"{draft}\n\n{note}".strip() if note else draft)}
    calls = ModelCalls(ctx.refiner or ctx.model, ctx.refine_budget)
    refined = refine_text(draft, situation(state, ctx), calls)
    note = assumption_note(state.get("assumptions") or [])
    reply = f"{refined.text}\n\n{note}".strip() if note else refined.text
    reply = with_required(state, reply)  # safety's resources lead, whatever was refined
    return {"reply": reply, "trace": TurnTrace(refine=refined.trace(draft))}
