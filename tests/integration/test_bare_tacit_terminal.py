"""The README's first command, for real: bare `tacit` in a terminal opens the chat screen.

A pseudo-terminal stands in for the person's terminal; the bundled model and real stores load
in a fresh data directory, a message gets a reply, and Ctrl+Q quits cleanly.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
# The `tacit` console script is `assistant.cli:main`; this runs that entry point from this
# checkout with no arguments at all, as the bare command does.
BARE_TACIT = "import sys; from assistant.cli import main; sys.exit(main())"
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Terminal:
    """A pseudo-terminal of 120x40 running one process; ``screen`` is all it printed, plain."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=cwd, start_new_session=True)
        os.close(slave)
        self.raw = b""

    @property
    def screen(self) -> str:
        return ESCAPES.sub("", self.raw.decode("utf-8", "replace"))

    def wait_for(self, text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.screen:
            left = deadline - time.monotonic()
            assert left > 0 and self.proc.poll() is None, (
                f"never showed {text!r}; last output: {self.screen[-600:]!r}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    self.raw += os.read(self.master, 65536)
                except OSError:  # the process closed the terminal
                    break

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def close(self) -> int:
        try:
            code = self.proc.wait(60)
        finally:
            os.close(self.master)
        return code


def test_bare_tacit_opens_the_chat_replies_and_quits(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(tmp_path / "data"), TACIT_USER="newcomer",
               TACIT_CONFIG_FILE=str(tmp_path / "none.toml"), TACIT_CHAT__MAX_TOKENS="24",
               PYTHONPATH=str(ROOT), TERM="xterm-256color")
    terminal = Terminal([sys.executable, "-c", BARE_TACIT], env, tmp_path)
    try:
        terminal.wait_for("SmolLM2-135M-Instruct · ready", seconds=180)
        assert "New conversation" in terminal.screen
        assert "Message Tacit" in terminal.screen
        # A question the model answers ("who are you?" or names for a pet are answered by code,
        # with no speed).
        terminal.type("Hello, name one colour.")
        time.sleep(0.5)
        terminal.type("\r")
        terminal.wait_for("Hello, name one colour.", seconds=30)
        terminal.wait_for("tok/s", seconds=180)  # the reply came, with its speed
        terminal.type("\x11")  # Ctrl+Q
        assert terminal.close() == 0
    finally:
        if terminal.proc.poll() is None:
            terminal.proc.kill()
    assert "Traceback" not in terminal.screen and "unexpected error" not in terminal.screen
