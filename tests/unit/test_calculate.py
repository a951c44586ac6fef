"""Sums and conversions asked outright are answered exactly, by code; anything more is not."""

from __future__ import annotations

import pytest

from agents.calculate import answer, wrong_conversions
from assistant.models.fake import FakeModel
from assistant.service import Tacit


@pytest.mark.parametrize(("asked", "reply"), [
    ("What's 15% of 80?", "15% of 80 is 12."),
    ("whats 15% of 2400", "15% of 2400 is 360."),  # the model wrote "(3.6 * 240) / 8 = 108"
    ("what is (12 + 3) * 4?", "(12 + 3) * 4 = 60."),
    ("What is 10 divided by 4?", "10 / 4 = 2.5."),
    ("How many minutes are in 3.5 hours?", "3.5 hours is 210 minutes."),
    ("how many feet in a mile?", "A mile is 5,280 feet."),
    ("convert 10 km to miles please", "10 kilometres is 6.21 miles."),
    ("70°F in celsius", "70°F is 21.11°C."),
    ("How many ounces are in 250 grams?", "250 grams is 8.82 ounces."),
    ("10 US gallons to litres", "10 US gallons is 37.85 litres."),
    ("convert 2 cups to ml", "2 cups is 473.2 millilitres."),
    ("how many teaspoons in a tablespoon", "A tablespoon is 3 teaspoons."),
])
def test_a_sum_or_a_conversion_is_worked_out(asked: str, reply: str) -> None:
    assert answer(asked) == reply


@pytest.mark.parametrize("asked", [
    "What's 15% of 80, and is that a good tip?", "what is love?", "2020-2021", "What is 7/0?",
    "Call me at 555-1234", "How many km in 3 hours?", "What time is it?",
])
def test_anything_else_is_left_to_the_model(asked: str) -> None:
    assert answer(asked) is None


def test_through_a_turn_no_model_writes_it_and_nothing_is_assumed(
        tacit: Tacit, fake_model: FakeModel) -> None:
    done = tacit.ask("ana", "convert 5 miles to km")
    assert done.shown == "5 miles is 8.05 kilometres."  # no "(Assumed units: …)" after it
    assert not any(h[-1]["content"].startswith("convert 5 miles") for h in fake_model.history)


def test_a_conversion_in_brackets_far_off_is_found_with_the_right_amount() -> None:
    """The bundled model's lentil soup: "1 lb (50g) of lentils", "2 cups (80ml) of broth"."""
    wrong = wrong_conversions("1 lb (50g) of lentils, 2 cups (80ml) of broth, 6 ounces "
                              "(17 grams) of onion, bake at 200 C (300 F).")
    assert [(w.said, w.right) for w in wrong] == [
        ("1 lb (50g)", "1 lb (about 450g)"), ("2 cups (80ml)", "2 cups (about 470ml)"),
        ("6 ounces (17 grams)", "6 ounces (about 170 grams)"),
        ("200 C (300 F)", "200 C (about 390 F)")]
    prose = wrong_conversions("Add 1,440 ml of water, which is equivalent to 8 liters.")
    assert [(w.said, w.right) for w in prose] == [
        ("1,440 ml of water, which is equivalent to 8 liters",
         "1,440 ml of water, which is equivalent to about 1.4 liters")]
    # Two amounts side by side are choices, not conversions.
    assert wrong_conversions("Run 5 km or 10 miles, then rest for 3 hours or 20 minutes.") == []
    # Right, rounded, a UK pint, or a volume beside a mass (depends on what is measured).
    assert wrong_conversions("400g (14 oz) tomatoes, 180°C (350°F), ½ cup (120 ml) milk, "
                             "1 pint (568 ml) stock, 1 cup (15g) chillies, 2 tbsp (30 ml) "
                             "oil") == []


def test_a_sum_carried_on_from_the_last_answer_is_worked_out_and_kept_as_no_rule(
        tacit: Tacit) -> None:
    """"and if I add 20 to that?" after "18% of 340 is 61.2." was noted as a standing
    instruction ("Got it. I'll keep to that from now on.")."""
    from agents.calculate import carried_on

    last = [{"user": "what's 18% of 340?", "assistant": "18% of 340 is 61.2."}]
    assert carried_on("and if I add 20 to that?", last) == "61.2 + 20 = 81.2."
    assert carried_on("what's that divided by 3?", last) == "61.2 ÷ 3 = 20.4."
    assert carried_on("and 10% of that?", last) == "10% of 61.2 = 6.12."
    assert carried_on("and what about the weather?", last) is None
    assert carried_on("add 20", [{"assistant": "10 km is 6.21 miles."}]) is None
    assert tacit.ask("ana", "what's 18% of 340?").shown == "18% of 340 is 61.2."
    done = tacit.ask("ana", "and if I add 20 to that?")
    assert done.shown == "61.2 + 20 = 81.2." and "Noted" not in done.shown
    assert tacit.memory.items("ana", "instruction") == []


def test_roots_and_powers_asked_in_words_are_worked_out() -> None:
    """"What's the square root of 2?" got "equal to the number itself", and "What's 2 to the
    power of 10?" "imaginary exponentiation"."""
    assert answer("What's the square root of 2?") == "The square root of 2 is about 1.4142."
    assert answer("What is the square root of 144?") == "The square root of 144 is 12."
    assert answer("cube root of 27") == "The cube root of 27 is 3."
    assert answer("What's 2 to the power of 10?") == "2 to the power of 10 is 1,024."
    assert answer("What's 12 squared?") == "12 squared is 144."
    assert answer("what is 3 to the 4th power") == "3 to the power of 4 is 81."
    assert answer("square root of -4") is None
    assert answer("What's the square root of my problems?") is None


@pytest.mark.parametrize(("asked", "reply"), [
    # the model wrote "The total is: £1,583."
    ("Add 20% VAT to £1,575.", "20% of £1,575 is £315, so £1,575 plus 20% VAT is £1,890."),
    ("£1,575 plus 20% VAT", "20% of £1,575 is £315, so £1,575 plus 20% VAT is £1,890."),
    ("What's 15% off £80?", "15% of £80 is £12, so £80 with 15% off is £68."),
    ("add 12.5% service to £86", "12.5% of £86 is £10.75, so £86 plus 12.5% service is £96.75."),
    ("increase 350 by 10%", "10% of 350 is 35, so 350 plus 10% is 385."),
])
def test_a_share_added_or_taken_off_is_worked_out(asked: str, reply: str) -> None:
    assert answer(asked) == reply


def test_days_of_work_are_priced_at_the_rate_told(tacit: Tacit, fake_model: FakeModel) -> None:
    """"I'm a freelance graphic designer and I charge £350 a day." got a reply of the model's,
    and "How much should I invoice for four and a half days?" a page on "personal financial
    freedom"; "What's my day rate?" was not known."""
    from agents.calculate import at_rate

    rates = {"day rate": "£350"}.get
    assert at_rate("What should I charge for 3 days?", rates) == \
        "At your day rate of £350, 3 days comes to £1,050 (3 × £350)."
    assert at_rate("How much should I invoice for 6 hours?", rates) is None  # no hourly rate
    assert at_rate("How much should I charge for a logo?", rates) is None
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    told = tacit.ask("ana", "I'm a freelance graphic designer and I charge £350 a day.", session)
    tacit.flush()
    assert told.reply == ("Thanks for telling me. I'll remember that you're a freelance graphic "
                          "designer and that you charge £350 a day.")
    assert tacit.ask("ana", "How much should I invoice for four and a half days?",
                     session).reply == \
        "At your day rate of £350, four and a half days comes to £1,575 (4.5 × £350)."
    assert "Day rate: £350" in tacit.ask("ana", "What's my day rate?", session).reply
    assert len(fake_model.history) == calls  # no reply was the model's


def test_a_sum_shared_out_is_worked_out_and_a_wedding_told_is_kept(
        tacit: Tacit, fake_model: FakeModel) -> None:
    """"We have a budget of £15,000 and about 80 guests. How much is that per guest?" got
    "approximately £23.67"; "What's my fiancé's name?" got the block for violence."""
    from agents.calculate import per_each

    assert per_each("£15k for 80 guests, what is that per head?") == \
        "£15,000 for 80 guests is £187.50 a head."
    assert per_each("We raised £1,200 for 30 children. How much is that per child?") == \
        "£1,200 for 30 children is £40 a child."
    assert per_each("I earn £2,000 a month and spend £500, how much is that per week?") is None
    session = tacit.new_session("ana").id
    calls = len(fake_model.history)
    told = tacit.ask("ana", "Hi, I'm Priya. I'm getting married to Sam on 14 June next year!",
                     session)
    tacit.flush()
    assert told.reply == ("Nice to meet you, Priya! Congratulations on your wedding! I'll "
                          "remember that you're marrying Sam and that your wedding is on 14 "
                          "June next year.")
    assert tacit.ask("ana", "We have a budget of £15,000 and about 80 guests. How much is that "
                     "per guest?", session).reply == "£15,000 for 80 guests is £187.50 a guest."
    named = tacit.ask("ana", "What's my fiancé's name?", session)
    assert "Partner: Sam" in named.reply and not named.trace["safety"]["crisis"]
    assert len(fake_model.history) == calls  # no reply was the model's
