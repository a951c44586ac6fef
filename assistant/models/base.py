"""Behaviour every backend shares: ``complete`` from ``stream``, validated structured output."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from agents.llm import GenerationStats, Message, Structured

T = TypeVar("T", bound=BaseModel)


@dataclass
class BackendBase:
    """Shared behaviour: ``complete`` from ``stream``, and validated structured output.

    Subclasses implement ``stream``, ``count_tokens`` and ``_json`` (one constrained call that
    returns JSON text for a schema).
    """

    name: str = "model"
    context_window: int = 4096
    max_tokens: int = 384
    temperature: float = 0.2

    def stream(
        self, messages: list[Message], *, max_tokens: int | None = None,
        temperature: float | None = None, stats: GenerationStats | None = None,
    ) -> Iterator[str]:
        raise NotImplementedError

    def count_tokens(self, text: str) -> int:
        raise NotImplementedError

    def prefill(self, messages: list[Message]) -> None:
        """Read the beginning of a prompt ahead of the call that sends it whole, where the
        backend can keep it (a local model's cache); by default there is nothing to keep."""

    def _json(self, messages: list[Message], schema: dict[str, Any]) -> str:
        raise NotImplementedError

    def complete(
        self, messages: list[Message], *, max_tokens: int | None = None,
        temperature: float | None = None, stats: GenerationStats | None = None,
    ) -> str:
        """The whole reply as one string."""
        return "".join(self.stream(messages, max_tokens=max_tokens, temperature=temperature,
                                   stats=stats))

    def structured(self, messages: list[Message], schema: type[T]) -> Structured[T]:
        """Ask for JSON matching ``schema``; retry once, then return the failure, never raise."""
        json_schema = schema.model_json_schema()
        raw, error = "", None
        for attempt in (1, 2):
            try:
                raw = self._json(messages, json_schema)
                return Structured(schema.model_validate(json.loads(raw)), raw, None, attempt)
            except json.JSONDecodeError as exc:
                error = f"not JSON: {exc}"
            except ValidationError as exc:
                error = "does not match the schema: " + "; ".join(
                    f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors())
        return Structured(None, raw, error, 2)


class StreamTimer:
    """Measures time to first token and total time of one streamed generation."""

    def __init__(self, stats: GenerationStats | None) -> None:
        self.stats = stats if stats is not None else GenerationStats()
        self.start = time.perf_counter()
        self.stats.completion_tokens = 0

    def token(self) -> None:
        if self.stats.completion_tokens == 0:
            self.stats.first_token_s = time.perf_counter() - self.start
        self.stats.completion_tokens += 1

    def done(self) -> None:
        self.stats.total_s = time.perf_counter() - self.start
