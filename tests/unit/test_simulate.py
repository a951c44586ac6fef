"""Simulated users: truthful answers, deterministic alignment checks, the report."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.alignment import respects
from assistant.personas import RuleUser, load_personas, truthful
from assistant.service import Tacit
from assistant.simulate import run_persona, write_report
from memory.preferences import catalog


def test_at_least_twelve_personas_with_sparse_hidden_preferences_and_scripts() -> None:
    personas = load_personas()
    assert len(personas) >= 12
    for persona in personas:
        assert 1 <= len(persona.preferences) <= len(catalog()) // 2  # sparse
        assert persona.standing_instructions and persona.safety
        assert sum(len(s) for s in persona.sessions) >= 6
        needs = {d for s in persona.sessions for r in s for d in r.needs}
        assert set(persona.preferences) <= needs  # every hidden preference is tested


def test_the_rule_user_answers_every_question_truthfully() -> None:
    for persona in load_personas():
        user = RuleUser(persona)
        for dim in catalog().values():
            question = {"dimension": dim.name, "choices": dim.choices, "text": dim.question}
            answer = user.answer(question)
            assert truthful(persona, question, answer), (persona.id, dim.name, answer)
    maya = load_personas(only=["maya"])[0]
    assert not truthful(maya, {"dimension": "diet", "choices": catalog()["diet"].choices},
                        "vegan")


def test_alignment_checks_read_the_answer_text() -> None:
    assert not respects("Try a chicken stir-fry.", "diet", "vegetarian")
    assert respects("Try a chickpea stir-fry.", "diet", "vegetarian")
    assert not respects("Add a splash of milk.", "diet", "vegan")
    assert not respects("It is 13.1 miles long.", "units", "metric")
    assert respects("It is 21.1 km long.", "units", "metric")
    assert not respects("Bake at 180°C for 20 minutes.", "units", "imperial")
    assert respects("Use gluten-free pasta and rice.", "diet", "gluten_free")
    assert not respects("Book the luxury suite.", "budget", "low")
    assert not respects("1. Open it\n2. Tap send", "learning_style", "examples")
    assert respects("1. Open it\n2. Tap send", "learning_style", "steps")
    # Naming a food only to exclude it, or as what a substitute replaces, is not suggesting it.
    assert respects("A bean chilli, without meat.", "diet", "vegetarian")
    assert respects("Oats with almond milk.", "diet", "vegan")
    assert not respects("Oats with milk.", "diet", "vegan")
    # The sentence stating assumptions is not part of the answer.
    assert respects("It is 21.1 km.\n\n(Assumed units: imperial. Tell me if that is wrong.)",
                    "units", "metric")
    # Words cut short in the lexicon ("replac+", "eigen*") match their whole family.
    assert respects("Try replacing the beef with lentils.", "diet", "vegetarian")
    assert not respects("The eigenvalues and the gradient decide it.", "expertise", "beginner")
    assert not respects("Meet at 7 p.m. after work.", "schedule", "morning")
    assert respects("Meet at 7 a.m. before the rush.", "schedule", "morning")


def test_a_simulated_session_discovers_preferences_and_reports_them(
        tacit: Tacit, tmp_path: Path) -> None:
    maya = load_personas(only=["maya"])[0]
    records = run_persona(tacit, maya, policy="tacit", sessions=2, turns=4)
    assert len(records) == 8
    asked = [q["dimension"] for r in records for q in r.questions]
    assert "diet" in asked and len(asked) == len(set(asked))  # never the same thing twice
    assert all(not q["known_before"] for r in records for q in r.questions)
    assert records[-1].discovered >= 2
    summaries = write_report(tmp_path, {"tacit": records}, title="test")
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["summary"]["tacit"]["over_asking"] == 0
    assert report["summary"]["tacit"]["questions"] == len(asked)
    assert summaries["tacit"]["questions_when_covered"] == 0
    # Whether each checked preference was known when the reply was written: the asking
    # policy's own share, whatever the model writes.
    checks = [c for r in records for c in r.checks]
    assert {c["known"] for c in checks} == {True, False}  # asked in time, or not yet
    assert summaries["tacit"]["known_at_check"] == sum(c["known"] for c in checks) / len(checks)
    assert "| alignment |" in (tmp_path / "report.md").read_text()
    assert (tmp_path / "discovery.png").stat().st_size > 1000


def test_the_model_driven_user_answers_from_the_offered_choices_or_falls_back() -> None:
    from assistant.models.fake import FakeModel
    from assistant.personas import ModelUser

    maya = load_personas(only=["maya"])[0]
    units = catalog()["units"]
    question = {"dimension": "units", "choices": units.choices, "text": units.question}
    model = FakeModel()
    model.enqueue({"choice": "metric"})
    user = ModelUser(maya, model)
    assert user.answer(question) == "metric"
    assert "metric" in model.history[-1][0]["content"]  # it was told who it plays
    model.enqueue({"choice": "kilograms"}, "not json")  # off the list, then garbage
    assert user.answer(question) == "metric"  # the truthful rules answer instead
    assert len(user.failures) == 1 and "not JSON" in user.failures[0]


def test_tacit_simulate_writes_the_report_and_refuses_unknown_names(
        tmp_path: Path, monkeypatch, capsys) -> None:
    from assistant.cli import main

    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")
    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "mine"))
    out = tmp_path / "sim"
    assert main(["simulate", "--persona", "maya", "--sessions", "1", "--turns", "2",
                 "--policy", "tacit,never", "--out", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert set(report["summary"]) == {"tacit", "never"}
    assert report["summary"]["tacit"]["questions"] == 2
    assert report["summary"]["never"]["questions"] == 0
    assert not (tmp_path / "mine").exists()  # simulated users never touch the real stores
    assert main(["simulate", "--persona", "nobody", "--out", str(out)]) == 2
    assert "No persona named nobody" in capsys.readouterr().err
