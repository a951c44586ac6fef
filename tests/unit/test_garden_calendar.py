"""When to plant, sow or prune, answered from the garden calendar of ``data/common_facts.yaml``:
the bundled model, asked "When should I plant garlic?", said "The best time to plant garlic is
in the spring" (it goes in in autumn) and went on with a page of invented claims. The replies
are written for a climate like the UK's and say so; the same words about something else, or a
question that depends on today, are left to the model."""

from __future__ import annotations

from collections import Counter

import pytest

from agents.common_facts import Fact, answer, asked, facts, questions

UK = "In the UK and similar climates, "

# Each fact of the garden calendar asked in words a gardener would use: (question, fact).
ASKED: tuple[tuple[str, str], ...] = (
    ("When should I plant garlic?", "plant_garlic"),
    ("When do you plant garlic?", "plant_garlic"),
    ("When is the best time to plant garlic?", "plant_garlic"),
    ("When to plant garlic", "plant_garlic"),
    ("What month do I plant garlic?", "plant_garlic"),
    ("Which month should I plant garlic in?", "plant_garlic"),
    ("What time of year should I plant garlic in the UK?", "plant_garlic"),
    ("When should garlic cloves be planted?", "plant_garlic"),
    ("Hey, quick question: when's the best time to plant garlic?", "plant_garlic"),
    ("Do you know when I should plant garlic?", "plant_garlic"),
    ("when to plant garlic uk", "plant_garlic"),
    ("How late can I plant garlic?", "plant_garlic"),
    ("When should I plant onion sets?", "plant_onions"),
    ("When do you plant onions?", "plant_onions"),
    ("When can I sow onion seeds?", "plant_onions"),
    ("When do I plant shallots?", "plant_shallots"),
    ("What's the best time of year to plant shallots?", "plant_shallots"),
    ("When should I plant potatoes?", "plant_potatoes"),
    ("When do you plant first early potatoes?", "plant_potatoes"),
    ("When is the best time to plant seed potatoes?", "plant_potatoes"),
    ("When do I plant second earlies?", "plant_potatoes"),
    ("When should maincrop potatoes be planted?", "plant_potatoes"),
    ("When should I sow tomato seeds?", "sow_tomatoes"),
    ("When do I put tomato plants outside?", "sow_tomatoes"),
    ("When can I plant tomatoes outside?", "sow_tomatoes"),
    ("When should I plant out my tomatoes?", "sow_tomatoes"),
    ("When can tomatoes go outside?", "sow_tomatoes"),
    ("When should I sow broad beans?", "sow_broad_beans"),
    ("When do you plant broad beans?", "sow_broad_beans"),
    ("When do I plant runner beans?", "sow_runner_beans"),
    ("When can I put my runner beans out?", "sow_runner_beans"),
    ("When should I sow French beans?", "sow_french_beans"),
    ("When do you plant green beans?", "sow_french_beans"),
    ("When should I plant beans?", "sow_beans"),
    ("When do you sow beans?", "sow_beans"),
    ("When should I sow peas?", "sow_peas"),
    ("When do you plant sugar snap peas?", "sow_peas"),
    ("When to sow mangetout", "sow_peas"),
    ("When can I sow carrots?", "sow_carrots"),
    ("When should I plant carrots?", "sow_carrots"),
    ("When do you sow carrot seeds in the garden?", "sow_carrots"),
    ("When should I sow lettuce?", "sow_lettuce"),
    ("When can I plant lettuce seeds?", "sow_lettuce"),
    ("When should I plant courgettes?", "sow_courgettes"),
    ("When do I put courgette plants outside?", "sow_courgettes"),
    ("When to sow zucchini", "sow_courgettes"),
    ("When should I plant strawberries?", "plant_strawberries"),
    ("When is the best time to plant strawberry plants?", "plant_strawberries"),
    ("When should I plant daffodils?", "plant_spring_bulbs"),
    ("When do you plant daffodil bulbs?", "plant_spring_bulbs"),
    ("When should I plant spring bulbs?", "plant_spring_bulbs"),
    ("When do crocuses go in the ground?", "plant_spring_bulbs"),
    ("When should I plant tulips?", "plant_tulips"),
    ("What month do you plant tulip bulbs?", "plant_tulips"),
    ("When should I sow sweet peas?", "sow_sweet_peas"),
    ("When can I plant out sweet peas?", "sow_sweet_peas"),
    ("When should I plant bare root roses?", "plant_roses"),
    ("When is the best time to plant roses?", "plant_roses"),
    ("When should I plant a fruit tree?", "plant_fruit_trees"),
    ("When do you plant apple trees?", "plant_fruit_trees"),
    ("When should we plant a new apple tree?", "plant_fruit_trees"),
    ("When should bare root fruit trees be planted?", "plant_fruit_trees"),
    ("When should I sow grass seed?", "sow_grass_seed"),
    ("When's the best time to put down grass seed?", "sow_grass_seed"),
    ("When should I seed my lawn?", "sow_grass_seed"),
    ("When should I prune roses?", "prune_roses"),
    ("When do you cut back roses?", "prune_roses"),
    ("When should roses be pruned?", "prune_roses"),
)

# What each reply must say: the settled timing a gardener would check it against.
SAID: dict[str, tuple[str, ...]] = {
    "plant_garlic": ("autumn", "October to December", "cold spell", "late winter"),
    "plant_onions": ("onion sets", "mid-March to mid-April"),
    "plant_shallots": ("February to March",),
    "plant_potatoes": ("first early", "March", "maincrop", "May", "frost"),
    "sow_tomatoes": ("indoors", "late February to April", "frosts have passed", "late May"),
    "sow_broad_beans": ("February to April", "hardy", "October or November"),
    "sow_runner_beans": ("killed by frost", "indoors", "frosts have passed", "late May"),
    "sow_french_beans": ("killed by frost", "indoors", "frosts have passed", "late May"),
    "sow_beans": ("broad beans", "February to April", "runner and French beans",
                  "frosts have passed"),
    "sow_peas": ("March to June",),
    "sow_carrots": ("April to early July",),
    "sow_lettuce": ("little and often", "every two to three weeks"),
    "sow_courgettes": ("indoors", "killed by frost", "frosts have passed"),
    "plant_strawberries": ("late summer or early autumn",),
    "plant_spring_bulbs": ("daffodils", "September and October", "tulips",
                           "October or November"),
    "plant_tulips": ("October or November", "tulip fire"),
    "sow_sweet_peas": ("October or November", "January to March", "April or May"),
    "plant_roses": ("bare-root", "dormant", "November to March"),
    "plant_fruit_trees": ("bare-root", "dormant", "November to March"),
    "sow_grass_seed": ("early autumn", "spring"),
    "prune_roses": ("late winter or early spring", "February to March"),
}


def _fact(name: str) -> Fact:
    return next(f for f in facts() if f.name == name)


def _garden() -> set[str]:
    """The facts of the garden calendar: those written for the UK's climate."""
    return {f.name for f in facts() if f.answer.startswith(UK)}


@pytest.mark.parametrize(("message", "name"), ASKED)
def test_each_question_gets_the_reply_of_its_fact(message: str, name: str) -> None:
    reply = answer(message)
    assert reply == _fact(name).answer
    assert all(part in reply for part in SAID[name]), reply


def test_garlic_goes_in_in_autumn_not_spring() -> None:
    reply = answer("When should I plant garlic?")
    assert "autumn" in reply and "The best time to plant garlic is in the spring" not in reply


def test_every_fact_of_the_garden_calendar_is_asked_here_at_least_twice() -> None:
    asked_here = Counter(name for _, name in ASKED)
    assert set(asked_here) == _garden() == set(SAID)
    assert [name for name, times in asked_here.items() if times < 2] == []


def test_every_reply_says_the_climate_it_is_written_for() -> None:
    assert all(_fact(name).answer.startswith(UK) for name in SAID)


def test_no_question_is_matched_by_two_facts_with_different_replies() -> None:
    """The garden's questions and the rest of the file's, each held against every pattern of
    every fact: a fact other than its own may match only where it says the same."""
    from tests.unit.test_common_facts import ASKED as THE_REST  # here: no import cycle

    clashes: dict[str, list[str]] = {}
    for message, name in ASKED + THE_REST:
        forms = questions(message)
        replies = {f.name: f.answer for f in facts()
                   if any(p.fullmatch(form) for p in f.asked for form in forms)}
        if set(replies.values()) != {_fact(name).answer}:
            clashes[message] = sorted(replies)
    assert clashes == {}


@pytest.mark.parametrize("message", [
    "when should I plant my feet when squatting",
    "how do I plant a story idea",
    "when is garlic bread best served",
    "when should I harvest garlic",
    "when should I plant a tree for my dad's memorial",
    "when should I plant a tree",
    "when should I plant a cherry tree in memory of my mum",
    "when should I plant myself in front of the TV",
    "when should I sow my wild oats",
    "is it too late to plant garlic",
    "when should I plant garlic in Australia",
    "when should I plant garlic and how deep should the cloves go",
    "I planted garlic in the spring, was that wrong?",
    "how do I grow garlic",
    "when should I add the garlic",
    "when do I put the potatoes in",
    "when do the roast potatoes go in the oven",
    "when should I plant sweet potatoes",
    "when should I plant spring onions",
    "when should I sow strawberry seeds",
    "when should I plant bulbs",
    "when will my tomatoes ripen",
    "when should I water my tomatoes",
    "when should I deadhead roses",
])
def test_look_alikes_and_longer_requests_are_left_to_the_model(message: str) -> None:
    assert answer(message) == ""


@pytest.mark.parametrize("message", [
    "Is a tomato a fruit?", "How do I boil potatoes?", "Why do onions make you cry?",
])
def test_other_questions_about_the_same_plants_keep_their_own_facts(message: str) -> None:
    found = {f.name for f in asked(message)}
    assert found and not found & _garden()
