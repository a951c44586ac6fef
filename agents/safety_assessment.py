"""The safety node's verdict on a turn: a typed value declared in the turn state.

Every later node reads it from ``state["safety"]``; the graph routes on it (a crisis skips
elicit's questions), and refine keeps what it requires at the top of the reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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

    @property
    def crisis(self) -> bool:
        return self.crisis_kind is not None
