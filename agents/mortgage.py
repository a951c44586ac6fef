"""A mortgage's monthly payment worked out by code: "We're buying our first house, it's
£250,000 and we have a £25,000 deposit." then "What's the mortgage if the rate is 4.5% over 25
years?" got a general example of a £200,000 mortgage at 4%.

The sum borrowed is the one named ("a mortgage of £180,000"), or the price less the deposit
they told in their last few messages; the rate and the term are those asked with. The reply
gives the repayment mortgage's monthly payment and what it costs in all, and the
interest-only payment beside it. Without a sum, a rate or a term it is None.
"""

from __future__ import annotations

import re

from agents.calculate import as_money
from agents.contract import their_messages

_ASKS = re.compile(r"\b(?:what(?:'s| is| would be| will be)? (?:the|my|our) (?:monthly )?"
                   r"(?:mortgage|repayments?|payments?)|how much (?:would|will|is|are) (?:the|my|"
                   r"our) (?:monthly )?(?:mortgage|repayments?|payments?)|(?:work out|calculate)"
                   r" (?:the|my|our) (?:monthly )?(?:mortgage|repayments?|payments?)|what "
                   r"(?:would|will) (?:the|my|our) (?:monthly )?(?:mortgage|repayments?|"
                   r"payments?) be)\b",
                   re.IGNORECASE)
_MONEY = r"£\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<k>k|m|thousand)?\b"
_BORROWED = re.compile(r"\b(?:mortgage|loan|borrow(?:ing)?)(?: of| for)? " + _MONEY, re.I)
_PRICE = re.compile(r"\b(?:(?:house|home|flat|property|place|it)(?:'s| is| costs?| was)|"
                    r"(?:price|asking price|offer)(?: is| was| of)?|buying [\w' ]{1,30}? for|"
                    r"worth) " + _MONEY, re.IGNORECASE)
_DEPOSITS = (re.compile(_MONEY + r" deposit\b", re.IGNORECASE),  # "a £25,000 deposit"
             re.compile(r"\bdeposit (?:of|is|was) " + _MONEY, re.IGNORECASE))
_RATE = re.compile(r"\b(?P<rate>\d{1,2}(?:\.\d{1,3})?)\s?%")
_TERM = re.compile(r"\b(?P<years>[1-4]\d|[5-9])\s?(?:years?|yrs?)\b", re.IGNORECASE)


def _pounds(found: re.Match[str]) -> float:
    value = float(found["n"].replace(",", ""))
    scale = {"k": 1e3, "thousand": 1e3, "m": 1e6}.get((found["k"] or "").lower(), 1.0)
    return value * scale


def _money(value: float) -> str:
    return as_money(round(value, 2), "£")


def _borrowed(texts: list[str]) -> tuple[float, str] | None:
    """The sum borrowed, and how it was reached, from the newest text that tells it."""
    for text in texts:
        if found := _BORROWED.search(text):
            return _pounds(found), ""
    price = next((_pounds(f) for t in texts if (f := _PRICE.search(t))), None)
    deposit = next((_pounds(f) for t in texts for d in _DEPOSITS if (f := d.search(t))), None)
    if price is None or deposit is None or deposit >= price:
        return None
    return price - deposit, (f" (the {_money(price)} price less your "
                             f"{_money(deposit)} deposit)")


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """The monthly payment of the mortgage asked of, or None."""
    rate, term = _RATE.search(message), _TERM.search(message)
    if len(message) > 200 or not _ASKS.search(message) or rate is None or term is None:
        return None
    texts = their_messages(message, recent)
    borrowed = _borrowed(texts)
    if borrowed is None:
        return None
    loan, how = borrowed
    yearly, years = float(rate["rate"]), int(term["years"])
    r, n = yearly / 100 / 12, years * 12
    monthly = loan * r / (1 - (1 + r) ** -n) if r else loan / n
    total = monthly * n
    return (f"On a {_money(loan)} repayment mortgage{how} at {yearly:g}% over {years} years, "
            f"the payment is about {_money(monthly)} a month. Over the {years} years that is "
            f"about {_money(total)} in all, {_money(total - loan)} of it interest.\n\n"
            f"Interest-only at the same rate would be about {_money(loan * r)} a month, with the "
            f"whole {_money(loan)} still owed at the end. Arrangement fees, and the rate changing "
            "when a fixed deal ends, change these figures; a mortgage adviser or your lender's "
            "calculator can give the exact ones.")
