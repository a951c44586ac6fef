"""Party food, gambling, cutting down on drink, a scam, a driving test, a eulogy, PIP, a GP in
the UK, vegetables in the shade, supermarket tantrums, married friends and a friend who
self-harms, written by code (``data/tips.yaml``).

A new user's talks got, from the bundled model, a ramble about party food, "You can't block a
betting app", "No, don't call your bank.", a story about an oak tree for a eulogy and "123456"
for the non-emergency number. Each message now gets its topic's tips, or its further ones
right after them; a look-alike (another topic's message, or a crisis) does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from tests.unit.tips_told import gets_its_tips_and_not_its_look_alike, reply, told

FOOD = "For a party of young children, simple food they can pick up works best"
GAMES = "Classic party games most children love"
GAMBLING = "Thank you for saying it: seeing it is the first step, and gambling problems"
BLOCK = "Yes, you can block them, and putting blocks in the way"
DRINKING = "Drinking every day, or more than about 14 units a week"
STOP_DRINKING = "It depends on how much you drink. If you drink heavily every day"
UNITS = "In the UK, one unit is 10 ml of pure alcohol."
SCAMMED = "Act quickly: the sooner your bank knows"
BANK = "Yes, call your bank now"
STALLING = "Every learner stalls, and it gets much better with practice."
DRIVING_NERVES = "Feeling sick with nerves before a driving test is really common"
NERVES = "Nerves before a big day mean it matters to you"
EULOGY = "I'm sorry for your loss; a eulogy doesn't need to be perfect"
EULOGY_START = "I'm so sorry for your loss. Starting is often the hardest part"
PIP = "PIP (Personal Independence Payment) helps with the extra costs"
PIP_FORM = "The \"How your disability affects you\" form is where most of the decision"
GP = "Welcome! In England, anyone can register with a GP surgery"
COSTS = "You don't need to pay: registering with a GP and seeing your GP or practice nurse"
NHS_111 = "For a health problem that isn't an emergency, in the UK:"
SPAIN = "How you get public healthcare in Spain depends on why you're covered"
SHADE = "A north-facing or shady garden can still grow plenty"
SOWING = "In the UK, most of these are sown outdoors from spring to late summer"
SUPERMARKET = "Supermarkets are hard for toddlers"
TANTRUMS = "Tantrums are a normal part of being one to four"
FRIENDS = "Making friends as an adult mostly comes from seeing the same people"
MARRIED = "It's really common for friends' lives to move on to marriage and children"
SELF_HARM = "It means a lot that your friend trusted you with this"
CANCER = "Some things that people with cancer often say helped them most"
MORE = "A few more things that can help:"

OURS = (FOOD, GAMBLING, BLOCK, STOP_DRINKING, UNITS, BANK, STALLING, DRIVING_NERVES, EULOGY,
        EULOGY_START, PIP, PIP_FORM, GP, COSTS, NHS_111, SHADE, SOWING, SUPERMARKET, MARRIED,
        SELF_HARM)


def _talk(*steps: tuple[str, str | None]) -> list[str]:
    """Each message said in turn, after the replies before it; each reply starts with its
    expected start (when one is given). The replies, in order."""
    recent: list[dict[str, str]] = []
    replies = []
    for message, start in steps:
        said = answer(message, recent) or ""
        if start is not None:
            assert said.startswith(start), (message, said[:80])
        recent.append({"user": message, "said": said or "Thanks for telling me."})
        replies.append(said)
    return replies


# The talks as the new user had them, each reply following the one before.
def test_a_sixth_birthday_party_gets_its_games_and_then_its_food() -> None:
    _talk(("I'm planning a birthday party for my son who's turning 6.", None),
          ("There'll be 15 kids. Any game ideas?", GAMES),
          ("What food should I get?", FOOD))


def test_a_gambling_problem_gets_help_more_help_and_a_yes_to_blocking_the_apps() -> None:
    said = _talk(("I think I have a gambling problem. I lost £2,000 this month on betting apps.",
                  GAMBLING),
                 ("I keep chasing my losses.", MORE),
                 ("How do I stop?", GAMBLING),
                 ("Can I block the betting apps?", BLOCK))
    assert "GamCare" in said[0] and "GAMSTOP" in said[0] and "StepChange" in said[0]
    assert "NHS" in said[1] and "Gamblers Anonymous" in said[1]
    assert "gamstop.co.uk" in said[3] and "Gamban" in said[3] and "bank" in said[3]


def test_drinking_gets_more_tips_a_safe_way_to_stop_and_the_units() -> None:
    said = _talk(("I drink a bottle of wine every night. Is that too much?", DRINKING),
                 ("I want to cut down.", MORE),
                 ("Is it safe to just stop?", STOP_DRINKING),
                 ("How many units is a bottle of wine?", UNITS))
    assert "Try Dry" in said[1]
    assert "withdrawal" in said[2] and "GP" in said[2] and "fits" in said[2]
    assert "about 10 units" in said[3] and "2.3 units" in said[3] and "2.1 units" in said[3]
    assert "÷ 1,000" in said[3]


def test_should_i_call_my_bank_after_a_scam_gets_a_clear_yes() -> None:
    said = _talk(("I think I've been scammed, I gave my card details to a website", SCAMMED),
                 ("Should I call my bank?", BANK))
    assert "back of your card" in said[1] and "159" in said[1]
    assert not said[1].startswith("No")


def test_a_learner_who_stalls_and_feels_sick_with_nerves_gets_driving_tips() -> None:
    said = _talk(("I'm 17 and my driving test is in two weeks.", None),
                 ("I keep stalling at junctions.", STALLING),
                 ("I'm so nervous I feel sick.", DRIVING_NERVES))
    assert "bite point" in said[1] and "neutral" in said[1] and "isn't a fail" in said[1]
    assert "examiner" in said[2] and "15 minor faults" in said[2]


def test_a_eulogy_for_a_nan_gets_its_tips_and_then_a_way_to_start() -> None:
    said = _talk(("My nan died last week and I have to write her eulogy.", EULOGY),
                 ("She was 92, she loved gardening and she raised five kids.", None),
                 ("Can you help me start it?", EULOGY_START))
    assert "My nan, [her name], was" in said[2] and "three to five minutes" in said[2]
    assert "oak" not in said[2]


def test_a_pip_claim_gets_how_to_claim_the_form_and_the_bad_days() -> None:
    said = _talk(("I have fibromyalgia and I want to apply for PIP.", PIP),
                 ("How do I fill in the form?", PIP_FORM),
                 ("My bad days are about 4 days a week.", "When your condition changes"))
    assert "Adult Disability Payment" in said[0] and "mandatory reconsideration" in said[0]
    assert "more than half of days" in said[1] and "safely" in said[1]
    assert "4 days out of 7" in said[2]


def test_a_newcomer_to_the_uk_gets_a_gp_that_is_free_and_nhs_111() -> None:
    said = _talk(("I've just moved to the UK from Nigeria. How do I register with a GP?", GP),
                 ("Do I need to pay?", COSTS),
                 ("What's the number for non-emergencies?", NHS_111))
    assert "proof of address" in said[0] and "immigration status" in said[0]
    assert "Prescriptions" in said[1] and "111" in said[2] and "123456" not in said[2]


def test_vegetables_in_a_north_facing_garden_get_what_grows_and_when() -> None:
    said = _talk(("I want to grow vegetables in my garden for the first time.", None),
                 ("My garden faces north and gets little sun.", None),
                 ("What grows well in shade?", SHADE),
                 ("When should I plant them?", SOWING))
    assert "spinach" in said[2] and "tomatoes" in said[2]
    assert "March" in said[3] and "frost" in said[3]


def test_supermarket_tantrums_get_their_own_tips_and_then_what_to_do_in_the_moment() -> None:
    said = _talk(("My 2 year old has massive tantrums in the supermarket.", SUPERMARKET),
                 ("What can I do in the moment?", "When a tantrum starts in the shop:"))
    assert "the park" not in said[0] and "the list" in said[0]
    assert "trolley" in said[1]


def test_friends_married_with_kids_get_further_tips_after_the_loneliness_ones() -> None:
    said = _talk(("I feel lonely since I moved to a new city", FRIENDS),
                 ("All my friends are married with kids.", MARRIED),
                 ("How can I meet people?", "More ways to meet people:"))
    assert "weekday" in said[1] and "Volunteer" in said[1] and "Meetup" in said[2]


def test_a_friend_who_cuts_herself_gets_support_tips_that_follow_on() -> None:
    said = _talk(("My best friend told me she's been cutting herself.", None),
                 ("She made me promise not to tell anyone.", SELF_HARM),
                 ("What should I do?", MORE),
                 ("How do I support her?", SELF_HARM))
    assert "999" in said[1] and "116 123" in said[1] and "care too much" in said[1]


# Each message told after the earlier ones (acknowledged, not answered with tips).
@pytest.mark.parametrize(("message", "before", "lead"), [
    ("What food should I get?", ("I'm planning a birthday party for my son who's turning 6.",
                                 "There'll be 15 kids. Any game ideas?"), FOOD),
    ("I keep chasing my losses.", (), GAMBLING),
    ("How do I stop?", ("I think I have a gambling problem. I lost £2,000 this month on betting "
                        "apps.", "I keep chasing my losses."), GAMBLING),
    ("Can I block the betting apps?", (), BLOCK),
    ("Is it safe to just stop?", ("I drink a bottle of wine every night.",), STOP_DRINKING),
    ("How many units is a bottle of wine?", (), UNITS),
    ("Should I call my bank?", ("I think I've been scammed",), BANK),
    ("I keep stalling at junctions.", (), STALLING),
    ("I'm so nervous I feel sick.", ("I'm 17 and my driving test is in two weeks.",),
     DRIVING_NERVES),
    ("Can you help me start it?", ("My nan died last week and I have to write her eulogy.",
                                   "She was 92, she loved gardening and she raised five kids."),
     EULOGY_START),
    ("How do I fill in the form?", ("I have fibromyalgia and I want to apply for PIP.",),
     PIP_FORM),
    ("My bad days are about 4 days a week.", ("I want to apply for PIP.",
                                              "How do I fill in the form?"), PIP_FORM),
    ("Do I need to pay?", ("How do I register with a GP?",), COSTS),
    ("What's the number for non-emergencies?", ("I've just moved to the UK. How do I register "
                                                "with a GP?", "Do I need to pay?"), NHS_111),
    ("What grows well in shade?", ("I want to grow vegetables in my garden for the first time.",
                                   "My garden faces north and gets little sun."), SHADE),
    ("When should I plant them?", ("I want to grow vegetables in my garden for the first time.",
                                   "My garden faces north and gets little sun.",
                                   "What grows well in shade?"), SOWING),
    ("How can I meet people?", ("All my friends are married with kids.",), MARRIED),
    ("What should I do?", ("My best friend told me she's been cutting herself.",), SELF_HARM),
    ("How do I support her?", ("My best friend told me she's been cutting herself.",
                               "She made me promise not to tell anyone."), SELF_HARM),
])
def test_each_message_after_what_was_told_gets_its_tips(message: str, before: tuple[str, ...],
                                                        lead: str) -> None:
    assert (answer(message, told(*before)) or "").startswith(lead), message


# A look-alike: another matter, another topic's message, or a crisis.
@pytest.mark.parametrize(("asked", "asked_told", "look_alike", "look_alike_told", "other"), [
    ("What food should I get?", "I'm planning a birthday party for my son who's turning 6.",
     "What food should I get?", "I'm hosting a dinner party for my colleagues.", None),
    ("How do I stop?", "I think I have a gambling problem.",
     "How do I stop?", None, None),
    ("How do I stop?", "I think I have a gambling problem.",
     "I want to kill myself", "I think I have a gambling problem.", None),
    ("Can I block the betting apps?", None, "How do I block spam texts?", None, None),
    ("Is it safe to just stop?", "I drink a bottle of wine every night.",
     "Is it safe to just stop?", "I've been taking sertraline for a year.", None),
    ("Is it safe to just stop?", "I drink a bottle of wine every night.",
     "Is it safe to just stop taking my antidepressants?", "I drink a bottle of wine a night.",
     None),
    ("How many units is a bottle of wine?", None,
     "How many units of insulin should I take?", None, None),
    ("Should I call my bank?", "I think I've been scammed",
     "Should I call my bank?", "I want to open a savings account.", None),
    ("I keep stalling at junctions.", None, "I keep stalling on my essay.", None, None),
    ("I'm so nervous I feel sick.", "I'm 17 and my driving test is in two weeks.",
     "I'm so nervous about my exam", "I'm 17 and my driving test is in two weeks.", NERVES),
    ("I'm so nervous I feel sick.", "I'm 17 and my driving test is in two weeks.",
     "I'm so nervous about my exam", None, NERVES),
    ("Can you help me start it?", "I have to write her eulogy.",
     "Can you help me start it?", "I'm writing a cover letter for a job.", None),
    ("Can you help me start it?", "I have to write her eulogy.",
     "Can you write it for me?", "I have to write her eulogy.", None),
    ("I want to apply for PIP.", None, "How do I pip install numpy?", None, None),
    ("How do I fill in the form?", "I want to apply for PIP.",
     "How do I fill in the form?", "I need to renew my passport.", None),
    ("How do I register with a GP?", None, "How do I register with a dentist?", None, None),
    ("How do I register with a GP?", None,
     "How do I register with a doctor in Spain?", None, SPAIN),
    ("Do I need to pay?", "How do I register with a GP?",
     "Do I need to pay?", "I want to go private for my knee.", None),
    ("What's the number for non-emergencies?", "How do I register with a GP?",
     "What's the number for non-emergencies?", "Someone stole my bike last night.", None),
    ("What grows well in shade?", "I want to grow vegetables in my garden.",
     "What grows well in shade?", "I want some flowers for my north-facing border.", None),
    ("When should I plant them?", "I want to grow vegetables in my garden.",
     "When should I plant them?", "I bought some tulip bulbs.", None),
    ("My 2 year old has massive tantrums in the supermarket.", None,
     "My 2 year old has tantrums when we leave the park.", None, TANTRUMS),
    ("My 2 year old has massive tantrums in the supermarket.", None,
     "My husband has tantrums in the supermarket.", None, None),
    ("All my friends are married with kids.", None, "How can I meet people?", None, FRIENDS),
    ("All my friends are married with kids.", None,
     "All my friends are married with kids and I want to kill myself", None, None),
    ("How do I support her?", "My best friend told me she's been cutting herself.",
     "How do I support her?", "My mum was just diagnosed with breast cancer", CANCER),
    ("What should I do?", "My best friend told me she's been cutting herself.",
     "I want to kill myself", "My best friend told me she's been cutting herself.", None),
    ("What should I do?", "My best friend told me she's been cutting herself.",
     "What should I do?", "My daughter told me she's been cutting herself.", None),
    ("Do I need to pay?", "How do I register with a GP?", "Is it free?", None, None),
])
def test_a_look_alike_does_not_get_the_topic(asked: str, asked_told: str | None,
                                            look_alike: str, look_alike_told: str | None,
                                            other: str | None) -> None:
    ours = tuple(lead for lead in OURS if reply(asked, asked_told).startswith(lead))
    assert len(ours) == 1, asked
    gets_its_tips_and_not_its_look_alike(asked, asked_told, look_alike, look_alike_told, other,
                                         ours)
    if other is None:
        assert not reply(look_alike, look_alike_told).startswith(OURS), look_alike


def test_the_further_tips_come_only_right_after_the_tips() -> None:
    """"I want to cut down." and "What can I do in the moment?" ask for more of what was just
    said: told with nothing before them, they get no tips."""
    assert answer("I want to cut down.", []) is None
    assert answer("What can I do in the moment?", []) is None
    assert not (answer("I want to cut down.", told("I keep stalling at junctions.")) or ""
                ).startswith((DRINKING, MORE))
