"""safety (RAISE): personalized safety guidance and crisis help.

Pass-through for now: it changes nothing, and its own issue fills it in. The graph test
asserts that every turn still routes through it.
"""

from __future__ import annotations

from typing import Any

from agents.state import TurnState


def safety(state: TurnState) -> dict[str, Any]:
    return {}


def with_required(state: TurnState, reply: str) -> str:
    """``reply`` with what safety requires (crisis resources) at its top, exactly once.

    refine calls this last, so no refiner, rewrite or budget can drop the resources.
    """
    assessment = state.get("safety")
    required = assessment.required.strip() if assessment is not None else ""
    if not required or reply.startswith(required):
        return reply
    return f"{required}\n\n{reply}".strip()

