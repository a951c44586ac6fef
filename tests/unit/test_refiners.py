"""The refiners find what a person would notice is wrong in a reply, and the planner repairs it."""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Any

import pytest

import agents.refine
from agents.refiners import REGISTRY, Refiner, all_refiners, create_refiner
from agents.refiners.base import ModelCalls, Situation
from agents.refiners.planner import NOT_IN_ENGLISH, plan, refine_text
from agents.safety import with_required
from agents.safety_assessment import SafetyAssessment
from assistant.models.fake import FakeModel
from assistant.service import Done, Tacit, Token

ANA = Situation(
    request="Any ideas for Saturday?",
    facts=["Lives in Porto", "Partner: Miguel", "Daughter: Inês, 7 years old"],
    past_facts=["Lives in Lisbon (until March 2025)"],
    history=[{"role": "user", "text": "My half marathon is on 12 May."},
             {"role": "assistant", "text": "The Bolhão market opens at 9am and is closed on "
                                           "Mondays."}],
)


def _situation(**changes: Any) -> Situation:
    base = {k: getattr(ANA, k) for k in ("request", "facts", "past_facts", "history")}
    return Situation(**{**base, **changes})


def _refined(draft: str, state: Situation, model: FakeModel | None = None, budget: int = 1,
             ) -> tuple[str, dict[str, Any]]:
    out = refine_text(draft, state, ModelCalls(model, budget))
    return out.text, out.trace(draft).model_dump(mode="json")


def _kinds(trace: dict[str, Any]) -> list[str]:
    return [f["kind"] for found in trace["findings"].values() for f in found]


def test_every_registered_refiner_keeps_the_contract_and_the_node_names_none() -> None:
    assert set(REGISTRY) == {r.name for r in all_refiners()}
    assert all(isinstance(r, Refiner) for r in all_refiners())
    node = inspect.getsource(agents.refine)
    assert not any(f'"{name}"' in node for name in REGISTRY)


def test_a_wrong_partner_or_relation_is_put_right() -> None:
    text, trace = _refined("Your husband could pick up the cake. Your partner João can drive.",
                           ANA)
    assert text == "Your partner could pick up the cake. Your partner Miguel can drive."
    assert _kinds(trace) == ["wrong_fact", "wrong_fact"]


def test_an_item_said_again_and_a_reply_that_starts_over_at_its_end_are_cut() -> None:
    """The small model lists "3 cups miso paste" twice and, at the token cap, begins the recipe
    again; two steps that only start alike, and a closing line said once, stay."""
    state = replace(ANA, request="Give me a recipe for a quick dinner.")
    draft = ("**Miso Dinner**\nIngredients:\n- 3 cups (67ml) miso paste\n- 8 oz tofu\n"
             "- 3 cups (67 ml) miso paste\n\n**Miso Dinner**\nIngredients:")
    text, trace = _refined(draft, state)
    # (its "3 cups (67ml)" is put right too: three cups are about 710 ml)
    assert text == "**Miso Dinner**\nIngredients:\n- 3 cups (about 710ml) miso paste\n- 8 oz tofu"
    assert _kinds(trace) == ["repetition", "repetition", "wrong_number"]
    steps = "1. Boil the pasta for ten minutes.\n2. Boil the peas for two minutes.\nEnjoy!"
    assert _refined(steps, state)[0] == steps


def test_a_relation_the_person_names_now_is_theirs_whatever_memory_has() -> None:
    """"My dog is called Pepper" beside a cat kept: "your dog" is what they said, not a
    slip for "your cat"; a relation they did not name is still put right."""
    pets = replace(ANA, request="My dog is called Pepper.", facts=[*ANA.facts, "Cat: Miso"])
    said = "I'll remember that your dog is Pepper."
    assert _refined(said, pets)[0] == said
    assert _refined("Your husband could pick up the cake.", pets)[0] == (
        "Your partner could pick up the cake.")


def test_a_superseded_fact_said_as_current_is_updated_but_the_past_may_be_mentioned() -> None:
    text, trace = _refined("There are lovely walks near your home in Lisbon.", ANA)
    assert "Porto" in text and "Lisbon" not in text
    assert _kinds(trace) == ["outdated_fact"]
    past = "Since you lived in Lisbon until March, Porto's old town may still feel new."
    assert _refined(past, ANA)[0] == past
    # Said in three sentences, put right in all three (the third was left as it was).
    thrice = ("Your home in Lisbon has walks nearby. Lisbon's river is close. End at a café in "
              "Lisbon.")
    assert _refined(thrice, ANA)[0] == ("Your home in Porto has walks nearby. Porto's river is "
                                        "close. End at a café in Porto.")


def test_an_invented_memory_in_an_aside_goes_and_the_advice_around_it_stays() -> None:
    """Only the aside claims a memory: removing the whole step left a recipe of one step."""
    draft = ("1. Choose a gluten-free flour (you mentioned using rice in your answer).\n"
             "2. Preheat the oven.")
    text, trace = _refined(draft, ANA)
    assert text == "1. Choose a gluten-free flour.\n2. Preheat the oven."
    assert _kinds(trace) == ["invented_memory"]


def test_an_invented_memory_goes_and_a_recalled_one_stays() -> None:
    made_up = "As you told me, you hate long car journeys. The coast is an hour away."
    text, trace = _refined(made_up, ANA)
    assert text == "The coast is an hour away."
    assert _kinds(trace) == ["invented_memory"]
    true = "As you mentioned, Miguel is your partner, so plan for two. The coast is close."
    assert _refined(true, ANA)[0] == true


def test_a_taste_said_as_certain_with_nothing_behind_it_is_hedged() -> None:
    text, _ = _refined("You love hiking, so try the ridge trail. If you like views, go early.",
                       ANA)
    assert text.startswith("You may love hiking") and "If you like views" in text


def test_an_age_or_date_that_memory_gives_otherwise_is_corrected() -> None:
    text, _ = _refined("For Inês, who is 9, pack a hat. With your race on 19 May, rest well.",
                       ANA)
    assert "who is 7" in text and "12 May" in text


def test_a_reply_contradicting_an_earlier_reply_is_put_back() -> None:
    text, trace = _refined("Go early: the Bolhão market opens at 11am on Saturdays.", ANA)
    assert "9am" in text and "11am" not in text
    assert _kinds(trace) == ["contradicts_history"]


def test_a_looping_sentence_is_said_once_and_an_unfinished_ending_is_dropped() -> None:
    draft = "Leave at 2:30. Pack water for the walk. Pack water for the walk. Then head to the"
    text, trace = _refined(draft, ANA)
    assert text == "Leave at 2:30. Pack water for the walk."
    assert sorted(_kinds(trace)) == ["cut_off", "repetition"]


def test_gladness_at_the_bad_news_just_told_goes() -> None:
    """"Jo can't walk far because of her hip." got "I'm glad to hear that Jo can't walk far."."""
    hip = _situation(request="Jo can't walk far because of her hip. Does that change anything?")
    text, trace = _refined("I'm glad to hear that Jo can't walk far. Choose flat towns like "
                           "Aveiro.", hip)
    assert text == "Choose flat towns like Aveiro."
    assert _kinds(trace) == ["stray_condolence"]
    better = "I'm glad to hear that you're not in pain anymore. Keep walking."
    assert _refined(better, _situation(request="I'm not in pain anymore!"))[0] == better
    glad = "I'm glad to hear you're excited. Try the coast."
    assert _refined(glad, _situation(request="We can't wait to go, any tips?"))[0] == glad
    # Sorrow at no trouble: "I'm 67 and recently retired" got "I'm so sorry to hear about
    # your decision."
    retired = _situation(request="Hi, I'm Sam. I'm 67 and recently retired. My wife Jo and I "
                                 "want to travel more.")
    text, trace = _refined("I'm so sorry to hear about your decision. Aveiro is lovely in May.",
                           retired)
    assert text == "Aveiro is lovely in May."
    sorry = "I'm so sorry to hear that. Rest this weekend."
    assert _refined(sorry, _situation(request="I've had a rough week at work."))[0] == sorry


def test_a_sentence_said_again_with_more_words_is_said_once() -> None:
    """"You might want to consider visiting the Alcázar de Algarve, which is a historic
    lighthouse ..." said twice, the second time with "in Portugal's south coast" in it."""
    state = _situation(request="Jo can't walk far. Where could we go in Portugal?")
    first = ("You might want to consider visiting the Alcázar de Algarve, which is a historic "
             "lighthouse that has been standing since 1402.")
    text, trace = _refined(f"{first} It has flat paths. You might want to consider visiting the "
                           "Alcázar de Algarve in Portugal's south coast, which is a historic "
                           "lighthouse that has been standing since 1402.", state)
    assert text == f"{first} It has flat paths."
    assert _kinds(trace) == ["repetition"]
    steps = ("Add the onions and cook them gently for five minutes. Add the garlic and cook it "
             "gently for five more minutes.")
    assert _refined(steps, _situation(request="How do I start a curry?"))[0] == steps


def test_a_reminder_a_standing_instruction_asks_for_ends_the_reply() -> None:
    """"Whenever I ask about travel, remind me to check the train strikes." applied to a
    travel question, and the reply said nothing of strikes."""
    state = _situation(request="What's the quickest way from Edinburgh to Glasgow?", history=[],
                       instructions=["Whenever I ask about travel, remind me to check the "
                                     "train strikes."])
    text, trace = _refined("The train takes about an hour.", state)
    assert text == "The train takes about an hour. Remember to check the train strikes."
    assert _kinds(trace) == ["instruction_violation"]
    said = "The train takes about an hour. Do check for train strikes first."
    assert _refined(said, state)[0] == said  # said in other words
    sister = _situation(request="My sister is visiting on Sunday.", history=[],
                        instructions=["Whenever I mention my sister, remind me of her "
                                      "birthday."])
    assert _refined("Lovely, enjoy the visit.", sister)[0] == (
        "Lovely, enjoy the visit. A reminder: her birthday.")


def test_a_lead_in_with_nothing_after_it_goes() -> None:
    """"Keep your answers short" and a question on Python: the short reply ended "Here are
    some benefits:", and nothing after it."""
    state = _situation(request="How do I make my Python script run faster?", history=[])
    text, trace = _refined("Profile it first, then try PyPy.\nHere are some benefits:", state)
    assert text == "Profile it first, then try PyPy."
    assert _kinds(trace) == ["cut_off"]
    listed = "Try these:\n- Profile it.\n- Use PyPy."
    assert _refined(listed, state)[0] == listed


def test_list_markers_with_nothing_after_them_go() -> None:
    state = _situation(request="thanks, talk soon!")
    text, trace = _refined("Talk soon!\n2.\n3.\n4.\n\n1.\n2.", state)
    assert text == "Talk soon!"
    assert set(_kinds(trace)) == {"empty"}
    kept = "Steps:\n1. Boil water.\n2. Add the pasta."
    assert _refined(kept, _situation(request="How do I cook pasta?"))[0] == kept


def test_a_numbered_list_that_skips_or_repeats_a_number_is_renumbered() -> None:
    state = _situation(request="Can you help me plan my week?")
    text, trace = _refined("Here is a plan:\n1. Sort the week's deadlines.\n2. Block two hours "
                           "each morning.\n3. Leave Friday free.\n5. Review on Sunday.", state)
    assert text.endswith("3. Leave Friday free.\n4. Review on Sunday.")
    assert _kinds(trace) == ["numbering"]
    same = "Here is a plan:\n1. Sort the deadlines.\n1. Block the mornings.\n1. Rest on Friday."
    assert _refined(same, state)[0].endswith("2. Block the mornings.\n3. Rest on Friday.")
    kept = "Here is a plan:\n1. Sort the deadlines.\n\n2. Block the mornings.\n3. Rest on Friday."
    assert _refined(kept, state)[0] == kept


def test_the_small_model_s_one_dot_bracket_numbers_become_plain_and_an_empty_one_goes() -> None:
    state = _situation(request="What's a good book for a long train ride?", facts=[],
                       past_facts=[], history=[])
    text, trace = _refined("Two books:\n1.) Dune by Frank Herbert.\n2.) Emma by Jane Austen.\n"
                           "3.) \nEnjoy the ride!", state)
    assert text == ("Two books:\n1. Dune by Frank Herbert.\n2. Emma by Jane Austen.\n"
                    "Enjoy the ride!")
    assert sorted(_kinds(trace)) == ["empty", "numbering"]


def test_a_list_item_naming_again_what_an_earlier_item_named_goes_whole() -> None:
    state = _situation(request="What's a good book for a long train ride?", facts=[],
                       past_facts=[], history=[])
    draft = ("Try these:\n1. \"Dune\" by Frank Herbert - a desert planet and its politics.\n"
             "2. \"Dune\" by Frank Herbert - one of my favourites, translated widely.\n"
             "3. \"Emma\" by Jane Austen - a comedy of matchmaking.")
    text, trace = _refined(draft, state)
    assert "favourites" not in text and text.count("Dune") == 1 and "Emma" in text
    assert "repetition" in _kinds(trace)
    assert "2. \"Emma\" by Jane Austen" in text  # numbered again once the repeat went
    # Items that share only a short label ("Tip:") are different items.
    tips = "Tips:\n- Tip: pack water.\n- Tip: bring a book.\n- Tip: charge your phone."
    assert _refined(tips, state)[0] == tips
    steps = "Plan:\n1. Go to the store: buy milk.\n2. Go to the store: return the jar."
    assert _refined(steps, state)[0] == steps  # two steps, not one item said again


def test_a_day_of_the_plan_is_not_a_wrong_number_for_the_plan_s_length() -> None:
    state = _situation(request="Give me a 3-day plan to start running.", facts=[],
                       past_facts=[], history=[])
    draft = ("Here's your 3-day plan:\n1. **Day 1:** walk and jog for 20 minutes.\n"
             "2. **Day 2:** rest.\n3. **Day 3:** jog for 25 minutes.")
    text, trace = _refined(draft, state)
    assert text == draft and "wrong_number" not in _kinds(trace)


def test_an_ask_joined_by_and_tell_me_is_a_part_of_its_own() -> None:
    from agents.refiners.coherence import request_parts

    asked = "Give me a 3-day plan to start running, and tell me what shoes to buy."
    assert request_parts(asked) == ["Give me a 3-day plan to start running",
                                    "tell me what shoes to buy."]
    state = _situation(request=asked, facts=[], past_facts=[], history=[])
    trace = _refined("Day 1: walk. Day 2: rest. Day 3: jog for twenty minutes.", state)[1]
    assert "unanswered_part" in _kinds(trace)


def test_a_however_left_at_the_start_by_a_removed_apology_goes_with_it() -> None:
    state = _situation(request="What's a good book for a long train ride?")
    text, trace = _refined("I'm sorry for the misunderstanding, but as an assistant I have no "
                           "books. However, you can borrow one from a library. Try Dune.", state)
    assert text == "You can borrow one from a library. Try Dune."
    assert _kinds(trace) == ["stray_apology"]
    instead = "I'm sorry for the confusion. Instead of a novel, try a short story collection."
    assert _refined(instead, state)[0] == "Instead of a novel, try a short story collection."


def test_a_sentence_limit_keeps_a_list_s_items_and_lets_courtesy_go_first() -> None:
    state = _situation(request="Can you recommend a podcast for my commute?", facts=[],
                       past_facts=[], history=[],
                       instructions=["Always answer in at most three sentences."])
    draft = ("Absolutely, I'd be happy to recommend a podcast.\nHere are a few:\n\n"
             "1. \"The Daily Meal\" - a food podcast. It has new recipes weekly.\n\n"
             "2. \"Cabin Life\" - a podcast on living well. It explores habits.")
    text = _refined(draft, state)[0]
    assert text.startswith("Here are a few:")
    assert "The Daily Meal" in text and "Cabin Life" in text
    assert "happy to" not in text and "recipes weekly" not in text
    # Plain prose keeps its first sentences; a lead-in with no item after it does not stay.
    prose = "It rains. Take a coat. Boots help. Tea after."
    assert _refined(prose, state)[0] == "It rains. Take a coat. Boots help."
    lead = "Sure! It depends on the route. Walking is best. Here is why:\n- it is cheap"
    assert _refined(lead, _situation(request="How should I commute?", facts=[], past_facts=[],
                                     history=[], instructions=["Answer in at most two "
                                                               "sentences."]))[0] == \
        "It depends on the route. Walking is best."


def test_a_reply_that_opens_by_turning_from_nothing_starts_afresh() -> None:
    """"Recommend me a good book." got "However, if you're looking for something fun and
    relaxing to read, I'd suggest ..."."""
    book = _situation(request="Recommend me a good book.", facts=[], past_facts=[], history=[])
    text, trace = _refined("However, if you're looking for something light, try Dune.", book)
    assert text == "If you're looking for something light, try Dune."
    assert _kinds(trace) == ["stray_turn"]
    # A turn from what the person said stays.
    said = "However, a cup or two a day is fine for most people."
    assert _refined(said, _situation(request="I think coffee is bad for you.", facts=[],
                                     past_facts=[], history=[]))[0] == said


def test_a_reply_that_takes_the_person_s_own_name_loses_that_sentence() -> None:
    state = _situation(request="Hi, I work nights as a nurse.", facts=["name: Priya"],
                       past_facts=[], history=[])
    text, trace = _refined("Nice to meet you. I'm Priya here at the hospital. Night shifts are "
                           "hard on sleep.", state)
    assert text == "Nice to meet you. Night shifts are hard on sleep."
    assert _kinds(trace) == ["human_claim"]
    # Said to the person, their name is fine; a story in their voice is theirs to ask for.
    kept = "Nice to meet you, Priya. Night shifts are hard on sleep."
    assert _refined(kept, state)[0] == kept
    voice = _situation(request="Write a short intro about me for the ward newsletter.",
                       facts=["name: Priya"], past_facts=[], history=[])
    intro = "I'm Priya, a night nurse on ward 5."
    assert _refined(intro, voice)[0] == intro


def test_what_the_person_hates_is_not_suggested_and_no_bare_item_number_is_left() -> None:
    """"I'm vegetarian and I hate mushrooms. What should I cook tonight?" got three mushroom
    dishes; an item whose words were removed left "4." alone."""
    hates = _situation(request="I'm vegetarian and I hate mushrooms. What should I cook "
                               "tonight?", facts=[], past_facts=[], history=[])
    draft = ("Here are some ideas:\n1. Shredded mushrooms with a side salad.\n2. A chickpea "
             "curry with rice.\n3. A grilled shiitake mushroom curry.\n4. A tomato pasta.")
    text, trace = _refined(draft, hates)
    assert text == "Here are some ideas:\n1. A chickpea curry with rice.\n2. A tomato pasta."
    assert _kinds(trace) == ["preference_violation"]
    kept = _situation(request="What should I cook?", facts=["dislikes: olives and capers"],
                      past_facts=[], history=[])
    assert _refined("A lentil soup, without olives.", kept)[0] == "A lentil soup, without olives."
    assert "capers" not in _refined("Try a puttanesca with capers. Or a lentil soup.", kept)[0]
    # Nothing left but the lead-in: ideas of their diet without it, said so.
    only = ("You can have a variety of options for your meal tonight:\n1. Shredded mushrooms "
            "with a side salad.\n2. A grilled shiitake mushroom curry.")
    text = _refined(only, replace(hates, preferences={"diet": "vegetarian"}))[0]
    assert text.startswith("I left out what I first had in mind because you don't like "
                           "mushrooms. A few ideas without mushrooms:")
    assert text.count("mushroom") == 2 and "tonight:" not in text
    # What is left of a reply that was mostly about them is no answer either.
    mostly = ("Mushrooms are great in a salad. Shiitake mushrooms grill well. Mushroom soup is "
              "quick. You can have a sandwich with them.")
    assert _refined(mostly, hates)[0].startswith("I left out what I first had in mind")
    # A dislike outside food drops nothing: the answer may need it.
    mornings = _situation(request="When should I take my antibiotics?",
                          facts=["dislikes: mornings"], past_facts=[], history=[])
    dose = "Take one in the morning and one in the evening, with food."
    assert _refined(dose, mornings)[0] == dose
    left = _situation(request="Ideas for dinner?", facts=[], past_facts=[], history=[])
    draft = ("Ideas:\n1. Rice.\n2. Beans.\n3. Another option would be a risotto like you "
             "mentioned before.")
    assert _refined(draft, left)[0] == "Ideas:\n1. Rice.\n2. Beans."


def test_a_job_made_up_for_the_person_loses_its_sentence() -> None:
    """To "I feel so down all the time, how do I cope?" the model ended: "You are a health and
    wellness professional, and I'm here to help in any way I can."."""
    low = _situation(request="I feel so down all the time, how do I cope?", facts=[],
                     past_facts=[], history=[])
    text, trace = _refined("Take small steps. Talk to a friend.\n\nYou are a health and "
                           "wellness professional, and I'm here to help.", low)
    assert text == "Take small steps. Talk to a friend."
    assert _kinds(trace) == ["wrong_fact"]
    # Said by the person, now or before, it is theirs.
    nurse = _situation(request="I'm a nurse on nights, how do I sleep in the day?", facts=[],
                       past_facts=[], history=[])
    kept = "You are a hard-working nurse, so rest matters. Try blackout blinds."
    assert _refined(kept, nurse)[0] == kept


def test_arithmetic_the_reply_gets_wrong_is_put_right_and_ranges_are_not_sums() -> None:
    state = _situation(request="What's 15% of 80?", facts=[], past_facts=[], history=[])
    text, trace = _refined("15% of 80 is 4. In short, 12 x 3 = 30.", state)
    assert text == "15% of 80 is 12. In short, 12 x 3 = 36."
    assert _kinds(trace) == ["wrong_number", "wrong_number"]
    # A range: "20-35 degrees Celsius (68-1°F)" for a baby's room.
    room = _situation(request="What temperature should a baby's room be?", facts=[],
                      past_facts=[], history=[])
    text, trace = _refined("Around 20-35 degrees Celsius (68-1°F).", room)
    assert text == "Around 20-35 degrees Celsius (about 70-95°F)."
    assert _kinds(trace) == ["wrong_number"]
    kept = "Keep it at 16-20°C (61-68°F)."
    assert _refined(kept, room)[0] == kept
    kept = ("From 2020-2021 = 2 seasons, 10/3 = 3.33 and 7 - 2 = 5; call 555-1234 is free; "
            "20% of 50 would be 10.")
    assert _refined(kept, state)[0] == kept


def test_a_letters_sign_off_nobody_asked_for_goes() -> None:
    """Advice about money ended "I hope this is helpful for your needs!\nBest regards,\n
    Eleanor"."""
    money = _situation(request="My girlfriend and I keep fighting about money. Any advice?",
                       history=[])
    text, trace = _refined("Set a budget together. I hope this is helpful!\nBest regards,\n"
                           "Eleanor", money)
    assert text == "Set a budget together. I hope this is helpful!"
    assert _kinds(trace) == ["sign_off"]
    # An email asked for keeps its sign-off.
    email = _situation(request="Write a short email to my landlord about the boiler.",
                       history=[])
    said = "Dear Mr Shaw,\nThe boiler is broken again.\nKind regards,\nAna"
    assert _refined(said, email)[0] == said


def test_condolences_for_a_loss_nobody_spoke_of_go() -> None:
    """The small model met "I've been feeling really low lately and I can't sleep" with "I'm
    sorry for your loss."."""
    low = _situation(request="I've been feeling really low lately and I can't sleep. Any "
                             "advice?", history=[])
    text, trace = _refined("I'm sorry for your loss. I'd be happy to help you sleep better.",
                           low)
    assert text == "I'd be happy to help you sleep better."
    assert _kinds(trace) == ["stray_condolence"]
    # Owed when the person spoke of a loss, now or earlier in the conversation.
    said = "I'm so sorry for your loss. Grief often breaks sleep."
    assert _refined(said, _situation(request="My dad passed away in May. I can't sleep.",
                                     history=[]))[0] == said
    earlier = _situation(request="I still can't sleep.",
                         history=[{"role": "user", "text": "We lost our baby in spring."}])
    assert _refined(said, earlier)[0] == said
    # A lost job is no death: "I'm sorry for your loss" to it goes too.
    job = _situation(request="I lost my job and I'm behind on rent, what should I do?",
                     history=[])
    assert _refined("I'm sorry for your loss, but I can only offer general advice. Call your "
                    "landlord today.", job)[0] == "Call your landlord today."
    note = _situation(request="Write a short note to my landlord saying the boiler is broken.",
                      history=[])
    assert _refined("- I'm sorry for your loss, but here is a note.\n- Dear Sam, the boiler is "
                    "broken.", note)[0] == "- Dear Sam, the boiler is broken."
    dog = _situation(request="We lost our old dog last week.", history=[])
    assert _refined(said, dog)[0] == said


def test_a_cut_off_end_that_begins_an_earlier_sentence_takes_nothing_else() -> None:
    """The token cap cut a loop at "... running a 10": the cut-off check and the
    self-contradiction check both found it, and the second removal took the start of the
    first, finished sentence, leaving "k on Sunday, it's ..."."""
    race = _situation(request="I'm running my first 10k on Sunday and I have asthma.",
                      history=[], hit_cap=True)
    cut = ("I'll just have to be more specific about what you're going through, but in the "
           "context of running a 10")
    help_ = ("However, if you'd like me to provide some advice based on my experience with "
             "asthma and diabetes management, I'm here to help!")
    whole = (f"I'm sorry for your health. {cut}k on Sunday, it's not something that can "
             f"really change your life overnight. {help_}")
    text, trace = _refined(f"{whole} {help_} {cut}", race)
    assert text == whole
    assert {"cut_off", "self_contradiction"} <= set(_kinds(trace))


def test_the_model_grading_its_own_reply_is_cut() -> None:
    """"What should I eat the night before the race?" got "... This is not an appropriate
    response because it does not provide any information about what to eat"."""
    race = _situation(request="What should I eat the night before the race?", history=[])
    text, trace = _refined("The night before the race, eat something light like pasta. This "
                           "is not an appropriate response because it does not provide any "
                           "information about what to eat.", race)
    assert text == "The night before the race, eat something light like pasta."
    assert _kinds(trace) == ["self_grading"]
    # Kept when the person asks about a reply, or when the sentence is about something else.
    boss = _situation(request="Is this a good reply to my boss: 'Fine, whatever.'?",
                      history=[])
    said = "This is not a polite reply to a manager. Try 'Thanks, I'll do it today.'"
    assert _refined(said, boss)[0] == said
    plain = "That is not spicy at all. The answer is 42."
    assert _refined(plain, race)[0] == plain


def test_an_apology_for_a_confusion_nobody_mentioned_goes() -> None:
    plan = _situation(request="This deadline is killing me, can you help me plan my week?")
    text, trace = _refined("I'm sorry for the confusion. I'd be happy to help you plan your "
                           "week! Start with the deadline itself.", plan)
    assert text == "I'd be happy to help you plan your week! Start with the deadline itself."
    assert _kinds(trace) == ["stray_apology"]
    owed = _situation(request="No, that's wrong, I asked for noodles.")
    said = "I'm sorry for the confusion. Here are two noodle dishes: pad thai and ramen."
    assert _refined(said, owed)[0] == said
    loss = "I'm so sorry for your loss. Losing a dog hurts."
    assert _refined(loss, _situation(request="My dog died last night."))[0] == loss
    noodles = _situation(request="What about something with noodles?")
    text, trace = _refined("You're right, a ramen with tofu is quick.", noodles)
    assert text == "A ramen with tofu is quick." and _kinds(trace) == ["stray_agreement"]
    claimed = _situation(request="Pasta cooks faster than rice, right?")
    agreed = "You're right, it takes about ten minutes."
    assert _refined(agreed, claimed)[0] == agreed
    # Further on in the reply too: to a vegetarian asking what to cook with chickpeas.
    chickpeas = _situation(request="What can I cook tonight with chickpeas?")
    assert _refined("Try these:\n- Roast chickpeas\n- Hummus\n\nI'm sorry for any confusion "
                    "you may have caused by asking about vegan dishes. Both keep for days.",
                    chickpeas)[0] == ("Try these:\n- Roast chickpeas\n- Hummus\n\nBoth keep "
                                      "for days.")
    said_later = "Here are two noodle dishes: pad thai and ramen. Sorry for the confusion."
    assert _refined(said_later, owed)[0] == said_later


def test_a_recipe_s_conversion_far_off_is_put_right() -> None:
    state = _situation(request="Give me a recipe for lentil soup.", facts=[], past_facts=[],
                       history=[])
    text, trace = _refined("- 2 oz (50g) butter\n- 1 lb (50g) of lentils\n- 2 cups (80ml) of "
                           "broth\nSimmer for 30 minutes.", state)
    assert text == ("- 2 oz (50g) butter\n- 1 lb (about 450g) of lentils\n- 2 cups (about "
                    "470ml) of broth\nSimmer for 30 minutes.")
    assert _kinds(trace) == ["wrong_number", "wrong_number"]


def test_a_diet_pet_or_best_friend_the_reply_claims_as_its_own_goes() -> None:
    """To "I'm vegetarian, and please keep your answers short." the bundled model said "I'm a
    vegetarian, and I love to cook. My favorite dishes are vegan ones ..."; to "Did I tell you I
    have a cat?", "Luna is one of my favorite pets ... Luna is my best friend"."""
    short = _situation(request="I'm vegetarian, and please keep your answers short.")
    text, trace = _refined("Noted. I'm a vegetarian, and I love to cook. My favorite dishes are "
                           "vegan ones like tofu. Lentils make a quick dinner.", short)
    assert text == "Noted. Lentils make a quick dinner."
    assert set(_kinds(trace)) == {"human_claim"}
    cat = _situation(request="Any tips for a cat that scratches the sofa?")
    text = _refined("Luna is one of my favorite pets. Luna is my best friend. Give her a "
                    "scratching post by the sofa.", cat)[0]
    assert text == "Give her a scratching post by the sofa."
    # The request said back as Tacit's own ("Give me a pancake recipe with amounts in cups."):
    pancakes = _situation(request="Give me a pancake recipe with amounts in cups.")
    assert _refined("Mix 1 cup of flour with 1 cup of milk. I am looking for a recipe with "
                    "amounts in cups. I would like you to provide me with one.", pancakes)[0] \
        == "Mix 1 cup of flour with 1 cup of milk."
    # A business of its own, to someone who told of theirs.
    omar = _situation(request="My name is Omar. I run an import business in Manchester.")
    assert _refined("Nice to meet you. I run a small-business in Manchester with a family of "
                    "lawyers. How can I help?", omar)[0] == "Nice to meet you. How can I help?"
    # A place of its own: "You can find me on a map of Manchester in ... stadium".
    trip = _situation(request="I live in Manchester. What's a good day trip from here?")
    assert _refined("You can find me on a map of Manchester. Try the Peak District.",
                    trip)[0] == "Try the Peak District."
    # An allergy of its own, to a person with one: "... chocolate cake that I'm allergic to."
    dessert = _situation(request="What about a dessert?")
    assert _refined("Try mango sticky rice. It's a chocolate cake that I'm allergic to.",
                    dessert)[0] == "Try mango sticky rice."
    # The person's own, said to them, stays; so does a vegetarian dish, and their own words.
    kept = "Your cat may like a scratching post. A vegetarian chilli is quick."
    assert _refined(kept, cat)[0] == kept
    feed = _situation(request="What should I feed my cat?")
    echoed = "You asked: What should I feed my cat? Wet food twice a day suits most cats."
    assert _refined(echoed, feed)[0] == echoed
    # All of it a life of its own, and the repair no better: never shown as it is.
    from agents.refiners.planner import COULD_NOT_ANSWER, THANKS_FOR_TELLING

    mirror = "I'm a vegetarian, and I love to cook. My favorite dishes are vegan ones like tofu."
    for state, shown in ((short, THANKS_FOR_TELLING),
                         (_situation(request="What should I cook tonight?"), COULD_NOT_ANSWER)):
        same = FakeModel()
        same.enqueue(mirror)  # the repair says it again
        assert _refined(mirror, state, same)[0] == shown


def test_a_life_the_reply_claims_for_itself_goes_unless_the_person_asked_for_one() -> None:
    noodles = _situation(request="What about something with noodles?")
    text, trace = _refined("I'm actually a pasta chef from Spain. My name is Alessia. Try a "
                           "tofu stir-fry with rice noodles (I made it myself) and greens.",
                           noodles)
    assert text == "Try a tofu stir-fry with rice noodles and greens."
    assert set(_kinds(trace)) == {"human_claim"}
    bio = _situation(request="Write a short bio for me: I'm a nurse called Ana.")
    said = "My name is Ana and I'm a nurse in Porto."
    assert _refined(said, bio)[0] == said
    careful = "I'm not a doctor, but a regular bedtime helps."
    assert _refined(careful, _situation(request="Any tips for sleep?"))[0] == careful
    # To a night nurse asking about breakfast: a career and a favourite meal of its own.
    breakfast = _situation(request="What's a good breakfast after a night shift?")
    text = _refined("Porridge is light. You know, I've been working in the hospital for 10 years "
                    "now. My favorite meal of all time has always been porridge. Add berries.",
                    breakfast)[0]
    assert text == "Porridge is light. Add berries."
    games = _situation(request="I like board games and hiking.")
    assert _refined("Lovely. I've always enjoyed playing board games with my friends. A club "
                    "meets on Tuesdays.", games)[0] == "Lovely. A club meets on Tuesdays."
    meet = _situation(request="Any ideas how to meet people?")
    assert _refined("Be yourself. This is something I've been doing in my life for a long time "
                    "now. Join a club.", meet)[0] == "Be yourself. Join a club."
    plan = "I've been working on a plan for you: porridge, then sleep."
    assert _refined(plan, breakfast)[0] == plan
    # To a nurse in Bristol: a team, a city and a stay in hospital of its own.
    shifts = _situation(request="What's a good way to sleep during the day after a night shift?")
    text = _refined("Tom, welcome to the team. I'm glad you're enjoying your work here in "
                    "Bristol. I remember when I was in hospital, we slept in shifts. Use "
                    "blackout blinds.", shifts)[0]
    assert text == "Use blackout blinds."
    city = "Bristol is a lovely city. Welcome to the world of night shifts!"
    assert _refined(city, shifts)[0] == city
    # To a maths teacher: a classroom and pupils of its own.
    teacher = _situation(request="Hi! I'm Priya, I teach maths at a secondary school in Leeds.")
    assert _refined("Hello Priya, welcome to my classroom! What brings you here today?",
                    teacher)[0] == "What brings you here today?"
    fractions = _situation(request="How do I explain fractions to a 12 year old?")
    assert _refined("Try a number line. Many students find it helps. My students love pizza "
                    "fractions.", fractions)[0] == "Try a number line. Many students find it helps."


def test_a_first_conversation_has_no_meeting_again_and_no_life_of_its_own() -> None:
    """To "I'm Sam, 34, I work in IT support and I'm trying to lose weight.", the first message
    of a first conversation: "It's great to meet you again after a while."; to "hi": "welcome
    to my little corner of the world"; to "I feel like such a failure lately": "I've been going
    through a bit of a tough time lately"."""
    sam = _situation(request="I'm Sam, 34, I work in IT support and I'm trying to lose weight.",
                     facts=[], past_facts=[], history=[])
    text = _refined("Hey Sam, I hope you're doing well! It's great to meet you again after a "
                    "while. What would you like to start with?", sam)[0]
    assert text == "Hey Sam, I hope you're doing well! What would you like to start with?"
    # With an earlier conversation behind it, meeting again is no invention.
    back = _situation(request="Hi, it's Sam.", facts=["name: Sam"], past_facts=[], history=[])
    again = "Great to see you again, Sam! What's on your mind?"
    assert _refined(again, back)[0] == again
    hello = _situation(request="hi", facts=[], past_facts=[], history=[])
    assert _refined("Hello there, welcome to my little corner of the world. What brings you "
                    "in today?", hello)[0] == "What brings you in today?"
    low = _situation(request="I feel like such a failure lately", facts=[], past_facts=[],
                     history=[])
    assert _refined("I've been going through a tough time lately too. Be kind to yourself. "
                    "Talk to a friend.", low)[0] == "Be kind to yourself. Talk to a friend."
    # Years of a diet of its own: "I have been following this diet for years now".
    plan = _situation(request="Give me a 3 day meal plan, I don't eat pork.", facts=[],
                      past_facts=[], history=[])
    assert _refined("Here is a plan. I have been following this diet for years now. Day 1: "
                    "rice with beans.", plan)[0] == "Here is a plan. Day 1: rice with beans."
    others = "Many people have been doing this for years. Start slowly."
    assert _refined(others, plan)[0] == others
    # "I've been doing this job for 20 years now", to "Should I take him to the vet?".
    vet = _situation(request="Should I take him to the vet?", facts=[], past_facts=[],
                     history=[])
    assert _refined("Yes, a limp that lasts a day needs a vet. You know, I've been doing this "
                    "job for 20 years now.", vet)[0] == "Yes, a limp that lasts a day needs a vet."


def test_gladness_at_a_good_state_nobody_told_goes_when_a_trouble_was_told() -> None:
    low = _situation(request="I feel like such a failure lately", facts=[], past_facts=[],
                     history=[])
    assert _refined("I'm glad you're happy and that your life is worth living. Small steps "
                    "count. Be kind to yourself.", low)[0] == ("Small steps count. Be kind to "
                                                               "yourself.")
    good = _situation(request="I finally got the job!", facts=[], past_facts=[], history=[])
    kept = "I'm glad you're happy with it. Well done!"
    assert _refined(kept, good)[0] == kept


def test_an_opening_said_at_the_start_of_an_earlier_reply_goes() -> None:
    """The calories answer and then the meal plan both opened "I'm glad you're interested in
    learning about the science of food and nutrition."."""
    opener = "I'm glad you're interested in learning about the science of food and nutrition."
    plan = _situation(request="Give me a 3 day meal plan, I don't eat pork.", facts=[],
                      past_facts=[], history=[
                          {"role": "user", "text": "How many calories should I eat a day?"},
                          {"role": "assistant", "text": f"{opener} Most adults need about "
                                                        "2,000 a day."}])
    text = _refined(f"{opener} Here's a 3-day plan:\n1. Breakfast: oats with berries", plan)[0]
    assert text == "Here's a 3-day plan:\n1. Breakfast: oats with berries"
    # Not at the start before, or alone now: kept.
    fresh = _situation(request="Give me a 3 day meal plan.", facts=[], past_facts=[], history=[
        {"role": "assistant", "text": f"Most adults need about 2,000 a day. {opener}"}])
    said = f"{opener} Here's a 3-day plan:\n1. Breakfast: oats with berries"
    assert _refined(said, fresh)[0] == said


def test_numbered_headings_with_nothing_under_them_go() -> None:
    """"Give me a packing list for a weekend camping trip" got "1. Packing list:", "2.
    Clothing:" and "3. Waterproof jacket:" with nothing under any of them."""
    camping = _situation(request="Give me a packing list for a weekend camping trip")
    text = _refined("1. Packing list:\n\n2. Clothing:\n\n3. Waterproof jacket:\n\n4. Washing "
                    "kit:\n- biodegradable soap\n- toilet paper", camping)[0]
    assert text == "1. Washing kit:\n- biodegradable soap\n- toilet paper"
    kept = "1. Tent:\n- a two-person tent\n2. Food:\n- pasta and sauce"
    assert _refined(kept, camping)[0] == kept
    # Nothing but headings: left for the model to write again, not cut to a lead-in.
    bread = _situation(request="How do I bake bread?")
    assert "2. Bake:" in _refined("Here's how:\n1. Mix:\n2. Bake:", bread)[0]


def test_a_reply_of_empty_list_markers_alone_is_written_again() -> None:
    model = FakeModel()
    model.enqueue("Talk soon, take care!")
    text, trace = _refined("2.\n3.\n4.\n5.\n\n1.\n2.\n3.", _situation(
        request="thanks, talk soon!"), model)
    assert text == "Talk soon, take care!"
    assert trace["model_calls"] == 1


def test_a_made_up_helpline_number_goes_and_a_known_one_stays() -> None:
    """"what else can I try?" after a headache got "A phone call to a crisis line, such as
    1023. This is the number of a mental health emergency hotline in your country"."""
    state = _situation(request="what else can I try?", facts=[], past_facts=[], history=[])
    text, trace = _refined("You can try a cold flannel on your forehead. A phone call to a "
                           "crisis line, such as 1023, can help too.", state)
    assert text == "You can try a cold flannel on your forehead."
    assert "invented_number" in _kinds(trace)
    for kept in ("If it gets worse, call 999 or 111.",          # Tacit's own resources
                 "Take 400 mg every 8 hours, at most 3 times a day.",  # amounts, no helpline
                 "Call the surgery when it opens at 8 am."):
        assert _refined(kept, state)[0] == kept, kept
    given = _situation(request="my GP's line is 0161 555 0199, should I call it?", facts=[],
                       past_facts=[], history=[])
    assert "0161 555 0199" in _refined("Yes, call 0161 555 0199 this morning.", given)[0]


def test_a_list_started_after_a_colon_and_never_written_goes() -> None:
    """"she also hates anything green" got "... Here are some tips that might help: 2.)", and
    "no fish please" got "Here's another way to save money: 2.) You could buy something
    else"."""
    state = _situation(request="she also hates anything green", facts=[], past_facts=[],
                       history=[])
    text, _ = _refined("That's very common. It can be hard to deal with. Here are some tips "
                       "that might help: 2.)", state)
    assert text == "That's very common. It can be hard to deal with."
    text, _ = _refined("Here's another way to save money: 2.) You could buy frozen peas.", state)
    assert text == "Here's another way to save money: You could buy frozen peas."
    inline = "Steps: 1. Mix the flour. 2. Bake it."  # a list written on one line stays
    assert _refined(inline, state)[0] == inline
    timed = "Leave at 2:30. Pack water."  # a time is no list marker
    assert _refined(timed, state)[0] == timed


def test_a_made_up_web_address_goes_and_a_given_one_stays() -> None:
    state = _situation(request="Can you suggest a snack?")
    text, trace = _refined("Try apple slices with cheese. More ideas here: "
                           "[https://www.snackhub-ideas.com/quick].", state)
    assert text == "Try apple slices with cheese."
    assert "invented_link" in _kinds(trace)
    linked, _ = _refined("Try hummus. See [this guide](https://snackhub-ideas.com/h) for more.",
                         state)
    assert linked == "Try hummus. See this guide for more."
    given = _situation(request="Is https://docs.python.org/3/ the right place for the docs?")
    kept = "Yes, https://docs.python.org/3/ is the official documentation."
    assert _refined(kept, given)[0] == kept
    helpline = "A list of lines is at findahelpline.com, free and confidential."
    assert _refined(helpline, state)[0] == helpline


def test_british_english_asked_for_is_held_to() -> None:
    """"Please always answer in British English." then "How do I fix a leaky tap?" got "Open
    your faucet ..."."""
    state = _situation(request="How do I fix a leaky tap?", facts=[], past_facts=[], history=[],
                       instructions=["Please always answer in British English."])
    text, trace = _refined("Shut the valve under the faucet. A worn washer is my favorite "
                           "suspect; check its color. Faucets drip when it wears.", state)
    assert text == ("Shut the valve under the tap. A worn washer is my favourite suspect; check "
                    "its colour. Taps drip when it wears.")
    assert set(_kinds(trace)) == {"instruction_violation"}
    plain = replace(state, instructions=[])
    said = "Shut the valve under the faucet."
    assert _refined(said, plain)[0] == said  # nobody asked


def test_standing_instructions_a_rule_can_check_are_honoured() -> None:
    state = _situation(instructions=["Never use emojis.", "Use 24-hour times.",
                                     "Always end with a line starting with 'In short:'."])
    text, _ = _refined("The party starts at 3pm 🎉. Bring a gift.", state)
    assert "🎉" not in text and "15:00" in text and "In short:" in text


def test_a_preference_brought_up_where_it_does_not_bear_is_removed() -> None:
    state = _situation(request="How do I renew my passport?",
                       preferences={"diet": "vegetarian"})
    text, trace = _refined("Fill in the form online. As you're vegetarian, this is easy. "
                           "Send two photos.", state)
    assert text == "Fill in the form online. Send two photos."
    assert "over_personalization" in _kinds(trace)
    food = _situation(request="What should I cook tonight?", preferences={"diet": "vegetarian"})
    kept = "As you're vegetarian, try a lentil curry. It takes 30 minutes."
    assert _refined(kept, food)[0] == kept


def test_what_the_person_wants_first_is_asked_for_alone_and_put_first() -> None:
    """"Whenever I ask for a recipe, list the prep time first" was kept as a rule, and the
    tomato soup came with no prep time at all."""
    rule = "Whenever I ask for a recipe, list the prep time first."
    state = _situation(request="Can I have a recipe for a quick tomato soup?", facts=[],
                       past_facts=[], history=[], instructions=[rule])
    model = FakeModel(context_window=4096)
    model.enqueue("About 10 minutes.")
    soup = "Soften an onion, add a tin of tomatoes and stock, simmer, then blend."
    text, trace = _refined(soup, state, model)
    assert text == f"Prep time: About 10 minutes.\n\n{soup}"
    assert trace["repair"] == "lead" and trace["model_calls"] == 1
    # Chat in place of a figure is not put first.
    model.enqueue("I'm so glad you're interested in a recipe!")
    assert _refined(soup, state, model)[0] == soup
    # Given first already, nothing is asked.
    given = f"Prep time: 10 minutes.\n{soup}"
    assert _refined(given, state, FakeModel(context_window=4096))[0] == given
    # A summary wanted first is no figure: no model call is spent on it.
    summary = _situation(request="How do tides work?", facts=[], past_facts=[], history=[],
                         instructions=["Always start with a one-line summary."])
    assert _refined("The moon pulls the sea.", summary, model)[1]["model_calls"] == 0
    started = _situation(request="What does a new phone cost?", facts=[], past_facts=[],
                         history=[], instructions=["Always start with the total cost."])
    model.enqueue("Total cost: about 300 pounds.")
    assert _refined("Prices vary by brand.", started, model)[0].startswith("Total cost: about")


def test_a_whole_time_wanted_first_comes_from_the_reply_s_own_steps() -> None:
    """"Give me the total cooking time first" was kept as a rule, and the curry came without
    it: the model, shown the draft, answered "Awesome, I'm glad you enjoyed the recipe!"."""
    rule = "Whenever I ask for a recipe, give me the total cooking time first."
    state = _situation(request="Can you give me a recipe for a quick vegetable curry?",
                       facts=[], past_facts=[], history=[], instructions=[rule])
    curry = ("Here's a quick curry:\n1. Fry the onion for 5 minutes.\n2. Add the spices and "
             "cook 2 minutes.\n3. Simmer for 20-25 minutes.")
    text, trace = _refined(curry, state, FakeModel(context_window=4096))
    assert text.startswith("Total cooking time: about 27 to 32 minutes (the steps' times "
                           "added up)\n\nHere's a quick curry:")
    assert trace["model_calls"] == 0
    # A whole time the reply states further down is the one put first.
    stated = "Here's a quick curry.\nFry the onion for 5 minutes. It's ready in 30 minutes."
    assert _refined(stated, state, FakeModel(context_window=4096))[0].startswith(
        "Total cooking time: 30 minutes\n\n")
    # A step's own time is no whole time: "It takes 5 minutes to chop the onions."
    step = "Here's a quick curry.\nIt takes 5 minutes to chop the onions. Simmer 20 minutes."
    assert _refined(step, state, FakeModel(context_window=4096))[0].startswith(
        "Total cooking time: about 25 minutes (the steps' times added up)\n\n")
    # With no time in it, the model is asked; a sentence that gives the figure gives the line.
    model = FakeModel(context_window=4096)
    model.enqueue("The cooking time for a quick vegetable curry is around 2 hours and 15 "
                  "minutes.")
    text, trace = _refined("Here's a quick curry: onion, spices, tomatoes.", state, model)
    assert text.startswith("Total cooking time: around 2 hours and 15 minutes.\n\n")
    assert trace["repair"] == "lead"
    # The call reads the request, not the draft.
    assert "onion, spices" not in model.history[0][-1]["content"]
    # Prep time is only some of the steps: never added up.
    prep = _situation(request="Can you give me a recipe for a quick vegetable curry?",
                      facts=[], past_facts=[], history=[],
                      instructions=["Always list the prep time first."])
    assert _refined(curry, prep, None)[0] == curry


def test_an_unanswered_part_gets_one_model_addition() -> None:
    model = FakeModel(context_window=4096)
    model.enqueue("Yes, see a vet if the scratching lasts more than a week.")
    state = _situation(request="My dog keeps scratching. What could it be, and should I see a "
                               "vet?", facts=[], past_facts=[], history=[])
    text, trace = _refined("Scratching often comes from fleas or dry skin.", state, model)
    assert text.endswith("Yes, see a vet if the scratching lasts more than a week.")
    assert trace["repair"] == "add" and trace["model_calls"] == 1
    assert len(model.history) == 1
    # The call asks the part left out, with the scene the request set, not the whole request.
    asked = model.history[0][-1]["content"]
    assert asked.startswith("My dog keeps scratching. Should I see a vet?")
    assert "What could it be" not in asked


PORTUGUESE_NOTE = "\n\n(I couldn't write all of this in Portuguese just now.)"


def test_a_reply_in_the_wrong_language_is_translated_within_the_budget() -> None:
    model = FakeModel(context_window=4096)
    model.enqueue("Faça uma lista antes de sair e compre só o que está na lista.")
    state = Situation(request="Como posso poupar dinheiro nas compras da semana?")
    english = "Make a list before you go and buy only what is on it. Store brands are cheaper."
    text, trace = _refined(english, state, model)
    assert text.startswith("Faça uma lista") and trace["repair"] == "translate"
    assert model.history[0][-1]["content"].startswith("Translate into Portuguese:")
    # With no budget left, nothing is sent to a model and the problem stays on record.
    silent = FakeModel(context_window=4096)
    same, trace = _refined(english, state, silent, budget=0)
    assert same == english + PORTUGUESE_NOTE and not silent.history
    assert [f["kind"] for f in trace["unresolved"]] == ["wrong_language"]


def test_a_reply_left_in_another_language_than_the_one_wanted_is_not_passed_off() -> None:
    portuguese = ("Aveiro é uma cidade bonita, com canais e barcos. A comida é muito boa e o "
                  "peixe é fresco todos os dias.")
    state = Situation(request="I live in Porto and I am allergic to peanuts.")
    model = FakeModel(context_window=4096)
    model.enqueue(portuguese)  # the translation comes back in Portuguese again
    text, trace = _refined(portuguese, state, model)
    assert text == NOT_IN_ENGLISH
    assert [f["kind"] for f in trace["unresolved"]] == ["wrong_language"]
    # Another wanted language keeps the reply as the model left it, and says it is not in
    # that language: "Always answer in French" then got English without a word.
    spanish = Situation(request="¿Qué puedo cocinar esta noche con arroz y verduras?")
    english = "Make a vegetable fried rice. It takes twenty minutes and uses what you have."
    assert _refined(english, spanish, FakeModel(context_window=4096), budget=0)[0] == (
        f"{english}\n\n(I couldn't write all of this in Spanish just now.)")
    french = Situation(request="Name a good film for a rainy evening.",
                       instructions=["Always answer in French from now on."])
    text, trace = _refined(english, french, FakeModel(context_window=4096), budget=0)
    assert text.endswith("(I couldn't write all of this in French just now.)")
    assert any("still not in French" in c for c in trace["changes"])


def test_a_translation_that_loses_a_name_or_a_number_or_the_language_is_not_taken() -> None:
    state = Situation(request="Que posso fazer em Braga no sábado com a minha filha?")
    english = "In Braga, Bom Jesus is a lovely outing. It takes 2 hours on foot from the centre."
    for said in ("Em Braga, o parque é um bom passeio. Demora duas horas a pé desde o centro.",
                 "Em Braga, o Bom Jesus é um bom passeio. Demora 3 horas a pé desde o centro.",
                 "In Braga, Bom Jesus is a lovely outing. It takes 2 hours on foot."):
        model = FakeModel(context_window=4096)
        model.enqueue(said)
        text, trace = _refined(english, state, model)
        assert text == english + PORTUGUESE_NOTE and trace["repair"] == "", said
    model = FakeModel(context_window=4096)
    model.enqueue("Em Braga, o Bom Jesus é um bom passeio. Demora 2 horas a pé desde o centro.")
    assert _refined(english, state, model)[0].startswith("Em Braga, o Bom Jesus")


def test_a_rewrite_that_comes_back_worse_is_dropped() -> None:
    model = FakeModel(context_window=4096)
    model.enqueue("ok")
    state = Situation(request="Como posso poupar dinheiro nas compras da semana?")
    english = "Make a list before you go and buy only what is on it. Store brands are cheaper."
    text, trace = _refined(english, state, model)
    assert text == english + PORTUGUESE_NOTE and trace["repair"] == ""


def test_the_plan_skips_what_a_draft_cannot_need() -> None:
    state = Situation(request="What is the capital of Canada?", draft="Ottawa.")
    chosen, skipped = plan(state)
    assert chosen == [] and {r.name for r in skipped} == set(REGISTRY)
    busy = _situation(draft="Your husband can drive. Your husband can drive.",
                      instructions=["Never use emojis."])
    order = [r.name for r in plan(busy)[0]]
    assert order == sorted(order, key=lambda n: next(r.stage for r in all_refiners()
                                                     if r.name == n))
    assert len(order) == 3


def test_safety_text_stays_on_top_whatever_refine_did() -> None:
    state: Any = {"safety": SafetyAssessment(crisis_kind="medical", required="Call 112 now.")}
    text, _ = _refined("Rest. Rest. Drink water and", ANA)
    assert with_required(state, text).startswith("Call 112 now.\n\nRest.")


@pytest.mark.parametrize("draft", ["Open the file. Read each row in a loop. Read each row in "
                                   "a loop again.", "Open the file. Read each row in a loop."])
def test_what_the_person_finally_sees_is_what_is_stored(
        tacit: Tacit, fake_model: FakeModel, draft: str) -> None:
    fake_model.enqueue(draft)
    session = tacit.new_session("ana").id
    events = list(tacit.send("ana", session, "How do I read a CSV file?", interactive=False))
    streamed = "".join(e.text for e in events if isinstance(e, Token))
    done = events[-1]
    assert isinstance(done, Done)
    stored = tacit.history("ana", session)[-1][1]
    assert done.reply == stored == "Open the file. Read each row in a loop."
    # The chat UI streamed the draft (cleaned of repeats as it streamed); the trace tells it
    # whether what it showed was revised, and so whether to mark a revision.
    assert streamed.startswith("Open the file.")
    assert done.trace["refine"]["revised"] is (streamed != done.reply)
    assert agents.refine.STREAMING_POLICY["http"] == "final-only"
    marker = agents.refine.revision_marker(done.trace)
    assert marker == ("" if streamed == done.reply else
                      "revised after checking (1 change: coherence)")


def test_tacit_ask_prints_the_checked_reply_not_the_draft(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import main

    monkeypatch.setenv("TACIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TACIT_CHAT__MODEL", "fake")  # replies "You said: <message>"
    monkeypatch.setenv("TACIT_USER", "ana")
    loop = "Hello. Pack water for the walk today. Pack water for the walk today."
    assert main(["ask", loop]) == 0
    assert capsys.readouterr().out.strip() == "You said: Hello. Pack water for the walk today."


def test_the_node_checks_the_draft_against_the_facts_store_and_its_history(
        tacit: Tacit, fake_model: FakeModel) -> None:
    from memory.facts import Candidate, record

    record(tacit.memory, "ana", Candidate("home city", "Lisbon", "I live in Lisbon"), [])
    record(tacit.memory, "ana", Candidate("home city", "Porto", "I moved to Porto"), [])
    fake_model.enqueue("The riverside walk near your home in Lisbon is lovely in spring.")
    done = tacit.ask("ana", "Any walks you would suggest this weekend?")
    assert "near your home in Porto" in done.reply and "Lisbon" not in done.reply
    found = done.trace["refine"]["findings"]["factuality"]
    assert [f["kind"] for f in found] == ["outdated_fact"]


def test_a_number_the_person_just_gave_is_never_changed_back_to_an_earlier_reply_s() -> None:
    from agents.refiners.coherence import contradictions

    situation = Situation(
        request="And how many eggs for 4 people?",
        history=[{"role": "user", "text": "How many eggs for a cake for 2 people?"},
                 {"role": "assistant", "text": "For a cake for 2 people, use 2 eggs."}])
    assert contradictions("For a cake for 4 people, use 4 eggs.", situation) == []
    again = Situation(request="hello from chat 2",
                      history=[{"role": "user", "text": "hello from chat 1"},
                               {"role": "assistant", "text": "You said: hello from chat 1"}])
    for name in ("coherence", "factuality"):
        found = create_refiner(name).review("You said: hello from chat 2", again, None)
        assert [f for f in found if f.kind in ("wrong_number", "contradicts_history")] == []


def test_a_repair_that_would_not_fit_the_model_s_context_is_not_asked() -> None:
    from assistant.models.fake import FakeModel

    model = FakeModel(context_window=256)
    calls = ModelCalls(model, budget=1)
    assert calls.complete([{"role": "user", "content": "word " * 400}], 32) is None
    assert model.history == [] and calls.left == 1  # nothing sent, nothing spent
    model.enqueue("Fine.")
    assert calls.complete([{"role": "user", "content": "Say fine."}], 32) == "Fine."


def test_a_formal_letter_is_spelled_out_and_greeted_formally_but_a_chat_answer_is_left() -> None:
    formal = _situation(request="Write an email to my landlord about the heating.",
                        history=[], preferences={"tone": "formal"})
    text, _ = _refined("Hey landlord,\n\nI'm writing because the heating hasn't worked since "
                       "Monday. It's cold.\n\nCheers,\nAda", formal)
    assert text.startswith("Dear landlord,")
    assert "I am writing" in text and "has not worked" in text and "It is cold" in text
    assert "Cheers" not in text and "Kind regards," in text
    chat = _situation(request="How long should I boil an egg?", history=[],
                      preferences={"tone": "formal"})
    draft = "It's about six minutes for a soft yolk; you'll want ten for a hard one."
    assert _refined(draft, chat)[0] == draft


def test_a_casual_message_loses_its_stiff_letter_phrases() -> None:
    casual = _situation(request="Write a message to my friend Jo about Sunday's barbecue.",
                        history=[], preferences={"tone": "casual"})
    text, _ = _refined("Dear Jo,\n\nI am writing to inform you that we are having a barbecue "
                       "on Sunday. Please do not hesitate to contact me with any questions."
                       "\n\nYours sincerely,\nAda", casual)
    assert text.startswith("Hi Jo,")
    assert "inform you" not in text and "hesitate" not in text and "sincerely" not in text
    assert "barbecue on Sunday" in text


def test_a_beginner_gets_a_gloss_for_a_term_nobody_explained_an_expert_no_basics() -> None:
    request = "How do I keep the packages of two Python projects apart?"
    beginner = _situation(request=request, history=[], preferences={"expertise": "beginner"})
    text, _ = _refined("Make a virtual environment for each project.", beginner)
    assert "virtual environment (a separate folder of packages for one project)" in text
    explained = "Make a virtual environment, which is a folder of packages, for each project."
    assert _refined(explained, beginner)[0] == explained
    expert = _situation(request=request, history=[], preferences={"expertise": "expert"})
    text, _ = _refined("Don't worry if this sounds complicated. Make a virtual environment "
                       "per project with python -m venv.", expert)
    assert text == "Make a virtual environment per project with python -m venv."


@pytest.mark.parametrize("preferences, aside", [
    ({"budget": "low"}, "Since you're on a tight budget, it is worth knowing."),
    ({"schedule": "morning"}, "As a morning person, you could read up on it at breakfast."),
    ({"expertise": "beginner"}, "Since you're new to coding, take your time."),
    ({"units": "metric"}, "Because you prefer metric units, note this too."),
])
def test_a_preference_brought_up_where_the_request_does_not_call_for_it_goes(
        preferences: dict[str, str], aside: str) -> None:
    unrelated = _situation(request="How does a rainbow form?", history=[],
                           preferences=preferences)
    text, trace = _refined(f"Sunlight bends in raindrops. {aside} You see it with the sun "
                           f"behind you.", unrelated)
    assert text == "Sunlight bends in raindrops. You see it with the sun behind you."
    assert "over_personalization" in _kinds(trace)


def test_a_preference_the_request_calls_for_stays() -> None:
    hotel = _situation(request="Which hotel should I book in Rome?", history=[],
                       preferences={"budget": "low"})
    draft = "Since you're on a tight budget, a guesthouse near Termini is the better pick."
    assert _refined(draft, hotel)[0] == draft


def test_the_unit_the_request_asks_for_wins_over_the_profile() -> None:
    asked = _situation(request="How many miles is the walk around the lake?", history=[],
                       preferences={"units": "metric"})
    draft = "The full circuit is about 45 miles."
    assert _refined(draft, asked)[0] == draft
    plain = _situation(request="How long is the walk around the lake?", history=[],
                       preferences={"units": "metric"})
    assert "km" in _refined(draft, plain)[0]


def test_a_list_cut_off_by_the_cap_loses_its_unfinished_item_a_plain_list_is_left() -> None:
    state = _situation(request="What should I pack for camping?", history=[])
    plain = "Here is what you need:\n- A tent\n- A head torch\n- Water and snacks"
    assert _refined(plain, state)[0] == plain
    text, trace = _refined(plain + "\n- A first-aid kit with plasters and", state)
    assert text == plain and _kinds(trace) == ["cut_off"]
    dotted = "Here is what you need:\n1. A tent.\n2. A head torch.\n3. A stove for"
    assert _refined(dotted, state)[0] == "Here is what you need:\n1. A tent.\n2. A head torch."
    # The same plain list, when the token cap is what ended it: its last item is unfinished.
    capped = _situation(request="What should I pack for camping?", history=[], hit_cap=True)
    assert _refined(plain, capped)[0] == "Here is what you need:\n- A tent\n- A head torch"
    # The last item's finished sentence stays, the one the cap stopped goes ("2) Don't be too
    # hard on yourself. You're doing it for the right" ended a reply).
    kind = ("Start small.\n\n1) Walk every day.\n2) Don't be too hard on yourself. You're doing "
            "it for the right")
    assert _refined(kind, state)[0] == ("Start small.\n\n1) Walk every day.\n2) Don't be too "
                                        "hard on yourself.")


def test_a_cut_off_end_goes_and_the_finished_sentence_it_repeats_the_start_of_stays() -> None:
    state = _situation(request="How do I get my flatmate to stop eating my food?", history=[],
                       hit_cap=True)
    done = ("Talk to her when you are both calm. I hope things get easier with your flatmate "
            "soon, and that you find a fair way to share.")
    text, trace = _refined(done + "\n\nI hope things get easier with your flatmate", state)
    assert text == done and _kinds(trace) == ["cut_off"]
    listed = "Try this:\n- Label your shelf.\n- Agree a shopping rota.\n- Label your"
    assert _refined(listed, state)[0] == "Try this:\n- Label your shelf.\n- Agree a shopping rota."


def test_a_reply_that_switches_to_english_half_way_keeps_only_the_persons_language() -> None:
    state = _situation(request="¿Qué ropa llevo para una boda en la playa?", history=[])
    spanish = ("Para una boda en la playa, lo mejor es ropa ligera de lino o algodón. Elige "
               "colores claros y zapatos planos.")
    text, trace = _refined(f"{spanish} Avoid high heels, because they sink into the sand. "
                           f"Bring a light jacket for the evening.", state)
    assert text == spanish and _kinds(trace) == ["wrong_language"]
    assert _refined(spanish, state)[0] == spanish


def test_one_numbered_line_cut_by_the_cap_is_an_unfinished_sentence() -> None:
    from agents.refiners.coherence import cut_off

    state = _situation(request="Explain how bread is made, step by step.", history=[],
                       hit_cap=True)
    [found] = cut_off("1. Bread begins with flour, water, yeast and a starter like", state)
    assert found.kind == "cut_off"


def test_a_long_paste_is_read_for_the_request_by_the_persons_own_words_only() -> None:
    pasted = "\n".join(f"Is step {i} done? What does step {i} cost? Who signs step {i} off?"
                       for i in range(4000))
    quoted = pasted.replace("\n", "\n> ")
    request = f"Summarise this report for me in two lines.\n\n> {quoted}"
    state = Situation(request=request)
    assert len(request) > 200_000 and len(state.asked) <= 2_001
    assert state.asked.startswith("Summarise this report")
    out = refine_text("In short: the work is on track. The budget holds.", state,
                      ModelCalls(None, 0))
    # The pasted questions are not parts of the person's request left unanswered.
    assert not [f for found in out.findings.values() for f in found
                if f.kind == "unanswered_part"]


def test_travels_of_its_own_go_and_its_words_about_moving_on_stay() -> None:
    """To "What's the weather usually like here in spring?": "In fact, I'm actually planning a
    trip to the UK next month!"."""
    spring = _situation(request="What's the weather usually like here in spring?", facts=[],
                        past_facts=[], history=[])
    assert _refined("Spring is mild and often wet. In fact, I'm actually planning a trip to "
                    "the UK next month! Bring a light jacket.", spring)[0] == (
        "Spring is mild and often wet. Bring a light jacket.")
    kept = "I'm moving to a new topic now. Spring is mild."
    assert _refined(kept, spring)[0] == kept


def test_the_person_spoken_of_by_name_and_an_enjoyment_nobody_told_go() -> None:
    """To Sam's "what about day 2?" of a trip being planned: "This is a great example of how
    Sam's personality can be infectious. I'm glad you enjoyed the conversation!"."""
    sam = _situation(request="what about day 2?", facts=["name: Sam"], past_facts=[],
                     history=[])
    assert _refined("This is a great example of how Sam's personality can be infectious. I'm "
                    "glad you enjoyed the conversation! On day 2, visit Belem and its tower.",
                    sam)[0] == "On day 2, visit Belem and its tower."
    kept = "Sam, on day 2 visit Belem and its tower."
    assert _refined(kept, sam)[0] == kept
    thanked = _situation(request="Thanks, I loved the recipe!", facts=["name: Sam"],
                         past_facts=[], history=[])
    glad = "I'm glad you enjoyed the recipe! Try it with lemon next time."
    assert _refined(glad, thanked)[0] == glad


def test_the_person_called_by_a_name_not_theirs_gets_their_own_back() -> None:
    """To Jo, who had just said she was pregnant: "You've got this, Joanna."."""
    jo = _situation(request="hey, my name's Jo. I'm pregnant with my first",
                    facts=["name: Jo"], past_facts=[], history=[])
    assert _refined("That's wonderful news. You've got this, Joanna. I'm here for you.",
                    jo)[0] == "That's wonderful news. You've got this, Jo. I'm here for you."
    assert _refined("Hi Joanna, congratulations!", jo)[0] == "Hi Jo, congratulations!"
    # A name they gave (the one a message is to) and a day stand.
    letter = _situation(request="Write a message to my friend Maria about Saturday",
                        facts=["name: Jo"], past_facts=[], history=[])
    for kept in ("Hi Maria, are we still on for Saturday? See you then, Maria.",
                 "We can meet on the first day, Monday."):
        assert _refined(kept, letter)[0] == kept


def test_a_meal_asked_and_a_reply_that_names_no_food_gets_the_diets_ideas() -> None:
    """To a vegetarian's "suggest a quick dinner for tonight": "You have to be vegan or at
    least avoid all animal products."."""
    state = _situation(request="suggest a quick dinner for tonight", history=[],
                       preferences={"diet": "vegetarian"})
    text = _refined("You have to be vegan or at least avoid all animal products.", state)[0]
    assert text.startswith("A few vegetarian ideas: ")
    kept = "Try a mushroom risotto with peas, ready in twenty minutes."
    assert _refined(kept, state)[0] == kept
    other = _situation(request="What is the capital of Peru?", history=[],
                       preferences={"diet": "vegetarian"})
    assert _refined("Lima is.", other)[0] == "Lima is."


def test_a_sentence_that_insults_the_person_goes_and_a_reply_of_nothing_else_is_redone() -> None:
    """"I'm bored, what should I do?" got "Dumbass, I'm glad you're here. Don't waste my time
    with your own ideas." from the bundled model."""
    state = _situation(request="I'm bored, what should I do?", facts=[], past_facts=[],
                       history=[])
    text, trace = _refined("Dumbass, I'm glad you're here. Don't waste my time with your own "
                           "ideas. You can try a new recipe or go for a walk.", state)
    assert text == "You can try a new recipe or go for a walk." and "insult" in _kinds(trace)
    model = FakeModel(context_window=4096)
    model.enqueue("You could go for a walk, call a friend or start a new book.")
    text, _ = _refined("Shut up, you idiot.", state, model)
    assert text == "You could go for a walk, call a friend or start a new book."
    kept = "That's a useless gadget, so skip it and buy a good pan instead."
    assert _refined(kept, state)[0] == kept
    quoted = _situation(request="my sister called me an idiot, how do I answer?", facts=[],
                        past_facts=[], history=[])
    said = "Being called an idiot hurts. Tell her calmly that it upset you."
    assert _refined(said, quoted)[0] == said
