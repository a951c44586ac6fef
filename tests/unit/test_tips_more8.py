"""Tips for a runner with asthma, a renter with mould and a threat of eviction, a vegetarian, an
expectant mother, a man made redundant, a Spanish learner, fasting in Ramadan with diabetes, a
boiler and the menopause, written by code (``data/tips.yaml``).

"My inhaler is salbutamol. Should I take it before running?" got, from the bundled model, advice
to avoid inhalers; "I'm a vegetarian, how do I get enough iron?" advice to drink blood; twelve
weeks pregnant, "Can I take ibuprofen for a headache?" got the everyday headache tips ("As it has
lasted days") and "I've had a bit of spotting today, should I worry?" invented progesterone
doses; "What's the difference between ser and estar?" got "estar is an adverb"; "The boiler
pressure gauge says 0.5, is that bad?" got fuel in a furnace; "Is HRT safe?" got "Yes"; "I'm 52
and I keep having hot flushes and I can't sleep." got the everyday sleep tips; black mould in a
rented flat, a landlord who ignores emails and then threatens eviction ("Can he actually do
that?"), "tell me about yourself" in an interview, what to do after redundancy, and fasting in
Ramadan with type 2 diabetes (whether it is safe, what to eat at suhoor, a low sugar) were left
to the model. Each now gets its topic's tips; a look-alike (ironing, a fasting blood test, a
tyre, "tell me about yourself" said to Tacit) or a crisis told with it does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from tests.unit.tips_told import gets_its_tips_and_not_its_look_alike
from tests.unit.tips_told import reply as _reply

ASTHMA = "Exercise is good for asthma, and with it under control"
RENT_MOULD = "Damp and mould in a rented home should be reported to your landlord"
RENT_MOULD_MORE = "If your landlord ignores you or won't act:"
EVICTION = "A landlord can't make you leave on their say-so"
EVICTION_MORE = "A landlord can only make you leave through the legal process."
IRON = "You can get plenty of iron without meat"
PAINKILLERS = "In pregnancy, paracetamol is the usual first choice for pain"
BLEEDING = "Light spotting is common in early pregnancy and often harmless"
YOURSELF = "\"Tell me about yourself\" is really asking why you'd suit this job."
REDUNDANCY = "Being made redundant is a big blow"
SER_ESTAR = "Both mean \"to be\"."
RAMADAN = "Many people with type 2 diabetes can fast safely with a plan"
SUHOOR = "Suhoor is the meal that keeps you going through the day"
HYPO = "If your blood sugar goes low while you're fasting, break the fast"
BOILER = "Most combi and system boilers want about 1 to 1.5 bar"
MENOPAUSE = "Hot flushes and poor sleep are two of the commonest symptoms"
HRT = "For most women under 60, the benefits of HRT outweigh the risks"
HRT_FAMILY = "A family history of breast cancer is important to tell your GP"
OURS = (ASTHMA, RENT_MOULD, RENT_MOULD_MORE, EVICTION, EVICTION_MORE, IRON, PAINKILLERS, BLEEDING,
        YOURSELF, REDUNDANCY, SER_ESTAR, RAMADAN, SUHOOR, HYPO, BOILER, MENOPAUSE, HRT, HRT_FAMILY)
# other topics' tips that keep their own requests
HEADACHE = "Everyday headaches most often come from tension"
DAMP = "Black mould on walls and windows comes from condensation"
SHIRT = "For a crisp shirt"
CV = "A good CV is short"
BROKEN_BOILER = "A few checks that get many boilers going again"
SLEEP = "A few things that help most people sleep better:"

MOULD = "I rent a flat in Leeds and there's black mould in the bedroom."
IGNORED = "My landlord keeps ignoring my emails about it."
THREAT = "He's now threatening to evict me if I keep complaining."
PREGNANT = "I'm 12 weeks pregnant."
REDUNDANT = "I was made redundant last week after 15 years as a warehouse supervisor."
DIABETES = "I have type 2 diabetes and take metformin."
RAMADAN_ASKED = "I want to fast for Ramadan this year. Is that safe for me?"
FLUSHES = "I'm 52 and I keep having hot flushes and I can't sleep."


@pytest.mark.parametrize(("message", "told", "lead"), [
    ("My inhaler is salbutamol. Should I take it before running?", None, ASTHMA),
    ("should I use my blue inhaler before exercise?", None, ASTHMA),
    ("Is it okay to go running with asthma?", None, ASTHMA),
    ("any tips for running with mild asthma?", None, ASTHMA),
    ("My asthma gets worse when I run in the cold, what can I do?", None, ASTHMA),
    ("Do I need my inhaler for football?", None, ASTHMA),
    (MOULD, None, RENT_MOULD),
    (IGNORED, MOULD, RENT_MOULD),
    ("there's damp in my rented flat and the landlord won't fix it, what can I do?", None,
     RENT_MOULD),
    ("my letting agent says the mould is my fault, what are my rights?", None, RENT_MOULD),
    ("We're renting and the bathroom ceiling has black mould, any advice?", None, RENT_MOULD),
    (THREAT, MOULD, EVICTION),
    ("Can he actually do that?", THREAT, EVICTION),
    ("Can my landlord evict me for complaining about repairs?", None, EVICTION),
    ("my landlord changed the locks while I was out, what can I do?", None, EVICTION),
    ("My landlord says he'll kick us out if we report the damp.", None, EVICTION),
    ("is revenge eviction legal?", None, EVICTION),
    ("I'm a vegetarian, how do I get enough iron?", None, IRON),
    ("how can vegans get iron?", None, IRON),
    ("What foods are high in iron if you don't eat meat?", None, IRON),
    ("best sources of iron on a plant-based diet?", None, IRON),
    ("I've gone veggie, am I getting enough iron?", None, IRON),
    ("Can I take ibuprofen for a headache?", PREGNANT, PAINKILLERS),
    ("I'm 12 weeks pregnant, can I take ibuprofen for a headache?", None, PAINKILLERS),
    ("Is paracetamol safe in pregnancy?", None, PAINKILLERS),
    ("what painkillers can I take while pregnant?", None, PAINKILLERS),
    ("Should I take ibuprofen or paracetamol?", "I'm pregnant with my first baby!", PAINKILLERS),
    ("What can I take for a headache?", "We're expecting our first baby in May.", PAINKILLERS),
    ("I've had a bit of spotting today, should I worry?", PREGNANT, BLEEDING),
    ("I'm 8 weeks pregnant and I've had some brown discharge, is that normal?", None, BLEEDING),
    ("is light bleeding normal in early pregnancy?", None, BLEEDING),
    ("I'm pregnant and noticed some spotting after sex.", None, BLEEDING),
    ("There was a little blood when I wiped, should I call someone?", "I'm 10 weeks pregnant.",
     BLEEDING),
    ("How do I answer 'tell me about yourself' in an interview?", None, YOURSELF),
    ("what should I say when they ask me to tell them about myself?", None, YOURSELF),
    ("tips for the \"tell us about yourself\" question?", None, YOURSELF),
    ("How do I introduce myself in a job interview?", None, YOURSELF),
    ("\"Tell me about yourself\" - how should I answer that?", None, YOURSELF),
    ("What should I do now I've been made redundant?", None, REDUNDANCY),
    ("I've just been made redundant, any advice?", None, REDUNDANCY),
    ("What should I do now?", REDUNDANT, REDUNDANCY),
    ("what are the first steps after being made redundant?", None, REDUNDANCY),
    ("I was made redundant yesterday, where do I start?", None, REDUNDANCY),
    ("What's the difference between ser and estar?", None, SER_ESTAR),
    ("when do I use ser and when estar?", None, SER_ESTAR),
    ("ser vs estar?", None, SER_ESTAR),
    ("I always mix up ser and estar.", None, SER_ESTAR),
    ("soy or estoy?", None, SER_ESTAR),
    (RAMADAN_ASKED, DIABETES, RAMADAN),
    ("Can I fast during Ramadan with type 2 diabetes?", None, RAMADAN),
    ("I'm diabetic, is it safe to do Ramadan?", None, RAMADAN),
    ("is it safe to fast with diabetes?", None, RAMADAN),
    ("I take metformin, can I keep the Ramadan fasts?", None, RAMADAN),
    ("What should I eat at suhoor?", None, SUHOOR),
    ("What should I eat at suhoor?", DIABETES, SUHOOR),
    ("healthy iftar ideas?", None, SUHOOR),
    ("what's good to eat in Ramadan to keep me going?", None, SUHOOR),
    ("what should I break my fast with?", None, SUHOOR),
    ("What if my sugar goes low while I'm fasting?", RAMADAN_ASKED, HYPO),
    ("What if my sugar goes low while I'm fasting?", None, HYPO),
    ("what do I do if I have a hypo during Ramadan?", None, HYPO),
    ("my blood sugar dropped while fasting, what should I do?", None, HYPO),
    ("Can I break my fast if I have a hypo?", None, HYPO),
    ("The boiler pressure gauge says 0.5, is that bad?", None, BOILER),
    ("my boiler keeps losing pressure", None, BOILER),
    ("how do I top up the pressure on my boiler?", None, BOILER),
    ("what pressure should my combi boiler be?", None, BOILER),
    ("the pressure on the boiler is at 3 bar, is that too high?", None, BOILER),
    ("How do I repressurise my boiler?", None, BOILER),
    (FLUSHES, None, MENOPAUSE),
    ("how can I cope with hot flushes?", None, MENOPAUSE),
    ("any tips for night sweats in the menopause?", None, MENOPAUSE),
    ("I'm perimenopausal and can't sleep, what helps?", None, MENOPAUSE),
    ("I've been getting hot flushes at work, any advice?", None, MENOPAUSE),
    ("Is HRT safe?", None, HRT),
    ("what are the risks of HRT?", None, HRT),
    ("should I take HRT?", FLUSHES, HRT),
    ("are HRT patches safer than tablets?", None, HRT),
    ("My mum had breast cancer, does that change anything?", "Is HRT safe?", HRT_FAMILY),
    ("Can I take HRT if my mum had breast cancer?", None, HRT_FAMILY),
    ("my sister had breast cancer, can I still have HRT?", None, HRT_FAMILY),
    ("Is HRT safe if there's breast cancer in my family?", None, HRT_FAMILY),
    ("There's a family history of breast cancer, does that matter?", "I'm thinking about HRT.",
     HRT_FAMILY),
])
def test_an_everyday_request_gets_its_topic_s_tips(
        message: str, told: str | None, lead: str) -> None:
    assert _reply(message, told).startswith(lead), message


@pytest.mark.parametrize(("asked", "asked_told", "look_alike", "look_alike_told", "other"), [
    # a bedtime inhaler, a child's, a dose, an attack or a diagnosis is not exercise with asthma
    ("should I use my blue inhaler before exercise?", None,
     "Should I take my inhaler before bed?", None, None),
    ("should I use my blue inhaler before exercise?", None,
     "Should my son take his inhaler before PE?", None, None),
    ("should I use my blue inhaler before exercise?", None,
     "how many puffs of salbutamol before running?", None, None),
    ("should I use my blue inhaler before exercise?", None,
     "My inhaler isn't helping and I can't breathe after running", None, None),
    ("should I use my blue inhaler before exercise?", None,
     "I get out of breath running, do I have asthma?", None, None),
    # a car, mould at home with no renting, a landlord's own question or no mould told: not these
    (MOULD, None, "I'm renting a car for the weekend, any tips?", None, None),
    (MOULD, None, "How do I get rid of black mould in my bathroom?", None, DAMP),
    (MOULD, None, "I'm a landlord and my tenant says there's mould, what do I do?", None, None),
    (IGNORED, MOULD, IGNORED, None, None),
    # violence, a landlord evicting, family or a lodger is another matter
    ("Can he actually do that?", THREAT, "Can he actually do that?", None, None),
    (THREAT, MOULD, "My landlord threatened to hurt me if I don't leave.", None, None),
    (THREAT, MOULD, "He's threatening to evict me and said he'll kill me.", MOULD, None),
    (THREAT, MOULD, "How do I evict my tenant?", None, None),
    (THREAT, MOULD, "My parents are threatening to kick me out.", None, None),
    (THREAT, MOULD, "I'm a lodger and my landlord wants me out, can he do that?", None, None),
    # ironing, a broken iron, iron tablets and vegan leather are not iron in the diet
    ("how can vegans get iron?", None, "what's the iron for clothes?", None, None),
    ("how can vegans get iron?", None, "my iron is broken", None, None),
    ("how can vegans get iron?", None, "how do I iron a shirt?", None, SHIRT),
    ("how can vegans get iron?", None, "can I iron vegan leather?", None, None),
    ("how can vegans get iron?", None, "should I take iron tablets as a vegan?", None, None),
    # no pregnancy told keeps the headache tips; breastfeeding, a dose or an overdose is not these
    ("Can I take ibuprofen for a headache?", PREGNANT,
     "Can I take ibuprofen for a headache?", None, HEADACHE),
    ("Can I take ibuprofen for a headache?", PREGNANT,
     "Can I take ibuprofen while breastfeeding?", None, None),
    ("Can I take ibuprofen for a headache?", PREGNANT,
     "how much paracetamol can I take while pregnant?", None, None),
    ("Can I take ibuprofen for a headache?", PREGNANT,
     "I've taken 20 paracetamol, I'm pregnant", None, None),
    # spotting with no pregnancy told, bleeding gums, heavy bleeding or a miscarriage
    ("I've had a bit of spotting today, should I worry?", PREGNANT,
     "I've had a bit of spotting today, should I worry?", None, None),
    ("I've had a bit of spotting today, should I worry?", PREGNANT,
     "My gums are bleeding, is that normal?", PREGNANT, None),
    ("I've had a bit of spotting today, should I worry?", PREGNANT,
     "I'm pregnant and bleeding heavily with bad cramps", None, None),
    ("I've had a bit of spotting today, should I worry?", PREGNANT,
     "I think I'm having a miscarriage, there's bleeding", "I'm 7 weeks pregnant.", None),
    # "tell me about yourself" said to Tacit is no interview question
    ("How do I answer 'tell me about yourself' in an interview?", None,
     "Tell me about yourself.", None, None),
    ("How do I answer 'tell me about yourself' in an interview?", None,
     "Can you tell me about yourself?", None, None),
    ("How do I answer 'tell me about yourself' in an interview?", None,
     "tell me about yourself, what can you do?", None, None),
    # redundancy pay asked, feared, voluntary or someone else's; a CV keeps its tips
    ("What should I do now I've been made redundant?", None,
     "How much redundancy pay will I get?", None, None),
    ("What should I do now I've been made redundant?", None,
     "I might be made redundant next month, what should I do?", None, None),
    ("What should I do now I've been made redundant?", None,
     "My husband was made redundant, how can I support him?", None, None),
    ("What should I do now I've been made redundant?", None,
     "Should I take voluntary redundancy?", None, None),
    ("What should I do now I've been made redundant?", None,
     "I've been made redundant, how do I write a CV?", None, CV),
    # a word to translate, a verb to conjugate or Portuguese is not ser and estar
    ("What's the difference between ser and estar?", None,
     "What is the Spanish for chair?", None, None),
    ("What's the difference between ser and estar?", None, "how do I conjugate tener?", None,
     None),
    ("What's the difference between ser and estar?", None,
     "What's the difference between ser and estar in Portuguese?", None, None),
    # a fasting blood test, Ramadan's dates, weight loss, iftar times or a fasting sugar level
    (RAMADAN_ASKED, DIABETES, "is it safe to fast for a blood test?", None, None),
    (RAMADAN_ASKED, DIABETES, "is it safe to fast for a blood test?", DIABETES, None),
    (RAMADAN_ASKED, DIABETES, "When does Ramadan start this year?", None, None),
    (RAMADAN_ASKED, DIABETES, "Is intermittent fasting good for weight loss?", None, None),
    ("What should I eat at suhoor?", None, "What time is iftar in London today?", None, None),
    ("What should I eat at suhoor?", None, "How do I wish someone Ramadan Mubarak?", None, None),
    ("What if my sugar goes low while I'm fasting?", None,
     "My fasting blood sugar is low, what does it mean?", None, None),
    ("What if my sugar goes low while I'm fasting?", None,
     "how do I raise low blood sugar fast?", None, None),
    ("What if my sugar goes low while I'm fasting?", None,
     "My dad is diabetic and fasting and now he's unconscious", None, None),
    # tyres, blood pressure, a weak shower, a broken boiler or a smell of gas
    ("The boiler pressure gauge says 0.5, is that bad?", None,
     "my tyre pressure is low, what should I do?", None, None),
    ("The boiler pressure gauge says 0.5, is that bad?", None,
     "what's a normal blood pressure?", None, None),
    ("The boiler pressure gauge says 0.5, is that bad?", None,
     "the water pressure in my shower is weak, any tips?", None, None),
    ("The boiler pressure gauge says 0.5, is that bad?", None,
     "My boiler isn't working and it's freezing.", None, BROKEN_BOILER),
    ("The boiler pressure gauge says 0.5, is that bad?", None,
     "my boiler pressure is low and I can smell gas", None, None),
    # what the menopause is, someone else's, sleep alone, gender-affirming HRT or own cancer
    (FLUSHES, None, "What age does menopause start?", None, None),
    (FLUSHES, None, "my wife is going through the menopause, how can I help her?", None, None),
    (FLUSHES, None, "I can't sleep, any tips?", None, SLEEP),
    ("Is HRT safe?", None, "how do I start HRT as a trans woman?", None, None),
    ("Is HRT safe?", None, "I've had breast cancer, can I take HRT?", None, None),
    ("My mum had breast cancer, does that change anything?", "Is HRT safe?",
     "My mum had breast cancer, does that change anything?", None, None),
])
def test_a_request_gets_its_tips_and_its_look_alike_or_a_crisis_does_not(
        asked: str, asked_told: str | None, look_alike: str, look_alike_told: str | None,
        other: str | None) -> None:
    gets_its_tips_and_not_its_look_alike(asked, asked_told, look_alike, look_alike_told, other,
                                         OURS)


def test_the_asthma_and_iron_tips_say_what_helps_and_when_to_get_help() -> None:
    asthma = _reply("My inhaler is salbutamol. Should I take it before running?", None)
    assert "a few minutes before you start" in asthma and "Always carry your reliever" in asthma
    assert "Cold, dry air" in asthma and "three or more times a week" in asthma
    assert "Call 999 in the UK" in asthma and "avoid inhalers" not in asthma
    iron = _reply("I'm a vegetarian, how do I get enough iron?", None)
    assert "lentils" in iron and "fortified" in iron and "vitamin C" in iron
    assert "tea and coffee between meals" in iron and "out of their reach" in iron
    assert "drink blood" not in iron


def test_the_renting_tips_name_uk_help_and_a_threat_is_not_an_eviction() -> None:
    mould = _reply(MOULD, None)
    assert "in writing" in mould and "photos" in mould and "environmental health" in mould
    assert "Shelter and Citizens Advice" in mould and "Don't stop paying the rent" in mould
    assert "See your GP" in mould
    ignored = answer(IGNORED, [{"user": MOULD, "said": mould}]) or ""
    assert ignored.startswith(RENT_MOULD_MORE) and "Housing Ombudsman" in ignored
    threat = _reply(THREAT, MOULD)
    assert "court" in threat and "illegal eviction" in threat and "Keep paying your rent" in threat
    assert "call the police" in threat and "lodger" in threat and "Shelter" in threat
    follow_up = answer("Can he actually do that?", [{"user": THREAT, "said": threat}]) or ""
    assert follow_up.startswith(EVICTION_MORE) and "don't ignore it" in follow_up


def test_the_pregnancy_tips_put_paracetamol_first_and_bleeding_to_the_midwife() -> None:
    pain = _reply("Can I take ibuprofen for a headache?", PREGNANT)
    assert "lowest dose that works" in pain and "Avoid ibuprofen" in pain
    assert "pre-eclampsia" in pain and "from 20 weeks" in pain and "midwife" in pain
    assert "As it has lasted days" not in pain
    bleeding = _reply("I've had a bit of spotting today, should I worry?", PREGNANT)
    assert "NHS 111" in bleeding and "Call 999 in the UK" in bleeding
    assert "tip of your shoulder" in bleeding and "faint or dizzy" in bleeding
    assert "progesterone" not in bleeding


def test_the_interview_and_redundancy_tips_are_short_and_name_uk_help() -> None:
    yourself = _reply("How do I answer 'tell me about yourself' in an interview?", None)
    assert "about a minute" in yourself and "don't read out your CV" in yourself
    assert "Practise it out loud" in yourself
    redundancy = _reply("What should I do now?", REDUNDANT)
    assert "statutory redundancy pay" in redundancy and "reference" in redundancy
    assert "Jobcentre Plus" in redundancy and "National Careers Service" in redundancy
    assert "MoneyHelper" in redundancy and "Acas" in redundancy


def test_ser_and_estar_are_told_apart_with_examples() -> None:
    reply = _reply("What's the difference between ser and estar?", None)
    for example in ("Soy profesora (I'm a teacher)", "estoy cansada (I'm tired",
                    "es de México", "está en México", "está aburrido (he's bored)",
                    "la fiesta es en mi casa"):
        assert example in reply, example
    assert "adverb" not in reply


def test_fasting_with_diabetes_names_the_numbers_and_what_to_do_for_a_low() -> None:
    ramadan = _reply(RAMADAN_ASKED, DIABETES)
    assert "some weeks before Ramadan" in ramadan and "below 4 mmol/l or above 16.6 mmol/l" \
        in ramadan
    assert "finger-prick test doesn't break the fast" in ramadan and "gliclazide" in ramadan
    suhoor = _reply("What should I eat at suhoor?", DIABETES)
    assert "as late as you can before dawn" in suhoor and "a few dates" in suhoor
    assert "small portions" in suhoor
    low = _reply("What if my sugar goes low while I'm fasting?", RAMADAN_ASKED)
    assert "glucose tablets" in low and "10 to 15 minutes" in low and "starchy snack" in low
    assert "recovery position" in low and "call 999 in the UK" in low


def test_the_boiler_pressure_tips_give_the_range_and_the_engineer() -> None:
    reply = _reply("The boiler pressure gauge says 0.5, is that bad?", None)
    assert "1 to 1.5 bar" in reply and "filling loop" in reply and "2.5 bar" in reply
    assert "Gas Safe registered" in reply and "0800 111 999" in reply
    assert "furnace" not in reply and "fuel" not in reply


def test_the_menopause_and_hrt_tips_weigh_the_risks_and_the_family_history() -> None:
    flushes = _reply(FLUSHES, None)
    assert "fan by the bed" in flushes and "CBT" in flushes and "HRT" in flushes
    assert "non-hormonal" in flushes
    hrt = _reply("Is HRT safe?", None)
    assert hrt != "Yes" and "patch, gel or spray" in hrt and "breast cancer" in hrt
    assert "oestrogen-only" in hrt.lower() and "three months" in hrt
    family = _reply("My mum had breast cancer, does that change anything?", "Is HRT safe?")
    assert "doesn't always rule HRT out" in family and "family history clinic" in family
    assert "breast screening" in family


def test_a_renter_s_whole_conversation_is_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("jo").id
    calls = len(fake_model.history)
    turns = [(MOULD, RENT_MOULD),
             # right after the renting tips, what to do when the landlord ignores them
             (IGNORED, RENT_MOULD_MORE),
             (THREAT, EVICTION),
             # right after the eviction tips, the rest of where they stand, never the same twice
             ("Can he actually do that?", EVICTION_MORE)]
    for message, lead in turns:
        assert tacit.ask("jo", message, session).reply.startswith(lead), message
    assert len(fake_model.history) == calls


def test_a_pregnancy_told_first_shapes_the_painkiller_and_the_spotting(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("lena").id
    tacit.ask("lena", PREGNANT, session)
    calls = len(fake_model.history)
    for message, lead in [("Can I take ibuprofen for a headache?", PAINKILLERS),
                          ("I've had a bit of spotting today, should I worry?", BLEEDING)]:
        assert tacit.ask("lena", message, session).reply.startswith(lead), message
    assert len(fake_model.history) == calls


def test_redundancy_then_an_interview_then_ramadan_then_the_menopause(tacit: Tacit) -> None:
    session = tacit.new_session("dave").id
    tacit.ask("dave", REDUNDANT, session)
    for message, lead in [("How do I answer 'tell me about yourself' in an interview?", YOURSELF),
                          ("What should I do now I've been made redundant?", REDUNDANCY)]:
        assert tacit.ask("dave", message, session).reply.startswith(lead), message
    session = tacit.new_session("amir").id
    tacit.ask("amir", DIABETES, session)
    for message, lead in [(RAMADAN_ASKED, RAMADAN), ("What should I eat at suhoor?", SUHOOR),
                          ("What if my sugar goes low while I'm fasting?", HYPO)]:
        assert tacit.ask("amir", message, session).reply.startswith(lead), message
    session = tacit.new_session("sue").id
    for message, lead in [(FLUSHES, MENOPAUSE), ("Is HRT safe?", HRT),
                          ("My mum had breast cancer, does that change anything?", HRT_FAMILY)]:
        assert tacit.ask("sue", message, session).reply.startswith(lead), message
