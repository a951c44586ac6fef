"""The bundled model over several turns and sessions: no prompt scaffolding in its replies,
no reply given twice, nothing asked stored as a preference, and a long paste fits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.service import Tacit
from assistant.settings import Settings

pytestmark = pytest.mark.integration

SCAFFOLD = re.compile(r"(?:^|\n)\s*(?:[-*]\s*)?(?:User|Assistant)\s*:|"
                      r"\[\d{1,2} [A-Z][a-z]+ \d{4}\]|\bana said:|you answered:|"
                      r"What you know about|Earlier in this conversation:", re.I)
TURNS = ["Hi, I'm Ana. I'm vegetarian and I live in Porto with my daughter Inês and a cat "
         "called Miso. My sister Clara lives in Braga.",
         "What vegetarian dish could I cook with Inês this weekend?",
         "Am I vegetarian?",
         "Which units do I prefer?",
         "How many years old is Inês?"]


@pytest.fixture
def tacit(tmp_path: Path) -> Tacit:
    settings = Settings(data_dir=tmp_path, user="ana",
                        chat={"max_tokens": 96, "temperature": 0.0})
    return Tacit(settings)


def test_a_conversation_keeps_clear_of_its_own_prompt(tacit: Tacit) -> None:
    from memory.statements import similar

    session = tacit.new_session("ana").id
    replies = [tacit.ask("ana", text, session).reply for text in TURNS]
    later = tacit.new_session("ana").id
    replies += [tacit.ask("ana", text, later).reply
                for text in ["Where does my sister live?", "Suggest a dinner for tonight."]]
    for reply in replies:
        assert not SCAFFOLD.search(reply), reply
        assert not re.match(r"\s*(?:I'm|I am|My name is) Ana\b", reply), reply
    for n, reply in enumerate(replies):
        assert all(similar(reply, old) < 0.8 for old in replies[:n]), reply
    stored = [i.text for i in tacit.memory.items("ana", kind="preference")]
    assert not any(text.endswith("?") for text in stored), stored
    facts = {i.text for i in tacit.memory.items("ana", kind="fact")}
    assert {"daughter: Inês", "cat: Miso", "where Clara lives: Braga"} <= facts
    tacit.close()


def test_a_message_longer_than_the_context_is_cut_and_said_so(tacit: Tacit) -> None:
    tacit.ask("ana", "From now on, answer in bullet points.")
    pasted = "The meeting moved to Thursday because the room was booked. " * 450
    done = tacit.ask("ana", f"Summarise this email:\n{pasted}\nWhen is the meeting?")
    respond = done.trace["respond"]
    assert respond["prompt_tokens"] <= min(respond["budget"], 8192)
    assert respond["message_cut"] and "model read its first" in done.reply
    assert respond["instructions_in_prompt"] == 1
    assert done.trace["noted"]["model_calls"] <= 2
    tacit.close()
