"""Short messages drafted by code: a note to a landlord, a boss, a teacher or a neighbour.

"Help me write a short message to my landlord about the broken boiler" got, from the bundled
model, "I'm sorry for your loss, but as a dedicated AI assistant, I don't have the capability
to access personal data", and "Make it more polite" a list of tips on formal language. A
request for a short message to someone, about something, is drafted here from its parts (who
it is to, what it is about or asks, the tone) with the words of ``data/messages.yaml``; a tone
asked right after one ("make it more polite", "friendlier", "more formal") drafts it again in
that tone. A letter of any length, a speech or a story is left to the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

import yaml

_KIND = r"(?P<kind>message|email|e-mail|text(?: message)?|note|letter)"
_ASK = re.compile(
    r"^\W*(?:(?:hi|hey|ok(?:ay)?|so|please|pls|now)\W+)*(?:(?:can|could|would|will) you "
    r"(?:please |pls )?(?:help me )?|(?:please |pls )?help me |i need (?:you )?to |"
    r"i need help (?:to )?|please |pls )?(?:write|draft|compose|put together|do)\s+(?:me\s+)?"
    r"(?:a|an)\s+(?P<tone>(?:(?:short|quick|brief|little|polite|formal|friendly|firm|nice|"
    r"simple|kind)\s+)*)" + _KIND + r"\s+(?:to|for)\s+(?P<to>(?:my|our|the)\s+[\w' -]{1,30}?)"
    r"\s+(?P<how>about|regarding|re|asking(?: (?:for|if|whether|them to|him to|her to))?|"
    r"to (?:ask(?: (?:for|if|whether|them to|him to|her to))?|say|tell (?:them|him|her)|let "
    r"(?:them|him|her) know|explain|complain about)|saying|telling (?:them|him|her)|"
    r"explaining|complaining about|because)\s+(?P<what>[^?!]{3,160}?)\s*[.?!]*\s*$",
    re.IGNORECASE)
# A tone asked of the draft just given: "make it more polite", "can you make it friendlier?"
_AGAIN = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|thanks|great|hmm|now|please|and|but)\W+)*(?:(?:can|could) you "
    r"(?:please )?)?(?:make it|make that|make the (?:message|email|text|note|letter)|"
    r"(?:re)?write it|say it)\s+(?:a (?:bit|little|lot) |much |even )?(?:more\s+)?"
    r"(?P<tone>polite|politer|formal|friendly|friendlier|warm|warmer|firm|firmer|"
    r"professional|kind|kinder|nicer|casual|relaxed|shorter|short|briefer|brief)"
    r"(?:\s+please)?\W*$", re.IGNORECASE)
# A line asked to be added: "add that it's been broken since Monday", "mention I work nights".
_ADD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|thanks|great|and|also|oh|please|can you|could you)\W+)*"
    r"(?:add|mention|say|include|put in|tell (?:them|him|her))(?: (?:in it|too|also))?"
    r"(?: that)?\s+(?P<what>[^?]{3,160}?)(?:,? (?:too|as well|also|please))?[.!]*$",
    re.IGNORECASE)
_TONES = {"polite": "polite", "politer": "polite", "kind": "polite", "kinder": "polite",
          "nicer": "polite", "nice": "polite", "formal": "formal", "professional": "formal",
          "friendly": "friendly", "friendlier": "friendly", "warm": "friendly",
          "warmer": "friendly", "casual": "friendly", "relaxed": "friendly", "firm": "firm",
          "firmer": "firm", "shorter": "short", "short": "short", "briefer": "short",
          "brief": "short"}
_BACK = 4  # turns back a tone asked may reach for the message it redoes
_MINE = re.compile(r"\b(?:my|our)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    kind: str       # message, email, text, note or letter
    to: str         # "your landlord"
    purpose: str    # about, ask or tell
    what: str       # what it is about, asks or tells, in their words
    tone: str       # plain, polite, formal, friendly or firm
    extra: tuple[str, ...] = ()   # lines asked to be added since, in their words


@cache
def catalog() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        files("data").joinpath("messages.yaml").read_text("utf-8"))
    return data


def answer(message: str, recent: list[dict[str, str]] | None = None,
           name: Callable[[], str | None] | None = None) -> str | None:
    """The drafted message for a request for one (or for a tone asked of the draft just
    given), signed with the person's name when Tacit knows it (``name`` reads it, only when
    a message is drafted); None otherwise."""
    found = read(message, recent)
    return compose(found, (name and name()) or "") if found else None


def read(message: str, recent: list[dict[str, str]] | None = None) -> Draft | None:
    """What is asked: a message now, or the last one again with what was asked of it since
    (a tone, a line to add), this message's too."""
    asked = _asked(message)
    if asked is not None:
        return asked
    if _changed(message) is None:
        return None
    # Back over the turns a few at most, past what was asked of the draft since, to the
    # request: "make it friendlier" after "make it more polite" redoes the same message.
    changes = [message]
    for turn in reversed((recent or [])[-_BACK:]):
        said = turn.get("user", "")
        before = _asked(said)
        if before is not None:
            for change in reversed(changes):
                before = _changed(change, before) or before
            return before
        if _changed(said) is None:
            return None
        changes.append(said)
    return None


def _changed(message: str, draft: Draft | None = None) -> Draft | None:
    """``draft`` with what ``message`` asks of it (a tone, a line added); with no draft, a
    stand-in one when the message asks such a thing. None when it asks neither."""
    text = message.strip()
    base = draft or Draft("message", "", "about", "", "plain")
    tone = _AGAIN.match(text)
    if tone is not None:
        return replace(base, tone=_TONES[tone["tone"].lower()])
    added = _ADD.match(text)
    if added is not None:
        line = added["what"].strip(" .")
        return replace(base, extra=(*base.extra, line[:1].upper() + line[1:] + "."))
    return None


def _asked(text: str) -> Draft | None:
    found = _ASK.match(" ".join(text.split()))
    if found is None:
        return None
    how = found["how"].lower()
    purpose = ("ask" if how.startswith(("ask", "to ask")) else
               "tell" if how.startswith(("to say", "to tell", "to let", "saying", "telling",
                                         "to explain", "explaining", "because")) else "about")
    what = found["what"].strip()
    if purpose == "ask" and how.endswith(("them to", "him to", "her to")):
        purpose = "ask_you"  # "asking him to fix the door": "Could you fix the door?"
    elif purpose == "ask" and how.endswith(("if", "whether")):
        purpose, what = "ask_whether", f"whether {what}"
    elif how.endswith("complain about") or how.startswith("complaining"):
        purpose = "about"
    # "a short message" is the plain one (short already); "a polite email" is polite
    tones = [_TONES[w] for w in found["tone"].lower().split() if _TONES.get(w, "short") != "short"]
    to = _MINE.sub("your", found["to"].strip(), count=1)
    return Draft(found["kind"].lower().split()[0].replace("e-mail", "email"), to, purpose,
                 what, tones[0] if tones else "plain")


def compose(draft: Draft, name: str = "") -> str:
    """The message, with a line before it and an offer to change it after."""
    words = catalog()
    tone = words["tones"][draft.tone]
    trouble = re.search(words["trouble"], draft.what, re.IGNORECASE) is not None
    body = tone["body"][draft.purpose if draft.purpose != "about" else
                        "problem" if trouble else "about"]  # about, problem, ask, ask_you, ...
    fields = {"what": draft.what.rstrip(" .")}
    parts = re.split(r"(?<=[.?!])\s+", Template(" ".join(body.split())).substitute(fields))
    at = next((i + 1 for i, part in enumerate(parts) if fields["what"] in part), len(parts))
    said = " ".join([*parts[:at], *draft.extra, *parts[at:]])  # added lines after the subject
    lines = [tone["greeting"], "", said, "", tone["closing"], name or "[your name]"]
    article = "an" if draft.kind[0] in "aeiou" else "a"
    lead = Template(words["lead"]).substitute(kind=f"{article} {draft.kind}", to=draft.to)
    return "\n".join([lead, "", *lines, "", " ".join(words["after"].split())])
