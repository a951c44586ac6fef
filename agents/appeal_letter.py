"""An appeal against a parking ticket drafted by code: "Write me a short appeal letter.", after
"I got a parking fine for £70 but the sign was covered by a tree.", got "The user: I'm excited
to celebrate my 20th birthday" from the bundled model.

The letter is built from what the person told (the sum, and the reason given after "but" or
"because"), with the ticket's own details left in square brackets to fill in. Asked without a
parking ticket told, it is None.
"""

from __future__ import annotations

import re

from agents.contract import their_messages

_ASKS = re.compile(r"\b(?:write|draft|help me (?:write|with)|give me|can you do)\w* (?:me )?"
                   r"(?:an? |the |my )?(?:(?:short|quick|brief|polite|formal|firm|simple) )*"
                   r"(?:appeal|challenge)(?: letter| email| message)?\b|\b(?:appeal|challenge) "
                   r"(?:letter|email)\b", re.IGNORECASE)
_TICKET = re.compile(r"\b(?:parking (?:fine|ticket|charge|penalty)|penalty charge notice|parking "
                     r"charge notice|pcn)\b", re.IGNORECASE)
_SUM = re.compile(r"£\s?\d[\d,]*(?:\.\d{2})?")
_REASON = re.compile(r"\b(?:but|because|as|since|when)\s+(?P<why>[^.?!]{8,160})", re.IGNORECASE)
_SIGNS = re.compile(r"\b(?:signs?|signage|lines?|markings?)\b", re.IGNORECASE)


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """The letter appealing the parking ticket they told of, or None."""
    if len(message) > 200 or not _ASKS.search(message):
        return None
    theirs = their_messages(message, recent)
    told = next((text for text in theirs if _TICKET.search(text)), None)
    if told is None:
        return None
    amount = _SUM.search(told)
    why = _REASON.search(told)
    reason = why["why"].strip() if why else ""
    reason = reason[:1].upper() + reason[1:] + "." if reason else \
        "[Why the ticket is wrong, in a sentence or two.]"
    if why and _SIGNS.search(reason):
        reason += (" The restriction was not clearly shown where I parked, so the charge "
                   "should not have been issued.")
    charge = f"this {amount.group(0).replace(' ', '')} charge" if amount else "this charge"
    return "\n".join([
        "Dear Sir or Madam,", "",
        "Re: parking ticket [ticket number], vehicle [registration], issued on [date] at "
        "[place]", "",
        f"I am writing to appeal against {charge}.", "",
        reason, "",
        "I attach photographs showing this, taken on [date].", "",
        "Please cancel the charge. If you do not accept my appeal, please keep the reduced rate "
        "open while I consider my options, and tell me how to take it to the independent "
        "appeals service.", "",
        "Yours faithfully,", "[Your name]", "[Your address]", "",
        "Fill in the parts in square brackets from the ticket, keep a copy, and send it before "
        "the deadline on the ticket."])
