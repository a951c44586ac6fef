"""Tips for a dementia carer, panic and anxiety at work, a move abroad and coming out, written
by code (``data/tips.yaml``).

A carer told "My mum has dementia and lives with us. I'm her main carer." got "having a
conversation with your partner" for her repeated questions, "This is a sensitive topic" for her
evenings and nonsense for "I'm exhausted and I never get a break."; after the panic tips, "What
can I do when one starts?" got "what-if thinking" and "Should I tell my GP?" the harmful "You
should not tell your GP"; a couple moving to Spain got waffle, and "He will not be able to get
his medication there" for type 2 diabetes; a young man coming out got invented organisations.
Each now gets its topic's tips; a child, a pet, a house move, a holiday or a crisis does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from tests.unit.tips_told import told as _told

REPEATING = "Being asked the same thing again and again is one of the hardest parts"
SUNDOWNING = "Many people with dementia become restless, agitated or more confused"
CARER = "Caring is exhausting, and you deserve support too."
CARER_MORE = ("More help worth asking about:\n"
              "- In the UK, you may be able to claim Carer's Allowance")
PANIC = "Panic attacks are frightening, but they aren't dangerous"
PANIC_NOW = "When a panic attack starts, these steps can help you ride it out:"
TELL_GP = "Yes, it's worth telling your GP or doctor"
SICK_LEAVE = "Yes. Mental health is health"
MOVING = "A move abroad goes more smoothly with a checklist."
MEDICATION = "Usually, yes: medicines for common long-term conditions"
COMING_OUT = "There's no deadline for coming out"
GROUPS = "There are lots of friendly places to meet other LGBT+ people:"

CARER_TOLD = "My mum has dementia and lives with us. I'm her main carer."
PANIC_TOLD = "I've been having panic attacks at work, what can I do?"
SPAIN = "I'm moving to Spain next spring with my husband Tom. We're both retired."
GAY = "I'm 19 and I think I'm gay. I haven't told anyone."


@pytest.mark.parametrize(("message", "told", "lead"), [
    ("She keeps asking the same questions over and over. How do I cope?", CARER_TOLD,
     REPEATING),
    ("My dad has Alzheimer's and keeps repeating the same questions, any tips?", None,
     REPEATING),
    ("Mum has dementia and asks me the same thing over and over, what can I do?", None,
     REPEATING),
    ("He's repeating himself all day.", "My husband has Alzheimer's.", REPEATING),
    ("She gets really agitated in the evenings.", CARER_TOLD, SUNDOWNING),
    ("my mum with dementia gets confused and upset in the late afternoon", None, SUNDOWNING),
    ("what is sundowning?", None, SUNDOWNING),
    ("He gets restless when it gets dark.", "Dad was diagnosed with dementia last year.",
     SUNDOWNING),
    ("I'm exhausted and I never get a break.", CARER_TOLD, CARER),
    ("What help can I get as a carer?", CARER_TOLD, CARER),
    ("What help can I get as a carer?", None, CARER),
    ("is there any support for unpaid carers?", None, CARER),
    ("What can I do when one starts?", PANIC_TOLD, PANIC_NOW),
    ("what should I do during a panic attack?", None, PANIC_NOW),
    ("How do I calm down when I feel one coming on?", "I keep having panic attacks.",
     PANIC_NOW),
    ("Should I tell my GP?", PANIC_TOLD, TELL_GP),
    ("should I see my doctor about my anxiety?", None, TELL_GP),
    ("I've been feeling really low for weeks, should I see a doctor?", None, TELL_GP),
    ("Is it worth talking to my GP?", "I've been so stressed lately.", TELL_GP),
    ("Is it okay to take time off sick for anxiety?", None, SICK_LEAVE),
    ("can I get signed off work with stress?", None, SICK_LEAVE),
    ("Should I take some time off sick?", "I've been so stressed at work.", SICK_LEAVE),
    ("What do we need to do before we move?", SPAIN, MOVING),
    ("what do I need to do before moving to Spain?", None, MOVING),
    ("We're retiring to Portugal next year, any tips?", None, MOVING),
    ("Tom has type 2 diabetes. Will he be able to get his medication there?", SPAIN,
     MEDICATION),
    ("Will I be able to get my insulin in Spain?", None, MEDICATION),
    ("I'm moving to France, can I still get my prescriptions there?", None, MEDICATION),
    (GAY, None, COMING_OUT),
    ("How do I tell my parents?", GAY, COMING_OUT),
    ("What if they don't accept me?", GAY, COMING_OUT),
    ("How do I come out to my parents as bi?", None, COMING_OUT),
    ("Are there groups where I can meet other LGBT people?", GAY, GROUPS),
    ("are there any LGBT+ groups near me?", None, GROUPS),
    ("where can I meet other queer people?", None, GROUPS),
])
def test_an_everyday_request_gets_its_topic_s_tips(
        message: str, told: str | None, lead: str) -> None:
    reply = answer(message, _told(told) if told else None) or ""
    assert reply.startswith(lead), message


@pytest.mark.parametrize(("message", "told", "lead"), [
    # a child or a pet keeps asking or gets restless: not dementia
    ("My toddler keeps asking the same questions over and over.", CARER_TOLD, None),
    ("My 4 year old repeats the same questions, how do I cope?", None, None),
    ("My dog gets agitated in the evenings.", CARER_TOLD, None),
    ("My toddler gets agitated in the evenings.", None, None),
    # the dead husband asked for keeps the dementia care tips
    ("My mum has dementia and keeps asking where my dad is. he died two years ago. what do I "
     "tell her?", None, "Some things many carers find help with someone who has dementia"),
    # tired, with no caring told, is not a carer's; a paid care job or a crisis is not either
    ("I'm exhausted and I never get a break.", None, None),
    ("I'm exhausted.", None, None),
    ("What help can I get as a carer? I can't take this any more, I want to die", CARER_TOLD,
     None),
    ("how much do care workers get paid as carers?", None, None),
    # panic itself keeps its tips; someone else's, or chest pain, is not in-the-moment steps
    (PANIC_TOLD, None, PANIC),
    ("What can I do when one starts?", None, None),
    ("what should I do when my son has a panic attack?", None, None),
    # a knee, a boss, medication or harm is not "tell your GP about anxiety"
    ("Should I tell my GP about my knee?", None, None),
    ("Should I tell my boss?", "I have anxiety.", None),
    ("Should I tell my GP I've stopped my sertraline?", "I have anxiety.", None),
    ("should I see my doctor about my anxiety? I've been hurting myself", None, None),
    # a cold, a dismissal or someone else's leave is not sick leave for anxiety
    ("Is it okay to take time off sick for a cold?", None, None),
    ("Can I be sacked for taking time off for anxiety?", None, None),
    ("my employee wants time off for stress, what do I do?", None, None),
    # a house move, a move in the same country or a holiday is not a move abroad
    ("What do I need to do before moving house?", None, None),
    ("What do I need to do before we move?", "I'm moving to London.", None),
    ("Can I get my medication at the pharmacy today?", None, None),
    ("Can I take my medication on holiday to Spain?", None, None),
    ("I took too many of my tablets, can I get more medication there?", SPAIN, None),
    # other news for parents, a parent's question, a bar, a hospital or danger: not these
    ("How do I tell my parents I'm pregnant?", None, None),
    ("How do I support my gay son?", None, None),
    ("what's the best gay bar in Manchester?", None, None),
    ("I'm coming out of hospital tomorrow, any tips?", None, None),
    ("I'm gay and my dad hit me when I told him, what do I do?", None, None),
    ("I'm gay and my parents kicked me out, I have nowhere to sleep tonight", None, None),
])
def test_look_alikes_and_danger_told_get_no_tips_or_another_topic_s(
        message: str, told: str | None, lead: str | None) -> None:
    reply = answer(message, _told(told) if told else None)
    if lead is None:
        assert not (reply or "").startswith((REPEATING, SUNDOWNING, CARER, PANIC_NOW, TELL_GP,
                                             SICK_LEAVE, MOVING, MEDICATION, COMING_OUT,
                                             GROUPS)), message
    else:
        assert (reply or "").startswith(lead), message


def test_the_carer_tips_name_real_help_and_the_evening_tips_say_when_to_tell_a_doctor() -> None:
    """A carer's assessment, respite and the real charities; the evening tips check for pain,
    hunger and the toilet, and an infection is named as a cause of a sudden change."""
    carer = answer("What help can I get as a carer?") or ""
    assert "carer's assessment" in carer and "free" in carer and "respite" in carer
    assert "Carers UK" in carer and "Alzheimer's Society" in carer
    assert "Alzheimer's Association in the US" in carer and "Tell your GP" in carer
    evenings = answer("She gets really agitated in the evenings.", _told(CARER_TOLD)) or ""
    assert "sundowning" in evenings and "close the curtains" in evenings
    assert "pain, hunger, thirst, needing the toilet" in evenings
    assert "infection" in evenings.split("\n\n")[-1]
    repeating = answer("She keeps asking the same questions. How do I cope?",
                       _told(CARER_TOLD)) or ""
    assert "as if it's the first time" in repeating and "whiteboard" in repeating
    assert "partner" not in repeating


def test_the_gp_and_sick_leave_tips_say_yes_and_name_the_uk_rules() -> None:
    gp = answer("Should I tell my GP?", _told(PANIC_TOLD)) or ""
    assert gp.startswith("Yes") and "should not" not in gp
    assert "NHS Talking Therapies" in gp and "In England" in gp
    leave = answer("Is it okay to take time off sick for anxiety?") or ""
    assert "self-certify for up to 7 days" in leave and "fit note" in leave
    assert "differ by country" in leave and "occupational health" in leave


def test_the_medication_tips_say_it_is_usually_available_and_name_generic_names() -> None:
    reply = answer("Tom has type 2 diabetes. Will he be able to get his medication there?",
                   _told(SPAIN)) or ""
    assert reply.startswith("Usually, yes") and "will not" not in reply
    assert "generic name" in reply and "insulin for life" not in reply
    move = answer("What do we need to do before we move?", _told(SPAIN)) or ""
    assert "S1 form" in move and "visa" in move and "driving licence" in move


def test_the_coming_out_tips_name_only_real_organisations() -> None:
    reply = answer("How do I tell my parents?", _told(GAY)) or ""
    assert "Switchboard LGBT+" in reply and "The Trevor Project" in reply
    assert "somewhere you could stay" in reply and "International" not in reply
    groups = answer("Are there groups where I can meet other LGBT people?") or ""
    assert "LGBT+ society" in groups and "International" not in groups


def test_a_carer_s_whole_conversation_is_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("meera").id
    tacit.ask("meera", CARER_TOLD, session)
    calls = len(fake_model.history)
    turns = [("She keeps asking the same questions over and over. How do I cope?", REPEATING),
             ("She gets really agitated in the evenings.", SUNDOWNING),
             ("I'm exhausted and I never get a break.", CARER),
             # right after the carer's tips, more of them, never the same twice
             ("What help can I get as a carer?", CARER_MORE)]
    for message, lead in turns:
        assert tacit.ask("meera", message, session).reply.startswith(lead), message
    assert len(fake_model.history) == calls


def test_panic_at_work_then_the_moment_then_the_gp_then_time_off(tacit: Tacit) -> None:
    session = tacit.new_session("jo").id
    assert tacit.ask("jo", PANIC_TOLD, session).reply.startswith(PANIC)
    assert tacit.ask("jo", "What can I do when one starts?", session).reply.startswith(
        PANIC_NOW)
    assert tacit.ask("jo", "Should I tell my GP?", session).reply.startswith(TELL_GP)
    assert tacit.ask("jo", "Is it okay to take time off sick for anxiety?", session).reply \
        .startswith(SICK_LEAVE)


def test_a_move_to_spain_and_coming_out_in_whole_conversations(tacit: Tacit) -> None:
    session = tacit.new_session("ann").id
    tacit.ask("ann", SPAIN, session)
    assert tacit.ask("ann", "What do we need to do before we move?", session).reply \
        .startswith(MOVING)
    assert tacit.ask("ann", "Tom has type 2 diabetes. Will he be able to get his medication "
                     "there?", session).reply.startswith(MEDICATION)
    session = tacit.new_session("sam").id
    for message, lead in [(GAY, COMING_OUT), ("How do I tell my parents?", COMING_OUT),
                          ("What if they don't accept me?", COMING_OUT),
                          ("Are there groups where I can meet other LGBT people?", GROUPS)]:
        assert tacit.ask("sam", message, session).reply.startswith(lead), message
