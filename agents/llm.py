"""What the turn's nodes need from a language model: the protocol every backend satisfies.

Backends live in ``assistant.models``; nodes only see this interface, so a test hands them the
fake backend and production hands them llama.cpp or LiteLLM.
"""


from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

Message = dict[str, str]
T = TypeVar("T", bound=BaseModel)


@dataclass
class Structured(Generic[T]):
    """A structured reply: ``value`` when it validated, otherwise ``error`` says why not.

    ``attempts`` counts model calls; ``raw`` keeps the last text the model produced so a caller
    that falls back to a non-model path can record what went wrong.
    """

    value: T | None
    raw: str = ""
    error: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.value is not None


@dataclass
class GenerationStats:
    """What one generation cost: used by traces and benchmarks. The caller passes one to
    ``stream`` or ``complete`` and reads it when the generation is over (a model is shared
    by threads, so it keeps none of its own)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    first_token_s: float = 0.0
    total_s: float = 0.0

    @property
    def tokens_per_s(self) -> float:
        generating = self.total_s - self.first_token_s
        if self.completion_tokens <= 1 or generating <= 0:
            return 0.0
        return (self.completion_tokens - 1) / generating


@runtime_checkable
class ChatModel(Protocol):
    """Chat completion (streamed or not), structured output and token counting."""

    name: str
    context_window: int

    def stream(
        self, messages: list[Message], *, max_tokens: int | None = None,
        temperature: float | None = None, stats: GenerationStats | None = None,
    ) -> Iterator[str]: ...

    def complete(
        self, messages: list[Message], *, max_tokens: int | None = None,
        temperature: float | None = None, stats: GenerationStats | None = None,
    ) -> str: ...

    def structured(self, messages: list[Message], schema: type[T]) -> Structured[T]: ...

    def count_tokens(self, text: str) -> int: ...


# A token of text is rarely longer than this many characters: a message longer than this many
# per token of room is cut before it is counted, so the counting costs the same whatever was
# pasted (the model's tokenizer took 1.5 s on a 200 KB message).
TOKEN_CHARS = 12


def fit_message(model: ChatModel, message: str, room: int) -> tuple[str, dict[str, int]]:
    """``message`` cut to ``room`` tokens if it is longer: its beginning and its end, where a
    request about a pasted text usually stands, with a marker where the middle was left out.
    Returns the text and what was kept (empty when nothing was cut)."""
    size = len(message)
    window = room * TOKEN_CHARS
    sample = message if size <= window else _ends(message, window * 2 // 3, window // 3)
    total = model.count_tokens(sample)
    if sample is message and total <= room:
        return message, {}
    keep = max(80, int(len(sample) * room / max(total, 1)))
    while True:
        head, tail = message[: keep * 2 // 3], message[size - keep // 3:] if keep >= 3 else ""
        text = f"{head}\n[... {size - len(head) - len(tail):,} characters left out ...]\n{tail}"
        if model.count_tokens(text) <= room or keep <= 80:
            return text, {"chars": size, "head": len(head), "tail": len(tail)}
        keep = int(keep * 0.85)


def _ends(text: str, head: int, tail: int) -> str:
    """The first ``head`` and last ``tail`` characters of ``text``."""
    return text[:head] + text[len(text) - tail:]
