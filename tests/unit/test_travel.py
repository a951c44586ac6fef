"""City guides written by code: the sights, then the day trips, food or getting around asked
next, food fitting the person's diet; anything else about a city goes to the model."""

from __future__ import annotations

from agents.ideas import Needs
from agents.travel import answer
from assistant.service import Tacit

ASKED = "I'm going to Lisbon for 4 days in March, what should I see?"


def test_the_sights_of_a_city_then_the_part_asked_next() -> None:
    """The bundled model named "Lisbon Beach" and "the iconic Lisbon Bridge"; "what about day
    trips?" then got Italy, Japan and India."""
    sights = answer(ASKED) or ""
    assert sights.startswith("Some of what most visitors love in Lisbon:")
    assert "Jerónimos Monastery" in sights and "Beach" not in sights
    turn = [{"user": ASKED, "assistant": sights}]
    trips = answer("what about day trips?", turn) or ""
    assert trips.startswith("Day trips people enjoy from Lisbon:") and "Sintra" in trips
    assert (answer("how do I get around?", turn) or "").startswith("Getting around Lisbon:")
    assert answer("what about day trips?", [{"user": "hi", "assistant": "Hello!"}]) is None
    # a city lived in is no trip: "What do you know about me?" after it got Porto's sights
    assert answer("What do you know about me?", [{"user": "I live in Porto.",
                                                  "assistant": "Got it."}]) is None


def test_food_a_diet_rules_out_is_left_out_and_where_to_find_places_is_said() -> None:
    turn = [{"user": ASKED, "assistant": answer(ASKED) or ""}]
    food = answer("I'm vegetarian, where should I eat?", turn,
                  lambda: Needs(diet="vegetarian")) or ""
    assert food.startswith("Food to try in Lisbon:") and "HappyCow" in food
    assert "sardines" not in food.lower() and "bacalhau" not in food.lower()
    assert "sardines" in (answer("what food should I try in Lisbon?") or "").lower()
    rome = answer("what food should I try in Rome?", needs=lambda: Needs(
        diet="gluten_free", allergies=("nuts",))) or ""
    assert "Gelato" in rome and "pizza" not in rome.lower() and "Supplì" not in rome
    assert "telling the staff" in rome and "usually hold nuts" in rome


def test_a_city_asked_about_otherwise_or_a_person_of_that_name_goes_to_the_model() -> None:
    for said in ("what's the weather like in Paris in March?", "how much is a flight to Rome?",
                 "I'm moving to Berlin, what should I know?",
                 "my friend Florence is visiting, what should we do?",
                 "what should I see in Venice Beach?"):
        assert answer(said) is None, said


def test_a_city_guide_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    assert "Belém Tower" in tacit.ask("ana", ASKED).shown
    assert "Sintra" in tacit.ask("ana", "what about day trips?").shown


def test_a_trip_told_gets_the_sights_and_what_to_see_asked_next_gets_them_too() -> None:
    """"I'm going to Paris for the weekend" got "La France, la ville de l'Améripe", and "what
    should we see?" then got "Bien sûr, les morts"."""
    told = answer("I'm going to Paris for the weekend") or ""
    assert told.startswith("Some of what most visitors love in Paris:")
    after_model = [{"user": "I'm going to Paris for the weekend", "assistant": "Lovely!"}]
    assert (answer("what should we see?", after_model) or "").startswith(
        "Some of what most visitors love in Paris:")
    assert answer("I'm going to Paris for the weekend but my wife is ill") is None
    assert answer("I went to Paris last year") is None
    assert answer("Make a daily plan for my trip to Rome.") is None  # a plan asked: the model


def test_a_distance_asked_on_a_road_trip_is_no_request_for_sights() -> None:
    assert answer("I am planning a road trip from Paris to Lyon. How far is it?") is None
    assert (answer("I'm going to Rome next month with my wife, any tips?") or "").startswith(
        "Some of what most visitors love in Rome:")


def test_a_part_asked_after_a_guide_given_twice_still_finds_its_city() -> None:
    """"and how do we get around?" after the sights shown twice got "The person loves you too!":
    a reply said again is left out of the conversation given to the model, so the city was
    looked for in nothing."""
    sights = answer("I'm going to Paris for the weekend") or ""
    again = [{"user": "what should we see?", "assistant": "", "said": sights}]
    assert (answer("and how do we get around?", again) or "").startswith("Getting around Paris")


def test_a_road_trip_from_one_city_to_another_is_the_one_gone_to() -> None:
    """"I'm planning a road trip from London to Edinburgh with my two kids." went to the model,
    which asked whether they were "renting a car"."""
    from agents.travel import answer, city_in

    told = "I'm planning a road trip from London to Edinburgh with my two kids."
    assert getattr(city_in(told), "name", None) == "Edinburgh"
    assert (answer(told) or "").startswith("Some of what most visitors love in Edinburgh:")
    assert getattr(city_in("flights from Rome"), "name", None) == "Rome"


def test_food_asked_two_turns_after_the_guide_is_of_that_city() -> None:
    """"Where should we eat on our first night?", asked after the Lisbon guide and a diet told
    between, got "an evening of wine-drinking parties in the countryside"."""
    told = "I'm going to Lisbon in May with my wife for our anniversary."
    recent = [{"user": told, "said": answer(told) or ""},
              {"user": "She's vegetarian and I don't eat seafood.", "said": "Noted."}]
    assert (answer("Where should we eat on our first night?", recent) or "").startswith(
        "Food to try in Lisbon:")
    assert (answer("What should we see in three days?", recent) or "").startswith(
        "Some of what most visitors love in Lisbon:")
    long_ago = [recent[0], *({"user": "hi", "said": "Hello!"} for _ in range(3))]
    assert answer("Where should we eat?", long_ago) is None


def test_a_weekend_asked_of_with_no_place_gets_ideas_that_work_anywhere() -> None:
    """"What should I do this weekend?" got a birthday party "for your child's age group"."""
    reply = answer("What should I do this weekend?") or ""
    assert reply.startswith("I can't look up what's on near you")
    assert "- Visit a museum or gallery" in reply
    assert (answer("Any ideas for the weekend?") or "").startswith("I can't look up")
    assert (answer("What should I do this weekend in Leeds?") or "").startswith(
        "I don't have a guide to Leeds")
    assert answer("What should I do about my weekend job?") is None
    # "What could we do together in Bristol?" (a grandson coming to stay) got a beach and
    # bikes "made of recycled materials" you "can just walk on"
    assert (answer("What could we do together in Bristol?") or "").startswith(
        "I don't have a guide to Bristol")
    assert (answer("What can I do with my grandson this weekend?") or "").startswith(
        "I can't look up what's on near you")


def test_another_city_asked_after_a_guide_and_the_way_from_the_airport() -> None:
    """"What about Lisbon? We might go there in the autumn.", after the guide to Rome, got the
    Colosseum "in Lisbon"; "How do we get from the airport to the city?" got a "Roma 24" train
    from a "Termina station" five hours away."""
    rome = [{"user": "What should we see in Rome?", "said": answer("What should we see in Rome?")
             or ""}]
    assert (answer("What about Lisbon? We might go there in the autumn.", rome) or "").startswith(
        "Some of what most visitors love in Lisbon:")
    assert answer("What about Lisbon?") is None  # no guide just before: not a trip asked of
    way = answer("How do we get from the airport to the city?", rome) or ""
    assert way.startswith("Between the airport and Rome, the usual choices")
    assert "I can't look them up" in way
    assert answer("Which airport is best for Rome?", rome) is None


def test_a_rule_that_adds_a_line_is_kept_by_a_guide_code_wrote(tacit: Tacit) -> None:
    """"Whenever I ask about travel, remind me to check if I need a visa." was said at the end
    of the model's replies, but not of the guide to Lisbon, which code wrote."""
    tacit.ask("mei", "Whenever I ask about travel, remind me to check if I need a visa.")
    guide = tacit.ask("mei", "I'm planning a trip to Lisbon in March, what should I see?").reply
    assert guide.startswith("Some of what most visitors love in Lisbon:")
    assert guide.rstrip().endswith("Remember to check if you need a visa.")
    thanks = tacit.ask("mei", "thanks!").reply
    assert "visa" not in thanks  # a rule of travel, not of thanks
