"""Two `tacit ask` processes for one person at the same moment: both turns are kept, in order.

Real processes on real stores (SQLite, Chroma, the ONNX embedder); the scripted model keeps it
fast, since what is tested is storing and the memory tree, not the reply. Each process loads
everything first and then waits for a start file, so the two turns really run at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
STARTER = """
import os, sys, time
from pathlib import Path
import assistant.service, agents.memorize, memory.facade, langgraph.graph  # load before the start
from assistant.cli import main
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
sys.exit(main(sys.argv[2:]))
"""


def environment(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(data), TACIT_CHAT__MODEL="fake", TACIT_USER="ana",
               TACIT_CONFIG_FILE=str(data / "none.toml"), PYTHONPATH=str(ROOT))
    return env


def at_once(data: Path, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    go = data / f"go-{time.monotonic_ns()}"
    procs = [subprocess.Popen([sys.executable, "-c", STARTER, str(go), *argv],
                              env=environment(data), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for argv in commands]
    time.sleep(0.2)
    # Both have loaded their modules when they print nothing yet and still run; start them.
    go.touch()
    done = []
    for proc, argv in zip(procs, commands, strict=True):
        out, err = proc.communicate(timeout=240)
        done.append(subprocess.CompletedProcess(argv, proc.returncode, out, err))
    return done


def one(data: Path, *argv: str) -> str:
    result = subprocess.run([sys.executable, "-m", "assistant.cli", *argv],
                            env=environment(data), capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    return result.stdout


def exported(data: Path) -> dict[str, Any]:
    return dict(json.loads(one(data, "memory", "export")))


def test_two_asks_at_once_store_both_turns_in_order_and_the_tree_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    one(data, "ask", "I moved to Porto last spring.")
    one(data, "ask", "-c", "My sister Clara lives in Braga.")  # one conversation throughout

    # Questions the model answers (what Tacit keeps of them is listed by code, with no prompt).
    first, second = at_once(data, ["ask", "-c", "--json", "Any ideas for a day out near me?"],
                            ["ask", "-c", "--json", "What could I bring my sister from town?"])
    assert first.returncode == 0 and second.returncode == 0, (first.stderr, second.stderr)

    turns = exported(data)["turns"]
    [session] = {t["session_id"] for t in turns}
    assert sorted(t["seq"] for t in turns) == [1, 2, 3, 4]
    by_seq = sorted(turns, key=lambda t: t["seq"])
    # The later turn saw the earlier one: whichever ran second had it among its recent turns.
    later = by_seq[3]
    assert later["trace"]["respond"]["recent_turns_in_prompt"] == 3
    assert session

    # Two new conversations opened at once close the old one into the tree once, not twice.
    a, b = at_once(data, ["ask", "--new", "Hello again."], ["ask", "--new", "Good morning."])
    assert a.returncode == 0 and b.returncode == 0, (a.stderr, b.stderr)
    tree = exported(data)["tree"]
    sessions = [n for n in tree if n["level"] == 1]
    summarized = [n["meta"].get("session_id") for n in sessions]
    assert len(summarized) == len(set(summarized)), summarized
    assert session in summarized
    roots = [n for n in tree if n["level"] == 3]
    assert len(roots) <= 1
    all_turns = exported(data)["turns"]
    per_session: dict[str, list[int]] = {}
    for turn in all_turns:
        per_session.setdefault(turn["session_id"], []).append(turn["seq"])
    assert all(sorted(s) == list(range(1, len(s) + 1)) for s in per_session.values())
    assert len(all_turns) == 6
