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
from string import Template
from typing import Any

from agents.data_files import data_yaml

_KIND = (r"(?P<kind>message|msg|email|e-mail|text(?: message)?|note|letter|something|complaint|"
         r"(?:thank[- ]you|thanks) (?:note|message|card|email|text))")
_TONE = (r"(?P<tone>(?:(?:short|quick|brief|little|polite|formal|friendly|firm|nice|simple|kind)"
         r",?\s+)*)")
# Who it is to: "my landlord", "the GP surgery", "a client", "Currys customer service".
_TO = r"(?P<to>(?:my|our|the|a|an)\s+[\w' -]{1,30}?|(?-i:[A-Z])[\w&'.-]*(?:\s+[\w&'.-]+){0,3}?)"
_THEM = r"(?:them|him|her)"
# How the request goes on, and the purpose each way of saying it has.
_HOW = {
    "about": r"about|regarding|re|complaining(?: about| that)?|to complain about",
    "ask_you": rf"asking {_THEM} to|to ask {_THEM} to",
    "ask_whether": r"(?:asking|to ask) (?:if|whether)",
    "ask_to": r"(?:asking|to ask) to",
    "ask": r"asking(?: for)?|to ask(?: for)?|demanding|requesting|to request",
    "tell": (rf"saying|telling {_THEM}|letting {_THEM} know|explaining|because|to say|"
             rf"to tell {_THEM}|to let {_THEM} know|to explain"),
    "thank": rf"thanking(?: {_THEM})?(?: for)?|to thank {_THEM}(?: for)?",
    "thanks_for": r"for",  # "a thank-you note to my neighbour for watering my plants"
    "apologise": rf"apologi[sz]ing(?: to {_THEM})? for|to apologi[sz]e(?: to {_THEM})? for",
    "cancel": r"cancell?ing|to cancel",
    "reschedule": r"rescheduling|to reschedule|to move|moving",
    "remind": rf"reminding(?: {_THEM})?(?: that)?|to remind {_THEM}(?: that)?",
}
_HOWS = "|".join(f"(?P<{name}>{words})" for name, words in _HOW.items())
_OPENING = (r"^\W*(?:(?:hi|hey|ok(?:ay)?|so|please|pls|now|thanks|thank you|great|perfect|"
            r"brilliant|cheers|lovely|cool|and)\W+)*(?:(?:can|could|would|will) u? ?"
            r"(?:you )?(?:please |pls )?(?:help me )?|(?:please |pls )?help me |i need (?:you )?"
            r"to |i need help (?:to )?|please |pls )?")
_VERB = r"(?:write|draft|compose|put together|do|word|send)\s+(?:me\s+)?"
_ASK = re.compile(
    _OPENING + r"(?:" + _VERB + r"(?:(?:a|an|the|some)\s+)?" + _TONE + _KIND + r"\s+(?:to|for)\s+"
    + _TO + r"|" + _VERB + r"(?P<to2>(?:my|our|the)\s+[\w' -]{1,30}?)\s+(?:a|an)\s+"
    + _TONE.replace("tone", "tone2") + _KIND.replace("kind", "kind2") + r"|" + _VERB
    + r"to\s+" + _TO.replace("<to>", "<to3>") + r"|(?:i\s+)?need\s+(?:a|an)\s+"
    + _TONE.replace("tone", "tone4") + _KIND.replace("kind", "kind4") + r"\s+(?:to|for)\s+"
    + _TO.replace("<to>", "<to4>") + r")(?:\s+(?:" + _HOWS + r")\s+(?P<what>[^?!]{3,160}?)|"
    r"(?P<bare>,\s*[^?!]*|))\s*[.?!]*\s*$", re.IGNORECASE)
# A tone said after the request: "..., keep it firm", "... and make it polite".
_TRAILING_TONE = re.compile(r",?\s+(?:and\s+)?(?:keep|make) it\s+(?P<tone>\w+)\s*[.!]*$", re.I)
_THANKS = re.compile(r"thank|thanks", re.IGNORECASE)
# "reminding him he still owes me £50": to him, "you still owe me £50".
_HE_SHE = re.compile(r"^(?:he|she|they)\s+(?:(?P<adverb>still|already|never|now)\s+)?"
                     r"(?P<verb>\w+)\b", re.IGNORECASE)
_YOU_VERB = {"has": "have", "hasn't": "haven't", "is": "are", "isn't": "aren't", "was": "were",
             "wasn't": "weren't", "does": "do", "doesn't": "don't"}


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
          "brief": "short", "quick": "short"}
_BACK = 4  # turns back a tone asked may reach for the message it redoes
_MINE = re.compile(r"\b(?:my|our)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    kind: str       # message, email, text, note or letter
    to: str         # "your landlord"
    purpose: str    # a key of _HOW (about, ask, tell, thank, cancel ...)
    what: str       # what it is about, asks or tells, in their words
    tone: str       # plain, polite, formal, friendly, firm or short
    extra: tuple[str, ...] = ()   # lines asked to be added since, in their words


def catalog() -> dict[str, Any]:
    return data_yaml("messages.yaml")


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
    asked = _asked(message, (recent or [{}])[-1].get("user", "") if recent else "")
    if asked is not None:
        return asked
    if not _asks_change(message):
        return None
    # Back over the turns a few at most, past what was asked of the draft since, to the
    # request: "make it friendlier" after "make it more polite" redoes the same message.
    changes = [message]
    for turn in reversed((recent or [])[-_BACK:]):
        said = turn.get("user", "")
        before = _asked(said)
        if before is not None:
            for change in reversed(changes):
                before = _changed(change, before)
            return before
        if not _asks_change(said):
            return None
        changes.append(said)
    return None


def _asks_change(message: str) -> bool:
    """Whether the message asks a change of the draft just given (a tone, a line added)."""
    text = message.strip()
    return bool(_AGAIN.match(text) or _ADD.match(text))


def _changed(message: str, draft: Draft) -> Draft:
    """``draft`` with what ``message`` asks of it (a tone, a line added), or as it was."""
    text = message.strip()
    tone = _AGAIN.match(text)
    if tone is not None:
        return replace(draft, tone=_TONES[tone["tone"].lower()])
    added = _ADD.match(text)
    if added is not None:
        # "mention that I loved their new platform": theirs is the recipient's
        line = _THEIRS.sub("your", added["what"].strip(" ."))
        return replace(draft, extra=(*draft.extra, line[:1].upper() + line[1:] + "."))
    return draft


# An appeal against a fine: the fine named, and an appeal asked for ("Can you help me write
# an appeal?", "help me appeal it").
_FINE = re.compile(r"\b(?:parking|pcn|penalty|bus lane|speeding|congestion|traffic|council)\b"
                   r"[^.?!]{0,20}?\b(?:fine|ticket|notice|charge)s?\b|\bpcn\b", re.IGNORECASE)
_APPEAL = re.compile(
    r"\b(?:write|draft|compose|put together|word|help (?:me )?(?:to )?(?:write|draft|with))\b"
    r"[^.?!]{0,40}\b(?:appeal|challenge|representations?|letter)\b|\bhelp (?:me )?(?:to )?"
    r"(?:appeal|challenge|contest|dispute) (?:it|this|that|the|my|a)\b", re.IGNORECASE)
# What the notice was for, in their words: "a parking fine for stopping 2 minutes in a bay".
_FINED_FOR = re.compile(r"\b(?:fine|ticket|notice|pcn|charge)\s+(?:for|because of)\s+"
                        r"(?P<what>[^.?!,]{3,120})", re.IGNORECASE)
# A sentence of theirs that says what happened, kept as it is said ("I was only unloading").
_WHAT_HAPPENED = re.compile(r"^(?:i was|i had|i'd|i only|i just|the signs?|there (?:was|were|is|"
                            r"are) no|the (?:machine|meter|app)|my (?:permit|ticket))\b",
                            re.IGNORECASE)


def _appeal(text: str, before: str = "") -> Draft | None:
    """An appeal asked for, against a fine named in the message or the one before it."""
    if not _APPEAL.search(text) or not (_FINE.search(text) or _FINE.search(before)):
        return None
    fined = _FINED_FOR.search(text) or _FINED_FOR.search(before)
    happened = tuple(s.rstrip(" .") + "." for said in (before, text)
                     for s in re.split(r"(?<=[.!?])\s+", said) if _WHAT_HAPPENED.match(s.strip()))
    tones = [_TONES[w] for w in re.findall(r"\w+", text.lower()) if w in _TONES]
    return Draft("appeal", "", "appeal", fined["what"].strip() if fined else "",
                 tones[0] if tones else "plain", happened)


_CLOSE = re.compile(r"\b(?:friends?|mates?|best friend|bestie|sister|brother|sis|mum|mom|dad|"
                    r"mother|father|parents|partner|wife|husband|girlfriend|boyfriend|cousin|"
                    r"aunt|auntie|uncle|nan|gran|grandma|grandad|grandpa|family|flatmate|"
                    r"housemate|roommate)\b", re.IGNORECASE)


# A thank-you after a job interview ("Write a thank-you email to send after the interview"
# got "I'm so glad you're enjoying your interview with me" from the model).
_INTERVIEW_THANKS = re.compile(
    r"\b(?:write|draft|compose|put together|help (?:me )?(?:to )?(?:write|draft|with))\b"
    r"[^.?!]{0,40}\bthank(?:[- ]?you|s)?\b[^.?!]{0,60}\binterview(?:er|ers)?\b|\bthank (?:the|my) "
    r"interview(?:er|ers|ing panel| panel)\b", re.IGNORECASE)


def _asked(text: str, before: str = "") -> Draft | None:
    appeal = _appeal(text, before)
    if appeal is not None:
        return appeal
    if _INTERVIEW_THANKS.search(text):
        tones = [_TONES[w] for w in re.findall(r"\w+", text.lower()) if w in _TONES]
        return Draft("email", "the interviewer", "interview_thanks", "",
                     tones[0] if tones else "plain")
    said = " ".join(text.split())
    tone_after = _TRAILING_TONE.search(said)
    if tone_after is not None and tone_after["tone"].lower() in _TONES:
        said = said[:tone_after.start()]
    found = _ASK.match(said)
    if found is None:
        return None
    parts = {k.rstrip("234"): v for k, v in found.groupdict().items() if v is not None}
    kind = parts.get("kind", "message")
    purpose = next((name for name in _HOW if found.group(name) is not None), "")
    what = (found["what"] or "").strip()
    if purpose == "thanks_for":  # a thank-you for something; else what it is for
        purpose = "thank" if _THANKS.search(kind) else "about"
    if not purpose:  # nothing said after who it is to: only a thank-you note says enough
        if not _THANKS.search(kind):
            return None
        purpose, what = "thank", "everything"
    if purpose == "ask_whether":
        what = f"whether {what}"
    elif purpose == "remind":
        what = _HE_SHE.sub(_to_them, what, count=1)
    elif (whose := re.match(r"^(?:my|our) ([a-z]+)'s ", parts["to"].strip(), re.I)):
        # "to my son's teacher about his reading": the son's, said so ("my son's reading")
        what = _THEIRS.sub(f"my {whose[1].lower()}'s", what, count=1)
    else:  # "to a parent about their child's behaviour": "about your child's behaviour"
        what = _THEIRS.sub("your", what, count=1)
    tones = [_TONES[w] for w in re.findall(r"\w+", parts.get("tone", "").lower())
             if w in _TONES]
    if tone_after is not None and tone_after["tone"].lower() in _TONES:
        tones.insert(0, _TONES[tone_after["tone"].lower()])
    to = _MINE.sub("your", parts["to"].strip(), count=1)
    kind = "message" if kind.lower() in ("msg", "something", "complaint") or _THANKS.search(
        kind) else kind.lower().split()[0].replace("e-mail", "email")
    # To a friend or family, with no tone asked, a friendly one ("I'm writing to cancel dinner
    # tonight." was the text drafted to a friend).
    usual = "friendly" if _CLOSE.search(to) else "plain"
    return Draft(kind, to, purpose, what, tones[0] if tones else usual)


# The recipient's own, said of them: "his", "her" or "their" before what the message is about.
_THEIRS = re.compile(r"\b(?:his|her|their)\b(?= \w)", re.I)


def _to_them(found: re.Match[str]) -> str:
    """"he still owes me" said to him: "you still owe me"."""
    verb = found["verb"]
    lowered = verb.lower()
    plain = _YOU_VERB.get(lowered) or (
        verb[:-2] if lowered.endswith(("sses", "shes", "ches", "xes", "oes")) else
        verb[:-1] if lowered.endswith("s") and not lowered.endswith("ss") else verb)
    return " ".join(w for w in ("you", found["adverb"], plain) if w)


def compose(draft: Draft, name: str = "") -> str:
    """The message, with a line before it and an offer to change it after."""
    words = catalog()
    if draft.purpose == "appeal":
        return _compose_appeal(draft, name)
    if draft.purpose == "interview_thanks":
        return _compose_interview_thanks(draft, name)
    tone = words["tones"][draft.tone]
    trouble = re.search(words["trouble"], draft.what, re.IGNORECASE) is not None
    sorry = draft.purpose == "tell" and re.search(words["sorry"], draft.what, re.IGNORECASE)
    body = tone["body"]["tell_sorry" if sorry else draft.purpose if draft.purpose != "about" else
                        "problem" if trouble else "about"]  # about, problem, ask, ask_you, ...
    fields = {"what": draft.what.rstrip(" .")}
    parts = re.split(r"(?<=[.?!])\s+", Template(" ".join(body.split())).substitute(fields))
    at = next((i + 1 for i, part in enumerate(parts) if fields["what"] in part), len(parts))
    said = " ".join([*parts[:at], *draft.extra, *parts[at:]])  # added lines after the subject
    greeting, closing = tone["greeting"], tone["closing"]
    if draft.to.startswith("your ") and "known_greeting" in tone:
        # "your boss" is someone they know: "Dear Sir or Madam ... Yours faithfully" is for
        # a stranger or a company
        greeting, closing = tone["known_greeting"], tone["known_closing"]
    lines = [greeting, "", said, "", closing, name or "[your name]"]
    article = "an" if draft.kind[0] in "aeiou" else "a"
    lead = Template(words["lead"]).substitute(kind=f"{article} {draft.kind}", to=draft.to)
    return "\n".join([lead, "", *lines, "", " ".join(words["after"].split())])


# The tone an appeal takes for each tone asked of a message.
_APPEAL_TONE = {"friendly": "polite", "short": "plain"}


def _compose_appeal(draft: Draft, name: str) -> str:
    """An appeal against a fine: the notice's details to fill in, what it was for, what
    happened in their words (and lines added since), the reason, the request to cancel."""
    words = catalog()["appeal"]
    tone = words["tones"][_APPEAL_TONE.get(draft.tone, draft.tone)]
    grounds = [Template(words["grounds"]).substitute(what=draft.what.rstrip(" ."))] \
        if draft.what else []
    said = " ".join([tone["opening"], *grounds, *draft.extra])
    reason = [] if draft.extra else [words["reason"], ""]  # what happened, once told, is it
    lines = ["Dear Sir or Madam,", "", words["reference"], "", said, "", *reason,
             f"{tone['ask']} {words['evidence']}", "", "Yours faithfully,",
             name or "[your name]"]
    return "\n".join([words["lead"], "", *lines, "", " ".join(words["after"].split())])


def _compose_interview_thanks(draft: Draft, name: str) -> str:
    """A thank-you after a job interview: the parts only they know left in brackets, the lines
    they added since after the thanks, a closing that fits the tone asked."""
    words = catalog()["interview_thanks"]
    said = " ".join(draft.extra) or words["enjoyed"]  # what they talked about, once told
    body = [" ".join(p.split()) for p in (f"{words['thanks']} {said}", *words["body"])]
    closing = words["closings"].get(draft.tone) or words["closings"]["plain"]
    lines = [words["subject"], "", words["greeting"], "", *"\n\n".join(body).split("\n"), "",
             closing, name or "[your name]"]
    return "\n".join([words["lead"], "", *lines, "", " ".join(words["after"].split())])
