"""Asking about preferences: what is worth a question, budgets, "just answer", the profile."""

from __future__ import annotations

import re

import pytest

from agents.elicit import (
    Candidate,
    bar,
    candidates,
    carried_over,
    chances,
    choose,
)
from agents.state import TurnState
from agents.tuning import TurnTuning
from assistant.models.fake import FakeModel
from assistant.service import Done, Question, Tacit
from memory.preferences import catalog, match_answer, signals
from memory.profile import Belief

DINNER = "Any ideas for dinner tonight?"
MEAT = (r"\b(?:chicken|beef|pork|lamb|bacon|ham|sausages?|mince|fish|salmon|tuna|prawns?|"
        r"anchov\w*)\b")


def _ask(tacit: Tacit, session: str, text: str) -> Done | Question:
    last = list(tacit.send("ana", session, text))[-1]
    assert isinstance(last, Done | Question)
    tacit.flush()  # what the turn taught is learned after the reply
    return last


# Information gain -----------------------------------------------------------------------
def test_information_gain_falls_as_the_profile_grows_sure() -> None:
    units = catalog()["units"]
    unsure, leaning, sure = (Belief.of(units), Belief.of(units, "metric", 0.8),
                             Belief.of(units, "metric", 0.97))
    assert unsure.information_gain() > leaning.information_gain() > sure.information_gain()
    assert unsure.information_gain() < 1.0  # one binary question teaches at most one bit
    said_none = Belief.of(catalog()["diet"], "any", 0.95)
    assert said_none.information_gain() == 0.0


# Value of asking ----------------------------------------------------------------------
def test_asking_is_worth_what_the_answer_would_change_not_its_bits() -> None:
    diet, units = catalog()["diet"], catalog()["units"]
    # Five diets hold more bits than two unit systems, but most people eat anything and a
    # plain meal suits most diets, while a plain reply picks the wrong units half the time.
    assert Belief.of(diet).information_gain() > Belief.of(units).information_gain()
    assert Belief.of(units).value_of_asking() > Belief.of(diet).value_of_asking() > 0
    # When every value is respected anyway, the answer changes nothing: worth 0, bits or not.
    either_way = {v: 1.0 for v in units.values}
    assert Belief.of(units).information_gain() > 0.5
    assert Belief.of(units).value_of_asking(chance=either_way) == 0.0
    # A known value is applied already, and "no preference" leaves nothing to gain.
    assert Belief.of(units, "metric", 0.95).value_of_asking() < 0.05
    assert Belief.of(diet, "any", 0.95).value_of_asking() == 0.0
    # A stated value shows the person cares: a weak one is worth confirming more than the
    # prior is worth asking about at all.
    assert (Belief.of(units, "imperial", 0.6).value_of_asking()
            > Belief.of(units).value_of_asking())


def test_the_question_goes_to_the_dimension_whose_answer_changes_the_reply() -> None:
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}
    ranked = candidates(beliefs, "Give me a dinner recipe and tell me how far to run.", set())
    assert [c.dimension for c in ranked if c.relevance > 0] == ["units", "diet"]
    assert ranked[0].bits < ranked[1].bits  # the bits alone would have asked about diet
    beliefs["units"] = Belief.of(catalog()["units"], "metric", 0.95)
    ranked = candidates(beliefs, "Give me a dinner recipe and tell me how far to run.", set())
    pick, _ = choose(ranked, policy="tacit", threshold=0.01, asked=0, budget=2, off=False)
    assert pick is not None and pick.dimension == "diet"  # never what it already knows
    # An explanation: a plain one already suits an expert and a beginner alike often
    # enough; one without an example or an analogy suits few who learn from them.
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}
    ranked = candidates(beliefs, "Explain linear regression to me.", set(), reply_tokens=384)
    score = {c.dimension: c.score for c in ranked if c.relevance > 0}
    assert set(score) == {"expertise", "learning_style", "detail"}
    assert max(score, key=lambda d: score[d]) == "learning_style"


def test_a_reply_too_short_to_be_detailed_gains_only_for_those_who_want_detail() -> None:
    detail = catalog()["detail"]
    assert chances(detail, 64) == {"brief": 1.0, "detailed": 0.0}
    assert chances(detail, 384) == {v.name: v.by_chance for v in detail.values.values()}
    belief = Belief.of(detail)
    capped = belief.value_of_asking(chance=chances(detail, 64))
    # Only the half who want detail can gain, and they gain the whole gap.
    assert capped == 0.95 * detail.cares * 0.5 * detail.honoured


def test_the_last_question_of_a_session_is_kept_for_a_request_that_needs_it_more() -> None:
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}
    modest = candidates(beliefs, "Plan my training schedule for next week.", set())
    urgent = candidates(beliefs, "How far is a half marathon?", set())
    assert modest[0].dimension == "schedule" and urgent[0].dimension == "units"
    # A threshold the first question clears, not the last one's bar.
    threshold = modest[0].score / TurnTuning.defaults().last_question_bar ** 0.5
    assert bar(threshold, 0, 2) == threshold < modest[0].score < bar(threshold, 1, 2)

    def pick(ranked: list[Candidate], asked: int, budget: int = 2) -> str | None:
        chosen, _ = choose(ranked, policy="tacit", threshold=threshold, asked=asked,
                           budget=budget, off=False)
        return chosen.dimension if chosen else None

    assert pick(modest, asked=0) == "schedule"  # a question to spare: ask
    assert pick(modest, asked=1) is None        # the last one: keep it
    assert pick(urgent, asked=1) == "units"     # ... for a request that needs it more
    assert pick(urgent, asked=2) is None        # spent is spent
    assert pick(modest, asked=0, budget=1) == "schedule"  # a budget of one is not held back
    _, reason = choose(modest, policy="tacit", threshold=threshold, asked=1, budget=2,
                       off=False)
    assert "last question" in reason


def test_nothing_is_asked_when_no_preference_bears_on_the_request() -> None:
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}
    ranked = candidates(beliefs, "Who wrote Moby Dick?", set())
    assert choose(ranked, policy="tacit", threshold=0.35, asked=0, budget=2, off=False)[0] is None
    assert choose(ranked, policy="always", threshold=0.35, asked=0, budget=2,
                  off=False)[0] is not None  # the naive baseline asks anyway


def test_food_in_a_story_about_someone_else_does_not_make_the_person_s_diet_matter() -> None:
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}
    told = "My flatmate keeps eating my food and laughing about it. How do I bring it up?"
    assert "diet" not in [c.dimension for c in candidates(beliefs, told, set())
                          if c.relevance > 0]
    # Asked about food, even for someone else, the diet still bears on the answer.
    for asked in ("My sister is vegan, what should I cook for her?", "Any ideas for dinner?"):
        assert "diet" in [c.dimension for c in candidates(beliefs, asked, set())
                          if c.relevance > 0]


def test_losing_weight_asks_for_no_units_while_a_measure_of_weight_does() -> None:
    """"lose weight" names no measurement: assuming metric for it put "use kilometres, metres,
    grams, litres" next to a question about a fast, and the small model listed units."""
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}

    def units(message: str) -> bool:
        return "units" in [c.dimension for c in candidates(beliefs, message, set())
                           if c.relevance > 0]

    assert not units("I want to do a 5 day fast to lose weight, how?")
    assert units("What is the weight of a blue whale?") and units("How much do I weigh?")
    # An activity alone names no measurement either: "use metric units only" next to "My knee
    # hurts after running" had the model answer "use metric units and liters".
    assert not units("My knee hurts after running, what should I do?")
    assert not units("I need to buy new running shoes, what should I get?")
    assert units("How far is a half marathon?") and units("What pace for my first 10k?")



def test_a_workout_alone_asks_no_time_of_day_while_a_plan_for_the_week_does() -> None:
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}

    def schedule(message: str) -> bool:
        return "schedule" in [c.dimension for c in candidates(beliefs, message, set())
                              if c.relevance > 0]

    assert not schedule("Give me a short workout I can do at home.")
    assert not schedule("Give me a quick stretching routine for after a long shift.")
    assert schedule("Can you plan my workout routine for the week?")
    assert schedule("Plan my daily routine to fit in exercise.")


def test_answers_and_statements_are_read_as_values() -> None:
    diet = catalog()["diet"]
    assert match_answer(diet, "2") == "vegetarian"  # the second quick answer
    assert match_answer(diet, "I'm vegan, thanks") == "vegan"
    assert match_answer(diet, "no preference") == "any"
    assert match_answer(diet, "hmm, what?") is None
    said = {s.dimension: (s.value, s.how) for s in signals("I'm not vegetarian. I run in km.")}
    assert said == {"units": ("metric", "stated")}
    assert signals("No, I said imperial")[0].how == "correction"
    # "short" said of a text to send is that text's length, not a wish for short answers:
    # read as one, "write a short email to my landlord" got the request said back.
    assert signals("Can you help me write a short email to my landlord?") == []
    assert [s.value for s in signals("Keep it short please.")] == ["brief"]


# Through the service --------------------------------------------------------------------
def test_a_question_pauses_the_turn_and_the_answer_shapes_the_reply_and_the_profile(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    question = _ask(tacit, session, DINNER)
    assert isinstance(question, Question)
    assert question.details["dimension"] == "diet"
    assert "vegetarian" in question.details["choices"]
    assert tacit.history("ana", session) == []

    done = _ask(tacit, session, "vegetarian")
    assert isinstance(done, Done)
    # a dinner is a recipe written by code, one the answer allows
    assert done.reply.startswith("**") and not re.search(MEAT, done.reply, re.I)
    [entry] = tacit.memory.profile.attributes("ana")
    assert (entry.name, entry.value, entry.confidence) == ("diet", "vegetarian", 0.95)
    assert entry.source == [done.turn_id]

    again = _ask(tacit, session, "What should I cook for lunch tomorrow?")
    assert isinstance(again, Done)  # the profile covers the request: no second question
    assert again.reply.startswith("**") and not re.search(MEAT, again.reply, re.I)


def test_the_budget_caps_questions_and_the_rest_is_assumed_aloud(
        tacit: Tacit, settings) -> None:
    settings.questions_per_session = 1
    session = tacit.new_session("ana").id
    assert isinstance(_ask(tacit, session, DINNER), Question)
    assert isinstance(_ask(tacit, session, "no preference"), Done)
    done = _ask(tacit, session, "How far is a half marathon?")
    assert isinstance(done, Done)
    assert done.trace["elicit"]["decision"].startswith("question budget spent")
    assert done.shown.endswith("(Assumed units: metric. Tell me if that is wrong.)")


def test_just_answer_stops_questions_and_is_remembered(tacit: Tacit) -> None:
    session = tacit.new_session("ana").id
    assert isinstance(_ask(tacit, session, DINNER), Question)
    done = _ask(tacit, session, "just answer")
    assert isinstance(done, Done)
    assert tacit.memory.profile.beliefs("ana")["diet"].value is None  # nothing invented
    assert isinstance(_ask(tacit, session, "How far is a half marathon?"), Done)
    assert tacit.memory.profile.willingness("ana") == 0.5

    # A new session may ask again, but less readily: the diet question (worth 0.09, over the
    # usual 0.05) no longer clears the doubled threshold; units (worth 0.24) still do.
    later = tacit.new_session("ana").id
    done = _ask(tacit, later, "What should I cook for dinner?")
    assert isinstance(done, Done)
    assert "< 0.100" in done.trace["elicit"]["decision"]
    assert isinstance(_ask(tacit, later, "How far is a half marathon?"), Question)


def test_a_one_shot_ask_never_leaves_a_question_waiting(tacit: Tacit) -> None:
    done = tacit.ask("ana", DINNER)
    assert "(Assumed diet: no restrictions." in done.shown
    assert tacit.pending_question("ana", done.session_id) is None


def test_news_of_the_person_gets_no_question_and_no_guess(tacit: Tacit) -> None:
    """"I'm training for a marathon in April and I have asthma." asks nothing: the units
    guess steered the model into "Here's a response in metric units: 1.08 km"."""
    session = tacit.new_session("ana").id
    news = _ask(tacit, session, "I'm training for a marathon in April and I have asthma.")
    assert isinstance(news, Done) and "Assumed" not in news.shown
    assert news.trace["elicit"]["decision"].startswith(
        ("the message is news", "the message only tells about the person"))
    assert not news.trace["elicit"]["assumed"]
    # A question on the same subject still gets one.
    assert isinstance(_ask(tacit, session, "How far is a half marathon?"), Question)
    # A wish is not news: it asks.
    wish = tacit.ask("bo", "I'd love a recipe for dinner tonight.")
    assert "(Assumed diet: no restrictions." in wish.shown


def test_no_restrictions_is_never_assumed_for_someone_with_an_allergy(tacit: Tacit) -> None:
    tacit.ask("ana", "I'm allergic to peanuts.")
    tacit.flush()
    done = tacit.ask("ana", DINNER)
    assert "no restrictions" not in done.shown
    assert tacit.ask("bo", DINNER).shown.count("(Assumed diet: no restrictions.") == 1


def test_no_restrictions_is_never_assumed_for_a_cake_for_someone_of_theirs_with_an_allergy(
        tacit: Tacit) -> None:
    """"My daughter Mia is 6 and she's allergic to eggs.", then "Can you suggest a birthday
    cake recipe for her party?" got "(Assumed diet: no restrictions.)": "her" named no one."""
    session = tacit.new_session("ana").id
    tacit.ask("ana", "My daughter Mia is 6 and she's allergic to eggs.", session)
    tacit.flush()
    cake = "Can you suggest a birthday cake recipe for her party?"
    assert "no restrictions" not in tacit.ask("ana", cake, session).shown
    assert "(Assumed diet: no restrictions." in tacit.ask("ana", cake,
                                                          tacit.new_session("ana").id).shown
    # Named in the very message: "My daughter Mia is allergic to eggs. What can I bake for her
    # birthday?" got "(Assumed diet: no restrictions.)" under the reply.
    assert "no restrictions" not in tacit.ask(
        "bo", "My daughter Mia is allergic to eggs. What can I bake for her birthday?").shown


def test_no_restrictions_is_never_assumed_for_someone_who_does_not_eat_a_meat(
        tacit: Tacit) -> None:
    """"I don't eat pork" and then a dinner got "(Assumed diet: no restrictions.)"; disliking
    coriander is not a restriction, so the assumption still stands for that."""
    tacit.ask("ana", "I don't eat pork.")
    tacit.ask("bo", "I hate coriander.")
    tacit.flush()
    assert "no restrictions" not in tacit.ask("ana", DINNER).shown
    assert "(Assumed diet: no restrictions." in tacit.ask("bo", DINNER).shown
    # ... nor for one left out of the very request
    assert "no restrictions" not in tacit.ask(
        "cy", "Can you help me plan dinners for this week? Nothing with pork please.").shown
    assert "(Assumed diet: no restrictions." in tacit.ask(
        "cy", "Can you help me plan dinners for this week? No rush.").shown


def test_avoiding_gluten_is_a_gluten_free_diet_and_avoiding_dairy_rules_out_no_restrictions(
        tacit: Tacit) -> None:
    """"I'm gluten intolerant, so I strictly avoid gluten." and then lunch in Rome got pasta
    and pizza with "(Assumed diet: no restrictions.)" under them."""
    tacit.ask("ana", "I'm gluten intolerant, so I strictly avoid gluten.")
    tacit.ask("bo", "I strictly avoid dairy.")
    tacit.ask("cy", "I avoid the mornings.")  # not a food
    tacit.ask("dee", "I hate mornings.")  # nor is this, though "mornings" is a word of timing
    tacit.flush()
    assert tacit.memory.profile.beliefs("ana")["diet"].value == "gluten_free"
    assert "no restrictions" not in tacit.ask("ana", DINNER).shown
    assert "no restrictions" not in tacit.ask("bo", DINNER).shown
    assert "(Assumed diet: no restrictions." in tacit.ask("cy", DINNER).shown
    assert "(Assumed diet: no restrictions." in tacit.ask("dee", DINNER).shown


@pytest.mark.parametrize("said", [
    "I'm allergic to nuts, what snack should I bring?",
    "I'm pregnant. Can I eat sushi?",
    "I don't eat pork. What should I cook tonight?",
    "I'm diabetic. Can you suggest a dessert I could make for friends?",
])
def test_no_restrictions_is_never_assumed_against_what_the_request_itself_says(
        tacit: Tacit, said: str) -> None:
    """The facts of a message are stored after elicit: "I'm pregnant. Can I eat sushi?" got
    "(Assumed diet: no restrictions.)" from the facts kept before it."""
    assert "no restrictions" not in tacit.ask("cy", said).shown


def test_no_restrictions_is_not_assumed_later_in_the_conversation_of_a_diabetic(
        tacit: Tacit) -> None:
    """"Hi, I'm Priya. I'm diabetic and I live in Leeds.", then a dessert asked, got
    "(Assumed diet: no restrictions.)" (a dessert is now suggested by code; a dinner asks the
    same)."""
    session = tacit.new_session("pri").id
    tacit.ask("pri", "Hi, I'm Priya. I'm diabetic and I live in Leeds.", session)
    shown = tacit.ask("pri", DINNER, session).shown
    assert "no restrictions" not in shown
    # Someone else, with nothing told, is still told what was assumed.
    assert "(Assumed diet: no restrictions." in tacit.ask("bo", DINNER).shown


def test_a_crisis_is_answered_at_once_without_questions(tacit: Tacit) -> None:
    session = tacit.new_session("ana").id
    message = "I want to kill myself, I can't even eat dinner"
    done = _ask(tacit, session, message)
    assert isinstance(done, Done)  # no diet question, though dinner is mentioned
    assert done.trace["safety"]["crisis"]
    assert "elicit" not in done.trace["timings_ms"]  # the graph routed around it


def test_preferences_stated_in_passing_are_learned_and_corrections_supersede(
        tacit: Tacit) -> None:
    session = tacit.new_session("ana").id
    done = _ask(tacit, session, "I'm vegetarian. Any dinner ideas?")
    assert isinstance(done, Done)  # the request said it: nothing to ask
    belief = tacit.memory.profile.beliefs("ana")["diet"]
    assert (belief.value, belief.confidence) == ("vegetarian", 0.8)

    _ask(tacit, session, "No, actually I am vegan now. What should I cook for lunch?")
    [entry] = tacit.memory.profile.attributes("ana")
    assert (entry.value, entry.confidence) == ("vegan", 0.9)
    assert [h.action for h in tacit.memory.history("ana", entry.id)] == ["add", "supersede"]


def test_forgetting_the_turn_forgets_what_it_taught(tacit: Tacit) -> None:
    session = tacit.new_session("ana").id
    done = _ask(tacit, session, "I'm vegan. Suggest a snack.")
    assert isinstance(done, Done)
    assert tacit.memory.profile.attributes("ana")
    assert tacit.export("ana")["profile"][0]["value"] == "vegan"
    tacit.forget("ana", done.turn_id)
    assert tacit.memory.profile.attributes("ana") == []


def test_profiles_never_leak_between_users(tacit: Tacit) -> None:
    tacit.ask("ana", "I'm vegan. Suggest a snack.")
    assert tacit.memory.profile.beliefs("bob")["diet"].value is None


def test_the_always_policy_asks_every_turn_even_what_it_knows(tacit: Tacit, settings) -> None:
    settings.ask_policy = "always"
    session = tacit.new_session("ana").id
    assert isinstance(_ask(tacit, session, "I'm vegan. Suggest a snack."), Question)
    _ask(tacit, session, "no preference")
    assert isinstance(_ask(tacit, session, "Who wrote Moby Dick?"), Question)


def test_the_never_policy_never_asks(tacit: Tacit, settings) -> None:
    settings.ask_policy = "never"
    session = tacit.new_session("ana").id
    assert isinstance(_ask(tacit, session, DINNER), Done)


def test_an_edit_of_the_reply_is_evidence_of_what_the_person_prefers() -> None:
    from memory.preferences import edit_signals

    shown = edit_signals("The loop is 5 miles long.", "The loop is 8 km long.")
    assert [(s.dimension, s.value, s.how) for s in shown] == [("units", "metric", "edit")]
    assert edit_signals("It is 8 km.", "It is about 8 km.") == []


def test_no_question_once_the_profile_covers_the_request() -> None:
    beliefs = {name: Belief.of(dim) for name, dim in catalog().items()}
    beliefs["diet"] = Belief.of(catalog()["diet"], "pescatarian", 0.95)
    ranked = candidates(beliefs, "Suggest a dinner I can cook tonight.", set())
    assert [c.dimension for c in ranked if c.relevance > 0] == ["diet"]
    pick, reason = choose(ranked, policy="tacit", threshold=0.0, asked=0, budget=9, off=False)
    assert pick is None and reason == "the profile covers this request"
    # Said "no preference" counts as covered too.
    beliefs["diet"] = Belief.of(catalog()["diet"], "any", 0.95)
    ranked = candidates(beliefs, "Suggest a dinner I can cook tonight.", set())
    assert choose(ranked, policy="tacit", threshold=0.0, asked=0, budget=9, off=False)[0] is None


def test_a_coin_flip_guess_neither_steers_the_answer_nor_is_stated(
        tacit: Tacit, fake_model: FakeModel) -> None:
    done = tacit.ask("ana", "Explain how glaciers form.")  # detail: short or long, 50/50
    prompt = " ".join(m["content"] for m in fake_model.history[-1])
    assert "three sentences" not in prompt and "explain fully" not in prompt
    assert "(Assumed" not in done.reply
    assert done.trace["elicit"]["assumed"] == []


def test_a_follow_up_keeps_the_diet_the_request_before_it_bore_on(
        tacit: Tacit, fake_model: FakeModel) -> None:
    tacit.ask("ana", "I'm vegetarian.")
    tacit.flush()
    session = tacit.new_session("ana").id
    _ask(tacit, session, "Can you suggest a quick dinner before my shift?")
    fake_model.enqueue("Try a chicken ramen with egg noodles. As a vegetarian, you might like a "
                       "tofu stir-fry with rice noodles, peppers and spring onions.")
    done = _ask(tacit, session, "What about something with noodles?")
    assert isinstance(done, Done)
    assert "chicken" not in done.shown
    assert "As a vegetarian, you might like a tofu stir-fry" in done.shown  # it bears on it
    # A new subject is not a follow-up: the facts about hens stay as they are.
    fake_model.enqueue("A hen lays about one egg a day; chickens need long days of light.")
    fact = _ask(tacit, session, "Why do chickens lay fewer eggs in winter?")
    if isinstance(fact, Question):  # how much detail: answered, the turn goes on
        fact = _ask(tacit, session, "short")
    assert isinstance(fact, Done) and "chickens need long days" in fact.shown


def test_only_a_message_that_goes_on_from_the_last_carries_its_preferences_over() -> None:
    def after(message: str, recent: list[dict[str, str]]) -> set[str]:
        return carried_over(TurnState(message=message, recent=recent))

    dinner = [{"user": "Any ideas for dinner tonight?", "assistant": "Pasta."}]
    assert "diet" in after("What about something with noodles?", dinner)
    assert "diet" in after("And another one without cheese?", dinner)
    assert after("What is the capital of Peru?", dinner) == set()
    assert after("What about something with noodles?", []) == set()


def test_length_asked_for_in_a_standing_rule_is_never_stated_as_an_assumption(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """After "please keep your answers short from now on", a cold's answer ended "(Assumed
    detail: short. Tell me if that is wrong.)": it was said, not assumed."""
    tacit.ask("ana", "please keep your answers short from now on")
    fake_model.enqueue("Glaciers form where snow piles up faster than it melts.")
    done = tacit.ask("ana", "Explain how glaciers form.")
    assert "Assumed detail" not in done.shown
    assert "snow" in done.shown


def test_a_reply_written_by_code_says_only_the_assumptions_it_rests_on(tacit: Tacit) -> None:
    """A camping packing list ended "(Assumed budget: tight budget. Tell me if that is wrong.)",
    though no budget shaped it; a recipe still says the diet it assumed."""
    tacit.ask("ana", "What's the best way to save money each month?")  # a budget guessed
    tacit.flush()
    packing = tacit.ask("ana", "What should I pack for a weekend camping trip?")
    assert packing.shown.startswith("A packing list for a weekend camping trip:")
    assert any(a.startswith("budget:") for a in packing.trace["elicit"]["assumed"])
    assert "Assumed" not in packing.shown
    assert "(Assumed diet: no restrictions." in tacit.ask("bo", DINNER).shown
