"""The prompt's head read ahead on the bundled model: the reply is the one it would have been."""

from __future__ import annotations

from datetime import datetime

import pytest

from agents.respond import _system_text
from assistant.models.llamacpp import LlamaCppModel
from assistant.settings import ModelSettings

pytestmark = pytest.mark.integration


def test_a_head_read_ahead_is_reused_and_changes_nothing_in_the_reply() -> None:
    model = LlamaCppModel.from_settings(ModelSettings())
    head = [{"role": "system", "content": _system_text("Rosa", datetime(2026, 12, 2), "").rstrip()}]
    prompt = [{"role": "system", "content": _system_text("Rosa", datetime(2026, 12, 2),
                                                         "Rosa is vegetarian.")},
              {"role": "user", "content": "Suggest a dinner for tonight."}]
    cold = model.complete(prompt, max_tokens=16, temperature=0.0)

    model.llm.reset()
    model.prefill(head)
    read = model.llm.n_tokens
    assert read > 10  # the head is in the model's cache before the prompt is sent
    assert list(model.llm.input_ids[:read]) == model._prefix_tokens(head)
    assert model.complete(prompt, max_tokens=16, temperature=0.0) == cold
