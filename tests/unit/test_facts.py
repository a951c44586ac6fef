"""Facts that change: a new value supersedes the old, repeats merge, history stays queryable."""

from __future__ import annotations

import pytest

from agents.contract import RecalledEntry
from agents.learn_facts import learn_facts
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from memory import facts
from memory.facade import Memory


def test_a_changed_fact_is_current_and_the_old_one_is_history(tacit: Tacit) -> None:
    session = tacit.new_session("ana")
    first = tacit.ask("ana", "I live in Porto.", session.id)
    assert first.trace["memory"]["facts"]["learned"][0]["action"] == "added"
    later = tacit.ask("ana", "Big news: I moved to Berlin last month.", session.id)
    outcome = later.trace["memory"]["facts"]["learned"][0]
    assert outcome["action"] == "superseded"
    current = tacit.memory.items("ana", "fact")
    assert [i.text for i in current] == ["home city: Berlin"]
    past = facts.history(tacit.memory, "ana", "home city")
    assert [p.text for p in past] == ["home city: Porto", "home city: Berlin"]
    assert past[0].valid_to is not None and past[0].superseded_by == current[0].id
    assert past[0].provenance == [first.turn_id]

    # Recall offers the current fact; asked about before, the old one comes as history.
    now = tacit.memory.tree.descend("ana", "what is my home city?", 200)
    known = [e for e in now.entries if e.kind == "fact"]
    assert known[0].text.endswith("home city: Berlin") and known[0].current
    assert all("Porto" not in e.text for e in known)
    before = tacit.memory.tree.descend("ana", "what was my home city before?", 200)
    old = [e for e in before.entries if e.kind == "fact" and not e.current]
    assert old and old[0].text.endswith("home city: Porto") and "before, until" in old[0].text


def test_a_move_from_one_place_to_another_is_where_they_live_now(tacit: Tacit) -> None:
    """"I've moved from Leeds to Bristol." kept "home city: Leeds" and "Where do I live?" said
    Leeds; "we moved to a bigger flat" names no place."""
    tacit.ask("ana", "I live in Leeds.")
    tacit.ask("ana", "I've moved from Leeds to Bristol.")
    assert [i.text for i in tacit.memory.items("ana", "fact")] == ["home city: Bristol"]
    assert facts.find_facts("We just moved from Leeds to Bristol last month.")[0].value == \
        "Bristol"
    assert facts.find_facts("We moved to a bigger flat.") == []
    assert facts.find_facts("I moved to the UK in 2019.")[0].value == "the UK"


def test_saying_it_again_merges_instead_of_duplicating(memory: Memory) -> None:
    session = memory.start_session("ana")
    one = memory.record_turn("ana", session.id, "I work as a nurse.", "ok")
    two = memory.record_turn("ana", session.id, "As I said, I work as a nurse, at night.", "ok")
    learn_facts(memory, {"user_id": "ana", "message": one.user_text}, one.id)
    trace = learn_facts(memory, {"user_id": "ana", "message": two.user_text}, two.id)
    assert trace.learned[0].action == "merged"
    items = memory.items("ana", "fact", include_past=True)
    assert len(items) == 1 and sorted(items[0].provenance) == sorted([one.id, two.id])


def test_recalled_text_is_never_learned_again_as_new(memory: Memory) -> None:
    session = memory.start_session("ana")
    turn = memory.record_turn("ana", session.id, "I live in Lisbon", "ok")
    state = {"user_id": "ana", "message": "I live in Lisbon",
             "recalled": [RecalledEntry(id="f1", kind="fact",
                                        text="[2 May 2024] I live in Lisbon")]}
    trace = learn_facts(memory, state, turn.id)
    assert trace.skipped_as_recalled == 1 and memory.items("ana", "fact") == []


def test_the_extractor_model_is_used_when_rules_find_nothing_and_must_be_grounded(
        memory: Memory) -> None:
    model = FakeModel()
    model.enqueue({"facts": [{"attribute": "sister", "value": "Eva"},
                             {"attribute": "pet", "value": "a unicorn"}]})
    session = memory.start_session("ana")
    turn = memory.record_turn("ana", session.id, "Eva is my older sister, she lives far away",
                              "ok")
    trace = learn_facts(memory, {"user_id": "ana", "message": turn.user_text}, turn.id, model)
    assert trace.by == "model"
    assert [i.text for i in memory.items("ana", "fact")] == ["sister: Eva"]  # no unicorn
    model.enqueue("not json", "not json either")
    other = memory.record_turn("ana", session.id, "My old flat had a blue door", "ok")
    failed = learn_facts(memory, {"user_id": "ana", "message": other.user_text}, other.id, model)
    assert failed.by == "rules" and "not JSON" in (failed.extractor_error or "")


def test_questions_state_no_facts() -> None:
    assert facts.find_facts("Do I live in Porto?") == []
    assert [c.text for c in facts.find_facts("My dog is called Rex. I am 34 years old")] == \
        ["dog: Rex", "age: 34"]


def test_an_age_is_a_fact_said_plainly_and_a_number_of_something_else_is_not(
        tacit: Tacit) -> None:
    """"I'm 34 and I work as a nurse" kept no age, so "How old am I?" got "You're a bit of an
    odd one here, dear Priya"."""
    for said, age in (("I'm 34 and I work as a nurse.", "34"), ("I just turned 40 last week.",
                                                                 "40"), ("I am 27.", "27")):
        assert [c.value for c in facts.find_facts(said) if c.attribute == "age"] == [age], said
    for said in ("I'm 34 weeks pregnant.", "I'm 5 minutes away.", "I'm 100% sure."):
        assert [c for c in facts.find_facts(said) if c.attribute == "age"] == [], said
    session = tacit.new_session("u1").id
    tacit.ask("u1", "Hi, I'm Priya. I'm 34 and I work as a nurse on night shifts.", session)
    assert tacit.memory.facts.current("u1", "job") == "nurse on night shifts"
    assert "Age: 34" in tacit.ask("u1", "How old am I?", session).shown
    tacit.ask("u1", "I'm learning Spanish. I'm also learning to drive.", session)
    learning = tacit.ask("u1", "What am I learning?", session).shown
    assert "Learning: Spanish" in learning and "Learning: to drive" in learning


def test_where_a_person_is_from_is_a_fact_and_a_trip_is_not(tacit: Tacit) -> None:
    for said, place in (("I'm from Cork.", "Cork"), ("I am originally from Lagos", "Lagos"),
                        ("I come from Poland.", "Poland"),
                        ("I'm a 28 year old teacher from Cork.", "Cork"),
                        ("I'm a 30-year-old from New York and I love jazz.", "New York")):
        assert [c.value for c in facts.find_facts(said) if c.attribute == "from"] == [place], said
    for said in ("I'm back from Paris.", "I'm tired from Monday's trip.",
                 "I'm a big fan from Leeds.", "i'm from the team at Acme"):
        assert [c for c in facts.find_facts(said) if c.attribute == "from"] == [], said
    session = tacit.new_session("u1").id
    tacit.ask("u1", "Hi! I'm a 28 year old teacher from Cork.", session)
    assert tacit.memory.facts.current("u1", "from") == "Cork"
    assert "From: Cork" in tacit.ask("u1", "Where am I from?", session).shown
    # Forgotten by name: "Forget that I'm from Porto." got "I keep no fact about that".
    gone = tacit.ask("u1", "Forget that I'm from Cork.", session).shown
    assert gone.startswith("I've forgotten: from: Cork.")
    assert tacit.memory.facts.current("u1", "from") is None


def test_the_name_a_person_gives_is_learned_and_used_to_address_them(tacit: Tacit) -> None:
    session = tacit.new_session("u1")
    tacit.ask("u1", "Any tips for a rainy day?", session.id)
    tacit.ask("u1", "Hi, I'm Rosa. I live in Porto.", session.id)
    assert tacit.memory.facts.current("u1", "name") == "Rosa"
    tacit.ask("u1", "Can you write me a short poem about the sea?", session.id)
    systems = [call[0]["content"] for call in tacit.model.history
               if call[0]["content"].startswith("You are Tacit")]
    assert "talking with Rosa" in systems[-1] and "u1" not in systems[-1]
    # Before she gave it, an account name that names no one was not used as hers.
    assert "talking with the person" in systems[0] and "u1" not in systems[0]
    # Recalled from another conversation, the notes call her Rosa too: "u1 said" beside
    # "talking with Rosa" reads as someone else.
    tacit.ask("u1", "I'm vegetarian and I love spicy food.", session.id)
    tacit.ask("u1", "Which spicy cuisines should I try next?", tacit.new_session("u1").id)
    last = [call[0]["content"] for call in tacit.model.history][-1]
    assert "Rosa said" in last and "u1 said" not in last


def test_how_someone_is_is_not_their_name() -> None:
    """"My mum is ill" kept "mum: ill"; a plain "is" names only with a capital, while "is
    called" names in any case."""
    for said in ("My mum is ill.", "My wife is pregnant", "my dog is old and tired"):
        assert facts.find_facts(said) == [], said
    assert [c.text for c in facts.find_facts("My sister is Ana")] == ["sister: Ana"]
    assert [c.text for c in facts.find_facts("my sister is called ana")] == ["sister: ana"]


def test_words_that_only_look_like_an_introduction_are_not_names() -> None:
    for said in ("Hi, I'm Portuguese.", "Hey, I'm back!", "Call me when you can.",
                 "Hi, I'm tired", "I'm Rosa's friend"):
        assert [c for c in facts.find_facts(said) if c.attribute == "name"] == [], said
    found = facts.find_facts("hello there, I am Ana Maria and I love tea")
    assert [c.text for c in found if c.attribute == "name"] == ["name: Ana Maria"]


def test_asked_what_tacit_knows_about_them_every_fact_is_recalled(tacit: Tacit) -> None:
    session = tacit.new_session("ana")
    for said in ("I live in Porto.", "I'm allergic to peanuts.", "I work as a nurse."):
        tacit.ask("ana", said, session.id)
    stored = {i.text for i in tacit.memory.items("ana", "fact")}
    assert len(stored) == 3
    about = tacit.memory.tree.descend("ana", "What do you know about me?", 400)
    assert stored <= {e.text.split("] ", 1)[1] for e in about.entries if e.kind == "fact"}
    # Another question only brings the facts near it.
    other = tacit.memory.tree.descend("ana", "Any good films out this week?", 400)
    assert len([e for e in other.entries if e.kind == "fact"]) < 3


def test_an_allergy_is_a_fact_however_it_is_said_and_only_the_persons_own() -> None:
    said = {"I'm vegetarian and allergic to peanuts.": ["allergy: peanuts"],
            "I am severely allergic to shellfish.": ["allergy: shellfish"],
            "I have a peanut allergy.": ["allergy: peanut"],
            "I've got a bad nut allergy, so careful.": ["allergy: nut"],
            "I'm not allergic to anything.": [],
            "I have no allergy to speak of.": []}
    for message, found in said.items():
        assert [c.text for c in facts.find_facts(message)] == found, message
    assert not [c for c in facts.find_facts("I'm sure my son is allergic to eggs.")
                if c.attribute == "allergy"]


def test_a_childs_allergy_is_theirs_and_holds_where_the_conversation_speaks_of_them(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"oh and he's allergic to eggs", after planning a party for a son, kept nothing and got
    an earlier reply again; the cake then asked for eggs."""
    assert [c.text for c in facts.find_facts("My daughter Ines is severely allergic to nuts")] \
        == ["daughter's allergy: nuts", "daughter: Ines"]
    assert facts.find_facts("My son isn't allergic to anything.") == []
    # "he" is the one son spoken of; with a son and a husband it is nobody in particular.
    assert facts.with_people_named("oh and he's allergic to eggs", ["a party for my son"]) == \
        "oh and my son is allergic to eggs"
    assert facts.with_people_named("he's allergic to eggs", ["my son and my husband"]) == \
        "he's allergic to eggs"
    session = tacit.new_session("u1").id
    planned = tacit.ask("u1", "Can you help me plan a birthday party for my son? He's turning 7.",
                        session)
    assert planned.reply.startswith("Party ideas children love")  # by code, not the model
    said = tacit.ask("u1", "thanks. oh and he's allergic to eggs", session).shown
    assert said == "Thanks for telling me. I'll remember that your son is allergic to eggs."
    assert tacit.memory.facts.current("u1", "son's allergy") == "eggs"
    cake = ("Here are two ideas:\n1. A sponge cake with three eggs and butter.\n"
            "2. A chocolate cake made with apple sauce instead.")
    fake_model.enqueue(cake)
    shown = tacit.ask("u1", "So what cake could I make?", session).shown
    assert "apple sauce" in shown and "three eggs" not in shown
    # Where the son is not spoken of, his allergy does not decide the person's own breakfast.
    fake_model.enqueue("Try scrambled eggs on toast.")
    other = tacit.ask("u1", "What should I have for breakfast?", tacit.new_session("u1").id)
    assert "scrambled eggs" in other.shown
    # Asked of, and forgotten: "Forget that my son is allergic to eggs." got "I keep no
    # message of yours about that".
    assert "Son's allergy: eggs" in tacit.ask("u1", "What is my son allergic to?", session).shown
    gone = tacit.ask("u1", "Forget that my son is allergic to eggs.", session).shown
    assert gone.startswith("I've forgotten: son's allergy: eggs.")
    assert tacit.memory.facts.current("u1", "son's allergy") is None


def test_a_person_of_theirs_asked_of_by_name_and_their_allergy_kept_for_the_household(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"My partner Sam is allergic to nuts.", then "We're having friends over Saturday. Can you
    suggest a dessert?" got "Assumed diet: no restrictions", and "What's Sam allergic to?" got
    "because of your nut allergy", as if the allergy were theirs."""
    session = tacit.new_session("u1").id
    tacit.ask("u1", "My name is Tom and I live in Leeds. My partner Sam is allergic to nuts.",
              session)
    assert tacit.memory.facts.current("u1", "partner's allergy") == "nuts"
    dessert = tacit.ask("u1", "We're having friends over Saturday. Can you suggest a dessert?",
                        session)
    assert "no restrictions" not in dessert.shown
    assert dessert.shown.startswith("Here are a few dessert ideas")  # written by code
    asked = tacit.ask("u1", "What's Sam allergic to?", session)
    assert "Partner's allergy: nuts" in asked.shown
    assert asked.trace["respond"]["model"] == "listing"
    # Advice about someone of theirs is no question of their name: "What does Rex eat?" with
    # "dog: Rex" kept is not answered "Dog: Rex".
    tacit.ask("u1", "My dog is called Rex.", session)
    fake_model.enqueue("Dry food made for dogs, and fresh water.")
    assert tacit.ask("u1", "What does Rex eat?", session).shown.startswith("Dry food")
    # Nobody of theirs by that name: the model answers.
    fake_model.enqueue("I don't know who Alex is.")
    assert tacit.ask("u1", "What's Alex allergic to?", session).trace["respond"]["model"] != \
        "listing"


def test_a_two_word_job_and_the_town_it_is_in_are_kept_together() -> None:
    """"Hi! I'm Priya, I'm a vet nurse in Leeds." was kept as "job: vet", and "What's my job?"
    answered "vet"."""
    found = {c.attribute: c.value for c in facts.find_facts(
        "Hi! I'm Priya, I'm a vet nurse in Leeds.")}
    assert found == {"name": "Priya", "job": "vet nurse in Leeds"}
    assert {c.attribute: c.value for c in facts.find_facts(
        "I'm a software engineer in New York City")} == {
            "job": "software engineer in New York City"}
    assert {c.attribute: c.value for c in facts.find_facts(
        "I'm a teacher in a primary school")} == {"job": "teacher"}


@pytest.mark.parametrize(("message", "job"), [
    ("Hi, I'm Sam. I just started a new job as a nurse on night shifts in Glasgow.",
     "nurse on night shifts in Glasgow"),
    ("I've got a job as a teacher.", "teacher"),
    ("I started working as a chef in Leeds.", "chef in Leeds"),
])
def test_a_job_just_begun_is_their_job(message: str, job: str) -> None:
    """"I just started a new job as a nurse on night shifts in Glasgow" kept no job, and
    "Remind me what my job is?" was answered "I don't know what you do for work"."""
    assert {c.attribute: c.value for c in facts.find_facts(message)}.get("job") == job
    assert "job" not in {c.attribute for c in facts.find_facts(
        "My sister just started a new job as a nurse.")}


def test_children_are_kept_by_name_with_the_age_told_and_only_the_person_s_own() -> None:
    def told(text: str) -> list[str]:
        return [c.text for c in facts.find_facts(text)]

    assert told("I have two kids, Arjun who is 7 and Maya who is 4.") == \
        ["child: Arjun (7)", "child: Maya (4)"]
    assert told("We have three kids: Sam, 12, Ella, 9, and Finn, 3.") == \
        ["child: Sam (12)", "child: Ella (9)", "child: Finn (3)"]
    assert told("My children are Leo (9) and Ana (6).") == ["child: Leo (9)", "child: Ana (6)"]
    assert told("I have a son called Tom and a 4 year old daughter named Maya.") == \
        ["son: Tom", "daughter: Maya (4)"]
    assert told("My friend has a son called Tom.") == []
    assert told("I have two kids and a dog.") == ["children: two kids"]
    assert told("my two kids are driving me mad today") == []


def test_children_told_without_names_are_kept_as_said_with_their_ages() -> None:
    """"Hi, I'm Priya. I work as a nurse on night shifts and I have two kids, 4 and 7." kept
    no children, and the model wrote a letter from someone else "4 years old now"."""
    def told(text: str) -> list[str]:
        return [c.text for c in facts.find_facts(text)]

    assert told("I have two kids, 4 and 7.") == ["children: two kids aged 4 and 7"]
    assert told("We've got three children aged 2, 5 & 9.") == \
        ["children: three children aged 2, 5 and 9"]
    assert told("I have a daughter who is 7.") == ["children: a daughter aged 7"]
    assert told("I have a 3-year-old and a 6 year old son.") == \
        ["children: a 3 year old and a 6 year old son"]
    assert told("I have two kids, Sam and Ella.") == ["child: Sam", "child: Ella"]
    for nothing in ("We have a baby on the way.", "I have two kids' birthdays this month.",
                    "My sister has two kids, 4 and 7.", "Do I have two kids?",
                    "I have a 4 year old laptop."):
        assert told(nothing) == [], nothing


def test_the_name_they_ask_to_be_called_by_is_the_one_kept() -> None:
    """"Call me Sam from now on." kept no name, and the model answered "Sam, I'm glad you're
    here"."""
    from agents.introduced import told_about_themselves

    assert [c.text for c in facts.find_facts("Call me Sam from now on.")] == ["name: Sam"]
    assert [c.text for c in facts.find_facts("Hi, I'm Ana. Call me Annie.")] == ["name: Annie"]
    assert facts.find_facts("Call me when you can.") == []
    assert told_about_themselves("Call me Sam from now on.") == "Sure, I'll call you Sam."
    assert told_about_themselves("Hi, I'm Ana. Call me Annie.") == "Sure, I'll call you Annie."


def test_what_someone_of_theirs_wont_eat_is_kept_and_a_dinner_for_them_leaves_it_out(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"My partner Alex hates mushrooms and I'm allergic to shellfish." got "Aw, shucks!" and
    kept nothing of Alex; "Plan a dinner for Alex and me this Saturday." got a party."""
    assert [c.text for c in facts.find_facts("My son won't eat fish or eggs.")] == \
        ["son's dislikes: fish or eggs"]
    assert [c.text for c in facts.find_facts("My husband hates his job.")] == []
    # what follows "and" is a thing, not a clause told of its own
    assert [c.text for c in facts.find_facts("I hate school and get bullied.")] == \
        ["dislikes: school"]
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    said = tacit.ask("ana", "My partner Alex hates mushrooms and I'm allergic to shellfish.",
                     session).shown
    assert said == ("Thanks for telling me. I'll remember that your partner Alex doesn't like "
                    "mushrooms and that you're allergic to shellfish.")
    tacit.flush()
    assert tacit.memory.facts.values("ana", "partner's dislikes") == ["mushrooms"]
    dinner = tacit.ask("ana", "Plan a dinner for Alex and me this Saturday.", session).shown
    assert dinner.startswith("Here's one without mushrooms:\n\n**")
    assert "mushroom" not in dinner.partition("\n\n")[2].lower()
    assert len(fake_model.history) == calls
    # Where Alex is not spoken of, Alex's taste does not decide the person's own meal.
    alone = tacit.ask("ana", "What should I cook tonight?", tacit.new_session("ana").id).shown
    assert not alone.startswith("Here's one without")


def test_a_dislike_told_with_a_trouble_is_not_said_back_as_only_a_dislike() -> None:
    """"I hate school and get bullied." was said back as "you don't like school and get
    bullied", as if it were a taste to note."""
    from agents.introduced import told_about_themselves

    assert told_about_themselves("I hate school and get bullied.") == ""
    assert told_about_themselves("I love hiking and hate running.") == (
        "Thanks for telling me. I'll remember that you love hiking and hate running.")


def test_a_relations_birthday_and_a_name_corrected_are_said_back(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"My mum's birthday is on the 12th of May." got "you can find more information about
    your mum's birthday on her official website"; "Actually my partner's name is Sam, not
    Alex." got an apology and a transcript ("Chat History: ...")."""
    from agents.replies import own_reply

    assert [c.text for c in facts.find_facts("My mum's birthday is on the 12th of May.")] == \
        ["mum's birthday: the 12th of May"]
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    assert tacit.ask("ana", "My mum's birthday is on the 12th of May.", session).shown == (
        "Thanks for telling me. I'll remember that your mum's birthday is the 12th of May.")
    assert tacit.ask("ana", "Actually my partner's name is Sam, not Alex.", session).shown == (
        "Thanks for telling me. I'll remember that your partner is Sam.")
    assert len(fake_model.history) == calls
    assert own_reply("I'm sorry for any misunderstanding.\nChat History:\n- The other person "
                     "replied: I'm sorry.", "ana") == "I'm sorry for any misunderstanding."


def test_a_childs_age_told_after_a_comma_and_their_name_alone_are_theirs(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"We have a daughter, Maya, she's 4." got "Maya is a bright and talented girl" and kept
    no age; "Maya is allergic to peanuts." then got "Injuries: 1. Bananas" and kept nothing;
    "What should I make for Maya's lunch?" got a chickpea jar salad."""
    assert [c.text for c in facts.find_facts("We have a daughter, Maya, she's 4.")] == \
        ["daughter: Maya (4)"]
    session = tacit.new_session("sam").id
    calls = len(fake_model.history)
    assert tacit.ask("sam", "We have a daughter, Maya, she's 4.", session).reply == (
        "Thanks for telling me. I'll remember that your daughter Maya is 4.")
    tacit.flush()
    assert tacit.ask("sam", "Maya is allergic to peanuts.", session).reply == (
        "Thanks for telling me. I'll remember that your daughter Maya is allergic to peanuts.")
    tacit.flush()
    assert tacit.memory.facts.current("sam", "daughter's allergy") == "peanuts"
    lunch = tacit.ask("sam", "What should I make for Maya's lunch?", session).reply
    assert lunch.startswith("Packed lunches that children eat")
    assert len(fake_model.history) == calls
    # a name of someone else's is left as it is
    assert tacit.memory.facts.with_theirs_named("bo", "Maya is allergic to peanuts.") == \
        "Maya is allergic to peanuts."


def test_a_name_an_age_and_a_job_told_in_a_row_are_all_kept(tacit: Tacit) -> None:
    """"Hi! I'm Alex, 29, software developer in Manchester. I'm trying to get fitter." got a
    page on "an exciting and rewarding career path", and "What's my job?" then got that no
    job was known."""
    said = "Hi! I'm Alex, 29, software developer in Manchester. I'm trying to get fitter."
    assert [c.text for c in facts.find_facts(said)] == [
        "name: Alex", "age: 29", "job: software developer in Manchester", "goal: get fitter"]
    assert tacit.ask("alex", said).reply == (
        "Nice to meet you, Alex! I'll remember that you're 29, that you're a software developer "
        "in Manchester and that your goal is to get fitter.")
    tacit.flush()
    assert tacit.memory.facts.current("alex", "job") == "software developer in Manchester"


def test_a_pet_named_alone_with_an_age_is_no_second_pet(tacit: Tacit) -> None:
    """Read as "my cat Milo is 13 now", "Milo is 13 now" would keep a second cat called Milo:
    of a name told before, what is told of them changes them ("Biscuit is 4." was said back
    as kept, and nothing was kept)."""
    session = tacit.new_session("ana").id
    tacit.ask("ana", "I have a cat called Milo.", session)
    tacit.flush()
    done = tacit.ask("ana", "Milo is 13 now.", session)
    tacit.flush()
    assert done.reply == "Thanks for telling me. I'll remember that your cat Milo is 13."
    assert tacit.memory.facts.values("ana", "cat") == ["Milo (13)"]
    tacit.ask("ana", "Milo is 14 now.", session)
    tacit.flush()
    assert tacit.memory.facts.values("ana", "cat") == ["Milo (14)"]
    tacit.ask("ana", "We got another cat called Pip.", session)
    tacit.flush()
    assert sorted(tacit.memory.facts.values("ana", "cat")) == ["Milo (14)", "Pip"]
    # recorded again by name alone (not read as recalled), Milo keeps the age
    from memory.facts import Candidate as Told

    tacit.memory.facts.record("ana", Told("cat", "Milo", "I have a cat called Milo."), ["t9"])
    assert sorted(tacit.memory.facts.values("ana", "cat")) == ["Milo (14)", "Pip"]


def test_a_goal_wished_for_is_kept_as_a_goal() -> None:
    """"Hi, I'm Tom. I'm 52, I have type 2 diabetes and I want to get fitter." got "As a
    doctor or pharmacist with diabetes, I can tell you ..." from the bundled model."""
    from agents.introduced import told_about_themselves
    from memory.facts import find_facts

    told = "Hi, I'm Tom. I'm 52, I have type 2 diabetes and I want to get fitter."
    assert ("goal", "get fitter") in [(f.attribute, f.value) for f in find_facts(told)]
    assert told_about_themselves(told).startswith(
        "Nice to meet you, Tom! I'll remember that you're 52 and that your goal is to get "
        "fitter. I'll bear in mind that you have type 2 diabetes")
    assert [(f.attribute, f.value) for f in find_facts("I need to quit smoking.")] == [
        ("goal", "quit smoking")]
    assert find_facts("I want to read this article.") == []


def test_a_diet_told_of_someone_close_is_theirs() -> None:
    """"She's vegetarian and I don't eat seafood.", after "with my wife", got "In a country
    with strict vegetarian laws ..." from the bundled model, and nothing was kept."""
    from agents.introduced import in_their_words, told_about_themselves
    from memory.facts import find_facts

    earlier = [{"user": "I'm going to Lisbon in May with my wife for our anniversary."}]
    said = in_their_words("She's vegetarian and I don't eat seafood.", earlier)
    assert said == "my wife is vegetarian and I don't eat seafood."
    assert [(f.attribute, f.value) for f in find_facts(said)] == [
        ("wife's diet", "vegetarian"), ("dislikes", "seafood")]
    assert told_about_themselves(said) == (
        "Thanks for telling me. I'll remember that your wife is vegetarian and that you don't "
        "eat seafood.")
    assert ("son's diet", "coeliac") in [
        (f.attribute, f.value) for f in find_facts("My son Leo is coeliac.")]
    assert find_facts("My sister is a vegetarian chef.") == []


def test_a_move_for_a_new_job_is_said_back_with_the_rest() -> None:
    """"Hi! I'm Leo, I'm 34 and I just moved to Manchester for a new job." got "you'll be
    joining a team at the Manchester City Council next month" from the bundled model."""
    from agents.introduced import told_about_themselves

    assert told_about_themselves(
        "Hi! I'm Leo, I'm 34 and I just moved to Manchester for a new job.") == (
        "Nice to meet you, Leo! I'll remember that you're 34 and that you live in Manchester.")
    assert told_about_themselves("I moved to York for uni.") == \
        "Thanks for telling me. I'll remember that you live in York."


def test_a_child_s_age_and_allergy_are_said_back_in_words() -> None:
    """"My daughter Ella is 7 and she's allergic to eggs." was said back as "your daughter
    Ella (7) is allergic to eggs"."""
    from agents.introduced import in_their_words, told_about_themselves

    said = in_their_words("My daughter Ella is 7 and she's allergic to eggs.", [])
    assert told_about_themselves(said) == (
        "Thanks for telling me. I'll remember that your daughter Ella is 7 and is allergic to "
        "eggs.")


def test_what_someone_close_does_not_eat_is_said_as_told() -> None:
    """"My son doesn't eat fish." was said back as "your son doesn't like fish"."""
    from agents.introduced import told_about_themselves

    assert told_about_themselves("My son doesn't eat fish.") == \
        "Thanks for telling me. I'll remember that your son doesn't eat fish."
    assert told_about_themselves("My partner hates mushrooms.") == \
        "Thanks for telling me. I'll remember that your partner doesn't like mushrooms."


def test_an_age_in_a_sentence_of_its_own_is_of_the_one_named_before() -> None:
    """"My grandson Oliver is coming to stay next weekend. He's 8." got "You can't have a
    toddler with your grandson" from the model, and the age was not kept."""
    from agents.introduced import told_about_themselves

    told = "My grandson Oliver is coming to stay next weekend. He's 8."
    assert [(f.attribute, f.value) for f in facts.find_facts(told)] == [("grandson", "Oliver (8)")]
    assert told_about_themselves(told) == (
        "How lovely! I'll remember that your grandson Oliver is 8.")
    dog = "We have a dog called Rex. He's 3 years old."
    assert [(f.attribute, f.value) for f in facts.find_facts(dog)] == [("dog", "Rex (3)")]
    # someone who has no age kept: nothing guessed
    sister = "My sister Ana is visiting. She's 40."
    assert [(f.attribute, f.value) for f in facts.find_facts(sister)] == [("sister", "Ana")]
    assert told_about_themselves("My sister is coming over on Saturday.") == (
        "How lovely! I hope you have a wonderful time together.")
    # a visit of someone not close is not glad news by itself
    assert told_about_themselves("My landlord is coming round tomorrow.") == ""


def test_an_allergy_with_keep_that_in_mind_is_only_told() -> None:
    """"He's allergic to nuts, so keep that in mind for food." (of a grandson told before) got
    "That's a great point" and a word on "this world"."""
    from agents.introduced import in_their_words, told_about_themselves

    said = in_their_words("He's allergic to nuts, so keep that in mind for food.",
                          [{"user": "My grandson Oliver is coming to stay next weekend."}])
    assert told_about_themselves(said) == (
        "Thanks for telling me. I'll remember that your grandson is allergic to nuts.")
    assert told_about_themselves("I'm vegetarian, please remember that.") == (
        "Thanks for telling me. I'll remember that you're vegetarian.")


@pytest.mark.parametrize(("told", "found"), [
    ("hey, I'm Sam. 26, software dev in Leeds",
     [("name", "Sam"), ("job", "software dev in Leeds"), ("age", "26")]),
    ("I'm 26 and a nurse", [("job", "nurse"), ("age", "26")]),
    ("I'm 30 and a bit tired", [("age", "30")]),
])
def test_an_age_and_a_job_said_briefly_are_both_kept(told: str,
                                                      found: list[tuple[str, str]]) -> None:
    """"hey, I'm Sam. 26, software dev in Leeds" kept only the name, and the model answered
    "I'm glad you're enjoying your new laptop"."""
    assert [(f.attribute, f.value) for f in facts.find_facts(told)] == found


def test_children_told_with_is_and_their_ages_asked_by_name(tacit: Tacit) -> None:
    """"Hi there, I'm Dev. I've got two kids, Asha is 14 and Rohan is 9." got "a wonderful
    family with many talented kids!" from the model; "Can you remind me how old Asha is?" got
    "she's a little girl with two brothers"."""
    told = tacit.ask("dev", "Hi there, I'm Dev. I've got two kids, Asha is 14 and Rohan is 9.")
    assert told.reply.startswith("Nice to meet you, Dev! I'll remember that your children are "
                                 "Asha, 14, and Rohan, 9.")
    asked = tacit.ask("dev", "Thanks. Can you remind me how old Asha is?").reply
    assert asked.startswith("Asha is 14, from what you've told me (you told me on"), asked
    assert tacit.ask("dev", "How old is Rohan?").reply.startswith("Rohan is 9")
    tacit.ask("dev", "My sister is called Mira.")
    assert tacit.ask("dev", "How old is Mira?").reply == \
        "You haven't told me how old Mira is yet."


def test_a_pregnancy_with_its_due_month_is_congratulated() -> None:
    """"Hi, I'm Lena. I'm 35 and pregnant with my first baby, due in April." got nothing by
    code: the due month was more than the good news."""
    from agents.introduced import told_about_themselves

    assert told_about_themselves(
        "Hi, I'm Lena. I'm 35 and pregnant with my first baby, due in April.") == (
        "Nice to meet you, Lena! Congratulations on the pregnancy! I'll remember that you're 35.")


def test_a_student_s_greeting_age_and_subject_are_kept() -> None:
    """"yo I'm Jordan, 19, first year at uni studying biology" kept only the age, and the
    model spoke of "a specific student of your college"."""
    from agents.introduced import told_about_themselves

    told = "yo I'm Jordan, 19, first year at uni studying biology"
    assert [(f.attribute, f.value) for f in facts.find_facts(told)] == [
        ("name", "Jordan"), ("studies", "biology"), ("age", "19")]
    assert told_about_themselves(told) == (
        "Nice to meet you, Jordan! I'll remember that you're 19 and that you're studying "
        "biology.")


def test_the_name_they_go_by_and_facts_told_before_a_request_are_kept() -> None:
    """"Hello, I'm Robert but everyone calls me Rob. I'm 67 and I have type 2 diabetes." kept
    only the age, and "My wife Jean has a hospital appointment on Thursday at 2pm, can you
    remind me?" nothing: a sentence that asks was read as stating nothing."""
    from agents.introduced import told_about_themselves
    from agents.known_answers import asked

    intro = "Hello, I'm Robert but everyone calls me Rob. I'm 67 and I have type 2 diabetes."
    assert [(f.attribute, f.value) for f in facts.find_facts(intro)] == [
        ("name", "Rob"), ("age", "67")]
    assert told_about_themselves(intro).startswith(
        "Nice to meet you, Rob! I'll remember that you're 67. I'll bear in mind that you have "
        "type 2 diabetes")
    appointment = "My wife Jean has a hospital appointment on Thursday at 2pm, can you remind me?"
    assert [(f.attribute, f.value) for f in facts.find_facts(appointment)] == [("wife", "Jean")]
    assert asked(appointment) == "reminders"
    assert [(f.attribute, f.value) for f in facts.find_facts(
        "My wife is allergic to nuts, can you suggest a dessert?")] == [("wife's allergy", "nuts")]
    assert facts.find_facts("Is my wife Jean allergic to nuts, can you check?") == []


def test_a_goal_with_a_habit_lapsed_is_said_back() -> None:
    """"Hey, I'm Chris. I'm trying to get fitter, I'm 45 and haven't exercised in years." got
    "I've been working with you for a few years now" from the model."""
    from agents.introduced import told_about_themselves

    assert told_about_themselves("Hey, I'm Chris. I'm trying to get fitter, I'm 45 and haven't "
                                 "exercised in years.") == (
        "Nice to meet you, Chris! I'll remember that your goal is to get fitter and that "
        "you're 45.")


@pytest.mark.parametrize(("said", "found"), [
    ("I'm a freelance graphic designer and I charge £350 a day.",
     [("job", "freelance graphic designer"), ("day rate", "£350")]),
    ("My day rate is £400 now.", [("day rate", "£400")]),
    ("I charge $60 an hour.", [("hourly rate", "$60")]),
    ("I'm a nurse and I work night shifts.", [("job", "nurse"), ("shifts", "night shifts")]),
    ("I work night shifts in Bristol.", [("shifts", "night shifts in Bristol")]),
    ("I charge too much.", []),
    ("I work for Google.", [("employer", "Google")]),
])
def test_the_shifts_they_work_and_the_rate_they_charge_are_facts(
        said: str, found: list[tuple[str, str]]) -> None:
    """"I'm a freelance graphic designer and I charge £350 a day." and "I work night shifts"
    were kept as nothing (two words before "designer" were one too many)."""
    assert [(f.attribute, f.value) for f in facts.find_facts(said)] == found


@pytest.mark.parametrize(("said", "found"), [
    ("I'm 16 and my GCSEs start in May.", [("age", "16"), ("exams", "GCSEs start in May")]),
    ("I have my A levels in June.", [("exams", "A levels in June")]),
    ("My exams are stressing me out.", []),
])
def test_their_exams_and_when_they_are_are_a_fact(said: str,
                                                  found: list[tuple[str, str]]) -> None:
    """"I'm 16 and my GCSEs start in May." got "It's great that you're celebrating your 16th
    birthday" from the model, and nothing of the exams was kept."""
    assert [(f.attribute, f.value) for f in facts.find_facts(said)] == found
