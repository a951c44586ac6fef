"""Refine on the bundled model: the one repair answers a part left out, and a reply the
token cap cut ends on a full sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agents.refiners.base import ModelCalls, Situation
from agents.refiners.planner import refine_text

pytestmark = pytest.mark.integration


def test_the_one_model_repair_answers_the_part_left_out() -> None:
    from assistant.models import create_model
    from assistant.settings import Settings

    model = create_model(Settings(chat={"model": "smollm2", "temperature": 0.0}).chat)
    state = Situation(request="My dog keeps scratching. What could it be, and should I see a "
                              "vet?")
    draft = "Scratching often comes from fleas, dry skin or an allergy."
    out = refine_text(draft, state, ModelCalls(model, 1))
    assert out.model_calls == 1 and out.repair == "add"
    assert out.text.startswith(draft) and len(out.text) > len(draft)


def test_a_capped_reply_is_stored_and_printed_whole(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACIT_")}
    env.update(TACIT_DATA_DIR=str(tmp_path), TACIT_USER="ana", TACIT_CHAT__MAX_TOKENS="40",
               TACIT_CHAT__TEMPERATURE="0", TACIT_CONFIG_FILE=str(tmp_path / "none.toml"))
    run = subprocess.run([sys.executable, "-m", "assistant.cli", "ask",
                          "Explain how bread is made, step by step.", "--json"],
                         capture_output=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr.decode()
    out = json.loads(run.stdout)
    assert out["trace"]["respond"]["reply_tokens"] >= 40  # the cap cut the draft
    assert out["reply"].rstrip()[-1] in ".!?:)", out["reply"]
    assert "coherence" in out["trace"]["refine"]["planned"]
