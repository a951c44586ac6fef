"""A budget worked out by code (``data/budget.yaml``): the 50/30/20 split of what the person
takes home, and the costs they tell added up against it.

"How do I make a budget? I earn 2200 a month after tax" got, from the bundled model, payday
loans as a way to pay off debt and cryptocurrency as "the future of money management"; "rent is
900 and I spend about 300 on food" got a page on financial freedom. A request for help with a
budget gets the split with their figures when they gave one; the costs told next (or in the
same message) get their sum, the share of income it is, and what is left. Every figure is
computed from what they said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.data_files import data_yaml

_AMOUNT = (r"(?P<cur>[£$€])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?"
           r"(?P<k>k\b)?(?:\s?(?P<word>pounds|quid|dollars|bucks|euros))?")
_INCOME = re.compile(r"\b(?:earn|earning|make|making|take home|bring home|get paid|paid|"
                     r"net|income (?:is|of)|salary (?:is|of)|wages? (?:is|are|of)|i get)\b"
                     r"[^.?!\d£$€]{0,20}?" + _AMOUNT + r"(?P<per>[^.?!\d]{0,25})", re.I)
# "I have about 400 pounds a month after rent": money they have is income only when it comes
# by the month, week or year ("I have 2 kids" is none).
_HAVE = re.compile(r"\b(?:i|we) (?:have|'ve got|have got|live on|survive on|get by on|am left with|"
                   r"'m left with|are left with)\b(?: (?:about|around|roughly|only|just|nearly|"
                   r"almost|under|over))?\s?" + _AMOUNT + r"(?P<per> (?:a|per|each) (?:month|week|"
                   r"year)(?: after [\w ]{1,30})?)", re.I)
_AFTER_RENT = re.compile(r"\bafter (?:paying )?(?:my |the |our )?rent\b", re.I)
_YEAR = re.compile(r"\b(?:a|per|each) year\b|\byearly\b|\bannual(?:ly)?\b|\bpa\b|/\s?y(?:ea)?r",
                   re.I)
_WEEK = re.compile(r"\b(?:a|per|each) week\b|\bweekly\b|/\s?w(?:ee)?k", re.I)
_CURRENCY = {"pounds": "£", "quid": "£", "dollars": "$", "bucks": "$", "euros": "€"}
_LEAD_MARK = "50/30/20 split"
_ANY_AMOUNT = re.sub(r"\(\?P<\w+>", "(?:", _AMOUNT)  # the same, with no named groups
_AMOUNTS = re.compile(_AMOUNT)


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("budget.yaml")


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str = ""

    def __str__(self) -> str:
        return f"{self.currency}{self.amount:,.0f}"


def _money(match: re.Match[str]) -> Money:
    amount = float(match.group("num").replace(",", "")) * (1000 if match.group("k") else 1)
    word = (match.group("word") or "").lower()
    return Money(amount, match.group("cur") or _CURRENCY.get(word, ""))


def first_amount(text: str) -> Money | None:
    """The first sum of money ``text`` says ("2500", "£1,200", "3k"), or None."""
    return next((_money(m) for m in _AMOUNTS.finditer(text) if m.group("num")), None)


def named_amount(text: str) -> Money | None:
    """The first sum ``text`` says with its currency ("£50", "200 quid"), else its largest
    number: "I've got 2 kids and 100 to last me 2 weeks" is 100, not 2."""
    said = [_money(m) for m in _AMOUNTS.finditer(text) if m.group("num")]
    return next((m for m in said if m.currency), max(said, key=lambda m: m.amount, default=None))


def income(text: str) -> tuple[Money, Money | None] | None:
    """What they take home a month, and the yearly figure it came from (or None), as said in
    ``text``; None when no income is said."""
    match = _INCOME.search(text) or _HAVE.search(text)
    if match is None:
        return None
    said = _money(match)
    if _YEAR.search(match.group("per")) or (said.amount >= 12000 and not
                                             re.search(r"month", match.group("per"), re.I)):
        return Money(said.amount / 12, said.currency), said
    if _WEEK.search(match.group("per")):
        return Money(said.amount * 52 / 12, said.currency), None
    return said, None


@cache
def _cost_patterns() -> list[tuple[str, bool, re.Pattern[str]]]:
    out = []
    for name, spec in catalog()["costs"].items():
        says = spec["says"]
        out.append((name, bool(spec["need"]), re.compile(
            rf"\b(?:{says})\b(?:\s*(?:is|are|costs?|comes? to|of|at|about|around|roughly|"
            rf"approx\w*|~|:|-))*\s*{_ANY_AMOUNT}|{_ANY_AMOUNT}\s*(?:a month|per month|monthly|"
            rf"pm)?\s*(?:on|for|in|of)\s+(?:my\s+|the\s+|our\s+)?(?:{says})\b", re.I)))
    return out


def costs(text: str) -> list[tuple[str, bool, Money]]:
    """The regular costs ``text`` tells, each once: (what, whether it is a need, how much)."""
    found: list[tuple[str, bool, Money]] = []
    taken: list[tuple[int, int]] = []
    # the income's own words, up to its amount ("a month after tax and rent is 900" goes on)
    spans = [(m.start(), m.end("num")) for m in _INCOME.finditer(text)]
    for name, need, pattern in _cost_patterns():
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken + spans):
                continue
            amount = _first_money(match)
            found.append((name, need, amount))
            taken.append(match.span())
            break
    return found


def _first_money(match: re.Match[str]) -> Money:
    """The amount of a cost match, whichever of its two ways of saying it matched."""
    return next(_money(one) for one in _AMOUNTS.finditer(match.group(0)) if one.group("num"))


def asks(message: str) -> bool:
    """Whether ``message`` asks for help with a personal budget."""
    spec = catalog()
    return bool(re.search(spec["asks"], message, re.I)) and not re.search(spec["unless"],
                                                                           message, re.I)


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """A budget worked out for ``message``, or the costs told after one added up; else None."""
    text = " ".join(message.split())
    if len(text) > 400:
        return None
    told = costs(text)
    if asks(text):
        # what they take home, said now or in one of their last few messages
        before = [turn.get("user") or "" for turn in (recent or [])[-3:]]
        said = next((t for t in [text, *reversed(before)] if income(t)), text)
        earned = income(said)
        debt = bool(re.search(catalog()["debt_said"], text, re.I))
        if earned:  # "I earn 3200 a month and rent is 1100", then "help me make a budget"
            told = list({name: (name, need, m) for said_then in [*before, text]
                         for name, need, m in costs(said_then)}.values())
        if earned and told:
            return _split(earned, debt, told=True) + "\n\n" + _sums(earned[0], told)
        return _split(earned, debt, after_rent=bool(earned and _AFTER_RENT.search(said)))
    # The turns of this budget so far, newest last: each reply of theirs was one of these.
    ours: list[str] = []
    for turn in reversed(recent or []):
        if not given(turn.get("said") or turn.get("assistant") or ""):
            break
        ours.insert(0, turn.get("user") or "")
    if not told or not ours:
        return None
    # what they take home: said in this budget's turns, or in the two messages that led to it
    turns, first = recent or [], len(recent or []) - len(ours)
    before = [turn.get("user") or "" for turn in turns[max(first - 2, 0):first]]
    earned = next((e for said in reversed([*before, *ours, text]) if (e := income(said))), None)
    if earned is None:
        return None
    every: dict[str, tuple[str, bool, Money]] = {}
    for said in [*ours, text]:  # "rent is 900", then "and bills are 150": both counted
        every.update({name: (name, need, m) for name, need, m in costs(said)})
    return _sums(earned[0], list(every.values()))


def given(reply: str) -> bool:
    """Whether ``reply`` was a budget worked out here: figures, not options to choose among."""
    spec = catalog()
    return _LEAD_MARK in reply or spec["costs_more"] in reply


def _split(earned: tuple[Money, Money | None] | None, debt: bool, told: bool = False,
           after_rent: bool = False) -> str:
    """The 50/30/20 split of what they take home (of what is left after rent, when that is
    what they said: rent is then no need to cover)."""
    spec = catalog()
    if earned is None:
        lines = [spec["lead_no_income"], *(f"- {s}" for s in spec["no_income_shares"])]
        tail = [spec["ask_income"]]
    else:
        month, yearly = earned
        lead = spec["lead_after_rent"] if after_rent else \
            spec["lead_yearly"] if yearly else spec["lead_income"]
        lines = [lead.format(income=month, yearly=yearly)]
        for share in spec["shares"]:
            part = Money(month.amount * share["share"] / 100, month.currency)
            covers = share.get("covers_after_rent") if after_rent else None
            lines.append(f"- About {part} ({share['share']}%) for {share['name']}: "
                         f"{covers or share['covers']}.")
        tail = [] if told else [spec["ask_costs_after_rent" if after_rent else "ask_costs"]]
    steps = [spec["steps_lead"], *(f"- {s}" for s in spec["steps"])]
    tail += [spec["debt_line"]] if debt else []
    return "\n\n".join(p for p in ("\n".join(lines), "\n".join(steps), " ".join(tail)) if p)


def _sums(month: Money, told: list[tuple[str, bool, Money]]) -> str:
    spec = catalog()
    total = sum(m.amount for _, _, m in told)
    needs = sum(m.amount for _, need, m in told if need)
    cur = month.currency or next((m.currency for _, _, m in told if m.currency), "")

    def money(amount: float) -> str:
        return str(Money(amount, cur))

    listed = " + ".join(f"{name} {money(m.amount)}" for name, _, m in told)
    lines = [spec["costs_lead"].format(income=money(month.amount)),
             spec["costs_total" if len(told) > 1 else "cost_one"].format(
                 listed=(listed if len(told) > 1 else told[0][0]).capitalize(),
                 total=money(total), pct=round(100 * total / month.amount))]
    if total > month.amount:
        lines.append(spec["over_income"].format(short=money(total - month.amount)))
        return "\n".join(lines)
    lines.append(spec["needs_over"] if needs > month.amount / 2 else spec["needs_fine"])
    left = month.amount - total
    share = next(int(s["share"]) for s in spec["shares"] if s.get("saving"))
    saving = month.amount * share / 100
    if left - saving >= month.amount * 0.1:
        lines.append(spec["left_over"].format(left=money(left), saving=money(saving),
                                              saving_pct=share, rest=money(left - saving)))
    else:
        lines.append(spec["left_tight"].format(left=money(left)))
    return "\n".join(lines) + "\n\n" + spec["costs_more"]
