"""Asked what Tacit knows about them, the person gets the stored list, and forgetting holds."""

from __future__ import annotations

import json
from typing import Any

from agents.about_me import STORED_AS, asks_about, asks_what_is_known
from assistant.models.fake import FakeModel
from assistant.service import Tacit


def test_only_the_question_itself_is_answered_with_the_list() -> None:
    for asked in ("What do you know about me?", "Hey Tacit, so what do you remember about me?",
                  "Who am I?", "tell me about myself",
                  # how far back, said too: "so far" went to the model, which told of the
                  # person in the third person and as its own life
                  "What do you know about me so far?", "What have you learned about me till now?",
                  "What do you remember about me at this point?",
                  # after a thank-you: the model wrote "I love you" to Tom
                  "Thanks. What do you know about me so far?"):
        assert asks_what_is_known(asked), asked
    for other in ("Based on what you know about me, what should I cook tonight?",
                  "What do you know about tomatoes?", "Do you know a good book?",
                  "Based on what you know about me so far, plan my week.",
                  "What do you know about me that you could tell my boss?"):
        assert not asks_what_is_known(other), other


def test_the_list_comes_from_the_stores_and_the_model_writes_nothing(
        tacit: Tacit, fake_model: FakeModel) -> None:
    first = tacit.ask("ana", "What do you know about me?").shown
    assert "don't know anything about you yet" in first
    tacit.ask("ana", "I live in Porto and I work as a nurse.")
    tacit.ask("ana", "I'm vegetarian.")
    tacit.ask("ana", "Whenever I ask for a recipe, list the ingredients first.")
    tacit.ask("bo", "I live in Braga.")
    tacit.flush()
    calls = len(fake_model.history)
    shown = tacit.ask("ana", "What do you know about me?").shown
    assert len(fake_model.history) == calls
    for line in ("- Home city: Porto", "- Job: nurse", "- “I'm vegetarian.”",
                 "- Whenever I ask for a recipe, list the ingredients first."):
        assert line in shown, shown
    assert "Braga" not in shown


def test_a_forgotten_item_leaves_no_copy_in_the_turn_that_listed_it(tacit: Tacit) -> None:
    tacit.ask("ana", "I live in Porto.")
    tacit.flush()
    (fact,) = tacit.memory.items("ana", "fact")
    listed = tacit.ask("ana", "What do you know about me?")
    assert "Porto" in listed.shown
    (turn,) = [t for t in tacit.memory.turns("ana", listed.session_id)
               if t.id == listed.turn_id]
    assert turn.reply_text == STORED_AS and "Porto" not in json.dumps(turn.trace)
    held = tacit.threads.holding("ana", {fact.id})  # the conversation's checkpoint lists it
    assert held
    assert tacit.forget("ana", fact.id) >= 1
    assert tacit.threads.holding("ana", {fact.id}) == set()
    for thread in held:
        assert tacit.graph.checkpointer.get_tuple(
            {"configurable": {"thread_id": thread}}) is None


def test_a_question_of_one_thing_kept_is_told_apart_from_advice_and_other_people() -> None:
    # a job lost is one they told of too ("I was made redundant after 15 years as a ...")
    asked = {"What did I tell you about my job?": ("job", "employer", "work", "former job"),
             "What are my goals?": ("goal",),
             "Hey, what's my name again?": ("name",), "Where do I live?": ("home city",),
             "What's my sister's name?": ("sister",), "How old am I?": ("age",),
             "Do you remember what I'm allergic to?": ("allergy",),
             "Where does my sister live?": ("where sister lives",),
             "Am I allergic to anything?": ("allergy",),
             "Have I got any allergies?": ("allergy",)}
    for message, attributes in asked.items():
        assert asks_about(message) == attributes, message
    for other in ("How do I tell my boss about my job?", "What did my sister say?",
                  "What's my job going to look like in five years?", "Where should I live?",
                  "What is the capital of France?", "Do I need a car?",
                  "What is my sister's job?"):
        assert asks_about(other) == (), other


def test_one_thing_kept_is_answered_in_the_person_s_words_and_forgetting_holds(
        tacit: Tacit, fake_model: FakeModel) -> None:
    tacit.ask("ana", "Hi, I'm Ana. I work as a nurse on night shifts.")
    tacit.ask("bo", "I work as a pilot.")
    tacit.flush()
    calls = len(fake_model.history)
    done = tacit.ask("ana", "What did I tell you about my job?")
    assert len(fake_model.history) == calls  # written from the stores, not by the model
    assert "Job: nurse" in done.shown and "“I work as a nurse on night shifts.”" in done.shown
    assert "pilot" not in done.shown and "Ana" not in done.shown
    (turn,) = [t for t in tacit.memory.turns("ana", done.session_id) if t.id == done.turn_id]
    assert turn.reply_text == STORED_AS
    # Nothing kept of one of their basics: said by code, not guessed by the model (after
    # "Please forget where I live", the model wrote "You're referring to the city of London
    # where Leo is a vegetarian chef").
    calls = len(fake_model.history)
    assert tacit.ask("ana", "Where do I live?").shown.startswith(
        "I don't know where you live: you haven't told me, or you asked me to forget it.")
    (job,) = [f for f in tacit.memory.items("ana", "fact") if f.text.startswith("job")]
    assert tacit.forget("ana", job.id) >= 1
    shown = tacit.ask("ana", "What's my job?").shown
    assert "nurse" not in shown and shown.startswith("I don't know what you do for work")
    assert len(fake_model.history) == calls
    # Of someone else, what recall finds may still hold it: the model answers.
    fake_model.enqueue("You haven't told me that.")
    assert tacit.ask("ana", "Where does my sister live?").shown.startswith(
        "You haven't told me that.")


def test_an_allergy_forgotten_goes_in_both_its_forms_and_none_kept_is_said_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"I'm allergic to shellfish" is kept as a fact and as a preference: forgetting the fact
    left the preference, and "Am I allergic to anything?" got "You're not allergic to
    anything." from the model."""
    tacit.ask("tom", "Hi, I'm Tom. I live in Leeds and I'm allergic to shellfish.")
    tacit.flush()
    items = tacit.memory.items("tom", "fact") + tacit.memory.items("tom", "preference")
    assert sorted(i.text for i in items) == ["I'm allergic to shellfish.", "allergy: shellfish",
                                             "home city: Leeds", "name: Tom"]
    (allergy,) = [i for i in items if i.text == "allergy: shellfish"]
    assert tacit.forget("tom", allergy.id) == 2
    left = tacit.memory.items("tom", "fact") + tacit.memory.items("tom", "preference")
    assert sorted(i.text for i in left) == ["home city: Leeds", "name: Tom"]
    calls = len(fake_model.history)
    fake_model.enqueue("You're not allergic to anything.")
    shown = tacit.ask("tom", "Am I allergic to anything?").shown
    assert shown.startswith("You haven't told me of any allergy") and "shellfish" not in shown
    assert len(fake_model.history) == calls
    # Forgetting the preference takes the fact with it; other facts of the turn stay.
    tacit.ask("tom", "I'm allergic to peanuts.")
    tacit.flush()
    (said,) = [p for p in tacit.memory.items("tom", "preference") if "peanuts" in p.text]
    assert tacit.forget("tom", said.id) == 2
    assert sorted(f.text for f in tacit.memory.items("tom", "fact")) == ["home city: Leeds",
                                                                        "name: Tom"]


def test_where_someone_they_named_lives_is_answered_from_that_person_s_fact(
        tacit: Tacit) -> None:
    tacit.ask("ana", "I live in Porto. My sister Clara lives in Braga.")
    tacit.flush()
    shown = tacit.ask("ana", "Where does my sister live?").shown
    assert "Where Clara lives: Braga" in shown and "Porto" not in shown


def test_the_words_quoted_are_the_part_of_the_sentence_that_told_it(tacit: Tacit) -> None:
    tacit.ask("ana", "I live in Porto and I have a cat called Miso.")
    tacit.flush()
    shown = tacit.ask("ana", "What's my cat called?").shown
    assert "“I have a cat called Miso.”" in shown and "Porto" not in shown
    assert "Home city: Porto" in tacit.ask("ana", "Which city do I live in?").shown


def test_asked_in_words_to_forget_a_fact_tacit_forgets_it_and_says_where_its_source_is(
        tacit: Tacit, fake_model: FakeModel) -> None:
    from agents.about_me import asks_to_forget

    assert asks_to_forget("Please forget where I live.") == ("home city",)
    assert asks_to_forget("Please forget that I live in Leeds.") == ("home city",)
    assert asks_to_forget("I always forget where I live") == ()
    assert asks_to_forget("forget it") == ()
    said = tacit.ask("ana", "I live in Leeds and I work as a teacher.")
    tacit.flush()
    session = said.session_id
    done = tacit.ask("ana", "Please forget where I live.", session)
    assert done.shown.startswith("I've forgotten: home city: Leeds.")
    assert said.turn_id in done.shown and done.turn_id == ""  # the request is no turn
    assert "The message you told me this in is still in our conversation;" in done.shown
    assert [f.text for f in tacit.memory.items("ana", "fact")] == ["job: teacher"]
    nothing = tacit.ask("ana", "Please forget where I live.", session)
    assert nothing.shown.startswith("I have nothing noted about that")
    fake_model.enqueue("Keep a note on your phone.")
    assert tacit.ask("ana", "I always forget where I park.", session).shown.startswith("Keep")


def test_a_question_of_a_stated_preference_is_answered_with_their_words_without_a_caution(
        tacit: Tacit) -> None:
    from agents.about_me import asks_about

    assert asks_about("Am I vegetarian?") == ("preference:diet",)
    assert asks_about("Which units do I prefer?") == ("preference:units",)
    assert asks_about("Is my sister vegan?") == () and asks_about("Do I need a car?") == ()
    tacit.ask("ana", "I'm vegetarian and I prefer metric units.")
    tacit.ask("ana", "I love hiking.")
    tacit.flush()
    shown = tacit.ask("ana", "Which diet do I follow?").shown
    assert "“I'm vegetarian and I prefer metric units.”" in shown and "hiking" not in shown
    assert "For your safety" not in shown  # a question of memory starts no diet
    gone = tacit.ask("ana", "Please forget that I'm vegetarian.").shown
    assert gone.startswith("I've forgotten: “I'm vegetarian")
    assert [p.text for p in tacit.memory.items("ana", "preference")] == ["I love hiking."]
    assert not tacit.memory.profile.beliefs("ana")["diet"].known


def test_what_we_talked_about_last_time_is_quoted_from_the_conversation_before(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"What did we talk about last time?" got "We talked about Sam." from the small model."""
    first = tacit.new_session("ana").id
    assert tacit.ask("ana", "What did we talk about last time?", first).reply.startswith(
        "This is our first conversation")
    fake_model.enqueue("Good luck!", "Oats and a banana.")
    tacit.ask("ana", "I'm training for a half marathon in May.", first)
    tacit.ask("ana", "What should I eat before a long run?", first)
    later = tacit.new_session("ana").id
    done = tacit.ask("ana", "Can you remind me what we talked about last time?", later)
    assert done.reply.splitlines()[1:] == ["- “I'm training for a half marathon in May.”",
                                           "- “What should I eat before a long run?”"]
    assert done.reply.startswith("Last time (") and done.trace["respond"]["model"] == "listing"
    assert tacit.ask("bo", "What did we talk about last time?").reply.startswith(
        "This is our first conversation")  # never another person's


def test_a_question_of_what_they_told_is_answered_with_their_own_sentence(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"What am I training for?" got "What I'm training for is a vegan diet ..." from the
    small model speaking as the person."""
    from agents.about_me import of_their_words

    assert of_their_words("What am I training for?") == ["train"]
    assert of_their_words("What do I need for a picnic?") == []  # advice, not memory
    told = tacit.ask("ana", "I'm training for a half marathon in May.")
    assert told.reply == ("Thanks for telling me. I'll remember that you're training for a half "
                          "marathon in May.")
    tacit.flush()
    done = tacit.ask("ana", "What am I training for?")
    assert done.reply.startswith("You told me on ")
    assert done.reply.endswith(": “I'm training for a half marathon in May.”")
    assert done.trace["respond"]["model"] == "listing"
    later = tacit.ask("ana", "What am I training for?", tacit.new_session("ana").id)
    assert later.reply == done.reply  # found by recall in another conversation
    # Nothing told of it: the model answers, and another person's words are never read.
    fake_model.enqueue("I don't know yet.", "I don't know yet.")
    assert tacit.ask("ana", "When is my exam?").reply == "I don't know yet."
    assert tacit.ask("bo", "What am I training for?").reply == "I don't know yet."


def test_whether_they_told_something_is_a_yes_with_their_sentence_or_a_no_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"Did I tell you I have a cat?", told nothing of one, got "I'm glad to hear that you have
    a cat. Luna is one of my favorite pets ..." from the small model."""
    from agents.about_me import NOT_TOLD, asks_if_told

    assert asks_if_told("Did I tell you I have a cat?") == ["cat"]
    assert asks_if_told("Do you remember that I have a cat?") == ["cat"]
    assert asks_if_told("Did I tell you I got promoted today?") == []  # news, for the model
    assert asks_if_told("Did you see the game?") == []
    calls = len(fake_model.history)
    no = tacit.ask("ana", "Did I tell you I have a cat?")
    assert no.reply == NOT_TOLD and len(fake_model.history) == calls
    tacit.ask("ana", "I have a cat called Miso and she hates the vacuum.")
    tacit.flush()
    yes = tacit.ask("ana", "Did I tell you I have a cat?", tacit.new_session("ana").id)
    assert yes.reply.startswith("Yes. You told me on ")
    assert yes.reply.endswith("“I have a cat called Miso and she hates the vacuum.”")
    assert tacit.ask("bo", "Did I tell you I have a cat?").reply == NOT_TOLD  # never another's
    # Told inside a request: "mention I have a baby at home" was answered "No" in the same
    # conversation.
    talk = tacit.new_session("cy").id
    tacit.ask("cy", "Make it a bit firmer and mention I have a baby at home", talk)
    baby = tacit.ask("cy", "Did I tell you I have a baby?", talk)
    assert baby.reply.startswith("Yes. You told me on ")
    assert baby.reply.endswith("“Make it a bit firmer and mention I have a baby at home”")
    talk2 = tacit.new_session("dee").id
    tacit.ask("dee", "Write a short note to my neighbour about the noise", talk2)
    assert tacit.ask("dee", "Did I tell you I have a neighbour?", talk2).reply != NOT_TOLD
    assert tacit.ask("dee", "Did I tell you I have a baby?", talk2).reply == NOT_TOLD


def test_news_told_to_be_remembered_is_said_back_and_quoted_when_asked(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"Remember that my sister Ana's birthday is on 14 March." got a sum of days from the
    small model, and "When is my sister's birthday?" got "You're right, when is your sister's
    birthday?": a sentence opening with "Remember that" was not read as the person's own."""
    told = tacit.ask("ana", "Remember that my sister Ana's birthday is on 14 March.")
    assert told.reply == "Got it. I'll remember that your sister Ana's birthday is on 14 March."
    assert told.trace["respond"]["model"] == "composed"
    tacit.flush()
    done = tacit.ask("ana", "When is my sister's birthday?", tacit.new_session("ana").id)
    assert done.reply.endswith(
        ": “Remember that my sister Ana's birthday is on 14 March.”"), done.reply
    # By her name too: "When is Ana's birthday?" got the model copying the stored stand-in of
    # the listing before ("(I listed what I know about you from memory; ...)").
    by_name = tacit.ask("ana", "When is Ana's birthday?", tacit.new_session("ana").id)
    assert by_name.reply == done.reply
    from agents.replies import informative

    assert not informative(STORED_AS)
    # A request to be reminded is not news to say back; the model answers it.
    fake_model.enqueue("I can't set reminders, but a phone alarm can.")
    assert tacit.ask("ana", "Remember to buy milk.").reply.startswith("I can't set")


def test_a_crisis_told_to_be_remembered_is_never_said_back(
        tacit: Tacit, fake_model: FakeModel, settings: Any) -> None:
    """With the crisis reply written by the model (a remote one), "Remember that I want to
    die." must not get "Got it. I'll remember that you want to die." under the block."""
    from agents.introduced import kept_as_asked

    assert kept_as_asked("Please remember I'm allergic to cats.") == (
        "Got it. I'll remember that you're allergic to cats.")
    assert kept_as_asked("Remember that I want to die.")  # the words alone would be
    settings.safety.composed_crisis_reply = "off"
    fake_model.enqueue("I'm here with you. Would you tell me what happened today?")
    done = tacit.ask("ana", "Remember that I want to die.")
    assert done.trace["safety"]["crisis"] and "remember that you want" not in done.reply
    assert done.reply.endswith("Would you tell me what happened today?")


def test_a_request_to_forget_words_said_shows_where_they_are_and_how_to_forget_them(
        tacit: Tacit) -> None:
    """"Forget that I asked about the reminder." got "I'll make sure to remember that in future
    conversations" from the small model. No fact is kept of it, only the message: Tacit shows
    it with the command that forgets it, deletes nothing by itself, and keeps no copy of the
    request (it would hold the very words to forget)."""
    asked = tacit.ask("ana", "Can you set a reminder for 5pm to call my mum?")
    tacit.ask("bo", "Set a reminder for my dentist, please.")
    tacit.flush()
    before = len(tacit.memory.turns("ana", asked.session_id))
    done = tacit.ask("ana", "Forget that I asked about the reminder.", asked.session_id)
    assert "“Can you set a reminder for 5pm to call my mum?”" in done.reply
    assert f"`tacit memory forget {asked.turn_id}`" in done.reply
    assert "dentist" not in done.reply  # never another person's words
    assert len(tacit.memory.turns("ana", asked.session_id)) == before
    assert tacit.memory.get("ana", asked.turn_id) is not None
    nothing = tacit.ask("ana", "Forget what I said about my ex.")
    assert nothing.reply == "I keep no message of yours about that, so there is nothing to forget."
    # A person Tacit keeps no fact of: "I have nothing noted about that" while the messages
    # about her were there.
    told = tacit.ask("ana", "My friend keeps cancelling our plans at the last minute.")
    tacit.flush()
    done = tacit.ask("ana", "Forget what I said about my friend.")
    assert f"`tacit memory forget {told.turn_id}`" in done.reply


def test_the_standing_instructions_are_listed_when_asked_for(tacit: Tacit) -> None:
    """"What rules have I given you?" went to the model (and, on the real classifier, got the
    violence block): it is a question of what Tacit keeps, answered from the store."""
    from agents.about_me import asks_for_rules

    assert not asks_for_rules("What rules should I follow at the gym?")
    none = tacit.ask("ana", "What rules have I given you?")
    assert none.reply.startswith("You haven't given me any standing instructions yet.")
    tacit.ask("ana", "Please don't mention my weight.")
    done = tacit.ask("ana", "What rules have I given you?")
    assert done.reply.splitlines()[:2] == ["Your standing instructions:",
                                           "- Please don't mention my weight."]
    assert done.trace["respond"]["model"] == "listing"
    assert tacit.ask("bo", "List my rules").reply.startswith("You haven't given me")
    # "Remind me, how should you answer me?" got "You're a chatbot, I'm not here to answer
    # your questions."
    for asked in ("Remind me, how should you answer me?", "How do I want you to reply?",
                  "What rules have I given you so far?"):
        assert tacit.ask("ana", asked).reply.startswith("Your standing instructions:"), asked
    assert not asks_for_rules("How should you answer a question about tax?")
    # Stopped is not "none given yet": the model-free reply said "You haven't given me any".
    (rule,) = tacit.memory.instructions.list("ana")
    tacit.memory.instructions.set_enabled("ana", rule.id, False)
    stopped = tacit.ask("ana", "What rules have I given you?").reply
    assert stopped.startswith("None are in force now. You stopped:\n- Please don't mention my "
                              f"weight. (id {rule.id[:8]})")


def test_a_thank_you_before_a_question_of_one_fact_still_asks_it() -> None:
    """"Thanks! What's my job?" went to the model, which answered "a veterinary technician in
    the UK" to a vet nurse in Leeds."""
    assert asks_about("Thanks! What's my job?") == asks_about("What's my job?") != ()
    assert asks_about("Thank you. Where do I live?") == ("home city",)
    assert asks_about("Thanks for the recipe") == ()


def test_their_children_are_named_with_their_ages_when_asked_in_another_conversation(
        tacit: Tacit) -> None:
    tacit.ask("priya", "Hi, I'm Priya. I have two kids, Arjun who is 7 and Maya who is 4.")
    tacit.flush()
    tacit.new_session("priya")
    shown = tacit.ask("priya", "what are my kids' names and ages?").shown
    assert "Child: Arjun (7)" in shown and "Child: Maya (4)" in shown
    assert shown.count("you told me") == 1  # one sentence told both: quoted once
    # (and children told unnamed with their ages: "with two kids aged 4 and 7")
    assert asks_about("How old are my children?") == ("child", "son", "daughter", "children")
    assert asks_about("what should my kids eat?") == ()


def test_where_they_live_and_who_with_is_answered_from_the_home_and_the_partner(
        tacit: Tacit) -> None:
    """"where do I live and who with?" got "You can't know where to live"."""
    tacit.ask("sam", "I'm Sam. I'm a teacher and I live in Leeds with my partner Alex.")
    tacit.flush()
    tacit.new_session("sam")
    shown = tacit.ask("sam", "where do I live and who with?").shown
    assert "Home city: Leeds" in shown and "Partner: Alex" in shown and "teacher" not in shown
    assert asks_about("who do I live with?")[:2] == ("household", "partner")


def test_what_they_told_of_their_health_is_quoted_back_in_their_words(tacit: Tacit) -> None:
    """"I'm 68 and just retired. I have high blood pressure." then "Remind me what I told you
    about my health." got "Here's a continuation of the conversation" (and, on the real
    classifier, the suicide block)."""
    from agents.about_me import NO_HEALTH_TOLD, asks_of_health

    session = tacit.new_session("ana").id
    assert tacit.ask("ana", "What do you know about my health?", session).reply == \
        NO_HEALTH_TOLD
    tacit.ask("ana", "I'm 68 and just retired. I have high blood pressure.", session)
    done = tacit.ask("ana", "Remind me what I told you about my health.", session)
    assert done.reply.splitlines()[0] == "About your health, you told me:"
    assert done.reply.splitlines()[1].endswith(": “I have high blood pressure.”")
    assert done.trace["respond"]["model"] == "listing"
    # "What do you remember about my health?" got "This is a story about a person who ..."
    again = tacit.ask("ana", "What do you remember about my health?", session)
    assert again.reply.splitlines()[0] == "About your health, you told me:"
    assert tacit.ask("bo", "What have I told you about my health?").reply == NO_HEALTH_TOLD
    assert not asks_of_health("What do you know about health insurance?")
    assert not asks_of_health("What did I tell you about my health plans and my holiday?")


def test_a_fact_named_by_its_value_is_forgotten_and_only_that_one(tacit: Tacit) -> None:
    """"Forget that I'm trying to eat less sugar." answered "I keep no fact about that", and
    "goal: eat less sugar" stayed."""
    tacit.ask("ana", "I'm allergic to shellfish and I'm trying to eat less sugar.")
    tacit.ask("ana", "My goal is to run a marathon.")  # kept no goal before
    tacit.flush()
    done = tacit.ask("ana", "Forget that I'm trying to eat less sugar.")
    assert done.reply.startswith("I've forgotten: goal: eat less sugar.")
    kept = {i.text for i in tacit.memory.items("ana", "fact")}
    assert "goal: eat less sugar" not in kept
    assert {"goal: run a marathon", "allergy: shellfish"} <= kept
    nothing = tacit.ask("ana", "Forget that I'm trying to learn the piano.").reply
    assert not nothing.startswith("I've forgotten")


def test_a_goal_of_less_sugar_gets_desserts_lighter_on_sugar(tacit: Tacit) -> None:
    """"I'm trying to eat less sugar." then "Suggest a dessert." got Eton mess and a crumble
    with custard."""
    tacit.ask("ana", "I'm trying to eat less sugar.")
    tacit.flush()
    assert tacit.ask("ana", "Suggest a dessert.").reply.startswith(
        "Here are a few dessert ideas that are lighter on sugar:")
    assert not tacit.ask("bo", "Suggest a dessert.").reply.startswith(
        "Here are a few dessert ideas that are lighter on sugar:")


def test_a_part_of_the_question_not_known_is_said_not_dropped(tacit: Tacit) -> None:
    """"My name is Leo and I'm a student in Berlin." then "What's my name and where do I live?"
    listed the name alone, as if nothing else was asked."""
    tacit.ask("ana", "My name is Leo and I'm a student in Berlin.")
    tacit.flush()
    reply = tacit.ask("ana", "What's my name and where do I live?").reply
    assert reply.splitlines()[1].startswith("- Name: Leo")
    assert reply.splitlines()[-1] == "- I don't know where you live yet."
    tacit.ask("ana", "I've moved to Munich.")
    tacit.flush()
    assert "I don't know" not in tacit.ask("ana", "What's my name and where do I live?").reply


def test_what_they_told_of_someone_with_no_fact_kept_is_quoted_back(tacit: Tacit) -> None:
    """"Remind me what I told you about my wife." got "Remind me what you've told about your
    wife, and how I can help." from the bundled model."""
    session = tacit.new_session("ana").id
    tacit.ask("ana", "I'm going to Lisbon in May with my wife for our anniversary.", session)
    tacit.ask("ana", "She loves old trams and little churches.", session)
    tacit.ask("ana", "It rains a lot here.", session)
    done = tacit.ask("ana", "Remind me what I told you about my wife.", session)
    lines = done.reply.splitlines()
    assert lines[0] == "About your wife, you told me:"
    assert lines[1].endswith("“I'm going to Lisbon in May with my wife for our anniversary.”")
    assert lines[2].endswith("“She loves old trams and little churches.”")
    assert len(lines) == 3  # not what came after, of something else
    assert tacit.ask("bo", "What do you know about my sister?").reply == \
        "You haven't told me anything about your sister in what I can see."
    tacit.ask("bo", "My sister Ana is allergic to nuts.")
    sister = tacit.ask("bo", "What do you know about my sister?").reply
    assert "- Sister's allergy: nuts" in sister and "- Sister: Ana" in sister


def test_everything_about_someone_named_is_forgotten_when_asked_in_words(tacit: Tacit) -> None:
    """"Please forget everything about my dog." got "I keep no fact about that" while "dog:
    Pepper" was kept."""
    from agents.about_me import asks_to_forget

    assert asks_to_forget("Please forget everything about my dog.")[0] == "dog"
    assert "sister's allergy" in asks_to_forget("Forget all you know about my sister")
    assert asks_to_forget("Forget my sister") == ("sister",)
    tacit.ask("aisha", "Hi, I'm Aisha. I live in Birmingham with my partner Sam and our dog "
                       "Pepper.")
    tacit.flush()
    done = tacit.ask("aisha", "Please forget everything about my dog.")
    assert done.shown.startswith("I've forgotten: dog: Pepper."), done.shown
    kept = [f.text for f in tacit.memory.items("aisha", "fact")]
    assert "dog: Pepper" not in kept and "partner: Sam" in kept
    # what was kept as theirs goes with them
    tacit.ask("aisha", "My partner is allergic to shellfish.")
    tacit.flush()
    gone = tacit.ask("aisha", "Forget everything about my partner.").shown
    assert "partner: Sam" in gone and "partner's allergy: shellfish" in gone
    assert not [f for f in tacit.memory.items("aisha", "fact") if "partner" in f.text]


def test_what_is_known_lists_a_condition_told_in_this_conversation(tacit: Tacit) -> None:
    """"I'm a nurse and I work night shifts. I have type 1 diabetes." was said back with "I'll
    bear in mind that you have type 1 diabetes while we talk", and "What do you know about
    me?" then listed only "Job: nurse"."""
    session = tacit.new_session("ana").id
    tacit.ask("ana", "I'm a nurse and I work night shifts. I have type 1 diabetes.", session)
    tacit.flush()
    known = tacit.ask("ana", "What do you know about me?", session).reply
    assert "- Job: nurse" in known and "- Shifts: night shifts" in known
    assert "About your health, you told me:" in known and "“I have type 1 diabetes.”" in known
    later = tacit.ask("ana", "What do you know about me?", tacit.new_session("ana").id).reply
    assert "diabetes" not in later  # kept only with their consent, not from the conversation


def test_what_they_said_caused_something_is_answered_with_their_own_sentence(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"What did I say caused my back pain?", after "I'm 45 and I've had lower back pain for a
    week after gardening.", got "I am not sure how to answer that." """
    from agents.about_me import of_their_words

    assert of_their_words("What did I say caused my back pain?") == ["back", "pain"]
    session = tacit.new_session("ana").id
    tacit.ask("ana", "I'm 45 and I've had lower back pain for a week after gardening.", session)
    tacit.flush()
    done = tacit.ask("ana", "What did I say caused my back pain?", session)
    said = "“I'm 45 and I've had lower back pain for a week after gardening.”"
    assert done.reply.startswith("You told me on ") and said in done.reply
    assert done.trace["respond"]["model"] == "listing"


def test_a_cafe_asked_of_is_their_business(tacit: Tacit) -> None:
    """"Where is my café?" got "You're referring to a small business in York with two people
    named Emma and Emily"."""
    assert asks_about("Where is my café?") == ("business",)
    session = tacit.new_session("ana").id
    tacit.ask("ana", "I run a small café in York with two staff.", session)
    tacit.flush()
    assert "Business: a small café in York" in tacit.ask("ana", "Where is my café?",
                                                         session).reply
