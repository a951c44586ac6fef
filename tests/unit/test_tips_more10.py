"""Tips for a new father, a vegan with a peanut allergy, a student cooking on £400 a month, a
smoker of 30 years, the parent of a teenager who games all night and is bullied online, money
worries, a self-employed plumber and a new diagnosis of type 2 diabetes, written by code
(``data/tips.yaml``).

The bundled model said a newborn needs "20-35 liters" of milk; listed chicken, fish and eggs as
protein for a vegan; called StepChange a mental-health charity; made up a "10 mile radius" VAT
rule; and left how to get a newborn to sleep, cheap meals to cook in bulk, patches or vaping,
cravings, a teenager's late-night gaming, online bullying, and eating, a glass of wine and
tingling feet after a diabetes diagnosis with nothing of use. Each now gets its topic's tips; a
look-alike (an older baby, a vegetarian, a protein shake, a VAT sum, a snack idea) or a danger
told with it does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from tests.unit.tips_told import gets_its_tips_and_not_its_look_alike
from tests.unit.tips_told import reply as _reply

NEWBORN_SLEEP = "Newborns sleep a lot, but in short stretches"
NEWBORN_FEEDING = "Newborns have tiny tummies and feed little and often"
VEGAN_PROTEIN = "Plenty of plant foods are rich in protein"
BATCH = "Batch cooking saves money and time"
QUIT_AIDS = "Both help, and either works best with support."
CRAVINGS = "Cravings and irritability are your body getting used to life without nicotine"
ONLINE_BULLYING = "Online bullying is horrible for a child"
GAMING = "Late-night gaming is one of the commonest rows with teenagers"
GAMING_MORE = "To get them off without a row:"
DEBT_CHARITY = "Yes, it's usually worth it. StepChange is a UK debt charity"
VAT = "In the UK, you only charge VAT once you're VAT-registered"
INVOICE = "An invoice needs no special software"
DIABETES_FOOD = "There's no special \"diabetic\" diet or food to buy"
DIABETES_DRINK = "Most people with type 2 diabetes can still have a drink"
DIABETES_FEET = "It can be: tingling or numbness in the feet"
OURS = (NEWBORN_SLEEP, NEWBORN_FEEDING, VEGAN_PROTEIN, BATCH, QUIT_AIDS, CRAVINGS,
        ONLINE_BULLYING, GAMING, DEBT_CHARITY, VAT, DIABETES_FOOD, DIABETES_DRINK, DIABETES_FEET,
        INVOICE)
# other topics' tips that keep their own requests
BABY_SLEEP = "Babies sleep through at very different ages"
VEGGIE_PROTEIN = "Being vegetarian changes little"
HRT = "For most women under 60, the benefits of HRT outweigh the risks"
BREAKFAST = "Good meals with diabetes keep the carbohydrate moderate"
BULLIED_CHILD = "Finding out your child is being bullied is hard."

BORN = "My daughter was born last Tuesday."
VEGAN = "I'm vegan and I have a peanut allergy."
SMOKER = "I've smoked for 30 years and I want to quit."
BULLIED = "He told me he's being bullied online."
GAMING_TOLD = "My 15 year old son spends all night gaming and won't get up for school."
DIAGNOSED = "I'm 68 and I've just been diagnosed with type 2 diabetes."


@pytest.mark.parametrize(("message", "told", "lead"), [
    ("How do I get her to sleep at night?", BORN, NEWBORN_SLEEP),
    ("how can I help him settle at night?", "We just had a baby boy on Friday! I'm a new dad.",
     NEWBORN_SLEEP),
    ("any tips for getting a newborn to sleep?", None, NEWBORN_SLEEP),
    ("our 2 week old won't sleep at night, what can we do?", None, NEWBORN_SLEEP),
    ("How much sleep does a newborn need?", None, NEWBORN_SLEEP),
    ("How much milk should a newborn drink?", None, NEWBORN_FEEDING),
    ("How much milk should she drink?", BORN, NEWBORN_FEEDING),
    ("how often should I feed my newborn?", None, NEWBORN_FEEDING),
    ("how many ml of formula does a 1 week old need?", None, NEWBORN_FEEDING),
    ("How do I know she's getting enough milk?", BORN, NEWBORN_FEEDING),
    ("What's a good source of protein for me?", VEGAN, VEGAN_PROTEIN),
    ("Where can I get enough protein?", "I've gone plant-based this year.", VEGAN_PROTEIN),
    ("What's a good source of protein for a vegan?", None, VEGAN_PROTEIN),
    ("how do vegans get protein?", None, VEGAN_PROTEIN),
    ("best plant-based protein sources?", None, VEGAN_PROTEIN),
    ("What cheap meals can I cook in bulk?", None, BATCH),
    ("any batch cooking ideas on a budget?", None, BATCH),
    ("What's good to meal prep for the week?", None, BATCH),
    ("cheap meals to freeze?", None, BATCH),
    ("What can I make in big batches and freeze?", None, BATCH),
    ("What's better, patches or vaping?", SMOKER, QUIT_AIDS),
    ("patches or vaping?", None, QUIT_AIDS),
    ("Is vaping better than nicotine patches?", None, QUIT_AIDS),
    ("Can vaping help me quit smoking?", None, QUIT_AIDS),
    ("should I use gum or a vape to stop smoking?", None, QUIT_AIDS),
    ("I've been craving a cigarette all morning and I'm really irritable.", None, CRAVINGS),
    ("how do I deal with nicotine cravings?", None, CRAVINGS),
    ("I'm so irritable since I stopped smoking, is that normal?", None, CRAVINGS),
    ("I'm really snappy and restless today.", "I quit smoking on Monday.", CRAVINGS),
    ("any tips for cigarette cravings?", None, CRAVINGS),
    ("What should I do about the bullying?", BULLIED, ONLINE_BULLYING),
    ("How do I deal with cyberbullying?", None, ONLINE_BULLYING),
    ("my son is being bullied on Snapchat, what should I do?", None, ONLINE_BULLYING),
    ("How can I help my daughter who's being picked on in a group chat?", None,
     ONLINE_BULLYING),
    ("what can we do?", "Our daughter is being bullied online by girls in her class.",
     ONLINE_BULLYING),
    (GAMING_TOLD, None, GAMING),
    ("How do I get him off the Xbox without a massive row?", None, GAMING),
    ("my daughter plays on her PlayStation until 2am, help!", None, GAMING),
    ("how do I set limits on his gaming?", None, GAMING),
    ("we keep having rows over his gaming, any advice?", None, GAMING),
    ("Is it worth talking to StepChange?", None, DEBT_CHARITY),
    ("What does StepChange actually do?", None, DEBT_CHARITY),
    ("should I call National Debtline?", None, DEBT_CHARITY),
    ("where can I get free debt advice?", None, DEBT_CHARITY),
    ("is a debt charity worth it?", None, DEBT_CHARITY),
    ("Do I need to charge VAT?", None, VAT),
    ("when do I have to register for VAT?", None, VAT),
    ("what's the VAT threshold?", None, VAT),
    ("should I be VAT registered as a plumber?", None, VAT),
    ("do we have to add VAT to our invoices?", None, VAT),
    ("What should I eat now?", DIAGNOSED, DIABETES_FOOD),
    ("What foods should I eat with type 2 diabetes?", None, DIABETES_FOOD),
    ("what's the best diet for type 2 diabetes?", None, DIABETES_FOOD),
    ("How should I change my diet?", "I have type 2 diabetes.", DIABETES_FOOD),
    ("I'm diabetic, what should I eat?", None, DIABETES_FOOD),
    ("Can I still have a glass of wine?", DIAGNOSED, DIABETES_DRINK),
    ("can I drink alcohol with type 2 diabetes?", None, DIABETES_DRINK),
    ("is beer OK if you're diabetic?", None, DIABETES_DRINK),
    ("I take metformin, can I still drink wine?", None, DIABETES_DRINK),
    ("Should I give up drinking?", "I was diagnosed with type 2 diabetes last month.",
     DIABETES_DRINK),
    ("My feet tingle sometimes, is that related?", DIAGNOSED, DIABETES_FEET),
    ("I have diabetes and my toes feel numb, should I worry?", None, DIABETES_FEET),
    ("is tingling in the feet a sign of diabetes damage?", None, DIABETES_FEET),
    ("I get pins and needles in my feet, what should I do?", "I'm a type 2 diabetic.",
     DIABETES_FEET),
    ("how do I look after my feet with diabetic neuropathy?", None, DIABETES_FEET),
    ("How do I write an invoice?", None, INVOICE),
    ("what should go on an invoice?", None, INVOICE),
    ("is there an invoice template for a plumber?", None, INVOICE),
    ("how do I invoice a customer as a sole trader?", None, INVOICE),
])
def test_an_everyday_request_gets_its_topic_s_tips(
        message: str, told: str | None, lead: str) -> None:
    assert _reply(message, told).startswith(lead), message


@pytest.mark.parametrize(("asked", "asked_told", "look_alike", "look_alike_told", "other"), [
    # an adult's sleep or milk, an older baby, or a danger sign is not the newborn's
    ("How do I get her to sleep at night?", BORN,
     "How do I get her to sleep at night?", None, None),
    ("How do I get her to sleep at night?", BORN,
     "how do I get my 8 month old to sleep through the night?", None, BABY_SLEEP),
    ("How do I get her to sleep at night?", BORN,
     "my newborn is floppy and won't wake up", None, None),
    ("How do I get her to sleep at night?", BORN,
     "is it normal for a newborn to breathe fast while sleeping?", None, None),
    ("How do I get her to sleep at night?", BORN,
     "How do I get her to sleep at night? She has a fever.", BORN, None),
    ("How much milk should a newborn drink?", None, "How much milk should I drink a day?", None,
     None),
    ("How much milk should a newborn drink?", None,
     "How much milk should my 10 month old drink?", None, None),
    ("How much milk should a newborn drink?", None,
     "how much water should a newborn drink?", None, None),
    ("How much milk should she drink?", BORN, "my newborn is vomiting green and very sleepy",
     None, None),
    # a vegetarian keeps the tips with eggs and dairy; a shake, no diet told, or eggs asked
    ("What's a good source of protein for me?", VEGAN,
     "What's a good source of protein for me?", None, None),
    ("What's a good source of protein for me?", VEGAN,
     "I'm vegetarian, how do I get enough protein?", None, VEGGIE_PROTEIN),
    ("What's a good source of protein for me?", VEGAN, "best vegan protein powder?", None, None),
    ("What's a good source of protein for me?", VEGAN, "Are eggs a good source of protein?",
     "I'm vegetarian.", None),
    # rice, a business or a baby's food is not cheap batch cooking
    ("What cheap meals can I cook in bulk?", None, "Is it safe to batch cook rice?", None, None),
    ("What cheap meals can I cook in bulk?", None,
     "I batch cook for my café, how do I price it?", None, None),
    ("What cheap meals can I cook in bulk?", None,
     "can I batch cook purees for my baby?", None, None),
    ("What cheap meals can I cook in bulk?", None, "I always batch cook on Sundays.", None, None),
    # HRT patches, someone else's vaping, a pregnancy, or a dose is not these
    ("What's better, patches or vaping?", SMOKER, "are HRT patches safer than tablets?", None,
     HRT),
    ("What's better, patches or vaping?", SMOKER,
     "my son vapes, how do I get him to stop?", None, None),
    ("What's better, patches or vaping?", SMOKER, "I'm pregnant, is vaping better than patches?",
     None, None),
    ("What's better, patches or vaping?", SMOKER, "which mg patch should I use?", SMOKER, None),
    ("I've been craving a cigarette all morning and I'm really irritable.", None,
     "I keep craving chocolate, what can I do?", None, None),
    ("I've been craving a cigarette all morning and I'm really irritable.", None,
     "I'm really irritable today.", None, None),
    ("I've been craving a cigarette all morning and I'm really irritable.", None,
     "I'm really irritable today.", "I've smoked for 30 years.", None),
    ("I've been craving a cigarette all morning and I'm really irritable.", None,
     "My husband quit smoking and he's so irritable, how do I cope?", None, None),
    ("I've been craving a cigarette all morning and I'm really irritable.", None,
     "I'm craving a cigarette and I want to kill myself", None, None),
    # bullying at work, a child who bullies, or threats is another matter
    ("What should I do about the bullying?", BULLIED,
     "What should I do about the bullying?", None, None),
    ("What should I do about the bullying?", BULLIED,
     "What should I do about dinner?", BULLIED, None),
    ("What should I do about the bullying?", BULLIED,
     "I'm being bullied at work online, what should I do?", None, None),
    ("What should I do about the bullying?", BULLIED,
     "my son is bullying other kids online, what should I do?", None, None),
    ("What should I do about the bullying?", BULLIED,
     "he's being bullied online and they've threatened to hurt him", None, None),
    ("What should I do about the bullying?", BULLIED,
     "my son is being bullied at school, what should I do?", None, BULLIED_CHILD),
    # a grown-up's gaming, a console to buy, or money spent in games is not these
    (GAMING_TOLD, None, "my husband games all night, how do I get him off the Xbox?", None, None),
    (GAMING_TOLD, None, "which console should I buy my son for Christmas?", None, None),
    (GAMING_TOLD, None, "my son spent £300 on my card playing Fortnite, what can I do?", None,
     None),
    # a job with the charity, or a crisis told with the debt, is not asking about its help
    ("Is it worth talking to StepChange?", None, "Is StepChange hiring? I want a job there.",
     None, None),
    ("Is it worth talking to StepChange?", None,
     "I owe so much I want to end it all, should I call StepChange?", None, None),
    # a VAT sum, a return, a refund abroad or an invoice is not registering for VAT
    ("Do I need to charge VAT?", None, "Add 20% VAT to £1,575.", None, None),
    ("Do I need to charge VAT?", None, "How do I do a VAT return?", None, None),
    ("Do I need to charge VAT?", None, "can I get a VAT refund on shopping abroad?", None, None),
    # no diabetes told, a snack or breakfast asked, type 1, or someone else's
    ("What should I eat now?", DIAGNOSED, "What should I eat now?", None, None),
    ("What should I eat now?", DIAGNOSED, "Any snack ideas for type 2 diabetes?", None, None),
    ("What should I eat now?", DIAGNOSED, "What's a good breakfast for a diabetic?", None,
     BREAKFAST),
    ("What should I eat now?", DIAGNOSED, "What should I eat with type 1 diabetes?", None, None),
    ("What should I eat now?", DIAGNOSED, "what foods prevent type 2 diabetes?", None, None),
    ("What should I eat now?", DIAGNOSED, "My dad has type 2 diabetes, what should he eat?",
     None, None),
    ("Can I still have a glass of wine?", DIAGNOSED, "Can I still have a glass of wine?", None,
     None),
    ("Can I still have a glass of wine?", DIAGNOSED,
     "I'm always thirsty and drinking loads of water, could it be diabetes?", None, None),
    ("Can I still have a glass of wine?", DIAGNOSED,
     "I'm diabetic and I drink a bottle of wine every day, I can't stop drinking", None, None),
    ("My feet tingle sometimes, is that related?", DIAGNOSED,
     "My feet tingle sometimes, is that related?", None, None),
    ("My feet tingle sometimes, is that related?", DIAGNOSED,
     "My foot went numb suddenly and my face is drooping", DIAGNOSED, None),
    ("My feet tingle sometimes, is that related?", DIAGNOSED,
     "I have diabetes and my toe has gone black and numb", None, None),
    # a debt of theirs, a price to charge or an invoice to write out is not how to write one
    ("How do I write an invoice?", None, "a supplier is chasing me for an unpaid invoice", None,
     None),
    ("How do I write an invoice?", None, "How much should I invoice for 6 hours?", None, None),
    ("How do I write an invoice?", None, "write me an invoice for Bob for £300", None, None),
])
def test_a_request_gets_its_tips_and_its_look_alike_or_a_crisis_does_not(
        asked: str, asked_told: str | None, look_alike: str, look_alike_told: str | None,
        other: str | None) -> None:
    gets_its_tips_and_not_its_look_alike(asked, asked_told, look_alike, look_alike_told, other,
                                         OURS)


def test_the_newborn_tips_say_safe_sleep_a_real_amount_of_milk_and_when_to_get_help() -> None:
    sleep = _reply("How do I get her to sleep at night?", BORN)
    assert "on their back" in sleep and "first 6 months" in sleep and "feet at the foot end" \
        in sleep
    assert "no pillows, bumpers, loose bedding" in sleep and "smoke-free" in sleep
    assert "dim, quiet and dull" in sleep and "health visitor" in sleep and "sofa" in sleep
    milk = _reply("How much milk should a newborn drink?", None)
    assert "8 to 12 times" in milk and "150 to 200 ml per kg" in milk and "525 to 700 ml" in milk
    assert "6 heavy wet nappies" in milk and "yellow skin" in milk and "sick green" in milk
    assert "liter" not in milk and "litre" not in milk


def test_the_vegan_protein_tips_have_no_meat_and_mind_a_peanut_allergy() -> None:
    reply = _reply("What's a good source of protein for me?", VEGAN)
    for food in ("Tofu and tempeh", "seitan", "Lentils, beans, chickpeas", "Soya milk",
                 "edamame", "Quinoa, oats"):
        assert food in reply, food
    assert "not for anyone avoiding gluten" in reply and "skip peanuts" in reply
    assert "only if your allergy advice says they're safe" in reply and "B12" in reply
    for animal in ("chicken", "fish", "eggs", "dairy", "Greek yoghurt"):
        assert animal not in reply.lower(), animal


def test_the_batch_cooking_tips_name_cheap_dishes_and_keep_it_safe() -> None:
    reply = _reply("What cheap meals can I cook in bulk?", None)
    for dish in ("Chilli", "Dal", "bolognese", "curry", "soup", "Pasta bake"):
        assert dish.lower() in reply.lower(), dish
    assert "own brands" in reply and "frozen veg" in reply and "label" in reply
    assert "within 2 hours" in reply and "only once" in reply and "steaming hot" in reply


def test_the_quitting_tips_combine_nicotine_and_say_cravings_pass() -> None:
    aids = _reply("What's better, patches or vaping?", SMOKER)
    assert "far less harmful than smoking" in aids and "stop smoking completely" in aids
    assert "combined with a fast-acting form" in aids and "stop smoking service is free" in aids
    cravings = _reply("I've been craving a cigarette all morning and I'm really irritable.", None)
    assert "only a few minutes" in cravings and "glass of water" in cravings
    assert "within about a month" in cravings and "One slip isn't failure" in cravings


def test_the_parent_tips_agree_limits_and_keep_the_phone_when_bullied() -> None:
    gaming = _reply(GAMING_TOLD, None)
    assert "calm time" in gaming and "an hour before bed" in gaming
    assert "family settings" in gaming and "Give notice" in gaming and "GP" in gaming
    xbox = answer("How do I get him off the Xbox without a massive row?",
                  [{"user": GAMING_TOLD, "said": gaming}]) or ""
    assert xbox.startswith(GAMING_MORE) and "15 to 20 minutes" in xbox and "Give notice" not in xbox
    bullying = _reply("What should I do about the bullying?", BULLIED)
    assert "thank them for telling you" in bullying and "Don't take their phone" in bullying
    assert "Screenshot" in bullying and "report them" in bullying and "Tell the school" in bullying
    assert "police" in bullying and "Childline (0800 1111)" in bullying
    assert "Family Lives" in bullying


def test_stepchange_is_a_free_debt_charity_and_vat_has_its_threshold() -> None:
    charity = _reply("Is it worth talking to StepChange?", None)
    assert "debt charity" in charity and "free and confidential" in charity
    assert "debt management plan" in charity and "Citizens Advice and National Debtline" \
        in charity
    assert "charge for debt help" in charity and "mental" not in charity
    vat = _reply("Do I need to charge VAT?", None)
    assert "£90,000 (the threshold since April 2024; check gov.uk for the current one)" in vat
    assert "rolling 12 months" in vat and "register voluntarily" in vat
    assert "no distance or local-area rule" in vat and "Other countries" in vat
    assert "radius" not in vat
    invoice = _reply("How do I write an invoice?", None)
    assert "unique invoice number" in invoice and "date the work was done" in invoice
    assert "VAT only if you're VAT-registered" in invoice and "sort code" in invoice


def test_the_diabetes_tips_cover_food_a_drink_and_the_feet() -> None:
    food = _reply("What should I eat now?", DIAGNOSED)
    assert "regular meals" in food and "smaller portions of starchy foods" in food
    assert "fruit whole" in food and "DESMOND" in food and "sugary drinks" in food
    drink = _reply("Can I still have a glass of wine?", DIAGNOSED)
    assert "14 units a week" in drink and "empty stomach" in drink and "hypo" in drink
    assert "gliclazide" in drink and "pharmacist" in drink
    feet = _reply("My feet tingle sometimes, is that related?", DIAGNOSED)
    assert "nerve damage" in feet and "Check your feet every day" in feet
    assert "yearly diabetes foot check" in feet and "well-fitting shoes" in feet
    assert "Get help the same day" in feet and "red, hot, swollen" in feet


def test_a_new_father_s_questions_are_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("dan").id
    tacit.ask("dan", BORN, session)
    calls = len(fake_model.history)
    for message, lead in [("How do I get her to sleep at night?", NEWBORN_SLEEP),
                          ("How much milk should a newborn drink?", NEWBORN_FEEDING)]:
        assert tacit.ask("dan", message, session).reply.startswith(lead), message
    assert len(fake_model.history) == calls


def test_a_diagnosis_told_first_shapes_food_a_drink_and_the_feet(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("bob").id
    tacit.ask("bob", DIAGNOSED, session)
    calls = len(fake_model.history)
    for message, lead in [("What should I eat now?", DIABETES_FOOD),
                          ("Can I still have a glass of wine?", DIABETES_DRINK),
                          ("My feet tingle sometimes, is that related?", DIABETES_FEET)]:
        assert tacit.ask("bob", message, session).reply.startswith(lead), message
    assert len(fake_model.history) == calls


def test_a_parent_s_gaming_then_bullying_and_a_smoker_s_quit(tacit: Tacit) -> None:
    session = tacit.new_session("kim").id
    # right after the gaming tips, how to end a session without a row, never the same twice
    for message, lead in [(GAMING_TOLD, GAMING),
                          ("How do I get him off the Xbox without a massive row?", GAMING_MORE)]:
        assert tacit.ask("kim", message, session).reply.startswith(lead), message
    tacit.ask("kim", BULLIED, session)
    reply = tacit.ask("kim", "What should I do about the bullying?", session).reply
    assert reply.startswith(ONLINE_BULLYING), reply
    session = tacit.new_session("pat").id
    tacit.ask("pat", SMOKER, session)
    for message, lead in [("What's better, patches or vaping?", QUIT_AIDS),
                          ("I've been craving a cigarette all morning and I'm really irritable.",
                           CRAVINGS)]:
        assert tacit.ask("pat", message, session).reply.startswith(lead), message
