"""Known hard preferences are kept in the finished reply: units converted, excluded food removed."""

from __future__ import annotations

import pytest

from agents.refiners.honour import avoid_foods, convert_units, diet_ideas, honour
from agents.respond import reply_budget
from assistant.models.fake import FakeModel
from assistant.service import Done, Tacit


def test_quantities_in_the_other_unit_system_are_converted() -> None:
    assert convert_units("A half marathon is 13.1 miles.", "metric").text == (
        "A half marathon is 21.1 km.")
    assert convert_units("Heat to 350-375 degrees F.", "metric").text == "Heat to 177–191°C."
    assert convert_units("It weighs 25 kg and is 3 m wide.", "imperial").text == (
        "It weighs 55.1 pounds and is 9.84 feet wide.")
    # Hyphenated quantities are quantities too.
    assert convert_units("Roast at 365-degree Fahrenheit.", "metric").text == "Roast at 185°C."
    assert convert_units("A 5-mile loop.", "metric").text == "A 8.04 km loop."


def test_a_unit_named_without_a_quantity_is_renamed_but_ordinary_words_stay() -> None:
    out = convert_units("It is best converted to kilograms.", "imperial")
    assert out.text == "It is best converted to pounds." and out.changes
    assert convert_units("Give the speed in Miles per hour.", "metric").text == (
        "Give the speed in Kilometres per hour.")
    # "feet" and "foot" are also parts of the body; money is not a weight.
    assert convert_units("Measure it in feet.", "metric").text == "Measure it in feet."
    assert convert_units("It costs ten pounds sterling.", "metric").changes == []
    assert convert_units("Weigh it in pounds.", "imperial").changes == []


def test_an_offer_to_convert_into_the_other_system_goes_once_the_wanted_one_is_given() -> None:
    draft = ("A cubic foot of oak is about 1.28 pounds, which can be converted to kilograms "
             "using the formula below: mass = volume x density. Convert it to kilograms later.")
    out = convert_units(draft, "imperial")
    assert out.text == ("A cubic foot of oak is about 1.28 pounds: mass = volume x density. "
                        "Convert it to pounds later.")
    assert "dropped 'which can be converted to kilograms using the formula below'" in out.changes


def test_a_bracketed_duplicate_keeps_only_the_wanted_system() -> None:
    assert convert_units("Porto is 110 km (72 miles) away.", "metric").text == (
        "Porto is 110 km away.")
    assert convert_units("Roast at 400°F (200°C).", "metric").text == "Roast at 200°C."
    assert convert_units("Roast at 200°C (400°F).", "imperial").text == "Roast at 400°F."


def test_suggestions_the_diet_excludes_are_removed_but_substitutes_stay() -> None:
    menu = "Try these:\n1. Tofu scramble\n2. Eggs with bacon\n3. Oats with almond milk"
    kept = avoid_foods(menu, "vegan")
    assert kept.text == "Try these:\n1. Tofu scramble\n2. Oats with almond milk"  # renumbered
    assert kept.changes == ["removed '2. Eggs with bacon'"]
    prose = "Make a chickpea curry. Add chicken for protein. Serve it without meat."
    assert avoid_foods(prose, "vegetarian").text == (
        "Make a chickpea curry. Serve it without meat.")
    assert avoid_foods("Use gluten-free pasta.", "gluten_free").changes == []
    assert avoid_foods("Grilled salmon with rice.", "pescatarian").changes == []


def test_a_reply_with_nothing_left_says_so_instead_of_going_out_empty() -> None:
    out = avoid_foods("Chicken soup is great.", "vegetarian")
    assert "vegetarian" in out.text and "chicken" not in out.text.lower()


def test_a_breakfast_with_nothing_left_gets_breakfast_ideas_of_the_diet() -> None:
    """"Can you suggest a quick breakfast?" from someone gluten-free got a roast chicken."""
    asked = "Can you suggest a quick breakfast?"
    out = avoid_foods("Try a bagel with jam.", "gluten_free", asked)
    assert "toast" not in out.text.lower()
    assert any(idea in out.text for idea in diet_ideas("gluten_free", "breakfast"))
    assert not any(idea in out.text for idea in diet_ideas("gluten_free", "dinner"))


@pytest.mark.parametrize("diet", ["vegetarian", "vegan", "pescatarian", "gluten_free"])
def test_every_idea_of_a_diet_fits_it(diet: str) -> None:
    for request in ("Any ideas for dinner?", "Any ideas for breakfast?"):
        ideas = diet_ideas(diet, request)
        assert len(ideas) >= 3
        assert all(avoid_foods(f"Try {idea}.", diet).changes == [] for idea in ideas)
    assert avoid_foods("Peanut butter on rice cakes.", "vegan").changes == []
    assert avoid_foods("Toast with butter.", "vegan").changes != []


def test_only_enforceable_preferences_change_the_reply() -> None:
    text = "Walk 2 miles, then write a casual note."
    assert honour(text, {"tone": "formal", "detail": "brief"}).text == text
    assert honour(text, {}).changes == []


def test_the_length_preference_sets_the_reply_budget() -> None:
    assert reply_budget(384, "brief") < reply_budget(384, None) < reply_budget(384, "detailed")
    assert reply_budget(64, "brief") == 64  # never longer than the usual reply


def test_a_known_preference_is_enforced_on_the_reply_and_the_draft_kept(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    fake_model.enqueue("It is about 13.1 miles.")
    done = list(tacit.send("ana", session, "I run in km. How far is a half marathon?"))[-1]
    assert isinstance(done, Done)
    assert done.reply.startswith("It is about 21.1 km.")
    assert done.trace["refine"]["draft"] == "It is about 13.1 miles."
    assert done.trace["refine"]["changes"]


def test_a_guess_is_never_enforced(tacit: Tacit, fake_model: FakeModel) -> None:
    # One-shot: no question; units are only assumed (metric, the likelier), never converted.
    fake_model.enqueue("It is about 1.7 miles.")
    done = tacit.ask("ana", "How long is the Golden Gate Bridge?")  # the model answers it
    assert done.reply.startswith("It is about 1.7 miles.")
    assert "(Assumed units: metric." in done.shown


@pytest.mark.parametrize("diet", ["vegetarian", "vegan", "pescatarian", "gluten_free"])
def test_nothing_left_offers_the_diets_own_ideas_and_two_failures_differ(diet: str) -> None:
    first = avoid_foods("Try a beef and cheese toastie on wheat bread.", diet)
    second = avoid_foods("Roast pork with bread sauce and a glass of milk.", diet)
    for done in (first, second):
        assert "nothing usable was left" in done.changes[-1]
        assert "ideas instead:" in done.text
        assert avoid_foods(done.text, diet).changes == []  # the ideas keep the diet
    assert first.text != second.text


def test_a_price_in_pounds_is_no_weight_to_convert() -> None:
    """"Something under 30 pounds please", after asking for a gift, was read as the person
    writing in imperial units: the reply was told "Use imperial units only" and wrote about
    "imperial units" instead of a gift."""
    from agents.refiners.honour import unit_system_used
    from memory.preferences import catalog, relevance, signals

    # "I got a parking fine for 70 pounds ..." set "Use imperial units only" for an appeal.
    for priced in ("Something under 30 pounds please", "A gift for about 25 pounds",
                   "I can spend up to 40 pounds on it",
                   "I got a parking fine for 70 pounds but the sign was hidden behind a tree."):
        assert convert_units(priced, "metric").text == priced
        assert unit_system_used(priced) is None
        assert not [s for s in signals(priced) if s.dimension == "units"]
        assert relevance(catalog()["units"], priced) == 0.0
    assert convert_units("My baby weighs 9 pounds", "metric").text == "My baby weighs 4.08 kg"
    assert unit_system_used("I want to lose 10 pounds") == "imperial"
    assert relevance(catalog()["units"], "How many pounds is 5 kg?") == 1.0


def test_places_to_eat_that_break_the_diet_give_way_to_where_to_find_them_not_recipes() -> None:
    draft = "Try the steak at Casa Lisboa, and the grilled sardines by the river."
    out = avoid_foods(draft, "vegetarian", "I'm vegetarian, where should I eat?").text
    assert "steak" not in out and "sardines" not in out
    assert "HappyCow" in out and "risotto" not in out
    cooking = avoid_foods(draft, "vegetarian", "what should I cook tonight?").text
    assert "HappyCow" not in cooking and "ideas instead" in cooking


def test_food_spoken_of_as_money_spent_makes_no_diet_matter() -> None:
    from memory.preferences import catalog, relevance

    diet = catalog()["diet"]
    assert relevance(diet, "rent is 900 and I spend about 300 on food") == 0.0
    assert relevance(diet, "how can I cut my grocery bills?") == 0.0
    assert relevance(diet, "I spend 300 on food, what cheap meals can I cook?") == 1.0
    assert relevance(diet, "What food should I bring to a picnic?") == 1.0
