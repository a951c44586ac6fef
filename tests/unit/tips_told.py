"""What the tips tests tell before they ask: earlier messages as ``recent`` holds them."""

from __future__ import annotations

from agents.tips import answer


def told(*said: str) -> list[dict[str, str]]:
    """The conversation so far: each of ``said`` told, and acknowledged."""
    return [{"user": s, "said": "Thanks for telling me."} for s in said]


def reply(message: str, told_first: str | None) -> str:
    """The tips for ``message``, after ``told_first`` when given ("" when none)."""
    return answer(message, told(told_first) if told_first else None) or ""


def gets_its_tips_and_not_its_look_alike(asked: str, asked_told: str | None, look_alike: str,
                                         look_alike_told: str | None, other: str | None,
                                         ours: tuple[str, ...]) -> None:
    """``asked`` gets one of ``ours``; ``look_alike`` gets none of them, or ``other``'s."""
    assert reply(asked, asked_told).startswith(ours), asked
    said = reply(look_alike, look_alike_told)
    if other is None:
        assert not said.startswith(ours), look_alike
    else:
        assert said.startswith(other), look_alike
