"""The turn graph on the fake model: route, trace, budget, atomic turns."""

from __future__ import annotations

import pytest

from agents.contract import RecalledEntry
from agents.respond import assemble_prompt
from assistant.graph import ROUTE
from assistant.models.fake import FakeModel
from assistant.service import Done, Progress, Tacit, Token


def test_every_turn_runs_the_whole_route_in_order(tacit: Tacit) -> None:
    session = tacit.new_session("ana")
    events = list(tacit.send("ana", session.id, "hello there"))
    assert [e.node for e in events if isinstance(e, Progress)] == list(ROUTE)
    done = events[-1]
    assert isinstance(done, Done)
    assert set(done.trace["timings_ms"]) == set(ROUTE)


def test_reply_streams_as_tokens_that_add_up_to_the_reply(tacit: Tacit) -> None:
    session = tacit.new_session("ana")
    events = list(tacit.send("ana", session.id, "tell me a riddle"))
    tokens = "".join(e.text for e in events if isinstance(e, Token))
    done = events[-1]
    assert isinstance(done, Done)
    assert tokens == done.reply == "You said: tell me a riddle"


def test_a_fact_from_an_earlier_session_is_recalled_and_traced(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    first = tacit.new_session("ana")
    told = tacit.ask("ana", "My sister Priya lives in Lisbon.", first.id)
    tacit.ask("ana", "I like green tea.", first.id)
    later = tacit.new_session("ana")
    done = tacit.ask("ana", "What did Priya tell me about her flat?", later.id)
    retrieved = [r["id"] for r in done.trace["recall"]["retrieved"]]
    assert told.turn_id in retrieved
    system_prompt = fake_model.history[-1][0]["content"]
    assert "Priya lives in Lisbon" in system_prompt
    # Asked where she lives, code answers from what is kept of the sister named Priya.
    where = tacit.ask("ana", "Where does Priya live?", later.id)
    assert where.trace["respond"]["model"] == "listing" and "Lisbon" in where.reply


def test_turns_of_this_session_are_sent_verbatim_not_recalled_twice(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    session = tacit.new_session("ana")
    first = tacit.ask("ana", "My cat is called Miso.", session.id)
    done = tacit.ask("ana", "What should I feed my cat?", session.id)
    assert first.turn_id not in [r["id"] for r in done.trace["recall"]["retrieved"]]
    # The session's earlier exchange comes as a note, never as a transcript to continue.
    roles = [m["role"] for m in fake_model.history[-1]]
    assert roles == ["system", "user"]
    assert "ana said: My cat is called Miso." in fake_model.history[-1][0]["content"]


def test_prompt_fits_the_budget_dropping_least_relevant_memory_first() -> None:
    model = FakeModel()
    recalled = [RecalledEntry(id=f"m{i}", kind="fact", text=f"memory {i} " + "word " * 40)
                for i in range(10)]
    recent = [{"user": "earlier " * 30, "assistant": "reply " * 30} for _ in range(5)]
    prompt = assemble_prompt(model, user="ana", message="what now?", today=_today(),
                             recalled=recalled, recent=recent, budget=300)
    total = sum(model.count_tokens(m["content"]) + 8 for m in prompt.messages)
    assert total == prompt.tokens <= 300
    assert prompt.memory_used == [f"m{i}" for i in range(len(prompt.memory_used))]
    assert 0 < len(prompt.memory_used) < 10
    assert prompt.messages[-1] == {"role": "user", "content": "what now?"}


def test_a_failing_model_stores_nothing(tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana")

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("model crashed")

    fake_model.stream = broken  # type: ignore[method-assign,assignment]
    with pytest.raises(RuntimeError):
        list(tacit.send("ana", session.id, "this will fail"))
    assert tacit.history("ana", session.id) == []
    assert tacit.search("ana", "fail") == []


def test_a_failing_vector_store_leaves_no_half_written_turn(tacit: Tacit) -> None:
    session = tacit.new_session("ana")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    tacit.memory.vectors.upsert = broken  # type: ignore[method-assign]
    with pytest.raises(OSError):
        tacit.ask("ana", "remember the blue door", session.id)
    assert tacit.history("ana", session.id) == []
    from memory import lexical
    from memory.db import transaction

    with transaction(tacit.memory.engine) as db:
        assert lexical.search(db, "ana", "blue door") == []


def _today():
    from datetime import datetime

    return datetime(2026, 11, 22)


def test_a_node_can_pause_to_ask_and_the_next_message_answers(
    settings, memory, fake_model: FakeModel
) -> None:
    from langgraph.checkpoint.memory import InMemorySaver
    from langgraph.types import interrupt

    from assistant.graph import build_graph
    from assistant.service import Question

    def asking(state: dict) -> dict:
        answer = interrupt({"text": "Metric or imperial?", "choices": ["metric", "imperial"]})
        return {"safety_guidance": f"Use {answer} units."}

    service = Tacit(settings, model=fake_model, memory=memory, checkpointer=InMemorySaver(),
                    graph=lambda saver: build_graph(saver, nodes={"elicit": asking}))
    session = service.new_session("ana")
    events = list(service.send("ana", session.id, "How long is the Golden Gate Bridge?"))
    assert isinstance(events[-1], Question)
    assert events[-1].details["choices"] == ["metric", "imperial"]
    assert service.history("ana", session.id) == []  # nothing stored while waiting
    assert service.pending_question("ana", session.id) is not None
    done = list(service.send("ana", session.id, "metric"))[-1]
    assert isinstance(done, Done)
    assert "Use metric units." in fake_model.history[-1][0]["content"]
    asked = "How long is the Golden Gate Bridge?"
    assert service.history("ana", session.id) == [(asked, done.reply)]
    assert service.pending_question("ana", session.id) is None


def test_a_hello_alone_gets_a_greeting_by_name_not_the_model_s(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    """"hi" got "welcome to my little corner of the world", and "Hi again!" itself."""
    calls = len(fake_model.history)
    assert tacit.ask("leo", "Hi again!").shown == "Hi again! What can I do for you?"
    assert len(fake_model.history) == calls
    tacit.ask("leo", "I'm Leo and I live in Glasgow.")
    tacit.flush()
    assert tacit.ask("leo", "good morning").shown == "Good morning, Leo! What can I do for you?"
    fake_model.enqueue("Start with a list of the parts.")
    assert tacit.ask("leo", "hi, can you help me fix a bike?").shown.startswith("Start with")


def test_thanks_or_goodbye_alone_gets_a_reply_of_its_own_not_an_echo(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    session = tacit.new_session("ana").id
    fake_model.enqueue("thanks!")  # what the small model says back to "thanks!"
    assert tacit.ask("ana", "thanks!", session).shown == "You're welcome!"
    assert tacit.ask("ana", "ok bye then", session).shown != "Bye for now!"
    assert tacit.ask("ana", "Thanks, bye!", session).shown == "Bye for now!"
    # "Thanks! Talk tomorrow." got "I'll give you a cookie!" from the small model.
    assert tacit.ask("ana", "Thanks! Talk tomorrow.", session).shown == "Bye for now!"
    assert tacit.ask("ana", "Have a lovely evening!", session).shown == "Bye for now!"
    fake_model.enqueue("Start with the rent.")
    assert tacit.ask("ana", "Talk to me about my budget tomorrow", session).shown != \
        "Bye for now!"
    fake_model.enqueue("Porto has the Livraria Lello.")
    assert tacit.ask("ana", "Thanks! What about Porto?", session).shown.startswith("Porto has")
    # Thanks with a word of what it did: "Thanks, that helps." got four paragraphs about the
    # conversation going on "in a more positive way".
    # "Thanks, you've been a great help" got "I'm glad to have you as a helpful assistant."
    for said in ("Thanks, that helps.", "Perfect, thanks!", "Thanks, I'll try that.",
                 "That was really helpful, thank you", "Thanks, you've been a great help",
                 # "Thanks, I'll rest." got "the road ahead brings many challenges"
                 "Thanks, I'll rest.", "Thanks, I'll do that.",
                 # "thanks mate" got "I hope this helps someone else ... for my role-playing
                 # game"
                 "thanks mate", "Cheers mate!"):
        assert tacit.ask("ana", said, session).shown == "You're welcome!", said
    # "Thanks, you're a lifesaver." got "You're a lifesaver." back: praise is thanked
    assert tacit.ask("ana", "Thanks, you're a lifesaver.", session).shown.startswith(
        "Thank you, that's kind of you!")
    fake_model.enqueue("For lunch, a lentil salad.")
    assert tacit.ask("ana", "Thanks, but what about lunch?", session).shown.startswith("For")
    # Thanks for listening, after a hard day told: the model wrote of "a new way of helping
    # people that has just come across my mind".
    for said in ("Thanks for listening", "thank you so much for listening."):
        assert tacit.ask("ana", said, session).shown == (
            "You're welcome. I'm here whenever you want to talk."), said
    assert tacit.ask("ana", "Thanks for the tips!", session).shown == "You're welcome!"
    assert tacit.ask("ana", "thanks for listening, bye", session).shown == "Bye for now!"


@pytest.mark.parametrize(("said", "reply"), [
    ("I'm Sam. I'm vegan and I live in Glasgow.",
     "Nice to meet you, Sam! I'll remember that you're vegan and that you live in Glasgow."),
    ("I'm vegan.", "Thanks for telling me. I'll remember that you're vegan."),
    ("Hi, I'm Maya. I'm allergic to peanuts.",
     "Nice to meet you, Maya! I'll remember that you're allergic to peanuts."),
    ("I'm British.", ""),  # a nationality, not a name: the model answers
    # A diet changed in words that do not like or dislike: the model wrote "I'm sorry for
    # any confusion. I'll make sure to provide more accurate information in the future".
    ("Actually, I've started eating fish again.",
     "Thanks for telling me. I'll remember that you've started eating fish again."),
    # Both things told are said back, and not eating something is not a dislike: "I don't
    # eat pork, and I hate coriander." got only "you don't like pork".
    ("I don't eat pork, and I hate coriander.",
     "Thanks for telling me. I'll remember that you don't eat pork and that you don't like "
     "coriander."),
    ("I ran 10 km today.", ""),  # news in units, not a taste: the model answers
    # In the order told: it was "you don't like running and that you love hiking".
    ("I love hiking and I hate running.",
     "Thanks for telling me. I'll remember that you love hiking and that you don't like "
     "running."),
    ("I've moved from Leeds to Bristol.",
     "Thanks for telling me. I'll remember that you live in Bristol."),
    # Thanks before the news: the model wrote "I've just moved to Manchester from the UK".
    ("Thanks! Also, I moved to Manchester last week.",
     "Thanks for telling me. I'll remember that you live in Manchester."),
    ("I'm not vegan anymore, I eat everything.",
     "Thanks for telling me. I'll remember that you're not vegan anymore and that you eat "
     "everything."),
    # An age without "years old" and how the job is worked: the model wrote "Namaste, dear.
    # She's always happy to share her love with others!" and kept neither.
    ("Hi, I'm Priya. I'm 34 and I work as a nurse on night shifts.",
     "Nice to meet you, Priya! I'll remember that you're 34 and that you work as a nurse on "
     "night shifts."),
    ("I'm 34 weeks pregnant.", ""),
    # The model wrote "I am an English language learner and I've been studying Spanish for 2
    # years now" in the person's voice.
    ("I'm learning Spanish, I'm a beginner.",
     "Thanks for telling me. I'll remember that you're learning Spanish and that you're a "
     "beginner."),
    ("I'm learning a lot from this.", ""),
    # Introductions as people write them, each of which went to the model.
    ("My name is Ines and I'm a software engineer.",
     "Nice to meet you, Ines! I'll remember that you're a software engineer."),
    ("My wife is called Sara and we live in Leeds.",
     "Thanks for telling me. I'll remember that your wife is Sara and that you live in Leeds."),
    ("I'm 52 and recently retired.",
     "Thanks for telling me. I'll remember that you're 52 and that you're retired."),
    ("I'm a huge fan of jazz.", "Thanks for telling me. I'll remember that you're a huge fan "
     "of jazz."),
    # A list of things liked is one taste: "hiking" alone was no preference, so the model
    # answered "I've always enjoyed playing board games with my friends".
    ("I like board games and hiking.",
     "Thanks for telling me. I'll remember that you like board games and hiking."),
    ("I'm a nurse and exhausted.", ""),
    # Where they are from: the model wrote "What brings you to our beautiful city?" as if it
    # lived in Cork, and nothing was kept.
    ("Hi! I'm a 28 year old teacher from Cork.",
     "Thanks for telling me. I'll remember that you're 28, that you're a teacher and that "
     "you're from Cork."),
    ("I'm originally from Lagos.", "Thanks for telling me. I'll remember that you're from "
     "Lagos."),
    # Units they use, and what they train for: "I'm training for a half marathon in April. I
    # run in km." got "Dixe de marché au paragraphe en km."
    ("I'm training for a half marathon in April. I run in km.",
     "Thanks for telling me. I'll remember that you're training for a half marathon in April "
     "and that you run in km."),
    # A plan of more than eight words, and the hours they work: "I'm training for my first
    # half marathon in March" was left out of the acknowledgement, and "I work night shifts in
    # Bristol" sent the introduction to the model ("welcome to the team").
    ("Hi! I'm Priya, I live in Leeds and I'm training for my first half marathon in March.",
     "Nice to meet you, Priya! I'll remember that you live in Leeds and that you're training "
     "for your first half marathon in March."),
    ("Hello, I'm Tom. I'm a nurse and I work night shifts in Bristol.",
     "Nice to meet you, Tom! I'll remember that you're a nurse and that you work night shifts "
     "in Bristol."),
    # A habit: "I cook in big batches on Sundays" got "beans are my favorite ingredient in
    # this season of celebration".
    ("Hey, I'm Lena. I'm vegan and I cook in big batches on Sundays.",
     "Nice to meet you, Lena! I'll remember that you're vegan and that you cook in big "
     "batches on Sundays."),
    ("I walk to work and my knee hurts.", ""),
    ("I work hard.", ""),
    # Children told without names: the model wrote a letter from someone "4 years old now".
    ("Hi, I'm Priya. I work as a nurse on night shifts and I have two kids, 4 and 7.",
     "Nice to meet you, Priya! I'll remember that you have two kids aged 4 and 7 and that you "
     "work as a nurse on night shifts."),
    ("I have a 3 year old and a 6 year old.",
     "Thanks for telling me. I'll remember that you have a 3 year old and a 6 year old."),
    # Named children together, and a pet's age with its name: "your cat is Milo who is 12
    # and that your cat is Milo".
    ("I have two kids, Arjun who is 7 and Maya who is 4.",
     "Thanks for telling me. I'll remember that your children are Arjun, 7, and Maya, 4."),
    ("I have a cat called Milo who is 12.",
     "Thanks for telling me. I'll remember that your cat Milo is 12."),
    # A move made, a dinner they host, a guest's allergy: "I'm glad to hear that you're
    # enjoying your new life in Leeds", and a vegan chocolate cake "with black pepper".
    ("I live in Leeds now, I moved from Glasgow.",
     "Thanks for telling me. I'll remember that you live in Leeds and that you moved from "
     "Glasgow."),
    ("I'm vegetarian and I'm hosting a dinner party for six on Saturday.",
     "Thanks for telling me. I'll remember that you're vegetarian and that you're hosting a "
     "dinner party for six on Saturday."),
    ("One of my guests is allergic to nuts.",
     "Thanks for telling me. I'll remember that one of your guests is allergic to nuts."),
    ("I'm having a baby.", ""),
    # What they live on: the model wrote of credit card debt "forever".
    ("I'm a student in Manchester and I have about 400 pounds a month after rent.",
     "Thanks for telling me. I'll remember that you're a student in Manchester and that you "
     "have about 400 pounds a month after rent."),
    # A relation named with their allergy is said back as one: "your daughter is Mia and that
    # your daughter is allergic to eggs".
    ("My husband Tom is allergic to shellfish and I live in York.",
     "Thanks for telling me. I'll remember that your husband Tom is allergic to shellfish and "
     "that you live in York."),
    ("I ran 10 km today.", ""),
    ("I'm preparing for the end.", ""),
    ("I'm training for my driving test and I'm so nervous.", ""),
    # A name said before what they are: through the server it got Portuguese nonsense.
    ("Hi, I'm Ana, a 34 year old nurse from Lisbon.",
     "Nice to meet you, Ana! I'll remember that you're 34, that you're a nurse and that "
     "you're from Lisbon."),
    # An age after the name, a field of work and a goal: the model wrote "It's great to meet
    # you again after a while. How have things been going with your weight loss journey?"
    ("I'm Sam, 34, I work in IT support and I'm trying to lose weight.",
     "Nice to meet you, Sam! I'll remember that you're 34, that you work in IT support and "
     "that your goal is to lose weight."),
    ("I work in marketing and I'm hoping to run a marathon.",
     "Thanks for telling me. I'll remember that you work in marketing and that your goal is "
     "to run a marathon."),
    ("I work in Leeds.", ""),
    ("I'm trying to decide what to cook.", ""),
    # A business of their own: "I'm glad to hear you're enjoying your new bakery."
    ("Hello! I'm Omar, I run a small bakery in Manchester.",
     "Nice to meet you, Omar! I'll remember that you run a small bakery in Manchester."),
    ("I run my own business and I live in Leeds.",
     "Thanks for telling me. I'll remember that you run your own business and that you live "
     "in Leeds."),
    ("I run a marathon every year.", ""),
    # A move about to be made: "I'm glad to hear you're enjoying your new home in Glasgow",
    # and Glasgow "Scotland's capital city". Where they live stays Bristol until they move.
    ("I'm moving to Glasgow next month",
     "Thanks for telling me. I'll remember that you're moving to Glasgow next month."),
    ("I'm Vivek, a vet nurse in Leeds.",
     "Nice to meet you, Vivek! I'll remember that you're a vet nurse in Leeds."),
    ("I'm moving to a new topic.", ""),
    # Who they live with: the model wrote of "someone who is already fragile or elderly".
    ("Hello, I'm Maria. I'm 72 and I live alone with my cat",
     "Nice to meet you, Maria! I'll remember that you're 72 and that you live alone with your "
     "cat."),
    # Happy news with who they are: the model wrote "As for the safety of yourself and
    # others... it's a big responsibility". Congratulated, not noted; "I'm pregnant." alone
    # may not be good news, and goes to the model.
    ("hey, my name's Jo. I'm 34 and pregnant with my first",
     "Nice to meet you, Jo! Congratulations on the pregnancy! I'll remember that you're 34."),
    ("We just got engaged!", "Congratulations on your engagement!"),
    ("I'm pregnant.", ""),
    ("I'm pregnant with my first and I'm terrified.", ""),
    # A condition told: the model wrote "How about meeting up for coffee sometime?", and the
    # safety caution about exercise ended it. Safety knows it for this conversation.
    ("hi, I'm Priya. I'm diabetic and I live in Leeds.",
     "Nice to meet you, Priya! I'll remember that you live in Leeds. I'll bear in mind that "
     "you're diabetic while we talk, when I suggest food, exercise or medicines."),
    ("I have asthma", "Thanks for telling me. I'll bear in mind that you have asthma while we "
     "talk, when I suggest food, exercise or medicines."),
    ("I'm diabetic and my mum is ill", ""),
    # An aside is not part of the taste: it was said back "you're vegetarian by the way".
    ("I'm vegetarian by the way", "Thanks for telling me. I'll remember that you're vegetarian."),
    ("I'm vegan, just so you know.", "Thanks for telling me. I'll remember that you're vegan."),
    # The rate they charge, and visits told with where someone lives: each got a reply of the
    # model's ("A job that pays £350 a day is quite competitive", and for the visits a cake
    # "made from local ingredients").
    ("I'm a freelance graphic designer and I charge £350 a day.",
     "Thanks for telling me. I'll remember that you're a freelance graphic designer and that "
     "you charge £350 a day."),
    ("My daughter Claire lives in Bristol and visits on Sundays.",
     "How lovely! I'll remember that your daughter Claire lives in Bristol."),
    ("My son Tom lives in Leeds. He comes round every other weekend.",
     "How lovely! I'll remember that your son Tom lives in Leeds."),
    ("My son Tom lives in Leeds and never calls.", ""),
    ("I'm 16 and my GCSEs start in May.",
     "Thanks for telling me. I'll remember that you're 16 and that your GCSEs start in May."),
    # a child's age with a half, and how they get on with technology: "Hi Leo, ... Lionel is a
    # wonderful boy", and a page of the model's on "amazing people passionate about technology"
    ("Hi, I'm Jess. My son Leo is 2 and a half.",
     "Nice to meet you, Jess! I'll remember that your son Leo is 2 and a half."),
    ("Hello, I'm Margaret, I'm 81 and not very good with technology.",
     "Nice to meet you, Margaret! I'll remember that you're 81 and that you're not very good "
     "with technology."),
    ("I'm not very good at maths.", ""),
    # a move told with whom, and both retired: "A new chapter ahead ... I've had the privilege
    # of working abroad several times before"
    ("I'm moving to Spain next spring with my husband Tom. We're both retired.",
     "Thanks for telling me. I'll remember that you're moving to Spain next spring with your "
     "husband Tom and that you're retired."),
    ("We're both tired.", ""),
    # a parent named and aged, said by their carer: the model wrote a life story for "Ruth"
    ("Mum's name is Ruth and she's 84.",
     "Thanks for telling me. I'll remember that your mum Ruth is 84."),
    # a new puppy of a breed, and a café with its staff: "a golden retriever mix", and "What's
    # the name of your cafe?"
    ("We just got a puppy! She's a 10 week old cocker spaniel called Bella.",
     "Thanks for telling me. Congratulations on your new puppy! I'll remember that your dog is "
     "Bella."),
    ("I run a small café in York with two staff.",
     "Thanks for telling me. I'll remember that you run a small café in York."),
])
def test_an_introduction_without_a_greeting_and_a_taste_are_said_back(said: str,
                                                                        reply: str) -> None:
    """"I'm Sam. I'm vegan and I live in Glasgow." got a made-up "Lentil Stew" story: "I'm
    Sam" was not read as a name without a "Hi", and a taste was only "kept in mind"."""
    from agents.introduced import told_about_themselves

    assert told_about_themselves(said) == reply


def test_an_introduction_with_a_standing_rule_is_acknowledged_by_code(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    """"Hi, I'm Priya. Whenever I ask for a recipe, ..." asks nothing yet: the model wrote
    "you can find me on my own website" and a diet was assumed for a recipe nobody asked."""
    fake_model.enqueue("However, you can find me on my own website.")
    done = tacit.ask("ana", "Hi, I'm Priya. Whenever I ask for a recipe, give me the prep "
                            "time first.")
    assert done.reply == "Nice to meet you, Priya! Got it. I'll keep to that from now on."
    assert done.trace["respond"]["model"] == "composed"
    assert not done.trace["elicit"]["assumed"] and "Assumed" not in done.shown
    assert "name: Priya" in {i.text for i in tacit.memory.items("ana", "fact")}
    assert 'Noted instruction: "Whenever I ask for a recipe, give me the prep time first."' \
        in done.shown
    fake_model.enqueue("Dal: rinse the lentils.")
    asked = tacit.ask("ana", "Hi, I'm Priya. Can you write me a short poem about the sea?")
    assert asked.trace["respond"]["model"] != "composed"


def test_a_message_that_only_tells_about_the_person_is_acknowledged_by_code(
    tacit: Tacit, fake_model: FakeModel
) -> None:
    """"Hi, I'm Maya. ..." asks nothing: the small model wrote a letter signed by someone else
    and "remembered" the allergy. Code says back what it understood, and the facts are kept."""
    fake_model.enqueue("Dear Maya, I've heard of your allergy before. Best regards, Alex")
    done = tacit.ask("ana", "Hi, I'm Maya. I'm allergic to peanuts and I live in Bristol.")
    assert done.reply == ("Nice to meet you, Maya! I'll remember that you're allergic to "
                          "peanuts and that you live in Bristol.")
    assert done.trace["respond"]["model"] == "composed"
    assert done.trace["elicit"]["question"] is None and not done.trace["elicit"]["assumed"]
    facts = {i.text for i in tacit.memory.items("ana", "fact")}
    assert {"name: Maya", "allergy: peanuts", "home city: Bristol"} <= facts
    # Later prompts do not offer the model that acknowledgement as an answer to copy.
    tacit.ask("ana", "Hi, I'm Maya. What's a good snack with no peanuts?", done.session_id)
    assert "Nice to meet you" not in str(fake_model.history[-1])
    # Anything besides what can be noted, and the model answers.
    fake_model.enqueue("I'm sorry to hear that.", "Enjoy her visit!")
    told = tacit.ask("ana", "I live in Leeds and my mum is ill.")
    assert told.shown.startswith("I'm sorry to hear that.")
    visit = tacit.ask("ana", "My sister Ana is visiting next week.")  # news beside her name
    assert visit.shown.startswith("Enjoy her visit!")
    fake_model.enqueue("Try the Royal Armouries.")
    assert tacit.ask("ana", "I live in Leeds. What should I see?").shown.startswith("Try the")


def test_a_partners_diet_told_with_what_it_asks_of_the_food_is_said_back(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"Sam is vegan, so the food needs to work for that.", of the fiancé told before, got
    "You can add: The meal plan should include 20% of your daily calories from protein"."""
    session = tacit.new_session("ana").id
    tacit.ask("ana", "Hi, I'm Priya. I'm getting married to Sam on 14 June next year!", session)
    tacit.flush()
    calls = len(fake_model.history)
    assert tacit.ask("ana", "Sam is vegan, so the food needs to work for that.",
                     session).reply == ("Thanks for telling me. I'll remember that your partner "
                                        "Sam is vegan.")
    assert len(fake_model.history) == calls
