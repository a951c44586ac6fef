"""A scripted terminal session in tmux: the real app on the real bundled model.

tmux runs the app in a terminal of its own; the test types into it with ``send-keys`` and
reads the screen with ``capture-pane``, as a person would see it: two turns of chat, the why
panel, the memory inspector, and Ctrl+Q. Without tmux on the machine the test is skipped and
says how to get it (``apt-get install tmux``, ``brew install tmux``); in CI (``CI`` set, as
``.ci/run`` and CI services do) a missing tmux fails it instead, so the run cannot quietly
drop out of CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = bool(os.environ.get("CI"))
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("tmux") is None and not IN_CI,
                       reason="tmux is not installed: the scripted terminal session needs it "
                              "(apt-get install tmux, or brew install tmux)"),
]

ROOT = Path(__file__).resolve().parents[2]
APP = "import sys; from assistant.cli import main; sys.exit(main(['chat']))"


class Tmux:
    """One tmux server of the test's own (its socket), running the app in one window."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=30, check=False)
        return done.stdout

    def start(self, command: list[str], env: dict[str, str], cwd: Path) -> None:
        flags = [f for name, value in env.items() for f in ("-e", f"{name}={value}")]
        subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d",
                        "-s", "tacit", "-x", "100", "-y", "32", "-c", str(cwd), *flags,
                        " ".join(command)], check=True, timeout=30, env=env)
        self.run("set-option", "-t", "tacit", "remain-on-exit", "on")

    @property
    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "tacit")

    @property
    def exited(self) -> bool:
        return self.run("display-message", "-p", "-t", "tacit", "#{pane_dead}").strip() == "1"

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "tacit", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "tacit", "-l", text)

    def wait_for(self, text: str, seconds: float, gone: bool = False) -> str:
        """The screen once it shows ``text`` (or, with ``gone``, once it no longer does)."""
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen
            if (text in screen) != gone:
                return screen
            assert time.monotonic() < deadline and not self.exited, (
                f"{'still showed' if gone else 'never showed'} {text!r}; the screen:\n{screen}")
            time.sleep(0.1)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    assert shutil.which("tmux"), "CI runs the terminal session: install tmux on the runner"
    session = Tmux(f"tacit-test-{uuid.uuid4().hex[:8]}")
    yield session
    session.run("kill-server")  # only this test's own server


def test_two_turns_the_why_panel_and_the_memory_inspector_in_tmux(
        tmux: Tmux, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(tmp_path / "data"), TACIT_USER="tmux-user",
               TACIT_CONFIG_FILE=str(tmp_path / "none.toml"), TACIT_CHAT__MAX_TOKENS="24",
               PYTHONPATH=str(ROOT), TERM="xterm-256color")
    tmux.start([sys.executable, "-c", f'"{APP}"'], env, tmp_path)

    tmux.wait_for("SmolLM2-135M-Instruct · ready", seconds=180)
    for message in ("Hello, name one colour.", "Name one fruit."):
        tmux.type(message)
        tmux.keys("Enter")
        tmux.wait_for("· ready", seconds=30, gone=True)  # Tacit is on it
        tmux.wait_for(message, seconds=30)
        tmux.wait_for("tok/s · ready", seconds=180)  # the reply came, with its speed

    tmux.keys("F2")
    why = tmux.wait_for("Why this reply to “Name one fruit.”", seconds=60)
    assert "Model" in why and "SmolLM2-135M-Instruct" in why and "Memories recalled" in why
    tmux.keys("Escape")
    # F3 sent while the panel is still closing goes to the panel: wait until it is gone.
    tmux.wait_for("Why this reply to", seconds=30, gone=True)

    tmux.keys("F3")
    memory = tmux.wait_for("What Tacit remembers about you", seconds=60)
    assert "Memories" in memory and "Tree" in memory
    tmux.keys("Escape")
    tmux.wait_for("Message Tacit", seconds=30)

    tmux.keys("C-q")
    deadline = time.monotonic() + 60
    while not tmux.exited:
        assert time.monotonic() < deadline, f"the app did not quit; the screen:\n{tmux.screen}"
        time.sleep(0.3)
    shown = tmux.screen
    assert "Traceback" not in shown and "Something went wrong" not in shown
