"""`--user` before or after the command, at every level, acts on that person and no other.

Two people, alice and bob, each with a conversation, a standing instruction and an import;
every command runs as bob with the option in each place it can go, and must show or change
bob's data only. Commands that are the same for everyone refuse the option with one line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main

ALICE_SECRET = "quokka-913"   # in alice's conversation only
BOB_WORDS = "green Surly"     # in bob's conversation only


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    monkeypatch.setenv("TACIT_USER", "carol")  # the default person: neither of the two
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refuses a usage error this way
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys: pytest.CaptureFixture[str], user: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "memory", "export", "--user", user)
    assert code == 0
    return dict(json.loads(out))


def placed(user: str, *words: str) -> list[list[str]]:
    """``words`` (``[command, action, args...]``) with ``--user`` in every place it can go."""
    flag = ["--user", user]
    command, rest = words[0], list(words[1:])
    forms = [[*flag, *words], [command, *flag, *rest], [*words, *flag]]
    if rest and command in ("memory", "instructions"):
        forms.append([command, rest[0], *flag, *rest[1:]])
    return forms


@pytest.fixture
def two_people(env: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert run(capsys, "ask", "--user", "alice", f"My locker code is {ALICE_SECRET}")[0] == 0
    assert run(capsys, "--user", "bob", "ask", f"My bike is a {BOB_WORDS}")[0] == 0
    assert run(capsys, "instructions", "add", "--user", "alice", "always answer in French")[0] == 0
    assert run(capsys, "instructions", "--user", "bob", "add", "never use emojis")[0] == 0
    alice = export(capsys, "alice")
    return {"alice_turn": alice["turns"][0]["id"],
            "alice_rule": alice["standing_instructions"][0]["id"],
            "alice": alice}


def assert_alice_untouched(capsys: pytest.CaptureFixture[str], before: dict[str, Any]) -> None:
    after = export(capsys, "alice")
    for key in ("turns", "standing_instructions", "sessions"):
        assert [(r["id"], r.get("enabled"), r.get("text")) for r in after[key]] == [
            (r["id"], r.get("enabled"), r.get("text")) for r in before[key]], key


def test_the_setup_went_to_the_named_people(two_people: dict[str, Any],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert [t["user_text"] for t in two_people["alice"]["turns"]] == [
        f"My locker code is {ALICE_SECRET}"]
    bob = export(capsys, "bob")
    assert [t["user_text"] for t in bob["turns"]] == [f"My bike is a {BOB_WORDS}"]
    assert [r["text"] for r in bob["standing_instructions"]] == ["never use emojis"]
    assert export(capsys, "carol")["turns"] == []


@pytest.mark.parametrize("words", [
    ("sessions",),
    ("instructions", "list"),
    ("memory", "list"),
    ("memory", "search", "locker code Surly bike"),
    ("memory", "export"),
    ("memory", "tree", "--full"),
])
def test_reading_commands_show_only_the_named_person(
        two_people: dict[str, Any], capsys: pytest.CaptureFixture[str],
        words: tuple[str, ...]) -> None:
    for argv in placed("bob", *words):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert ALICE_SECRET not in out and "French" not in out, argv
        assert two_people["alice_turn"] not in out, argv
        if words[0] != "memory" or words[1] in ("search", "export"):
            assert BOB_WORDS in out or "emojis" in out, (argv, out)


@pytest.mark.parametrize("words", [
    ("memory", "forget", "{alice_turn}"),
    ("memory", "why", "{alice_turn}"),
    ("instructions", "disable", "{alice_rule}"),
    ("instructions", "delete", "{alice_rule}"),
    ("instructions", "edit", "{alice_rule}", "always answer in German"),
])
def test_acting_on_anothers_record_is_refused_and_changes_nothing(
        two_people: dict[str, Any], capsys: pytest.CaptureFixture[str],
        words: tuple[str, ...]) -> None:
    filled = [w.format(**two_people) for w in words]
    for argv in placed("bob", *filled):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert "belongs to bob" in err, (argv, err)
    assert_alice_untouched(capsys, two_people["alice"])


def test_writing_commands_change_only_the_named_person(
        two_people: dict[str, Any], env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n, argv in enumerate(placed("bob", "ask", "--new", "How is my bike?")):
        assert run(capsys, *argv)[0] == 0, argv
        assert len(export(capsys, "bob")["turns"]) == 2 + n
    for argv in placed("bob", "instructions", "add", "always give distances in km"):
        assert run(capsys, *argv)[0] == 0, argv
    rules = {r["text"]: r["id"] for r in export(capsys, "bob")["standing_instructions"]}
    km = rules["always give distances in km"]
    for argv in placed("bob", "instructions", "disable", km):
        assert run(capsys, *argv)[0] == 0, argv
    (env / "history.json").write_text(json.dumps(
        {"sessions": [{"turns": [{"user": "I moved to Porto last spring"}]}]}), "utf-8")
    for argv in placed("bob", "memory", "import", "history.json"):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and "for bob" in out, argv
    bob = export(capsys, "bob")
    assert sum(t["user_text"] == "I moved to Porto last spring" for t in bob["turns"]) == 4
    for argv in placed("bob", "memory", "forget", bob["turns"][0]["id"])[:1]:
        assert run(capsys, *argv)[0] == 0, argv
    assert_alice_untouched(capsys, two_people["alice"])


def test_chat_opens_for_the_named_person(env: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    opened: list[tuple[str, bool]] = []

    class Opened:
        def run(self) -> None:
            pass

    def make_app(settings: Any, *, user: str, new_session: bool = False) -> Opened:
        opened.append((user, new_session))
        return Opened()

    monkeypatch.setattr("tui.app.make_app", make_app)
    for argv in (["--user", "bob"], ["--user", "bob", "chat"], ["chat", "--user", "bob"],
                 ["chat", "--new", "--user", "bob"], []):
        assert run(capsys, *argv)[0] == 0, argv
    assert opened == [("bob", False), ("bob", False), ("bob", False), ("bob", True),
                      ("carol", False)]


def test_config_shows_the_named_person_as_given_on_the_command_line(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--user", "bob", "config", "--json"], ["config", "--user", "bob", "--json"]):
        code, out, _ = run(capsys, *argv)
        rows = {r["name"]: r for r in json.loads(out)}
        assert code == 0 and rows["user"]["value"] == "bob", argv
        assert rows["user"]["source"] == "command line"


@pytest.mark.parametrize("argv", [
    ["--user", "bob", "models"], ["models", "--user", "bob"],
    ["simulate", "--all", "--user", "bob"],
    ["--user", "alice", "memory", "--user", "bob", "export"],
    ["memory", "export", "--user", ""],
])
def test_a_user_where_it_cannot_apply_is_refused_in_one_line(
        env: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    message = err.strip().splitlines()[-1]
    assert message.startswith("tacit: error:") and "--user" in message
