"""A scripted model for tests: replies come from a queue, every call is recorded."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from agents.llm import GenerationStats, Message
from assistant.models.base import BackendBase, StreamTimer
from assistant.settings import ModelSettings


@dataclass
class FakeModel(BackendBase):
    """``enqueue`` replies (text, or dicts for structured calls); ``history`` holds each call.

    With nothing queued it answers ``default_reply``, which names the last user message so
    tests can tell which request a reply belongs to.
    """

    name: str = "fake"
    replies: deque[str | dict[str, Any]] = field(default_factory=deque)
    history: list[list[Message]] = field(default_factory=list)
    default_reply: str = "You said: {message}"

    @classmethod
    def from_settings(cls, spec: ModelSettings, **extra: Any) -> FakeModel:
        model = cls(context_window=spec.n_ctx, max_tokens=spec.max_tokens,
                    temperature=spec.temperature)
        model.enqueue(*extra.get("replies", ()))
        return model

    def enqueue(self, *replies: str | dict[str, Any]) -> None:
        self.replies.extend(replies)

    def _next(self, messages: list[Message]) -> str | dict[str, Any]:
        self.history.append([dict(m) for m in messages])
        if self.replies:
            return self.replies.popleft()
        last = next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")
        return self.default_reply.format(message=last)

    def stream(
        self, messages: list[Message], *, max_tokens: int | None = None,
        temperature: float | None = None, stats: GenerationStats | None = None,
    ) -> Iterator[str]:
        reply = self._next(messages)
        text = reply if isinstance(reply, str) else json.dumps(reply)
        timer = StreamTimer(stats)
        timer.stats.prompt_tokens = sum(self.count_tokens(m["content"]) for m in messages)
        words = text.split(" ")
        for i, word in enumerate(words[: max_tokens or None]):
            timer.token()
            yield word if i == 0 else " " + word
        timer.done()

    def _json(self, messages: list[Message], schema: dict[str, Any]) -> str:
        reply = self._next(messages)
        return reply if isinstance(reply, str) else json.dumps(reply)

    def count_tokens(self, text: str) -> int:
        # One token per whitespace-separated word: crude, but monotonic and predictable.
        return len(text.split())
