"""Tips for an iPad, WhatsApp, a toddler, a sore back, a desk and debts, written by code
(``data/tips.yaml``).

An 81-year-old's "How do I make the writing bigger on my iPad?" got "Apple Screen Reader
(Sail)", and "How do I turn off my iPad?" "a small screwdriver"; "My grandson set up WhatsApp
for me. How do I send a photo?" got "send it to your grandson's phone". A parent of a boy of two
and a half got "suggest a counsellor" for tantrums at the park, "a medical emergency" for "He
also won't go to sleep before 10pm.", the abuse block for crying at nursery and only crisis
reminders for a cold. "What exercises can I do for it?" after the back pain tips got "Walking
backwards"; "How should I set up my chair?" an electric chair; "What's the best way to pay off
debt?" a made-up "DebtSnoop"; and "Should I take out a loan to pay it all off?" waffle. Each now
gets its topic's tips; a danger sign, a broken device, an adult, a pet, a purchase or a crisis
does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer, catalog
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from tests.unit.tips_told import told as _told

TEXT_SIZE = "You can make the writing bigger on an iPad or iPhone in Settings"
TURN_OFF = "How to turn off an iPad"
WHATSAPP = "To send a photo in WhatsApp:"
TANTRUMS = "Tantrums are a normal part of being one to four"
BEDTIME = "Late bedtimes are very common at this age"
NURSERY = "Crying at drop-off is very common when a child starts nursery"
COLD = "A cough and a runny nose in a child who is still playing and drinking"
BACK = "Most back pain after a day of lifting or gardening"
BACK_EXERCISES = "Gentle exercises that help a strained back recover"
BACK_DOCTOR = "Most back pain gets better on its own within a few weeks. See a doctor"
DESK = "A good desk set-up keeps you comfortable through a long day."
DEBT = "Paying off debt goes fastest with a plan"
LOAN = "A loan to pay off cards or other debts can help in some cases"
CARD_DEBT = "Falling behind with card or loan payments is more common than it feels"
MONEY_WORRIES = "Money worries weigh on everything"
DEBT_OR_SAVE = "It mostly comes down to the interest rates."
CHILD_BEDTIME = "Bedtime battles are very common at this age"
BABY_SLEEP = "Babies sleep through at very different ages"
CHILD_FEVER = "A high temperature in a child is usually from an everyday infection"

LEO = "My son Leo is two and a half."
GARDENING = "My back hurts after a day of gardening, what can I do?"
LOAN_CAUTION = "For your safety: a new loan to pay off debt"


@pytest.mark.parametrize(("message", "lead"), [
    ("How do I make the writing bigger on my iPad?", TEXT_SIZE),
    ("make the text bigger on my iPhone", TEXT_SIZE),
    ("The writing on my iPad is too small, can you help?", TEXT_SIZE),
    ("how do I increase the font size on my phone?", TEXT_SIZE),
    ("I can't read the writing on my iPhone, it's so small", TEXT_SIZE),
    ("How do I turn off my iPad?", TURN_OFF),
    ("how do you switch an iPad off?", TURN_OFF),
    ("how to shut down my iPhone", TURN_OFF),
    ("How do I turn my iPad on?", TURN_OFF),
    ("I turn off my iPad every night, is that bad?", TURN_OFF),
    ("My grandson set up WhatsApp for me. How do I send a photo?", WHATSAPP),
    ("how do I send a picture on WhatsApp?", WHATSAPP),
    ("How can I send a video to my daughter on WhatsApp?", WHATSAPP),
    ("He has massive tantrums every time we leave the park. What do I do?", TANTRUMS),
    ("my 3 year old has meltdowns every time we leave nursery", TANTRUMS),
    ("My son has tantrums.", TANTRUMS),
    ("how do I deal with toddler tantrums?", TANTRUMS),
    ("my 2 year old won't go to bed", BEDTIME),
    ("my toddler won't sleep before 10pm", BEDTIME),
    ("how do I get my toddler to bed earlier?", BEDTIME),
    ("my 2 and a half year old fights bedtime every night", BEDTIME),
    ("He's started nursery and cries every morning when I leave him.", NURSERY),
    ("my daughter screams when I drop her off at nursery", NURSERY),
    ("how can I help my son settle in at nursery?", NURSERY),
    ("She cries every time I leave her at the childminder's, what can I do?", NURSERY),
    ("my son started reception and cries at the door every morning", NURSERY),
    ("Leo has a cough and a runny nose but he's playing happily.", COLD),
    ("my son has a cold, what can I do?", COLD),
    ("my 3 year old has a runny nose and a cough, any tips?", COLD),
    ("my grandson has a cold, how can I help him feel better?", COLD),
    ("When should I see a doctor about back pain?", BACK_DOCTOR),
    ("should I see a GP about my back pain?", BACK_DOCTOR),
    ("how long should back pain last before I see a doctor?", BACK_DOCTOR),
    ("when should I worry about back pain?", BACK_DOCTOR),
    ("I sit at a desk all day. How should I set up my chair?", DESK),
    ("what height should my desk be?", DESK),
    ("how high should my monitor be?", DESK),
    ("tips for a good desk setup", DESK),
    ("What's the best way to pay off debt?", DEBT),
    ("how do I pay off my credit cards?", DEBT),
    ("which debt should I pay off first?", DEBT),
    ("debt snowball or avalanche?", DEBT),
    ("Should I take out a loan to pay it all off?", LOAN),
    ("is it a good idea to take out a loan to pay off my credit cards?", LOAN),
    ("should I get a debt consolidation loan?", LOAN),
])
def test_an_everyday_request_gets_its_topic_s_tips(message: str, lead: str) -> None:
    """Each of these got a screen reader, a screwdriver, a counsellor, a medical emergency,
    an electric chair, made-up schemes or nothing of use from the model: each now gets the
    tips."""
    reply = answer(message) or ""
    assert reply.startswith(lead), message
    assert reply.count("\n- ") >= 4, message


@pytest.mark.parametrize(("told", "message", "lead"), [
    ([LEO], "He has tantrums.", TANTRUMS),
    ([LEO, "He has massive tantrums every time we leave the park. What do I do?"],
     "He also won't go to sleep before 10pm.", BEDTIME),
    (["My daughter is 3."], "She won't go to bed until 10.", BEDTIME),
    (["My son is 2."], "he's still awake at 10pm every night", BEDTIME),
    (["My son Leo is 2."], "He's got a cough and a runny nose.", COLD),
    (["My grandson set up WhatsApp for me."], "how do I send a photo?", WHATSAPP),
    ([GARDENING], "When should I see a doctor?", BACK_DOCTOR),
])
def test_what_was_told_just_before_makes_the_next_message_about_it(
        told: list[str], message: str, lead: str) -> None:
    """"He also won't go to sleep before 10pm." names no child, and "how do I send a photo?"
    no app: a boy of two told a message or two before, or WhatsApp set up, makes them these,
    and without it they are not."""
    assert (answer(message, _told(*told)) or "").startswith(lead), message
    assert answer(message) is None, message


@pytest.mark.parametrize(("message", "told", "lead"), [
    # a computer, Word, an Android phone, eyesight, a box, photos or a keyboard: not text size
    ("how do I make the writing bigger on my computer?", None, None),
    ("how do I make the text bigger in Word?", None, None),
    ("How do I make the writing bigger on my Android phone?", None, None),
    ("my eyes are getting worse and the writing on my phone is too small", None, None),
    ("how do I make a bigger text box on my iPad?", None, None),
    ("How do I make the photos bigger on my iPad?", None, None),
    # a setting, a frozen or broken iPad, another device or a light: not turning it off
    ("how do I turn off notifications on my iPad?", None, None),
    ("My iPad won't turn off", None, None),
    ("my iPad keeps turning off by itself", None, None),
    ("my iPad is frozen, how do I turn it off?", None, None),
    ("how do I turn off my laptop?", None, None),
    ("how do I turn off the torch on my iPhone?", None, None),
    ("how do I turn off find my iPhone?", None, None),
    # email, photos received or saved, a profile picture, secrecy: not sending one
    ("how do I send a photo by email?", None, None),
    ("someone keeps sending me photos on WhatsApp", None, None),
    ("how do I save a photo from WhatsApp?", None, None),
    ("how do I change my WhatsApp profile picture?", None, None),
    ("how do I send a photo on WhatsApp without them knowing", None, None),
    ("how do I send a photo?", None, None),
    # an adult, their own meltdown, head-banging, smacking or a teenager: not toddler tantrums
    ("my husband has tantrums every time we leave a party, what do I do?", None, None),
    ("I had a meltdown at work today", [LEO], None),
    ("my boss throws tantrums in meetings, what do I do?", [LEO], None),
    ("my toddler has tantrums and bangs his head, what do I do?", None, None),
    ("she has tantrums when we leave the park and I end up smacking her", None, None),
    ("my 14 year old has tantrums when I take her phone", None, None),
    # an older child, their own or a husband's bedtime, bed-wetting, night waking, a fever or
    # a baby: not a toddler's late bedtime, and the topics they had are kept
    ("He won't go to sleep before 10pm.", ["My son is 12."], None),
    ("I won't go to sleep before 10pm.", ["My son Leo is 2."], None),
    ("my husband won't go to bed before midnight", ["My son Leo is 2."], None),
    ("my toddler keeps wetting the bed, how do I stop it?", None, None),
    ("my 2 year old won't nap", None, None),
    ("My 6 year old won't go to bed at night.", None, CHILD_BEDTIME),
    ("my 2 year old wakes up in the night, how do I get him to sleep through?", None,
     BABY_SLEEP),
    ("how do I get my 8 month old to sleep through the night?", None, BABY_SLEEP),
    ("my toddler won't go to bed and he has a fever", None, CHILD_FEVER),
    # bruises, a child who hits, a parent's own tears, a dog or a teenager: not settling in
    ("He's started nursery and comes home with bruises", None, None),
    ("my son cries at nursery because another boy hits him", None, None),
    ("I cry every morning when I leave him at nursery", None, None),
    ("my 14 year old cries before school every day", None, None),
    ("my daughter is starting school in September and I'm nervous", None,
     "Feeling nervous about your child starting school"),
    # the danger signs are the safety layer's, a fever child_fever's; a baby, an adult, a
    # dog, a dose or choking: not a child's cold
    ("my son has a cough and is struggling to breathe", None, None),
    ("my toddler has a cold and won't drink anything", None, None),
    ("my daughter has a cold and a rash that doesn't fade", None, None),
    ("my 2 year old is choking and coughing", None, None),
    ("my son has a barking cough at night", None, None),
    ("my son has a cough and a temperature of 39", None, CHILD_FEVER),
    ("my baby has a cold, what can I do?", None, None),
    ("my husband has a cold, what can I do?", None, None),
    ("my dog has a cough", None, None),
    ("how much calpol can I give my son for his cold?", None, None),
    ("I've got a cough and a runny nose.", ["My son Leo is 2."], None),
    # numbness, a fall, someone else's back, a pet or a headache: not when to see a doctor
    ("back pain with numbness in my legs, should I see a doctor?", None, None),
    ("should I see a doctor about my back pain after a fall?", None, None),
    ("my husband has back pain, should he see a doctor?", None, None),
    ("when should I take my dog to the vet about back pain?", None, None),
    ("When should I see a doctor?", None, None),
    ("when should I see a doctor about my headache?", None,
     "Everyday headaches most often come from tension"),
    # buying, a second screen, a standing desk, a wheelchair or a meeting: not a desk set-up,
    # and a back that hurts at the desk keeps its topic
    ("which office chair should I buy?", None, None),
    ("how do I set up a second monitor?", None, None),
    ("how should I set up my standing desk?", None, None),
    ("how do I set up my wheelchair?", None, None),
    ("how do I chair a meeting?", None, "Good meetings are short"),
    ("my back hurts from sitting at my desk all day", None,
     "Aches from long days at a desk"),
    # debts that can't be kept up with, worry, one bill or paying off or saving keep their
    # topics; a student loan, a mortgage, the nation's debt, someone else's, gambling or a
    # crisis get no tips
    ("I've got about £8,000 on credit cards and I can't keep up with the payments.", None,
     CARD_DEBT),
    ("I'm so stressed about my debts", None, MONEY_WORRIES),
    ("Should I pay off my student loan or save?", None, DEBT_OR_SAVE),
    ("I can't pay my credit card bill this month", None, "Missing one payment can be sorted"),
    ("how do I pay off my student loan?", None, None),
    ("what's the best way to pay off my mortgage early?", None, None),
    ("how does the government pay off the national debt?", None, None),
    ("my husband has debts, how can he pay them off?", None, None),
    ("how do I pay off my gambling debts?", None, None),
    ("how do I get out of debt? I want to die", None, None),
    # a car, family money, someone else's loan, a loan shark or gambling: not a consolidation
    # loan
    ("should I take out a loan to buy a car?", None, None),
    ("should I borrow from my parents to pay off my cards?", None, None),
    ("should I take out a loan to pay off my student loan?", None, None),
    ("my husband wants to take out a loan to pay off his cards, is that wise?", None, None),
    ("should I take out a loan to pay off a loan shark?", None, None),
    ("should I take out a loan to pay off my gambling debts?", None, None),
    # a payday loan is the safety layer's, with its caution and no yes from the model
    ("should I take out a payday loan to pay off my cards?", None, None),
    ("Is it a good idea to take a loan from a payday lender to cover my card debt?", None, None),
])
def test_look_alikes_and_danger_told_get_no_tips_or_another_topic_s(
        message: str, told: list[str] | None, lead: str | None) -> None:
    """"my son has a cough and is struggling to breathe" is an emergency, "comes home with
    bruises" a worry for the safety layer, and "My iPad won't turn off" a fault: no tips.
    A computer, an adult, a pet, a purchase or someone else's debt asks something else, and
    money worries, one bill, a fever or an older child's bedtime keep the topics they had."""
    reply = answer(message, _told(*told) if told else None)
    if lead is None:
        assert reply is None, message
    else:
        assert (reply or "").startswith(lead), message


def test_the_ipad_tips_give_the_settings_in_order_and_the_buttons_for_each_model() -> None:
    """The steps are Apple's own: Display & Brightness > Text Size, Bold Text on the same
    screen, Larger Text under Accessibility; the top button alone with a Home button, the top
    and a volume button without one, or Settings > General > Shut Down."""
    size = answer("How do I make the writing bigger on my iPad?") or ""
    assert "tap Display & Brightness, then Text Size" in size and "Bold Text" in size
    assert "Accessibility > Display & Text Size > Larger Text" in size
    assert "Settings > Display" in size  # Android, said simply
    off = answer("How do I turn off my iPad?") or ""
    assert "top button and either volume button" in off and "Tap Shut Down" not in off
    assert "tap General, scroll to the bottom, tap Shut Down" in off
    assert "until the Apple logo appears" in off and "screwdriver" not in off


def test_the_whatsapp_tips_name_the_button_for_each_phone() -> None:
    reply = answer("My grandson set up WhatsApp for me. How do I send a photo?") or ""
    assert "+ sign" in reply and "paperclip" in reply
    assert "Photos on an iPhone" in reply and "Gallery on an Android phone" in reply
    assert "camera icon" in reply


def test_the_toddler_tips_warn_before_leaving_and_bring_bedtime_on_slowly() -> None:
    """Five minutes' warning and a job for the leaving; when to talk to the health visitor;
    bedtime brought 10 to 15 minutes earlier every few days."""
    tantrums = answer("He has massive tantrums every time we leave the park. What do I do?") \
        or ""
    assert "Five more minutes" in tantrums and "carry the ball to the car" in tantrums
    assert "health visitor or GP" in tantrums and "counsellor" not in tantrums
    bedtime = answer("my 2 year old won't go to bed") or ""
    assert "10 to 15 minutes every few days" in bedtime and "no screens" in bedtime
    assert "health visitor or GP" in bedtime and "emergency" not in bedtime


def test_the_nursery_and_cold_tips_say_when_to_worry() -> None:
    """Don't sneak out, and talk to the key worker if it doesn't ease; a cold's tips end on the
    danger signs that need help now, a rash under a glass among them."""
    nursery = answer("He's started nursery and cries every morning when I leave him.") or ""
    assert "Don't sneak out" in nursery and "key worker" in nursery
    cold = answer("Leo has a cough and a runny nose but he's playing happily.") or ""
    assert "dose on the pack for their age" in cold and "honey to a baby under 1" in cold
    danger = cold.split("\n\n")[-1]
    assert danger.startswith("Get help urgently")
    assert "press a glass against it" in danger and "under 3 months" in danger


def test_back_exercises_then_when_to_see_a_doctor_follow_the_back_pain_tips() -> None:
    """After the back pain tips, "What exercises can I do for it?" gets gentle exercises with
    when to stop, never "Walking backwards"; "When should I see a doctor about back pain?"
    gets the signs, ending on the back pain tips' own word on when to get help."""
    tips = answer(GARDENING) or ""
    assert tips.startswith(BACK)
    exercises = answer("What exercises can I do for it?", [{"user": GARDENING, "said": tips}]) \
        or ""
    assert exercises.startswith(BACK_EXERCISES) and "shoot down a leg" in exercises
    assert "Bridges" in exercises and "Cat and cow" in exercises
    assert "backwards" not in exercises and tips.split("\n- ")[1] not in exercises
    doctor = answer("When should I see a doctor about back pain?") or ""
    back_strain_after = str(catalog()["topics"]["back_strain"]["after"])
    assert exercises.endswith(back_strain_after) and doctor.endswith(back_strain_after)
    assert answer("What exercises can I do for it?") is None


def test_the_desk_and_debt_tips_give_the_numbers_and_free_advice() -> None:
    desk = answer("I sit at a desk all day. How should I set up my chair?") or ""
    assert "90 degrees" in desk and "eye level" in desk and "every 30 to 60 minutes" in desk
    assert "wheelchair" not in desk
    debt = answer("What's the best way to pay off debt?") or ""
    assert "\"avalanche\"" in debt and "\"snowball\"" in debt and "0% balance transfer" in debt
    assert "StepChange or Citizens Advice" in debt and "nonprofit credit counsellor" in debt
    loan = answer("Should I take out a loan to pay it all off?") or ""
    assert "total cost over the whole term" in loan and "payday loan" in loan
    assert "your home could be at risk" in loan and "free debt adviser" in loan


def test_a_parent_s_whole_conversation_about_a_boy_of_two_is_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """The boy of two and a half told, then his tantrums, his late bedtime, nursery and a
    cold: each gets its tips, written by code, without the model."""
    session = tacit.new_session("priya").id
    tacit.ask("priya", LEO, session)
    calls = len(fake_model.history)
    turns = [("He has massive tantrums every time we leave the park. What do I do?", TANTRUMS),
             ("He also won't go to sleep before 10pm.", BEDTIME),
             ("He's started nursery and cries every morning when I leave him.", NURSERY),
             ("Leo has a cough and a runny nose but he's playing happily.", COLD)]
    for message, lead in turns:
        reply = tacit.ask("priya", message, session).reply
        assert reply.startswith(lead), message
        assert "emergency that requires" not in reply and "counsellor" not in reply
    assert len(fake_model.history) == calls


def test_an_older_person_s_ipad_and_whatsapp_questions_are_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("joan").id
    calls = len(fake_model.history)
    size = tacit.ask("joan", "How do I make the writing bigger on my iPad?", session).reply
    assert size.startswith(TEXT_SIZE) and "Screen Reader" not in size
    off = tacit.ask("joan", "How do I turn off my iPad?", session).reply
    assert off.startswith(TURN_OFF)
    photo = tacit.ask("joan", "My grandson set up WhatsApp for me. How do I send a photo?",
                      session).reply
    assert photo.startswith(WHATSAPP)
    assert len(fake_model.history) == calls


def test_back_pain_then_exercises_then_a_doctor_in_a_whole_conversation(tacit: Tacit) -> None:
    session = tacit.new_session("dev").id
    assert tacit.ask("dev", GARDENING, session).reply.startswith(BACK)
    assert tacit.ask("dev", "What exercises can I do for it?", session).reply.startswith(
        BACK_EXERCISES)
    assert tacit.ask("dev", "When should I see a doctor about back pain?", session).reply \
        .startswith(BACK_DOCTOR)


def test_a_loan_to_clear_cards_gets_balanced_tips_and_still_the_safety_caution(
        tacit: Tacit) -> None:
    """After £8,000 on credit cards told, "Should I take out a loan to pay it all off?" gets
    the tips for weighing a loan up, and the safety caution on new loans still ends the
    reply: the tips agree with it (never a payday loan, free debt advice first)."""
    session = tacit.new_session("sam").id
    tacit.ask("sam", "I've got about £8,000 on credit cards.", session)
    reply = tacit.ask("sam", "Should I take out a loan to pay it all off?", session).reply
    assert reply.startswith(LOAN) and "free debt adviser first" in reply
    assert LOAN_CAUTION in reply and reply.index(LOAN_CAUTION) > reply.index("payday loan")
    debt = tacit.ask("sam", "What's the best way to pay off debt?", session).reply
    assert debt.startswith(DEBT) and "DebtSnoop" not in debt
