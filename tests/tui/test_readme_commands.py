"""Every command the README tells a person to type, typed as written, in the README's order.

The commands are read from the README's ``bash`` blocks, so the README cannot drift from the
code: a new command there runs here, and a line that is neither a Tacit command nor one of the
known setup steps fails the test. Tacit commands run through ``main`` (the same entry point as
the ``tacit`` script) on the scripted model with a fresh data directory; the chat app is
driven with Pilot, where a person would type a message and quit. Placeholders (``<id>``,
``<turn-id>``) take ids that earlier commands printed.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from tests.tui.test_chat import SIZE, screen_text, settle, wait_until
from tui.app import TacitApp

pytestmark = pytest.mark.tui

README = Path(__file__).resolve().parents[2] / "README.md"
# Steps a test cannot take (installing, running this very suite): named, so nothing else hides.
SETUP = (("pip", "install"), ("python", "-m", "pytest"))
CHAT_NAMES = {1: "one", 2: "two", 3: "three", 4: "four"}


@dataclass
class Command:
    argv: list[str]             # after `tacit`
    stdin: str | None = None    # what `echo ... |` pipes in
    line: str = ""


def readme_commands(text: str) -> list[Command]:
    """The Tacit commands of the README's bash blocks; setup steps are checked, then skipped."""
    commands: list[Command] = []
    # The server section needs a running server: tests/unit/test_serve_command.py runs it.
    text = re.sub(r"\n## Server mode.*?(?=\n## )", "\n", text, flags=re.DOTALL)
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if not words:
                continue
            piped: str | None = None
            for part in _split(words, "&&"):
                for step in _split(part, "|"):
                    while step and "=" in step[0] and not step[0].startswith("-"):
                        step = step[1:]  # VAR=value before a command
                    if step[:1] == ["tacit"]:
                        commands.append(Command(step[1:], piped, line))
                        piped = None
                    elif step[:1] == ["echo"]:
                        piped = " ".join(step[1:]) + "\n"
                    else:
                        assert any(tuple(step[:len(s)]) == s for s in SETUP), (
                            f"README line runs something no test runs: {line!r}")
    return commands


def _split(words: list[str], token: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for word in words:
        if word == token:
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in parts if p]


@dataclass
class Seen:
    """Ids printed by earlier commands, for the placeholders of later ones."""

    turns: list[str] = field(default_factory=list)
    instruction: str = ""
    chats: list[str] = field(default_factory=list)

    def fill(self, argv: list[str]) -> list[str]:
        out = []
        for word in argv:
            if word == "<turn-id>":
                word = self.turns[-1]
            elif word == "<id>":
                word = self.instruction if argv[0] == "instructions" else self.turns[0]
            assert not re.fullmatch(r"<[\w-]+>", word), f"no value for {word} in {argv}"
            out.append(word)
        return out


def drive_chat(app: TacitApp, seen: Seen) -> None:
    """What a person does in the chat app: wait for it, send one message, quit."""
    async def session() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await wait_until(pilot, lambda: "ready" in screen_text(app), seconds=60)
            seen.chats.append(screen_text(app))
            # Words, not digits: "chat 2" after "chat 1" reads to the coherence check as a
            # number contradicting the conversation.
            message = f"hello from chat {CHAT_NAMES[len(seen.chats)]}"
            await pilot.press(*message, "enter")
            await settle(pilot)
            await wait_until(pilot, lambda: f"You said: {message}" in screen_text(app),
                             seconds=60)
            await pilot.press("ctrl+q")

    asyncio.run(session())


def test_the_readme_commands_run_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    commands = readme_commands(README.read_text("utf-8"))
    heads = [" ".join(c.argv[:2]) for c in commands]
    # The quick start's bare `tacit`, then "Using it": bare `tacit` again and a new chat.
    assert heads[:3] == ["", "", "chat --new"]
    assert {"ask", "memory forget", "instructions add", "simulate --all"} <= {
        " ".join(c.argv[:1]) for c in commands} | set(heads)

    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    monkeypatch.setenv("TACIT_USER", "reader")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "history.json").write_text(json.dumps(
        {"sessions": [{"turns": [{"user": "I moved to Lisbon last spring"}]}]}), "utf-8")
    seen = Seen()
    monkeypatch.setattr(TacitApp, "run", lambda app, *a, **k: drive_chat(app, seen))

    for command in commands:
        argv = seen.fill(command.argv)
        if command.stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
                command.stdin.encode("utf-8"))))
        capsys.readouterr()
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 0, f"`tacit {' '.join(argv)}` failed: {err}"
        check(command, argv, out, seen, tmp_path)
    assert len(seen.chats) == sum(1 for c in commands if c.argv[:1] in ([], ["chat"]))


def check(command: Command, argv: list[str], out: str, seen: Seen, where: Path) -> None:
    """What each command must show, beyond exiting 0."""
    head = argv[:2]
    if head[:1] == ["ask"]:
        if "--json" in argv:
            done: dict[str, Any] = json.loads(out)
            assert done["reply"] == f"You said: {command.stdin.strip() if command.stdin else ''}"
            seen.turns.append(done["turn_id"])
        else:
            assert "You said:" in out
            seen.turns.insert(0, _latest_turn())
        if "-c" in argv:  # continued: the latest conversation now holds two turns
            assert _sessions()[0]["turns"] == 2
        elif "--json" not in argv:
            assert _sessions()[0]["turns"] == 1  # a new conversation each call
    elif head == ["chat", "--new"]:
        assert "hello from chat" not in seen.chats[-1]  # a fresh conversation
    elif not argv and len(seen.chats) == 2:
        assert "hello from chat one" in seen.chats[-1]  # the last conversation, resumed
    elif not argv:  # later: the conversation the asks continued, not an imported one
        assert "Lisbon last spring" not in seen.chats[-1]
    elif head == ["instructions", "add"]:
        seen.instruction = re.search(r"instruction (\w+):", out).group(1)  # type: ignore[union-attr]
    elif head == ["memory", "export"]:
        written = (where / argv[argv.index("--out") + 1]).read_text("utf-8") \
            if "--out" in argv else out
        assert json.loads(written)["user_id"] == "reader"
    elif head == ["memory", "forget"]:
        assert out.startswith("Forgot")
        seen.turns.remove(argv[2])  # gone: a later <id> takes another turn
    elif head == ["memory", "why"]:
        assert out.startswith(f"turn {argv[2]}")
    elif head == ["sessions"]:
        assert "turns" in out
    elif head == ["sessions", "--json"]:
        assert [(s["id"], s["turns"]) for s in json.loads(out)] == [
            (s["id"], s["turns"]) for s in _sessions()]
    elif head == ["doctor"]:
        assert "Everything Tacit needs is in place." in out
    elif head[:1] == ["completion"]:
        assert "complete -F _tacit tacit" in out
    elif head[:1] == ["simulate"]:
        assert (where / "sim" / "report.md").exists()


def _sessions() -> list[dict[str, Any]]:
    """The reader's conversations, newest first, read from the stores, not from the CLI."""
    from assistant.service import Tacit
    from assistant.settings import load_settings

    tacit = Tacit(load_settings())
    try:
        return [{"id": s.id, "turns": n} for s, n in tacit.sessions("reader")]
    finally:
        tacit.close()


def _latest_turn() -> str:
    from assistant.service import Tacit
    from assistant.settings import load_settings

    tacit = Tacit(load_settings())
    try:
        turns = tacit.export("reader")["turns"]
        return str(max(turns, key=lambda t: t["created_at"])["id"])
    finally:
        tacit.close()


def test_the_readme_parser_refuses_a_line_nobody_runs() -> None:
    with pytest.raises(AssertionError, match="no test runs"):
        readme_commands("```bash\nrm -rf build && tacit sessions\n```\n")
    [piped] = readme_commands('```bash\necho "hi there" | tacit ask --json   # a note\n```\n')
    assert piped.argv == ["ask", "--json"] and piped.stdin == "hi there\n"
