"""The state one turn carries through the graph, and the parts every node may use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, TypedDict

from agents.llm import ChatModel
from agents.safety_assessment import SafetyAssessment, SafetySession
from memory.facade import Memory


def merge_trace(old: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any]:
    """Traces merge one level deep; a trace carrying ``started`` begins a fresh turn."""
    if not new:
        return old or {}
    if old is None or "started" in new:
        return dict(new)
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


class TurnState(TypedDict, total=False):
    """What flows from recall to memorize. Nodes return only the keys they change."""

    user_id: str
    session_id: str
    message: str
    recent: list[dict[str, str]]       # this session's last turns, oldest first
    said_before: list[str]             # Tacit's latest replies in earlier sessions
    recalled: list[dict[str, Any]]     # memory entries chosen for the prompt
    instructions: list[dict[str, Any]]  # standing instructions that apply, with reasons
    safety: SafetyAssessment          # the safety node's verdict (crisis, domain, guidance)
    safety_guidance: str
    safety_session: SafetySession      # what safety keeps for this conversation only
    assumptions: list[str]             # what elicit assumed instead of asking, stated in the reply
    preference_guidance: str           # known and assumed preferences, for the responder
    preferences: dict[str, str]        # known preferences that apply, enforced on the reply
    profile_evidence: list[dict[str, Any]]  # what this turn taught about preferences
    questions_asked: int               # clarifying questions so far in this session
    asking_off: bool                   # the user said "just answer" in this session
    draft: str                         # the model's reply before refinement
    reply: str
    footer: str                        # shown under the reply, stored apart from it
    turn_id: str
    trace: Annotated[dict[str, Any], merge_trace]


@dataclass
class TurnContext:
    """Parts injected into every node at run time (LangGraph ``Runtime.context``)."""

    model: ChatModel
    memory: Memory
    context_budget: int = 3000
    retrieval_budget: int = 900
    recent_turns: int = 4
    max_reply_tokens: int = 384
    clock: Any = field(default=datetime.now)
    extractor: ChatModel | None = None   # facts by model too (rules always run)
    summarizer: ChatModel | None = None  # session summaries by model (else extractive)
    refiner: ChatModel | None = None     # the refine repair's model (else the chat model)
    refine_budget: int = 1               # most model calls refine may spend per turn
    interactive: bool = True           # False for one-shot turns: never pause to ask
    ask_policy: str = "tacit"          # "tacit", or the baselines "never" and "always"
    questions_per_session: int = 2
    ask_threshold: float = 0.05
    safety_country: str = ""           # ISO code for crisis lines; "" until known
    safety_detector: Any = None        # replaces agents.safety_detect.detect (tests script it)
    learning_calls_per_turn: int = 6   # model calls for memorize's bookkeeping, at most
