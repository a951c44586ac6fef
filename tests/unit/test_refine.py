"""The refine node repairs a draft against what Tacit knows the person prefers."""

from __future__ import annotations

import re

from agents.elicit import own_signals, writing_task
from agents.refiners.base import ModelCalls, Situation
from agents.refiners.honour import keep_time_of_day, unit_system_used
from agents.refiners.persona import as_steps, cut_short, plan
from agents.refiners.planner import refine_text
from assistant.models.fake import FakeModel
from assistant.service import Question, Tacit


def test_a_plan_keeps_only_what_fits_the_preferred_time_of_day() -> None:
    plan_text = "1. Run at 7 am.\n2. Read after dinner.\n3. Stretch in the evening."
    out = keep_time_of_day(plan_text, "morning")
    assert out.text == "1. Run at 7 am."
    assert len(out.changes) == 2
    evening = keep_time_of_day("Wake up early and study. Review notes at 8 pm.", "evening")
    assert evening.text == "Review notes at 8 pm."
    # A plan with nothing left at the right time says so rather than going out empty.
    assert "mornings" in keep_time_of_day("Study every evening.", "morning").text


def test_steps_number_the_sentences_and_a_numbered_reply_is_left_alone() -> None:
    out = as_steps("Open the file. Read each row. Close it.")
    assert out.text == "1. Open the file.\n2. Read each row.\n3. Close it."
    done = "1. Open it.\n2. Read it."
    assert as_steps(done).text == done and as_steps(done).changes == []
    assert as_steps("One sentence only.").changes == []
    assert as_steps("You need:\n- a file\n- a reader").text == "You need:\n1. a file\n2. a reader"


def test_a_brief_reply_is_cut_to_its_first_sentences_only_when_long() -> None:
    short = "It is fine. Really."
    assert cut_short(short).text == short
    long = " ".join(f"Sentence number {i} says a few more words here." for i in range(12))
    out = cut_short(long)
    assert out.text.count(".") == 3 and out.changes
    four = " ".join(f"Sentence number {i} says a good many more words than before, here."
                    for i in range(4))
    assert cut_short(four).text == four  # one sentence over is tolerated
    listed = "You need:\n" + "\n".join(f"- item {i}, which is worth a few words of its own "
                                         f"here" for i in range(12))
    assert cut_short(listed).text == listed  # a list stays whole


def test_an_example_is_added_by_the_model_only_when_missing() -> None:
    model = FakeModel(context_window=4096)
    model.enqueue("For example, a list of prices can be sorted in one line.")
    wants = Situation(request="How does sorting work?", preferences={"learning_style": "examples"})
    out = refine_text("Sorting puts items in order.", wants, ModelCalls(model, 1))
    assert out.text.endswith("For example, a list of prices can be sorted in one line.")
    assert len(model.history) == 1 and out.repair == "add"
    has = "Sorting puts items in order, for example by price."
    assert refine_text(has, wants, ModelCalls(model, 1)).text == has
    assert len(model.history) == 1


def test_guesses_and_unenforceable_preferences_plan_nothing() -> None:
    assert plan({}) == []
    assert plan({"budget": "low"}) == []
    assert plan({"tone": "formal", "expertise": "expert"}) == ["tone=formal", "expertise=expert"]
    assert plan({"units": "metric", "learning_style": "steps"}) == [
        "learning_style=steps", "units=metric"]


def test_hard_constraints_apply_to_text_a_repair_added() -> None:
    model = FakeModel(context_window=4096)
    model.enqueue("For example, a 5 mile run takes about an hour.")
    wants = Situation(request="What is pace?",
                      preferences={"learning_style": "examples", "units": "metric"})
    out = refine_text("Pace is time per distance.", wants, ModelCalls(model, 1))
    assert "8.04 km" in out.text and "mile" not in out.text


def test_the_units_a_person_writes_in_count_as_known() -> None:
    assert unit_system_used("How long is a 100 km ride?") == "metric"
    assert unit_system_used("I walked 3 miles") == "imperial"
    assert unit_system_used("Convert 5 km to 3.1 miles") is None
    used = own_signals("How long is a 100 km ride at 25 km per hour?")
    assert [(s.dimension, s.value, s.confidence >= 0.8) for s in used] == [
        ("units", "metric", True)]
    # Writing metric but asking for imperial is a conversion, not a habit: only a choice.
    conversion = own_signals("How many pounds is 5 kg?")
    assert all(s.confidence < 0.8 for s in conversion)


def test_a_later_contradiction_supersedes_units_learned_from_use(tacit: Tacit) -> None:
    session = tacit.new_session("ana").id
    list(tacit.send("ana", session, "How long is a 100 km ride at 25 km per hour?"))
    tacit.flush()  # learned after the reply
    assert tacit.memory.profile.beliefs("ana")["units"].known
    list(tacit.send("ana", session, "Actually, I use miles. How far is a 10 mile loop?"))
    tacit.flush()
    units = tacit.memory.profile.beliefs("ana")["units"]
    assert units.value == "imperial" and units.known


def test_a_message_to_others_about_a_trip_does_not_ask_about_budget(tacit: Tacit) -> None:
    request = "Write an email to my team about the offsite trip and the dinner after it."
    assert writing_task(request)
    assert not writing_task("Write me a recipe for a quick dinner.")
    session = tacit.new_session("sam").id
    last = list(tacit.send("sam", session, request))[-1]
    asked = last.details["dimension"] if isinstance(last, Question) else None
    assert asked in (None, "tone")


def test_the_refine_node_keeps_the_draft_and_each_change(
        tacit: Tacit, fake_model: FakeModel) -> None:
    fake_model.enqueue("Open the file. Read each row. Close it.")
    # One-shot: no question about length first; the stated learning style is known.
    done = tacit.ask("eve", "I learn best step by step. How do I read a CSV file?")
    assert done.reply.startswith("1. Open the file.\n2. Read each row.")
    assert done.trace["refine"]["draft"] == "Open the file. Read each row. Close it."
    assert done.trace["refine"]["persona"] == ["learning_style=steps"]
    persona = done.trace["refine"]["findings"]["persona"]
    assert [f["kind"] for f in persona] == ["preference_violation"]
    assert done.trace["refine"]["revised"] is True


def test_a_known_learning_style_shapes_any_explanation(
        tacit: Tacit, fake_model: FakeModel) -> None:
    tacit.memory.profile.record("kim", "learning_style", "steps", 0.95, [], "answer")
    fake_model.enqueue("A hash maps keys to slots. Collisions share a slot. Lookups are fast.")
    done = tacit.ask("kim", "How does a hash table work?")  # one-shot: no question on length
    assert done.reply.startswith("1. A hash maps keys to slots.")
    fake_model.enqueue("Leonardo da Vinci. He began it in Florence.")
    fact = tacit.ask("kim", "Who painted the Mona Lisa?")  # a fact, not an explanation
    assert fact.reply.startswith("Leonardo da Vinci. He began it in Florence.")


def test_a_known_allergy_keeps_its_food_out_of_every_suggestion(
        tacit: Tacit, fake_model: FakeModel) -> None:
    tacit.ask("jo", "I'm allergic to peanuts.")
    tacit.flush()
    fake_model.enqueue("A few ideas:\n- A peanut butter sandwich with jelly.\n"
                       "- Rice with roasted vegetables, no peanuts.\n"
                       "- A salad topped with roasted peanuts.")
    done = tacit.ask("jo", "Any idea for a quick dinner tonight?")
    assert "peanut butter" not in done.reply and "roasted peanuts." not in done.reply
    assert "- Rice with roasted vegetables, no peanuts." in done.reply
    assert "allergy=peanuts" in done.trace["refine"]["persona"]
    # Someone else's allergy is not theirs: the same draft reaches them whole.
    fake_model.enqueue("A few ideas:\n- A peanut butter sandwich with jelly.")
    assert "peanut butter" in tacit.ask("kim", "Any idea for a quick dinner tonight?").reply


def test_a_reply_that_is_all_allergen_says_so_instead() -> None:
    state = Situation(request="snack ideas?", facts=["allergy: eggs and shellfish"])
    refined = refine_text("Scrambled eggs on toast. Or shrimp cocktail.", state,
                          ModelCalls(None, 0))
    assert "egg" not in refined.text.split("allergy")[1]
    assert "the egg allergy you told me of" in refined.text and "shrimp" not in refined.text


def test_a_bake_that_is_all_allergen_gets_three_bakes_without_it() -> None:
    """"My daughter Mia is allergic to eggs. What can I bake for her birthday?" got only that
    the first idea was left out; a milk allergy is never offered butter or milk chocolate."""
    eggs = Situation(request="My daughter Mia is allergic to eggs. What can I bake for her "
                             "birthday?", facts=["daughter: Mia", "daughter's allergy: eggs"])
    refined = refine_text("You can bake a chocolate cake with eggs.", eggs, ModelCalls(None, 0))
    ideas = [ln for ln in refined.text.splitlines() if ln.startswith("- ")]
    assert refined.text.startswith("I left out what I first had in mind because of the egg "
                                   "allergy") and len(ideas) == 3
    assert not any(re.search(r"\b(?:eggs? and|with eggs|an egg)\b", i) for i in ideas)
    milk = Situation(request="What can I bake for a party?", facts=["allergy: milk"])
    for draft in ("Bake a cake with butter.", "Try a butter cake.", "Butter biscuits!"):
        offered = refine_text(draft, milk, ModelCalls(None, 0)).text
        assert not re.search(r"(?<!no )\b(?:butter|milk chocolate|yoghurt|cream)\b",
                             offered.split("Tell me")[0].split(":", 1)[-1]), offered
    # Not about baking: no bakes offered.
    snack = Situation(request="snack ideas?", facts=["allergy: eggs"])
    assert "- " not in refine_text("Boiled eggs.", snack, ModelCalls(None, 0)).text


def test_an_egg_and_spoon_race_is_no_egg_to_leave_out() -> None:
    """"What games could we play at her party?", of a daughter allergic to eggs, got only "I
    left out what I first had in mind because of the egg allergy": the draft's games had an
    egg-and-spoon race."""
    from agents.refiners.honour import avoid_allergen

    draft = ("Some games for a 7th birthday party:\n- Pass the parcel\n- An egg and spoon race "
             "(use potatoes or plastic eggs)\n- Musical statues\n- Scrambled eggs on toast for "
             "the party tea")
    kept = avoid_allergen(draft, "eggs", "What games could we play at her party?").text
    assert "- An egg and spoon race (use potatoes or plastic eggs)" in kept
    assert "Musical statues" in kept and "Scrambled eggs" not in kept
