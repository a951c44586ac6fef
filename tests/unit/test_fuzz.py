"""Hostile and broken input at every edge: a clear error, never a traceback, nothing stored.

Edges: chat messages (facade and HTTP), HTTP payloads and query strings, API keys, command
arguments, settings files and import files. Each is tried with a list of inputs known to break
programs, and with inputs drawn by hypothesis.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assistant.cli import main
from assistant.errors import InputError
from assistant.server import make_app
from assistant.service import Done, Question, Tacit
from memory import keys

MEGABYTE = "a" * 1_000_000
NASTY = [
    "", " ", "\n\t", "\x00", "hi\x00there", "\ud800", "lone \udfff surrogate", "\ufeffbom",
    "\u202eevil\u202c RTL override", "\u200f\u200e\u061c marks", "Z\u0351\u0354\u0362a\u0336lgo",
    "'; DROP TABLE turn; --", '" OR 1=1 --', "NEAR(a b)", '"unbalanced', "a* OR b*", "%s%n%x",
    "../../../../etc/passwd", "\r\n\r\n", "\\", "{{message}}", "{message}", "$(reboot)",
    "9" * 5000, str(2**64), "-1", "1e999", "NaN", "null", "[]", "{}", "🧠" * 100,
    "\U0001d518\U0001d52b\U0001d526", MEGABYTE,
]
DEEP = "[" * 100_000 + "]" * 100_000
EXAMPLES = settings.default.max_examples  # the profile's (see tests/conftest.py)
SAFE_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=60)


def stored(tacit: Tacit, user: str = "ana") -> str:
    """Everything kept for ``user`` that a refused request must not change."""
    data = tacit.memory.export(user)
    return json.dumps([data["sessions"], data["turns"], data["memory_items"]], default=str)


def run_cli(*argv: str) -> tuple[int, str]:
    """``tacit ARGV`` in process: the exit code and everything printed."""
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse refusing an option
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue() + err.getvalue()


def assert_clear(code: int, said: str) -> None:
    """Worked, or refused with one clear line: never a traceback, never "unexpected"."""
    assert code in (0, 2), said[-400:]
    assert "Traceback" not in said and "unexpected error" not in said, said[-400:]


# Messages -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_a_nasty_message_is_answered_or_refused_and_refused_stores_nothing(
        tacit: Tacit, text: str) -> None:
    session = tacit.new_session("ana").id
    before = stored(tacit)
    try:
        events = list(tacit.send("ana", session, text, interactive=False))
    except InputError as exc:
        assert exc.fix, exc.message
        assert stored(tacit) == before
        return
    assert isinstance(events[-1], Done | Question)


# HTTP ----------------------------------------------------------------------------------------
@pytest.fixture
def api(tacit: Tacit) -> Iterator[tuple[TestClient, dict[str, str]]]:
    with TestClient(make_app(tacit), raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {keys.add(tacit.memory.engine, 'ana')[1]}"}


BAD_BODIES: list[Any] = [
    b"", b"not json", b"\xff\xfe\xfa invalid utf-8", DEEP.encode(), b"null", b"[]", b"42",
    {"messages": "hello"}, {"messages": [1, 2]}, {"messages": []},
    {"messages": [{"role": "user"}]}, {"messages": [{"content": "no role"}]},
    {"messages": [{"role": "user", "content": 5}]},
    {"messages": [{"role": "user", "content": [{"type": "image_url"}]}]},
    {"messages": [{"role": "user", "content": [1, "x"]}]},
    {"messages": [{"role": "assistant", "content": "only the assistant"}]},
    {"messages": [{"role": "user", "content": "hi"}], "stream": "yes please"},
    {"messages": [{"role": "user", "content": "hi"}], "model": 10**400},
    {"messages": [{"role": "user", "content": "\x00"}]},
    b'{"messages": [{"role": "user", "content": "lone \\ud800 surrogate"}]}',
    {"messages": [{"role": "user", "content": MEGABYTE}]},
    {"messages": [{"role": "user", "content": "   "}]},
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_a_malformed_chat_request_is_refused_clearly_and_stores_nothing(
        api: tuple[TestClient, dict[str, str]], tacit: Tacit, body: Any) -> None:
    client, auth = api
    before = stored(tacit)
    if isinstance(body, bytes):
        reply = client.post("/v1/chat/completions", content=body,
                            headers={**auth, "Content-Type": "application/json"})
    else:
        reply = client.post("/v1/chat/completions", json=body, headers=auth)
    assert 400 <= reply.status_code < 500, reply.text[:300]
    error = reply.json()["error"]
    assert error["message"] and "Traceback" not in reply.text
    assert stored(tacit) == before
    assert tacit.sessions("ana") == []


# JSON has no NaN or infinity: a client cannot send them.
_NUMBER = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=EXAMPLES)
@given(body=st.recursive(st.none() | st.booleans() | st.integers() | _NUMBER | SAFE_TEXT,
                         lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.sampled_from(
                             ["messages", "role", "content", "model", "stream", "type", "text",
                              "user"]) | SAFE_TEXT, inner, max_size=4), max_leaves=12))
def test_any_json_body_gets_an_answer_or_a_clear_refusal(
        api: tuple[TestClient, dict[str, str]], tacit: Tacit, body: Any) -> None:
    client, auth = api
    reply = client.post("/v1/chat/completions", json=body, headers=auth)
    assert reply.status_code == 200 or 400 <= reply.status_code < 500, reply.text[:300]
    assert "error" in reply.json() or "choices" in reply.json()


QUERIES = ["q=", "q=%00", "q=%ED%A0%80", "q=" + "x" * 10_000, "q=a&k=0", "q=a&k=-5",
           "q=a&k=" + "9" * 400, "q=a&k=x", "k=3", "q=%22unbalanced", "q=NEAR(a%20b)"]


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_a_bad_search_query_is_refused_or_answered_never_a_server_error(
        api: tuple[TestClient, dict[str, str]], query: str) -> None:
    client, auth = api
    reply = client.get(f"/v1/memory/search?{query}", headers=auth)
    assert reply.status_code in (200, 400), reply.text[:300]


@pytest.mark.parametrize("target", ["%00", "..%2F..%2Fetc", "x" * 5000, "%ED%A0%80", "*", "%25"],
                         ids=range(6))
def test_forgetting_a_strange_id_finds_nothing(api: tuple[TestClient, dict[str, str]],
                                               target: str) -> None:
    client, auth = api
    reply = client.delete(f"/v1/memory/{target}", headers=auth)
    assert reply.status_code in (400, 404), reply.text[:300]


# Keys ----------------------------------------------------------------------------------------
def test_no_wrong_or_revoked_key_and_anothers_session_are_refused_revealing_nothing(
        api: tuple[TestClient, dict[str, str]], tacit: Tacit) -> None:
    client, auth = api
    said = client.post("/v1/chat/completions", headers=auth,
                       json={"messages": [{"role": "user", "content": "My PIN is 4711."}]})
    session = said.headers["X-Tacit-Session"]
    row, ben = keys.add(tacit.memory.engine, "ben")
    gone_row, gone = keys.add(tacit.memory.engine, "cy")
    keys.revoke(tacit.memory.engine, gone_row.id)
    refused = [None, "", "Bearer", "Bearer ", "Bearer wrong", f"Basic {auth['Authorization']}",
               "Bearer tacit-" + "x" * 43, f"Bearer {gone}", "Bearer \x00", "Bearer " + "é" * 40]
    for header in refused:
        headers = {} if header is None else {"Authorization": header}
        for method, path in (("GET", "/v1/models"), ("GET", "/v1/memory/export"),
                             ("GET", "/v1/memory/search?q=PIN"), ("GET", "/v1/sessions"),
                             ("GET", f"/v1/sessions/{session}"),
                             ("DELETE", f"/v1/memory/{session}")):
            try:
                reply = client.request(method, path, headers=headers)
            except UnicodeEncodeError:  # the HTTP client itself refuses to send it
                continue
            assert reply.status_code == 401, (header, path, reply.text)
            assert "4711" not in reply.text and session not in reply.text
    theirs = {"Authorization": f"Bearer {ben}"}
    for method, path in (("GET", f"/v1/sessions/{session}"), ("DELETE", f"/v1/memory/{session}")):
        reply = client.request(method, path, headers=theirs)
        assert reply.status_code == 404 and "4711" not in reply.text
    chat = client.post("/v1/chat/completions", headers={**theirs, "X-Tacit-Session": session},
                       json={"messages": [{"role": "user", "content": "What is my PIN?"}]})
    assert chat.status_code == 404 and "4711" not in chat.text
    assert "4711" not in client.get("/v1/memory/search?q=PIN", headers=theirs).text
    assert tacit.sessions("ben") == []
    assert [u for u, _ in tacit.history("ana", session)] == ["My PIN is 4711."]
    assert row.user_id == "ben"


# Command arguments ---------------------------------------------------------------------------
@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    monkeypatch.setenv("TACIT_USER", "ana")
    monkeypatch.setattr(sys, "stdin", StringIO(""))
    return tmp_path


CLI_NASTY = [t for t in NASTY if t != MEGABYTE] + ["-", "--", "-k", "--json"]


COMMANDS = [["memory", "search", "{}"], ["memory", "forget", "{}"], ["memory", "why", "{}"],
            ["ask", "--session", "{}", "hello"], ["instructions", "delete", "{}"],
            ["keys", "revoke", "{}"], ["memory", "import", "{}"], ["--user", "{}", "sessions"],
            ["memory", "search", "x", "-k", "{}"], ["keys", "add", "--user", "{}"],
            ["instructions", "add", "{}"], ["memory", "list", "--kind", "{}"]]


@pytest.mark.parametrize("n", range(len(CLI_NASTY)))
def test_nasty_command_arguments_get_a_clear_line(cli_env: Path, n: int) -> None:
    # Each input goes to two commands in turn (every command meets a third of the inputs).
    for command in (COMMANDS[n % len(COMMANDS)], COMMANDS[(n + 5) % len(COMMANDS)]):
        assert_clear(*run_cli(*(CLI_NASTY[n] if part == "{}" else part for part in command)))


@settings(max_examples=max(5, EXAMPLES // 2))
@given(command=st.sampled_from([["memory", "search"], ["memory", "forget"], ["memory", "list"],
                                ["sessions"], ["instructions", "list"], ["keys", "list"],
                                ["memory", "tree"], ["config"]]),
       extra=st.lists(st.text(max_size=12) | st.sampled_from(
           ["--json", "-k", "--kind", "--full", "--enabled", "--user", "--out"]), max_size=4))
def test_any_arguments_get_a_result_or_a_clear_line(cli_env: Path, command: list[str],
                                                    extra: list[str]) -> None:
    assert_clear(*run_cli(*command, *extra))


# Settings files ------------------------------------------------------------------------------
BAD_SETTINGS = [
    b"\xff\xfe not utf-8", b"\x00\x00", b"max_message_chars = 'many'", b"max_message_chars = -3",
    b"max_message_chars = 99999999999999999999999999", b"max_message_chars = 1e999",
    b"max_message_chars = nan", b"data_dir = 5", b"[chat]\nmodel = []", b"chat = 3",
    b"[chat\nmodel = 'fake'", b"user = '\\ud800'", b"user = ''", b"unknown_setting = 1",
    b"[chat]\nn_ctx = -1", b"[[chat]]", b"a" * 1_000_000, b"x = " + b"[" * 5000 + b"]" * 5000,
    b"ask_policy = 'sometimes'", b"[safety]\ncountry = 42",
]


@pytest.mark.parametrize("content", BAD_SETTINGS, ids=range(len(BAD_SETTINGS)))
def test_a_broken_settings_file_is_named_with_its_problem(
        cli_env: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    config = cli_env / "config.toml"
    config.write_bytes(content)
    monkeypatch.setenv("TACIT_CONFIG_FILE", str(config))
    for argv in (["config"], ["sessions"]):
        code, said = run_cli(*argv)
        assert_clear(code, said)


# Import files --------------------------------------------------------------------------------
def _export_with(**changes: Any) -> bytes:
    base: dict[str, Any] = {
        "user_id": "ana", "sessions": [{"id": "s1", "user_id": "ana", "title": "t"}],
        "turns": [{"id": "t1", "user_id": "ana", "session_id": "s1", "seq": 1,
                   "user_text": "hello", "reply_text": "hi"}]}
    base.update(changes)
    return json.dumps(base).encode()


BAD_IMPORTS: list[bytes] = [
    b"", b"\xff\xfe\x00 not text", b"\x00" * 10, DEEP.encode(), b"{" * 50_000,
    b'{"sessions": 12}', b'{"sessions": [12]}', b'{"sessions": [{"turns": "x"}]}',
    b'{"sessions": [{"turns": [{"user": 5}]}]}', b'{"sessions": [{"turns": [{"user": ""}]}]}',
    b'{"sessions": [{"turns": [{"user": "a\\u0000b"}]}]}',
    b'{"sessions": [{"turns": [{"user": "lone \\ud800"}]}]}',
    b'{"sessions": [{"turns": [{"user": "hi", "at": "yesterday-ish"}]}]}',
    b'{"sessions": [{"turns": [{"user": "hi", "at": 1e999}]}]}',
    b'{"sessions": [{"turns": [{"user": "hi", "at": ' + b"9" * 5000 + b"}]}]}",
    b'[{"turns": [{"user": "hi", "assistant": ["not", "text"]}]}]',
    _export_with(turns=[{"id": "t1", "session_id": "nowhere", "user_text": "x"}]),
    _export_with(turns=[{"id": 7, "session_id": "s1", "user_text": "x"}]),
    _export_with(turns=[{"id": "t1", "session_id": "s1", "seq": 10**400, "user_text": "x"}]),
    _export_with(turns=[{"id": "t1", "session_id": "s1", "seq": 1, "user_text": "\ud800"}]),
    _export_with(turns=[{"id": "t1", "session_id": "s1", "seq": 1, "user_text": "a\x00b"}]),
    _export_with(turns=[{"id": "t1", "session_id": "s1", "seq": "one", "user_text": "x"}]),
    _export_with(sessions=[{"id": "s1", "created_at": "not a date"}]),
    _export_with(memory_items=[{"id": "m1", "kind": "gossip", "text": "x"}]),
    _export_with(memory_items="many"), _export_with(audit=[{"action": None}]),
    _export_with(profile=[{"id": "p1", "domain": "diet", "name": "diet", "value": {}}]),
]


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding one conversation (made once, copied for each test)."""
    data = tmp_path_factory.mktemp("kept") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TACIT_DATA_DIR", str(data))
        patch.setenv("TACIT_CHAT__MODEL", "fake")
        patch.setenv("TACIT_CONFIG_FILE", str(data.parent / "none.toml"))
        assert run_cli("ask", "Something to keep.")[0] == 0
    return data


def rows(data: Path) -> list[Any]:
    """What the memory database holds, read straight from the file."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(data / "tacit.db")) as db:
        return [db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("session", "turn", "memoryitem", "standinginstruction")]


@pytest.mark.parametrize("content", BAD_IMPORTS, ids=range(len(BAD_IMPORTS)))
def test_a_bad_import_file_is_refused_whole_with_its_problem(
        cli_env: Path, kept: Path, content: bytes) -> None:
    data = cli_env / "data"
    shutil.copytree(kept, data)
    before = rows(data)
    path = cli_env / "import.json"
    path.write_bytes(content)
    code, said = run_cli("memory", "import", str(path))
    assert_clear(code, said)
    if code:
        assert "import" in said.lower()
        assert rows(data) == before


@settings(max_examples=max(5, EXAMPLES // 2))
@given(data=st.recursive(
    st.none() | st.booleans() | st.integers() | SAFE_TEXT | st.just("2024-05-01T09:30"),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["sessions", "turns", "user", "assistant", "at", "title", "user_id",
                         "id", "session_id", "user_text", "reply_text", "seq"]),
        inner, max_size=5), max_leaves=15))
@example(data={"turns": [], "sessions": 1})  # sessions that are not a list of titles
def test_any_import_file_is_stored_or_refused_with_a_clear_line(cli_env: Path,
                                                                data: Any) -> None:
    path = cli_env / "drawn.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert_clear(*run_cli("memory", "import", str(path)))
