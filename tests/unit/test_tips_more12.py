"""Cooking, coeliac disease, buying a first home, health worries, a pet's death, flying in a
wheelchair, a parking fine, side income, a new guitarist, chemotherapy, a reactive dog and
cycling to work, written by code (``data/tips.yaml``).

The bundled model said potatoes are made of meat, that "it's illegal to pay tax" (stamp duty),
that a house survey is "Google Forms", that ringing ears "will not go away", and "No, you
cannot" to a power chair on a plane. Each now gets its topic's tips, asked straight out or
after what was told just before; a crisis, a baby or another matter does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer, catalog
from tests.unit.tips_told import gets_its_tips_and_not_its_look_alike, reply, told

POTATO = "A medium jacket potato takes about 8 to 10 minutes in the microwave on full power"
COOKING = "You can make proper, filling meals with just a microwave and a kettle"
OATS = "Oats don't contain gluten themselves, but ordinary oats are nearly always mixed"
DRINKS = "Ordinary beer, lager, ale and stout are made from barley"
STAMP = "In England and Northern Ireland, from 1 April 2025, first-time buyers pay no Stamp Duty"
SURVEY = "A survey is an inspection by a qualified surveyor"
ACNE = "Acne is really common: most teenagers get it to some degree"
TINNITUS = "Ringing in the ears after loud music is common"
EATING = "It's frightening to see, and you're right to act early: eating disorders are serious"
PET_KIDS = "Children cope best with simple, honest words"
PET_LOSS = "Grief for a pet is real grief"
ASSIST = "Help at the airport is free under UK and EU rules"
CHAIR = "Yes, you can: under UK and EU rules, airlines carry wheelchairs and mobility aids"
PARKING = "Yes, you can appeal, and signs that were hidden or unclear are one of the commonest"
MIGRAINE = "There's a good deal you can do to make migraines less frequent."
HMRC = "In the UK, the £1,000 trading allowance covers small amounts of side income"
GUITAR = "The first few weeks of guitar are the hardest for everyone"
CHEMO_BAG = "Chemo sessions can take several hours, so a well-packed bag"
HAIR = "It's a very natural worry, for men as much as for women."
CARER = "You matter too, and looking after yourself is part of looking after them."
REACTIVE = "Lunging and barking at other dogs is common"
SCHEME = "For most people the UK Cycle to Work scheme is worth it"
CYCLING = "Cycling to work is a great way to build exercise into the day"
LATENESS = "Lateness is best dealt with early, calmly and in private."
LEAD_PULLING = "Pulling on the lead is very common"

OURS = (POTATO, COOKING, OATS, DRINKS, STAMP, SURVEY, ACNE, TINNITUS, EATING, PET_KIDS, ASSIST,
        CHAIR, PARKING, MIGRAINE, HMRC, GUITAR, CHEMO_BAG, HAIR, CARER, REACTIVE, SCHEME, CYCLING)

WIDOWER = "My wife did all the cooking and she died in March. I'm 79 and I can't cook."
COELIAC = "I've just been told I have coeliac disease."
HOUSE = "We're buying our first house"
TEEN = "I'm 15 and I've got really bad acne."
EARS = "I've had ringing in my ears for three weeks since a concert."
DAUGHTER = "My daughter is 17 and I think she has an eating disorder."
DOG_DIED = "Our dog Max had to be put down yesterday. He was 14."
KIDS = "My kids keep asking when he's coming back. They're 5 and 8."
FLYING = "I'm a wheelchair user and I'm flying to Lisbon in June."
FINE = "I got a parking fine for £70 but the sign was covered by a tree."
MIGRAINES = "I get migraines about twice a month."
CANDLES = "I sell handmade candles on Etsy, I made about £6,000 last year."
STARTED_GUITAR = "I'm 42 and I've just started learning guitar."
CHEMO = "My husband has bowel cancer and starts chemo next week."
BISCUIT = "My dog Biscuit lunges and barks at other dogs on walks."
COMMUTE = "I want to start cycling to work, it's 8 miles each way."


@pytest.mark.parametrize(("message", "before", "lead"), [
    ("How long does a jacket potato take in the microwave?", (), POTATO),
    ("How do I microwave a potato?", (), POTATO),
    ("What's something simple I could make for dinner tonight?", (WIDOWER,), COOKING),
    ("I've only got a microwave and a kettle that work.", (WIDOWER,), COOKING),
    ("I've only got a microwave and a kettle that work.", (), COOKING),
    ("Can I still eat oats?", (COELIAC,), OATS),
    ("Can coeliacs eat oats?", (), OATS),
    ("What about beer?", (COELIAC,), DRINKS),
    ("Is beer gluten-free?", (), DRINKS),
    ("Do we pay stamp duty as first time buyers?", (), STAMP),
    ("What's a survey and do we need one?", (HOUSE,), SURVEY),
    ("Do I need a house survey?", (), SURVEY),
    (TEEN, (), ACNE),
    ("What can I buy from the chemist?", (TEEN,), ACNE),
    (EARS, (), TINNITUS),
    ("Will it go away?", (EARS,), TINNITUS),
    ("Should I see a doctor?", (EARS,), TINNITUS),
    ("It's driving me crazy at night.", (EARS,), TINNITUS),
    (DAUGHTER, (), EATING),
    ("She's lost a lot of weight and won't eat with us.", (DAUGHTER,), EATING),
    ("How do I bring it up without her shutting down?", (DAUGHTER,), EATING),
    ("Where can I get help for her?", (DAUGHTER,), EATING),
    (KIDS, (DOG_DIED,), PET_KIDS),
    ("How do I explain it to them?", (DOG_DIED, KIDS), PET_KIDS),
    ("The house feels so empty.", (DOG_DIED,), PET_LOSS),
    (FLYING, (), ASSIST),
    ("How do I book assistance at the airport?", (FLYING,), ASSIST),
    ("Can I take my power chair on the plane?", (FLYING,), CHAIR),
    ("Can I take my power chair on the plane?", (), CHAIR),
    (FINE, (), PARKING),
    ("Can I appeal it?", (FINE,), PARKING),
    (MIGRAINES, (), MIGRAINE),
    ("Is there anything I can do to prevent them?", (MIGRAINES,), MIGRAINE),
    ("I think chocolate and red wine set them off.", (MIGRAINES,), MIGRAINE),
    ("Do I need to tell HMRC?", (CANDLES,), HMRC),
    ("What's the trading allowance?", (CANDLES,), HMRC),
    ("My fingertips really hurt.", (STARTED_GUITAR,), GUITAR),
    ("What are the easiest chords to learn first?", (STARTED_GUITAR,), GUITAR),
    ("How long should I practise each day?", (STARTED_GUITAR,), GUITAR),
    ("What should I pack for his chemo days?", (CHEMO,), CHEMO_BAG),
    ("He's worried about losing his hair.", (CHEMO,), HAIR),
    ("How can I look after myself too?", (CHEMO,), CARER),
    (BISCUIT, (), REACTIVE),
    ("How do I stop it?", (BISCUIT,), REACTIVE),
    (COMMUTE, (), CYCLING),
    ("What kind of bike should I get?", (COMMUTE,), CYCLING),
    ("How long will it take me?", (COMMUTE,), CYCLING),
    ("Is the cycle to work scheme worth it?", (COMMUTE,), SCHEME),
    ("Is the cycle to work scheme worth it?", (), SCHEME),
])
def test_each_message_gets_its_topics_tips(message: str, before: tuple[str, ...],
                                           lead: str) -> None:
    assert (answer(message, told(*before)) or "").startswith(lead), message


@pytest.mark.parametrize(("asked", "asked_told", "look_alike", "look_alike_told", "other"), [
    ("How long does a jacket potato take in the microwave?", None,
     "How do I cook rice in the microwave?", None, None),
    ("What's something simple I could make for dinner tonight?", WIDOWER,
     "What's something simple I could make for dinner tonight?", None, None),
    ("Can I still eat oats?", COELIAC, "Can I still eat oats?", None, None),
    ("What about beer?", COELIAC, "What about beer?", "I'm pregnant.", None),
    ("Do we pay stamp duty as first time buyers?", None,
     "Do I pay stamp duty on a buy-to-let as a first time buyer?", None, None),
    ("What's a survey and do we need one?", HOUSE,
     "How do I survey my customers for feedback?", None, None),
    (TEEN, None, "My baby has spots", None, None),
    ("What can I buy from the chemist?", TEEN, "What can I buy from the chemist?", None, None),
    ("Will it go away?", EARS, "I want to kill myself", EARS, None),
    ("Where can I get help for her?", DAUGHTER, "She has taken an overdose", DAUGHTER, None),
    ("How do I explain it to them?", DOG_DIED, "How do I explain it to them?", None, None),
    ("Can I take my power chair on the plane?", FLYING,
     "Can I take my dog on the plane?", None, None),
    ("Can I appeal it?", FINE, "I got a speeding fine, can I appeal it?", None, None),
    ("Is there anything I can do to prevent them?", MIGRAINES,
     "Is there anything I can do to prevent them?", "I keep getting cold sores.", None),
    ("Do I need to tell HMRC?", CANDLES, "Do I need to tell HMRC?",
     "I rent out my spare room on Airbnb.", None),
    ("My fingertips really hurt.", STARTED_GUITAR, "How do I learn to play the guitar?", None,
     "It's never too late to learn an instrument"),
    ("How can I look after myself too?", CHEMO, "How do I support him?", CHEMO,
     "Some things that people with cancer often say helped them most"),
    (BISCUIT, None, "my dog keeps pulling on the lead, how do I stop him?", None, LEAD_PULLING),
    ("How long will it take me?", COMMUTE, "How do I teach my child to ride a bike?", None,
     "Most children learn fastest"),
])
def test_a_look_alike_is_another_matter(asked: str, asked_told: str | None, look_alike: str,
                                        look_alike_told: str | None, other: str | None) -> None:
    gets_its_tips_and_not_its_look_alike(asked, asked_told, look_alike, look_alike_told, other,
                                         OURS)


def test_a_crisis_after_each_topic_is_left_to_the_safety_guidance() -> None:
    for before in (WIDOWER, COELIAC, TEEN, EARS, DAUGHTER, DOG_DIED, FLYING, MIGRAINES, CHEMO,
                   BISCUIT, COMMUTE):
        for crisis in ("I want to kill myself", "she has taken an overdose"):
            assert not reply(crisis, before).startswith(OURS), (before, crisis)


def test_the_parent_naming_an_eating_disorder_is_not_blocked() -> None:
    unless = str(catalog()["topics"]["child_eating_disorder"]["unless"])
    assert "eating disorder" not in unless and "anorexi" not in unless
    assert "suicid" in unless and "overdos" in unless
    said = reply(DAUGHTER, None)
    assert "beateatingdisorders.org.uk" in said and "GP" in said


def test_the_tips_say_what_matters() -> None:
    potato = reply("How long does a jacket potato take in the microwave?", None)
    assert "prick" in potato and "soft right through" in potato
    stamp = reply("Do we pay stamp duty as first time buyers?", None)
    assert "£300,000" in stamp and "£500,000" in stamp and "calculator" in stamp
    survey = reply("Do I need a house survey?", None)
    assert "valuation is not a survey" in survey and "Level 3" in survey
    oats = reply("Can coeliacs eat oats?", None)
    assert "labelled gluten-free" in oats and "coeliac.org.uk" in oats
    tinnitus = reply(EARS, None)
    assert "tinnitus.org.uk" in tinnitus and "heartbeat" in tinnitus
    parking = reply("Can I appeal it?", FINE)
    assert "POPLA" in parking and "Traffic Penalty Tribunal" in parking
    hmrc = reply("What's the trading allowance?", CANDLES)
    assert "5 October" in hmrc and "not both" in hmrc
    chair = reply("Can I take my power chair on the plane?", None)
    assert "lithium-ion" in chair and "48 hours" in chair
    scheme = reply("Is the cycle to work scheme worth it?", None)
    assert "salary sacrifice" in scheme and "National Insurance" in scheme
    kids = reply("How do I explain it to them?", DOG_DIED)
    assert "put to sleep" in kids and "wasn't anyone's fault" in kids
    assert "bluecross.org.uk" in reply("The house feels so empty.", DOG_DIED)


def test_how_to_have_the_lateness_conversation_follows_its_tips() -> None:
    first = "One of my staff keeps turning up late. How do I handle it?"
    tips = answer(first, []) or ""
    assert tips.startswith(LATENESS)
    for asked in ("How do I have the conversation?", "What should I say first?",
                  "He's older than me and has been here longer."):
        more = answer(asked, [{"user": first, "said": tips}]) or ""
        assert more.startswith("How the conversation itself can go:"), asked
        assert "Have you got ten minutes?" in more and "older or more experienced" in more
        assert not (answer(asked, []) or "").startswith("How the conversation"), asked
