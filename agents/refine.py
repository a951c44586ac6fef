"""refine (MARA): a planner picks factuality / persona / coherence refiners per answer.

Pass-through for now: the draft goes out unchanged, and its own issue fills it in (the
refiners will live in ``agents/refiners/``). The graph test asserts the route.
"""

from __future__ import annotations

from typing import Any

from agents.state import TurnState


def refine(state: TurnState) -> dict[str, Any]:
    return {}
