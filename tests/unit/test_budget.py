"""A budget worked out by code: the split of what they take home, the costs they tell added up,
and nothing of it taken for a taste."""

from __future__ import annotations

from agents import budget
from agents.capture import capture
from assistant.service import Tacit

ASKED = "How do I make a budget? I earn 2200 a month after tax"


def _after(*turns: str) -> list[dict[str, str]]:
    recent: list[dict[str, str]] = []
    for said in turns:
        recent.append({"user": said, "assistant": budget.answer(said, recent) or ""})
    return recent


def test_the_split_is_worked_on_what_they_take_home_and_said_as_figures() -> None:
    """The bundled model answered with payday loans and cryptocurrency."""
    reply = budget.answer(ASKED) or ""
    assert "About 1,100 (50%) for needs" in reply and "About 660 (30%)" in reply
    assert "About 440 (20%)" in reply and "crypto" not in reply.lower()
    yearly = budget.answer("I earn £36k a year, how should I budget my salary?") or ""
    assert "£3,000 a month before tax" in yearly and "About £1,500 (50%)" in yearly
    assert "StepChange" in (budget.answer("help me budget, I have credit card debt") or "")
    assert "StepChange" not in (budget.answer(ASKED) or "")


def test_costs_told_next_are_added_up_against_it_and_kept_as_they_come() -> None:
    first = budget.answer("rent is 900 and I spend about 300 on food", _after(ASKED)) or ""
    assert "Rent 900 + food 300 = 1,200 a month, 55%" in first
    assert "That leaves 1,000 a month. Put 440 (20%) aside" in first
    again = budget.answer("and bills are about 150",
                          _after(ASKED, "rent is 900 and I spend about 300 on food")) or ""
    assert "Rent 900 + food 300 + bills 150 = 1,350 a month" in again
    over = budget.answer("rent is 2000 and food 500", _after(ASKED)) or ""
    assert "more than comes in, by 300 a month" in over


def test_other_budgets_and_costs_told_out_of_the_blue_are_left_to_the_model() -> None:
    assert budget.answer("what's a good budget for a wedding?") is None
    assert budget.answer("any budget airlines to Rome?") is None
    assert budget.answer("rent is 900", [{"user": "hi", "assistant": "Hello!"}]) is None


def test_costs_told_after_the_split_are_no_choice_among_its_shares() -> None:
    """"rent is 900 and I spend about 300 on food" was noted as a preference, with the needs
    line of the split beside it."""
    shares = budget.answer(ASKED) or ""
    assert capture("rent is 900 and I spend about 300 on food",
                   previous_reply=shares).candidates == []


def test_a_budget_in_a_conversation_is_written_by_code(tacit: Tacit) -> None:
    assert "About 1,100 (50%) for needs" in tacit.ask("ana", ASKED).shown
    shown = tacit.ask("ana", "rent is 900 and I spend about 300 on food").shown
    assert "Rent 900 + food 300 = 1,200" in shown and "Assumed" not in shown
    assert "Noted" not in shown


def test_money_left_after_rent_told_before_the_budget_is_split_without_rent() -> None:
    """"I'm a student in Manchester and I have about 400 pounds a month after rent." then "Help
    me make a budget." asked again what they take home; the costs told next were left to the
    model ("your phone is a luxury")."""
    told = "I'm a student in Manchester and I have about 400 pounds a month after rent."
    split = budget.answer("Help me make a budget.",
                          [{"user": told, "said": "Thanks for telling me."}])
    assert split is not None and split.splitlines()[:2] == [
        "With £400 a month after rent, a simple way to start is the 50/30/20 split of it:",
        "- About £200 (50%) for needs: bills, food shopping, transport, your phone, and the "
        "minimum payments on any debt."]
    costs = budget.answer("Food is about 120 and my phone is 15.", [
        {"user": told, "said": "Thanks for telling me."},
        {"user": "Help me make a budget.", "said": split}])
    assert costs is not None and "Food £120 + phone £15 = £135 a month" in costs
    assert budget.answer("I have 2 kids and 3 dogs.") is None


def test_costs_told_with_the_income_before_the_budget_are_added_up() -> None:
    """"I earn about 3200 a month after tax and rent is 1100." then "Can you help me make a
    budget?" got the split and "Tell me your main costs (rent, ...)": the rent was lost."""
    told = [{"user": "Hi, I'm Priya. I'm trying to save money this year.", "said": "Hi Priya!"},
            {"user": "I earn about 3200 a month after tax and rent is 1100.",
             "said": "Thanks for telling me."}]
    reply = budget.answer("Can you help me make a budget?", told) or ""
    assert "About 1,600 (50%) for needs" in reply
    assert "Rent is 1,100 a month, 34% of what you take home" in reply
    assert "That leaves 2,100 a month. Put 640 (20%) aside" in reply
    assert "Tell me your main costs" not in reply
    # the words after the income are not the income's: the rent is a cost of its own
    assert budget.costs("I earn 2500 a month and rent is 900") == [
        ("rent", True, budget.Money(900.0))]
