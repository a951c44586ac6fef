"""Any model LiteLLM reaches: hosted APIs, Ollama, vLLM, a llama.cpp server.

litellm is imported only when such a model is made (its import alone takes seconds). Token
counts use tiktoken with the encodings that litellm ships, so nothing is downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from agents.llm import GenerationStats, Message
from assistant.errors import ModelError
from assistant.models.base import BackendBase, StreamTimer
from assistant.settings import ModelSettings

# What litellm and tiktoken read from the process environment rather than from a call. These
# are not settings a person tunes but the promise that nothing is downloaded: litellm reads the
# first when it is imported (else it fetches a price list) and the second on its first
# Anthropic call (else it fetches beta headers); tiktoken reads the third whenever it loads an
# encoding (else it downloads one). They are set here and nowhere else, once per process,
# before either library is imported (``offline_environment``); a value already in the
# environment is kept. Everything that differs between models or changes at run time
# (endpoint, key, timeout, retries) goes with each call instead (``LiteLLMModel._call``).
OFFLINE_ENVIRONMENT = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "True",
    "TIKTOKEN_CACHE_DIR": "",              # litellm's bundled encodings (tiktoken_cache_dir)
}


@cache
def offline_environment() -> dict[str, str]:
    """Put ``OFFLINE_ENVIRONMENT`` in the environment (once per process); returns what holds."""
    for name, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(name, value or str(tiktoken_cache_dir()))
    return {name: os.environ[name] for name in OFFLINE_ENVIRONMENT}


@cache
def _offline_litellm() -> Any:
    """litellm, imported offline (``offline_environment``)."""
    offline_environment()
    import litellm

    # litellm takes this from no call: without it every error prints "Give Feedback" banners
    # to stdout, into `tacit ask --json`'s output. It only silences; no model depends on it.
    litellm.suppress_debug_info = True
    return litellm


def tiktoken_cache_dir() -> Path:
    """The tiktoken encodings inside the installed litellm package (found without importing it)."""
    spec = find_spec("litellm")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("litellm is not installed.",
                         fix="Reinstall Tacit with `pip install -e .`.")
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / "litellm_core_utils" / "tokenizers"


@cache
def _encoding() -> Any:
    offline_environment()
    import tiktoken

    return tiktoken.get_encoding("cl100k_base")


def count_tiktoken(text: str) -> int:
    """Tokens in ``text`` by cl100k_base: close enough for budgeting any remote model."""
    return len(_encoding().encode(text, disallowed_special=())) if text else 0


@dataclass
class LiteLLMModel(BackendBase):
    """A model string LiteLLM understands, with endpoint and key from settings."""

    model: str = ""
    api_base: str | None = None
    api_key: str | None = None
    timeout_s: float = 60.0
    retries: int = 2
    json_format: str = "json_schema"  # or "json_object", once a server has refused json_schema

    @classmethod
    def from_settings(cls, spec: ModelSettings, **_: Any) -> LiteLLMModel:
        litellm = _offline_litellm()
        try:
            litellm.get_llm_provider(spec.model, api_base=spec.api_base)
        except Exception as exc:
            raise ModelError(
                f"'{spec.model}' is not a model string LiteLLM knows.",
                fix="Use 'provider/model' (e.g. 'ollama/llama3.2', 'openai/gpt-4o-mini'), "
                "a .gguf path, or 'smollm2' for the bundled model.",
            ) from exc
        return cls(
            name=spec.model, model=spec.model, context_window=spec.n_ctx,
            max_tokens=spec.max_tokens, temperature=spec.temperature, api_base=spec.api_base,
            api_key=spec.api_key.get_secret_value() if spec.api_key else None,
            timeout_s=spec.timeout_s, retries=spec.retries,
        )

    def _call(self, messages: list[Message], **kwargs: Any) -> Any:
        """One completion; timeout and retries go with the call, never into litellm's globals
        (two models with different policies then share the process safely)."""
        litellm = _offline_litellm()
        try:
            return litellm.completion(
                model=self.model, messages=messages, api_base=self.api_base,
                api_key=self.api_key, timeout=self.timeout_s, num_retries=self.retries,
                **kwargs,
            )
        except Exception as exc:
            raise _explain(exc, self.model, self.api_base) from exc

    def stream(
        self, messages: list[Message], *, max_tokens: int | None = None,
        temperature: float | None = None, stats: GenerationStats | None = None,
    ) -> Iterator[str]:
        timer = StreamTimer(stats)
        chunks = self._call(
            messages, stream=True, max_tokens=max_tokens or self.max_tokens,
            temperature=self.temperature if temperature is None else temperature,
        )
        try:
            for chunk in chunks:
                text = chunk.choices[0].delta.content
                if text:
                    timer.token()
                    yield text
        except ModelError:
            raise
        except Exception as exc:
            raise _explain(exc, self.model, self.api_base) from exc
        timer.done()

    def _json(self, messages: list[Message], schema: dict[str, Any]) -> str:
        formats = {
            "json_schema": {"type": "json_schema",
                            "json_schema": {"name": "reply", "schema": schema}},
            # llama-cpp-python's server refuses "json_schema" but constrains to this form.
            "json_object": {"type": "json_object", "schema": schema},
        }
        try:
            response = self._call(messages, temperature=0.0, max_tokens=self.max_tokens,
                                  response_format=formats[self.json_format])
        except ModelError as err:
            if self.json_format != "json_schema" or "json_schema" not in str(err.__cause__):
                raise
            self.json_format = "json_object"  # remembered, so later calls ask once
            response = self._call(messages, temperature=0.0, max_tokens=self.max_tokens,
                                  response_format=formats["json_object"])
        return response.choices[0].message.content or ""

    def count_tokens(self, text: str) -> int:
        return count_tiktoken(text)


def _explain(exc: Exception, model: str, api_base: str | None) -> ModelError:
    kind = type(exc).__name__
    where = api_base or "its provider"
    text = str(exc)
    if any(s in kind or s in text for s in ("Connection", "Timeout", "ServiceUnavailable")):
        return ModelError(f"Cannot reach the model '{model}' at {where} ({kind}).",
                          fix="Check that the server is running and TACIT_CHAT__API_BASE is right.")
    if "Authentication" in kind or "Permission" in kind:
        return ModelError(f"The model '{model}' refused the API key ({kind}).",
                          fix="Set a valid key in TACIT_CHAT__API_KEY.")
    if "NotFound" in kind:
        return ModelError(f"The model '{model}' was not found at {where}.",
                          fix="Check the model name the server offers.")
    first = text.splitlines()[0] if text else kind
    return ModelError(f"The model '{model}' failed: {first}",
                      fix="Check the model settings with `tacit config`.")
