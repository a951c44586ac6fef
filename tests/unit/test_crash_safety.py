"""A process killed in the middle of a turn, a question, an import or a forget loses nothing
and leaves nothing half-written: the crash campaign, one kill point per operation.

``bench/crash_campaign.py`` runs the full campaign (1,000 points); this is its quick form.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_kill_point_leaves_whole_turns_a_waiting_question_and_a_resumable_session(
        tmp_path: Path) -> None:
    log = tmp_path / "points.jsonl"
    proc = subprocess.run(
        [sys.executable, "bench/crash_campaign.py", "--limit", "7", "--seed", "11",
         "--log", str(log)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    points = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(points) == 7
    assert {p["op"] for p in points} == {"turn", "question", "answer", "import", "restore",
                                         "forget_turn", "forget_session"}
    assert sum(p["killed"] for p in points) >= 4  # most points land inside the operation
    assert [p for p in points if p["broken"]] == []
