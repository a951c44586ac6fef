"""The reply never waits for bookkeeping, and Tacit's own notes never reach its prompts.

The turn is stored whole before the reply is handed over; what Tacit learns from it runs after,
on the service's learning thread. A failure there, even a crash of the process, loses the
learning and never the turn; the next turn waits for the previous one's learning and sees it.
Footers ("Noted ...", "(Assumed ...)") are stored apart from the reply and never recalled.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents.learn import Learned, learn
from assistant.models.fake import FakeModel
from assistant.service import Done, Progress, Tacit, Token
from assistant.settings import Settings
from memory.facade import Memory
from memory.instructions import InstructionStore

ROOT = Path(__file__).resolve().parents[2]
RULE = "From now on, never use emojis."
# A rule with a question after it: the model writes the reply (a rule alone is acknowledged
# by code).
SAID = f"{RULE} Can you do that?"


def service(settings: Settings, memory: Memory, model: FakeModel, **kwargs: Any) -> Tacit:
    return Tacit(settings, model=model, memory=memory, checkpointer=InMemorySaver(), **kwargs)


class GatedLearning:
    """Real learning that first waits for ``gate``; records when each turn's learning ends."""

    def __init__(self, log: list[str]) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()
        self.log = log

    def __call__(self, ctx: Any, state: dict[str, Any], turn_id: str) -> Learned:
        self.started.set()
        assert self.gate.wait(30), "the test never opened the gate"
        learned = learn(ctx, state, turn_id)
        self.log.append(f"learned: {state['message']}")
        return learned


class LoggingModel(FakeModel):
    """The fake model, noting when it is asked to reply to each message."""

    def __init__(self, log: list[str]) -> None:
        super().__init__(context_window=4096)
        self.log = log

    def stream(self, messages: Any, **options: Any) -> Iterator[str]:
        self.log.append(f"replying: {messages[-1]['content'].splitlines()[0]}")
        yield from super().stream(messages, **options)


def test_the_reply_and_the_stored_turn_come_before_learning(
        settings: Settings, memory: Memory, fake_model: FakeModel) -> None:
    log: list[str] = []
    learning = GatedLearning(log)
    tacit = service(settings, memory, fake_model, learner=learning)
    try:
        session = tacit.new_session("ana").id
        events = list(tacit.send("ana", session, SAID))
        done = events[-1]
        assert isinstance(done, Done) and done.learning is not None
        assert any(isinstance(e, Token) for e in events)
        # The whole reply is out and the turn is stored; nothing is learned yet.
        assert learning.started.wait(10)
        assert not done.learning.done()
        assert tacit.history("ana", session) == [(SAID, f"You said: {SAID}")]
        assert InstructionStore(memory).list("ana") == []

        learning.gate.set()
        learned = done.learning.result(timeout=30)
        assert learned.error is None
        assert learned.footer == f'Noted instruction: "{RULE}"'
        assert [r.text for r in InstructionStore(memory).list("ana")] == [RULE]
        assert done.shown == f"You said: {SAID}\n\n{learned.footer}"
        assert tacit.history("ana", session) == [(SAID, done.shown)]
    finally:
        learning.gate.set()
        tacit.close()


def test_a_new_turn_waits_for_the_last_ones_learning_and_sees_it(
        settings: Settings, memory: Memory) -> None:
    log: list[str] = []
    learning = GatedLearning(log)
    model = LoggingModel(log)
    tacit = service(settings, memory, model, learner=learning)
    try:
        session = tacit.new_session("ana").id
        first = list(tacit.send("ana", session, SAID))[-1]
        assert isinstance(first, Done)
        second: list[Any] = []
        sender = threading.Thread(target=lambda: second.extend(
            tacit.send("ana", session, "How far is Porto from Lisbon?", interactive=False)))
        sender.start()
        assert learning.started.wait(10)
        learning.gate.set()
        sender.join(30)
        tacit.flush()
        assert isinstance(second[0], Progress) and second[0].node == "waiting"
        assert log == [f"replying: {SAID}", f"learned: {SAID}",
                       "replying: How far is Porto from Lisbon?",
                       "learned: How far is Porto from Lisbon?"]
        done = second[-1]
        assert isinstance(done, Done)
        assert [a["text"] for a in done.trace["instructions"]["applied"]] == [RULE]
    finally:
        learning.gate.set()
        tacit.close()


def test_learning_that_fails_loses_only_the_learning(
        settings: Settings, memory: Memory, fake_model: FakeModel) -> None:
    calls: list[str] = []

    def broken_once(ctx: Any, state: dict[str, Any], turn_id: str) -> Learned:
        calls.append(state["message"])
        if len(calls) == 1:
            raise RuntimeError("the extractor fell over")
        return learn(ctx, state, turn_id)

    tacit = service(settings, memory, fake_model, learner=broken_once)
    try:
        first = tacit.ask("ana", SAID)
        assert first.learning is not None
        assert first.learning.result().error == "RuntimeError: the extractor fell over"
        [turn] = memory.turns("ana", first.session_id)
        assert (turn.user_text, turn.reply_text) == (SAID, f"You said: {SAID}")
        assert turn.trace["learning"] == {"error": "RuntimeError: the extractor fell over"}
        assert InstructionStore(memory).list("ana") == []

        again = tacit.ask("ana", SAID)  # said again: this time it is learned
        assert again.learning is not None and again.learning.result().error is None
        assert [t.seq for t in memory.turns("ana", first.session_id)] == [1, 2]
        assert [r.text for r in InstructionStore(memory).list("ana")] == [RULE]
    finally:
        tacit.close()


CRASH = """
import os, sys
from assistant.service import Tacit
from assistant.settings import load_settings

def crash(ctx, state, turn_id):
    os._exit(3)  # the process dies between storing the turn and learning from it

tacit = Tacit(load_settings(), learner=crash)
done = tacit.ask("ana", sys.argv[1])
"""


def test_a_process_that_dies_before_learning_keeps_the_turn(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(tmp_path / "data"), TACIT_CHAT__MODEL="fake",
               TACIT_CONFIG_FILE=str(tmp_path / "none.toml"), PYTHONPATH=str(ROOT))
    died = subprocess.run([sys.executable, "-c", CRASH, SAID], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert died.returncode == 3, died.stderr

    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    from assistant.settings import load_settings

    tacit = Tacit(load_settings())
    try:
        [session] = tacit.sessions("ana")
        assert tacit.history("ana", session[0].id) == [(SAID, f"You said: {SAID}")]
        assert InstructionStore(tacit.memory).list("ana") == []  # only the learning was lost
        later = tacit.ask("ana", "And the weather in Porto?")
        assert [t.seq for t in tacit.memory.turns("ana", later.session_id)] == [1, 2]
    finally:
        tacit.close()


def test_footers_are_shown_but_never_stored_in_the_reply_or_recalled(
        settings: Settings, memory: Memory, fake_model: FakeModel) -> None:
    tacit = service(settings, memory, fake_model)
    try:
        session = tacit.new_session("ana").id
        noted = tacit.ask("ana", SAID, session)
        assumed = tacit.ask("ana", "How far is a half marathon?", session)
        assert "Noted instruction" in noted.shown and "(Assumed units:" in assumed.shown
        for turn in memory.turns("ana", session):
            assert "Noted" not in turn.reply_text and "(Assumed" not in turn.reply_text
        assert "Noted instruction" in memory.turns("ana", session)[0].footer
        assert memory.turns("ana", session)[1].footer.startswith("(Assumed units:")

        tacit.ask("ana", "Which distance did we talk about?", session)
        prompt = "\n".join(m["content"] for m in fake_model.history[-1])
        assert "How far is a half marathon?" in prompt  # the recent turns are there
        assert "Noted" not in prompt and "(Assumed" not in prompt and "Tell me if" not in prompt
        hits = tacit.search("ana", "Noted instruction Assumed units tell me if that is wrong")
        assert all("Noted" not in h.text and "Assumed" not in h.text for h in hits)
    finally:
        tacit.close()


def test_a_place_taken_meanwhile_is_retried_not_lost(
        memory: Memory, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import IntegrityError

    from agents.memorize import store_turn

    session = memory.start_session("ana")
    real = memory.record_turn

    def raced(*args: Any, **kwargs: Any) -> Any:
        monkeypatch.setattr(memory, "record_turn", real)
        real("ana", session.id, "from the other process", "ok")  # takes place 1 first
        raise IntegrityError("INSERT INTO turn", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(memory, "record_turn", raced)
    turn = store_turn(memory, "ana", session.id, "mine", "ok", {})
    assert turn.seq == 2
    assert [(t.seq, t.user_text) for t in memory.turns("ana", session.id)] == [
        (1, "from the other process"), (2, "mine")]
