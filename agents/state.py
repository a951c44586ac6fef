"""The state one turn carries through the graph, and the parts every node may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, TypedDict

from agents.contract import (
    MAX_REPLY_TOKENS,
    AppliedInstruction,
    Evidence,
    RecalledEntry,
    TurnSettings,
    TurnTrace,
    merge_trace,
)
from agents.llm import ChatModel
from agents.safety_assessment import SafetyAssessment, SafetySession
from agents.tuning import TurnTuning
from memory.facade import Memory


class TurnState(TypedDict, total=False):
    """What flows from recall to memorize. Nodes return only the keys they change."""

    user_id: str
    session_id: str
    message: str
    said: str                          # the message with the person's pets and people named
    recent: list[dict[str, str]]       # this session's last turns, oldest first
    said_before: list[str]             # Tacit's latest replies in earlier sessions
    said_before_turns: list[str]       # the turns those replies belong to
    recalled: list[RecalledEntry]      # memory entries chosen for the prompt
    instructions: list[AppliedInstruction]  # standing instructions that apply, with reasons
    safety: SafetyAssessment          # the safety node's verdict (crisis, domain, guidance)
    safety_guidance: str
    safety_session: SafetySession      # what safety keeps for this conversation only
    assumptions: list[str]             # what elicit assumed instead of asking, stated in the reply
    preference_guidance: str           # known and assumed preferences, for the responder
    preferences: dict[str, str]        # known preferences that apply, enforced on the reply
    profile_evidence: list[Evidence]   # what this turn taught about preferences
    questions_asked: int               # clarifying questions so far in this session
    asking_off: bool                   # the user said "just answer" in this session
    draft: str                         # the model's reply before refinement
    reply: str
    footer: str                        # shown under the reply, stored apart from it
    turn_id: str
    trace: Annotated[TurnTrace, merge_trace]


_DEFAULT = TurnSettings()


@dataclass
class TurnContext:
    """Parts injected into every node at run time (LangGraph ``Runtime.context``).

    Budgets and asking follow :class:`~agents.contract.TurnSettings`, whose defaults are
    the only ones; the service builds this with :meth:`of`.
    """

    model: ChatModel
    memory: Memory
    context_budget: int = _DEFAULT.context_budget
    retrieval_budget: int = _DEFAULT.retrieval_budget
    recent_turns: int = _DEFAULT.recent_turns
    max_reply_tokens: int = MAX_REPLY_TOKENS
    clock: Callable[[], datetime] = field(default=datetime.now)
    extractor: ChatModel | None = None   # facts by model too (rules always run)
    summarizer: ChatModel | None = None  # session summaries by model (else extractive)
    refiner: ChatModel | None = None     # the refine repair's model (else the chat model)
    refine_budget: int = _DEFAULT.refine_model_calls  # most model calls refine spends per turn
    interactive: bool = True           # False for one-shot turns: never pause to ask
    ask_policy: str = _DEFAULT.ask_policy  # "tacit", or the baselines "never" and "always"
    questions_per_session: int = _DEFAULT.questions_per_session
    ask_threshold: float = _DEFAULT.ask_threshold
    safety_country: str = ""           # ISO code for crisis lines; "" until known
    safety_detector: Any = None        # replaces agents.safety_detect.detect (tests script it)
    safety_composed: bool = False      # a crisis reply is written by code, not by the model
    learning_calls_per_turn: int = _DEFAULT.learning_calls_per_turn
    tuning: TurnTuning = field(default_factory=TurnTuning.defaults)  # data/turn_tuning.yaml

    @classmethod
    def of(cls, model: ChatModel, memory: Memory, settings: TurnSettings,
           **parts: Any) -> TurnContext:
        """The context for one turn under ``settings``; ``parts`` are the rest (role models,
        ``interactive``, ``safety_country``, ``max_reply_tokens``, ...)."""
        return cls(
            model=model, memory=memory,
            context_budget=min(settings.context_budget, model.context_window),
            retrieval_budget=settings.retrieval_budget, recent_turns=settings.recent_turns,
            refine_budget=settings.refine_model_calls, ask_policy=settings.ask_policy,
            questions_per_session=settings.questions_per_session,
            ask_threshold=settings.ask_threshold,
            learning_calls_per_turn=settings.learning_calls_per_turn, **parts)
