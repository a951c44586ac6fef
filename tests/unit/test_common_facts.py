"""Settled facts answered from ``data/common_facts.yaml``: the bundled model said a leap year
has "Alejandro, a Spanish-American astronaut" and put Everest at "8,937.25 meters". Only the
question itself is answered, with a courtesy around it at most; the same words inside a longer
request, a question that depends on today, or one the file does not hold are left to the
model."""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Any

import pytest
import yaml

from agents import calculate
from agents.common_facts import Fact, answer, asked, facts, questions
from agents.data_files import data_yaml
from agents.data_files import filled as fill

# Each fact of the file asked at least once, in words a person would use: (question, fact).
ASKED: tuple[tuple[str, str], ...] = (
    # the calendar
    ("How many days are there in a year?", "days_in_a_year"),
    ("how many days does a normal year have", "days_in_a_year"),
    ("How many days are there in a leap year?", "days_in_a_leap_year"),
    ("How long is a leap year?", "days_in_a_leap_year"),
    ("Which years are leap years?", "leap_years"),
    ("How often do we have a leap year?", "leap_years"),
    ("What's a leap year?", "leap_years"),
    ("How do leap years work?", "leap_years"),
    ("How many weeks are in a year?", "weeks_in_a_year"),
    ("How many months are there in a year?", "months_in_a_year"),
    ("How many days in February?", "february"),
    ("How many days does February have in a leap year?", "february"),
    ("Which month has only 28 days?", "february"),
    ("What's the shortest month of the year?", "february"),
    ("How many days are in June?", "thirty_day_months"),
    ("Which months have 30 days?", "thirty_day_months"),
    ("How many days in August?", "thirty_one_day_months"),
    ("Which months have 31 days?", "thirty_one_day_months"),
    ("How many days has May got?", "thirty_one_day_months"),
    ("How many days are in each month?", "days_in_each_month"),
    ("Thirty days hath September... how does the rest go?", "days_in_each_month"),
    ("How many days are in a month?", "days_in_a_month"),
    ("How many weeks are there in a month?", "weeks_in_a_month"),
    ("How long is a fortnight?", "fortnight"),
    ("How many days in a fortnight?", "fortnight"),
    ("How many years are in a decade?", "decade"),
    ("How many years is a century?", "century"),
    ("How many years in a millennium?", "millennium"),
    # units and counting words
    ("How many bits are in a byte?", "bits_in_a_byte"),
    ("How many bytes are in a kilobyte?", "bytes_in_a_kilobyte"),
    ("How many megabytes in a gigabyte?", "bytes_in_a_kilobyte"),
    ("Is a kilobyte 1000 or 1024 bytes?", "bytes_in_a_kilobyte"),
    ("How big is a hectare?", "hectare"),
    ("How many acres in a hectare?", "hectare"),
    ("How many square feet are in an acre?", "acre"),
    ("What is an acre?", "acre"),
    ("How many acres in a square mile?", "square_mile"),
    ("How many pounds are in a ton?", "ton"),
    ("How many kg in a tonne?", "ton"),
    ("Is a ton the same as a tonne?", "ton"),
    ("How long is a nautical mile?", "nautical_mile"),
    ("How many feet in a nautical mile?", "nautical_mile"),
    ("How fast is a knot?", "knot"),
    ("How many mph is one knot?", "knot"),
    ("How many eggs in a dozen?", "dozen"),
    ("How many is a baker's dozen?", "bakers_dozen"),
    ("How many zeros are in a billion?", "zeros_in_large_numbers"),
    ("How many millions in a billion?", "zeros_in_large_numbers"),
    # the world
    ("What's the tallest mountain in the world?", "tallest_mountain"),
    ("Which is the highest mountain on Earth?", "tallest_mountain"),
    ("How tall is Mount Everest?", "tallest_mountain"),
    ("What's the highest point on earth?", "tallest_mountain"),
    ("What's the longest river in the world?", "longest_river"),
    ("Is the Amazon longer than the Nile?", "longest_river"),
    ("Which is the biggest ocean?", "largest_ocean"),
    ("What is the smallest ocean?", "smallest_ocean"),
    ("How many oceans are there?", "oceans"),
    ("What are the five oceans?", "oceans"),
    ("How many continents are there in the world?", "continents"),
    ("Name the seven continents", "continents"),
    ("What's the largest continent?", "largest_continent"),
    ("Which continent is the smallest?", "smallest_continent"),
    ("What's the biggest desert in the world?", "largest_desert"),
    ("Is the Sahara the largest desert?", "largest_desert"),
    ("What's the largest hot desert?", "largest_desert"),
    ("What is the largest country in the world?", "largest_country"),
    ("Which country is the biggest by area?", "largest_country"),
    ("What's the smallest country in the world?", "smallest_country"),
    ("What is the most populous country?", "most_populous_country"),
    ("Which country has the largest population?", "most_populous_country"),
    ("Is China still the most populated country?", "most_populous_country"),
    ("What's the deepest point in the ocean?", "deepest_point"),
    ("How deep is the Mariana Trench?", "deepest_point"),
    ("What's the largest lake in the world?", "largest_lake"),
    ("What's the deepest lake?", "largest_lake"),
    ("What's the highest waterfall in the world?", "highest_waterfall"),
    ("What's the biggest island in the world?", "largest_island"),
    ("What is the largest rainforest?", "largest_rainforest"),
    ("How big is the Earth?", "size_of_the_earth"),
    ("What's the circumference of the Earth?", "size_of_the_earth"),
    ("How old is the Earth?", "age_of_the_earth"),
    ("How old is the universe?", "age_of_the_universe"),
    # science
    ("What's the boiling point of water?", "boiling_point"),
    ("At what temperature does water boil in Fahrenheit?", "boiling_point"),
    ("What's the freezing point of water?", "freezing_point"),
    ("What temperature does water freeze at?", "freezing_point"),
    ("What is absolute zero?", "absolute_zero"),
    ("Is it safe to eat eggs after the best before date?", "eggs_best_before"),
    ("What's the difference between best before and use by?", "best_before_use_by"),
    ("How many calories are in a banana?", "banana_calories"),
    ("How many calories in an apple?", "apple_calories"),
    ("how many calories in an egg", "egg_calories"),
    ("What is the meaning of life?", "meaning_of_life"),
    ("How do I make a cup of tea?", "cup_of_tea"),
    ("How do I boil potatoes?", "boil_potatoes"),
    ("How do I tell if an avocado is ripe?", "avocado_ripe"),
    ("At what temperature are Celsius and Fahrenheit the same?", "celsius_equals_fahrenheit"),
    ("What's the speed of light?", "speed_of_light"),
    ("How fast does light travel?", "speed_of_light"),
    ("What is the speed of sound?", "speed_of_sound"),
    ("How fast does sound travel in air?", "speed_of_sound"),
    ("What causes thunder?", "thunder"),
    ("What is thunder?", "thunder"),
    ("Why do we hear thunder after the lightning?", "thunder"),
    ("What is a light year?", "light_year"),
    ("How far is a light year?", "light_year"),
    ("What's the acceleration due to gravity?", "gravity"),
    ("What are the planets in order?", "planets_in_order"),
    ("Name the planets in order from the sun", "planets_in_order"),
    ("How many planets are there in our solar system?", "how_many_planets"),
    ("How many planets orbit the Sun?", "how_many_planets"),
    ("What's the biggest planet?", "largest_planet"),
    ("What's the smallest planet in the solar system?", "mercury_the_planet"),
    ("Which planet is closest to the sun?", "mercury_the_planet"),
    ("What's the hottest planet?", "hottest_planet"),
    ("Is Pluto a planet?", "pluto"),
    ("Why isn't Pluto a planet anymore?", "pluto"),
    ("What is the nearest star to Earth?", "closest_star"),
    ("How far away is the Moon?", "distance_to_the_moon"),
    ("What's the distance between the Earth and the Moon?", "distance_to_the_moon"),
    ("How far is the sun from the earth?", "distance_to_the_sun"),
    ("How long does it take light from the sun to reach earth?", "distance_to_the_sun"),
    ("How long does it take the Earth to go around the Sun?", "earths_orbit"),
    ("What's the chemical formula for water?", "water_formula"),
    ("What is H2O?", "water_formula"),
    ("What's the chemical formula of table salt?", "salt_formula"),
    ("What's the formula for carbon dioxide?", "carbon_dioxide_formula"),
    ("What's the chemical symbol for gold?", "gold"),
    ("Which element is Au?", "gold"),
    ("What is the symbol for silver?", "silver"),
    ("What's the chemical symbol of iron?", "iron"),
    ("What's the symbol for copper?", "copper"),
    ("Symbol for lead?", "lead"),
    ("What's the chemical symbol for mercury?", "mercury_the_element"),
    ("What's the symbol for sodium?", "sodium"),
    ("What element has the symbol K?", "potassium"),
    ("What's the chemical symbol for oxygen?", "oxygen"),
    ("What is the symbol for hydrogen?", "hydrogen"),
    ("What's carbon's chemical symbol?", "carbon"),
    ("What is the chemical symbol for nitrogen?", "nitrogen"),
    ("What's the element symbol for helium?", "helium"),
    ("What's the most common gas in the air?", "air"),
    ("What is air made of?", "air"),
    ("What's the hardest natural substance on Earth?", "hardest_substance"),
    # the human body
    ("How many bones are in the human body?", "bones"),
    ("How many bones does an adult have?", "bones"),
    ("How many teeth does an adult have?", "teeth"),
    ("How many teeth do we have?", "teeth"),
    ("How many baby teeth do children have?", "baby_teeth"),
    ("What is normal body temperature?", "body_temperature"),
    ("What's a normal temperature for a human in Fahrenheit?", "body_temperature"),
    ("How many chambers does the heart have?", "heart_chambers"),
    ("What's the largest organ in the human body?", "largest_organ"),
    ("What is the biggest internal organ?", "largest_internal_organ"),
    ("What's the longest bone in the body?", "largest_bone"),
    ("What's the smallest bone in the human body?", "smallest_bone"),
    ("How many chromosomes do humans have?", "chromosomes"),
    ("How much blood is in the human body?", "blood_volume"),
    ("How many litres of blood does an adult have?", "blood_volume"),
    # animals
    ("What's the largest animal in the world?", "largest_animal"),
    ("What's the biggest land animal?", "largest_land_animal"),
    ("What's the fastest land animal?", "fastest_land_animal"),
    ("How fast can a cheetah run?", "fastest_land_animal"),
    ("What's the fastest animal?", "fastest_animal"),
    ("Which animal is the fastest in the world?", "fastest_animal"),
    ("How fast can a peregrine falcon dive?", "fastest_animal"),
    ("What's the tallest animal?", "tallest_animal"),
    ("How many legs does a spider have?", "spider_legs"),
    ("How many hearts does an octopus have?", "octopus_hearts"),
    ("Do octopuses really have three hearts?", "octopus_hearts"),
    ("Give me a fun fact about octopuses", "octopus_fun_fact"),
    ("Tell me something interesting about an octopus", "octopus_fun_fact"),
    ("Why do cats purr?", "cats_purr"),
    ("How does a cat purr?", "cats_purr"),
    ("How do bees make honey?", "bees_make_honey"),
    ("How is honey made?", "bees_make_honey"),
    # games, sport and music
    ("How many players are on a football team?", "football_team"),
    ("How many players in a soccer team?", "football_team"),
    ("How many players on a basketball team?", "basketball_team"),
    ("How many players are on an ice hockey team?", "ice_hockey_team"),
    ("How many players in a cricket team?", "cricket_team"),
    ("How many players are there in a rugby team?", "rugby_team"),
    ("How many strings does a guitar have?", "guitar_strings"),
    ("How many keys are on a piano?", "piano_keys"),
    ("How many black keys are on a piano?", "piano_keys"),
    ("How many colours are in a rainbow?", "rainbow_colours"),
    ("What are the colors of the rainbow?", "rainbow_colours"),
    ("How many cards are in a deck?", "deck_of_cards"),
    ("How many cards in a pack of cards?", "deck_of_cards"),
    ("How many squares are on a chessboard?", "chessboard"),
    ("How many letters are in the alphabet?", "alphabet"),
    ("How many states are there in the US?", "us_states"),
    ("How many holes on a golf course?", "golf_holes"),
    ("How long is a marathon?", "marathon"),
    ("How many miles is a half marathon?", "marathon"),
    ("How many degrees are in a circle?", "degrees_in_a_circle"),
    ("What do the angles in a triangle add up to?", "triangle_angles"),
    ("What's the value of pi?", "pi"),
    # history and the arts: "What year did the Titanic sink?" got "14 April 2012"
    ("What year did the Titanic sink?", "titanic"),
    ("When did the Titanic go down?", "titanic"),
    ("Why did the Titanic sink?", "titanic"),
    ("Who wrote Romeo and Juliet?", "shakespeare_plays"),
    ("Who wrote Hamlet?", "shakespeare_plays"),
    ("Hamlet was written by who?", "shakespeare_plays"),
    ("What's the plot of Hamlet?", "hamlet_plot"),
    ("What is Hamlet about?", "hamlet_plot"),
    ("Can you summarise Hamlet in two sentences?", "hamlet_plot"),
    # "How long do I cook chicken breast in the oven?" got the rules for leftovers, and "Can I
    # freeze cooked rice?" got "I'm not going to invent memories here!"
    ("How long do I cook chicken breast in the oven?", "chicken_breast_oven"),
    ("How long does chicken breast take in the oven?", "chicken_breast_oven"),
    ("How long do I roast a whole chicken?", "whole_chicken_roast"),
    ("How long to bake salmon?", "salmon_fillet_oven"),
    ("How long does rice take to cook?", "cook_rice_time"),
    ("Can I freeze cooked rice?", "freeze_cooked_rice"),
    ("Is it safe to freeze leftover rice?", "freeze_cooked_rice"),
    ("How often should I change my bedsheets?", "bedsheets"),
    # "Is a tomato a fruit?" got "no"; "Why do onions make you cry?" got octopus nonsense; and
    # baking soda and baking powder were told apart as "sodium chloride"
    ("Is a tomato a fruit?", "tomato_fruit"),
    ("Is a tomato a fruit or a vegetable?", "tomato_fruit"),
    ("Are tomatoes vegetables?", "tomato_fruit"),
    ("Why do onions make you cry?", "onions_cry"),
    ("Why do my eyes water when I chop onions?", "onions_cry"),
    ("How can I stop crying when cutting onions?", "onions_cry"),
    ("What's the difference between baking soda and baking powder?", "baking_soda_powder"),
    ("Is bicarbonate of soda the same as baking powder?", "baking_soda_powder"),
    ("Baking powder vs baking soda?", "baking_soda_powder"),)


def _fact(name: str) -> Fact:
    return next(f for f in facts() if f.name == name)


@pytest.mark.parametrize(("message", "name"), ASKED)
def test_each_question_gets_the_reply_of_its_fact(message: str, name: str) -> None:
    assert answer(message) == _fact(name).answer


def test_every_fact_of_the_file_is_asked_here_at_least_once() -> None:
    from tests.unit.test_garden_calendar import ASKED as GARDEN_ASKED  # the garden's own

    assert {f.name for f in facts()} == {name for _, name in ASKED + GARDEN_ASKED}


def test_no_question_here_is_matched_by_two_facts_with_different_replies() -> None:
    """Every question written above, held against every pattern of every fact: a fact other
    than its own may match only where it says the same."""
    clashes: dict[str, list[str]] = {}
    for message, name in ASKED:
        forms = questions(message)
        replies = {f.name: f.answer for f in facts()
                   if any(p.fullmatch(form) for p in f.asked for form in forms)}
        if set(replies.values()) != {_fact(name).answer}:
            clashes[message] = sorted(replies)
    assert clashes == {}


class _RefusesDuplicateKeys(yaml.SafeLoader):
    """A YAML loader that raises on a key written twice in one mapping, which PyYAML would
    otherwise settle silently by keeping the later one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} written twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def test_no_fact_or_piece_is_written_twice() -> None:
    """A fact written twice under one name would quietly lose its first entry."""
    with pytest.raises(yaml.constructor.ConstructorError, match="written twice"):
        yaml.load("facts:\n  titanic: 1\n  titanic: 2\n", Loader=_RefusesDuplicateKeys)
    text = files("data").joinpath("common_facts.yaml").read_text("utf-8")
    assert yaml.load(text, Loader=_RefusesDuplicateKeys) == data_yaml("common_facts.yaml")


def test_every_pattern_compiles_with_its_pieces_and_matches_no_empty_question() -> None:
    raw = data_yaml("common_facts.yaml")
    pieces = {str(k): str(v) for k, v in raw["pieces"].items()}
    for name, spec in raw["facts"].items():
        assert spec["asked"] and str(spec["answer"]).strip(), name
        for pattern in spec["asked"]:
            compiled = re.compile(fill(str(pattern), pieces))
            assert not re.search(r"\{[a-z_]+\}", compiled.pattern), (name, pattern)
            assert compiled.fullmatch("") is None, (name, pattern)
    with pytest.raises(KeyError):
        fill("how many {no_such_piece}", pieces)


@pytest.mark.parametrize("message", [
    "How many days are there in a leap year?",
    "how many days are there in a leap year",
    "HOW MANY DAYS ARE THERE IN A LEAP YEAR!!!",
    "hey, quick question: how many days are there in a leap year?",
    "How many days are there in a leap year, please?",
    "Thanks! How many days are there in a leap year?",
    "Tacit, do you know how many days there are in a leap year?",
    "Can you tell me how many days a leap year has?",
    "how many days in a leap year again? thank you",
])
def test_case_punctuation_and_a_short_courtesy_make_no_difference(message: str) -> None:
    assert answer(message) == "A leap year has 366 days: the usual 365 and 29 February."


def test_a_question_asked_indirectly_is_answered_as_the_direct_one() -> None:
    assert answer("Do you know what the tallest mountain in the world is?") == \
        answer("What's the tallest mountain in the world?") != ""
    assert answer("I was wondering how far the moon is") == answer("How far is the moon?") != ""


@pytest.mark.parametrize("message", [
    "plan my trip for the 7 days of the week",
    "I'm climbing the tallest mountain in Wales next week, what should I pack?",
    "What's the tallest mountain in Wales?",
    "my heart is racing and my chest hurts",
    "how many days until Christmas",
    "how many days in this month",
    "is this year a leap year",
    "when is the next leap year",
    "what's the normal body temperature for a dog",
    "is 37.5 a normal body temperature",
    "how many teeth does a dog have",
    "what's the longest river in the UK",
    "what's the largest country in Africa",
    "What's the tallest mountain in the world and how long does it take to climb?",
    "tell me a fun fact about the tallest mountain in the world",
    "How many players should I invite to my football team?",
    "how long is a marathon training plan",
    "what is a knot",
    "what is lead",
    "what's the temperature",
    "what's the capital of Australia",
    "I'm reading Hamlet for class, what should I focus on?",
    "what happens in Hamlet act 3",
    "who is Hamlet",
    "my tomato plant has yellow leaves",
    "are tomatoes good for you",
    "why do I cry so much lately",
    "why do I cry when I'm angry",
    "how do I chop an onion",
    "can I use baking powder instead of baking soda",
    "is thunder dangerous",
    "what causes thunder and lightning",
    "will there be thunder tomorrow",
    "why is my cat not eating",
    "why does my cat purr so loudly and bite me",
    "how do I make honey cake",
    "how do I get rid of bees in my garden",
    "what's the fastest way to get to Leeds",
    "tell me a fun fact about the Titanic",
    "when is the Titanic film on tv",
    "",
    "please, " * 30 + "how many days in a leap year?",
])
def test_look_alikes_and_longer_requests_are_left_to_the_model(message: str) -> None:
    assert answer(message) == ""


@pytest.mark.parametrize("message", [
    "how many hours in a day", "how many minutes are there in an hour",
    "how many seconds in a day", "how many days in a week", "how many feet in a mile",
])
def test_what_the_calculator_works_out_is_left_to_it(message: str) -> None:
    assert calculate.answer(message) is not None
    assert answer(message) == ""


def test_no_question_here_is_one_the_calculator_already_answers() -> None:
    assert [m for m, _ in ASKED if calculate.answer(m) is not None] == []


_METRIC = re.compile(r"(?<![a-z])(?:mm|metres|km|kg|litres|hectares|°C)(?![a-z])")
_IMPERIAL = re.compile(r"(?<![a-z])(?:inch|feet|ft|miles|mph|pounds|gallons|acres|°F)(?![a-z])")


def test_a_measure_is_given_in_metric_and_imperial() -> None:
    one_way = [f.name for f in facts()
               if bool(_METRIC.search(f.answer)) != bool(_IMPERIAL.search(f.answer))]
    assert one_way == []


def test_every_reply_is_short_and_plain() -> None:
    for fact in facts():
        assert fact.answer.endswith(".") and "\n" not in fact.answer, fact.name
        assert len(fact.answer) <= 300, fact.name
        assert len(re.findall(r"[.!?](?:\s|$)", fact.answer)) <= 3, fact.name


@pytest.mark.parametrize(("message", "said"), [
    ("What's the tallest mountain in the world?", ("Everest", "8,849 metres (29,032 feet)")),
    ("How many days in a leap year?", ("366",)),
    ("Which years are leap years?", ("divides by 4", "400", "1900")),
    ("How many days in February?", ("28", "29 in a leap year")),
    ("What's the longest river?", ("Nile", "Amazon", "disputed")),
    ("What's the largest desert?", ("Antarctica", "Sahara")),
    ("What's the most populous country?", ("India", "China")),
    ("How many continents are there?", ("Seven",)),
    ("How many oceans are there?", ("Five",)),
    ("What's the boiling point of water?", ("100 °C (212 °F)", "sea level")),
    ("What's the freezing point of water?", ("0 °C (32 °F)",)),
    ("What is normal body temperature?", ("37 °C (98.6 °F)", "36.1", "37.2")),
    ("How many bones are in the human body?", ("206",)),
    ("How many teeth does an adult have?", ("32", "wisdom")),
    ("How many keys on a piano?", ("88",)),
    ("How many colours in a rainbow?", ("Seven",)),
    ("How many players on a football team?", ("Eleven",)),
    ("Is Pluto a planet?", ("dwarf planet", "2006")),
    ("What year did the Titanic sink?", ("15 April 1912", "iceberg", "14 April", "first voyage")),
    ("Is a tomato a fruit?", ("a tomato is a fruit", "vegetable")),
    ("Why do onions make you cry?", ("sulphur", "syn-propanethial-S-oxide", "sharp knife")),
    ("What causes thunder?", ("Lightning heats the air", "expands", "sound is far slower")),
    ("What's the difference between baking soda and baking powder?",
     ("sodium bicarbonate", "needs an acid", "dry acid")),
    ("Who wrote Romeo and Juliet?", ("William Shakespeare",)),
    ("What's the plot of Hamlet?", ("Prince of Denmark", "ghost", "Claudius", "mother",
                                    "madness", "revenge", "dead")),
    ("How many hearts does an octopus have?", ("Three",)),
    ("Give me a fun fact about octopuses", ("three hearts", "blue blood", "nerve cells")),
    ("Why do cats purr?", ("voice box", "content")),
    ("How do bees make honey?", ("nectar", "enzymes", "evaporated")),
    ("What's the fastest animal?", ("peregrine falcon", "300 km/h", "cheetah")),
    ("What's the fastest land animal?", ("cheetah",)),
    ("What's the speed of light?", ("300,000 km", "186,000 miles")),
    ("What is the speed of sound?", ("343 metres a second", "767 mph")),
])
def test_the_replies_say_the_settled_answer(message: str, said: tuple[str, ...]) -> None:
    reply = answer(message)
    assert all(part in reply for part in said), reply


def test_the_conversation_so_far_does_not_change_the_reply() -> None:
    earlier = [{"user": "Tell me a joke", "assistant": "Sure."}]
    assert answer("How many days in February?", earlier) == answer("How many days in February?")
    assert asked("How many days in February?") == (_fact("february"),)


def test_a_question_is_read_plainly_without_the_courtesy_around_it() -> None:
    from agents.bare_question import MOST_CHARS, bare_question

    assert bare_question("Hey, quick question: what's the capital of Côte d'Ivoire, please?") \
        == "what is the capital of cote divoire"
    assert bare_question("x" * (MOST_CHARS + 1)) == ""


def test_a_measure_is_given_in_the_units_the_person_uses() -> None:
    """The real model's maya said she uses metric; "How far is a half marathon?" then got
    "42.195 km (26 miles 385 yards, ...)" with the miles she had just said she did not use."""
    from agents.common_facts import answer
    from assistant.alignment import respects

    asked = "How far is a half marathon?"
    metric = answer(asked, units=lambda: "metric")
    imperial = answer(asked, units=lambda: "imperial")
    assert "21.1 km" in metric and respects(metric, "units", "metric")
    assert "13.1 miles" in imperial and respects(imperial, "units", "imperial")
    assert "21.1 km (13.1 miles)" in answer(asked)  # not known: both
    cold = answer("What is the freezing point of water?", units=lambda: "imperial")
    assert cold.startswith("32 °F") and "about 28 °F" in cold and "°C" not in cold


def test_the_units_are_read_only_for_a_reply_with_a_measure() -> None:
    from agents.common_facts import answer

    def never() -> str:
        raise AssertionError("the profile was read for a reply with no measure")

    assert answer("How many bones are in the human body?", units=never).startswith("An adult")


def test_the_fastest_animal_reads_plainly_in_either_system() -> None:
    asked = "What's the fastest animal?"
    assert "more than 185 mph" in answer(asked, units=lambda: "imperial")
    metric = answer(asked, units=lambda: "metric")
    assert "more than 300 km/h." in metric and "mph" not in metric
