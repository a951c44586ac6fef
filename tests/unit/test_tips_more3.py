"""Tips after a death, for a long shift and for a small business, written by code
(``data/tips.yaml``).

A widower told "My wife Margaret passed away last month." then got made-up apps for "She
always did the bills online and I don't know where to start.", and "visit the official website
of the company you're interested in" for "How do I cancel her mobile phone contract?". A nurse
who asked for short answers got "- - The person suggested: ..." for "What should I eat before a
12 hour shift?"; "A client has owed me £1,200 since October. How do I chase it politely?" got
an email about "your debt", and "I want to raise my rate to £400 next year, how do I tell my
clients?" a muddled meeting invitation. Each now gets its topic's tips; a crisis, a will, a pet,
someone's own account, a night shift or the other side of a debt does not.
"""

from __future__ import annotations

import pytest

from agents import messages
from agents.tips import answer
from assistant.service import Tacit

ACCOUNTS = "Closing someone's accounts after they've died"
BILLS = "Taking over the bills after a death"
LONG_SHIFT = "A long shift goes best on a proper meal"
NIGHT_SHIFT = "Eating on nights goes best"
CHASE = "Most late payers pay after a clear, polite reminder"
RATES = "Raising your rates from time to time is normal"

WIDOWED = [{"user": "Hello. My name is Arthur, I'm 74. My wife Margaret passed away last month.",
            "said": "I'm so sorry for your loss."}]


@pytest.mark.parametrize(("message", "lead"), [
    ("my wife always did the bills and she died, where do I start", BILLS),
    ("how do I deal with the bills now my husband has passed away", BILLS),
    ("my husband handled all our finances and he passed away, what do I do?", BILLS),
    ("I'm a widower and I've never done the bills, where do I start", BILLS),
    ("how do I close my late husband's bank account", ACCOUNTS),
    ("my mum died last month, how do I cancel her phone contract?", ACCOUNTS),
    ("cancelling subscriptions after my mum died, where do I start?", ACCOUNTS),
    ("how do I close the bank account of someone who has died?", ACCOUNTS),
    ("my dad died, can I keep his phone number?", ACCOUNTS),
    ("What should I eat before a 12 hour shift?", LONG_SHIFT),
    ("best food for a long shift at work", LONG_SHIFT),
    ("what to eat before a 12 hour shift", LONG_SHIFT),
    ("12 hour shift tomorrow, what should I eat?", LONG_SHIFT),
    ("A client has owed me £1,200 since October. How do I chase it politely?", CHASE),
    ("a client hasn't paid my invoice", CHASE),
    ("how do I chase a late payment", CHASE),
    ("how do I ask a customer to pay an overdue invoice", CHASE),
    ("I want to raise my rate to £400 next year, how do I tell my clients?", RATES),
    ("how do I tell clients I'm putting my prices up", RATES),
    ("should I raise my day rate", RATES),
    ("how do I tell my clients about a price increase?", RATES),
])
def test_an_everyday_request_gets_its_topic_s_tips(message: str, lead: str) -> None:
    """Each of these got made-up apps, a company's "official website", a doubled bullet, an
    email about "your debt" or a meeting invitation from the model: each now gets the tips."""
    reply = answer(message) or ""
    assert reply.startswith(lead), message
    assert reply.count("\n- ") >= 5, message


@pytest.mark.parametrize(("message", "lead"), [
    ("She always did the bills online and I don't know where to start.", BILLS),
    ("How do I sort out the bills?", BILLS),
    ("How do I cancel her mobile phone contract?", ACCOUNTS),
    ("Can I keep her number?", ACCOUNTS),
])
def test_a_death_told_just_before_makes_the_next_question_about_it(
        message: str, lead: str) -> None:
    """"She always did the bills online ..." and "How do I cancel her mobile phone contract?"
    name no death: the wife's death told a message before makes them the tips after a death,
    and without it they are not."""
    assert (answer(message, WIDOWED) or "").startswith(lead), message
    assert answer(message) is None, message


@pytest.mark.parametrize(("message", "recent", "lead"), [
    # a crisis, a will, a pet, a broken phone or money owed: another matter
    ("since my wife died I don't want to go on, the bills are piling up", None, None),
    ("my brother is contesting the will since mum died, how do I handle the finances?", None,
     None),
    ("my husband died, how do I deal with the debts he left?", None, None),
    ("how do I pay the funeral bills now my dad has died?", None, None),
    ("my dog died and the vet bills are huge, what do I do?", None, None),
    ("my phone died and the bills are overdue, help", None, None),
    ("my cat died, how do I cancel her pet insurance?", None, None),
    ("how do I log into my late husband's email account?", None, None),
    ("my phone died, how do I cancel my contract?", None, None),
    ("How do I cancel her phone contract? I want to be with her again", WIDOWED, None),
    # someone's own account, or one without a death: not these
    ("how do I cancel my phone contract?", None, None),
    ("how do I close my bank account?", None, None),
    ("How do I cancel my gym membership?", WIDOWED, None),
    ("how do I cancel my ex-husband's phone contract?", None, None),
    ("how do I split the bills with my flatmate?", None, "Sharing costs with flatmates"),
    # a night shift is night_shift_food's; insulin, a hypo, weight loss or a manager: not this
    ("What's a good snack to have at 3am on a night shift?", None, NIGHT_SHIFT),
    ("What should I eat before a night shift?", None, NIGHT_SHIFT),
    ("What should I eat before a 12 hour night shift?", None, NIGHT_SHIFT),
    ("how much insulin should I take before a 12 hour shift?", None, None),
    ("I keep going hypo on long shifts, what should I eat?", None, None),
    ("my shift manager keeps eating my food", None, None),
    # the other side of a debt, a reminder, an apology, a friend or wages: not chasing one
    ("I owe a client money, how do I pay?", None, None),
    ("a supplier is chasing me for an unpaid invoice", None, None),
    ("how do I write an invoice?", None, "An invoice needs no special software"),
    ("remind me to chase the invoice tomorrow", None, None),
    ("my customer owes me an apology", None, None),
    ("my friend owes me money, how do I ask for it back?", None, None),
    ("my boss hasn't paid my wages", None, None),
    ("how do I chase new clients?", None, None),
    ("a client hasn't paid my invoice and he threatened me", None, None),
    # rent, a heart rate, lower prices or a pay rise: not raising your rates
    ("my landlord is raising the rent", None, None),
    ("my energy supplier is putting prices up", None, None),
    ("how do I increase my heart rate?", None, None),
    ("how do I lower my prices?", None, None),
    ("how do I set up my rates page on my website?", None, None),
    ("how do I ask my boss to raise my hourly rate?", None, "Asking for a raise"),
    ("how do I price my cakes?", None, "A price needs to cover everything"),
])
def test_look_alikes_and_danger_told_get_no_tips_or_another_topic_s(
        message: str, recent: list[dict[str, str]] | None, lead: str | None) -> None:
    """"since my wife died I don't want to go on" tells of danger, and "my brother is contesting
    the will" of a dispute: no tips. "how do I cancel my phone contract?", "a supplier is
    chasing me for an unpaid invoice" or "my landlord is raising the rent" ask something else,
    and a snack on a night shift keeps the topic it had."""
    reply = answer(message, recent)
    if lead is None:
        assert reply is None, message
    else:
        assert (reply or "").startswith(lead), message


def test_a_nurse_who_asked_for_short_answers_gets_two_tips_and_the_word_on_diabetes() -> None:
    """The nurse with type 1 diabetes had asked for short answers: the first two tips, and the
    line on planning around the shift with the diabetes team, which stays at any length."""
    short = answer("What should I eat before a 12 hour shift?", short=True) or ""
    assert short.startswith(LONG_SHIFT) and short.count("\n- ") == 2
    assert "1 to 2 hours before you start" in short and "diabetes team" in short


def test_the_draft_offered_after_the_chasing_tips_is_one_tacit_drafts() -> None:
    """The tips end by offering a reminder to draft, in words to ask for it with: those words
    get a drafted message, not tips."""
    reply = answer("how do I chase a late payment") or ""
    asked = "write a short message to my client asking them to pay invoice 123"
    assert f'"{asked}"' in reply
    drafted = messages.answer(asked) or ""
    assert "your client" in drafted and "invoice 123" in drafted
    assert answer(asked) is None


def test_a_widower_s_whole_turns_get_the_tips_after_a_death(tacit: Tacit) -> None:
    """"My wife Margaret passed away last month." then "She always did the bills online and I
    don't know where to start." got made-up apps, and "How do I cancel her mobile phone
    contract?" the company's "official website": in a whole conversation, each now gets its
    tips, with more on asking for them."""
    session = tacit.new_session("arthur").id
    told = tacit.ask("arthur", WIDOWED[0]["user"], session).reply
    assert "I'm so sorry for your loss." in told
    bills = tacit.ask("arthur", "She always did the bills online and I don't know where to "
                      "start.", session).reply
    assert bills.startswith(BILLS) and "bank statements" in bills
    phone = tacit.ask("arthur", "How do I cancel her mobile phone contract?", session).reply
    assert phone.startswith(ACCOUNTS) and "death certificate" in phone
    more = tacit.ask("arthur", "what else?", session).reply
    assert "Bereavement Register" in more and "death certificate" not in more
