"""The turn contract: what a turn carries and what front ends read back, as typed objects.

A turn's state holds these; its trace is what the chat app's "why" panel, ``tacit ask
--json`` and ``GET /v1/turns/<id>/why`` show. Everything here is plain pydantic, so it
serialises to JSON and back, and it imports nothing heavier (settings import it at start).

The trace is versioned (``TurnTrace.version``). Its JSON keeps the shape front ends and
scripts rely on: a section holds exactly the keys its node wrote (fields left unwritten are
not emitted, so a section written by two nodes merges as two dicts would), new keys may be
added and none is renamed. Sections accept keys they do not declare, so a trace written by a
newer Tacit still reads; the graph's tests check that every key a node writes is declared.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

TRACE_VERSION = 1


class Written(BaseModel):
    """A model that emits only the fields that were given to it (and the extra keys it read).

    Defaults stay defaults when read back: a section written by one node does not grow the
    keys another node writes, and a checkpoint's copy reads back to the same JSON.
    """

    model_config = ConfigDict(extra="allow")

    @model_serializer(mode="wrap")
    def _written(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        kept = self.model_fields_set | set(self.model_extra or {}) | self._always()
        return {key: value for key, value in data.items() if key in kept}

    def _always(self) -> set[str]:
        return set()

    def merged(self, newer: Written) -> Any:
        """This section with what ``newer`` wrote laid over it (one level deep)."""
        written = {name: getattr(newer, name) for name in newer.model_fields_set}
        return self.model_copy(update={**written, **(newer.model_extra or {})})

    def undeclared(self) -> list[str]:
        """Keys this section carries that it does not declare (a node wrote an unknown key),
        its own and those of the parts it holds ("facts.x", "stored.y")."""
        found = sorted(self.model_extra or {})
        for name in type(self).model_fields:
            value = getattr(self, name)
            for part in value if isinstance(value, list) else [value]:
                if isinstance(part, Written):
                    found += [f"{name}.{k}" for k in part.undeclared()]
        return found


# Settings a turn runs with -------------------------------------------------------------------
class TurnSettings(BaseModel):
    """What a turn may spend and how it asks: the one place these defaults are written.

    ``Settings`` (``TACIT_*``) carries the same fields at its top level, and the service hands
    them to every turn through ``TurnContext.of``.
    """

    context_budget: int = Field(
        3000, ge=256, description="Most prompt tokens handed to the chat model per turn.")
    retrieval_budget: int = Field(
        900, ge=0, description="Most of those tokens spent on recalled memory.")
    recent_turns: int = Field(4, ge=0, description="Turns of the current session kept verbatim.")
    refine_model_calls: int = Field(
        1, ge=0, description="Most model calls refine spends per turn on repairs (0: rules only).")
    learning_calls_per_turn: int = Field(
        6, ge=0, description="Most model calls a turn's bookkeeping makes (noting preferences "
        "and rules, learning facts, summarising left sessions), whatever the message's size; "
        "what does not fit falls back to rules and extractive summaries.")
    questions_per_session: int = Field(
        2, ge=0, description="Most clarifying questions about preferences in one session.")
    ask_threshold: float = Field(
        0.05, ge=0.0, description="Ask only when knowing the answer is expected to make the "
        "reply respect the person's preference this much more often (0..1, weighted by how "
        "much getting it wrong hurts).")
    ask_policy: Literal["tacit", "never", "always"] = Field(
        "tacit", description="When to ask about preferences: 'tacit' (when it changes the "
        "answer); 'never' and 'always' are baselines for evaluation.")


MAX_REPLY_TOKENS = 384  # the chat model's longest reply unless its settings say otherwise


# What recall hands the prompt ----------------------------------------------------------------
class RecalledEntry(Written):
    """One memory chosen for the prompt: its text as the model reads it, and how it came."""

    id: str
    kind: str                              # "turn", "fact", "preference", "summary", ...
    text: str = ""                         # as it goes into the prompt (never into a trace)
    score: float = 0.0
    tokens: int = 0
    session_id: str | None = None
    matched_by: list[str] | str = Field(default_factory=list)
    branch: list[str] = Field(default_factory=list)   # tree node ids from the top down
    current: bool | None = None            # a fact since replaced is not current
    area: str | None = None                # a preference's area, when matched by it

    def traced(self) -> dict[str, Any]:
        """The entry as the trace keeps it: everything but its text (forgotten text must
        not linger in older traces)."""
        return {k: v for k, v in self.model_dump().items() if k != "text"}


class Evidence(BaseModel):
    """What a turn taught about one preference: the value, how sure, and how it was learned
    ("answer", a stated signal, "stop-asking")."""

    dimension: str
    value: str
    confidence: float
    how: str


class AppliedInstruction(BaseModel):
    """A standing instruction that applies to this request, and why."""

    id: str
    text: str
    reason: str


# Questions a turn pauses on ------------------------------------------------------------------
class CardField(BaseModel):
    """One thing a safety card asks, with quick answers."""

    name: str
    question: str
    choices: list[str] = Field(default_factory=list)


class QuestionCard(Written):
    """What a paused turn asks; the person's next message answers it.

    ``kind`` is "preference" (elicit), "safety" (a card of fields) or "consent" (whether to
    keep what a safety card was told).
    """

    kind: Literal["preference", "safety", "consent"]
    text: str
    choices: list[str] = Field(default_factory=list)
    fields: list[CardField] = Field(default_factory=list)
    # A preference question: which dimension, and what it was worth asking.
    dimension: str | None = None
    bits: float | None = None
    gain: float | None = None
    confidence: float | None = None
    # Filled in the trace once answered.
    answer: str | None = None
    value: str | None = None

    def details(self) -> dict[str, Any]:
        """The card as front ends read it (``Question.details``)."""
        return self.model_dump(mode="json")


# The trace's sections, one per node ---------------------------------------------------------
class RecallTrace(Written):
    """recall: what was retrieved (without its text), what it cost, and the tree's path."""

    retrieved: list[dict[str, Any]] = Field(default_factory=list)
    tokens: int = 0
    budget: int = 0
    recent_turns: int = 0
    method: str = ""
    path: dict[str, Any] = Field(default_factory=dict)


class InstructionsTrace(Written):
    """recall's choice of standing instructions: applied (with reasons), domains, skipped."""

    applied: list[dict[str, str]] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    skipped: list[dict[str, str]] = Field(default_factory=list)


class SafetyOption(Written):
    """One attribute RAISE's planner weighed for a sensitive request: what asking it was worth
    and why it was or was not asked (``agents/safety_plan.py`` ``Option``)."""

    attribute: str
    prior: float = 0.0                     # the domain's (or sub-area's) prior weight
    gain: float = 0.0                      # prior x scale + what the request's words added
    chosen: bool = False
    families: list[str] = Field(default_factory=list)  # kinds of request that raised it
    why: str = ""


class SafetyTrace(Written):
    """safety, then safety_ask: what was decided and why; attribute names, never values."""

    detector: str | None = None
    domain: str | None = None
    sub_area: str | None = None
    domain_score: float | None = None
    crisis: bool | None = None
    crisis_kind: str | None = None
    crisis_level: str | None = None
    evidence: list[str] = Field(default_factory=list)   # cue spans, prototypes, earlier turns
    country: str | None = None
    known: list[str] = Field(default_factory=list)
    asking: list[str] = Field(default_factory=list)
    plan: list[SafetyOption] = Field(default_factory=list)  # every attribute weighed
    at_risk: bool | None = None
    withhold_specifics: bool | None = None
    resources: bool | None = None
    decisions: list[str] = Field(default_factory=list)
    # safety_ask, once the card is answered
    asked: list[str] = Field(default_factory=list)
    learned: list[str] = Field(default_factory=list)
    consent: str | None = None
    answer_decisions: list[str] = Field(default_factory=list)

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence_as_text(cls, value: Any) -> Any:
        # A trace stored by an older Tacit may hold an evidence entry that is not a string.
        if isinstance(value, list):
            return [v if isinstance(v, str) else str(v) for v in value]
        return value


class ElicitTrace(Written):
    """elicit: whether to ask, what was asked and answered, what was applied or assumed."""

    policy: str = ""
    decision: str = ""
    threshold: float = 0.0
    question: QuestionCard | None = None
    applied: list[Any] = Field(default_factory=list)
    assumed: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    questions_asked: int = 0
    candidates: list[dict[str, Any]] = Field(default_factory=list)


COMPOSED = "composed"  # RespondTrace.model of a reply code wrote (no model call)


class RespondTrace(Written):
    """respond: the prompt's make-up, the model's speed, and what was done to the draft."""

    model: str = ""
    prompt_tokens: int = 0
    reply_tokens: int = 0
    tokens_per_s: float = 0.0
    first_token_ms: float = 0.0
    generate_ms: float = 0.0
    memory_in_prompt: list[str] = Field(default_factory=list)
    memory_dropped: int = 0
    recent_turns_in_prompt: int = 0
    budget: int = 0
    instructions_in_prompt: int = 0
    max_tokens: int = 0
    message_cut: dict[str, int] = Field(default_factory=dict)  # what of a long message was seen
    repeats: bool = False
    regenerated: bool = False
    scaffold_removed: bool = False
    formatted: bool = False


class RefineFinding(BaseModel):
    """One problem a reviewer found in the draft (``agents/refiners/base.py`` ``Finding``)."""

    refiner: str
    kind: str
    span: str                              # the draft's text at fault (or the request's part)
    severity: Literal["error", "warning"] = "error"
    fix: str | None = None                 # its replacement when known ("" deletes it)
    ask: str = ""                          # what the model repair was asked to change
    needs: Literal["", "add", "rewrite", "lead"] = ""
    model_used: bool = False
    last: bool = False                     # the span's last occurrence was meant


class RefineTrace(Written):
    """refine: which reviewers ran, what they found and changed; the draft when revised."""

    planned: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)
    findings: dict[str, list[RefineFinding]] = Field(default_factory=dict)
    changes: list[str] = Field(default_factory=list)
    repair: str = ""                       # "", "add", "lead", "rewrite" or "translate": the repair
    rechecked: list[str] = Field(default_factory=list)
    unresolved: list[RefineFinding] = Field(default_factory=list)
    model_calls: int = 0
    revised: bool = False
    draft: str | None = None
    persona: list[str] | None = None       # the persona checks planned ("units=metric", ...)


class LearningTrace(Written):
    """learning after the reply: how long it took, or why it stopped."""

    ms: float | None = None
    error: str | None = None


class Refusal(BaseModel):
    """Words the noting step did not keep, and why (not said by the user, too little, ...)."""

    text: str
    why: str


class Captured(BaseModel):
    """A rule or preference found in the message, before it is stored."""

    kind: str                              # "instruction" or "preference"
    text: str                              # the user's own words
    confidence: float
    source: str                            # "model" or "rules"
    implicit: bool = False
    said: str = ""                         # an implicit choice: the user's own words
    option: str = ""                       # an implicit choice: the offered option picked


class NotedItem(Written):
    """A rule or preference stored from the turn, and the ones it replaced."""

    kind: str
    id: str
    text: str
    by: str = ""                           # "model" or "rules"
    confidence: float | None = None        # a preference's
    replaced: list[str] = Field(default_factory=list)


class NotedTrace(Written):
    """learning, noting: what the message was found to ask Tacit to keep, what was stored,
    and what was refused."""

    candidates: list[Captured] = Field(default_factory=list)
    rejected: list[Refusal] = Field(default_factory=list)
    model_failures: list[Refusal] = Field(default_factory=list)
    model_calls: int = 0
    ms: float = 0.0
    stored: list[NotedItem] = Field(default_factory=list)


class LearnedFact(Written):
    """A fact recorded from the turn: added, or superseding an older one."""

    action: str
    id: str
    replaced: str | None = None


class FactsTrace(Written):
    """learning, facts: what was recorded, what was already recalled, and by what."""

    learned: list[LearnedFact] = Field(default_factory=list)
    skipped_as_recalled: int = 0
    by: str = "rules"                      # "rules" or "model"
    extractor_error: str | None = None


class MemoryUpkeepTrace(Written):
    """learning, memory upkeep: the facts, the sessions closed into the tree, the cost."""

    facts: FactsTrace | None = None
    sessions_closed: list[str] = Field(default_factory=list)
    model_calls: int = 0
    ms: float = 0.0


class TurnTrace(Written):
    """The whole trace of one turn: when and with which model, each node's section and its
    time, and (once learning is done) what was learned."""

    version: int = TRACE_VERSION
    started: str | None = None
    model: str | None = None
    turn_id: str | None = None
    run: str | None = None                 # this run's id: a resumed run finds its stored turn
    command: str | None = None             # a command such as /instruct, answered directly
    timings_ms: dict[str, float] = Field(default_factory=dict)
    recall: RecallTrace | None = None
    instructions: InstructionsTrace | None = None
    safety: SafetyTrace | None = None
    elicit: ElicitTrace | None = None
    respond: RespondTrace | None = None
    refine: RefineTrace | None = None
    # Learning, after the reply.
    profile_learned: list[str] | None = None
    memory: MemoryUpkeepTrace | None = None
    noted: NotedTrace | None = None
    learning: LearningTrace | None = None

    def _always(self) -> set[str]:
        return {"version"}

    @classmethod
    def of(cls, value: TurnTrace | dict[str, Any] | None) -> TurnTrace:
        """A trace from a stored or returned one (a dict read from JSON, or a trace)."""
        if isinstance(value, TurnTrace):
            return value
        return cls.model_validate(value or {})

    def merged(self, newer: Written) -> TurnTrace:
        """Traces merge one level deep: a section written again keeps what it had."""
        update: dict[str, Any] = dict(newer.model_extra or {})
        for name in newer.model_fields_set:
            mine, theirs = getattr(self, name, None), getattr(newer, name)
            if isinstance(mine, Written) and isinstance(theirs, Written):
                update[name] = mine.merged(theirs)
            elif isinstance(mine, dict) and isinstance(theirs, dict):
                update[name] = {**mine, **theirs}
            else:
                update[name] = theirs
        copied: TurnTrace = self.model_copy(update=update)
        return copied

    def as_json(self) -> dict[str, Any]:
        """The trace as JSON values (what is stored with the turn and shown)."""
        data: dict[str, Any] = self.model_dump(mode="json")
        return data

    def undeclared(self) -> list[str]:
        """Every key, here or in a section, that the contract does not declare."""
        found = [f"trace.{k}" for k in sorted(self.model_extra or {})]
        for name in type(self).model_fields:
            section = getattr(self, name)
            if isinstance(section, Written):
                found += [f"{name}.{k}" for k in section.undeclared()]
        return found


def merge_trace(old: TurnTrace | dict[str, Any] | None,
                new: TurnTrace | dict[str, Any] | None) -> TurnTrace:
    """The state's reducer for ``trace``: a trace carrying ``started`` begins a fresh turn."""
    if not new:
        return TurnTrace.of(old)
    fresh = TurnTrace.of(new)
    if old is None or "started" in fresh.model_fields_set:
        return fresh
    return TurnTrace.of(old).merged(fresh)


# Every type a checkpoint may hold, for its reader's allowlist.
STATE_MODELS: tuple[type[BaseModel], ...] = (
    RecalledEntry, Evidence, AppliedInstruction, CardField, QuestionCard, RecallTrace,
    InstructionsTrace, SafetyTrace, ElicitTrace, RespondTrace, RefineFinding, RefineTrace,
    LearningTrace, Refusal, Captured, NotedItem, NotedTrace, LearnedFact, FactsTrace,
    MemoryUpkeepTrace,
    TurnTrace,
)


def their_messages(message: str, recent: list[dict[str, str]] | None,
                   back: int = 6) -> list[str]:
    """``message`` and the person's own last ``back`` messages in ``recent``, newest first:
    where a figure told a little before is looked for ("I'm 5 foot 4", then "What's my BMI?")."""
    return [message, *(t.get("user") or "" for t in reversed((recent or [])[-back:]))]
