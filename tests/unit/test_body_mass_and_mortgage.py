"""A BMI and a mortgage's monthly payment worked out by code from what the person told."""

from __future__ import annotations

import pytest

from agents import body_mass, mortgage
from agents.safety_assessment import SafetyAssessment
from assistant.service import Tacit


def _told(*said: str) -> list[dict[str, str]]:
    return [{"user": s, "said": "Thanks for telling me."} for s in said]


@pytest.mark.parametrize(("asked", "told", "figure", "band"), [
    ("What's my BMI?", "I'm 5 foot 4 and weigh 13 stone. I want to lose weight.", "31.2",
     "obese range (30 to 39.9)"),
    ("What is my BMI? I am 170 cm and weigh 70 kg", None, "24.2", "healthy range"),
    ("Am I overweight? I'm 6ft 1 and 15st 4lb", None, "28.2", "overweight range"),
])
def test_a_bmi_is_worked_out_from_the_height_and_weight_told(
        asked: str, told: str | None, figure: str, band: str) -> None:
    """"What's my BMI?", after "I'm 5 foot 4 and weigh 13 stone.", got "Your BMI (body mass
    index) of 18.5 can be considered overweight or obese" from the model."""
    said = body_mass.answer(asked, _told(told) if told else None) or ""
    assert f"your BMI is about {figure}: for an adult, that is" in said and band in said, said
    assert "overweight from 23 and obese from 27.5" in said


def test_a_bmi_without_a_height_asks_for_it_and_a_question_of_bmi_itself_is_not_one() -> None:
    assert body_mass.answer("What's my BMI?", _told("I weigh 13 stone.")) == (
        "I need your height to work it out: tell me, in feet and inches or centimetres, and "
        "in stones, kilograms or pounds.")
    assert body_mass.answer("What is the BMI formula?") is None


def test_a_mortgage_is_worked_out_from_the_price_and_deposit_told() -> None:
    """"What's the mortgage if the rate is 4.5% over 25 years?", after "it's £250,000 and we
    have a £25,000 deposit", got a general example of a £200,000 mortgage at 4%."""
    said = mortgage.answer("What's the mortgage if the rate is 4.5% over 25 years?", _told(
        "We're buying our first house, it's £250,000 and we have a £25,000 deposit.")) or ""
    assert said.startswith("On a £225,000 repayment mortgage (the £250,000 price less your "
                           "£25,000 deposit) at 4.5% over 25 years, the payment is about "
                           "£1,250.62 a month."), said
    assert "Interest-only at the same rate would be about £843.75 a month" in said
    named = mortgage.answer("What would the monthly payment be on a mortgage of £180k at 5% "
                            "over 30 years?") or ""
    assert "about £966.28 a month" in named, named
    # no sum told, or no rate: not worked out
    assert mortgage.answer("What's the mortgage if the rate is 4.5% over 25 years?") is None
    assert mortgage.answer("What's the mortgage on a £200,000 house?") is None


def test_the_bmi_is_the_whole_reply_and_withheld_from_someone_at_risk(tacit: Tacit) -> None:
    from agents.respond import _at_risk

    session = tacit.new_session("sam").id
    tacit.ask("sam", "I'm 5 foot 4 and weigh 13 stone.", session)
    assert tacit.ask("sam", "What's my BMI?", session).reply.startswith(
        "At 5 ft 4 in and 13 st, your BMI is about 31.2")
    assert _at_risk({"safety": SafetyAssessment(withhold_specifics=True)})  # type: ignore[typeddict-item]
    assert not _at_risk({"safety": SafetyAssessment()})  # type: ignore[typeddict-item]
