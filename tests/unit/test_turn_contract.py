"""The turn contract: every node writes typed, declared trace sections; the trace front ends
read is versioned JSON that keeps its shape through checkpoints and storage; a turn's budgets
come from one place."""

from __future__ import annotations

import json
from typing import Any

import pytest

import agents.safety
from agents.contract import TRACE_VERSION, SafetyTrace, TurnTrace, merge_trace
from agents.safety_assessment import SafetyAssessment
from agents.state import TurnContext
from assistant.memory_views import why_lines
from assistant.models.fake import FakeModel
from assistant.service import Done, Question, Tacit
from assistant.settings import Settings
from memory.facade import Memory


def _health(message: str, history: Any = (), *, past_self_harm: bool = False,
            embed: Any = None) -> SafetyAssessment:
    """Detection scripted: a question about pills is a health matter worth asking about."""
    if "pills" in message:
        return SafetyAssessment(domain="health", sub_area="medication", domain_score=0.9,
                                evidence=["scripted"])
    return SafetyAssessment()


def _stored(tacit: Tacit, turn_id: str) -> dict[str, Any]:
    return tacit.why("ana", turn_id)["trace"]


def test_every_key_a_node_writes_is_declared_in_the_contract(
        tacit: Tacit, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(agents.safety, "detector", lambda ctx: (_health, "scripted"))
    session = tacit.new_session("ana")
    tacit.ask("ana", "I live in Lisbon and I'm vegetarian.", session.id)
    ask = "My doctor changed my sleeping pills, what should I watch for?"
    assert isinstance(list(tacit.send("ana", session.id, ask))[-1], Question)  # the card
    consent = list(tacit.send("ana", session.id, "anxious or depressed, yes, in the past"))
    assert isinstance(consent[-1], Question)
    done = [e for e in tacit.send("ana", session.id, "keep") if isinstance(e, Done)][-1]
    done.learning.result()  # type: ignore[union-attr]
    trace = TurnTrace.of(_stored(tacit, done.turn_id))
    assert trace.undeclared() == []
    # Both safety nodes wrote one section: what safety decided and what the card learned.
    assert trace.safety is not None and trace.safety.domain == "health"
    assert trace.safety.asked and "mental_health_status" in trace.safety.learned
    for node in ("recall", "safety", "safety_ask", "elicit", "respond", "refine"):
        assert node in trace.timings_ms
    assert "memorize" in done.trace["timings_ms"]  # stored before it ends; returned with it


def test_the_stored_trace_is_versioned_json_with_only_what_the_nodes_wrote(
        tacit: Tacit) -> None:
    done = tacit.ask("ana", "Can you write me a short poem about the sea?")
    stored = _stored(tacit, done.turn_id)
    assert json.loads(json.dumps(stored)) == stored
    assert stored["version"] == TRACE_VERSION
    # A section keeps exactly its node's keys: safety's own, none of the card's.
    assert "answer_decisions" not in stored["safety"] and "decisions" in stored["safety"]
    assert set(stored["respond"]) >= {"model", "prompt_tokens", "memory_in_prompt"}
    assert done.trace["turn_id"] == done.turn_id


def test_an_answered_question_keeps_its_answer_in_the_trace_through_the_checkpoint(
        settings: Settings, memory: Memory) -> None:
    from langgraph.checkpoint.sqlite import SqliteSaver  # a checkpoint written to disk

    settings = settings.model_copy(update={"ask_threshold": 0.0})
    tacit = Tacit(settings, model=FakeModel(), memory=memory)
    assert isinstance(tacit.graph.checkpointer, SqliteSaver)
    session = tacit.new_session("ana")
    asked = list(tacit.send("ana", session.id, "Plan my dinner for tonight, please."))
    assert isinstance(asked[-1], Question) and asked[-1].details["kind"] == "preference"
    done = [e for e in tacit.send("ana", session.id, "vegetarian") if isinstance(e, Done)][-1]
    question = done.trace["elicit"]["question"]
    assert question["answer"] == "vegetarian" and question["text"] == asked[-1].text
    assert set(done.trace["recall"]) == {"retrieved", "tokens", "budget", "recent_turns",
                                         "method", "path"}
    tacit.close()


def test_a_trace_stored_before_the_contract_reads_back_unchanged() -> None:
    old = {"started": "2026-11-30T10:00:00", "model": "fake",
           "safety": {"domain": None, "decisions": []}, "refine": {"revised": False},
           "a_future_section": {"x": 1}}
    trace = TurnTrace.of(old)
    assert trace.safety is not None and trace.safety.domain is None
    assert {k: v for k, v in trace.as_json().items() if k != "version"} == old
    assert trace.undeclared() == ["trace.a_future_section"]


def test_sections_written_twice_merge_as_one_and_a_new_turn_starts_afresh() -> None:
    first = merge_trace(None, {"started": "t1", "safety": {"domain": "health"}})
    merged = merge_trace(first, TurnTrace(safety=SafetyTrace(asked=["age"])))
    assert merged.as_json()["safety"] == {"domain": "health", "asked": ["age"]}
    fresh = merge_trace(merged, {"started": "t2"})
    assert "safety" not in fresh.as_json()


def test_a_turns_budgets_come_from_the_settings_and_their_defaults_from_one_place(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    default = TurnContext(model=FakeModel(), memory=None)  # type: ignore[arg-type]
    plain = Settings(data_dir=tmp_path, chat={"model": "fake"})
    assert plain.turn.retrieval_budget == default.retrieval_budget == 900
    monkeypatch.setenv("TACIT_RETRIEVAL_BUDGET", "123")
    monkeypatch.setenv("TACIT_ASK_POLICY", "never")
    settings = Settings(data_dir=tmp_path, chat={"model": "fake"})
    context = TurnContext.of(FakeModel(context_window=2048), None,  # type: ignore[arg-type]
                             settings.turn)
    assert (context.retrieval_budget, context.ask_policy) == (123, "never")
    assert context.context_budget == 2048  # no more than the model's window


def test_what_learning_kept_is_typed_and_shown_by_memory_why(tacit: Tacit) -> None:
    session = tacit.new_session("ana")
    done = tacit.ask("ana", "From now on, never use emojis. I live in Lisbon.", session.id)
    trace = TurnTrace.of(_stored(tacit, done.turn_id))
    assert trace.undeclared() == []
    assert trace.noted is not None and [n.kind for n in trace.noted.stored] == ["instruction"]
    assert trace.noted.stored[0].text == "From now on, never use emojis."
    assert trace.memory is not None and trace.memory.facts is not None
    assert [f.action for f in trace.memory.facts.learned] == ["added"]
    lines = why_lines(tacit.explain("ana", done.turn_id))
    assert "noted instruction: From now on, never use emojis." in lines
    assert "facts: added home city: Lisbon" in lines  # the fact in words while it is kept
    tacit.forget("ana", trace.memory.facts.learned[0].id)
    assert "facts: added" in why_lines(tacit.explain("ana", done.turn_id))


def test_learning_sections_stored_before_they_were_typed_read_back_unchanged() -> None:
    old = {"version": 1, "started": "2026-11-30T10:00:00", "profile_learned": [],
           "noted": {"candidates": [{"kind": "instruction", "text": "Never use emojis.",
                                     "confidence": 0.9, "source": "rules", "implicit": False,
                                     "said": "", "option": ""}],
                     "rejected": [{"text": "maybe", "why": "nothing to store"}],
                     "model_failures": [], "model_calls": 0, "ms": 1.5,
                     "stored": [{"kind": "instruction", "id": "i1",
                                 "text": "Never use emojis.", "replaced": [], "by": "rules"}]},
           "memory": {"facts": {"learned": [{"action": "added", "id": "f1", "replaced": None}],
                                "skipped_as_recalled": 0, "by": "rules"},
                      "sessions_closed": ["s0"], "model_calls": 0, "ms": 3.25},
           "learning": {"ms": 9.0}}
    trace = TurnTrace.of(old)
    assert trace.noted is not None and trace.noted.stored[0].id == "i1"
    assert trace.noted.rejected[0].why == "nothing to store"
    assert trace.memory is not None and trace.memory.sessions_closed == ["s0"]
    assert trace.as_json() == old
    assert trace.undeclared() == []
