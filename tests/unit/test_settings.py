"""Settings: environment, file, precedence, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import SettingsError
from assistant.settings import ModelSettings, describe, load_settings


def test_data_dir_moves_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "elsewhere"))
    settings = load_settings()
    assert settings.db_url == f"sqlite:///{tmp_path / 'elsewhere' / 'tacit.db'}"
    assert settings.vector_path == tmp_path / "elsewhere" / "chroma"
    assert settings.checkpoint_path.parent == tmp_path / "elsewhere"


def test_file_then_environment_precedence_and_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('context_budget = 2000\n[chat]\nmodel = "/models/a.gguf"\n'
                      "temperature = 0.7\n", "utf-8")
    monkeypatch.setenv("TACIT_CONFIG_FILE", str(config))
    monkeypatch.setenv("TACIT_CHAT__TEMPERATURE", "0.1")
    settings = load_settings()
    assert settings.context_budget == 2000
    assert settings.chat.model == "/models/a.gguf"
    assert settings.chat.temperature == 0.1
    sources = {row["name"]: row["source"] for row in describe(settings)}
    assert sources["context_budget"] == f"file {config}"
    assert sources["chat.temperature"] == "environment TACIT_CHAT__TEMPERATURE"
    assert sources["retrieval_budget"] == "default"


def test_roles_default_to_the_chat_model() -> None:
    settings = load_settings(chat={"model": "ollama/llama3.2"},
                             summarizer={"model": "fake"})
    assert settings.role("extractor").model == "ollama/llama3.2"
    assert settings.role("summarizer").model == "fake"


def test_malformed_file_names_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("context_budget = = 3\n", "utf-8")
    monkeypatch.setenv("TACIT_CONFIG_FILE", str(config))
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert str(config) in str(err.value) and "TOML" in str(err.value)


def test_invalid_value_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACIT_CONTEXT_BUDGET", "lots")
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert "context_budget" in str(err.value)


@pytest.mark.parametrize(("model", "backend"), [
    ("smollm2", "llamacpp"), ("/x/Model.GGUF", "llamacpp"), ("fake", "fake"),
    ("ollama/llama3.2", "litellm"), ("gpt-4o-mini", "litellm"),
])
def test_backend_follows_from_the_model_string(model: str, backend: str) -> None:
    assert ModelSettings(model=model).resolved_backend() == backend


def test_a_variable_that_names_no_setting_is_refused_with_the_nearest_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACIT_ASK_THRESHOLD_BITS", "0.3")  # the setting's earlier name
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert "TACIT_ASK_THRESHOLD_BITS (did you mean TACIT_ASK_THRESHOLD?)" in str(err.value)
    monkeypatch.delenv("TACIT_ASK_THRESHOLD_BITS")
    monkeypatch.setenv("TACIT_CHAT__N_GPU_LAYERS", "-1")  # nested settings are known
    monkeypatch.setenv("TACIT_SUMMARIZER__MODEL", "fake")
    settings = load_settings()
    assert settings.chat.n_gpu_layers == -1 and settings.role("summarizer").model == "fake"
