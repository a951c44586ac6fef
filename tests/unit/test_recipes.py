"""Recipes written by code: a dish asked for by name, or a recipe for a meal, fitting what the
person eats and their standing rules for recipes; anything else about cooking goes to the
model."""

from __future__ import annotations

import re

import pytest

from agents.ideas import Needs
from agents.recipes import answer, recipes
from assistant.service import Tacit

UNDER_30 = "When I ask for recipes, keep them under 30 minutes."
BATCH = "When I ask for recipes, make them batch-friendly."


def _title(reply: str | None) -> str:
    found = re.match(r"(?:.*\n\n)?\*\*(?P<name>[^*]+)\*\*", reply or "")
    return found["name"] if found else ""


def test_a_dish_asked_for_by_name_gets_its_recipe_with_time_ingredients_and_method() -> None:
    """"how do I make pancakes?" got, from the bundled model, six eggs, a tablespoon of baking
    soda and "1 can (20 oz) of bacon"."""
    reply = answer("how do I make pancakes?") or ""
    assert reply.startswith("**Pancakes**\nAbout 20 minutes, serves 2")
    assert "Ingredients:\n- 100 g plain flour" in reply and "\nMethod:\n1. " in reply
    assert "bacon" not in reply
    assert _title(answer("Can you give me a recipe for guacamole?")) == "Guacamole"
    assert _title(answer("how to make a chocolate birthday cake")) == "Chocolate Birthday Cake"


def test_what_a_diet_rules_out_is_swapped_or_another_recipe_is_given() -> None:
    vegan = answer("how do I make pancakes?", needs=lambda: Needs(diet="vegan")) or ""
    assert _title(vegan) == "Pancakes" and "To make it vegan: " in vegan
    assert "To make it" not in (answer("how do I make pancakes?") or "")
    # no good swap for the eggs of a Victoria sponge: a cake that has one instead
    sponge = answer("how do I make a victoria sponge?", needs=lambda: Needs(diet="vegan")) or ""
    assert sponge.startswith("The usual recipe for Victoria Sponge needs ingredients I can't "
                             "swap out and keep it vegan. Here's one that fits instead:")
    assert _title(sponge.split("\n\n", 1)[1]) == "Chocolate Birthday Cake"
    nuts = answer("a vegan dinner recipe please", needs=lambda: Needs(allergies=("soy",))) or ""
    assert nuts and "tofu" not in nuts.lower()


def test_a_recipe_for_a_meal_fits_the_ingredients_time_and_kind_asked() -> None:
    veg = lambda: Needs(diet="vegetarian")  # noqa: E731
    curry = answer("What can I cook for dinner with chickpeas and spinach?", needs=veg)
    assert _title(curry) == "Chickpea and Spinach Curry"
    work = answer("Give me a quick lunch recipe for work.", needs=veg) or ""
    found = next(r for r in recipes() if r.name == _title(work))
    assert found.spec.get("packs") and "lunch" in found.meals and found.minutes <= 30
    protein = answer("Give me a high-protein dinner recipe for after a long ride.",
                     needs=lambda: Needs(diet="vegan"))
    found = next(r for r in recipes() if r.name == _title(protein))
    assert found.protein and not found.has & {"meat", "fish", "eggs", "dairy"}
    quick = next(r for r in recipes() if r.name == _title(
        answer("Suggest a dinner I can cook in twenty minutes.")))
    assert quick.minutes <= 20 and "dinner" in quick.meals


def test_standing_rules_for_recipes_are_kept() -> None:
    """Time limit, the time wanted first, and batch cooking, from the person's rules."""
    chickpeas = "What can I cook with chickpeas?"
    for reply in (answer(chickpeas, rules=[UNDER_30]), answer("a dinner recipe", rules=[UNDER_30])):
        assert next(r for r in recipes() if r.name == _title(reply)).minutes <= 30
    long = answer("how do I make banana bread?", rules=[UNDER_30]) or ""
    assert "more than the 30 you asked for" in long
    first = answer("how do I make guacamole?",
                   rules=["Whenever I ask for a recipe, give me the prep time first."]) or ""
    assert first.startswith("Prep and cooking time: about 10 minutes.\n\n**Guacamole**")
    batch = answer("how do I make a lentil soup?", rules=[BATCH]) or ""
    assert "To batch-cook it: " in batch and "To batch-cook it" not in (
        answer("how do I make a lentil soup?") or "")
    assert "best eaten fresh" in (answer("how do I make guacamole?", rules=[BATCH]) or "")


def test_another_right_after_a_recipe_is_the_next_that_fits() -> None:
    asked = "What can I cook for dinner with chickpeas and spinach?"
    first = answer(asked) or ""
    turn = [{"user": asked, "assistant": first, "said": first}]
    second = answer("something else?", turn) or ""
    assert _title(second) and _title(second) != _title(first)
    assert answer("what else can I do for my back?", turn) is None
    assert answer("something else?", [{"user": "hi", "assistant": "Hello!"}]) is None


@pytest.mark.parametrize("said", [
    "When I ask for recipes, keep them under 30 minutes.",   # a rule, not a request
    "What vegetarian dish could I cook with Sam this weekend?",   # Sam is no ingredient
    "what can I make with leftover turkey and rice?",   # no turkey in the bank
    "how do I make my pancakes fluffier?",
    "how long should I boil pasta?",
    "I made pancakes this morning",
    "how do I make a budget?",
    "can you plan a week of dinners for me?",
    "what wine goes with a mushroom risotto?",
])
def test_other_talk_of_cooking_goes_to_the_model(said: str) -> None:
    assert answer(said) is None


def test_every_recipe_names_what_it_holds_and_swaps_only_what_it_has() -> None:
    tags = {"meat", "pork", "fish", "eggs", "dairy", "gluten", "nuts", "soy", "alcohol", "spicy"}
    for recipe in recipes():
        assert recipe.has <= tags, recipe.name
        assert set(recipe.spec.get("swaps") or {}) <= recipe.has, recipe.name
        assert recipe.spec["ingredients"] and recipe.spec["steps"], recipe.name
        others = [r for r in recipes() if r is not recipe]
        assert not any(r.called.fullmatch(recipe.name.lower()) for r in others), recipe.name


def test_a_recipe_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    done = tacit.ask("ana", "how do I make pancakes?")
    assert done.shown.startswith("**Pancakes**")
    assert done.trace["respond"]["model"] == "composed"


def test_a_rule_for_recipes_is_kept_though_the_request_says_no_word_of_it(tacit: Tacit) -> None:
    """"how do I make guacamole?" under "Whenever I ask for a recipe, give me the prep time
    first" came without the time first: the rule was not in play for a request that does not
    say "recipe"."""
    tacit.ask("ana", "Whenever I ask for a recipe, give me the prep time first.")
    done = tacit.ask("ana", "how do I make guacamole?")
    assert done.shown.startswith("Prep and cooking time: about 10 minutes.\n\n**Guacamole**")
    after = tacit.ask("ana", "thanks! any other recipes like that?")
    assert after.shown.startswith("Prep and cooking time:") and "**Guacamole**" not in after.shown


def test_whether_a_recipe_just_given_keeps_or_how_long_it_takes_is_answered_from_it() -> None:
    """"can I freeze it?" after a stir-fry got "No, I'm afraid of freezing. You can't freeze a
    food that's not edible"."""
    curry = answer("Give me a recipe for a chickpea curry") or ""
    turn = [{"user": "Give me a recipe for a chickpea curry", "assistant": curry, "said": curry}]
    assert (answer("can I freeze it?", turn) or "").startswith("To batch-cook it:")
    assert "about 25 minutes in all" in (answer("how long does it take?", turn) or "")
    assert answer("can I freeze my bread?", turn) is None
    assert answer("how long does it take to get to Paris?", turn) is None
    guac = answer("how do I make guacamole?") or ""
    assert "best eaten fresh" in (answer("can I make it the day before?", [{"said": guac}]) or "")


def test_what_they_have_makes_a_recipe_and_the_fullest_name_wins() -> None:
    """"I have chicken, rice and broccoli. What can I make?" got "Chicken (optional)" and a dish
    "passed down through generations of Japanese cuisine"; "a chicken stir fry" got the tofu
    one, whose name ("stir fry") came first."""
    stir_fry = "Chicken and Broccoli Stir-Fry with Rice"
    assert _title(answer("I have chicken, rice and broccoli. What can I make?")) == stir_fry
    assert _title(answer("How do I make a chicken stir fry?")) == stir_fry
    assert _title(answer("How do I make a stir fry?")) == "Tofu and Vegetable Stir-Fry with Rice"
    assert answer("I have a party tonight, what can I make?") is None
    # a dish named is one of that dish, or the model's: "a chicken curry" got a roast chicken
    assert answer("How do I make a chicken curry?") is None
    assert _title(answer("Can you recommend a curry?")) == "Chickpea and Spinach Curry"
    assert answer("Give me a Thai green curry recipe") is None
    assert answer("Suggest a dessert.") is None  # the dessert ideas answer it


def test_a_kept_dislike_of_spicy_food_rules_out_the_chilli_or_swaps_it_out() -> None:
    """"I'm vegan and I don't like spicy food." then "Give me a recipe for dinner." got the
    vegetable and bean chilli, chilli powder and all."""
    said = ("I'm vegan and I don't like spicy food.",)
    recipe = answer("Give me a recipe for dinner.", None,
                    lambda: Needs(diet="vegan", likes=said), lambda: []) or ""
    # (the chilli's own "mild chilli powder" passed the check that stood here before)
    assert recipe and _title(recipe) != "Vegetable and Bean Chilli"
    assert "chilli" not in recipe.lower().split("method:")[0] or "Leave out the chilli" in recipe
    chilli = answer("How do I make a vegetable chilli?", None, lambda: Needs(likes=said),
                    lambda: []) or ""
    assert "Leave out the chilli powder and add another teaspoon of smoked paprika" in chilli
    plain = answer("How do I make a vegetable chilli?") or ""
    assert "Leave out the chilli powder" not in plain


def test_a_food_they_dont_like_is_left_out_and_a_dish_of_it_is_replaced() -> None:
    def needs() -> Needs:
        return Needs(avoid=("mushrooms", "running"))

    dinner = answer("What should I cook for Alex and me on Saturday?", [], needs)
    assert dinner is not None and dinner.startswith("Here's one without mushrooms:\n\n**")
    assert "mushroom" not in dinner.partition("\n\n")[2].lower()
    risotto = answer("Suggest a risotto", [], needs)
    assert risotto is not None and risotto.startswith(
        "The usual recipe for Mushroom Risotto needs ingredients I can't swap out and keep it "
        "without mushrooms. Here's one that fits instead:")
    assert "Here's one without" not in risotto
    # asked for by name, it is given
    named = answer("How do I make a mushroom risotto?", [], needs)
    assert named is not None and named.startswith("**Mushroom Risotto**")


@pytest.mark.parametrize("asked", [
    "Can you suggest a dinner for four?", "Any ideas for dinner?",
    "I can't decide what to have for dinner.", "Give me a dinner idea for the family.",
    "What should I have for dinner?", "What can I cook before a night shift?",
    "What should I make before my shift?", "Can you suggest a simple lunch for the two of us?"])
def test_a_dinner_asked_for_without_a_dish_gets_a_recipe(asked: str) -> None:
    """"Can you suggest a dinner for four?" got "my role is to assist and not provide advice on
    personal matters"; "What should I have for dinner?" was read as naming "for dinner" as
    what they have in. "What can I cook before a night shift?" (a nurse's evening meal) got
    bread, crackers and cocoa."""
    assert (answer(asked) or "").startswith("**"), asked


def test_a_restaurant_or_a_party_menu_is_no_recipe() -> None:
    assert answer("Can you suggest a restaurant for dinner?") is None
    assert answer("Suggest a dinner party menu.") is None
