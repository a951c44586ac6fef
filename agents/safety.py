"""safety (RAISE): personalized safety guidance and crisis help.

Pass-through for now: it changes nothing, and its own issue fills it in. The graph test
asserts that every turn still routes through it.
"""

from __future__ import annotations

from typing import Any

from agents.state import TurnState


def safety(state: TurnState) -> dict[str, Any]:
    return {}
