"""The safety node's verdict on a turn: a typed value declared in the turn state.

Every later node reads it from ``state["safety"]``; the graph routes on it (a crisis skips
elicit's questions), and refine keeps what it requires at the top of the reply.

Both dataclasses here live in the LangGraph checkpoint between a question and its answer, so
they hold only plain values (strings, numbers, lists, dicts) and round-trip through
:meth:`as_dict` / :meth:`of` as well as through the checkpointer's own serializer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class SafetyAssessment:
    """What safety decided for one turn, and why."""

    domain: str | None = None            # one of the seven sensitive domains, or None
    sub_area: str | None = None
    domain_score: float = 0.0
    crisis_kind: str | None = None       # suicide, self_harm, violence, abuse, medical
    crisis_level: str = "none"           # none, possible, likely, imminent
    evidence: list[str] = field(default_factory=list)
    attributes_needed: list[str] = field(default_factory=list)
    attributes_known: dict[str, str] = field(default_factory=dict)
    guidance: str = ""                   # for the responder's system text
    required: str = ""                   # composed by code; the reply always starts with it
    follow_up: str = ""                  # composed by code: the rest of a crisis reply, or a
                                         # whole reply to a low mood said plainly
    caution: str = ""                    # composed by code: the reply always ends with it
    at_risk: bool = False                # crisis now, or a known risk in the person's context
    low_mood: bool = False               # a low mood said plainly, nothing of danger in it
    withhold_specifics: bool = False     # asked for dangerous specifics while at risk
    learned: dict[str, str] = field(default_factory=dict)  # answered in this turn
    consent: str = ""                    # for what was learned: keep, session, no
    sources: list[str] = field(default_factory=list)  # ids of the sensitive items read
    kept_ids: dict[str, str] = field(default_factory=dict)  # ids the kept answers will have

    @property
    def crisis(self) -> bool:
        return self.crisis_kind is not None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, data: dict[str, Any] | SafetyAssessment | None) -> SafetyAssessment:
        """An assessment from its dict form (unknown keys ignored), or a copy of one."""
        if data is None:
            return cls()
        if isinstance(data, SafetyAssessment):
            data = data.as_dict()
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class SafetySession:
    """What safety keeps for the rest of one conversation (in its checkpoint thread only)."""

    attributes: dict[str, str] = field(default_factory=dict)  # answered, kept for now
    asked: list[str] = field(default_factory=list)            # never asked twice
    domains: list[str] = field(default_factory=list)          # one card per domain at most
    consent: str = ""                    # keep, session or no, once answered
    country: str = ""                    # said in this conversation
    country_asked: bool = False
    resources_given: bool = False        # the full crisis block was shown in this conversation
    resources_kind: str = ""              # the crisis kind that block was for
    reminders: int = 0                    # short reminders given since (their words vary)
    low_moods: int = 0                    # composed replies to a low mood said plainly

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, data: dict[str, Any] | SafetySession | None) -> SafetySession:
        if data is None:
            return cls()
        if isinstance(data, SafetySession):
            data = data.as_dict()
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
