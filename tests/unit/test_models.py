"""Backends: lazy registry, structured output with retry, clear errors for bad models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from assistant.errors import ModelError
from assistant.models import create_model
from assistant.models.fake import FakeModel
from assistant.settings import ModelSettings


class Colour(BaseModel):
    name: str
    warm: bool


def test_making_the_fake_model_imports_no_heavy_backend() -> None:
    code = ("import sys; from assistant.models import create_model; "
            "from assistant.settings import ModelSettings; "
            "create_model(ModelSettings(model='fake')); "
            "print(sorted(m for m in ('litellm', 'llama_cpp', 'chromadb') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_structured_output_validates() -> None:
    model = FakeModel()
    model.enqueue({"name": "amber", "warm": True})
    result = model.structured([{"role": "user", "content": "a colour"}], Colour)
    assert result.ok and result.value == Colour(name="amber", warm=True)
    assert result.attempts == 1


def test_structured_output_retries_once_then_returns_the_failure() -> None:
    model = FakeModel()
    model.enqueue("not json at all", {"name": "teal"})
    result = model.structured([{"role": "user", "content": "a colour"}], Colour)
    assert not result.ok and result.attempts == 2
    assert result.error is not None and "warm" in result.error
    assert result.raw == '{"name": "teal"}'
    assert len(model.history) == 2


def test_fake_model_records_calls_and_streams() -> None:
    model = create_model(ModelSettings(model="fake"), replies=["scripted answer"])
    assert isinstance(model, FakeModel)
    assert model.complete([{"role": "user", "content": "hi"}]) == "scripted answer"
    assert model.complete([{"role": "user", "content": "again"}]) == "You said: again"
    assert [h[-1]["content"] for h in model.history] == ["hi", "again"]


def test_missing_gguf_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as err:
        create_model(ModelSettings(model=str(tmp_path / "nope.gguf")))
    assert "does not exist" in str(err.value) and "TACIT_CHAT__MODEL" in str(err.value)


def test_corrupt_gguf_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "broken.gguf"
    bogus.write_bytes(b"this is not a model" * 10)
    with pytest.raises(ModelError) as err:
        create_model(ModelSettings(model=str(bogus)))
    assert "not a GGUF model" in str(err.value)


def test_unknown_model_string_is_a_clear_error() -> None:
    with pytest.raises(ModelError) as err:
        create_model(ModelSettings(model="certainly-not-a-provider-model-xyz"))
    assert "LiteLLM" in str(err.value)


def test_unreachable_remote_model_is_a_clear_error() -> None:
    model = create_model(ModelSettings(model="openai/local", api_base="http://127.0.0.1:9/v1",
                                       api_key="none", timeout_s=5))
    with pytest.raises(ModelError) as err:
        model.complete([{"role": "user", "content": "hello"}])
    assert "Cannot reach" in str(err.value) and "127.0.0.1:9" in str(err.value)


def test_remote_token_counts_come_from_the_bundled_encoding() -> None:
    from assistant.models.remote import count_tiktoken, tiktoken_cache_dir

    assert (tiktoken_cache_dir() / "9b5ad71b2ce5302211f9c61530b329a4922fc6a4").is_file()
    assert count_tiktoken("hello world") == 2
    assert count_tiktoken("") == 0
