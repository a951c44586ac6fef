"""Standing instructions and preferences: captured once, applied exactly when they apply."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from agents.capture import capture, chosen_option, classify, grounded, sets_rules_only
from agents.instruction_text import DomainLexicon
from agents.instructions import dense_domain_guess, select
from agents.noting import add_instruction, prepare
from agents.preference_recall import preferences_for
from assistant.instruct import run_command
from assistant.models.fake import FakeModel
from assistant.service import Done, Tacit
from memory import lexical
from memory.facade import Memory
from memory.instructions import InstructionStore
from memory.vectors import VectorIndex
from tests.fakes import DIMENSIONS, HashingEmbedder


def rows(*texts: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=f"i{n}", text=t) for n, t in enumerate(texts)]


def chosen(instructions: list[SimpleNamespace], request: str) -> set[str]:
    return {a.text for a in select(instructions, request).applicable}


# Capture ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "From now on, give distances in km.",
    "Always answer in French.",
    "Never use emojis in your replies.",
    "Whenever I mention my sister, remind me of her birthday.",
    "If I ask for restaurants, I eat vegetarian.",
    "When I book a hotel, also look at flights.",
    "Please don't ever call me sir.",
    "Give me prices in euros when I ask about travel.",
    # Boundaries hold with no "from now on"; they were not kept at all.
    "Please don't mention my weight.",
    "Don't call me love.",
    "Stop suggesting recipes with mushrooms.",
    "I'd rather not talk about my ex.",
])
def test_instruction_phrasings_are_recognised(sentence: str) -> None:
    assert classify(sentence) == "instruction"


@pytest.mark.parametrize("sentence", [
    "I strictly avoid gluten due to a severe intolerance.",
    "I'm vegetarian.",
    "I really prefer window seats on long flights.",
    "My favourite author is Ursula K. Le Guin.",
    "I can't stand horror movies.",
    "I find open-plan offices too noisy to think in.",
    "I will only buy furniture made from reclaimed wood.",
    "I'm terrified of flying, I never take planes.",
    "I don't fly.",
])
def test_preference_phrasings_are_recognised(sentence: str) -> None:
    assert classify(sentence) == "preference"


@pytest.mark.parametrize("sentence", [
    "What is the weather in Oslo tomorrow?",
    "I always forget where I put my keys.",
    "Can you summarise this article?",
    "I'd love a recipe for dinner tonight.",  # a wish, not a taste
    "I would love some ideas for a weekend away.",
    "Don't mention it.",
    "Stop it.",
])
def test_ordinary_sentences_are_not_captured(sentence: str) -> None:
    assert classify(sentence) is None


def test_a_preference_is_kept_without_the_aside_it_was_said_with() -> None:
    """"I'm vegetarian by the way" was kept, and shown under the reply, with "by the way"."""
    assert [c.text for c in capture("I'm vegetarian by the way").candidates] == ["I'm vegetarian"]
    assert [c.text for c in capture("btw I hate coriander").candidates] == ["I hate coriander"]


@pytest.mark.parametrize("said", [
    "Also, whenever I ask for a recipe, keep it under 30 minutes please.",
    "Oh, and also, whenever I ask for a recipe, keep it under 30 minutes please.",
    "One more thing: whenever I ask for a recipe, keep it under 30 minutes please."])
def test_an_instruction_joined_to_what_went_before_is_still_one(said: str) -> None:
    """"Also, whenever I ask for a recipe, keep it under 30 minutes please." was not kept: the
    model answered it with "Here's a revised version of the conversation"."""
    assert [(c.kind, c.text) for c in capture(said).candidates] == [
        ("instruction", "Whenever I ask for a recipe, keep it under 30 minutes please.")]
    assert sets_rules_only(said)


def test_a_choice_among_offered_options_is_a_preference_with_lower_confidence() -> None:
    offered = "1. A salad bar with gluten-free dishes. 2. A bakery known for fresh bread."
    found = capture("The salad bar sounds good. The other options don't work for me.",
                    previous_reply=offered)
    assert [c.kind for c in found.candidates] == ["preference"]
    assert found.candidates[0].confidence < 1.0 and found.candidates[0].implicit


def test_a_choice_named_in_words_keeps_the_pick_when_the_option_is_not_matched() -> None:
    offered = ("Some brands to try:\n1. Ilia Beauty's Color Block line\n2. The refillable Kjaer "
               "Weis collection\n3. RMS Beauty Wild with Desire")
    found = capture("I think I'll go with Weis. The other options don't quite align with my "
                    "preferences.", previous_reply=offered)
    assert [c.kind for c in found.candidates] == ["preference"]
    assert "Weis" in found.candidates[0].text and found.candidates[0].implicit


OFFERED = ("Here are a few ideas: 1. A quiet beach resort with a spa. 2. A mountain lodge "
           "with hiking trails. 3. A city hotel next to the museums.")


@pytest.mark.parametrize(("answer", "picked"), [
    ("The mountain lodge sounds good to me.", "A mountain lodge with hiking trails."),
    ("I'll take the second one.", "A mountain lodge with hiking trails."),
    ("Option 3, please.", "A city hotel next to the museums."),
    ("The last one works for me.", "A city hotel next to the museums."),
])
def test_a_choice_is_resolved_to_the_option_picked(answer: str, picked: str) -> None:
    assert chosen_option(answer, OFFERED) == picked
    found = capture(answer, previous_reply=OFFERED)
    assert [c.option for c in found.candidates] == [picked]
    assert picked in found.candidates[0].text and found.candidates[0].confidence < 1.0


@pytest.mark.parametrize("message", [
    "Can you tell me more about the hiking trails near the mountain lodge?",
    "Thanks, that is all for today.",
    # names an option's words, but chooses nothing: a task about the text
    "Set the mountain lodge with hiking trails as the default location in the config file "
    "and rerun the export job",
])
def test_a_follow_up_question_or_thanks_is_not_a_choice(message: str) -> None:
    assert capture(message, previous_reply=OFFERED).candidates == []


def test_news_sharing_only_function_words_with_an_option_is_not_a_choice() -> None:
    """"in" and "have" name no option: news of the person after a list picks nothing."""
    listed = ("About dal:\n- Dal is made with lentils.\n- You might have heard the name in "
              "different languages around the world.")
    said = "I'm training for a marathon in April and I have asthma."
    assert chosen_option(said, listed) is None
    assert capture(said, previous_reply=listed).candidates == []
    assert chosen_option("The lentils one sounds good, with dal", listed) == \
        "Dal is made with lentils."


def test_an_answer_to_crisis_lines_is_not_a_choice_among_options() -> None:
    """The crisis block lists lines to call; "thanks, I think I'll call them" picks no taste."""
    from agents.safety_resources import compose

    block = compose("suicide", "AU")
    for said in ("thanks, I think I'll call them", "I'll try Lifeline"):
        assert capture(said, previous_reply=f"{block}\n\nI'm here.").candidates == []
    assert capture("I'll go with the mountain lodge", previous_reply=OFFERED).candidates


def test_what_is_told_after_tips_is_not_a_choice_among_them() -> None:
    """"I sleep 8 hours but still wake up exhausted", after tips for tiredness, was noted as
    a preference with the first tip beside it."""
    from agents.tips import answer as tips

    given = tips("I've been feeling really tired all the time lately") or ""
    said = "I sleep 8 hours but still wake up exhausted"
    assert chosen_option(said, given)  # it shares words with a tip ...
    assert capture(said, previous_reply=given).candidates == []  # ... and picks none


def test_news_of_the_person_after_a_reply_is_a_fact_not_a_preference() -> None:
    reply = "Manchester has great markets. The Arndale is open late on Thursdays."
    assert capture("Actually I moved to Leeds last month.", previous_reply=reply).candidates \
        == []
    assert [c.text for c in capture("Actually I prefer the quieter markets.",
                                    previous_reply=reply).candidates] == [
        "Actually I prefer the quieter markets."]


def test_a_reasoned_choice_is_kept_although_it_runs_long() -> None:
    answer = ("I'd go with the second one for this trip. Spending the days walking in the hills "
              "and the evenings somewhere quiet is exactly my kind of break, and the beach and "
              "city ideas feel far too busy for what I need at the moment.")
    assert len(answer.split()) > 30
    found = capture(answer, previous_reply=OFFERED)
    assert [c.option for c in found.candidates] == ["A mountain lodge with hiking trails."]


def test_options_offered_in_one_sentence_are_read_as_options() -> None:
    offered = ("For dinner you could try a ramen bar near the station, a tapas place on the "
               "square, or a vegan bistro by the river.")
    found = capture("The vegan bistro by the river sounds lovely.", previous_reply=offered)
    assert [c.option for c in found.candidates] == ["a vegan bistro by the river"]
    assert "vegan bistro" in found.candidates[0].text


def test_text_given_to_work_on_is_not_taken_as_the_users_preference() -> None:
    assert capture("Make this grammatically correct: I like your watch.").candidates == []
    assert capture("Translate to German: I hate waiting. We love trains.").candidates == []
    kept = capture("I love hiking. Translate this: I hate cats.").candidates
    assert [c.text for c in kept] == ["I love hiking."]


# Hallucination guard ---------------------------------------------------------------------
def test_groundedness_rejects_words_the_user_did_not_say_and_inversions() -> None:
    said = "I don't eat gluten, it makes me ill."
    assert grounded("I don't eat gluten", said)[0]
    assert not grounded("User has a dog named Max.", said)[0]
    ok, why = grounded("I eat gluten", said)
    assert not ok and "reverses" in why


def test_a_model_that_invents_a_memory_stores_nothing_of_it(memory: Memory) -> None:
    model = FakeModel()
    model.enqueue({"kind": "preference", "words": "User has a dog named Max."})
    noting = prepare(memory, "ana", "I strictly avoid gluten.", model=model)
    noting.commit(memory, "ana", None)
    stored = [i.text for i in memory.items("ana", kind="preference")]
    assert stored == ["I strictly avoid gluten."]
    assert any("Max" in f["text"] for f in noting.capture.model_failures)


def test_an_inverted_model_reading_falls_back_to_the_users_words(memory: Memory) -> None:
    model = FakeModel()
    model.enqueue({"kind": "instruction", "words": "use emojis"})
    noting = prepare(memory, "ana", "Never use emojis.", model=model)
    noting.commit(memory, "ana", None)
    assert [r.text for r in InstructionStore(memory).list("ana")] == ["Never use emojis."]
    assert noting.capture.model_failures


def test_nothing_is_stored_from_a_turn_without_a_rule_or_preference(tacit: Tacit) -> None:
    done = tacit.ask("ana", "What time is it in Tokyo?")
    assert not done.trace["noted"]["stored"]
    assert InstructionStore(tacit.memory).list("ana") == []
    assert tacit.memory.items("ana", kind="preference") == []


# Through a turn --------------------------------------------------------------------------
def test_an_instruction_said_in_chat_is_confirmed_stored_and_applied(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    done = tacit.ask("ana", "From now on, always give distances in km.")
    assert 'Noted instruction: "From now on, always give distances in km."' in done.shown
    later = tacit.ask("ana", "How far is Porto from Lisbon?", tacit.new_session("ana").id)
    applied = [a["text"] for a in later.trace["instructions"]["applied"]]
    assert applied == ["From now on, always give distances in km."]
    respond_prompt = next(h for h in reversed(fake_model.history)
                          if h[-1]["content"].startswith("How far is Porto from Lisbon?"))
    assert "always give distances in km" in respond_prompt[0]["content"]


def test_an_earlier_request_s_rule_reaches_only_a_message_that_goes_on_from_it(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    """"Where do I live?" after two recipe requests got "Prep time: The prep time is 10:32
    AM." at its top: the earlier requests were read with every message."""
    tacit.ask("ana", "Whenever I ask for a recipe, list the prep time first.")
    session = tacit.resume_session("ana").id
    tacit.ask("ana", "Can you give me a recipe for a tomato soup?", session)

    def applied(message: str) -> list[str]:
        done = tacit.ask("ana", message, session)
        return [a["text"] for a in done.trace["instructions"]["applied"]]

    assert applied("Tell me a joke about cats.") == []
    assert applied("What about one for bread too?") == [
        "Whenever I ask for a recipe, list the prep time first."]


def test_a_message_that_only_gives_a_rule_is_acknowledged_by_code_without_assumptions(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    done = tacit.ask("ana", "Whenever I ask for a recipe, list the ingredients first.")
    assert done.shown.startswith("Got it. I'll keep to that from now on.")
    assert 'Noted instruction: "Whenever I ask for a recipe, list the ingredients first."' \
        in done.shown
    assert "Assumed" not in done.shown  # no recipe was asked: no diet to assume
    assert not any(h[-1]["content"].startswith("Whenever I ask")  # no reply was written
                   for h in fake_model.history)
    # A rule with a request after it is answered by the model.
    fake_model.enqueue("Lima.")
    both = tacit.ask("ana", "Always answer briefly. What is the capital of Peru?")
    assert both.shown.startswith("Lima.")


def test_a_conditional_instruction_applies_only_to_its_domain(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    add_instruction(tacit.memory, "ana", "If I ask for restaurants, I eat vegetarian.")
    weather = tacit.ask("ana", "What is the climate like in Oslo in winter?")
    assert weather.trace["instructions"]["applied"] == []
    assert "vegetarian" not in fake_model.history[-1][0]["content"]
    food = tacit.ask("ana", "Find me a restaurant for dinner in Lyon.")
    assert [a["text"] for a in food.trace["instructions"]["applied"]] == [
        "If I ask for restaurants, I eat vegetarian."]
    assert "Restaurants" in food.trace["instructions"]["applied"][0]["reason"]


def test_travel_named_broadly_covers_a_train_a_hotel_and_the_way_somewhere() -> None:
    """"Whenever I ask about travel, remind me to check the train strikes." was not applied to
    "What's the best way to get from Edinburgh to Inverness?" nor to a train question: the
    lexicon's travel is sightseeing."""
    told = rows("Whenever I ask about travel, remind me to check the train strikes.",
                "If I ask for attractions, only suggest free ones.")
    strikes = told[0].text
    for request in ("What's the best way to get from Edinburgh to Inverness?",
                    "How long is the train from London to Edinburgh?",
                    "Book me a hotel in Leeds for Friday."):
        assert chosen(told, request) == {strikes}, request
    assert chosen(told, "Plan a weekend trip to Rome.") == {strikes, told[1].text}
    assert chosen(told, "Give me a pasta recipe.") == set()
    reason = select(told, "How long is the train from London?").applicable[0].reason
    assert reason == "your request is about trains, a part of travel"


def test_a_newer_conflicting_instruction_replaces_the_older_and_says_so(tacit: Tacit) -> None:
    tacit.ask("ana", "From now on, give distances in km.")
    done = tacit.ask("ana", "From now on, give distances in miles.")
    assert 'replaces "From now on, give distances in km."' in done.shown
    active = [r.text for r in InstructionStore(tacit.memory).list("ana")]
    assert active == ["From now on, give distances in miles."]
    old = next(r for r in InstructionStore(tacit.memory).list("ana", include_disabled=True)
               if "km" in r.text)
    assert not old.enabled and old.replaced_by and old.history[-1]["event"] == "replaced"


def test_a_changed_diet_is_kept_and_replaces_the_diet_said_before(tacit: Tacit) -> None:
    """"I'm pescatarian" was not read as a preference at all, and the vegetarian one stayed
    current beside it; a taste that changes nothing of it ("I love curry") replaces nothing."""
    tacit.ask("ana", "I'm vegetarian.")
    done = tacit.ask("ana", "Actually I eat fish now, I'm pescatarian.")
    assert 'replaces "I\'m vegetarian."' in done.shown
    tacit.ask("ana", "I love curry.")
    assert sorted(i.text for i in tacit.memory.items("ana", "preference")) == [
        "Actually I eat fish now, I'm pescatarian.", "I love curry."]


def test_a_gluten_intolerance_and_a_vegan_diet_are_both_kept(tacit: Tacit) -> None:
    """"I'm vegan." replaced "I'm gluten intolerant, so I strictly avoid gluten.": the one
    does not end the other. Becoming pescatarian still replaces being vegan."""
    tacit.ask("ana", "I'm gluten intolerant, so I strictly avoid gluten.")
    done = tacit.ask("ana", "I'm vegan.")
    assert "replaces" not in done.shown
    assert sorted(i.text for i in tacit.memory.items("ana", "preference")) == [
        "I'm gluten intolerant, so I strictly avoid gluten.", "I'm vegan."]
    assert 'replaces "I\'m vegan."' in tacit.ask("ana", "Actually I'm pescatarian now.").shown


def test_a_diet_said_to_have_ended_or_changed_without_its_name_replaces_the_old_one(
        tacit: Tacit) -> None:
    """"Actually, I've started eating fish again." was kept beside "I'm vegetarian." and both
    were listed as what the person is; "I'm not pescatarian anymore" changed nothing."""
    tacit.ask("ana", "I'm vegetarian.")
    done = tacit.ask("ana", "Actually, I've started eating fish again.")
    assert 'replaces "I\'m vegetarian."' in done.shown
    assert tacit.memory.profile.beliefs("ana")["diet"].value == "pescatarian"
    done = tacit.ask("ana", "I'm not pescatarian anymore.")
    assert "replaces" in done.shown
    assert [i.text for i in tacit.memory.items("ana", "preference")] == [
        "I'm not pescatarian anymore."]
    belief = tacit.memory.profile.beliefs("ana")["diet"]
    assert belief.value == "any" and belief.no_preference


@pytest.mark.parametrize(("said", "read"), [
    ("I'm not vegetarian anymore.", [("diet", "any", "ended")]),
    ("I've given up being vegan.", [("diet", "any", "ended")]),
    ("I'm no longer vegan, I'm vegetarian now.", [("diet", "vegetarian", "stated")]),
    ("I've started eating meat again.", [("diet", "omnivore", "stated")]),
    ("My sister is not vegan anymore.", []),
    # Only one other value left: that one is meant.
    ("I don't use miles anymore.", [("units", "metric", "correction")]),
    ("I'm vegan.", [("diet", "vegan", "stated")]),
])
def test_a_value_that_ended_is_read_apart_from_one_that_is_stated(
        said: str, read: list[tuple[str, str, str]]) -> None:
    from memory.preferences import signals

    assert [(s.dimension, s.value, s.how) for s in signals(said)] == read


def test_a_stated_preference_is_recalled_first_many_turns_later(tacit: Tacit) -> None:
    told = tacit.ask("ana", "I strictly avoid gluten because of an intolerance.")
    session = tacit.new_session("ana")
    for n in range(12):
        tacit.ask("ana", f"Tell me a fact about the number {n} and prime numbers.", session.id)
    done = tacit.ask("ana", "Which restaurants in Rome would suit me and my gluten problem?")
    first = done.trace["recall"]["retrieved"][0]
    item = tacit.memory.get("ana", first["id"])
    assert item is not None and told.turn_id in getattr(item, "provenance", [])


# Selection -------------------------------------------------------------------------------
def test_selection_follows_conditions_waterfalls_and_domain_chains() -> None:
    profile = rows(
        "If I ask for Travel, then also look at Hotels",
        "If I ask for Hotels, my preferred destination is Lisbon",
        "If destination is Lisbon then look for star rating as 4",
        "If I ask for Restaurants, my preferred cuisine is Thai",
        "If cuisine is Thai then look for price range as cheap",
    )
    assert chosen(profile, "Show me attractions worth seeing this weekend.") == {
        profile[0].text, profile[1].text, profile[2].text}
    assert chosen(profile, "I need a place to eat tonight.") == {profile[3].text,
                                                                 profile[4].text}
    assert chosen(profile, "What is the weather like?") == set()


def test_a_detail_fixed_for_this_request_overrides_the_instruction() -> None:
    profile = rows("If I ask for Events, my preferred city is Atlanta",
                   "If I ask for Events, my preferred event type is Sports")
    selection = select(profile, "Find me some events. Also, make sure city is Boston.")
    assert [a.text for a in selection.applicable] == [profile[1].text]
    assert selection.skipped[0]["id"] == profile[0].id


def test_a_free_text_trigger_applies_only_when_its_subject_comes_up() -> None:
    profile = rows("Whenever I mention my sister, remind me that her birthday is in May.")
    assert chosen(profile, "What should I cook for my sister on Sunday?") == {profile[0].text}
    assert chosen(profile, "What should I cook on Sunday?") == set()


def test_every_selected_instruction_carries_its_reason() -> None:
    profile = rows("If I ask for Travel, then also look at Hotels",
                   "If I ask for Hotels, my preferred destination is Lisbon")
    selection = select(profile, "Any attractions to visit?")
    reasons = {a.text: a.reason for a in selection.applicable}
    assert "Travel" in reasons[profile[0].text]
    assert "chained" in reasons[profile[1].text] and "Hotels" in reasons[profile[1].text]


# Users, commands, forgetting -------------------------------------------------------------
def test_instructions_never_cross_users(tacit: Tacit) -> None:
    add_instruction(tacit.memory, "ana", "Always answer in French.")
    done = tacit.ask("bob", "Say hello.")
    assert done.trace["instructions"]["applied"] == []
    assert InstructionStore(tacit.memory).list("bob") == []
    assert InstructionStore(tacit.memory).search("bob", "answer in French") == []


def test_the_instruct_command_lists_edits_disables_and_deletes(tacit: Tacit) -> None:
    session = tacit.new_session("ana")
    events = list(tacit.send("ana", session.id, "/instruct always reply in one sentence"))
    assert isinstance(events[-1], Done) and "Noted instruction" in events[-1].reply
    row = InstructionStore(tacit.memory).list("ana")[0]
    short = row.id[:8]
    assert "always reply in one sentence" in run_command(tacit, "ana", "/instruct")
    run_command(tacit, "ana", f"/instruct edit {short} always reply in two sentences")
    edited = InstructionStore(tacit.memory).get("ana", short)
    assert edited is not None and edited.text == "always reply in two sentences"
    assert edited.history[-1]["before"]["text"] == "always reply in one sentence"
    run_command(tacit, "ana", f"/instruct disable {short}")
    assert InstructionStore(tacit.memory).list("ana") == []
    run_command(tacit, "ana", f"/instruct delete {short}")
    assert InstructionStore(tacit.memory).list("ana", include_disabled=True) == []
    assert tacit.history("ana", session.id) == []  # commands are not conversation turns


def test_instruct_with_an_unknown_id_is_a_clear_error(tacit: Tacit) -> None:
    from assistant.errors import InputError

    with pytest.raises(InputError, match="No instruction 'nope' belongs to ana"):
        run_command(tacit, "ana", "/instruct disable nope")


def test_forgetting_the_turn_forgets_the_instruction_it_gave(tacit: Tacit) -> None:
    done = tacit.ask("ana", "Never recommend fast food.")
    row = InstructionStore(tacit.memory).list("ana")[0]
    assert row.source_turn_id == done.turn_id
    tacit.forget("ana", done.turn_id)
    assert InstructionStore(tacit.memory).list("ana", include_disabled=True) == []
    assert row.id not in tacit.memory.vectors.ids_for("ana")
    with tacit.memory.stores.read() as db:
        assert not lexical.search(db, "ana", "fast food", 5, ["instruction"])


# Preferences per request -------------------------------------------------------------------
FOOD_WORDS = {"food", "kosher", "tapas", "dishes", "restaurants", "diet", "meals", "cuisine"}
GAME_WORDS = {"games", "gaming", "consoles", "rpgs", "puzzles"}


class TopicEmbedder(HashingEmbedder):
    """Hashing vectors plus one strong direction per topic: a fake sense of meaning."""

    def embed(self, texts: list[str]) -> np.ndarray:
        out = super().embed(texts) * 0.3
        for row, text in enumerate(texts):
            words = set(text.lower().replace("?", " ").replace(".", " ").replace(",", " ").split())
            out[row, DIMENSIONS - 1] += 1.0 if words & FOOD_WORDS else 0.0
            out[row, DIMENSIONS - 2] += 1.0 if words & GAME_WORDS else 0.0
            out[row] /= np.linalg.norm(out[row])
        return out


def test_a_preference_in_the_same_area_is_recalled_without_a_shared_word(tmp_path: Path) -> None:
    vectors = VectorIndex(TopicEmbedder(), path=tmp_path / "v")  # type: ignore[arg-type]
    memory = Memory.open(f"sqlite:///{tmp_path / 't.db'}", vectors)
    kept = memory.add("ana", "I keep kosher.", kind="preference")
    other = memory.add("ana", "I avoid rpgs with pixel art.", kind="preference")
    found = preferences_for(memory, "ana", "Which tapas should I try in Madrid?", len)
    assert [f.id for f in found] == [kept.id]
    assert "area" in found[0].matched_by
    found = preferences_for(memory, "ana", "Suggest some consoles games for a rainy day.", len)
    assert [f.id for f in found] == [other.id]


def test_an_unrelated_preference_stays_out_and_the_lookup_costs_one_embedding(
    memory: Memory
) -> None:
    memory.add("ana", "I prefer aisle seats on trains.", kind="preference")
    embedder = memory.vectors.embedder
    preferences_for(memory, "ana", "warm up", len)  # the areas are embedded once per process
    embedder.calls.clear()  # type: ignore[attr-defined]
    assert preferences_for(memory, "ana", "What is the square root of 81?", len) == []
    assert embedder.calls == [["What is the square root of 81?"]]  # type: ignore[attr-defined]
    found = preferences_for(memory, "ana", "Book me seats on the morning trains.", len)
    assert found and "lexical" in found[0].matched_by
    assert preferences_for(memory, "bo", "Book me seats on the morning trains.", len) == []


def test_a_names_only_lexicon_knows_a_domain_by_its_name_alone() -> None:
    names = DomainLexicon.shipped().names_only()
    assert "RentalCars" in names.detect("I need rental cars in Oslo")
    assert "Restaurants" in DomainLexicon.shipped().detect("somewhere to eat tonight")
    assert names.detect("somewhere to eat tonight") == {}


@pytest.mark.parametrize(("request_text", "domain"), [
    ("find me a movie for tonight", "Movies"),
    ("when does the next bus leave", "Buses"),
])
def test_a_domain_named_in_the_plural_is_found_from_the_singular(request_text: str,
                                                                 domain: str) -> None:
    assert domain in DomainLexicon.shipped().names_only().detect(request_text)


def test_without_a_cue_word_the_closest_domain_name_stands_in() -> None:
    def similarity(text: str, others: list[str]) -> list[float]:  # "a room" means hotels
        return [0.8 if other == "hotels" and "room" in text else 0.1 for other in others]

    guess = dense_domain_guess(similarity)
    assert guess("a room for two nights by the sea", ["Flights", "Hotels"]) == "Hotels"
    assert guess("what is seven times eight", ["Flights", "Hotels"]) is None
    profile = rows("If I ask for Hotels, my preferred city is Oslo", "Always answer briefly")
    request = "a room for two nights by the sea"
    lexicon = DomainLexicon.shipped().names_only()
    assert chosen_with(profile, request, lexicon, None) == {"Always answer briefly"}
    assert chosen_with(profile, request, lexicon, guess) == {
        "If I ask for Hotels, my preferred city is Oslo", "Always answer briefly"}


def chosen_with(profile: list[SimpleNamespace], request: str, lexicon: DomainLexicon,
                guess: object) -> set[str]:
    selection = select(profile, request, lexicon=lexicon, domain_guess=guess)  # type: ignore[arg-type]
    return {a.text for a in selection.applicable}


BLIND_DOMAINS = ("Restaurants", "Events", "Movies", "Media", "Banks", "RentalCars", "Homes",
                 "Dentist", "Travel", "HouseStays", "Salon", "Doctor", "Hotels", "Music",
                 "Flights", "Weather", "Buses")


def test_the_benchmarks_blind_lexicon_loads_with_every_instruction_domain() -> None:
    path = Path(__file__).resolve().parents[2] / "bench" / "nlsi_blind_lexicon.json"
    blind = DomainLexicon.from_json(path.read_text("utf-8"))
    assert set(BLIND_DOMAINS) <= set(blind.domains)
    for name in BLIND_DOMAINS:
        assert len(blind.domains[name].cues) > 1, name  # more than its own name
    assert all(a in blind.domains and b in blind.domains for a, b in blind.rivals)
    assert "RentalCars" in blind.detect("I need to rent a car for the weekend")
    assert set(blind.detect("I'd like to watch a film online tonight")) == {"Media"}
    assert set(blind.detect("show me cinemas with an imax showing of it")) == {"Movies"}


def test_a_lexicon_read_from_json_knows_each_domain_by_its_name_and_cues() -> None:
    lexicon = DomainLexicon.from_json(
        '{"domains": {"Gardening": {"cues": ["compost"], "slots": ["soil type"]},'
        ' "Pets": {"cues": ["dog"], "weak_cues": ["walk"]}}, "rivals": [["Pets", "Gardening"]]}')
    assert set(lexicon.detect("when should I turn the compost")) == {"Gardening"}
    assert set(lexicon.detect("any gardening tips")) == {"Gardening"}
    assert set(lexicon.detect("a long walk")) == {"Pets"}
    assert set(lexicon.detect("does my dog harm the compost")) == {"Pets"}  # the tie goes first
    assert lexicon.slot_domains("soil type") == {"Gardening"}


def test_asking_to_stop_a_rule_switches_it_off_before_the_reply(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"Stop answering in French" was answered in French by the rule it asked to stop; now
    the rule is off before any reply, the reply says which and how to turn it back on, and
    a rule that already says the same ("never use emojis" for "no more emojis") stays."""
    from agents.instructions import stopped_by

    taken = tacit.ask("ana", "Always answer in French.")
    # Written by code, and kept as written: no model rewrite into French of "Got it."
    assert taken.reply == "Got it. I'll keep to that from now on."
    assert "refine" not in taken.trace
    tacit.ask("ana", "From now on, never use emojis.")
    calls = len(fake_model.history)
    done = tacit.ask("ana", "Please stop answering in French, thanks")
    assert done.reply.startswith("Done: I've stopped “Always answer in French.”")
    assert len(fake_model.history) == calls  # no model, and nothing in French
    assert [r.text for r in InstructionStore(tacit.memory).list("ana")] == [
        "From now on, never use emojis."]
    rules = InstructionStore(tacit.memory).list("ana")
    for other in ("No more emojis please", "Stop it.", "stop talking about the weather"):
        assert stopped_by(other, rules) == [], other


def test_a_feeling_about_a_person_themselves_or_their_life_is_no_preference() -> None:
    """"I love you." and "I hate my life." were noted as preferences, to shape later answers."""
    for said in ("I love you.", "I hate my life.", "I hate myself.", "I love my life!"):
        assert capture(said).candidates == [], said
    for said in ("I'm scared of my boss.", "I'm afraid of losing my job."):
        assert capture(said).candidates == [], said
    for said in ("I love hiking.", "I hate crowded places.", "I like people who are honest."):
        assert [c.text for c in capture(said).candidates] == [said], said


def test_a_plan_of_their_own_after_advice_is_no_choice_and_gets_a_courteous_reply(
        tacit: Tacit) -> None:
    """"Thanks, I think I'll go for a walk." after advice with no walk in it was noted as a
    preference, and got "2018 was a great year for the outdoors"."""
    advice = ("You can try:\n1. Listen to music you love.\n2. Share your feelings with a friend."
              "\n3. Be patient with yourself.")
    assert capture("Thanks, I think I'll go for a walk.", previous_reply=advice).candidates == []
    walks = "Ideas:\n1. A walk in the park.\n2. A film at home.\n3. Dinner with friends."
    assert [c.kind for c in capture("I think I'll go for the walk.",
                                    previous_reply=walks).candidates] == ["preference"]
    assert tacit.ask("ana", "Thanks, I think I'll go for a walk.").reply == "You're welcome!"
