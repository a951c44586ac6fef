"""Tips for a new puppy and for a small café owner, written by code (``data/tips.yaml``).

"How do I toilet train her?", right after "We just got a puppy!", got the tips for
potty-training a toddler; "She bites everything, including our hands." got a crisis block;
"Sales are down this winter. How can I get more customers in?" from a café owner got "a new
production line"; a manager's late-comer got "support your colleague's mental health"; "How
much should I pay a part-time barista?" got "a minimum of 10 dollars per month". Each now gets
its topic's tips; a toddler, an old dog's illness, a customer's complaint, one's own lateness or
a babysitter does not.
"""

from __future__ import annotations

import pytest

from agents.tips import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit
from tests.unit.tips_told import told as _told

TOILET = "Toilet training a puppy is all about routine and praise."
BITING = "Puppy biting is normal"
WALKS = "Most puppies can go out for walks about one to two weeks after"
CRATE = "Crying in the crate at night is very common"
CUSTOMERS = "A quiet winter is hard for a café or shop"
LATENESS = "Lateness is best dealt with early, calmly and in private."
PAY = "Pay at least the legal minimum"
TODDLER_POTTY = "Potty training goes best when your child is ready"
OURS = (TOILET, BITING, WALKS, CRATE, CUSTOMERS, LATENESS, PAY)

PUPPY = "We just got a puppy! She's a 10 week old cocker spaniel called Bella."
CAFE = "I run a small café in York."
TODDLER = "My daughter is two and a half."


@pytest.mark.parametrize(("message", "told", "lead"), [
    ("How do I toilet train her?", PUPPY, TOILET),
    ("how do I house train my puppy?", None, TOILET),
    ("Any tips for potty training a puppy?", None, TOILET),
    ("My puppy keeps weeing in the house, what can I do?", None, TOILET),
    ("She bites everything, including our hands.", PUPPY, BITING),
    ("How do I stop my puppy biting?", None, BITING),
    ("our puppy keeps nipping our ankles and chewing the sofa", None, BITING),
    ("My puppy bites everything.", None, BITING),
    ("When can she go out for walks?", PUPPY, WALKS),
    ("when can I take my puppy for a walk?", None, WALKS),
    ("How soon after her vaccinations can my puppy meet other dogs?", None, WALKS),
    ("She cries at night in her crate.", PUPPY, CRATE),
    ("My puppy cries all night in his crate.", None, CRATE),
    ("any tips for crate training?", None, CRATE),
    ("Sales are down this winter. How can I get more customers in?", CAFE, CUSTOMERS),
    ("How do I get more customers into my café?", None, CUSTOMERS),
    ("any ideas to boost sales at our little bakery?", None, CUSTOMERS),
    ("How can I get more customers in?", "I own a shop.", CUSTOMERS),
    ("One of my staff keeps turning up late. How do I handle it?", None, LATENESS),
    ("how do I deal with an employee who is always late?", None, LATENESS),
    ("What should I do about a member of my team who's never on time?", None, LATENESS),
    ("He keeps turning up late.", "One of my baristas is a bit unreliable.", LATENESS),
    ("How much should I pay a part-time barista?", None, PAY),
    ("what should we pay our staff?", None, PAY),
    ("How much do I have to pay a Saturday assistant?", None, PAY),
    ("How much should I pay her?", CAFE, PAY),
])
def test_an_everyday_request_gets_its_topic_s_tips(
        message: str, told: str | None, lead: str) -> None:
    reply = answer(message, _told(told) if told else None) or ""
    assert reply.startswith(lead), message


@pytest.mark.parametrize(("message", "told", "lead"), [
    # a toddler keeps the toddler's potty tips; an old dog's wees are for the vet
    ("How do I toilet train her?", TODDLER, TODDLER_POTTY),
    ("when should I start potty training my son?", None, TODDLER_POTTY),
    ("My old dog has started weeing in the house and there's blood in it.", None, None),
    ("how do I litter train my kitten?", None, None),
    # a dog that bit someone, or a swallowed sock, is not teething
    ("My puppy bit my son and drew blood, what do I do?", None, None),
    ("She chewed a sock and swallowed it.", PUPPY, None),
    ("She bites her nails.", None, None),
    # being left alone, or the toilet, is not the first walks
    ("How long can I leave her alone when I go out?", PUPPY, None),
    ("When should I take her out for a wee?", PUPPY, None),
    ("when can my puppy be spayed?", None, None),
    # a baby crying at night, or barking while out, is not the crate
    ("My baby cries at night, what can I do?", PUPPY, None),
    ("My puppy keeps barking in her crate when I leave for work.", None, None),
    # a customer's complaint, a rude customer or starting out is not more customers
    ("How do I complain to a shop as a customer?", None, None),
    ("How do I register a new business?", None, None),
    ("a customer at my café was really rude to me, any tips?", None, None),
    # one's own lateness, a boss or a staff meeting is not a late-comer to manage
    ("I'm always late for work, how do I stop?", None, None),
    ("My boss says I'm late too often, what do I do?", None, None),
    ("how do I run a staff meeting when half the team turn up late?", None, None),
    # a babysitter, a bill or one's own pay rise is not staff pay
    ("How much should I pay a babysitter?", None, None),
    ("How much should I pay for a part-time barista course?", None, None),
    ("How much tax do I pay on my staff?", None, None),
])
def test_look_alikes_and_danger_told_get_no_tips_or_another_topic_s(
        message: str, told: str | None, lead: str | None) -> None:
    reply = answer(message, _told(told) if told else None)
    if lead is None:
        assert not (reply or "").startswith(OURS), message
    else:
        assert (reply or "").startswith(lead), message


def test_the_puppy_tips_never_punish_and_name_the_vet() -> None:
    toilet = answer("How do I toilet train her?", _told(PUPPY)) or ""
    assert "enzyme cleaner" in toilet and "Never punish" in toilet
    assert "every hour or two" in toilet and "your child" not in toilet
    biting = answer("She bites everything, including our hands.", _told(PUPPY)) or ""
    assert "chew toy" in biting and "Never hit" in biting and "five or six months" in biting
    walks = answer("When can she go out for walks?", _told(PUPPY)) or ""
    assert "your vet will tell you" in walks and "fully vaccinated" in walks


def test_the_staff_tips_name_the_uk_rules_and_no_invented_pay() -> None:
    pay = answer("How much should I pay a part-time barista?") or ""
    assert "National Minimum Wage" in pay and "gov.uk" in pay and "holiday pay" in pay
    assert "dollars" not in pay and "£" not in pay
    late = answer("One of my staff keeps turning up late. How do I handle it?") or ""
    assert "Acas" in late and "privately" in late and "mental health" not in late


def test_a_new_puppy_s_whole_conversation_is_answered_by_code(
        tacit: Tacit, fake_model: FakeModel) -> None:
    session = tacit.new_session("amy").id
    tacit.ask("amy", PUPPY, session)
    calls = len(fake_model.history)
    for message, lead in [("How do I toilet train her?", TOILET),
                          ("She bites everything, including our hands.", BITING),
                          ("When can she go out for walks?", WALKS),
                          ("She cries at night in her crate.", CRATE)]:
        assert tacit.ask("amy", message, session).reply.startswith(lead), message
    assert len(fake_model.history) == calls


def test_a_cafe_owner_s_conversation_is_answered_by_code(tacit: Tacit) -> None:
    session = tacit.new_session("tom").id
    tacit.ask("tom", CAFE, session)
    for message, lead in [("Sales are down this winter. How can I get more customers in?",
                           CUSTOMERS),
                          ("One of my staff keeps turning up late. How do I handle it?",
                           LATENESS),
                          ("How much should I pay a part-time barista?", PAY)]:
        assert tacit.ask("tom", message, session).reply.startswith(lead), message
