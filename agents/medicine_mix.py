"""Whether two medicines mix, answered by code (``data/medicine_mix.yaml``).

"can I take ibuprofen with my blood pressure tablets?" got, from the bundled model, "You can
take ibuprofen with your blood pressure tablets. The person is safe to do so". A question of
whether two medicines (or a medicine and a drink) can be taken together gets the standard
advice for the pair when it is one of the well-known ones, and otherwise a plain "I can't
check this" and who can; a small model never says that a mix is safe.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from agents.data_files import data_yaml

# Asked whether two things can be taken together.
_ASKS = re.compile(
    r"\b(?:can|could|may|should) i (?:take|have|use|drink|mix|combine)\b|\bis it (?:ok|okay|"
    r"safe|fine|alright|bad|dangerous) to (?:take|have|drink|mix|combine|use)\b|\b(?:do|does|"
    r"will|would|can) [\w' -]{2,40}? (?:interact|mix|clash|react|interfere)\b|\bmix(?:ing)? "
    r"[\w' -]{2,40}? (?:with|and)\b|\btogether\b|\binteract\w*\b", re.IGNORECASE)
_JOINS = re.compile(r"\b(?:with|and|while (?:on|taking)|on|alongside|plus|after|together)\b",
                    re.IGNORECASE)


# "what about paracetamol?", "and with aspirin?": another medicine in the question just asked.
_INSTEAD = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|what|how)\W+)*(?:what|how) about\b|"
                      r"^\W*(?:and|or)\s+(?:with\s+)?[\w' -]{2,30}\?\s*$", re.IGNORECASE)


@cache
def _kinds() -> dict[str, str]:
    return {str(k): str(v) for k, v in (data_yaml("medicine_mix.yaml").get("kinds") or {})
            .items()}


@cache
def _catalog() -> tuple[dict[str, re.Pattern[str]], tuple[tuple[frozenset[str], str], ...],
                        str, str]:
    raw: dict[str, Any] = data_yaml("medicine_mix.yaml")
    groups = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in raw["groups"].items()}
    pairs = tuple((frozenset(p["groups"]), " ".join(str(p["said"]).split()))
                  for p in raw["pairs"])
    for named, _ in pairs:
        if not named <= set(groups) or len(named) != 2:
            raise ValueError(f"medicine_mix.yaml: a pair names unknown groups {sorted(named)}")
    return groups, pairs, str(raw["unknown"]), " ".join(str(raw["after"]).split())


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """The reply to a question of whether two medicines (or a medicine and a drink) mix, or
    to another medicine asked of the question just answered ("what about paracetamol?");
    None for any other message."""
    text = message.strip()
    _, pairs, unknown, after = _catalog()
    named = _named(text) if text and len(text) <= 300 and _ASKS.search(text) and \
        _JOINS.search(text) else set()
    if not named and _INSTEAD.search(text) and recent and (new := _named(text)):
        before = recent[-1].get("user") or ""
        if answer(before) is not None:  # the question before was one of these
            kinds = _kinds()
            named = new | {g for g in _named(before)
                           if kinds.get(g, g) not in {kinds.get(n, n) for n in new}}
    if len(named) == 1 and _WITH_IT.search(text):  # "Can I take ibuprofen with it?"
        named |= _told_before(recent, named)
    elif not named and len(text) <= 120 and _ASKS_ONE.search(text):
        named = _with_one_told(_named(text), recent, pairs)
    if not named - {"alcohol"} or len(named) < 2:
        return None
    said = next((s for pair, s in pairs if pair <= named), unknown)
    return f"{said} {after}"


# A medicine asked of with one told before: "I take sertraline for depression." then "Can I take
# ibuprofen with it?" got "You're safe here!" from the bundled model.
_WITH_IT = re.compile(r"\b(?:with|alongside|on top of|while (?:i'?m )?(?:on|taking)) (?:it|them|"
                      r"that|those|these|this|my (?:tablets|pills|meds|medication|medicine))\b",
                      re.IGNORECASE)
_LOOK_BACK = 3  # their messages, newest first, that may name the medicine meant


# One thing asked of, a medicine told a little before: "I'm on warfarin for atrial
# fibrillation." then "Can I take ibuprofen for a headache?" got a headache's tips, and "Can I
# drink alcohol?" got "It can be very dangerous and even fatal".
_ASKS_ONE = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|also)\W+)*(?:(?:can|could|may|should) i "
                       r"(?:still )?(?:take|have|drink|use)\b|is it (?:ok|okay|safe|fine|alright) "
                       r"(?:for me )?to (?:take|have|drink|use)\b)", re.IGNORECASE)


def _with_one_told(asked: set[str], recent: list[dict[str, str]] | None,
                   pairs: tuple[tuple[frozenset[str], str], ...]) -> set[str]:
    """``asked`` (one thing) with the medicine their last few messages named, when the two are
    a pair with standard advice; else nothing (a question of one medicine is not a mix)."""
    if len(asked) != 1:
        return set()
    both = asked | _told_before(recent, asked)
    return both if any(pair <= both for pair, _ in pairs) else set()


_TAKES = re.compile(r"^\W*(?:(?:and|also|so)\W+)?i(?:'m| am) (?:now |also |still )?on\b|"
                    r"^\W*(?:(?:and|also|so)\W+)?i (?:take|use|have been prescribed|was prescribed|"
                    r"'ve been prescribed|started taking)\b", re.IGNORECASE)


def takes_medicine(sentence: str) -> bool:
    """Whether ``sentence`` tells a medicine the person takes ("I'm on warfarin for atrial
    fibrillation."): one of the named groups, not "my tablets"."""
    return _TAKES.search(sentence) is not None and bool(_named(sentence) - {"alcohol", "other"}
                                                       | _named_other(sentence))


def _named_other(sentence: str) -> set[str]:
    """"other" when ``sentence`` names a medicine of that group by name, not "my tablets"."""
    found = _catalog()[0]["other"].search(sentence)
    return {"other"} if found and not re.match(r"(?:my|these|those|the) ", found.group(0),
                                               re.IGNORECASE) else set()


def _told_before(recent: list[dict[str, str]] | None, named: set[str]) -> set[str]:
    """The medicines their last few messages named, besides ``named``: those of the newest
    message that names any."""
    for turn in reversed((recent or [])[-_LOOK_BACK:]):
        before = _named(turn.get("user") or "") - named - {"alcohol"}
        if before:
            return before
    return set()


def _named(text: str) -> set[str]:
    """The groups of medicines (and drink) ``text`` names."""
    return {name for name, pattern in _catalog()[0].items() if pattern.search(text)}
