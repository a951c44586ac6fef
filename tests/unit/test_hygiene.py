"""What goes into the prompt, what is learned from a turn, and what forgetting a turn leaves."""

from __future__ import annotations

import re
from datetime import datetime

from agents.capture import capture
from agents.memory_upkeep import update_memory
from agents.noting import prepare
from agents.refiners.base import REQUEST_TOKENS, ModelCalls, Situation
from agents.refiners.planner import refine_text
from agents.replies import DraftStream, follows_format, own_reply, usable_replies, without_footers
from agents.respond import NO_ANSWER, assemble_prompt
from agents.state import TurnContext
from assistant.memory_views import why_lines
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from memory.facade import Memory
from memory.facts import find_facts
from memory.preferences import signals

SCAFFOLD = re.compile(r"^\s*(?:\[\d{1,2} \w+ \d{4}\]|User:|Assistant:|Noted )", re.M)


# Capture precision ---------------------------------------------------------------------------

def test_only_the_clause_that_states_a_preference_is_kept_as_one() -> None:
    said = "Hi, I'm Rosa. I live in Porto and I'm vegetarian."
    assert [c.text for c in capture(said).candidates] == ["I'm vegetarian."]
    both = "I love jazz and I love blues."
    assert [c.text for c in capture(both).candidates] == [both]


def test_questions_requests_hypotheticals_and_other_peoples_tastes_are_not_preferences() -> None:
    for message in ["Am I vegetarian?", "Which units do I prefer?",
                    "What vegetarian dish could I cook with Inês this weekend?",
                    "My sister is vegan.", "If I were vegan, what would I eat?",
                    "Suggest a vegan dinner I could make."]:
        assert capture(message).candidates == [], message
        assert all(s.how == "chosen" for s in signals(message)), message
    assert signals("Am I vegetarian?") == []
    assert signals("Which units do I prefer, metric or imperial?") == []
    assert capture("My professor prefers R to Python.").candidates == []
    assert capture("My students love drawing dinosaurs.").candidates == []
    # A constraint of the moment is no preference ("Something quicker please, I only have
    # 20 minutes." was noted as one); "I only eat organic food" is.
    assert capture("Something quicker please, I only have 20 minutes.").candidates == []
    assert [c.text for c in capture("I only eat organic food.").candidates] == [
        "I only eat organic food."]
    # A child's age between "my" and "daughter" still makes it hers ("My 14 year old daughter
    # wants to go vegan, is that ok?" made the person vegan, and their answers lost meat).
    for message in ["My 14 year old daughter wants to go vegan, is that ok?",
                    "My 8-year-old son is vegetarian."]:
        assert signals(message) == [] and capture(message).candidates == [], message
    kept = capture("I'm vegetarian. My sister is vegan. Am I vegan?").candidates
    assert [c.text for c in kept] == ["I'm vegetarian."]
    # A guest's diet told with the person's own plans: "I'm having 6 friends over on Saturday
    # and one is coeliac." was noted as the person's preference, and later answers were
    # gluten-free "for you".
    for message in ["I'm having 6 friends over on Saturday and one is coeliac.",
                    "One of my friends is coeliac.",
                    "We have guests tonight, two of them are vegetarian."]:
        assert capture(message).candidates == [], message
    assert [c.text for c in capture("I'm vegan and one of my kids is too.").candidates] == [
        "I'm vegan and one of my kids is too."]


def test_a_rule_given_after_a_list_of_options_is_a_rule() -> None:
    offered = "You could try:\n1. A walk in the park\n2. A museum visit\n3. A cooking class"
    found = capture("From now on, use bullet points in your answers.", previous_reply=offered)
    assert [(c.kind, c.text) for c in found.candidates] == [
        ("instruction", "From now on, use bullet points in your answers.")]


def test_what_the_person_hates_or_does_not_eat_is_learned_and_nothing_else() -> None:
    def disliked(message: str) -> list[str]:
        return [f.value for f in find_facts(message) if f.attribute == "dislikes"]

    assert disliked("I'm vegetarian and I hate mushrooms.") == ["mushrooms"]
    assert disliked("I can't stand coriander.") == ["coriander"]
    assert disliked("I don't eat pork.") == ["pork"]
    assert disliked("I dislike olives and capers.") == ["olives and capers"]
    assert disliked("I hate mushrooms and I love olives.") == ["mushrooms"]
    for said in ("I hate it when it rains.", "I don't like to run.", "I don't like my job.",
                 "Do you hate mushrooms?", "My son hates mushrooms."):
        assert disliked(said) == [], said


def test_people_pets_and_where_they_live_are_learned() -> None:
    facts = {f.text for f in find_facts(
        "I live in Porto with my daughter Inês and a cat called Miso. "
        "My sister Clara lives in Braga.")}
    assert {"home city: Porto", "daughter: Inês", "cat: Miso", "sister: Clara",
            "where Clara lives: Braga"} <= facts
    assert find_facts("Where does my sister Clara live?") == []


def test_a_second_daughter_does_not_replace_the_first(tacit: Tacit) -> None:
    tacit.ask("ana", "My daughter Inês loves drawing.")
    tacit.ask("ana", "My daughter Rita started school.")
    facts = {i.text for i in tacit.memory.items("ana", kind="fact")}
    assert {"daughter: Inês", "daughter: Rita"} <= facts


def test_the_tree_root_never_lists_a_question_as_known(tacit: Tacit) -> None:
    for text in ["I'm vegetarian.", "Am I vegetarian?", "Which units do I prefer?"]:
        tacit.ask("ana", text)
    tacit.ask("ana", "Hello again.", tacit.new_session("ana").id)
    root = tacit.memory.tree.levels("ana")[3][0].summary
    assert "Known now" in root and "?" not in root.split("Known now", 1)[1]


def test_a_pasted_text_is_not_mined_and_repeats_count_once() -> None:
    pasted = "> I love durian.\n> I never eat breakfast.\n" + "I prefer tea. " * 200
    found = capture(f"Can you summarise this for me?\n{pasted}").candidates
    assert [c.text for c in found] == ["I prefer tea."]
    email = ("Please answer this email for me.\nFrom: Bob\nSubject: lunch\n"
             "I'm vegan and I hate waiting.")
    assert capture(email).candidates == []


# Bounded bookkeeping ---------------------------------------------------------------------------
def test_a_long_message_costs_a_bounded_number_of_model_calls(memory: Memory) -> None:
    model = FakeModel()
    for n in range(3):  # sessions left open: each would want a summary
        session = memory.start_session("ana")
        memory.record_turn("ana", session.id, f"I went hiking in place {n}.", "Nice.")
    current = memory.start_session("ana")
    message = " ".join(f"I really like dish number {n}. My friend Person{n} lives in Town{n}."
                       for n in range(300))
    ctx = TurnContext(model=model, memory=memory, extractor=model, summarizer=model,
                      learning_calls_per_turn=4)
    noting = prepare(memory, "ana", message, model=model)
    turn = memory.record_turn("ana", current.id, message, "ok")
    noting.commit(memory, "ana", turn.id)
    update_memory(ctx, {"user_id": "ana", "session_id": current.id, "message": message},
                  turn.id)
    assert 1 <= len(model.history) <= 4
    assert len(memory.items("ana", kind="preference")) <= 8


def notes_paste(size: int) -> str:
    """A request, then ``size`` characters of notes saying nearly the same things again and
    again, in the first person (as notes kept about oneself do), and ending with a question."""
    said = ["I prefer tea to coffee in the morning.", "I prefer tea to coffee in the mornings.",
            "i prefer tea to coffee in the morning!", "My bike is next to the red door.",
            "I always check the ferry times first.", "I always check the ferry times first!"]
    text = "Here are my notes from this year.\n\n"
    n = 0
    while len(text) < size - 60:
        text += f"{said[n % len(said)]} "
        n += 1
    return text + "\n\nWhat do I keep saying in these notes?"


def test_a_64_or_200_kb_paste_costs_the_same_bounded_model_calls(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """Whatever its size, a pasted text of near-identical sentences costs one reply call, at
    most one repair and the learning budget; the model sees a cut part and the person is told
    which; each thing said many times is kept once."""
    assert tacit.settings.max_message_chars >= 200_000  # a 200 KB document may be asked about
    for size in (64_000, 200_000):
        fake_model.history.clear()
        fake_model.enqueue("You keep saying you prefer tea and check the ferry times.")
        done = tacit.ask("ana", notes_paste(size), tacit.new_session("ana").id)
        assert done.trace["refine"]["model_calls"] <= 1
        assert len(fake_model.history) <= 2 + tacit.settings.learning_calls_per_turn, size
        respond = done.trace["respond"]
        assert respond["prompt_tokens"] <= respond["budget"]
        assert respond["message_cut"]["chars"] == len(notes_paste(size).strip())
        assert f"of {len(notes_paste(size).strip()):,} characters" in done.reply
        stored = tacit.memory.turns("ana", done.session_id)[-1].user_text
        assert stored == notes_paste(size).strip()  # the whole paste is kept, not the cut
    tea = [i for i in tacit.memory.items("ana", kind="preference") if "tea" in i.text.lower()]
    assert len(tea) == 1, [i.text for i in tea]


def code_paste(size: int) -> str:
    """The person's question, then about ``size`` characters of pasted code."""
    lines = "".join(f"def step_{n}(value):\n    return value * {n}  # scale it\n"
                    for n in range(size // 60))
    return f"What does this code do? Is there a bug?\n\n```python\n{lines}```"


def test_a_long_code_paste_costs_the_reply_and_one_fixed_size_repair(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """The reply's path makes one reply and at most one repair, and the repair reads a fixed
    share of the message however much code was pasted."""
    repair_tokens = []
    for size in (3_000, 30_000, 200_000):  # 200 KB: the longest message accepted
        fake_model.history.clear()
        fake_model.enqueue("It defines small functions that scale a value.")
        done = tacit.ask("ana", code_paste(size), tacit.new_session("ana").id)
        refine = done.trace["refine"]
        # "Is there a bug?" is left unanswered: the person's own question earns a repair.
        assert refine["repair"] == "add" and refine["model_calls"] == 1
        # The reply's calls carry the system prompt (a second one when the draft repeated an
        # earlier reply and was asked again); the repair is the call after them.
        replies = [h for h in fake_model.history if h[0]["role"] == "system"]
        repair = fake_model.history[len(replies)]
        assert len(replies) <= 2
        assert len(fake_model.history) <= len(replies) + 1 + \
            tacit.settings.learning_calls_per_turn
        repair_tokens.append(sum(fake_model.count_tokens(m["content"]) for m in repair))
    assert all(t <= REQUEST_TOKENS + 100 for t in repair_tokens), repair_tokens
    assert "characters left out" in repair[0]["content"]


def test_a_question_inside_a_pasted_email_is_no_reason_to_repair_the_reply() -> None:
    questions = "Can you send me the invoice today? Where should we meet for lunch on Friday?"
    draft = "Bob wants the invoice today."
    email = ("Please summarise this email.\n\nFrom: Bob <bob@example.org>\nSubject: lunch\n\n"
             + questions)
    model = FakeModel(context_window=4096)
    out = refine_text(draft, Situation(request=email), ModelCalls(model, 1))
    assert out.repair == "" and model.history == [] and out.unresolved == []
    asked = refine_text(draft, Situation(request=questions), ModelCalls(model, 1))
    assert asked.repair == "add" and len(model.history) == 1  # their own question is answered


# Prompt hygiene ----------------------------------------------------------------------------
def test_footers_and_repeated_replies_never_reach_the_prompt() -> None:
    reply = 'Try a lentil curry.\n\nNoted preference: "What could I cook?".\n(Assumed metric.)'
    assert without_footers(reply) == "Try a lentil curry."
    same = "I'm sorry, I couldn't find a travel idea. Can you tell me a vegetarian dish?"
    usable = usable_replies(["Porto is two hours from Braga by train.", same, same + " Thanks!"])
    assert usable[0] and usable[1] == "" and usable[2] == ""


def test_the_prompt_has_no_transcript_for_the_model_to_continue() -> None:
    model = FakeModel()
    recent = [{"user": "I'm vegetarian.", "assistant": "Noted. Lentils are a good start."}]
    prompt = assemble_prompt(model, user="ana", message="What should I cook?",
                             today=datetime(2026, 12, 2), recalled=[], recent=recent,
                             budget=500)
    assert [m["role"] for m in prompt.messages] == ["system", "user"]
    assert not SCAFFOLD.search(prompt.messages[0]["content"])
    assert prompt.messages[-1]["content"] == "What should I cook?"


def test_a_reply_that_continues_the_prompt_or_speaks_as_the_person_is_cut() -> None:
    draft = ("I'm Ana, a vegetarian chef. Lentils are cheap.\n"
             "[2 December 2026] User: How many years old is Inês?")
    assert own_reply(draft, "ana") == "Lentils are cheap."
    # A later line headed with their name is their turn written by the model: "Tom: Yes,
    # we'll definitely love you, my friend!" under a dessert.
    assert own_reply("A fruit crumble is easy.\nTom: Yes, we'll love you, my friend!",
                     "Tom") == "A fruit crumble is easy."
    assert own_reply("Ingredients:\nTomatoes: 3", "Tom") == "Ingredients:\nTomatoes: 3"
    # With no name known, "the person" names no one who could be spoken as.
    assert own_reply("This is the best way to cook rice. Boil it.", "the person") == \
        "This is the best way to cook rice. Boil it."


def test_a_line_made_of_the_guidance_words_is_cut() -> None:
    """"How far should my long run be this weekend?" got "- (197 cm, metres, kilograms, grams,
    litres, °C.)", the units guidance read back."""
    guidance = ["Use metric units only: kilometres, metres, kilograms, grams, litres, °C."]
    assert own_reply("Run 14 km at an easy pace.\n- (197 cm, metres, kilograms, grams, "
                     "litres, °C.)", "ana", guidance) == "Run 14 km at an easy pace."
    said = "Weigh 200 grams of flour and 2 litres of water."
    assert own_reply(said, "ana", guidance) == said
    # The note of what a message follows on from, in its own form: "And how many runs a
    # week?" got only '(This follows on from: "How many runs a week?")'.
    assert own_reply('Three runs a week.\n(This follows on from: "How many runs a week?")',
                     "ana") == "Three runs a week."
    # A short line of the prompt word for word: "Suppose I retired tomorrow, what would
    # change?" got only "A life transition matter:\n- Avoid rushing them."
    notes = ["Safety for this person (a life transition matter):", "Avoid rushing them."]
    assert own_reply("A life transition matter:\n- Avoid rushing them.", "ana", notes) == ""
    assert own_reply("Take your time.\n- Avoid rushing them.\n- Plan a routine.", "ana",
                     notes) == "Take your time.\n- Plan a routine."


def test_a_gesture_acted_out_as_in_a_script_is_left_out() -> None:
    """The model wrote "(smiling)" three times in one answer about breakfast."""
    draft = ("You're a curious one. (smiling) Eggs on toast are good. *laughs softly*\n"
             "Try oats (Winks.) and **nodding off** early.")
    assert own_reply(draft, "priya") == \
        "You're a curious one. Eggs on toast are good.\nTry oats and **nodding off** early."
    # So is the prompt's marker of an earlier answer, read back bare.
    assert own_reply("- 10% cocoa (you answered)\n- sugar", "priya") == "- 10% cocoa\n- sugar"
    # ... and with a made-up answer after it, under a camping packing list.
    assert own_reply("- Recycle it! (you answer: 13 ounces of soap + 7 liters of water)\n- a tent",
                     "priya") == "- Recycle it!\n- a tent"
    # What it is about to do, in brackets on a line of its own, to "Make it funnier".
    assert own_reply("(I'm going to make it funnier)\n\nHappy 30th, Ana! Still younger than "
                     "your jokes.", "priya") == "Happy 30th, Ana! Still younger than your jokes."
    aside = "Happy 30th (I'll make it funnier next time), Ana!"
    assert own_reply(aside, "priya") == aside


def test_a_note_read_back_in_the_notes_own_dated_form_is_cut_with_its_lead_in() -> None:
    """"Suggest a dinner for tonight." got "Here's the response:\nroot said (2026-12-31): I'm
    going to have a salad": the note's form "root said (day):" was not seen as an echo."""
    draft = ("Lentil soup is quick.\nHere's the response:\n"
             "root said (2026-12-31): I'm going to have a salad.")
    assert own_reply(draft, "root") == "Lentil soup is quick."
    kept = "Here are two ideas:\n- lentil soup\n- a frittata"
    assert own_reply(kept, "root") == kept
    # Inside a line too: 'In:root said (Sydney) "Today is Saturdays 13-Dec-2026".'
    inside = "Have a lentil soup. In:root said (Sydney) \"Today is Saturdays 13-Dec-2026\"."
    assert own_reply(inside, "root") == "Have a lentil soup."
    # The line read back copied the prompt's own: "about 12 kids, budget is tight" got only
    # "Here's a more precise answer:", and nothing was asked again.
    asked = "root said: can you help me plan a party for my son? he's turning 7"
    copied = f"Here's a more precise answer:\n{asked} (you answered: Happy birthday!)"
    assert own_reply(copied, "root", [asked]) == ""
    stream = DraftStream("root", [])
    shown = [stream.feed(p) for p in ["root", " said", " (", "5 Dec", ")", ":", " I", " am"]]
    assert "".join(shown) == ""


def test_a_line_that_reports_what_the_person_added_is_the_model_playing_both_sides() -> None:
    """"Suggest a nice walk near where I live." got "- The person added: You're right, I'm not
    sure where to go next." and nothing else."""
    assert own_reply("- The person added: You're right, I'm not sure where to go next.",
                     "the person") == ""
    assert own_reply("Try the river walk.\n- Ana asked: where else?", "Ana") == \
        "Try the river walk."
    kept = "Try the river walk. Ana added hills to her list, so the ridge path suits too."
    assert own_reply(kept, "Ana") == kept


def test_a_heading_that_reads_back_the_notes_header_is_left_out() -> None:
    """The model opened with "You know about root:" (its notes' header, "What you know about
    root:"), then wrote a list of its own."""
    assert own_reply("You know about root:\n1. Eat greens.", "root") == "1. Eat greens."
    kept = "Did you know about the night bus? It runs hourly."
    assert own_reply(kept, "root") == kept


def test_a_line_that_writes_out_the_request_as_a_note_is_left_out() -> None:
    """"What about a dessert?" got only "- the person asked about a dessert, which is not
    allowed in Thailand (they are vegetarian)"."""
    assert own_reply("Try mango sticky rice.\n- the person asked about a dessert, which is not "
                     "allowed in Thailand", "Tom") == "Try mango sticky rice."
    assert own_reply("- The user wants a dessert without peanuts.", "Tom") == ""
    assert own_reply("Try a rescue centre.\n- The person mentioned that they have a cat named "
                     "Luna.", "Tom") == "Try a rescue centre."
    kept = "When the user wants to log in, the page asks for a password."
    assert own_reply(kept, "Tom") == kept
    # "They said they ...": the person's words read back as a note, to "I earn about 2,400".
    assert own_reply("Here's a plan:\n- They said they've been struggling with debt.\n- Keep "
                     "rent under a third of pay.", "the person") == ("Here's a plan:\n- Keep "
                                                                      "rent under a third of pay.")
    said = "They said it would rain, so take a coat."
    assert own_reply(said, "Tom") == said


def test_a_draft_line_that_reads_back_the_prompt_is_left_out() -> None:
    notes = ["The user wants short answers: three sentences at most."]
    draft = "The user wants short, precise answers: three sentences at most.\nUse a mutex."
    assert own_reply(draft, "kenji", notes) == "Use a mutex."


def test_a_sentence_read_out_of_the_guidance_is_left_out_and_the_rest_kept() -> None:
    """"You asked for specifics that could hurt them." is the safety guidance spoken to the
    person; a sentence that shares a few of its words ("a doctor or pharmacist") is not."""
    guides = ["They asked for specifics that could hurt them while at risk: do not give "
              "amounts.", "Emphasise what a doctor or pharmacist can check for this person."]
    draft = ("You asked for specifics that could hurt them. Rest and drink water.\n"
             "Here's what a doctor or pharmacist can check for:\n"
             "Ask a doctor or pharmacist before you take anything new.")
    assert own_reply(draft, "ana", [], None, guides) == (
        "Rest and drink water.\n\nAsk a doctor or pharmacist before you take anything new.")
    assert own_reply(draft, "ana") == draft


def test_a_guidance_line_said_again_in_other_words_is_left_out() -> None:
    """"How much ibuprofen can I take in a day?" opened with "- Avoid giving doses beyond the
    label.", the guidance "Avoid diagnosing, or doses beyond the label." read back."""
    guides = ["- Avoid diagnosing, or doses beyond the label."]
    draft = "- Avoid giving doses beyond the label.\n\nAvoid alcohol and rest well tonight."
    assert own_reply(draft, "ana", [], None, guides) == "Avoid alcohol and rest well tonight."
    # "My boss yelled at me again" ended on the referral line read out and then rewritten.
    guides = ["- If it is serious or lasting, suggest a career adviser, or a doctor if work is "
              "harming their health."]
    draft = ("That sounds humiliating. If it is serious or lasting, suggest a career adviser, "
             "or if work has harmed your health, please reach out to a doctor who specializes "
             "in this field.")
    assert own_reply(draft, "ana", [], None, guides) == "That sounds humiliating."
    kept = "If it keeps happening, write down dates and what was said."
    assert own_reply(kept, "ana", [], None, guides) == kept


def test_a_repeated_reply_is_flagged_and_not_recalled(tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    same = "I'm sorry, I could not find a travel idea for your wife's birthday party."
    fake_model.enqueue(same, same, same)
    tacit.ask("ana", "Plan a trip.", session)
    done = tacit.ask("ana", "Plan a party.", session)
    assert done.trace["respond"]["repeats"] or done.trace["respond"]["regenerated"]
    third = tacit.ask("ana", "Any other idea?", session)
    prompt = fake_model.history[-1][0]["content"] if fake_model.history else ""
    assert prompt.count("travel idea") <= 1 and third.reply


def test_a_reply_that_only_points_at_an_earlier_one_is_asked_again(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"about 12 kids, budget is tight" got "(Same answer as previous)"."""
    session = tacit.new_session("ana").id
    fake_model.enqueue("Start with the guest list.", "(Same answer as previous)",
                       "With 12 kids, games at home keep it cheap.")
    tacit.ask("ana", "Help me plan a party for my son.", session)
    assert tacit.ask("ana", "about 12 kids, budget is tight", session).shown == \
        "With 12 kids, games at home keep it cheap."
    fake_model.enqueue("See above.", "Same as before.")
    assert tacit.ask("ana", "and the music?", session).shown == NO_ANSWER


def test_news_or_a_feeling_shared_gets_a_few_sentences_and_a_request_the_full_budget(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"I moved to Glasgow last month and I don't know anyone here. Feeling pretty lonely." got
    the same comfort said seven ways, to the end of the budget."""
    from agents.tuning import TurnTuning

    brief = TurnTuning.defaults().brief_reply_tokens
    session = tacit.new_session("ana").id
    fake_model.enqueue("That sounds hard.")
    shared = tacit.ask("ana", "My sister got married in Glasgow last month. Still feeling "
                       "pretty emotional about it.", session)
    assert shared.trace["respond"]["max_tokens"] == brief
    for asked in ("I need some tips for planning a vegetable garden.",
                  "Any ideas what to do this weekend?"):
        fake_model.enqueue("Try a walking group.")
        full = tacit.ask("ana", asked, session).trace["respond"]["max_tokens"]
        assert full > brief, asked
    # Meeting people after a move is answered by code now, with its tips.
    met = tacit.ask("ana", "Any ideas how to meet people?", session)
    assert met.reply.startswith("Making friends as an adult")
    # An answer to what Tacit asked wants what it was asked for.
    fake_model.enqueue("Where are you going?", "Day one: the old town.")
    tacit.ask("ana", "Plan a trip for me.", session)
    # (a city of no guide: Rome's sights are written by code, data/cities.yaml)
    assert tacit.ask("ana", "I'm going to Seville in May.", session).trace["respond"][
        "max_tokens"] > brief


def test_make_it_shorter_gives_the_last_answer_s_first_sentences(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"Make it shorter." got "I am not sure how to answer that": the model wrote only the
    note of what the message followed on from."""
    session = tacit.new_session("ana").id
    answer = ("Walking helps your heart and lungs. It lifts your mood. A brisk pace burns "
              "calories and keeps your weight steady over the years. It strengthens the bones "
              "of your legs and hips, which matters more with age. Walking outdoors in daylight "
              "helps you fall asleep at night. Walking with a friend is a chance to talk, and "
              "a park or a canal path makes it more pleasant than a busy road.")
    fake_model.enqueue(answer)
    tacit.ask("ana", "What are the benefits of walking every day?", session)
    calls = len(fake_model.history)
    short = tacit.ask("ana", "Make it shorter.", session).shown
    assert short.startswith("Walking helps your heart and lungs. It lifts your mood.")
    assert len(short.split()) <= 60 and len(fake_model.history) == calls
    # A list keeps whole lines; an answer already short keeps its first sentences, or is
    # said to be short already (the model asked wrote "What's your name? Where do you live?").
    from agents.replies import ALREADY_SHORT, shorter

    listed = "Here are ideas:\n" + "\n".join(f"{n}. A game of catch in the park number {n}, "
                                              "with a picnic after." for n in range(1, 8))
    assert shorter("Make it shorter.", [{"said": listed}]) == "\n".join(listed.splitlines()[:5])
    assert shorter("Make it shorter.", [{"said": "A riddle:\n1. What has keys? A piano."}]) == \
        ALREADY_SHORT
    assert shorter("Make it shorter.", [{"said": "Basil likes sun. Water it when the soil is "
                                                 "dry. Pinch off the flowers."}]) == \
        "Basil likes sun."
    assert shorter("too long", [{"said": "Basil likes six hours of sun."}]) == ALREADY_SHORT
    # Past a reply that said nothing, the answer before it is the one made shorter.
    other = tacit.new_session("ana").id
    fake_model.enqueue("Reading widens your vocabulary. Fiction builds empathy for lives unlike "
                       "your own. Ten minutes before bed calms a busy mind better than a screen "
                       "does. A book club turns it into a way to meet people, and a library card "
                       "makes all of it free, with audiobooks for the commute and large print "
                       "when your eyes are tired. Keeping a list of what you finish shows how "
                       "far you have come over a year.")
    tacit.ask("ana", "Why should I read more?", other)
    fake_model.enqueue("Sorry.", "Sorry.")
    tacit.ask("ana", "Hmm?", other)
    assert tacit.ask("ana", "Too long.", other).shown.startswith("Reading widens your vocabulary.")
    # After a listing, the same listing without where each thing was told.
    third = tacit.new_session("ana").id
    tacit.ask("ana", "I'm Priya and I live in Leeds.", third)
    listed = tacit.ask("ana", "what's my name and where do I live?", third).shown
    assert "you told me on" in listed
    brief = tacit.ask("ana", "make it shorter", third).shown
    assert "Priya" in brief and "Leeds" in brief and "you told me on" not in brief
    fake_model.enqueue("Shorter sentences are easier to read.")
    assert tacit.ask("ana", "Are shorter sentences better?", session).shown.startswith(
        "Shorter sentences are easier")


def test_a_request_said_back_as_something_the_person_may_not_do_is_asked_again(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"Give me a workout for this morning." got "You can't workout for today." and nothing
    else."""
    fake_model.enqueue("You can't workout for today.",
                       "Ten minutes: march in place, wall push-ups, chair squats, a stretch.")
    done = tacit.ask("ana", "Give me a workout for this morning.")
    assert done.reply.startswith("Ten minutes: march in place")
    assert done.trace["respond"]["regenerated"]
    from agents.replies import turns_back

    # A question of what they may do is answered so.
    assert not turns_back("You can't give a dog chocolate.", "Can I give my dog chocolate?")
    assert not turns_back("You can't eat breakfast yet.", "Give me a workout for this morning.")
    # After a "but" too: "Give me a recipe for a weeknight curry." got "You could add it to
    # your list of ingredients, but you cannot change the recipe itself."
    assert turns_back("You could add it to your list of ingredients, but you cannot change the "
                      "recipe itself.", "Give me a recipe for a weeknight curry.")
    assert not turns_back("Try a chickpea curry. You can't go wrong with this curry.",
                          "Give me a recipe for a weeknight curry.")
    assert not turns_back("You shouldn't skip the warm-up. Walk for five minutes. Then squat.",
                          "Give me a workout for this morning.")


def test_a_reply_that_only_turns_the_person_away_is_asked_again(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"I feel so down all the time, how do I cope?" got "This is not something that can be
    discussed in public." and nothing else."""
    away = "This is not something that can be discussed in public."
    fake_model.enqueue(away, "Tell her gently and in private, and keep it short.")
    done = tacit.ask("ana", "How do I tell my sister I'm not keen on her new boyfriend?")
    assert done.reply.startswith("Tell her gently and in private")
    assert done.trace["respond"]["regenerated"]
    # A refusal with an answer around it is an answer.
    fake_model.enqueue("I can't give legal advice, but a will needs two witnesses. A "
                       "solicitor can check it.")
    kept = tacit.ask("ana", "Does a will need witnesses?")
    assert "two witnesses" in kept.reply and not kept.trace["respond"]["regenerated"]
    from agents.replies import turns_away

    # "I can't give you a workout right now" with a lead-in and a line of nonsense after it.
    assert turns_away("I'm sorry, but I can't give you a workout right now. But here's "
                      "something else:\nYou're not allowed to do anything except sing!")
    assert not turns_away("You can't give a dog chocolate.")
    # The request turned back on the person: "Suggest a dinner for tonight." got "You can't
    # suggest a dinner for tonight.", then "you're not allowed to make any suggestions".
    assert turns_away("You can't suggest a dinner for tonight.")
    assert turns_away("You're not allowed to suggest a meal or dinner right now because we are "
                      "in a conversation about food. We have already discussed pizza!")
    assert not turns_away("You can't make a souffle without eggs. Use aquafaba instead.")
    # A recipe asked for got "as a helpful assistant, I can only assist with recipes".
    assert turns_away("I'm sorry for any confusion, but as a helpful assistant, I can only "
                      "assist with recipes. However, if you have ideas, tell me?")
    assert not turns_away("I cannot recommend this book enough. It is wonderful.")
    # "Can you give me a recipe for dinner?" got "I don't have any recipes available".
    assert turns_away("I'm sorry, but I don't have any recipes available right now.")
    assert not turns_away("I don't have any specific recipes for you, but a risotto is easy: "
                          "fry the rice, then add stock.")
    # "My cat died yesterday." got "I'm sorry for your loss, but I don't have the ability to
    # assist with that."
    from agents.replies import without_refusals

    assert turns_away("I'm sorry for your loss, but I don't have the ability to assist with "
                      "that.")
    assert without_refusals("I'm sorry for your loss, but I don't have the ability to assist "
                            "with that. Losing a cat hurts.") == \
        "I'm sorry for your loss. Losing a cat hurts."
    # Where refusing is right (a crisis, a possible one, amounts withheld), it stands.
    from agents.respond import _refusal_fits
    from agents.safety_assessment import SafetyAssessment

    assert _refusal_fits({"safety": SafetyAssessment(withhold_specifics=True)})  # type: ignore
    assert _refusal_fits({"safety": SafetyAssessment(crisis_level="possible")})  # type: ignore
    assert not _refusal_fits({"safety": SafetyAssessment(domain="health")})  # type: ignore


def test_a_refusal_inside_an_answer_is_left_out_where_refusing_does_not_fit(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"My mum died last month and I keep forgetting to eat." got "I'm sorry for your loss,
    but I can't help you with that." before its advice."""
    fake_model.enqueue("I'm sorry for your loss, but I can't help you with that. Keep easy "
                       "food in sight, and set a reminder for lunch. Eat with a friend when "
                       "you can. Small meals count.")
    done = tacit.ask("ana", "My mum died last month and I keep forgetting to eat.")
    assert done.reply.startswith("I'm sorry for your loss. Keep easy food in sight")
    assert "can't help" not in done.reply
    from agents.replies import without_refusals

    assert without_refusals("I can't help with that. Call a pharmacist.") == \
        "Call a pharmacist."
    assert without_refusals("I can't help with that.") == "I can't help with that."
    assert without_refusals("I can't give legal advice, but a will needs two witnesses.") == \
        "I can't give legal advice, but a will needs two witnesses."


def test_a_draft_all_in_a_language_nobody_asked_for_is_asked_again(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"My knee hurts after running" was answered in made-up German; its translation by the
    same model failed too, and the person got "I couldn't put a good answer together"."""
    fake_model.enqueue("Das ist die Auswahl der Klippel-Krankheit, wirklich eine kleine Sache.",
                       "Rest it for a few days, and see a doctor if it swells.")
    done = tacit.ask("ana", "My knee hurts after running, what should I do?")
    assert done.reply.startswith("Rest it for a few days")
    assert done.trace["respond"]["regenerated"]
    # An English message of few function words: "Hi, I'm Ana, a 34 year old nurse from
    # Lisbon." was answered "Não, nós ao dia. Nossa este e o mesmo." and it stood.
    from agents.refiners.text import language

    assert language("Hi, I'm Ana, a 34 year old nurse from Lisbon.") == "en"
    fake_model.enqueue("Não, nós ao dia. Nossa este e o mesmo. E que é a sua ideia?",
                       "Lisbon has lovely trams.")
    trams = tacit.ask("ana", "Hi, I'm just back from Lisbon, it was great at this time of year.")
    assert trams.reply.startswith("Lisbon has lovely trams")
    fake_model.enqueue("Bonjour ! Voici une idée de dîner : une soupe à l'oignon.")
    asked = tacit.ask("ana", "Answer in French: an idea for dinner?")
    assert "soupe" in asked.reply and not asked.trace["respond"]["regenerated"]


def test_bullet_points_asked_for_are_given() -> None:
    rules = ["Always answer in bullet points."]
    out = follows_format("Cook rice. Add the beans. Serve hot.", rules)
    assert out.splitlines() == ["- Cook rice.", "- Add the beans.", "- Serve hot."]
    assert follows_format("Cook rice. Add beans.", ["Never use bullet points."]) == \
        "Cook rice. Add beans."


def test_a_bullet_instruction_is_followed_through_a_turn(tacit: Tacit,
                                                         fake_model: FakeModel) -> None:
    tacit.ask("ana", "Always answer in bullet points.")
    fake_model.enqueue("Braga has old churches. It has the Bom Jesus steps. Trams are fun.")
    done = tacit.ask("ana", "What can I see in Braga?")  # a city of no guide
    assert done.reply.splitlines()[:3] == ["- Braga has old churches.",
                                           "- It has the Bom Jesus steps.",
                                           "- Trams are fun."]


# Budgets ---------------------------------------------------------------------------------------
def test_a_huge_message_fits_the_budget_and_the_person_is_told(tacit: Tacit,
                                                               fake_model: FakeModel) -> None:
    tacit.ask("ana", "I'm vegetarian. From now on, answer in bullet points.")
    long = "I prefer tea over coffee in the morning. " * 775  # about 31,000 characters
    done = tacit.ask("ana", long + "What do you make of this?")
    respond = done.trace["respond"]
    assert respond["prompt_tokens"] <= respond["budget"]
    assert respond["message_cut"] and "model read its first" in done.reply
    assert respond["instructions_in_prompt"] == 1  # the rule kept its place
    prompt = fake_model.history[-1] if fake_model.history else []
    assert sum(fake_model.count_tokens(m["content"]) + 8 for m in prompt) <= respond["budget"]
    tea = [i for i in tacit.memory.items("ana", kind="preference") if "tea" in i.text]
    assert len(tea) == 1


def test_why_never_reports_more_than_the_budget(tacit: Tacit) -> None:
    for n in range(6):
        tacit.ask("ana", f"I love vegetarian dish number {n} with plenty of garlic and herbs.")
    done = tacit.ask("ana", "Which vegetarian dishes with garlic do I love?")
    recall = done.trace["recall"]
    assert recall["tokens"] <= recall["budget"]
    line = why_lines(tacit.explain("ana", done.turn_id))[1]
    spent, budget = map(int, re.search(r"(\d+) of (\d+) tokens", line).groups())  # type: ignore
    assert spent <= budget


# Forget by provenance ----------------------------------------------------------------------------
def test_forgetting_one_turn_keeps_what_other_turns_also_taught(tacit: Tacit) -> None:
    turns = [tacit.ask("ana", text).turn_id for text in
             ["I'm vegetarian.", "I'm vegetarian, as I said.", "Remember I'm vegetarian."]]
    before = tacit.memory.profile.beliefs("ana")["diet"]
    assert before.value == "vegetarian" and len(before.source) == 3
    tacit.forget("ana", turns[1])
    after = tacit.memory.profile.beliefs("ana")["diet"]
    assert after.value == "vegetarian" and turns[1] not in after.source
    assert after.confidence < before.confidence
    kept = [i.text for i in tacit.memory.items("ana", kind="preference")]
    assert "I'm vegetarian." in kept and "I'm vegetarian, as I said." not in kept
    for turn in (turns[0], turns[2]):
        tacit.forget("ana", turn)
    assert tacit.memory.profile.beliefs("ana")["diet"].value is None
    assert tacit.memory.items("ana", kind="preference") == []


def test_a_fact_said_twice_survives_forgetting_one_of_the_turns(tacit: Tacit) -> None:
    first = tacit.ask("ana", "I live in Porto.").turn_id
    tacit.ask("ana", "As I said, I live in Porto.")
    tacit.forget("ana", first)
    assert [i.text for i in tacit.memory.items("ana", kind="fact")] == ["home city: Porto"]


def test_the_first_sentence_shows_word_by_word_unless_it_reads_back_the_prompt() -> None:
    def shown_before_the_stop(pieces: list[str], notes: list[str]) -> str:
        stream = DraftStream("ana", notes)
        return "".join(stream.feed(p) for p in pieces if not p.endswith("."))

    notes = ["Ana wants short answers: three sentences at most."]
    reply = ["Lentils", " are", " cheap", " and", " easy", " to", " cook", "."]
    assert shown_before_the_stop(reply, notes) == "Lentils are cheap and easy to"
    for held in (["User:", " What", " else", " can", " I", " cook", "."],
                 ["-", " ana", " said:", " I'm", " vegetarian", " and", " poor", "."],
                 ["Ana", " wants", " short", " answers:", " three", " sentences", "."]):
        assert shown_before_the_stop(held, notes) == "", held


def test_what_is_streamed_never_shows_the_prompt_or_a_next_turn(tacit: Tacit,
                                                                fake_model: FakeModel) -> None:
    from assistant.service import Token

    fake_model.enqueue("Lentils are cheap.\n- ana said: I'm vegetarian.\nSoak them first.\n"
                       "User: What else?\nAssistant: Beans.")
    session = tacit.new_session("ana").id
    shown = "".join(e.text for e in tacit.send("ana", session, "What is cheap?",
                                               interactive=False) if isinstance(e, Token))
    assert shown.strip() == "Lentils are cheap.\nSoak them first."
    assert tacit.history("ana", session)[-1][1] == "Lentils are cheap.\nSoak them first."


def test_a_note_read_back_under_the_name_they_gave_is_not_shown(tacit: Tacit,
                                                                fake_model: FakeModel) -> None:
    """Once "ana" said she is Rosa, the prompt's notes say "Rosa said: ..."; a draft that
    reads one back is cut like any other note, not shown as the answer."""
    from assistant.service import Token

    session = tacit.new_session("ana").id
    list(tacit.send("ana", session, "Hi, I'm Rosa. I'm vegetarian.", interactive=False))
    tacit.flush()  # what is learned from it is learned before the next reply is queued
    fake_model.enqueue("Here's the answer:\n- Rosa said: Hi, I'm Rosa. I'm vegetarian and I run.\n"
                       "Try a lentil curry.")
    shown = "".join(e.text for e in tacit.send("ana", session, "Dinner ideas?",
                                               interactive=False) if isinstance(e, Token))
    assert "Rosa said" not in shown
    assert "lentil curry" in shown


def test_an_answer_to_the_same_question_asked_before_is_not_offered_again(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"How far should my long run be this weekend?" asked again had the first answer,
    "18.2056 mm, 97.43 km", in its prompt as what Tacit answered; the model built on it."""
    asked = "How far should my long run be this weekend?"
    fake_model.enqueue("18.2056 mm, 97.43 km")
    tacit.ask("ana", asked, tacit.new_session("ana").id)
    tacit.flush()
    fake_model.enqueue("About 12 km at an easy pace.")
    again = tacit.ask("ana", asked, tacit.new_session("ana").id)
    assert again.reply.startswith("About 12 km")
    assert "18.2056" not in fake_model.history[-1][0]["content"]
    # Another question keeps what was answered to it.
    fake_model.enqueue("Three runs a week is plenty.")
    tacit.ask("ana", "How many runs a week should I do?", tacit.new_session("ana").id)
    tacit.flush()
    fake_model.enqueue("Keep them easy.")
    tacit.ask("ana", "And how fast should those runs be?", tacit.new_session("ana").id)
    assert "(you answered: Three runs a week is plenty.)" in fake_model.history[-1][0]["content"]


def test_an_earlier_reply_asked_for_again_is_quoted_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"What was the first thing you suggested?" got "In my previous response, you asked me to
    suggest a new product or service ...", made up by the small model."""
    session = tacit.new_session("ana").id
    fake_model.enqueue("Walk along the river to Belém.", "Take the tram to Alfama.",
                       "Eat at a tasca.", "Sit in a miradouro at sunset.",
                       "Take the train to Sintra.")
    for asked in ("Plan a day in Coimbra.", "Another idea?", "And for lunch?",
                  "And the evening?", "One more?"):
        tacit.ask("ana", asked, session)
    first = tacit.ask("ana", "What was the first thing you suggested?", session)
    assert first.reply == "First I said:\n\nWalk along the river to Belém."  # older than recent
    assert first.trace["respond"]["model"] == "composed"
    again = tacit.ask("ana", "Can you repeat that?", session)
    assert again.reply == "I said:\n\nWalk along the river to Belém."
    fake_model.enqueue("With less salt: season at the end.")
    assert tacit.ask("ana", "Can you repeat the recipe with less salt?", session).reply \
        .startswith("With less salt")


def test_a_reply_that_only_says_the_request_back_is_asked_again(tacit: Tacit,
                                                               fake_model: FakeModel) -> None:
    """"can you help me write a short message to my landlord? the boiler has been broken for
    3 days" got "The boiler has been broken for 3 days.", and nothing written."""
    from agents.replies import only_echoes

    asked = ("hey, can you help me write a short message to my landlord? the boiler has been "
             "broken for 3 days")
    fake_model.enqueue("The boiler has been broken for 3 days.",
                       "Hi Sam, the boiler has been broken for three days. Could you send "
                       "someone this week? Thanks, Ana")
    done = tacit.ask("ana", asked)
    assert done.reply.startswith("Hi Sam,") and done.trace["respond"]["regenerated"]
    assert only_echoes("The boiler has been broken for 3 days.", asked)
    # A question answered in its own words; a draft that says more; too few words to judge.
    assert not only_echoes("Paris is the capital of France.", "Is Paris the capital of France?")
    assert not only_echoes("Dear landlord, the boiler has been broken for 3 days. Please fix "
                           "it.", asked)
    assert not only_echoes("HELLO", "Convert this to uppercase: hello")
    assert only_echoes("thanks, he's 9", "thanks, he's 9")  # the whole message said back
    spanish = "Hola, me llamo Lucía. ¿Me recomiendas un libro para aprender inglés?"
    assert only_echoes(spanish, spanish)  # the question asked back
    assert not only_echoes("Is it? Paris is the capital of France.",
                           "Is Paris the capital of France?")
    # A text to be written, asked back about: "Can you please provide me with a specific
    # piece of furniture that has been leaking kitchen tap?"
    from agents.replies import says_nothing

    tap = ("Can you help me write a short email to my landlord? The kitchen tap has been "
           "leaking for a week.")
    assert says_nothing("Can you please provide me with a specific piece of furniture that has "
                        "been leaking kitchen tap?", tap)
    assert not says_nothing("Dear landlord, the kitchen tap has leaked for a week. Could you "
                            "send a plumber?", tap)
    assert not says_nothing("Which country is it?", "What is the capital city there?")
    # a lead-in with nothing after it: "how often should I water a cactus?" got "The answer
    # to this question is:"
    assert says_nothing("The answer to your question is:", "how can I be more productive?")
    assert not says_nothing("Here are a few ideas:\n- a fixed start time\n- a proper desk",
                            "how can I be more productive?")


def test_a_reply_that_only_promises_help_is_asked_again(tacit: Tacit,
                                                        fake_model: FakeModel) -> None:
    """"Can you suggest a weekend trip for me?", from someone who loves hiking, got "Sure, I'd be
    happy to help you plan something exciting. What's your pleasure?", and once "I'm sorry for
    the confusion, but I can help you with that."."""
    fake_model.enqueue("Sure, I'd be happy to help you plan something exciting. What's your "
                       "pleasure?", "Try two days of ridge walks in the Lake District.")
    done = tacit.ask("ana", "Can you suggest a weekend trip for me?")
    assert done.reply.startswith("Try two days of ridge walks")
    assert done.trace["respond"]["regenerated"]
    from agents.replies import only_promises

    assert only_promises("I'm sorry for the confusion, but I can help you with that.",
                         "Can you suggest a weekend trip for me?")
    # Help promised and given; a request for nothing yet; news, not a request.
    assert not only_promises("Sure, happy to help. Try the Lake District.",
                             "Can you suggest a weekend trip for me?")
    assert not only_promises("Of course! I'd be happy to help. What do you need?",
                             "Can you help me?")
    assert not only_promises("Thanks for telling me.", "I love hiking in the mountains.")
    assert not only_promises("Where are you going?", "Plan a trip for me.")
    assert not only_promises("Sure, I can help with that: try the Lake District for two days.",
                             "Can you suggest a weekend trip for me?")
    # A rule promised back for an answer: "I'll make sure to keep my answers short, please."
    letter = "How should I open a letter to a new client?"
    assert only_promises("I'll make sure to keep my answers short, please.", letter)
    assert not only_promises("I'll keep it short: open with their name and one line on who "
                             "you are.", letter)


def test_a_limit_in_words_or_sentences_asks_for_short_answers_of_that_length(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"From now on keep your answers under 50 words, please." was followed by six tips on
    learning the guitar, 150 words."""
    from agents.replies import word_limit

    assert word_limit(["From now on keep your answers under 50 words, please."]) == 50
    assert word_limit(["Keep it to no more than 30 words."]) == 30
    assert word_limit(["Answer in one sentence."]) == 20
    assert word_limit(["Keep replies to a sentence or two."]) == 40
    assert word_limit(["I read 50 words a minute."]) is None
    assert word_limit(["Don't keep answers under 50 words."]) is None
    draft = " ".join(f"Sentence number {n} has exactly eight words here." for n in range(10))
    assert len(follows_format(draft, ["Keep answers under 20 words."]).split()) == 16
    session = tacit.new_session("ana").id
    tacit.ask("ana", "Hi, I'm Priya. From now on keep your answers under 50 words, please.",
              session)
    tacit.flush()
    guitar = tacit.ask("ana", "What's a good way to start learning to play the guitar?",
                       session).reply
    assert guitar.count("\n- ") == 2, guitar  # the first two tips, not six
