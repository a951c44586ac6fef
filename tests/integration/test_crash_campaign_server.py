"""The crash campaign in server mode, one kill point per operation: a client killed in the
middle of a turn, a question, an import or a forget leaves PostgreSQL (rows, full-text index,
checkpoints) and the Chroma server with every turn whole or absent, the question waiting, and
the conversation resumable.

``bench/crash_campaign.py --stores server`` runs the full campaign (1,000 points); the embedded
form of this test is in ``tests/unit/test_crash_safety.py``. It starts its own PostgreSQL
cluster and Chroma server, so it runs only with the server tier (``TEST_STORES=server``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SERVER_MODE
from tests.servers import postgres_available

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not SERVER_MODE, reason="server mode only (TEST_STORES=server)"),
]


def test_kill_points_in_server_mode_leave_whole_turns_a_waiting_question_and_a_resumable_session(
        tmp_path: Path) -> None:
    if not postgres_available():
        pytest.skip("PostgreSQL's programs are not installed (apt-get install postgresql)")
    log = tmp_path / "points.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "bench/crash_campaign.py", "--stores", "server", "--limit", "7",
         "--seed", "11", "--log", str(log)], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        _, err = proc.communicate(timeout=1800)
    except subprocess.TimeoutExpired:
        proc.terminate()  # on SIGTERM the campaign still removes the servers it started
        proc.communicate(timeout=120)
        raise
    assert proc.returncode == 0, err[-2000:]
    points = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(points) == 7
    assert {p["stores"] for p in points} == {"server"}
    assert {p["op"] for p in points} == {"turn", "question", "answer", "import", "restore",
                                         "forget_turn", "forget_session"}
    assert {p["mode"] for p in points} == {"hook", "time"}
    assert sum(p["killed"] for p in points) >= 4  # most points land inside the operation
    assert [p for p in points if p["broken"]] == []
