"""A scripted simulated user on the bundled model and real stores: ask, resume, learn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.alignment import respects
from assistant.personas import load_personas
from assistant.service import Tacit
from assistant.settings import Settings
from assistant.simulate import run_persona

pytestmark = pytest.mark.integration


def test_a_scripted_session_on_the_real_model_asks_once_then_applies_the_answer(
        tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", user="maya",
                        chat={"model": "smollm2", "max_tokens": 16, "temperature": 0.0})
    tacit = Tacit(settings)
    try:
        maya = load_personas(only=["maya"])[0]
        records = run_persona(tacit, maya, policy="tacit", sessions=1, turns=2)
    finally:
        tacit.close()
    first, second = records
    assert [q["dimension"] for q in first.questions] == ["diet"]
    assert first.reply.strip()
    assert first.discovered == 1  # vegetarian, from her own words
    assert second.questions and second.questions[0]["dimension"] == "units"
    assert second.discovered == 2
    assert respects(second.reply, "units", "metric")  # known now: enforced on the reply
    reopened = Tacit(settings)
    try:
        beliefs = reopened.memory.profile.beliefs("sim-maya-tacit")
        assert beliefs["diet"].value == "vegetarian" and beliefs["units"].value == "metric"
    finally:
        reopened.close()


def test_tacit_ask_states_its_assumption_instead_of_asking(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(tmp_path), TACIT_USER="ana", TACIT_CHAT__MAX_TOKENS="8",
               TACIT_CHAT__TEMPERATURE="0", TACIT_CONFIG_FILE=str(tmp_path / "none.toml"))
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "--json",
                           "Any ideas for dinner tonight?"], capture_output=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    assert out["footer"].startswith("(Assumed diet: no restrictions.")
    assert "(Assumed" not in out["reply"]
    assert out["trace"]["elicit"]["decision"].startswith("one-shot turn")


def test_the_refiner_holds_a_real_reply_to_what_the_person_said(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", user="eve",
                        chat={"model": "smollm2", "max_tokens": 48, "temperature": 0.0})
    tacit = Tacit(settings)
    try:
        done = tacit.ask("eve", "I learn best from examples and I measure in km. "
                         "Explain what average speed means for a cyclist.")
    finally:
        tacit.close()
    refine = done.trace["refine"]
    assert refine["persona"] == ["learning_style=examples", "units=metric"]
    assert respects(done.reply, "learning_style", "examples")
    assert respects(done.reply, "units", "metric")
    if refine["changes"]:  # the model's own draft is kept beside the repaired reply
        assert refine["draft"] != done.reply
