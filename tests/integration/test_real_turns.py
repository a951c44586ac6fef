"""The real thing: the bundled SmolLM2 model, SQLite, Chroma and the ONNX embedder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

pytestmark = pytest.mark.integration


def _tacit(data_dir: Path, *args: str,
           stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(data_dir), TACIT_USER="ana", TACIT_CHAT__MAX_TOKENS="48",
               TACIT_CHAT__TEMPERATURE="0", TACIT_CONFIG_FILE=str(data_dir / "none.toml"))
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], input=stdin,
                          capture_output=True, env=env, timeout=300)


def test_tacit_ask_answers_with_the_bundled_model(tmp_path: Path) -> None:
    done = _tacit(tmp_path, "ask", "Name one colour of the sky.", "--json")
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    assert out["reply"].strip()
    assert out["trace"]["respond"]["model"] == "SmolLM2-135M-Instruct"
    assert out["trace"]["respond"]["reply_tokens"] > 0


def test_a_second_process_recalls_what_the_first_was_told(tmp_path: Path) -> None:
    first = _tacit(tmp_path, "ask", "My favourite mountain is Kilimanjaro.", "--new", "--json")
    assert first.returncode == 0, first.stderr.decode()
    told = json.loads(first.stdout)["turn_id"]
    second = _tacit(tmp_path, "ask", "Which mountain do I like most?", "--new", "--json")
    assert second.returncode == 0, second.stderr.decode()
    trace = json.loads(second.stdout)["trace"]
    assert told in [r["id"] for r in trace["recall"]["retrieved"]]
    assert told in trace["respond"]["memory_in_prompt"]
    assert json.loads(first.stdout)["session_id"] != json.loads(second.stdout)["session_id"]


def test_bad_input_fails_cleanly_and_stores_nothing(tmp_path: Path) -> None:
    bad = _tacit(tmp_path, "ask", stdin=b"\xc3\x28 broken utf-8")
    assert bad.returncode == 2
    assert b"not valid UTF-8" in bad.stderr and b"Traceback" not in bad.stderr
    corrupt = tmp_path / "model.gguf"
    corrupt.write_bytes(b"GGUF" + b"\x00" * 64)  # right magic, truncated body
    env_model = _tacit_with_model(tmp_path, str(corrupt))
    assert env_model.returncode == 2
    assert b"could not load" in env_model.stderr and b"Traceback" not in env_model.stderr
    export = _tacit(tmp_path, "memory", "export")
    assert json.loads(export.stdout)["turns"] == []


def _tacit_with_model(data_dir: Path, model: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(data_dir), TACIT_CHAT__MODEL=model,
               TACIT_CONFIG_FILE=str(data_dir / "none.toml"))
    return subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "hello"],
                          capture_output=True, env=env, timeout=120)


class City(BaseModel):
    city: str
    country: str


def test_structured_output_from_the_bundled_model_validates() -> None:
    from assistant.models import create_model
    from assistant.settings import ModelSettings

    model = create_model(ModelSettings(n_ctx=2048, max_tokens=64))
    result = model.structured(
        [{"role": "user", "content": "Give the capital of France as JSON with city and country."}],
        City,
    )
    assert result.ok, result.error
    assert result.value is not None and result.value.city.strip()
    assert model.count_tokens("hello world") == 2


def test_real_embedder_finds_paraphrases(tmp_path: Path) -> None:
    from memory.embedder import Embedder
    from memory.facade import Memory
    from memory.vectors import VectorIndex

    memory = Memory.open(f"sqlite:///{tmp_path / 't.db'}",
                         VectorIndex(Embedder(), path=tmp_path / "chroma"))
    session = memory.start_session("ana")
    target = memory.record_turn("ana", session.id, "I adopted a small dog last spring.", "Lovely!")
    for text in ("The quarterly budget is due Friday.", "I prefer window seats on trains.",
                 "My laptop battery drains quickly."):
        memory.record_turn("ana", session.id, text, "Noted.")
    hits = memory.search("ana", "what pet do I have?", k=2)
    assert hits[0].id == target.id
    assert "dense" in hits[0].matched_by


def test_a_request_read_twice_in_a_turn_runs_the_model_once() -> None:
    import numpy as np

    from memory.embedder import Embedder

    embedder = Embedder()
    runs: list[int] = []
    batch = embedder._batch

    def counted(texts: list[str]) -> np.ndarray:
        runs.append(len(texts))
        return batch(texts)

    embedder._batch = counted  # type: ignore[method-assign]
    request = "Which tapas should I try in Madrid?"
    alone = embedder.embed([request])
    with_parts = embedder.embed([request, "Which tapas should I try?"])
    assert runs == [1, 1]  # the second call embedded only the new sentence
    assert np.allclose(with_parts[0], alone[0])
    fresh = Embedder().embed([request, "Which tapas should I try?"])
    assert np.allclose(with_parts, fresh, atol=1e-5)  # the same vectors as without keeping
