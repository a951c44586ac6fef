"""The usual weather of a city by month, written by code: "What's the weather like there in
March?" after a trip to Lisbon got highs "around 25°C" in the UK and a season called
"Abriras" from the bundled model."""

from __future__ import annotations

from datetime import date

import pytest

from agents.climate import answer

TRIP = [{"user": "I'm going to Lisbon for 3 days next month with my partner.", "said": "..."},
        {"user": "What should we see?", "said": "..."}]


def _today() -> date:
    return date(2026, 12, 7)


def test_the_month_asked_of_the_city_of_the_trip_gets_its_usual_high() -> None:
    march = answer("What's the weather like there in March?", TRIP, _today) or ""
    assert march.startswith("Lisbon in March is usually mild, with daytime highs around 19°C "
                            "(66°F) and cooler nights.")
    assert march.endswith("That's the usual weather, not a forecast: check one nearer the "
                          "time, as I don't go on the internet.")
    # no month asked: the trip's ("next month", told on 7 December)
    assert (answer("What's the weather like there?", TRIP, _today) or "").startswith(
        "Lisbon in January is usually mild, with daytime highs around 15°C")
    assert (answer("Will it be cold in Prague in January?", None, _today) or "").startswith(
        "Prague in January is usually cold, with daytime highs around 1°C (34°F)")


def test_no_month_gets_the_seasons() -> None:
    paris = answer("What is the weather like in Paris?", None, _today) or ""
    assert paris.startswith("The usual daytime highs in Paris: winter 7–8°C; spring 12–20°C; "
                            "summer 23–25°C; autumn 10–21°C.")


@pytest.mark.parametrize("message", [
    "What's the weather like today?",              # a forecast: none here
    "What's the weather like in Oslo in March?",   # no guide for it
    "What's the weather like there?",              # no city before
    "Is climate change making Rome hotter?",
])
def test_a_forecast_or_a_city_without_a_guide_is_left_to_the_model(message: str) -> None:
    assert answer(message, None, _today) is None
