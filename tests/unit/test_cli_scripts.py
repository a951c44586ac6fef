"""The `tacit` command as scripts use it: a new conversation per ask, JSON a script can read,
messages worded for the command, `doctor`, `--version` and shell completion (fake model)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from assistant import progress
from assistant.cli import _parser, main
from assistant.progress import Bar


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    monkeypatch.setenv("TACIT_USER", "ana")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --version, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def ask(capsys: pytest.CaptureFixture[str], text: str, *options: str) -> dict[str, Any]:
    code, out, err = run(capsys, "ask", text, "--json", *options)
    assert code == 0, err
    return dict(json.loads(out))


def sessions(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out, _ = run(capsys, "sessions", "--json")
    assert code == 0
    return list(json.loads(out))


# tacit ask: a new conversation each call, as `llm` does ----------------------------------
def test_each_ask_is_a_new_conversation_that_still_recalls_the_past(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = ask(capsys, "my bike is a red Bianchi")
    second = ask(capsys, "which bike do I ride, the Bianchi?")
    assert second["session_id"] != first["session_id"]
    assert second["trace"]["respond"]["recent_turns_in_prompt"] == 0  # no earlier turn carried
    recalled = [r["id"] for r in second["trace"]["recall"]["retrieved"]]
    assert first["turn_id"] in recalled  # memory still reaches the earlier conversation
    assert [s["turns"] for s in sessions(capsys)] == [1, 1]


def test_continue_and_session_pick_up_a_conversation(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = ask(capsys, "hello one")
    second = ask(capsys, "hello two")
    again = ask(capsys, "and more", "-c")
    assert again["session_id"] == second["session_id"]
    assert again["trace"]["respond"]["recent_turns_in_prompt"] == 1
    back = ask(capsys, "back to the first", "--session", first["session_id"])
    assert back["session_id"] == first["session_id"]
    fresh = ask(capsys, "explicitly new", "--new")  # the default, still accepted
    assert fresh["session_id"] not in (first["session_id"], second["session_id"])
    turns = {s["id"]: s["turns"] for s in sessions(capsys)}
    assert turns == {first["session_id"]: 2, second["session_id"]: 2, fresh["session_id"]: 1}


def test_an_unknown_session_is_not_found_and_stores_nothing(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "ask", "hi", "--session", "nope")
    assert code == 2 and err.startswith("tacit: Not found: There is no session nope")
    assert "tacit sessions" in err and "Ctrl+N" not in err
    assert sessions(capsys) == []
    code, _, err = run(capsys, "ask", "hi", "-c", "--new")
    assert code == 2 and "not allowed with" in err


# --json shapes ----------------------------------------------------------------------------
def test_json_shapes_of_the_listing_commands(env: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    turn = ask(capsys, "my bike is a green Surly")
    ask(capsys, "what about the Surly rack?")
    [latest, earliest] = sessions(capsys)
    assert set(latest) == {"id", "title", "created_at", "updated_at", "turns"}
    assert earliest["id"] == turn["session_id"] and earliest["title"] == "my bike is a green Surly"

    code, out, _ = run(capsys, "memory", "search", "Surly", "--json")
    hits = json.loads(out)
    assert code == 0 and turn["turn_id"] in [h["id"] for h in hits]
    assert set(hits[0]) == {"id", "kind", "text", "score", "created_at", "session_id",
                            "matched_by"}

    code, out, _ = run(capsys, "memory", "tree", "--json")
    tree = json.loads(out)
    assert tree["turns"] == 2 and set(tree["levels"]) == {"you", "topic", "conversation"}
    assert turn["session_id"] in json.dumps(tree["levels"]["conversation"])

    second = sessions(capsys)[0]
    code, out, _ = run(capsys, "memory", "why", _last_turn(capsys, second["id"]), "--json")
    why = json.loads(out)
    assert why["turn"]["user_text"] == "what about the Surly rack?"
    assert set(why["recall"]) == {"method", "tokens", "budget"}
    [got] = [r for r in why["recalled"] if r["id"] == turn["turn_id"]]
    assert got["text"] == "my bike is a green Surly" and got["in_prompt"] is True

    code, out, _ = run(capsys, "memory", "list", "--json")
    assert code == 0 and isinstance(json.loads(out), list)


def _last_turn(capsys: pytest.CaptureFixture[str], session_id: str) -> str:
    _, out, _ = run(capsys, "memory", "export")
    turns = [t for t in json.loads(out)["turns"] if t["session_id"] == session_id]
    return str(turns[-1]["id"])


def test_instructions_and_models_as_json(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "instructions", "add", "never use emojis")[0] == 0
    code, out, _ = run(capsys, "instructions", "list", "--json")
    [rule] = json.loads(out)
    assert code == 0 and rule["text"] == "never use emojis" and rule["enabled"] is True
    assert set(rule) == {"id", "enabled", "text", "applies", "replaced_by", "created_at"}

    code, out, _ = run(capsys, "models", "--json")
    models = json.loads(out)
    assert models["roles"]["chat"] == {"model": "fake", "backend": "fake", "set": True,
                                       "fallback": None}
    assert models["roles"]["summarizer"]["fallback"] == "not set: summaries are extractive"
    assert models["bundled"]["path"].endswith(".gguf") and "fake" in models["backends"]


def test_version(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("tacit ") and out.split()[1][0].isdigit()


# Messages that fit the command ------------------------------------------------------------
def test_empty_results_say_so_in_cli_words(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "sessions")[1].startswith("No sessions yet.")
    assert run(capsys, "memory", "search", "anything")[1].startswith("Nothing remembered")
    assert run(capsys, "memory", "list")[1].startswith("No memory items yet.")
    out = run(capsys, "instructions", "list")[1]
    assert out.startswith("No standing instructions yet.") and "tacit instructions add" in out
    assert "/instruct" not in out
    assert run(capsys, "sessions", "--json")[1].strip() == "[]"


@pytest.mark.parametrize(("argv", "title"), [
    (["memory", "forget", "no-such-id"], "Not found"),
    (["memory", "why", "no-such-turn"], "Not found"),
    (["instructions", "edit", "nope", "new words"], "Not found"),
    (["instructions", "delete", "nope"], "Not found"),
    (["instructions", "add", " "], "Cannot do that"),
    (["memory", "import", "missing.json"], "Cannot import that file"),
])
def test_command_errors_are_titled_for_the_command(
        env: Path, capsys: pytest.CaptureFixture[str], argv: list[str], title: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith(f"tacit: {title}: ")
    assert "Cannot send that" not in err and "/instruct" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_bad_import_file_is_titled_as_a_file_problem(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (env / "bad.json").write_text("{not json", "utf-8")
    code, _, err = run(capsys, "memory", "import", "bad.json")
    assert code == 2 and err.startswith("tacit: Cannot import that file: ")
    assert "not valid JSON" in err


def test_a_bad_message_is_still_refused_as_a_message(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "ask", "   ")
    assert code == 2 and err.startswith("tacit: Cannot send that: The message is empty.")


def test_config_json_writes_null_and_the_real_database(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "config", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0 and rows["database_url"]["value"] is None
    assert rows["database_url"]["effective"] == f"sqlite:///{env / 'data' / 'tacit.db'}"
    assert rows["chroma_path"]["effective"] == str(env / "data" / "chroma")
    assert rows["context_budget"]["value"] == 3000
    code, out, _ = run(capsys, "config")
    line = next(x for x in out.splitlines() if x.startswith("database_url"))
    assert "(not set)" in line and str(env / "data" / "tacit.db") in line


def test_models_says_when_a_role_falls_back(env: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "models")[1]
    assert "summarizer      (not set: summaries are extractive)" in out
    monkeypatch.setenv("TACIT_SUMMARIZER__MODEL", "fake")
    out = run(capsys, "models")[1]
    assert "summarizer      fake  (backend: fake)" in out


# doctor and completion --------------------------------------------------------------------
def test_doctor_passes_on_a_working_install(env: Path, reader_on: None,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "doctor")
    assert code == 0, out
    for name in ("chat model", "data directory", "database", "vectors", "embedder",
                 "crisis reader", "versions"):
        assert f"ok    {name}" in out
    assert "384 dimensions" in out and "tacit " in out and "6 classes" in out


def test_doctor_fails_with_exit_1_and_names_what_is_wrong(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TACIT_CHAT__MODEL", str(env / "gone.gguf"))
    blocked = env / "blocked"
    blocked.write_text("a file where the data folder should be", "utf-8")
    monkeypatch.setenv("TACIT_DATA_DIR", str(blocked))
    code, out, err = run(capsys, "doctor")
    assert code == 1
    assert "FAIL  chat model" in out and "gone.gguf does not exist" in out
    assert "FAIL  data directory" in out
    assert "check(s) failed: chat model, data directory" in err


def test_completion_scripts_complete_commands_and_options(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, script, _ = run(capsys, "completion", "bash")
    assert code == 0

    def complete(*words: str) -> list[str]:
        probe = (f"{script}\nCOMP_WORDS=(tacit {' '.join(words)}); "
                 f"COMP_CWORD={len(words)}; _tacit; echo \"${{COMPREPLY[@]}}\"")
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True,
                              check=True)
        return done.stdout.split()

    assert complete("mem") == ["memory"]
    assert complete("memory", "ex") == ["export"]
    assert "--continue" in complete("ask", "--")
    assert "--json" in complete("memory", "search", "bikes", "--")
    assert run(capsys, "completion", "zsh")[1].startswith("#compdef tacit")
    commands = {a for a in _parser()._subparsers._group_actions[0].choices}  # type: ignore
    assert set(complete("")) >= commands


# Progress on long work --------------------------------------------------------------------
class Recorded:
    """Stands in for the progress bar: what the command reported, and nothing drawn."""

    def __init__(self) -> None:
        self.bars: list[dict[str, Any]] = []

    @contextmanager
    def bar(self, label: str, total: int | None) -> Iterator[Bar]:
        seen: dict[str, Any] = {"label": label, "total": total, "ticks": 0, "said": []}
        self.bars.append(seen)

        def tick(n: int = 1) -> None:
            seen["ticks"] += n

        yield Bar(tick, seen["said"].append, lambda n: seen.update(total=n))


def test_import_and_simulate_report_progress(env: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    recorded = Recorded()
    monkeypatch.setattr(progress, "bar", recorded.bar)
    (env / "history.json").write_text(json.dumps({"sessions": [
        {"turns": [{"user": "I live in Porto"}]}, {"turns": [{"user": "I cycle to work"}]}]}),
        "utf-8")
    code, out, _ = run(capsys, "memory", "import", "history.json")
    assert code == 0 and "2 conversation(s)" in out
    assert recorded.bars[-1] == {"label": "Importing history.json", "total": 2, "ticks": 2,
                                 "said": []}
    code, out, _ = run(capsys, "simulate", "--persona", "maya", "--sessions", "1", "--turns",
                       "2", "--out", "sim")
    assert code == 0, out
    played = recorded.bars[-1]
    assert played["total"] == played["ticks"] == 2 and len(played["said"]) == 2


def test_no_bar_is_drawn_when_stdout_is_not_a_terminal(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not progress.watched()  # captured output is not a terminal
    with progress.bar("Working", 3) as working:
        working.tick()
        working.say("a line a script reads")
    assert capsys.readouterr().out == "a line a script reads\n"
