"""The `tacit` command on the fake model: one clear line and a non-zero exit for bad input."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from assistant.cli import main


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    monkeypatch.setenv("TACIT_USER", "ana")
    return tmp_path / "data"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_ask_prints_reply_and_trace_as_json(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "hello from the terminal", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reply"] == "You said: hello from the terminal"
    assert out["trace"]["turn_id"] == out["turn_id"]
    assert main(["sessions"]) == 0
    assert "1 turns" in capsys.readouterr().out


def test_ask_reads_stdin(env: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, b"piped question\n")
    assert main(["ask"]) == 0
    assert capsys.readouterr().out.strip() == "You said: piped question"


def test_a_pasted_200_kb_document_is_answered_and_the_reply_says_what_was_read(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    line = "The committee met on Tuesday and agreed the budget for the harbour ferry. "
    document = "What did the committee agree?\n\n" + line * (200_000 // len(line))
    assert 190_000 < len(document) <= 200_000
    _stdin(monkeypatch, document.encode())
    assert main(["ask", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert f"of {len(document.strip()):,} characters.)" in out["reply"]
    assert out["trace"]["respond"]["message_cut"]["chars"] == len(document.strip())
    assert main(["memory", "export"]) == 0
    [turn] = json.loads(capsys.readouterr().out)["turns"]
    assert turn["user_text"] == document.strip()  # stored whole


@pytest.mark.parametrize(("stdin", "expected"), [
    (b"   \n", "The message is empty."),
    (b"\xff\xfe\xfa not utf-8", "not valid UTF-8"),
    (b"x" * 200_001, "accepts up to 200,000"),
])
def test_bad_input_is_one_line_and_stores_nothing(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    stdin: bytes, expected: str,
) -> None:
    _stdin(monkeypatch, stdin)
    assert main(["ask"]) == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert main(["memory", "export"]) == 0
    assert json.loads(capsys.readouterr().out)["turns"] == []


def test_missing_model_file_is_one_line(env: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TACIT_CHAT__MODEL", str(env / "missing.gguf"))
    assert main(["ask", "hi"]) == 2
    err = capsys.readouterr().err
    assert "missing.gguf does not exist" in err and len(err.strip().splitlines()) == 1


def test_malformed_settings_file_is_one_line(env: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[chat\nmodel = 'x'", "utf-8")
    monkeypatch.setenv("TACIT_CONFIG_FILE", str(bad))
    assert main(["config"]) == 2
    err = capsys.readouterr().err
    assert "not valid TOML" in err and str(bad) in err


def test_locked_database_is_one_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "first", "--json"]) == 0
    capsys.readouterr()
    holder = sqlite3.connect(env / "tacit.db", timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["ask", "second"]) == 2
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert "locked" in err and len(err.strip().splitlines()) == 1
    assert main(["memory", "export"]) == 0
    assert [t["user_text"] for t in json.loads(capsys.readouterr().out)["turns"]] == ["first"]


def test_memory_search_and_forget(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "my bike is a red Bianchi", "--json"]) == 0
    turn_id = json.loads(capsys.readouterr().out)["turn_id"]
    assert main(["memory", "search", "Bianchi bike"]) == 0
    assert turn_id in capsys.readouterr().out
    assert main(["memory", "forget", turn_id]) == 0
    assert main(["memory", "search", "Bianchi bike"]) == 0
    assert turn_id not in capsys.readouterr().out
    assert main(["memory", "forget", "no-such-id"]) == 2


def test_config_shows_where_values_came_from(env: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["chat.model"]["value"] == "fake"
    assert rows["chat.model"]["source"] == "environment TACIT_CHAT__MODEL"
    assert rows["context_budget"]["source"] == "default"


def test_models_lists_the_bundled_gguf(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "SmolLM2-135M-Instruct.Q4_1.gguf" in out and "backend: fake" in out


def test_past_conversations_import_and_an_export_moves_to_another_user(
        env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    history = {"sessions": [
        {"title": "Bikes", "turns": [
            {"user": "My touring bike is a green Surly", "assistant": "Noted.",
             "at": "2024-05-01T09:30:00"},
            {"user": "Its rear rack broke on the ferry", "at": "2024-05-01T09:31:00"}]},
        {"turns": [{"user": "I moved to Porto last spring"}]}]}
    path = tmp_path / "history.json"
    path.write_text(json.dumps(history), "utf-8")
    assert main(["memory", "import", str(path)]) == 0
    assert "2 conversation(s), 3 turn(s)" in capsys.readouterr().out
    assert main(["memory", "search", "Surly rack"]) == 0
    assert "green Surly" in capsys.readouterr().out
    assert main(["memory", "tree"]) == 0
    assert "2 conversations" in capsys.readouterr().out  # closed into the memory tree

    assert main(["memory", "export", "--out", str(tmp_path / "out.json")]) == 0
    monkeypatch.setenv("TACIT_USER", "bo")
    assert main(["memory", "import", str(tmp_path / "out.json")]) == 0
    assert "3 turn(s), for bo" in capsys.readouterr().out
    assert main(["memory", "export"]) == 0
    turns = json.loads(capsys.readouterr().out)["turns"]
    assert [t["created_at"][:16] for t in turns if "Surly" in t["user_text"]] == \
        ["2024-05-01T09:30"]


@pytest.mark.parametrize(("content", "expected"), [
    (b"{not json", "not valid JSON (line 1"),
    (b"\xff\xfe", "not UTF-8"),
    (b'{"sessions": [{"turns": [{"user": "fine"}]}, {"turns": [{"assistant": "x"}]}]}',
     "session 2, turn 1: user is missing"),
    (b'{"sessions": [{"turns": [{"user": "a", "at": "yesterday-ish"}]}]}', "is not a date"),
    (b'{"sessions": []}', "holds no conversation"),
])
def test_a_bad_history_file_is_one_line_and_stores_nothing(
        env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        content: bytes, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["memory", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert main(["memory", "export"]) == 0
    assert json.loads(capsys.readouterr().out)["turns"] == []
