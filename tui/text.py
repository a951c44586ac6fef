"""How the app writes text and dates on a line."""

from __future__ import annotations

from datetime import datetime


def one_line(text: str, limit: int = 160) -> str:
    """``text`` with its whitespace collapsed, cut with an ellipsis past ``limit`` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def day(when: datetime) -> str:
    """A date as people write it: ``7 May 2023``."""
    return f"{when.day} {when:%B %Y}"
