"""Tips for slugs, card debt, a wedding to plan, exams and meals that slip, written by code
(``data/tips.yaml``).

"I want to get rid of the slugs eating my lettuce." got slugs that "could spread diseases like
blight"; "I've got about £8,000 on credit cards and I can't keep up with the payments." got
"reflecting on your mindset"; "Can you make me a wedding planning checklist?" got "Book the
venue ... usually 3-4 days before"; a 16 year old's "I failed my maths mock and I feel useless."
got a tutor "without having to make a huge payment from your bank account", and "My parents will
kill me if I fail maths." got "this kind of trauma"; "What should I do the night before an
exam?" got breakfast "10 minutes before the exam"; and a widower's "I keep forgetting to eat
properly." got the tips for a poor memory. Each now gets its topic's tips; a pet that has eaten
pellets, a crisis, violence at home, an eating disorder or someone else's trouble does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit

SLUGS = "Slugs and snails are a nuisance rather than a danger"
PELLETS = "Slug pellets differ a lot in how risky they are to pets"
CARD_DEBT = "Falling behind with card or loan payments is more common than it feels"
WEDDING = "Here's a wedding planning checklist, working back from the day"
FAILED_MOCK = "Failing a mock feels horrible, but it doesn't make you useless"
NIGHT_BEFORE = "The night before an exam is for getting ready and resting"
EXAM_PRESSURE = "Lots of people feel this pressure about exams"
MEALS = "Meals often slip when you're on your own or going through a hard time"
NIGHT_SHIFT = "Eating on nights goes best"
LONG_SHIFT = "A long shift goes best on a proper meal"
FORGETFUL = "Forgetting more than usual is very common"
MONEY_WORRIES = "Money worries weigh on everything"
CANT_PAY_BILL = "Missing one payment can be sorted"
WEDDING_STRESS = "Wedding planning piles up fast"

WIDOWED = "Hello. My name is Arthur, I'm 74. My wife Margaret passed away last month."


@pytest.mark.parametrize(("message", "lead"), [
    ("I want to get rid of the slugs eating my lettuce.", SLUGS),
    ("how do I stop slugs eating my hostas?", SLUGS),
    ("the slugs have eaten all my seedlings, what can I do?", SLUGS),
    ("how can I keep snails off my plants", SLUGS),
    ("I'm overrun with slugs", SLUGS),
    ("Are slug pellets safe if I have a dog?", PELLETS),
    ("are slug pellets dangerous to hedgehogs?", PELLETS),
    ("which slug pellets are safe for cats?", PELLETS),
    ("is slug killer safe around children", PELLETS),
    ("I've got about £8,000 on credit cards and I can't keep up with the payments.", CARD_DEBT),
    ("I can't keep up with my credit card payments", CARD_DEBT),
    ("I've got £8,000 of debt on cards and can't pay", CARD_DEBT),
    ("I'm behind on my loan repayments", CARD_DEBT),
    ("I'm drowning in credit card debt", CARD_DEBT),
    ("Can you make me a wedding planning checklist?", WEDDING),
    ("what do I need to do to plan a wedding?", WEDDING),
    ("how do I start planning our wedding?", WEDDING),
    ("we're getting married next summer, where do I start?", WEDDING),
    ("I failed my maths mock and I feel useless.", FAILED_MOCK),
    ("I did badly in my mocks, what now?", FAILED_MOCK),
    ("I got a 3 in my English mock", FAILED_MOCK),
    ("I failed my chemistry test at school, what do I do?", FAILED_MOCK),
    ("What should I do the night before an exam?", NIGHT_BEFORE),
    ("what to do the night before an exam", NIGHT_BEFORE),
    ("tips for the night before my GCSE maths exam", NIGHT_BEFORE),
    ("My parents will kill me if I fail maths.", EXAM_PRESSURE),
    ("my parents will be so angry if I fail", EXAM_PRESSURE),
    ("I'm scared to tell my parents my results", EXAM_PRESSURE),
    ("I failed my mocks and my parents will kill me", EXAM_PRESSURE),
    ("my parents put so much pressure on me about exams", EXAM_PRESSURE),
    ("I keep forgetting to eat properly.", MEALS),
    ("I don't bother cooking since my wife died", MEALS),
    ("I have no appetite since he died", MEALS),
    ("I've not been eating properly since my wife passed", MEALS),
    ("I forget to eat when I'm busy at work", MEALS),
    ("what to eat on a night shift", NIGHT_SHIFT),
    ("What should I eat before a 12 hour night shift?", NIGHT_SHIFT),
    ("best food for a long night shift", NIGHT_SHIFT),
])
def test_an_everyday_request_gets_its_topic_s_tips(message: str, lead: str) -> None:
    """Each of these got a rambling page, waffle, a muddled list, a bank payment, "trauma" or
    the tips for a poor memory from the model, or nothing at all: each now gets the tips."""
    reply = answer(message) or ""
    assert reply.startswith(lead), message
    assert reply.count("\n- ") >= 5, message


@pytest.mark.parametrize(("message", "lead"), [
    # a pet or a person that has eaten pellets is pet_poisons' or the model's; a pet eating
    # slugs, aquarium snails or a slug in a web address is not the garden
    ("My dog Biscuit ate some slug pellets!", None),
    ("my dog ate slug pellets", None),
    ("my son ate a slug pellet, what do I do?", None),
    ("what happens if my dog eats slug pellets?", None),
    ("my dog keeps eating slugs, how do I stop him?", None),
    ("how do I get rid of snails in my fish tank?", None),
    ("how do I change the slug of my wordpress post?", None),
    # money worries, one bill or the rent keep their topics; a crisis, a loan shark, gambling,
    # a declined card or someone else's debt get no tips
    ("I've been feeling really anxious about money lately", MONEY_WORRIES),
    ("I'm so stressed about my debts", MONEY_WORRIES),
    ("I can't pay my credit card bill this month", CANT_PAY_BILL),
    ("I'm behind on my rent", "Worrying about rent is stressful"),
    ("I can't keep up with my credit card payments and I can't go on", None),
    ("I can't keep up with my credit card payments, there's no way out", None),
    ("I'm behind on my loan and a loan shark is threatening me", None),
    ("I can't keep up with my debts because of gambling", None),
    ("I've got £5,000 of debt and I want to kill myself", None),
    ("my card was declined and I can't pay", None),
    ("my husband can't keep up with his credit card payments", None),
    # wedding stress keeps its topic; a guest, a speech or the day's running order is not
    # the planning checklist
    ("I'm getting married in June and I'm so stressed about the planning", WEDDING_STRESS),
    ("what should I wear to a wedding?", "For a wedding guest, the invitation is the best guide"),
    ("wedding speech checklist", None),
    ("can you make a timeline for the day of our wedding?", None),
    # a wish to die, a driving test, an interview, code or someone else's mocks: not these
    ("I failed my maths mock and I want to die", None),
    ("I failed my mock and I want to kill myself", None),
    ("I failed my driving test", None),
    ("I failed my mock interview", None),
    ("my unit tests keep failing", None),
    ("my son failed his mocks, how can I help?", None),
    ("what should I do the night before my driving test?", None),
    ("should I pull an all-nighter the night before my exam?", None),
    # violence at home, being thrown out, a wish to die, or no exam at all: not exam pressure
    ("my dad hits me when I get bad grades", None),
    ("my parents will kill me if I fail, I want to die", None),
    ("my parents will kick me out if I fail my exams", None),
    ("my dad will kill me if I crash his car", None),
    ("my parents will kill me if they find out I'm gay", None),
    # an eating disorder, a wish to die, a pet or a parent is another matter; a poor memory
    # keeps its tips, and a death told first is news before any tips
    ("I'm starving myself because I don't deserve to eat", None),
    ("I keep making myself sick after meals", None),
    ("I stopped eating on purpose", None),
    ("I take laxatives and forget to eat", None),
    ("I have no appetite and I want to die", None),
    ("my dog keeps forgetting to eat", None),
    ("my dad keeps forgetting to eat, what should I do?", None),
    ("My mum died last month and I keep forgetting to eat.", None),
    ("I keep forgetting things", FORGETFUL),
    # a long shift by day keeps its own topic
    ("What should I eat before a 12 hour shift?", LONG_SHIFT),
])
def test_look_alikes_and_danger_told_get_no_tips_or_another_topic_s(
        message: str, lead: str | None) -> None:
    """"My dog Biscuit ate some slug pellets!" is an emergency for the vet, "my dad hits me when
    I get bad grades" is danger at home, and "I'm starving myself" an eating disorder: no tips.
    Money worries, wedding stress, a poor memory and a day shift keep the topics they had."""
    reply = answer(message)
    if lead is None:
        assert reply is None, message
    else:
        assert (reply or "").startswith(lead), message


def test_the_pellet_tips_tell_which_pellets_and_what_to_do_if_one_is_eaten() -> None:
    """The slug tips end on pellets with pets, and the pellet tips on the vet: a pet that eats
    pellets of any kind needs one straight away."""
    slugs = answer("I want to get rid of the slugs eating my lettuce.") or ""
    assert "ferric phosphate" in slugs and "call your vet straight away" in slugs
    pellets = answer("Are slug pellets safe if I have a dog?") or ""
    assert "ferric phosphate" in pellets and "metaldehyde" in pellets
    assert pellets.rstrip().endswith("take the packet with you so the vet knows what's in it.")


def test_the_card_debt_tips_name_free_advice_for_the_uk_and_the_us() -> None:
    reply = answer("I can't keep up with my credit card payments") or ""
    assert "StepChange or Citizens Advice" in reply and "nonprofit credit counsellor" in reply
    assert "payday loan" in reply and "more than the minimum" in reply


def test_the_wedding_checklist_runs_from_a_year_out_to_the_last_week() -> None:
    """The model's list booked the venue "3-4 days before": the checklist runs in order, and
    says the legal rules differ by country."""
    reply = answer("Can you make me a wedding planning checklist?") or ""
    steps = ["About 12 months before", "9 to 6 months before", "About 3 months before",
             "The last month", "The last week"]
    assert [reply.index(step) for step in steps] == sorted(reply.index(step) for step in steps)
    assert "differ by country" in reply


def test_the_exam_pressure_tips_say_where_to_turn_if_home_is_frightening() -> None:
    reply = answer("My parents will kill me if I fail maths.") or ""
    assert "tell a teacher or another adult you trust" in reply and "0800 1111" in reply


def test_a_widower_who_forgets_to_eat_gets_meal_tips_not_memory_tips(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """Right after telling of his wife's death, "I keep forgetting to eat properly." got the
    tips for a poor memory: in a whole conversation it now gets the meal tips, written by code,
    and asked for more, the further ones with the word to see a doctor."""
    session = tacit.new_session("arthur").id
    tacit.ask("arthur", WIDOWED, session)
    calls = len(fake_model.history)
    meals = tacit.ask("arthur", "I keep forgetting to eat properly.", session).reply
    assert meals.startswith(MEALS) and FORGETFUL not in meals
    assert "cook double" not in meals and "make double" in meals and "see your doctor" in meals
    more = tacit.ask("arthur", "what else?", session).reply
    assert "Age UK" in more and "make double" not in more
    assert len(fake_model.history) == calls


def test_a_sixteen_year_old_s_mock_and_parents_get_their_tips(tacit: Tacit) -> None:
    """A 16 year old's "I failed my maths mock and I feel useless." and "My parents will kill me
    if I fail maths." each get their tips in a whole conversation; "kill me" is a figure of
    speech, not a crisis."""
    session = tacit.new_session("sam").id
    tacit.ask("sam", "I'm 16.", session)
    mock = tacit.ask("sam", "I failed my maths mock and I feel useless.", session).reply
    assert mock.startswith(FAILED_MOCK) and "mark" in mock
    parents = tacit.ask("sam", "My parents will kill me if I fail maths.", session).reply
    assert parents.startswith(EXAM_PRESSURE) and "0800 1111" in parents


def test_a_gardener_asks_about_slugs_then_pellets_then_a_dog_eats_some(tacit: Tacit) -> None:
    """The slug tips, then the pellet tips, and when the dog has eaten pellets, the vet now
    (agents/pet_poisons.py), never tips."""
    session = tacit.new_session("gill").id
    slugs = tacit.ask("gill", "I want to get rid of the slugs eating my lettuce.", session).reply
    assert slugs.startswith(SLUGS)
    pellets = tacit.ask("gill", "Are slug pellets safe if I have a dog?", session).reply
    assert pellets.startswith(PELLETS)
    eaten = tacit.ask("gill", "My dog Biscuit ate some slug pellets!", session).reply
    assert "vet" in eaten and not eaten.startswith((PELLETS, SLUGS))
