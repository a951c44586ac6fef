"""What the tips tests tell before they ask: earlier messages as ``recent`` holds them."""

from __future__ import annotations

from agents.tips import answer


def told(*said: str) -> list[dict[str, str]]:
    """The conversation so far: each of ``said`` told, and acknowledged."""
    return [{"user": s, "said": "Thanks for telling me."} for s in said]


def reply(message: str, told_first: str | None) -> str:
    """The tips for ``message``, after ``told_first`` when given ("" when none)."""
    return answer(message, told(told_first) if told_first else None) or ""
