"""Whether two medicines mix: the standard advice for a well-known pair, else who can check."""

from __future__ import annotations

import pytest

from agents.medicine_mix import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit


def test_a_painkiller_with_blood_pressure_tablets_is_not_said_to_be_safe() -> None:
    """"can I take ibuprofen with my blood pressure tablets?" got "You can take ibuprofen with
    your blood pressure tablets. The person is safe to do so"."""
    reply = answer("can I take ibuprofen with my blood pressure tablets?") or ""
    assert reply.startswith("Ibuprofen and other anti-inflammatory painkillers can raise "
                            "blood pressure")
    assert "pharmacist" in reply


@pytest.mark.parametrize(("message", "said"), [
    ("can I have a drink while on metronidazole", "Don't drink any alcohol"),
    ("can I take paracetamol and lemsip together?", "already contain paracetamol"),
    ("does sertraline interact with st johns wort", "must not be taken with antidepressants"),
    ("is it ok to take ibuprofen with warfarin?", "raise the risk of bleeding"),
    ("can I take melatonin with sertraline?", "I can't check whether these mix safely"),
])
def test_each_pair_gets_its_advice_and_an_unknown_pair_is_not_guessed(message: str,
                                                                      said: str) -> None:
    assert said in (answer(message) or "")


@pytest.mark.parametrize("message", [
    "can I take ibuprofen for a headache?",      # one medicine: the model, with its guidance
    "how much ibuprofen can I take?",
    "can I take ibuprofen with food?",
    "can I drink coffee with my breakfast?",
])
def test_what_names_no_pair_goes_to_the_model(message: str) -> None:
    assert answer(message) is None


def test_another_medicine_asked_next_takes_the_place_of_its_kind() -> None:
    before = [{"user": "can I take ibuprofen with my blood pressure tablets?"}]
    assert (answer("what about paracetamol?", before) or "").startswith(
        "Paracetamol is usually fine to take with blood pressure tablets")
    assert answer("what about tomorrow?", before) is None
    assert answer("what about paracetamol?", [{"user": "what's the capital of France?"}]) is None


def test_the_whole_turn_is_written_by_code(tacit: Tacit, fake_model: FakeModel) -> None:
    calls = len(fake_model.history)
    reply = tacit.ask("ana", "can I take ibuprofen with my blood pressure tablets?").reply
    assert reply.startswith("Ibuprofen and other anti-inflammatory painkillers")
    assert len(fake_model.history) == calls
