"""A process killed in the middle of a turn, a question, an import or a forget loses nothing
and leaves nothing half-written: the crash campaign, one kill point per operation.

``bench/crash_campaign.py`` runs the full campaign (1,000 points); this is its quick form.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.models.fake import FakeModel
from assistant.service import Tacit
from assistant.settings import Settings
from memory.facade import Memory

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


# The repairs, one by one, on stores left as a killed process leaves them ------------------------
class Killed(BaseException):
    """Stands for SIGKILL inside a node: nothing after it runs, no cleanup."""


def _service(settings: Settings, memory: Memory, saver: Any) -> Tacit:
    return Tacit(settings, model=FakeModel(context_window=4096), memory=memory,
                 checkpointer=saver)


def test_a_run_stopped_after_the_answer_was_saved_is_finished_by_the_next_message(
        settings: Settings, memory: Memory) -> None:
    from langgraph.checkpoint.memory import InMemorySaver

    from agents.memorize import memorize
    from assistant.graph import build_graph
    from assistant.service import Question

    saver = InMemorySaver()
    tacit = _service(settings, memory, saver)
    session = tacit.new_session("ana").id
    assert isinstance(list(tacit.send("ana", session, "Any ideas for dinner tonight?"))[-1],
                      Question)

    def stored_then_killed(state: Any, runtime: Any) -> Any:
        memorize(state, runtime)
        raise Killed  # the turn is in SQL; the checkpoint after memorize never is

    tacit._graph = build_graph(saver, nodes={"memorize": stored_then_killed})
    with pytest.raises(Killed):
        list(tacit.send("ana", session, "vegetarian"))
    tacit.flush()
    restarted = _service(settings, memory, saver)
    assert restarted.pending_question("ana", session) is None
    assert restarted.cut_off({"configurable": {"thread_id": f"ana/{session}"}})
    list(restarted.send("ana", session, "Thanks, and a dessert?", interactive=False))
    restarted.flush()
    said = [u for u, _ in restarted.history("ana", session)]
    assert said == ["Any ideas for dinner tonight?", "Thanks, and a dessert?"]  # once each


def test_opening_after_a_crash_repairs_vectors_tree_and_checkpoints(
        settings: Settings, memory: Memory) -> None:
    from langgraph.checkpoint.memory import InMemorySaver

    from assistant.user_lock import RunningMark

    saver = InMemorySaver()
    tacit = _service(settings, memory, saver)
    kept = tacit.ask("ana", "I keep bees on the roof.").turn_id
    gone = tacit.ask("ana", "My locker code is 7781.", tacit.new_session("ana").id)
    tacit.new_session("ana")  # the locker conversation is summarized into the tree
    tacit.close()
    # As a killed process leaves them: a vector whose SQL commit never happened, a turn whose
    # vector a forget deleted before being killed, a forget committed in SQL alone.
    memory.vectors.add(["never-committed"], ["half a turn"], [{"user_id": "ana", "kind": "turn"}])
    memory.vectors.delete("ana", [kept])
    from sqlmodel import Session as DbSession

    from memory.schema import Turn

    with DbSession(memory.engine) as db:
        db.delete(db.get(Turn, gone.turn_id))
        db.commit()
    left = RunningMark(settings.data_dir)
    left.claim()
    left._file.close()  # type: ignore[union-attr]  # the process died holding its mark

    reopened = _service(settings, memory, saver)
    assert reopened.memory is memory and reopened.repaired is not None
    assert reopened.repaired.orphan_vectors == 2  # the half-written one, the forgotten one
    assert reopened.repaired.missing_vectors == 1
    assert reopened.repaired.trees_rebuilt == 1 and reopened.repaired.threads_dropped == 0
    ids = set(memory.vectors.ids_for("ana"))
    assert kept in ids and "never-committed" not in ids
    assert "7781" not in "\n".join(reopened.memory_tree("ana"))
    assert [h.id for h in reopened.search("ana", "bees roof")][:1] == [kept]
    assert not list((settings.data_dir / "running").glob("*.mark"))[1:]  # only its own
    reopened.close()
