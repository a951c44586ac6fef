"""Session summaries written by the summarizer model, checked before the tree keeps them.

The tree falls back to an extractive summary (its most central turns) whenever the model's
answer is missing, malformed, or not about the conversation; the failure is kept in the node.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from agents import prompts
from agents.llm import ChatModel
from memory.text import STOP_WORDS, normalize

MAX_LINES_CHARS = 2400


class SessionSummary(BaseModel):
    summary: str = Field(min_length=8, max_length=600)


def make_summarizer(model: ChatModel) -> Callable[[list[str]], tuple[str | None, str | None]]:
    """A summarizer for ``memory.tree`` backed by ``model`` (structured output)."""
    def summarize(lines: list[str]) -> tuple[str | None, str | None]:
        shown = "\n".join(lines)[-MAX_LINES_CHARS:]
        prompt = prompts.render("summarize_session", lines=shown)
        answer = model.structured([{"role": "user", "content": prompt}], SessionSummary)
        if answer.value is None:
            return None, answer.error or "no answer"
        said = {w for w in normalize(shown).split() if w not in STOP_WORDS}
        wrote = {w for w in normalize(answer.value.summary).split() if w not in STOP_WORDS}
        if len(said & wrote) < 2:
            return None, "summary does not mention the conversation"
        return " ".join(answer.value.summary.split()), None

    return summarize
