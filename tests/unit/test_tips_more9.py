"""Tips for a pensioner facing winter bills, a separating father, a Christmas host, a driver, a
mother new to the NHS, a beginner knitter, a home worker with back pain, a nurse, a teenager
told to revise and a woman new to the gym, written by code (``data/tips.yaml``).

"My heating bills are frightening me this winter. Any tips?" got, from the bundled model, "use
a heat-resistant mattress cover"; "Am I entitled to pension credit?" got "You are entitled to
pension credit."; a grandson of 9 coming for Christmas got "discuss how much they're getting
paid"; "My car's battery warning light came on while I was driving." and "Is it safe to keep
driving?" got "This is a medical emergency"; the doctor's number when it isn't an emergency got
an invented "1234567890"; "My mum keeps shouting at me to revise." got "Here's a revised
version". Telling the children about a separation, a turkey's size and cooking time, a vegan
main, a timeline for Christmas dinner, a first knitting project, yarn weights, a scarf's cast-on,
back pain from working from home, taking work home emotionally, a beginner's gym plan, a
deadlift and next-day soreness were left to the model. Each now gets its topic's tips; a
look-alike (Turkey the country, a phone's battery, a crochet scarf, a vet) or a crisis told with
it does not; the police's number when it isn't an emergency gets 101. And a headache asked
about with nothing said of days no longer hears "As it has lasted days".
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from tests.unit.tips_told import gets_its_tips_and_not_its_look_alike
from tests.unit.tips_told import reply as _reply

WARM = "Keeping warm matters for your health, and there's help with the cost."
PENSION_CREDIT = "I can't tell you whether you'd get it, but it's well worth checking"
GRANDCHILD = "Children of around 7 to 11 love doing real things with a grown-up."
TELL_KIDS = "Telling children about a separation is one of the hardest parts"
TIMELINE = "Work back from the time you eat."
TURKEY_TIME = "Ovens and birds vary, so treat any time as a guide"
TURKEY_SIZE = "Allow roughly 400 to 500 g of whole turkey per person"
VEGAN = "A vegan main can be the dish everyone wants a slice of."
BATTERY_LIGHT = "A battery warning light while you're driving usually means"
BATTERY_LIGHT_MORE = "Only as far as you need to reach a garage"
DOCTOR = "For a health problem that isn't an emergency, in the UK:"
POLICE = "In the UK, call 101 to reach the police when it isn't an emergency."
FIRST_KNIT = "Start with something flat and straight"
YARN = "Yarn weight means how thick the yarn is."
SCARF = "It depends on your yarn and needles, so work it out from the tension."
HOME_BACK = "Back pain that starts with working from home"
HOME_BACK_MORE = "Back pain that isn't easing after a few weeks is worth getting checked:"
WORK_HOME = "Carrying work home is common in caring and high-pressure jobs"
NAGGING = "Parents who keep on about revision are usually worried about your exams"
GYM_PLAN = "A simple full-body plan for three days a week"
DEADLIFT = "A deadlift is safe for most people when the form is right"
SORE = "Feeling very sore a day or two after a new workout is normal"
OURS = (WARM, PENSION_CREDIT, GRANDCHILD, TELL_KIDS, TIMELINE, TURKEY_TIME, TURKEY_SIZE, VEGAN,
        BATTERY_LIGHT, BATTERY_LIGHT_MORE, DOCTOR, POLICE, FIRST_KNIT, YARN, SCARF, HOME_BACK,
        HOME_BACK_MORE, WORK_HOME, NAGGING, GYM_PLAN, DEADLIFT, SORE)
# other topics' tips that keep their own requests
HEADACHE = "Everyday headaches most often come from tension"
ENERGY = "The biggest savings on energy bills"
IRON = "You can get plenty of iron without meat"
CAR_WONT_START = "When a car won't start"
DESK = "Aches from long days at a desk"
DAY_SLEEP = "Sleeping in the day after night shifts"
EXAM_PRESSURE = "Lots of people feel this pressure about exams"
HOME_WORKOUT = "A 20-minute workout with no equipment"
CODE = "Anyone can learn to code"

SEPARATING = "My wife and I are separating after 20 years."
CHRISTMAS = "I'm cooking Christmas dinner for 12, one vegan and two gluten-free."
LIGHT = "My car's battery warning light came on while I was driving."
KNITTING = "I want to learn to knit."
BACK = "I've been getting really bad back pain since I started working from home."
GYM = "I did my first gym session yesterday."
SORE_TODAY = "I'm so sore today I can barely walk down the stairs."


def _after(message: str, before: str) -> str:
    """The reply to ``message`` right after ``before`` and the reply it got."""
    return answer(message, [{"user": before, "said": _reply(before, None)}]) or ""


@pytest.mark.parametrize(("message", "told", "lead"), [
    ("My heating bills are frightening me this winter. Any tips?", None, WARM),
    ("I'm worried about my heating bills this winter, what can I do?", None, WARM),
    ("My gas bills are frightening me.", None, WARM),
    ("how can I keep warm this winter without the heating costing a fortune?", None, WARM),
    ("I can't afford to put the heating on, any advice?", None, WARM),
    ("Am I entitled to pension credit?", None, PENSION_CREDIT),
    ("How do I claim Pension Credit?", None, PENSION_CREDIT),
    ("could I get pension credit on a state pension of £221 a week?", None, PENSION_CREDIT),
    ("My grandson Josh is coming for Christmas, he's 9. What can we do together?", None,
     GRANDCHILD),
    ("my 10 year old grandson is staying for a week, any ideas?", None, GRANDCHILD),
    ("What can I do with my granddaughter over the holidays?", None, GRANDCHILD),
    ("How do we tell the kids?", SEPARATING, TELL_KIDS),
    ("What should we tell the children?", "We're getting divorced.", TELL_KIDS),
    ("How do I tell my children we're separating?", None, TELL_KIDS),
    ("how should we explain to the kids that we're splitting up?", None, TELL_KIDS),
    ("How big a turkey do I need?", None, TURKEY_SIZE),
    ("what size turkey for 12 people?", None, TURKEY_SIZE),
    ("How much turkey per person?", None, TURKEY_SIZE),
    ("How long do I cook a 6 kg turkey?", None, TURKEY_TIME),
    ("what temperature should I roast a turkey at?", None, TURKEY_TIME),
    ("how do I know when the turkey is cooked?", None, TURKEY_TIME),
    ("How long does a frozen turkey take to defrost?", None, TURKEY_TIME),
    ("What can I make for the vegan guest?", None, VEGAN),
    ("any ideas for a vegan Christmas main?", CHRISTMAS, VEGAN),
    ("What can I cook for a vegan at Christmas?", None, VEGAN),
    ("Can you make me a timeline for the day if we eat at 3pm?", CHRISTMAS, TIMELINE),
    ("Can you give me a timeline for Christmas dinner?", None, TIMELINE),
    ("what are the timings for a roast turkey dinner at 2pm?", None, TIMELINE),
    (LIGHT, None, BATTERY_LIGHT),
    ("the battery light is on in my car, what does it mean?", None, BATTERY_LIGHT),
    ("The red battery symbol came on on the dashboard while I was on the motorway.", None,
     BATTERY_LIGHT),
    ("What is the phone number for the doctor when it is not emergency?", None, DOCTOR),
    ("who do I call if I need a doctor but it's not an emergency?", None, DOCTOR),
    ("What's the number for the out of hours GP?", None, DOCTOR),
    ("what's the non emergency number for the police?", None, POLICE),
    ("What is the police non-emergency number?", None, POLICE),
    ("What's the easiest first project?", KNITTING, FIRST_KNIT),
    ("What's a good first knitting project?", None, FIRST_KNIT),
    ("I'm a beginner knitter, what should I knit first?", None, FIRST_KNIT),
    ("What does DK yarn mean?", None, YARN),
    ("what's the difference between DK and aran yarn?", None, YARN),
    ("Can you explain yarn weights?", None, YARN),
    ("How many stitches should I cast on for a scarf?", None, SCARF),
    ("how many stitches do I cast on for a chunky scarf?", None, SCARF),
    (BACK, None, HOME_BACK),
    ("My lower back aches from working at the kitchen table.", None, HOME_BACK),
    ("since working from home my back has been really sore, any tips?", None, HOME_BACK),
    ("How do I stop taking work home with me emotionally?", None, WORK_HOME),
    ("I'm a nurse, how do I switch off emotionally after a hard shift?", None, WORK_HOME),
    ("I can't stop thinking about my patients when I get home.", None, WORK_HOME),
    ("My mum keeps shouting at me to revise.", None, NAGGING),
    ("my parents won't stop nagging me about revision", None, NAGGING),
    ("My dad yells at me to do my homework all the time, what do I do?", None, NAGGING),
    ("Can you make me a beginner workout for three days a week?", None, GYM_PLAN),
    ("I'm new to the gym, what routine should I do?", None, GYM_PLAN),
    ("a simple gym plan for a beginner, 3 days a week?", None, GYM_PLAN),
    ("How do I do a deadlift without hurting my back?", None, DEADLIFT),
    ("what's the right form for a Romanian deadlift?", None, DEADLIFT),
    (SORE_TODAY, GYM, SORE),
    ("I'm so sore after the gym yesterday, is that normal?", None, SORE),
    ("My legs are so stiff after squats, what helps?", None, SORE),
    ("how do I get rid of DOMS?", None, SORE),
])
def test_an_everyday_request_gets_its_topic_s_tips(
        message: str, told: str | None, lead: str) -> None:
    assert _reply(message, told).startswith(lead), message


@pytest.mark.parametrize(("asked", "asked_told", "look_alike", "look_alike_told", "other"), [
    # a complaint, a gas leak, a dog, cutting the bills or a crisis is not keeping warm
    ("My heating bills are frightening me this winter. Any tips?", None,
     "my gas bill is wrong, how do I complain?", None, None),
    ("My heating bills are frightening me this winter. Any tips?", None,
     "How do I keep my dog warm this winter?", None, None),
    ("My heating bills are frightening me this winter. Any tips?", None,
     "how can I cut my energy bills?", None, ENERGY),
    ("My heating bills are frightening me this winter. Any tips?", None,
     "My heating bills are frightening me and I want to die", None, None),
    # an overpayment or another benefit is not a claim for Pension Credit
    ("Am I entitled to pension credit?", None,
     "I've been overpaid pension credit, what do I do?", None, None),
    ("Am I entitled to pension credit?", None, "Am I entitled to universal credit?", None, None),
    # a toddler, a teenager or a present is not a visit from a grandchild of 7 to 11
    ("My grandson Josh is coming for Christmas, he's 9. What can we do together?", None,
     "My grandson is 2, what can we do together?", None, None),
    ("My grandson Josh is coming for Christmas, he's 9. What can we do together?", None,
     "My granddaughter is 14, what can we do together?", None, None),
    ("My grandson Josh is coming for Christmas, he's 9. What can we do together?", None,
     "What present ideas for my grandson?", None, None),
    # nothing told, a death, a teenager's own parents or violence is not telling of a separation
    ("How do we tell the kids?", SEPARATING, "How do we tell the kids?", None, None),
    ("How do we tell the kids?", SEPARATING, "How do we tell the kids their grandad died?", None,
     None),
    ("How do we tell the kids?", SEPARATING, "My parents are separating, how do I tell my friends?",
     None, None),
    ("How do we tell the kids?", SEPARATING, "How do we tell the kids he hit me?", SEPARATING,
     None),
    # Turkey the country, leftovers and a vegan's iron keep to themselves
    ("How big a turkey do I need?", None, "How big is Turkey?", None, None),
    ("How long do I cook a 6 kg turkey?", None, "How long is the flight to Turkey?", None, None),
    ("How long do I cook a 6 kg turkey?", None, "How do I reheat leftover turkey?", None, None),
    ("What can I make for the vegan guest?", None, "how can vegans get iron?", None, IRON),
    ("What can I make for the vegan guest?", None, "Is wine vegan?", None, None),
    # a timeline with no dinner told, or for a wedding, is not this one
    ("Can you make me a timeline for the day if we eat at 3pm?", CHRISTMAS,
     "Can you make me a timeline for the day if we eat at 3pm?", None, None),
    ("Can you make me a timeline for the day if we eat at 3pm?", CHRISTMAS,
     "Can you make a timeline for my wedding day?", CHRISTMAS, None),
    # a phone, a car that won't start, smoke or no light told is not the charging light
    (LIGHT, None, "my phone battery warning keeps popping up", None, None),
    (LIGHT, None, "My car won't start, any tips?", None, CAR_WONT_START),
    (LIGHT, None, "The battery light came on and there's smoke from the bonnet", None, None),
    (LIGHT, None, "Is it safe to keep driving?", None, None),
    # the police, a vet or someone not breathing is not the doctor's number
    ("What is the phone number for the doctor when it is not emergency?", None,
     "what's the non emergency number for the police?", None, POLICE),
    ("What is the phone number for the doctor when it is not emergency?", None,
     "What's the number for the vet out of hours?", None, None),
    ("What is the phone number for the doctor when it is not emergency?", None,
     "My son isn't breathing, what number do I call?", None, None),
    # a break-in happening now or a threat is for 999, not 101
    ("what's the non emergency number for the police?", None,
     "someone is breaking in right now, what's the non emergency police number?", None, None),
    ("what's the non emergency number for the police?", None,
     "my neighbour threatened me, what's the police non emergency number?", None, None),
    # coding, texting and crochet are not knitting
    ("What's the easiest first project?", KNITTING, "What's the easiest first project?", None,
     None),
    ("What's the easiest first project?", KNITTING,
     "What's a good first project for learning Python?", None, CODE),
    ("What does DK yarn mean?", None, "what does DK mean in texting?", None, None),
    ("How many stitches should I cast on for a scarf?", None,
     "how many stitches to chain for a crochet scarf?", None, None),
    # back pain at an office desk keeps its tips; numbness in both legs is not for tips
    (BACK, None, "My back hurts after sitting at my desk all day", None, DESK),
    (BACK, None, "I've got back pain since working from home and numbness in both legs", None,
     None),
    (BACK, None, "It's been three weeks now and it's not getting better", None, None),
    # a laptop or sleep after nights is not taking work home emotionally
    ("How do I stop taking work home with me emotionally?", None,
     "How do I stop taking my laptop home?", None, None),
    ("How do I stop taking work home with me emotionally?", None,
     "How can I switch off after a night shift?", None, DAY_SLEEP),
    # violence, a parent asking, or fear of results is not nagging about revision
    ("My mum keeps shouting at me to revise.", None,
     "My mum keeps shouting at me to revise and she hit me", None, None),
    ("My mum keeps shouting at me to revise.", None, "My son won't revise, how do I get him to?",
     None, None),
    ("My mum keeps shouting at me to revise.", None, "My parents will kill me if I fail my exams",
     None, EXAM_PRESSURE),
    # running, a home workout, an injury or a record lift is not these
    ("Can you make me a beginner workout for three days a week?", None,
     "any beginner running plan for three days a week?", None, None),
    ("Can you make me a beginner workout for three days a week?", None,
     "Can you give me a 20-minute home workout?", None, HOME_WORKOUT),
    ("How do I do a deadlift without hurting my back?", None, "I hurt my back doing deadlifts",
     None, None),
    ("How do I do a deadlift without hurting my back?", None, "how much should I deadlift?", None,
     None),
    # soreness with no workout told, dark urine or a swollen knee is not next-day soreness
    (SORE_TODAY, GYM, SORE_TODAY, None, None),
    (SORE_TODAY, GYM, "I'm sore after the gym and my pee is dark brown", None, None),
    (SORE_TODAY, GYM, "My knee is swollen and sore after the gym", None, None),
])
def test_a_request_gets_its_tips_and_its_look_alike_or_a_crisis_does_not(
        asked: str, asked_told: str | None, look_alike: str, look_alike_told: str | None,
        other: str | None) -> None:
    gets_its_tips_and_not_its_look_alike(asked, asked_told, look_alike, look_alike_told, other,
                                         OURS)


def test_the_pensioner_hears_of_uk_help_and_is_not_told_she_is_entitled() -> None:
    warm = _reply("My heating bills are frightening me this winter. Any tips?", None)
    assert "18°C" in warm and "layers" in warm and "curtains at dusk" in warm
    assert "Warm Home Discount" in warm and "Priority Services Register" in warm
    assert "Winter Fuel Payment" in warm and "Never use the oven or a gas hob" in warm
    assert "mattress" not in warm
    credit = _reply("Am I entitled to pension credit?", None)
    assert "You are entitled" not in credit and "I can't tell you" in credit
    assert "calculator on GOV.UK" in credit and "0800 99 1234" in credit
    assert "free TV licence if you're 75 or over" in credit and "Age UK" in credit
    assert "£" not in credit


def test_the_christmas_tips_give_a_size_a_time_a_safe_temperature_and_the_guests() -> None:
    size = _reply("How big a turkey do I need?", None)
    assert "5 to 6 kg" in size and "crown" in size
    time = _reply("How long do I cook a 6 kg turkey?", None)
    assert "20 minutes per kg" in time and "75°C" in time and "thickest part of the thigh" in time
    assert "Rest it" in time and "Don't wash the raw turkey" in time and "fully thawed" in time
    vegan = _reply("What can I make for the vegan guest?", None)
    assert "nut roast" in vegan and "goose fat" in vegan and "gluten-free" in vegan
    assert "stock cubes" in vegan and "Keep their food apart" in vegan
    timeline = _reply("Can you make me a timeline for the day if we eat at 3pm?", CHRISTMAS)
    assert "The day before" in timeline and "out to rest" in timeline
    assert "make the gravy" in timeline and "warm the plates" in timeline


def test_the_battery_light_is_a_charging_fault_and_asking_again_gets_the_rest() -> None:
    light = _reply(LIGHT, None)
    assert "alternator" in light and "not a flat battery" in light
    assert "Switch off everything you don't need" in light and "steering goes heavy" in light
    assert "medical emergency" not in light
    again = _after("Is it safe to keep driving?", LIGHT)
    assert again.startswith(BATTERY_LIGHT_MORE) and "only a few miles" in again
    assert "steering goes heavy" in again


def test_the_doctor_s_number_is_111_or_the_surgery_and_the_police_s_is_101() -> None:
    reply = _reply("What is the phone number for the doctor when it is not emergency?", None)
    assert "NHS 111" in reply and "111.nhs.uk" in reply and "GP surgery" in reply
    assert "pharmacist" in reply and "interpreter" in reply and "999 is only for emergencies" \
        in reply
    assert "1234567890" not in reply
    police = _reply("what's the non emergency number for the police?", None)
    assert "101" in police and "report many crimes online" in police
    assert "Call 999 if a crime is happening now" in police


def test_the_knitting_tips_name_the_yarn_the_needles_and_the_sum() -> None:
    first = _reply("What's the easiest first project?", KNITTING)
    assert "garter stitch" in first and "4 to 5 mm needles" in first
    yarn = _reply("What does DK yarn mean?", None)
    assert "double knitting" in yarn and "4-ply (fingering)" in yarn and "Aran (worsted)" in yarn
    assert "22 stitches and 28 rows" in yarn
    scarf = _reply("How many stitches should I cast on for a scarf?", None)
    assert "about 33 to 44 stitches" in scarf and "15 to 20 cm" in scarf and "Cast on loosely" \
        in scarf


def test_back_pain_at_home_names_the_set_up_the_urgent_signs_and_then_the_physio() -> None:
    back = _reply(BACK, None)
    assert "eye level" in back and "separate keyboard" in back and "every 30 to 45 minutes" in back
    assert "numbness around your bottom or genitals" in back and "NHS 111" in back
    weeks = _after("It's been three weeks now and it's not getting better", BACK)
    assert weeks.startswith(HOME_BACK_MORE) and "GP" in weeks and "physiotherapist" in weeks
    assert "eye level" not in weeks


def test_the_nurse_teenager_and_gym_tips_say_what_helps() -> None:
    nurse = _reply("How do I stop taking work home with me emotionally?", None)
    assert "going-home ritual" in nurse and "clinical supervision" in nurse
    assert "Employee Assistance Programme" in nurse and "burnout" in nurse and "GP" in nurse
    teen = _reply("My mum keeps shouting at me to revise.", None)
    assert "revision timetable" in teen and "check-in" in teen and "Childline" in teen
    assert "revised version" not in teen
    plan = _reply("Can you make me a beginner workout for three days a week?", None)
    assert "squat to a box" in plan and "2 to 3 sets of 8 to 12" in plan and "knee" in plan
    lift = _reply("How do I do a deadlift without hurting my back?", None)
    assert "bar over the middle of your feet" in lift and "Hinge at the hips" in lift
    assert "flat back" in lift and "keep the bar close" in lift
    sore = _reply(SORE_TODAY, GYM)
    assert "DOMS" in sore and "Gentle movement" in sore and "cola-coloured urine" in sore


def test_a_headache_with_nothing_said_of_days_is_not_told_it_has_lasted_days() -> None:
    asked = _reply("Can I take ibuprofen for a headache?", None)
    assert asked.startswith(HEADACHE)
    assert "As it has lasted days" not in asked and "hangs on for days" not in asked
    lasting = _reply("I've had a headache for 3 days and paracetamol isn't helping", None)
    assert lasting.startswith(HEADACHE) and "more than a few days" in lasting


def test_a_christmas_host_s_whole_conversation_is_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("ann").id
    tacit.ask("ann", CHRISTMAS, session)
    calls = len(fake_model.history)
    for message, lead in [("How big a turkey do I need?", TURKEY_SIZE),
                          ("How long do I cook a 6 kg turkey?", TURKEY_TIME),
                          ("What can I make for the vegan guest?", VEGAN),
                          ("Can you make me a timeline for the day if we eat at 3pm?", TIMELINE)]:
        assert tacit.ask("ann", message, session).reply.startswith(lead), message
    assert len(fake_model.history) == calls


def test_follow_ups_to_the_battery_light_back_pain_knitting_and_the_gym(
        tacit: Tacit, fake_model: FakeModel) -> None:
    told = {user: tacit.new_session(user).id for user in ("raj", "sam", "kim", "tom", "liz")}
    for user, said in [("kim", KNITTING), ("tom", SEPARATING), ("liz", GYM)]:
        tacit.ask(user, said, told[user])
    calls = len(fake_model.history)
    turns = [("raj", LIGHT, BATTERY_LIGHT),
             # right after the tips, the rest of them, never the same twice
             ("raj", "Is it safe to keep driving?", BATTERY_LIGHT_MORE),
             ("sam", BACK, HOME_BACK),
             ("sam", "It's been three weeks now and it's not getting better", HOME_BACK_MORE),
             ("kim", "What's the easiest first project?", FIRST_KNIT),
             ("kim", "What does DK yarn mean?", YARN),
             ("kim", "How many stitches should I cast on for a scarf?", SCARF),
             ("tom", "How do we tell the kids?", TELL_KIDS),
             ("liz", SORE_TODAY, SORE)]
    for user, message, lead in turns:
        assert tacit.ask(user, message, told[user]).reply.startswith(lead), message
    assert len(fake_model.history) == calls
