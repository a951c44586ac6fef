"""What the service returns about a person's memory: plain data each front end formats.

The CLI prints it as lines or JSON, the chat app as screens, the HTTP API as JSON; ``as_json``
is the shape ``--json`` prints and README documents (keys are added, never renamed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agents.contract import LearnedFact, NotedItem, TurnTrace

LEVEL_NAMES = {3: "you", 2: "topic", 1: "conversation"}


def iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


@dataclass(frozen=True)
class Learned:
    """What learning kept from one turn: rules and preferences noted, facts recorded,
    preferences the profile took, conversations closed into the tree; or why it stopped."""

    noted: list[NotedItem] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    facts: list[LearnedFact] = field(default_factory=list)
    profile: list[str] = field(default_factory=list)
    sessions_closed: list[str] = field(default_factory=list)
    error: str | None = None

    @classmethod
    def of(cls, trace: TurnTrace) -> Learned:
        noted, upkeep = trace.noted, trace.memory
        return cls(noted=list(noted.stored) if noted else [],
                   refused=[r.text for r in noted.rejected] if noted else [],
                   facts=list(upkeep.facts.learned) if upkeep and upkeep.facts else [],
                   profile=list(trace.profile_learned or []),
                   sessions_closed=list(upkeep.sessions_closed) if upkeep else [],
                   error=trace.learning.error if trace.learning else None)

    def as_json(self) -> dict[str, Any]:
        return {"noted": [n.model_dump(mode="json") for n in self.noted],
                "refused": self.refused,
                "facts": [f.model_dump(mode="json") for f in self.facts],
                "profile": self.profile, "sessions_closed": self.sessions_closed,
                "error": self.error}


@dataclass(frozen=True)
class Instruction:
    """One standing instruction, with when it applies in words."""

    id: str
    enabled: bool
    text: str
    applies: str
    replaced_by: str | None = None
    created_at: datetime | None = None
    condition: str = ""                   # older instructions kept it apart from the text

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "enabled": self.enabled, "text": self.text,
                "applies": self.applies, "replaced_by": self.replaced_by,
                "created_at": iso(self.created_at)}


@dataclass(frozen=True)
class InstructionAdded:
    """An instruction added (or found already there), and the ones it replaced."""

    instruction: Instruction
    replaced: list[Instruction] = field(default_factory=list)


@dataclass(frozen=True)
class TreeNode:
    """One node of the memory tree above the turns: the root, a topic or a conversation."""

    id: str
    level: int
    summary: str
    facts: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    method: str | None = None
    turns: int = 0                        # a conversation's turns (its children otherwise)

    @property
    def name(self) -> str:
        return LEVEL_NAMES.get(self.level, "turn")

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "level": self.level, "name": self.name, "summary": self.summary,
                "facts": list(self.facts), "children": list(self.children),
                "start": iso(self.start), "end": iso(self.end), "method": self.method}


@dataclass(frozen=True)
class MemoryTree:
    """The person's memory tree: how many turns it rests on, and its nodes by level."""

    turns: int
    levels: dict[int, list[TreeNode]] = field(default_factory=dict)

    def level(self, number: int) -> list[TreeNode]:
        return self.levels.get(number, [])

    def as_json(self) -> dict[str, Any]:
        return {"turns": self.turns,
                "levels": {LEVEL_NAMES[n]: [node.as_json() for node in self.level(n)]
                           for n in (3, 2, 1)}}


@dataclass(frozen=True)
class Recalled:
    """One memory recall brought for a turn: what it says now and how it was found.

    ``text`` is None when it has been forgotten since; ``sensitive`` text is for the person's
    eyes only, and front ends mask it until asked.
    """

    id: str
    kind: str | None
    text: str | None
    branch: list[str] = field(default_factory=list)   # tree nodes it came through, named
    matched_by: list[str] = field(default_factory=list)
    in_prompt: bool = False
    sensitive: bool = False
    stored: bool = False                  # a turn or item of theirs (not a tree node)
    traced: dict[str, Any] = field(default_factory=dict)  # the trace's entry for it

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "text": self.text, "branch": self.branch,
                "matched_by": self.matched_by, "in_prompt": self.in_prompt}


@dataclass(frozen=True)
class Why:
    """Why a stored turn was answered as it was: the turn, its trace, what recall brought."""

    turn_id: str
    session_id: str
    created_at: datetime | None
    user_text: str
    trace: dict[str, Any]                 # the stored trace (``agents.contract.TurnTrace``)
    recalled: list[Recalled] = field(default_factory=list)
    # The facts learned from the turn that are still kept, by id: their text ("home city:
    # Manchester"); the trace names only ids, so a forgotten fact leaves nothing in it.
    facts: dict[str, str] = field(default_factory=dict)

    @property
    def recall(self) -> dict[str, Any]:
        found: dict[str, Any] = self.trace.get("recall") or {}
        return found

    @property
    def learned(self) -> Learned:
        """What Tacit learned from the turn after its reply, read from its trace."""
        return Learned.of(TurnTrace.of(self.trace))

    def as_json(self) -> dict[str, Any]:
        """``tacit memory why --json``."""
        return {"turn": {"id": self.turn_id, "session_id": self.session_id,
                         "created_at": iso(self.created_at), "user_text": self.user_text},
                "recall": {"method": self.recall.get("method"),
                           "tokens": self.recall.get("tokens"),
                           "budget": self.recall.get("budget")},
                "recalled": [r.as_json() for r in self.recalled],
                "learned": self.learned.as_json()}

    def panel(self) -> dict[str, Any]:
        """The chat app's why panel: the trace, and the memories still remembered (sensitive
        ones masked)."""
        memories = [{**r.traced, "text": "(sensitive; kept private)" if r.sensitive else r.text,
                     "in_prompt": r.in_prompt} for r in self.recalled if r.stored]
        return {"turn_id": self.turn_id, "trace": self.trace, "memories": memories,
                "facts": dict(self.facts)}


@dataclass(frozen=True)
class Imported:
    """What an import stored."""

    user: str
    conversations: int
    turns: int
    restored: str = ""                    # an export restored: what it added, in words

    def said(self) -> str:
        line = f"Imported {self.conversations} conversation(s), {self.turns} turn(s), for " \
               f"{self.user}"
        return f"{line}: {self.restored}." if self.restored else f"{line}."
