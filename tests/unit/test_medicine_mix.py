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


def test_one_medicine_asked_of_after_a_blood_thinner_told_gets_the_pair() -> None:
    """"I'm on warfarin for atrial fibrillation." then "Can I take ibuprofen for a headache?" got
    a headache's tips, and "Can I drink alcohol?" got "It can be very dangerous and even fatal"."""
    told = [{"user": "I'm on warfarin for atrial fibrillation.", "said": "Thanks."}]
    assert (answer("Can I take ibuprofen for a headache?", told) or "").startswith(
        "Ibuprofen, aspirin and other anti-inflammatory painkillers raise the risk of bleeding "
        "when taken with blood thinners")
    assert (answer("Can I drink alcohol?", told) or "").startswith(
        "A little alcohol is usually allowed with a blood thinner")
    assert (answer("Can I take paracetamol?", told) or "").startswith(
        "Paracetamol is the painkiller usually suggested alongside a blood thinner")
    # nothing told, or a medicine with no standard advice for the pair: the model answers
    assert answer("Can I take ibuprofen for a headache?") is None
    assert answer("Can I take melatonin?", told) is None


@pytest.mark.parametrize(("said", "takes"), [
    ("I'm on warfarin for atrial fibrillation.", True), ("I take sertraline for depression.", True),
    ("I'm on metformin.", True), ("I'm on my way home.", False),
    ("I take my tablets every morning.", False),
])
def test_a_medicine_they_take_is_told_of_their_health(said: str, takes: bool) -> None:
    from agents.medicine_mix import takes_medicine

    assert takes_medicine(said) is takes


def test_the_medicine_they_told_is_said_back_when_asked(tacit: Tacit) -> None:
    """"What medicine am I on?", after "I'm on warfarin for atrial fibrillation.", got "You
    haven't told me anything about your health in what I can see."; the warfarin itself got
    "That's a serious condition, and it requires medical attention" from the model."""
    told = tacit.ask("al", "I'm on warfarin for atrial fibrillation.").reply
    assert told.startswith("Thanks for telling me. I'll bear in mind that you're on warfarin "
                           "for atrial fibrillation"), told
    asked = tacit.ask("al", "What medicine am I on?").reply
    assert "“I'm on warfarin for atrial fibrillation.”" in asked, asked
