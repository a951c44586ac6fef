"""elicit (PREFDISCO, curiosity): ask a clarifying question only when it changes the answer.

Pass-through for now: it never asks, and its own issue fills it in. The graph test asserts
that every turn still routes through it.
"""

from __future__ import annotations

from typing import Any

from agents.state import TurnState


def elicit(state: TurnState) -> dict[str, Any]:
    return {}
