"""Wine with a dish, written by code: "What wine goes with a mushroom risotto?" got "a wine that
has been made from a variety of mushrooms" from the bundled model."""

from __future__ import annotations

import pytest

from agents.wine import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit


@pytest.mark.parametrize(("message", "starts"), [
    ("What wine goes with a mushroom risotto?",
     "With mushroom risotto, an earthy red such as Pinot Noir"),
    ("Which wine should I serve with lamb?", "With lamb, a Rioja"),
    ("What wine goes with salmon pasta?", "With salmon pasta, a Pinot Noir"),  # salmon's
    ("Good wine to pair with a Thai green curry?", "With Thai green curry, an off-dry white"),
])
def test_the_wine_for_a_dish_is_the_usual_pairing_for_what_it_is_made_of(
        message: str, starts: str) -> None:
    reply = answer(message) or ""
    assert reply.startswith(starts) and "alcohol-free wine" in reply


@pytest.mark.parametrize("message", ["What wine goes with my mood?", "I love red wine.",
                                     "What goes with a mushroom risotto?"])
def test_no_dish_of_the_pairings_is_left_to_the_model(message: str) -> None:
    assert answer(message) is None


def test_a_whole_turn_asks_no_diet_and_gives_no_caution(tacit: Tacit,
                                                        fake_model: FakeModel) -> None:
    calls = len(fake_model.history)
    reply = tacit.ask("ana", "What wine goes with a mushroom risotto?").reply
    assert reply.startswith("With mushroom risotto,") and len(fake_model.history) == calls
    assert "Assumed" not in reply and "For your safety" not in reply
