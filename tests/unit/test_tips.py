"""What to look for when buying a laptop, a phone, headphones, a TV and the like, written by
code: "What laptop should I buy for university?" got an invented "BlackBerry 10 Ultra ... Intel
Core i7-2650k @ 4.8GHz ... Windows 13" from the bundled model."""

from __future__ import annotations

import re

import pytest

from agents.tips import answer as tips
from assistant.models.fake import FakeModel
from assistant.service import Tacit

LAPTOP = "A laptop that suits you"
DESKTOP = "A desktop computer gives more for the money"
MONITOR = "Choose a monitor by what you'll do on it"
PHONE = "The right phone depends mostly on how you use it"
HEADPHONES = "Which headphones suit you"
TABLET = "Be clear first what a tablet is mainly for"
TV = "For a TV, the room and what you watch matter more"
PRINTER = "With a printer, what the ink or toner costs"
BUYING = (LAPTOP, DESKTOP, MONITOR, PHONE, HEADPHONES, TABLET, TV, PRINTER)


@pytest.mark.parametrize(("message", "lead"), [
    ("What laptop should I buy for university?", LAPTOP),
    ("what laptop should I buy", LAPTOP),  # asked without a question mark
    ("which laptop is best for university", LAPTOP),
    ("is it worth buying a refurbished laptop?", LAPTOP),
    ("I need a new laptop for work, any recommendations?", LAPTOP),
    ("what desktop computer should I buy?", DESKTOP),
    ("which PC should I get for gaming?", DESKTOP),
    ("what monitor should I buy for working from home?", MONITOR),
    ("recommend a monitor for my laptop", MONITOR),
    ("I need a new phone, what should I get?", PHONE),
    ("what's a good phone for my mum?", PHONE),
    ("is it worth buying a refurbished phone?", PHONE),
    ("recommend some headphones", HEADPHONES),
    ("what headphones should I buy for running?", HEADPHONES),
    ("are noise cancelling headphones worth it?", HEADPHONES),
    ("what should I look for in a tablet?", TABLET),
    ("which tablet should I get for my kids?", TABLET),
    ("help me choose a TV", TV),
    ("I'm looking for a new TV, any advice?", TV),
    ("what size TV should I get?", TV),
    ("what printer should I buy?", PRINTER),
    ("I need a printer for occasional printing, any recommendations?", PRINTER),
])
def test_a_request_for_buying_advice_gets_what_to_look_for(message: str, lead: str) -> None:
    reply = tips(message) or ""
    assert reply.startswith(lead), reply[:80]
    assert reply.count("\n- ") >= 4 and "independent reviews" in reply
    # nothing that dates or was made up: no price, no processor generation
    assert not re.search(r"[£$€]\s?\d|\bi[3579]-\d", reply)


def test_the_laptop_tips_say_how_much_memory_and_storage_and_where_to_save() -> None:
    reply = tips("What laptop should I buy for university?") or ""
    assert "8 GB" in reply and "16 GB" in reply and "SSD" in reply
    assert "student discounts" in reply and "refurbished" in reply
    assert "not the maker's figure" in reply


@pytest.mark.parametrize("message", [
    "my laptop is slow",
    "which laptop should I buy, mine is slow",  # the checks for a slow one may do instead
    "my phone screen cracked, what should I do?",
    "how do I connect my headphones to my laptop?",
    "my TV won't turn on, any ideas?",
    "what's on TV tonight?",
    "recommend a good TV show",
    "I bought a new laptop!",
    "I bought a new laptop, what do you think?",
    "laptop stand for my back",
    "what laptop stand should I buy for my back?",
    "which phone plan should I get?",
    "I need a new phone charger, which one should I get?",
    "what dishwasher tablets should I buy?",
    "which tablets are best for hay fever?",
    "what baby monitor should I buy?",
    "which 3D printer should I buy?",
    "should I repair my phone or buy a new one?",
    "I'm getting a new phone tomorrow, how do I transfer my photos?",
    "what's the best way to clean laptops?",
    "I want to die. which phone should I buy so my family can find my messages",
])
def test_look_alikes_of_a_buying_question_get_no_buying_advice(message: str) -> None:
    assert not (tips(message) or "").startswith(BUYING)


def test_what_else_after_the_tips_gets_the_further_ones_and_short_answers_get_two() -> None:
    asked = "what laptop should I buy for uni?"
    first = tips(asked) or ""
    then = tips("what else?", [{"user": asked, "assistant": first}]) or ""
    assert "IT pages" in then and "8 GB" not in then
    short = tips(asked, short=True) or ""
    assert short.startswith(LAPTOP) and short.count("\n- ") == 2


def test_a_whole_turn_asking_which_laptop_to_buy_is_answered_without_the_model(
        tacit: Tacit, fake_model: FakeModel) -> None:
    calls = len(fake_model.history)
    reply = tacit.ask("ana", "What laptop should I buy for university?").reply
    assert reply.startswith(LAPTOP) and "BlackBerry" not in reply
    assert len(fake_model.history) == calls


@pytest.mark.parametrize(("message", "lead"), [
    ("How much water should I drink a day?", "A common guide for adults is 6 to 8 glasses"),
    ("How many glasses of water should I drink?", "A common guide for adults is 6 to 8 glasses"),
    ("What should I eat before a night shift?", "Eating on nights goes best"),
    ("any tips for eating on night shifts?", "Eating on nights goes best"),
    ("What's a good way to fall asleep during the day after a night shift?",
     "Sleeping in the day after night shifts"),
    ("What's a good way to wind down after a night shift?",
     "Sleeping in the day after night shifts"),
    ("I've been struggling to sleep lately.", "A few things that help most people sleep"),
    ("How do I video call my sister in Canada?", "The easiest way is an app you both"),
    ("my manager keeps piling work on me and I'm working till 10pm most nights",
     "That's a lot to carry, and a workload like that"),
    ("Asha spends hours on her phone every night and we keep arguing about it. What should I "
     "do?", "Rows over phones are very common with teenagers"),
    ("Rohan's birthday is on the 3rd of January. Any party ideas for a 10 year old?",
     "Party ideas children love"),
    ("How much should I spend on a birthday present for his friend?",
     "For a present for a child's friend, most parents keep it modest"),
])
def test_water_a_day_food_on_nights_and_falling_asleep_after_them(message: str,
                                                                   lead: str) -> None:
    """"How much water should I drink a day?" got "You're a chatbot, and I'm not an AI.";
    food before a night shift, "a glass of water, which is also full of nutrients like
    protein"; "fall asleep" in the day went to the model ("asleep" was not "sleep"); winding
    down after nights got snacks "for the brain to digest"; "I've been struggling to sleep"
    asked nothing, so got no tips; a video call to Canada, a "Canadian video conferencing
    service"."""
    assert (tips(message) or "").startswith(lead)


def test_water_for_a_dog_or_with_kidney_disease_is_left_alone() -> None:
    for message in ("How much water should I give my dog?",
                    "How much water should I drink with kidney disease?"):
        assert tips(message) is None, message


def test_packed_lunches_for_children_get_what_to_put_in_them() -> None:
    """"What should I pack for the kids' school lunches?" got "Pets are not allowed at school
    lunches!"."""
    lead = "Packed lunches that children eat"
    for asked in ("What should I pack for the kids' school lunches?",
                  "Any ideas for my son's lunchbox?", "Packed lunch ideas for a 7 year old?"):
        assert (tips(asked) or "").startswith(lead), asked
    for other in ("What can I take for a packed lunch for work?",
                  "My son is allergic to nuts, what can go in his lunch box?",
                  "I forgot my lunch today"):
        assert not (tips(other) or "").startswith(lead), other


def test_what_exercise_suits_them_gets_the_week_most_adults_need() -> None:
    """A 68-year-old with high blood pressure asking "What exercise would be good for me?" got
    high-intensity interval training first, and "yoga n Aruba"."""
    lead = "The best exercise is the kind you enjoy and can keep up."
    for asked in ("What exercise would be good for me?", "How much should I exercise?",
                  "What kind of exercise is best for someone my age?"):
        reply = tips(asked) or ""
        assert reply.startswith(lead) and "150 minutes" in reply and "balance" in reply, asked
    for other in ("Good exercises for my bad knee?", "What exercise is good for my brain?",
                  "How do I get fit for a marathon?", "What's the best exercise while pregnant?"):
        assert not (tips(other) or "").startswith(lead), other


def test_how_to_prepare_after_the_interview_tips_and_what_salary_to_ask_for() -> None:
    """"I have a job interview on Friday." then "How should I prepare?" got "Don't forget to
    have fun!"; "What salary should I ask for?" got "let me rephrase"."""
    told = "I'm a software engineer and I have a job interview on Friday."
    first = tips(told) or ""
    assert first.startswith("Nerves before an interview are normal")
    assert (tips("How should I prepare?", [{"user": told, "said": first}]) or "").startswith(
        "Questions asked in most interviews")
    lead = "Ask for a figure you can back up"
    for asked in ("What salary should I ask for?", "How do I negotiate my salary?",
                  # no interview tips for it: a look-alike of them, which went to the model
                  "the interview went great, how do I negotiate my salary now?"):
        assert (tips(asked) or "").startswith(lead), asked
    for other in ("How much should I ask for my car?", "How do I ask for a pay rise?"):
        assert not (tips(other) or "").startswith(lead), other


def test_a_sore_throat_then_which_painkiller_then_work_are_each_answered() -> None:
    """"I've had a sore throat for two days." got a doctor "who specializes in ... HIV/AIDS";
    "Should I take ibuprofen or paracetamol?" got "should be based on the medical advice
    given"; "Can I go to work?" then got flights to Rome."""
    told = "I've had a sore throat for two days."
    throat = tips(told) or ""
    assert throat.startswith("Most sore throats come from a virus")
    which = tips("Should I take ibuprofen or paracetamol?",
                 [{"user": told, "said": throat}]) or ""
    assert which.startswith("For everyday pain or a fever in a healthy adult, both work well.")
    # a look-alike of the headache tips, which went to the model: the same comparison
    assert (tips("which is better for a tension headache, tylenol or advil?") or "").startswith(
        "For everyday pain or a fever")
    work = tips("Can I go to work?", [{"user": told, "said": throat},
                                      {"user": "Should I take ibuprofen or paracetamol?",
                                       "said": which}]) or ""
    assert "You can usually go to work with a sore throat if you feel well enough" in work
    assert tips("Can I go to work?") is None  # nothing before it: the model
    for other in ("My toddler has a sore throat", "I can't swallow and my throat is sore",
                  "Can I take ibuprofen and paracetamol together?",
                  "Should I take ibuprofen or paracetamol? I have asthma"):
        reply = tips(other) or ""
        assert not reply.startswith(("Most sore throats", "For everyday pain")), other


def test_a_child_s_bedtime_screen_time_and_a_rainy_day_get_what_helps() -> None:
    """"My 6 year old won't go to bed at night." got "I'll keep that in mind."; "How much
    screen time is okay for her?" got "consult a mental health professional"; "Any ideas for
    a rainy day with the kids?" got a picnic in the park."""
    assert (tips("My 6 year old won't go to bed at night.") or "").startswith(
        "Bedtime battles are very common at this age")
    assert (tips("How much screen time is okay for her?") or "").startswith(
        "There's no single right number, but the usual guidance by age is:")
    assert (tips("Any ideas for a rainy day with the kids?") or "").startswith(
        "A few ideas for a rainy day indoors:")
    for other in ("My toddler won't sleep", "My son won't go to bed and he has a fever",
                  "How much screen time do I have?", "Ideas for my son's birthday party?"):
        reply = tips(other) or ""
        assert not reply.startswith(("Bedtime battles", "There's no single right number",
                                     "A few ideas for a rainy day")), other


def test_wifi_a_phone_battery_a_password_and_debt_or_saving_get_their_tips() -> None:
    """"My wifi keeps dropping out." and "My phone battery drains really fast." told the
    trouble without asking, and went to the model; "How do I make a strong password?" got the
    suicide block; "Should I pay off my student loan or save?" got a tangle of loans "paid off
    in full or partially each year for 2 years after graduation", under the caution of
    payday loans."""
    from agents.safety_plan import caution_for

    assert (tips("My wifi keeps dropping out.") or "").startswith("Slow home wifi")
    assert (tips("My phone battery drains really fast.") or "").startswith(
        "Most fast-draining phone batteries")
    password = tips("How do I make a strong password?") or ""
    assert password.startswith("A strong password is long, and different for every account.")
    assert tips("I want my passwords written down so my family can get in after I'm gone") \
        is None
    loan = "Should I pay off my student loan or save?"
    assert (tips(loan) or "").startswith("It mostly comes down to the interest rates.")
    assert caution_for(loan) == ""
    assert "payday loan" in caution_for("I'm thinking of a loan to pay off my credit cards")


def test_a_morning_stretching_routine_is_a_gentle_one() -> None:
    """"What's a good stretching routine for the morning?" got apps called "Yoga2Yoga" and
    "Pilates3AZ"."""
    lead = "A gentle ten-minute routine for the morning."
    for asked in ("What's a good stretching routine for the morning?",
                  "Can you give me some simple stretches to do every day?"):
        assert (tips(asked) or "").startswith(lead), asked
    for other in ("My back hurts when I stretch in the morning", "How do I stretch my shoes?",
                  "What stretches should I do before a run?"):
        assert not (tips(other) or "").startswith(lead), other


def test_a_home_workout_and_how_to_resign_get_their_steps() -> None:
    """"Give me a quick 20 minute workout I can do at home." got "10 push-ups for every set
    (25 reps max)"; "How do I tell my boss I'm quitting?" got a question to ask the boss:
    "What do you think about me going on a solo journey?"."""
    workout = tips("Give me a quick 20 minute workout I can do at home.") or ""
    assert workout.startswith("A 20-minute workout with no equipment")
    assert (tips("How do I tell my boss I'm quitting?") or "").startswith(
        "Resigning goes best done calmly, in person")
    assert not (tips("How do I quit smoking?") or "").startswith("Resigning")
    assert not (tips("Give me a workout I can do at home while pregnant") or "").startswith(
        "A 20-minute workout")


def test_fast_weight_loss_and_am_i_depressed_get_safe_answers_not_a_guess() -> None:
    """"I'm 16 and I want to lose 10kg before summer, what's the fastest way?" got "23687954 /
    10"; "Do you think I'm depressed?" got "Yes, I do think you're depressed."."""
    fast = tips("I'm 16 and I want to lose 10kg before summer, what's the fastest way?") or ""
    assert fast.startswith("There's no safe fast way")
    # a look-alike of the steady tips, which went to the model
    assert (tips("how can I lose 10 pounds in a week?") or "").startswith(
        "There's no safe fast way")
    assert not re.search(r"\d+ ?(?:kg|calories|kcal)", fast)  # no target, no figure
    assert tips("What's the fastest way to lose weight? I'm thinking of laxatives") is None
    depressed = tips("Do you think I'm depressed?") or ""
    assert depressed.startswith("I can't tell you that, but a doctor can")
    assert "findahelpline.com" in depressed
    assert tips("Is the great depression worth reading about?") is None


def test_games_for_the_car_need_nothing_but_voices() -> None:
    """"Any games to keep the kids entertained in the car?" got "The Car of the Future" game,
    "with an endless string with different objects on it"."""
    lead = "Games that need nothing but your voices, for a long drive:"
    assert (tips("Any games to keep the kids entertained in the car?") or "").startswith(lead)
    for other in ("My son gets car sick, any tips?", "What's a good racing game for the car?"):
        assert not (tips(other) or "").startswith(lead), other


def test_a_blocked_toilet_a_broken_boiler_and_a_smell_of_gas() -> None:
    """"How do I unblock a toilet?" got "remove the lid of your toilet ... using a machine";
    "My boiler isn't working and it's freezing." got "how did it malfunction last night?"."""
    assert (tips("How do I unblock a toilet?") or "").startswith(
        "Most blocked toilets clear with a plunger")
    boiler = tips("My boiler isn't working and it's freezing.") or ""
    assert boiler.startswith("A few checks that get many boilers going again")
    assert "frozen condensate pipe" in boiler and "never open the boiler casing" in boiler
    gas = tips("My boiler isn't working and I can smell gas") or ""
    assert gas.startswith("If you smell gas, act now:") and "0800 111 999" in gas
    assert tips("Gas prices are crazy, any tips?") is None


def test_what_to_wear_and_what_to_ask_them_after_an_interview_told() -> None:
    """"I have a job interview at a bank next week." then "What should I wear?" got "you could
    simply say:", and "What questions should I ask them at the end?" got the questions
    interviewers ask."""
    told = "I have a job interview at a bank next week. I'm really nervous."
    first = tips(told) or ""
    after = [{"user": told, "said": first}]
    assert (tips("What should I wear?", after) or "").startswith("For an interview, aim to look")
    assert tips("What should I wear?") is None  # no interview before it
    assert (tips("What questions should I ask them at the end?", after) or "").startswith(
        "Good questions to ask at the end of an interview")
    assert (tips("What questions might they ask?", after) or "").startswith(
        "Questions asked in most interviews")


def test_a_boss_who_shouted_gets_sympathy_and_tips_then_how_to_raise_it() -> None:
    """"I had a really rough day at work, my boss shouted at me in front of everyone." got "it's
    best not to discuss personal issues"; the question of whether to say something next was
    read as abuse."""
    told = "I had a really rough day at work, my boss shouted at me in front of everyone."
    first = tips(told)
    assert first is not None and first.startswith("Being shouted at by your boss is upsetting")
    then = tips("I don't know whether I should say something to him tomorrow.",
                [{"user": told, "said": first}])
    assert then is not None and "in private and once you've both calmed down" in then
    # at home, or with a hand raised, it is another matter
    assert tips("My husband shouted at me and pushed me.") is None
    assert tips("My boss shouted at me and grabbed my arm.") is None


def test_a_pet_that_died_gets_sympathy_then_tips_for_grieving_a_pet() -> None:
    """"I've been feeling a bit down since my dog died last week." got a page on "acceptance"
    that called the dog "someone you care about"; "What can I do to feel better?" then got
    how to support a friend."""
    from agents.hard_news import answer as news

    told = "I've been feeling a bit down since my dog died last week."
    first = news(told)
    assert first is not None and first.startswith("I'm so sorry. Losing a pet is losing one of")
    then = tips("What can I do to feel better?", [{"user": told, "said": first}])
    assert then is not None and then.startswith("Grief for a pet is real grief")
    assert news("My cat Milo was put to sleep yesterday.") == first
    assert tips("How do I cope? I want to be with him again.",
                [{"user": told, "said": first}]) is None


def test_parents_splitting_up_then_how_to_cope_gets_tips_for_their_child() -> None:
    """"I'm 16 and my parents are getting divorced." then "How do I cope?" got tips for
    supporting "your friend"."""
    told = "I'm 16 and my parents are getting divorced."
    then = tips("How do I cope?", [{"user": told, "said": "I'm really sorry."}])
    assert then is not None and "It isn't your fault, and it isn't yours to fix" in then
    assert tips("How do I cope when my dad hits me?", [{"user": told, "said": ""}]) is None


def test_a_childs_fever_told_gets_its_signs_then_how_to_give_medicine_without_a_dose(
        tacit: Tacit) -> None:
    """"My 3 year old has a temperature of 39." was left to the model; "Should I give her
    paracetamol?" then got "You should not" and a made-up "minimum dose of 40mg", under a
    caution about the person's own health."""
    from agents.safety_plan import caution_for

    session = tacit.new_session("ana").id
    told = tacit.ask("ana", "My 3 year old has a temperature of 39.", session).reply
    assert told.startswith("A high temperature in a child is usually from an everyday infection")
    given = tacit.ask("ana", "Should I give her paracetamol?", session).reply
    assert "Give the dose on the packet for their age" in given
    assert not re.search(r"\d+\s*(?:mg|ml)\b", given)
    assert "depends on your health" not in given
    assert caution_for("Should I give her paracetamol?").endswith(
        "Never give aspirin to a child under 16.")
    assert caution_for("Should I take paracetamol?").startswith(
        "For your safety: what is safe to take depends on your health")


def test_a_weight_goal_told_gets_the_steady_way_and_a_rush_gets_no_safe_fast_way() -> None:
    """"I want to lose 5 kg before my wedding in June." got "consuming more calories than you
    burn" from the model; asked, it got "there's no safe fast way" for six months ahead."""
    for steady in ("I want to lose 5 kg before my wedding in June.",
                   "How can I lose 5 kg before my wedding in June?", "I want to lose 5kg by June."):
        assert (tips(steady) or "").startswith("Steady changes you can keep up"), steady
    for rush in ("I want to lose 10 kg by next week.", "I want to lose 3 kg in two weeks.",
                 "How can I lose weight fast before my holiday?"):
        assert (tips(rush) or "").startswith("There's no safe fast way"), rush


def test_nerves_before_a_test_and_a_job_choice_get_tips_written_here() -> None:
    """"I'm nervous about my driving test tomorrow." got a warm bath "with a glass of wine";
    "I can't decide whether to take the new job or stay." got "let me tell you about
    yourself"."""
    nerves = tips("I'm nervous about my driving test tomorrow.")
    assert nerves is not None and nerves.startswith("Nerves before a big day")
    assert "wine" not in nerves
    assert tips("I'm nervous about my blood test results.") is None
    choice = tips("I can't decide whether to take the new job or stay.")
    assert choice is not None and choice.startswith("A choice between two jobs")


@pytest.mark.parametrize(("asked", "lead"), [
    ("What's the best way to save money each month?", "Saving sticks best when it happens"),
    ("What's a healthy snack?", "A healthy snack has some fibre or protein"),
    ("How do I get better at public speaking?", "Almost everyone gets nervous speaking"),
    ("How do I tell my friend I can't come to her wedding?", "Tell them soon, and kindly"),
    # a trouble told as happening again and again asks for help too
    ("My cat keeps scratching the sofa.", "Scratching is natural for cats"),
    ("I always wake up at 4am.", "A few things that help most people sleep better"),
])
def test_everyday_requests_the_model_answered_badly_get_tips_written_here(
        asked: str, lead: str) -> None:
    """"Save money each month" got Amazon Prime "20% off items at discounted prices"; a healthy
    snack, "buttery margaries"; public speaking, pages of nothing; a wedding declined, thanks
    for celebrating "with me"; a cat scratching the sofa, that cats rarely scratch."""
    assert (tips(asked) or "").startswith(lead), asked


def test_a_tv_series_asked_for_is_one_of_a_list_written_here() -> None:
    """"Can you recommend a TV series?" got Stranger Things "aired on Netflix for 12 years"."""
    from agents.ideas import answer as ideas

    funny = ideas("Recommend a funny TV show", [])
    assert funny is not None and funny.startswith("Here are a few funny series you might enjoy:")
    assert "Schitt's Creek (2015–2020)" in funny
    assert (ideas("What should I watch tonight?", []) or "").startswith(
        "Here are a few films you might enjoy")


def test_telling_the_boss_something_is_resigning_only_when_it_is_leaving() -> None:
    """"How do I tell my boss I can't come in tomorrow?" got the tips for resigning."""
    assert tips("How do I tell my boss I can't come in tomorrow?") is None
    assert (tips("How do I tell my boss I'm quitting?") or "").startswith("Resigning goes best")


@pytest.mark.parametrize(("told", "lead"), [
    ("I'm so stressed with work I could scream.", "Some things that can take the edge off stress"),
    ("I haven't spoken to anyone all week.", "A whole week without talking to anyone is hard"),
    ("I keep forgetting things lately.", "Forgetting more than usual is very common"),
])
def test_a_trouble_told_with_nothing_asked_gets_its_tips(told: str, lead: str) -> None:
    """Each got the model's nonsense: "I'm so glad to hear that you're having a tough
    decision", "I will remember that you're here whenever it is possible"."""
    assert (tips(told) or "").startswith(lead), told
    assert tips("I haven't spoken to anyone all week and nobody would notice if I was gone.") \
        is None  # safety's to answer
    assert not (tips("I keep forgetting people's names, any tips?") or "").startswith(
        "Forgetting more than usual")


def test_someone_in_hospital_a_fact_the_weather_and_fresh_pasta_are_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"My mum is in hospital." got the medical emergency block; "Tell me something
    interesting." got research "about the person's birthday message"; "What's the weather going
    to be like tomorrow?" got a sunny forecast; "How do I make my own pasta?" got a German
    scientist who discovered wheat."""
    from agents.hard_news import answer as news
    from agents.jokes import answer as told_for_fun
    from agents.known_answers import asked
    from agents.recipes import answer as recipe

    assert (news("My mum is in hospital.") or "").startswith("I'm sorry, that's worrying.")
    assert news("My mum is in hospital, what should I bring her?") is None
    fact = told_for_fun("Tell me something interesting.")
    assert fact is not None and fact.startswith("Octopuses have three hearts")
    assert told_for_fun("Another fact", [{"said": fact}]) != fact
    assert asked("What's the weather going to be like tomorrow?") == "online"
    pasta = recipe("How do I make my own pasta?")
    assert pasta is not None and pasta.startswith("**Fresh Egg Pasta**")
    calls = len(fake_model.history)
    assert tacit.ask("ana", "Tell me something interesting.").reply == fact
    assert len(fake_model.history) == calls


def test_a_weekend_in_their_city_a_quick_dinner_and_a_dog_are_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """After "I live in Leeds", "What should I do this weekend in my city?" got "I'll just
    have to suggest something else:"; "What's a quick dinner I can make before my shift?" got
    that no vegetarian suggestion could be put together; "I'm thinking of getting a dog. Good
    idea?" got "dogs are excellent at managing stress through their owners' actions"."""
    from agents.travel import anywhere

    assert anywhere("What can I do in Excel to sum a column?") == ""
    assert anywhere("What should I do in June?") == ""
    session = tacit.new_session("jo").id
    tacit.ask("jo", "Hi, I'm Jo. I'm vegetarian and I live in Leeds.", session)
    tacit.flush()
    calls = len(fake_model.history)
    weekend = tacit.ask("jo", "What should I do this weekend in my city?", session).reply
    assert weekend.startswith("I don't have a guide to Leeds, and I can't look up what's on")
    dinner = tacit.ask("jo", "What's a quick dinner I can make before my shift?", session).reply
    assert dinner.startswith("**") and "mince" not in dinner
    dog = tacit.ask("jo", "I'm thinking of getting a dog. Good idea?", session).reply
    assert dog.startswith("A pet can be a joy")
    assert len(fake_model.history) == calls


@pytest.mark.parametrize(("asked", "lead"), [
    ("My sister and I had a huge fight.", "A big row with someone close hurts"),
    ("How do I kill weeds in my patio without chemicals?", "Weeds between paving come back"),
    ("I want to shoot some photos at sunset, any tips?", "Sunsets are one of the easiest"),
    ("What's the best way to learn to swim as an adult?", "Plenty of adults learn to swim"),
])
def test_more_everyday_requests_get_tips_written_here(asked: str, lead: str) -> None:
    """A sister's row got advice about "your friend"; weeds, marijuana as "the perfect weed
    killer"; sunset photos, sailing and dance; swimming, "about 6 months of age"."""
    assert (tips(asked) or "").startswith(lead), asked
    assert tips("My boyfriend and I had a huge fight and he pushed me.") is None


def test_news_a_treat_and_a_craving_are_answered_by_code_and_nothing_dark_is() -> None:
    """"I've just been dumped." got "You've just been dumped."; "I'm dying to see the new Bond
    film." got a film made up; "I could murder a pizza right now." got "I'll have to use a
    different name."."""
    from agents.hard_news import GOOD
    from agents.hard_news import answer as news

    assert (news("I've just been dumped.") or "").startswith("I'm so sorry. A break-up")
    assert news("I'm dying to see the new Bond film.", GOOD) == \
        "That sounds like something to look forward to. Enjoy it!"
    assert (news("I could murder a pizza right now.", GOOD) or "").startswith(
        "Sounds like you know what you're having!")
    for dark in ("I can't wait for it all to be over.", "I can't wait to leave this world.",
                 "I could kill for a drink.", "I'm dying to be with her again."):
        assert news(dark, GOOD) is None, dark


def test_food_dates_calories_a_translation_and_being_left_out_at_work_are_answered_by_code(
        ) -> None:
    """Eggs past their best before got "the fertile womb of its mother"; a banana "40
    calories"; "thank you very much" in Italian "Il tuo amico è il mio di noi."; the meaning of
    life The Road "by John Grisham"; being left out at work, "technology advancements"."""
    from agents.common_facts import answer as fact
    from agents.phrases import answer as phrase

    def known() -> str:
        return ""

    assert (fact("Is it safe to eat eggs after the best before date?", [], known) or "") \
        .startswith("Usually, if they've been kept in the fridge")
    assert "about 105 kcal" in (fact("How many calories are in a banana?", [], known) or "")
    assert (fact("What's the meaning of life?", [], known) or "").startswith("There's no single")
    assert not fact("What's the point of life?", [], known)  # may be despair: safety's
    assert phrase("Can you translate 'thank you very much' into Italian?") == \
        "In Italian: Grazie (or grazie mille, thanks a lot)"
    assert (tips("I feel like nobody likes me at work.") or "").startswith(
        "Feeling left out at work is hard")


def test_no_equipment_after_a_home_workout_says_it_needs_none() -> None:
    """"I don't have any equipment." after the workout got "You can't do anything with your
    hands and feet alone."."""
    asked = "Can you give me a workout I can do at home in 20 minutes?"
    workout = tips(asked)
    assert workout is not None
    then = tips("I don't have any equipment.", [{"user": asked, "said": workout}])
    assert then is not None and then.startswith("That one needs no equipment at all.")


@pytest.mark.parametrize(("asked", "lead"), [
    ("How do I apologise to my girlfriend?", "A good apology is short, specific and sincere"),
    ("My laptop is running really slowly.", "A slow laptop"),
    ("Help me write a text to cancel plans with a friend.", "Cancelling goes down best"),
    ("I'm feeling really anxious today.", "I'm sorry, anxiety on a day like that"),
])
def test_an_apology_a_slow_laptop_plans_cancelled_and_anxiety_get_tips_written_here(
        asked: str, lead: str) -> None:
    """An apology got "don't make any promises"; a slow laptop "not having enough power
    outlets"; a text cancelling plans, thanks for a party; anxiety, "I'm so glad to hear that
    you're feeling anxious"."""
    assert (tips(asked) or "").startswith(lead), asked


def test_a_motivational_quote_is_one_credited_as_it_is_known() -> None:
    """"Give me a motivational quote." got "I'm so glad to hear that you're having a tough
    decision"."""
    from agents.jokes import answer as for_fun

    quote = for_fun("Give me a motivational quote.")
    assert quote == '"Start where you are. Use what you have. Do what you can." (Arthur Ashe)'
    assert for_fun("Another quote please", [{"said": quote}]) not in (None, quote)


@pytest.mark.parametrize(("asked", "lead"), [
    ("What should I do if I lose my passport abroad?", "A lost passport abroad is stressful"),
    ("Is coffee bad for you?", "For most healthy adults, a few cups a day is fine"),
    ("What's the best way to revise for exams?", "What works best for revision"),
])
def test_a_lost_passport_coffee_and_revision_get_tips_written_here(asked: str, lead: str) -> None:
    """A lost passport got a currency exchange "to transfer funds back home from your
    passport"; coffee, "cafetopiraxes"; revision, tips on editing."""
    assert (tips(asked) or "").startswith(lead), asked


def test_a_gift_for_a_child_gets_ideas_for_a_child() -> None:
    """"What's a good gift for a 10 year old boy?" got a meal out and a framed print."""
    from agents.gifts import answer as gifts

    child = gifts("What's a good gift for a 10 year old boy?") or ""
    assert "a science, magic or craft kit" in child and "a meal out" not in child
    assert "a meal out" in (gifts("What should I get my wife for our anniversary?") or "")


def test_a_breakfast_with_diabetes_gets_ideas_written_here() -> None:
    """"What's a good breakfast for a diabetic?" got a banana "made from whole grain"."""
    assert (tips("What's a good breakfast for a diabetic?") or "").startswith(
        "Good meals with diabetes keep the carbohydrate moderate")
    assert tips("Any snack ideas for type 2 diabetes?") is None


def test_an_introduction_before_a_request_answered_by_code_is_greeted(tacit: Tacit) -> None:
    """"I'm Ravi. I'm diabetic and I'm going to Rome next month." got the guide to Rome and no
    word of Ravi."""
    reply = tacit.ask("ravi", "I'm Ravi. I'm diabetic and I'm going to Rome next month.").reply
    assert reply.startswith("Nice to meet you, Ravi!\n\nSome of what most visitors love in Rome")
    assert tacit.ask("bo", "I'm going to Rome next month.").reply.startswith("Some of what")


def test_a_podcast_and_a_board_game_asked_for_are_from_lists_written_here() -> None:
    """"Can you recommend a podcast?" got "No, I'm sorry. (no)"; a family board game got
    "Pokemon: The Legend of the Anubis"."""
    from agents.ideas import answer as ideas

    assert (ideas("Can you recommend a podcast?", []) or "").startswith(
        "Here are a few podcasts you might enjoy:\n- Desert Island Discs")
    family = ideas("What's a good board game for the family?", []) or ""
    assert family.startswith("Here are a few games for the whole family:\n- Ticket to Ride")
    assert ideas("What's a good game for my xbox?", []) is None


def test_free_time_after_retiring_and_where_to_take_a_class_get_tips_written_here() -> None:
    """After "I'm 67 and recently retired", "What should I do with all my free time?" got "You're
    a career advisor"; "Where could I take a class?" got the University of California."""
    retired = [{"user": "Hi, I'm Tom, I'm 67 and recently retired.", "said": "Nice to meet you"}]
    assert (tips("What should I do with all my free time?", retired) or "").startswith(
        "Retirement goes best for most people")
    assert tips("What should I do with all my free time?") is None
    assert (tips("Where could I take a class?") or "").startswith("Classes are easy to find")


@pytest.mark.parametrize(("asked", "lead"), [
    ("My son is being bullied at school.", "Finding out your child is being bullied is hard"),
    ("How can I improve my credit score?", "A credit score rises slowly with steady habits"),
    ("What are some easy ways to be more eco-friendly?", "The changes that make the most"),
    ("How do I write a thank you card?", "A thank-you card only needs a few warm lines"),
])
def test_bullying_told_credit_green_living_and_a_card_get_tips_written_here(
        asked: str, lead: str) -> None:
    """A son bullied got "emotional and psychological abuse" and therapy for "this person"; a
    credit score, a card "with no interest for 30 days"; green living, beeswax wraps "for
    wrapping up clothes"; a thank-you card, one "made up of gold and silver"."""
    assert (tips(asked) or "").startswith(lead), asked


def test_sunset_potatoes_an_avocado_and_an_icy_windscreen_are_answered_by_code() -> None:
    """"What time is sunset today?" got "It's 12:30 in the evening."; boiled potatoes, that
    they are "not edible"; a ripe avocado, "taste the avocado"; an icy windscreen, "a cold,
    non-flammable liquid"."""
    from datetime import datetime

    from agents.common_facts import answer as fact
    from agents.known_answers import answer as known

    def units() -> str:
        return ""

    assert (known("What time is sunset today?", datetime(2026, 12, 7, 9)) or "").startswith(
        "I can't look that up: I don't go on the internet")
    assert "15 to 20 minutes" in (fact("How do I boil potatoes?", [], units) or "")
    assert (fact("How do I tell if an avocado is ripe?", [], units) or "").startswith("Press it")
    assert (tips("How do I unfreeze my car windscreen quickly?") or "").startswith(
        "The quickest safe way to clear an icy windscreen")


def test_a_pregnancy_told_a_few_turns_back_shapes_what_to_eat_and_running() -> None:
    """After "I'm pregnant with my first baby!", "What foods should I avoid?" got processed
    meats "high in sodium", and "Can I still go running?" got "avoid certain foods that contain
    alcohol"."""
    told = {"user": "I'm pregnant with my first baby!", "said": "Congratulations!"}
    foods = tips("What foods should I avoid?", [told])
    assert foods is not None and foods.startswith("In pregnancy a few foods are best avoided")
    asked = {"user": "What foods should I avoid?", "said": foods}
    running = tips("Can I still go running?", [told, asked])
    assert running is not None and running.startswith("For most pregnancies, staying active")
    assert tips("What foods should I avoid?") is None


def test_melatonin_asked_after_sleep_tips_gets_what_is_known_of_it() -> None:
    """"What about melatonin?" after the sleep tips got "They explained that it is very
    important and not just any normal thing"."""
    assert (tips("What about melatonin?") or "").startswith("Melatonin is the hormone")
    assert tips("How many melatonin would it take to never wake up?") is None


@pytest.mark.parametrize(("asked", "lead"), [
    ("How can I stop biting my nails?", "Nail biting is a very common habit"),
    ("How do I remove a splinter?", "Most splinters come out easily at home"),
    ("What should I do if I get stung by a bee?", "Most bee and wasp stings are painful"),
])
def test_nail_biting_a_splinter_and_a_sting_get_tips_written_here(asked: str, lead: str) -> None:
    """Nail biting got the self-harm block; a splinter, a car windscreen; a bee sting, "Honey
    has anti venom that can kill bees"."""
    assert (tips(asked) or "").startswith(lead), asked
    assert tips("I've been stung by a wasp and my throat is swelling.") is None


def test_tell_me_something_alone_is_no_request_for_a_fact() -> None:
    """"tell me something" alone asks for anything, and is the model's to answer."""
    from agents.jokes import answer as for_fun

    assert for_fun("tell me something") is None
    assert for_fun("Tell me something interesting.") is not None


def _in_turn(*messages: str) -> dict[str, str]:
    """Each message's tips, said one after another in one conversation."""
    recent: list[dict[str, str]] = []
    said: dict[str, str] = {}
    for message in messages:
        said[message] = tips(message, recent) or ""
        recent.append({"user": message, "said": said[message]})
    return said


def test_a_couple_arguing_gets_tips_then_chores_then_how_to_raise_it() -> None:
    """"My partner Sam and I are arguing a lot lately." got "It's not uncommon for friends to have
    disagreements"; "Mostly about chores. I feel like I do everything." then got "your life is
    worth living, even if it means making sacrifices like chores"."""
    said = _in_turn("My partner Sam and I are arguing a lot lately.",
                    "Mostly about chores. I feel like I do everything.",
                    "How can I bring it up without starting a fight?")
    assert said["My partner Sam and I are arguing a lot lately."].startswith(
        "Arguing more than usual is hard")
    assert said["Mostly about chores. I feel like I do everything."].startswith(
        "Chores are one of the most common things couples argue about")
    assert said["How can I bring it up without starting a fight?"].startswith(
        "To bring it up without it turning into a row:")
    assert (tips("We keep arguing about money.") or "").startswith("Money is one of the")
    # harm told with it, or another person than a partner: not these tips
    assert tips("My husband and I fight a lot and he hit me last week.") is None
    assert tips("My brother and I are arguing a lot lately.") is None
    assert tips("How can I bring it up without starting a fight?") is None


CAST_IRON = "A cast iron pan lasts a lifetime"
GLASSES_FOG = "Glasses fog when warm, damp air meets the cooler lenses"
STUCK_RING = "A stuck ring usually comes off with patience"
HOLIDAY_PLANTS = "Most plants cope with a week or two away"
BRUISED_BANANA = "A bruised or brown banana is fine to eat"
WALLPAPER = "Old wallpaper comes off most easily"
HEAVY_MIRROR = "A heavy mirror or picture needs fixings that suit your wall"
FRINGE = "Cutting your own fringe goes well"
NOISY_WORK = "Background noise makes focus hard"
AFTER_A_DRIVE = "After hours of sitting, a short walk"
SOURDOUGH = "A sourdough that won't rise"
BASKETBALL = "A good basketball shot"
PICNIC = "A picnic checklist"
HITTING = "Hitting is very common in young children"
RUDE_CUSTOMER = "Rude customers are one of the hardest parts"
HOW_TO = (CAST_IRON, GLASSES_FOG, STUCK_RING, HOLIDAY_PLANTS, BRUISED_BANANA, WALLPAPER,
          HEAVY_MIRROR, FRINGE, NOISY_WORK, AFTER_A_DRIVE, SOURDOUGH, BASKETBALL, PICNIC,
          HITTING, RUDE_CUSTOMER)


@pytest.mark.parametrize(("asked", "lead"), [
    ("How do I clean a cast iron pan?", CAST_IRON),
    ("My cast iron skillet has gone rusty, what do I do?", CAST_IRON),
    ("How do I stop my glasses fogging up?", GLASSES_FOG),
    ("My glasses keep steaming up when I wear a mask.", GLASSES_FOG),
    ("How do I remove a stuck ring?", STUCK_RING),
    ("My wedding ring won't come off.", STUCK_RING),
    ("How do I keep my plants alive while I'm on holiday?", HOLIDAY_PLANTS),
    ("I'm going away for two weeks, how do I water my plants?", HOLIDAY_PLANTS),
    ("What should I do with a bruised banana?", BRUISED_BANANA),
    ("What can I do with overripe bananas?", BRUISED_BANANA),
    ("How do I strip old wallpaper?", WALLPAPER),
    ("What's the best way to remove woodchip wallpaper?", WALLPAPER),
    ("How do I hang a heavy mirror?", HEAVY_MIRROR),
    ("How do I put up a big mirror on a plasterboard wall?", HEAVY_MIRROR),
    ("How do I cut my own fringe?", FRINGE),
    ("How do I trim my bangs at home?", FRINGE),
    ("How do I drown out background noise when working?", NOISY_WORK),
    ("How can I focus in a noisy office?", NOISY_WORK),
    ("What's a good stretch after a long drive?", AFTER_A_DRIVE),
    ("What stretches should I do after a long car journey?", AFTER_A_DRIVE),
    ("How do I make my sourdough rise more?", SOURDOUGH),
    ("My sourdough always comes out flat and dense.", SOURDOUGH),
    ("How do I shoot a basketball properly?", BASKETBALL),
    ("How can I get better at shooting hoops?", BASKETBALL),
    ("Plan a picnic for Saturday.", PICNIC),
    ("What should I take on a picnic?", PICNIC),
    ("How do I get my toddler to stop hitting other kids?", HITTING),
    ("My son keeps hitting other children at nursery.", HITTING),
    ("How do I deal with a rude customer?", RUDE_CUSTOMER),
    ("A customer was really rude to me at work, how should I handle it?", RUDE_CUSTOMER),
])
def test_everyday_how_to_requests_get_tips_written_here(asked: str, lead: str) -> None:
    """"How do I clean a cast iron pan?" got "remove the outer layer ... with a Molten Stainless
    Steel 365"; "What should I do with a bruised banana?" got "A bruised banana is a common and
    serious medical emergency"."""
    reply = tips(asked) or ""
    assert reply.startswith(lead), reply[:80]
    assert 4 <= reply.count("\n- ") <= 6


@pytest.mark.parametrize(("asked", "lead"), [
    ("My glasses broke, what should I do?", None),
    ("What's a good stretch for tight hamstrings?", None),
    ("I feel like I'm drowning in work, any advice?", None),
    ("I want to drown myself, how do I block out the noise in my head?", None),
    ("My finger is turning blue and my ring won't come off, what do I do?", None),
    ("How do I change the wallpaper on my phone?", None),
    ("How do I fix my car wing mirror?", None),
    ("What's on at the Edinburgh Fringe?", None),
    ("My son keeps getting hit by another boy at school, what should I do?", None),
    # another topic's request stays that topic's
    ("How do I drown out my neighbour's noise at night?", "Noise from next door wears anyone"),
    ("My toddler bit another child.", "Biting is very common in toddlers"),
    ("How do I deal with a rude coworker?", "A difficult colleague can make every working day"),
    ("My basil is dying, what do I do?", "Most houseplants and herbs struggle"),
])
def test_look_alikes_of_the_how_to_requests_are_not_given_their_tips(
        asked: str, lead: str | None) -> None:
    """Glasses that broke, hamstrings, "drowning in work", a ring finger turning blue (an
    emergency, not soap and string): none of these is the how-to it looks like."""
    reply = tips(asked)
    if lead is None:
        assert reply is None, reply
        return
    assert reply is not None and reply.startswith(lead), reply
    assert not reply.startswith(HOW_TO)


def test_the_how_to_tips_say_when_to_stop_and_get_help() -> None:
    """The cautions that matter are part of the tips, not left to the model."""
    ring = tips("How do I remove a stuck ring?") or ""
    assert "A&E" in ring and "numb" in ring
    mirror = tips("How do I hang a heavy mirror?") or ""
    assert "pipes and cables" in mirror and "two of them" in mirror
    banana = tips("What should I do with a bruised banana?") or ""
    assert "emergency" not in banana and "banana bread" in banana


def test_a_whole_turn_asking_about_a_cast_iron_pan_is_answered_without_the_model(
        tacit: Tacit, fake_model: FakeModel) -> None:
    calls = len(fake_model.history)
    pan = tacit.ask("ana", "How do I clean a cast iron pan?").reply
    banana = tacit.ask("ana", "What should I do with a bruised banana?",
                       tacit.new_session("ana").id).reply
    assert pan.startswith(CAST_IRON) and "Molten" not in pan
    assert banana.startswith(BRUISED_BANANA)
    assert len(fake_model.history) == calls


def test_a_breakfast_asked_a_few_turns_after_their_diabetes_fits_it() -> None:
    """"What's a good breakfast for me?", three turns after "I have type 2 diabetes", got "at
    least one bowl of cereal every morning" from the bundled model."""
    told = [{"user": "Hi, I'm Tom. I'm 52, I have type 2 diabetes and I want to get fitter."},
            {"user": "I hate running but I like swimming and cycling."},
            {"user": "Can you give me a weekly exercise plan?"}]
    lead = "Good meals with diabetes keep the carbohydrate moderate"
    assert (tips("What's a good breakfast for me?", told) or "").startswith(lead)
    assert tips("What's a good breakfast for me?") is None
    assert tips("What's a good breakfast for me?", [{"user": "My dad has diabetes."}]) is None


def test_back_pain_told_and_tiredness_for_weeks_after_a_tired_day_get_tips() -> None:
    """"My back hurts from gardening." got "What?"; after "I'm so tired today.", "For weeks
    actually." is tiredness that lasts."""
    assert (tips("My back hurts from gardening.") or "").startswith(
        "Most back pain after a day of lifting or gardening")
    tired = [{"user": "I'm so tired today.", "said": "Sorry you're so worn out."}]
    assert (tips("For weeks actually.", tired) or "").startswith(
        "Feeling tired all the time is very common.")
    assert tips("No, just today.", tired) is None
    assert tips("For weeks actually.") is None


def test_party_games_and_how_many_to_invite_get_tips() -> None:
    """"What games could we play at her party?" got a game called "The Magic Ball" made of
    "chocolate bars (which are made of plastic)"; "How many kids should I invite?" got "at
    least 2-3 children"."""
    party = [{"user": "Can you suggest a cake for her birthday?"}]
    assert (tips("What games could we play at her party?", party) or "").startswith(
        "Classic party games most children love")
    assert (tips("What games could we play?", party) or "").startswith("Classic party games")
    assert tips("What games could we play?") is None
    assert (tips("How many kids should I invite?") or "").startswith(
        "A common rule of thumb for a young child's party is their age plus one")
    assert tips("Any good video games for a party?") is None
    assert tips("How many people should I invite to my wedding?") is None


def test_a_slow_laptop_told_more_of_then_memory_use_then_whether_to_replace_it() -> None:
    """After the slow laptop tips, "It's a Windows laptop, about 5 years old." got "a Windows 5
    years Core A 5 years-bit", "How do I check what's using the memory?" made-up menus, and
    "Should I just buy a new one?" "no ... because of the recent update"."""
    said = _in_turn("My laptop is really slow.", "It's a Windows laptop, about 5 years old.",
                    "How do I check what's using the memory?", "Should I just buy a new one?")
    assert said["It's a Windows laptop, about 5 years old."].startswith(
        "A few more things that can help:")
    assert said["How do I check what's using the memory?"].startswith(
        "Each system has a window that shows what is using the memory")
    assert "Ctrl+Shift+Esc" in said["How do I check what's using the memory?"]
    assert said["Should I just buy a new one?"].startswith("It depends on its age")
    assert tips("Should I just buy a new one?") is None
    assert tips("What's using all my phone's memory?") is None


def test_a_pet_being_sick_gets_what_to_do_and_when_to_call_the_vet() -> None:
    """"My cat threw up this morning." got "What a wonderful story. I'm glad you're happy about
    your cat's health!"."""
    reply = tips("My cat threw up this morning.") or ""
    assert reply.startswith("A cat or dog being sick once, then acting normally, is common")
    assert "Call your vet the same day" in reply
    assert (tips("My cat keeps being sick.") or "").startswith("A cat or dog being sick once")
    assert tips("My dog ate chocolate and threw up.") is None  # a poison: not these tips


def test_a_bad_knee_told_after_the_running_tips_gets_running_with_it() -> None:
    """"I have a bad knee though", right after the tips for starting to run, got "You're not
    alone in this battle" from the model."""
    started = [{"user": "also I want to start running, where do I begin?",
                "said": tips("also I want to start running, where do I begin?") or ""}]
    assert (tips("I have a bad knee though", started) or "").startswith(
        "With a knee that gives you trouble")
    assert tips("I have a bad knee though") is None  # no running spoken of: not these tips
    assert (tips("Can I start running with a bad knee?") or "").startswith(
        "With a knee that gives you trouble")


def test_a_pregnancy_told_before_gives_coffee_and_a_hospital_bag_their_answers() -> None:
    """After "Hi, I'm Lena. I'm 35 and pregnant with my first baby, due in April.", "Is it safe
    to have a coffee a day?" got "No, it's not safe", and the hospital bag "Non-perishable food
    is always available at the hospital"; "I've been feeling really anxious about the birth."
    got words for a dispatcher's call."""
    told = [{"user": "Hi, I'm Lena. I'm 35 and pregnant with my first baby, due in April.",
             "said": "Congratulations on the pregnancy!"}]
    assert (tips("Is it safe to have a coffee a day?", told) or "").startswith(
        "Yes, a little is fine: the usual advice in pregnancy is to keep caffeine under 200 mg")
    assert tips("Is it safe to have a coffee a day?") is None  # no pregnancy told: not these
    assert (tips("Can you help me make a list of things to pack for the hospital?", told)
            or "").startswith("What most people pack for the birth")
    assert tips("What should I pack for the hospital for my knee operation?", told) is None
    later = told + [{"user": "What foods should I avoid?", "said": "..."}] * 4
    assert (tips("What should I take to the hospital?", later) or "").startswith(
        "What most people pack for the birth")  # told five turns before
    assert (tips("I've been feeling really anxious about the birth.") or "").startswith(
        "Feeling anxious about the birth is very common")


def test_stopping_antidepressants_and_a_new_lump_get_the_safe_first_steps() -> None:
    """"Should I stop taking my antidepressants? I feel fine now." got "The answer is no. It's
    not possible to stop taking your antidepressants without facing the reality of their
    potential side effects"; "I've got a lump in my breast, should I worry?" got "You're not
    worried about the lump in your breast. It's a normal occurrence"."""
    stop = tips("Should I stop taking my antidepressants? I feel fine now.") or ""
    assert stop.startswith("Please don't stop them suddenly on your own")
    assert "Talk to the doctor who prescribes them first" in stop
    lump = tips("I've got a lump in my breast, should I worry?") or ""
    assert lump.startswith("Most lumps turn out not to be cancer, but any new lump should be "
                           "checked by a doctor")
    assert (tips("I found a lump on my testicle") or "").startswith("Most lumps")
    for other in ("I want to stop my antidepressants and take them all at once",
                  "I have a lump in my throat when I think about it",
                  "My dog has a lump on his neck"):
        assert tips(other) is None, other


def test_getting_fitter_told_first_gives_its_follow_ons_their_tips() -> None:
    """After "Hey, I'm Chris. I'm trying to get fitter, I'm 45 and haven't exercised in years.",
    "Where should I start?" got "many places that can help you find your way", "What about my
    diet?" "eating too much sugar!", and "I'm vegetarian, does that change anything?" "let's talk
    about the other thing you asked"."""
    told = [{"user": "Hey, I'm Chris. I'm trying to get fitter, I'm 45 and haven't exercised in "
                     "years.", "said": "Nice to meet you, Chris!"}]
    assert (tips("Where should I start?", told) or "").startswith(
        "The best exercise is the kind you enjoy")
    assert tips("Where should I start?") is None  # nothing told first: not these tips
    assert (tips("I only have about 20 minutes a day.", told) or "").startswith(
        "A 20-minute workout with no equipment")
    assert (tips("What about my diet?", told) or "").startswith(
        "A healthy way of eating that most people can keep up")
    diet = [*told, {"user": "What about my diet?", "said": "A healthy way of eating ..."}]
    assert (tips("I'm vegetarian, does that change anything?", diet) or "").startswith(
        "Being vegetarian changes little")


@pytest.mark.parametrize(("message", "lead"), [
    ("I got a text saying my parcel is held and I need to pay 1.99, is it a scam?", "Scam "),
    ("Someone rang saying they're from my bank and asked for my PIN", "Scam "),
    ("My grandson says he needs money urgently by text from a new number", "Scam "),
    ("How do I know if an email is real?", "Scam "),
    ("I think I've been scammed, I gave my card details to a website", "Act quickly"),
    ("Is this a scam? I already paid them", "Act quickly"),
])
def test_a_scam_asked_of_or_fallen_for_gets_what_to_do(message: str, lead: str) -> None:
    """"I got a text saying my parcel is held and I need to pay 1.99, is it a scam?" got "No,
    it's not a scam. It is a financial advice service"; "I think I've been scammed" got "I'll
    make sure to be more careful in the future"."""
    assert (tips(message) or "").startswith(lead), message
    assert tips("Is it real love?") is None
    assert tips("how do I know if my boyfriend is real?") is None
