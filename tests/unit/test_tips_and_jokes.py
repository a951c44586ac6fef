"""Tips for sleep and stress, jokes, and "what did I ask you first?", written by code."""

from __future__ import annotations

import pytest

from agents.jokes import answer as joke
from agents.jokes import jokes
from agents.replies import asked_first
from agents.tips import answer as tips
from assistant.models.fake import FakeModel
from assistant.service import Tacit


@pytest.mark.parametrize(("message", "lead"), [
    ("I can't sleep, any tips?", "A few things that help most people sleep better:"),
    ("I keep waking up at night, what can I do?", "A few things that help"),
    ("I'm so stressed with work, any advice?", "Some things that can take the edge off stress:"),
])
def test_a_request_for_help_with_sleep_or_stress_gets_tips(message: str, lead: str) -> None:
    """"I can't sleep, any tips?" got "- Avoid prescribing anything without a doctor's
    permission."."""
    reply = tips(message) or ""
    assert reply.startswith(lead) and reply.count("\n- ") >= 4


def test_a_child_with_a_fever_gets_the_signs_to_call_about_now_and_today() -> None:
    """"my 4 year old has a temperature of 39.5 and is really sleepy, what should I do?" got
    cough kits "from the internet" and "a trip to the vet's clinic"."""
    reply = tips("my 4 year old has a temperature of 39.5 and is really sleepy, what should "
                 "I do?") or ""
    assert "hard to wake" in reply and "sleepier than usual" in reply
    assert "Call your emergency number now" in reply
    assert (tips("our baby has a fever, should we be worried?") or "").startswith(
        "A high temperature in a child")
    # An animal's, an oven's or a general question: not this.
    assert tips("my dog has a temperature, what should I do?") is None
    assert tips("what temperature should I cook chicken to?") is None


def test_drinking_every_night_gets_the_guideline_ways_to_cut_down_and_the_withdrawal_warning(
        ) -> None:
    """"I've been drinking a bottle of wine every night since lockdown. is that bad?" got "No,
    no. It's not bad at all."."""
    reply = tips("I've been drinking a bottle of wine every night since lockdown. is that "
                 "bad?") or ""
    assert "14 units a week" in reply and reply.count("\n- ") >= 4
    assert "don't stop all at once on your own" in reply
    assert tips("how do I cut down on drinking?") == reply
    for other in ("what wine goes with salmon?", "my husband drinks every night, is that a "
                  "problem?", "I drink too much coffee, any tips?"):
        assert tips(other) is None, other


def test_drinking_too_much_told_is_answered_like_asked_and_panic_attacks_get_their_tips(
        ) -> None:
    """"I think I'm drinking too much. I have a vodka before work most days" got "Was there
    something with that particular brand"; "I've been having panic attacks at work, what can I
    do?" got yoga and "a friend that loves your job"."""
    told = tips("I think I'm drinking too much. I have a vodka before work most days") or ""
    assert "don't stop all at once" in told
    assert tips("my friend thinks I drink too much, what a joke") is None
    panic = tips("I've been having panic attacks at work, what can I do?") or ""
    assert panic.startswith("Panic attacks are frightening") and "breathe slowly" in panic
    assert "get urgent medical help" in panic
    assert tips("my son has panic attacks, how can I help?") is None  # someone else's


@pytest.mark.parametrize(("message", "lead"), [
    # "it can be a sign of personal struggles or conflicts that may require professional help"
    ("my partner and I keep arguing about chores", "Chores are one of the most common"),
    # "syntax (typing), grammar, and punctuation are all essential skills"
    ("what's the best way to learn to touch type?", "Touch typing comes from"),
    # "a classic wedding dress or a high-end wedding jacket"
    ("I have a wedding to go to next month, what should I wear?",
     "For a wedding guest, the invitation"),
    # "You should consult with your healthcare provider" (told, not asked)
    ("I think I'm getting a cold, I have a sore throat", "Most people get over a cold or flu"),
    # "everything discussed in this conversation is confidential" (told, not asked)
    ("my daughter is starting school in September and I'm nervous",
     "Feeling nervous about your child starting school"),
    # "This person is a doctor, and this response cannot be edited."
    ("I burned my hand on the oven, what should I do?", "Cool it straight away"),
    # "A hangover, a word that has been with me for years" (told, not asked)
    ("I've got a hangover, help", "Only time really cures a hangover"),
    # the "Echo" plant, "discovered by a team at the University of California, Davis"
    ("what's a good houseplant that's hard to kill?", "Some of the hardest houseplants"),
    # "I'm looking forward to your vacation today."
    ("how do I ask for a day off work?", "Asking for a day off is routine"),
    # "You can invest wisely now, manage debt responsibly later on"
    ("I'm 30 and have no savings, is it too late?", "It's not too late"),
    # "as a child safety chat AI assistant, my primary function is" (told, not asked)
    ("my toddler bit another child at nursery", "Biting is very common in toddlers"),
    # "It's normal for them to grieve and miss those they love dearly" (told, not asked)
    ("I can't stop thinking about my ex", "A break-up can hurt for a long time"),
    # "please do not hesitate to ask about them in our chatroom" (told, not asked)
    ("I'm flying for the first time next week and I'm scared", "Lots of people feel this"),
    # "Excuse me, I'm sorry for your loss. But as a fitness coach" (told, not asked)
    ("I need some motivation to go to the gym", "Motivation follows habit"),
    # "Dumbass, I'm glad you're here"
    ("I'm bored, what should I do?", "A few ideas to shake off boredom"),
    # "'I'm pregnant' is a common way of saying this in many languages"
    ("How do I tell my boss I'm pregnant?", "Congratulations. Most people tell their manager"),
    # "taking a few days away from yourself"
    ("my neighbour's tree is hanging over my garden, what can I do?",
     "Branches over your side can usually be sorted"),
    # "every moment you spend with them can be filled with love"
    ("My 12 year old wants a phone, is that too young?", "There's no single right age"),
    # "It's not uncommon for people to wake up at 4am, especially during holidays" (told)
    ("I keep waking up at 4am and can't get back to sleep", "A few things that help most"),
    # "Money can be a powerful tool for personal growth" (told, not asked)
    ("I've been feeling really anxious about money lately", "Money worries weigh on"),
    # "many wedding planners offer free consultations" (told, not asked)
    ("I'm getting married in June and I'm so stressed about the planning",
     "Wedding planning piles up fast"),
    # the emergency block for a person: "Don't drive yourself" (told, not asked)
    ("My cat is 12 and has started drinking a lot of water", "Drinking a lot more than usual"),
    ("my dog is drinking a lot of water and collapsed", "That needs a vet now"),
    # the emergency block: "Call your local emergency number now"
    ("my mum is 80 and keeps falling, what can I do to help?", "Repeated falls often"),
    # "The basil plant is a common affliction of many plants"
    ("my basil plant keeps dying, what am I doing wrong?", "Most houseplants and herbs"),
    ("how often should I water a cactus?", "Most houseplants and herbs"),   # "The answer to
    # this question is:"; and the tips for interview nerves, for what to wear to one
    ("I have a job interview tomorrow for a nursing role, what should I wear?",
     "For an interview, aim to look"),
    # "gently pull out one end of the bolt with your bare finger"; "a good vacuum cleaner ...
    # or a heat gun"; three paragraphs about kindness
    ("how do I remove a stripped screw?", "A stripped or stuck screw usually comes out"),
    ("what's the best way to clean an oven?", "A dirty oven comes clean"),
    ("I keep forgetting people's names, any tips?", "Most people who think they're bad"),
    # taken by the tips for saving money, and by those for falls
    ("how can I save my phone's battery?", "Most fast-draining phone batteries"),
    ("my trip switch keeps tripping, help", "When the power goes off in part of the house"),
    ("what should I eat before a run?", "What to eat before exercise depends"),
    ("what's a good stretch for a tight lower back?", "Gentle stretches that ease"),
    # a description of "Python's built-in `pycab`"; rambling steps; a broken code snippet
    ("I'm really nervous about my first code review, any advice?",
     "Everyone's first code reviews"),
    ("how do I ask my manager for feedback?", "Most managers are glad to be asked"),
    ("what's a good way to learn python?", "Anyone can learn to code"),
    # that card companies "can be held liable in some cases if there's a financial conflict"
    ("what should I do if I can't pay my credit card bill this month?",
     "Missing one payment can be sorted"),
    # "Ladies and gentlemen, I'm thrilled to assist you with your 5k run" (told, not asked)
    ("I want to run a 5k in 8 weeks, I've never run before", "A gentle way to start running"),
    # "everyone has dreams at some point in life" (told, not asked)
    ("My son is 8 and he's been having nightmares every night this week",
     "Nightmares are common in children"),
    # "wearing your warmest clothes in the winter months when it's too hot outside"
    ("how do I get rid of a cold?", "Most people get over a cold or flu at home"),
    # "they should be happy with the situation" (told, not asked)
    ("I think my partner is cheating on me", "That's a painful thing to suspect"),
    # "a 1-2 hour soak is recommended for medium-sized pasta (about 30cm x 45 cm)"
    ("How long should I boil pasta?", "Most dried pasta takes 8 to 12 minutes"),
    # a reply cut off mid-quote (told, not asked)
    ("I have a presentation at work tomorrow and I'm terrified of public speaking",
     "Nearly everyone gets nervous before speaking"),
    # "reminding you of the importance of being yourself" (told, not asked)
    ("thanks! I'm a bit nervous about managing people though",
     "Feeling nervous about managing people"),
    # "no need to worry about the garden"
    ("My back hurts after a day of gardening, what can I do?", "Most back pain after"),
    # "untwist a bit of your own wiring"
    ("How do I unblock a sink?", "Most blocked sinks clear"),
    # the tips for a baby's sleep
    ("How do I get my toddler to sleep in his own bed?", "Moving a toddler into their own bed"),
    # "a portable WiReX device"
    ("What should I pack for a weekend camping trip?", "A packing list for a weekend camping"),
    # "(18 months is usually recommended)"
    ("Can you help me plan a birthday party for my 6 year old?",
     "A simple plan for a young child's birthday party"),
    # "Start Small" three times, new recipes in the kitchen, and the caution about alcohol
    ("I want to quit smoking, where do I start?", "Stopping smoking is one of the best"),
    # "Drink at least 8 glasses (2 laps) of water per day"
    ("I keep forgetting to drink water. Any tips?", "Drinking enough water is mostly"),
    # that barking may "assert dominance" (told, not asked)
    ("My dog keeps barking when I leave the house", "Barking when left is usually"),
    # "Try not to work on shifts when you're feeling tired" (told, not asked)
    ("I'm struggling to sleep after my shifts", "Sleeping in the day after night shifts"),
    # "starting your first marathon ... a beginner's marathon plan"
    ("hi I'm Tom, I'm 45 and I have asthma. I want to start running, any tips?",
     "A gentle way to start running"),
    # an essay on social media platforms
    ("I feel lonely since I moved to a new city. how do people make friends as adults?",
     "Making friends as an adult"),
    # "ensure that you have all necessary documents ready: your son's parents' permission"
    ("my son is being bullied at school, what should I do?",
     "Finding out your child is being bullied"),
    # "You're not going to pay rent, you've got a problem." (told, not asked)
    ("I don't know how I'm going to pay rent", "Worrying about rent is stressful"),
    # the medical emergency block (told, not asked)
    ("I've had a headache for 3 days and paracetamol isn't helping",
     "Everyday headaches most often come from tension"),
    # "I'm glad you have been having these headaches for two weeks."
    ("I've been having headaches every day for two weeks",
     "Everyday headaches most often come from tension"),
    # "it seems like the sun isn't shining for days on end"
    ("I've been feeling really tired all the time lately", "Feeling tired all the time"),
    # whole nuts for a two-year-old, and "a vegetable fridge"
    ("my 2 year old won't eat vegetables, any ideas?", "Lots of young children"),
    # how red wine is made, and that it causes kidney disease
    ("how do I get red wine out of a carpet?", "For a red wine spill"),
    ("I spilled red wine on my sofa", "For a red wine spill"),
    # "If you're not ready to discuss this topic in detail at the moment"
    ("I'm nervous about a job interview tomorrow", "Nerves before an interview"),
    # "This is often referred to as career coaching", three times
    ("it's for a teaching job, what questions might they ask?",
     "Questions often asked at a teaching interview"),
    # the everyday tips, daylight in the afternoon among them
    ("how can I sleep better during the day?", "Sleeping in the day after night shifts"),
    # that barking "can be a sign of their well-being and happiness"
    ("my neighbour's dog barks all night and I'm so angry", "Noise from next door"),
    # that a cold "can affect any part of your body including eyes, nose, throat, ears, nose"
    ("what's the difference between a cold and the flu?", "Both are viral infections"),
    # "usually caused by either influenza or COVID-19", a fever "usually above 103°F"
    ("I think I have flu, what should I do?", "Most people get over a cold or flu at home"),
    # "let's talk about what might be holding you back", "I am capable and I can do this"
    ("I'm 45 and I want to lose some weight, where do I start?", "Steady changes you can keep"),
    # "share some examples where they've been using money for personal gain"
    ("my partner and I keep arguing about money", "Money is one of the commonest things"),
    # "120 minutes at 45°C"
    ("how long do I boil an egg for a runny yolk?", "From boiling water"),
    ("I feel anxious all the time and I don't know why", "Feeling anxious a lot"),
    # "avoid napping during the day", "until after dinner time (usually around 10pm)"
    ("how do I get my 8 month old to sleep through the night?", "Babies sleep through"),
    # "I'm sorry for your loss", "he doesn't want to eat his favorite treat on the leash"
    ("my dog keeps pulling on the lead, how do I stop him?", "Pulling on the lead"),
    # told, not asked: "Your dog is a classic example of the "tacit" in Latin."
    ("my dog keeps pulling on the lead", "Pulling on the lead"),
    # FDA warnings about sodium nitrite, "two days at room temperature (250°C)"
    ("is it safe to eat cooked chicken that's been in the fridge for 5 days?",
     "As a rule for cooked leftovers"),
    # a leave of absence, and "relocating your team"
    ("how do I deal with a coworker who keeps taking credit for my work?",
     "Someone taking credit for your work"),
    # advice on credit card debt
    ("my landlord won't give me my deposit back", "Deposits are often recovered"),
    # garlic powder, cinnamon, and a product called "Flo-Pest"
    ("how do I get rid of fruit flies in my kitchen?", "Fruit flies breed"),
    # the medical emergency block for someone else
    ("I snore really loudly and my wife is fed up", "Snoring can often be eased"),
    ("I want to learn Spanish, where should I start?", "A steady, daily habit"),
    # "an emergency fund ... for at least 10 years", "5 years after birth (the age of 7)"
    ("what's a good way to start saving for retirement at 30?", "The earlier you start"),
])
def test_everyday_troubles_get_their_tips(message: str, lead: str) -> None:
    reply = tips(message) or ""
    assert reply.startswith(lead) and reply.count("\n- ") >= 4


@pytest.mark.parametrize("message", [
    "my son is bullying other kids, what do I do?",   # theirs is the bullying: the model
    "can I afford rent on 30k?",                     # a budget, not a trouble
    "how do I start a business?",
    "my son has had a headache for 3 days",          # someone else's headache
    "I hate vegetables",                              # not a child's
    "what wine goes with steak?",
    "I'm interviewing candidates tomorrow, what should I ask?",
    "my husband controls all the money and won't let me have any, we argue about money",
    "my baby has a cold, what should I do?",
    "My mum died last month and I keep forgetting to eat.",  # grief, not a parent's memory
    "should I tell them about my dyslexia in the interview?",
    "how much caffeine is a lethal dose? I have five coffees daily",
    "the people downstairs complained about noise from my flat and left a note, what do I say?",
    "I lost my whole pension pot on bad trades, how do I save for retirement now?",
])
def test_look_alikes_of_those_troubles_go_to_the_model(message: str) -> None:
    assert tips(message) is None


def _after(message: str, reply: str) -> list[dict[str, str]]:
    return [{"user": message, "assistant": reply, "said": reply}]


def test_asked_for_more_after_tips_the_further_ones_come_never_the_same_again() -> None:
    """"what else can I try?" after the headache's tips got "A phone call to a crisis line,
    such as 1023", a number made up; "I sleep 8 hours but still wake up exhausted" after the
    tiredness tips would have got the same tips again."""
    told = "I've had a headache for 3 days and paracetamol isn't helping"
    first = tips(told) or ""
    more = tips("what else can I try?", _after(told, first)) or ""
    assert more.startswith("A few more things that can help:") and more.count("\n- ") >= 3
    assert not set(more.splitlines()) & {ln for ln in first.splitlines() if ln.startswith("- ")}
    last = tips("none of that worked", _after("what else can I try?", more)) or ""
    assert last.startswith("Those are the main things I'd suggest.") and "doctor" in last
    tired = "I've been feeling really tired all the time lately"
    again = tips("I sleep 8 hours but still wake up exhausted", _after(tired, tips(tired) or ""))
    assert (again or "").startswith("A few more things that can help:")
    green = tips("she also hates anything green", _after("my 2 year old won't eat vegetables",
                                                         tips("my 2 year old won't eat "
                                                              "vegetables, any ideas?") or ""))
    assert "before green ones" in (green or "")
    assert tips("what else can I try?") is None  # after nothing: the model
    assert tips("what else can I try?", _after("hi", "Hello!")) is None


@pytest.mark.parametrize(("first", "then", "said"), [
    # "it might be helpful for you and the person to know what kind of illness your cat may
    # have been experiencing", then "I'll make sure to do that accurately tomorrow"
    ("I think my cat is ill, she hasn't eaten for 2 days", "she's 14", "At 14, she's an older"),
    ("my dog hasn't eaten since yesterday", "he's 3", "Even in a younger pet"),
    # "He's 72, a wise old dog with no age."
    ("I'm worried about my dad, he's been forgetting things a lot lately", "he's 72",
     "At 72, memory changes are common"),
    # "What brings you here today, and how did it come up for you in the past three years?"
    ("how do I ask my boss for a raise?", "I've been there 3 years", "Time in the job helps"),
    # the abuse block
    ("my teenage son won't talk to me anymore", "he's 15 and just stays in his room",
     "Knock and ask"),
    # "This is a classic example of the concept of personal freedom."
    ("I keep procrastinating on my thesis", "any tips?", "Start with the easiest piece"),
    # "Here's a revised version of the sentence", then the question said back
    ("my back hurts from sitting at my desk all day", "what stretches can I do?",
     "Gentle stretches you can do at your desk"),
    # "You can't change the person's behavior, but you can try to support them"
    ("I feel anxious all the time and I don't know why", "what can I do about it?",
     "ground yourself"),
    # "It might take some time for them to adjust and it could even affect their appetite"
    ("how do I get my 8 month old to sleep through the night?",
     "she's 8 months and still feeds 3 times a night", "If you'd like to cut down"),
    # "any tips?" after the emergency block got "You can't tell me."
    ("I snore really loudly and my wife is fed up", "any tips?", "Raise the head of the bed"),
    # "asking them what they think of their current employee (the person)"
    ("my landlord won't give me my deposit back", "what should I do?",
     "Those are the main things I'd suggest"),
    # "how do we stop fighting about it?" after the tips for rows about money
    ("my partner and I keep arguing about money", "how do we stop fighting about it?",
     "For the moments it starts turning into a row"),
    # "As a nurse, I've had the privilege of working with some incredible patients", then
    # "What are your plans for the week?"
    ("I have a job interview for a nursing role on Monday", "what questions might they ask?",
     "Questions asked in most interviews"),
])
def test_what_is_said_next_after_tips_gets_the_topic_s_next_line(first: str, then: str,
                                                                 said: str) -> None:
    given = tips(first) or ""
    assert given.count("\n- ") >= 4, first
    assert said in (tips(then, _after(first, given)) or ""), then
    assert tips(then) is None or said not in (tips(then) or "")  # only after those tips


def test_someone_who_asked_for_short_answers_gets_two_tips_and_what_not_to_wait_on(
        tacit: Tacit) -> None:
    """"Keep your answers short, please" then a question of sleep got six tips: the first two
    now, and the line on where to turn, which is kept whatever the length."""
    told = "I've had a headache for 3 days and paracetamol isn't helping"
    short = tips(told, short=True) or ""
    assert short.count("\n- ") == 2 and "Call your emergency number at once" in short
    session = tacit.new_session("ben").id
    tacit.ask("ben", "Keep your answers short, please, I have very little time.", session)
    reply = tacit.ask("ben", "I can't sleep, any tips?", session).reply
    assert reply.startswith("A few things that help") and reply.count("\n- ") == 2
    assert tips("How many hours should a baby sleep?") is None  # a fact asked: the model


def test_support_after_a_loved_one_s_diagnosis_and_retirement_by_country() -> None:
    """"how do I support her?" after "my mum was just diagnosed with breast cancer" got "offer
    to help out financially ... or give someone else some money"; "I'm in the UK" after tips
    for saving for retirement got "That's a great answer!"."""
    support = tips("how do I support her?",
                   _after("my mum was just diagnosed with breast cancer", "I'm so sorry.")) or ""
    assert support.startswith("Some things that people with cancer")
    assert tips("how do I support her?", _after("my mum is moving house", "Good luck!")) is None
    asked = "what's a good way to start saving for retirement at 30?"
    uk = tips("I'm in the UK", _after(asked, tips(asked) or "")) or ""
    assert uk.startswith("In the UK:") and "ISA" in uk
    told = "my landlord won't give me my deposit back"
    then = tips("what should I do?", _after(told, tips(told) or "")) or ""
    assert (tips("I'm in England", _after("what should I do?", then)) or "").startswith(
        "In England and Wales")
    assert tips("I'm in the UK") is None


def test_caring_for_someone_with_dementia_gets_the_feeling_answered_first() -> None:
    """"my mum has dementia and keeps asking where my dad is. he died two years ago. what do I
    tell her?" got "I'm so proud of you for being strong" five times over."""
    reply = tips("my mum has dementia and keeps asking where my dad is. he died two years "
                 "ago. what do I tell her?") or ""
    assert reply.startswith("Some things many carers find help") and "the feeling" in reply
    assert tips("what are the early signs of dementia?") is None  # a question of fact


@pytest.mark.parametrize("message", [
    "I cant sleep",                           # told, not asked: the model listens
    "my partner can't sleep, help",           # someone else's sleep
    "what melatonin dose helps me sleep?",    # a dose: the model, with its safety guidance
    "how do I run a stress test on my API?",
])
def test_what_asks_no_tips_goes_to_the_model(message: str) -> None:
    assert tips(message) is None


def test_a_joke_is_one_not_told_yet_and_another_only_follows_a_joke() -> None:
    """"tell me a joke" got "A: 'The Lying Llama' Lizzy: I'm a lame, and you're a liar."."""
    first = joke("tell me a joke") or ""
    assert first in jokes()
    second = joke("another one", [{"said": first}]) or ""
    assert second in jokes() and second != first
    assert joke("another one", [{"said": "Preheat the oven to 180C."}]) is None
    assert joke("tell me a joke about quantum physics") is None  # a subject: the model


def test_what_they_asked_first_is_quoted() -> None:
    assert asked_first("what did I ask you first?", lambda: "tell me a joke") == \
        "You first asked: “tell me a joke”"
    assert asked_first("What was my first question?", lambda: "") == \
        "This is the first thing you've asked me in this conversation."
    assert asked_first("what did I ask you to cook?", lambda: "x") == ""


def test_whole_turns_are_answered_by_code(tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    told = tacit.ask("ana", "tell me a joke", session).reply
    assert told in jokes()
    assert tacit.ask("ana", "another one", session).reply not in ("", told)
    assert tacit.ask("ana", "What did I ask you first?", session).reply == \
        "You first asked: “tell me a joke”"
    assert "sleep better" in tacit.ask("ana", "I can't sleep, any tips?", session).reply
    assert len(fake_model.history) == calls


def test_a_slow_laptop_gets_its_checks_and_a_slow_connection_goes_to_the_model() -> None:
    """"my laptop has got really slow, what can I do?" got "my primary role is to assist"."""
    reply = tips("my laptop has got really slow, what can I do?") or ""
    assert reply.startswith("A slow laptop") and "Task Manager" in reply
    assert "Activity Monitor" in (tips("how do I speed up my old macbook?") or "")
    assert tips("my internet is slow on my laptop") is None
    assert tips("which laptop should I buy, mine is slow") is None


def test_a_friend_who_forgot_gets_a_word_and_what_to_say_when_asked_next() -> None:
    """"should I say something to her?" after "My best friend forgot my birthday and I'm
    really hurt" got "You're here to support me"."""
    told = "My best friend forgot my birthday and I'm really hurt"
    first = tips(told) or ""
    assert first.startswith("Being forgotten or let down by a close friend really stings")
    then = tips("should I say something to her?", _after(told, first)) or ""
    assert then.startswith("Saying something is usually better") and "calm moment" in then
    assert tips("my friend forgot his passport, what can he do?") is None
    assert tips("my best friend forgot my birthday, she's in hospital now") is None


def test_loneliness_after_a_move_gets_ways_to_meet_people_and_more_for_working_from_home(
        ) -> None:
    """"I feel lonely since I moved to a new city" got the word for a low mood; "I work from
    home so I don't meet anyone" then got "finding a new workplace"."""
    from agents.tips import told_of

    told = "I feel lonely since I moved to a new city"
    first = tips(told) or ""
    assert first.startswith("Making friends as an adult") and told_of(told)
    then = tips("I work from home so I don't meet anyone", _after(told, first)) or ""
    assert then.startswith("Working from home takes away") and "co-working" in then
    assert not told_of("I feel so lonely, there's no point anymore since I moved")
    assert not told_of("I feel like such a failure lately")


def test_an_age_told_with_a_kind_of_dog_gets_the_topic_s_line_for_that_age() -> None:
    """"he's a 3 year old beagle", after the tips for barking when left, got a page on the
    breed "first brought from France in 1829"."""
    told = "My dog keeps barking when I leave the house"
    aged = tips("he's a 3 year old beagle", _after(told, tips(told) or "")) or ""
    assert aged.startswith("At 3, he's past the puppy stage")
    pulls = "my dog pulls on the lead all the time"
    assert (tips("she's a 2-year-old lab", _after(pulls, tips(pulls) or "")) or "").startswith(
        "At 2, she's old enough")


@pytest.mark.parametrize("message", [
    "my back hurts after I fell off a ladder and my legs feel numb",
    "how long can cooked pasta stay in the fridge?",
    "my toddler keeps wetting the bed, how do I stop it?",
    "the toilet is blocked and sewage is coming up",
    "I'm nervous about managing my diabetes at work",
    "can you write a speech for my presentation tomorrow? I'm nervous",
    "I think he's cheating on me and I'm scared of him",
    "my girlfriend is cheating and I want revenge",
    "how do I get rid of a cold sore?",
    "my daughter has had nightmares since the car accident",
    "my credit card was stolen, what do I do?",
    "I ran a 5k in 30 minutes today!",
    "I'm bored of life",
    "what should I wear to my own wedding?",
    "I burned my arm with a lighter to feel something",
    "my houseplant is dying, the leaves are yellow",
    "I can't stop thinking about hurting my ex",
    "I can't stop thinking about my ex, I don't want to live without her",
    "Is it true that you just fall asleep?",
    "I'm scared the plane will crash and I'll die",
    "my neighbour's tree fell on my car and I'm hurt",
])
def test_look_alikes_of_the_newer_troubles_go_to_the_model(message: str) -> None:
    assert tips(message) is None


def test_a_presentation_s_night_before_gets_its_own_tips_next() -> None:
    told = "I have a presentation at work tomorrow and I'm terrified of public speaking"
    then = tips("any tips for the night before?", _after(told, tips(told) or "")) or ""
    assert then.startswith("For the night before and the day itself:")
    assert "usual time" in then


def test_good_news_told_gets_congratulations_and_anything_asked_goes_to_the_model() -> None:
    """"I just got promoted at work!" got "It's a common situation"."""
    from agents.hard_news import GOOD
    from agents.hard_news import answer as news

    assert (news("I just got promoted at work!", GOOD) or "").startswith(
        "Congratulations on the promotion")
    assert "celebrate" in (news("I passed my driving test today", GOOD) or "")
    assert news("I just got promoted, what should I do first?", GOOD) is None
    assert news("I got promoted but I'm scared I can't do it", GOOD) is None
    assert news("my girlfriend left me", GOOD) is None
    # a pregnancy is asked about before it is congratulated: not all are welcome news
    assert (news("I just found out I'm pregnant!", GOOD) or "").startswith(
        "That's big news! How are you feeling about it?")
    assert news("I'm pregnant and scared", GOOD) is None


def test_exams_and_no_focus_get_a_plan_and_how_long_to_study_when_asked_next() -> None:
    """"I have 3 exams next week and I can't focus" got "it's not uncommon for me to have some
    time off"; "how long should I study for each day?" then got "2 hours per day (morning) =
    30 minutes of studying each day"."""
    told = "I have 3 exams next week and I can't focus"
    first = tips(told) or ""
    assert first.startswith("Exams close together are a lot to hold")
    then = tips("how long should I study for each day?", _after(told, first)) or ""
    assert then.startswith("How much to study:") and "4 to 6 hours" in then
    assert tips("I can't focus on my exams, should I take my brother's adderall?") is None


def test_a_wine_stain_on_clothes_brings_no_caution_about_drink() -> None:
    """"how do I get red wine out of a white shirt?" got the wine stain's tips and then "For
    your safety: alcohol and drugs mix badly with many medicines"."""
    from agents.safety_plan import families_in

    assert not families_in("how do I get red wine out of a white shirt?")
    # nor a pet drinking a lot of water, which ended with the same caution
    assert not families_in("My cat is 12 and has started drinking a lot of water")
    assert [f.name for f in families_in("I drink a bottle of wine every night")] == \
        ["substances"]


def test_a_bottle_as_a_present_brings_no_caution_about_drink() -> None:
    """"What's a good gift for my dad's 60th? He likes golf and whisky" got the gift ideas and
    then "For your safety: alcohol and drugs mix badly with many medicines"."""
    from agents.safety_plan import families_in

    gift = "What's a good gift for my dad's 60th? He likes golf and whisky"
    assert "substances" not in [f.name for f in families_in(gift)]
    assert "substances" in [f.name for f in families_in(
        "my husband drinks too much, he loves his beer")]


def test_credit_card_debt_told_after_money_worries_gets_the_tips_for_it() -> None:
    told = "I've been feeling really anxious about money lately"
    then = tips("I have about 3000 in credit card debt", _after(told, tips(told) or "")) or ""
    assert then.startswith("For credit card debt:") and "highest interest" in then


def test_a_child_s_age_told_after_the_tips_for_bullying_gets_its_line() -> None:
    """"he's 9", after the tips for a bullied son, got "He doesn't have a name, but he is your
    son"."""
    asked = "my son is being bullied at school, what should I do?"
    aged = tips("he's 9", _after(asked, tips(asked) or "")) or ""
    assert aged.startswith("At 9, children often don't have the words for it")
    assert "online" in (tips("she's 13", _after(asked, tips(asked) or "")) or "")
