"""Tips for everyday troubles, written by code (``data/tips.yaml``).

"I can't sleep, any tips?" got, from the bundled model, "- Avoid prescribing anything without a
doctor's permission." (the safety guidance it was given, continued as a list). A request for
help with a topic (sleep, stress, a headache that lasts, a child who won't eat vegetables, ...)
gets the topic's tips; a question about pills or doses, or about someone else's sleep, is left
to the model with its guidance. Asked for more right after a topic's tips ("what else can I
try?"), or told of it again, the person gets the topic's further tips and where to turn next,
never the same tips twice in a row; told their country after tips that differ by country
(saving for retirement), the line for that country. A few topics follow what was told just
before: "how do I support her?" after "my mum was just diagnosed with breast cancer".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.data_files import data_yaml, filled
from agents.safety_resources import country_in


def catalog() -> dict[str, Any]:
    return data_yaml("tips.yaml")


_NEVER = re.compile(r"(?!)")  # a topic without ``told`` is only ever asked about
SHORT_TIPS = 2  # tips given to someone who asked for short answers


@dataclass(frozen=True)
class Topic:
    about: re.Pattern[str]
    unless: re.Pattern[str]
    told: re.Pattern[str]          # told of, not asked, and still answered
    after_told: re.Pattern[str]    # one of the person's last few messages told of it ...
    asks_next: re.Pattern[str]     # ... and this one asks for help with it
    spec: dict[str, Any]

    def tips(self, short: bool = False) -> str:
        """The topic's tips (the first two, for someone who asked for short answers), and
        what follows them (where to turn, the signs not to wait on) in any case."""
        given = self.spec["tips"][:SHORT_TIPS] if short else self.spec["tips"]
        lines = [str(self.spec["lead"]), *(f"- {tip}" for tip in given)]
        if self.spec.get("after"):
            lines += ["", str(self.spec["after"])]
        return "\n".join(lines)

    def more(self, short: bool = False) -> str:
        """What follows the tips: the further ones, or where to turn next."""
        further = [str(t) for t in self.spec.get("more") or ()][:SHORT_TIPS if short else None]
        later = _later(self)
        if not further:
            return f"{catalog()['no_more']} {later}".strip()
        lead = self.spec.get("more_lead") or catalog()["more_lead"]
        lines = [str(lead), *(f"- {tip}" for tip in further)]
        return "\n".join([*lines, "", later] if later else lines)

    def gave(self, reply: str) -> str:
        """"tips" or "more" when ``reply`` is this topic's tips or its further ones, else ""."""
        if reply.startswith(str(self.spec["lead"])):
            return "tips"
        further = self.spec.get("more") or ()
        if further and str(further[0]) in reply:
            return "more"
        done = reply.startswith(str(catalog()["no_more"])) and _later(self) and \
            _later(self) in reply
        return "more" if done else ""

    def asks_more(self, message: str) -> bool:
        """Whether ``message``, right after this topic's tips, asks for more of them."""
        return any(re.search(p, message, re.I) for p in (
            catalog()["asks_more"], self.spec.get("asks_more"), self.spec.get("told_more"))
            if p)

    def with_age(self, message: str) -> str | None:
        """The topic's line for an age told next ("he's 72"), if it has one."""
        told = re.match(catalog()["age"], message.strip(), re.I)
        if not told or not self.spec.get("age_told"):
            return None
        who = told["who"].lower()
        they_are = {"he": "he's", "she": "she's", "it": "it's"}.get(who, "they're")
        lines = self.spec["age_told"]
        line = lines["older" if int(told["age"]) >= int(lines["from"]) else "younger"]
        return str(line).format(age=told["age"], they_are=they_are)


@cache
def _topics() -> tuple[Topic, ...]:
    def pattern(spec: dict[str, Any], key: str) -> re.Pattern[str]:
        return re.compile(spec[key], re.I) if spec.get(key) else _NEVER
    return tuple(Topic(re.compile(spec["about"], re.I), re.compile(spec["unless"], re.I),
                       pattern(spec, "told"), pattern(spec, "after_told"),
                       pattern(spec, "asks_next"), spec)
                 for spec in map(_with_forms, catalog()["topics"].values()))


def _with_forms(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec``, its ``about``, ``told`` and ``unless`` made from the shared ``buying`` forms
    when it names a ``thing``: what to buy is asked in the same words whatever the thing, so
    those words are written once."""
    if not spec.get("thing"):
        return spec
    forms = {key: filled(str(form), {"thing": str(spec["thing"])})
             for key, form in catalog()["buying"].items()}
    forms["unless"] = "|".join(p for p in (forms["unless"], spec.get("unless_also")) if p)
    return {**spec, **forms}


def answer(message: str, recent: list[dict[str, str]] | None = None, *,
           short: bool = False) -> str | None:
    """The tips of the topic the message asks help with (or, for a topic with ``told``, tells
    of in those words); after a topic's tips, its further ones; or None. ``short``: the person
    asked for short answers."""
    last = (recent or [{}])[-1]
    shown = last.get("said") or last.get("assistant") or ""
    # what they told a few turns back still bears: "I'm pregnant", then what to eat, then
    # "Can I still go running?" (three turns, or a topic's own "told_back")
    theirs = [t.get("user") or "" for t in recent or []]
    # A topic's own follow-on may come a turn or two later ("Can I go to work?" after the
    # sore throat tips and a question of painkillers).
    earlier = [t.get("said") or t.get("assistant") or "" for t in (recent or [])[-3:-1]]
    for topic in _topics():
        if topic.unless.search(message):
            continue
        gave = topic.gave(shown) if shown else ""
        if not gave and earlier and topic.spec.get("asks_more") and \
                re.search(topic.spec["asks_more"], message, re.I):
            gave = next((g for said in reversed(earlier) if (g := topic.gave(said))), "")
        asked_again = ((_asks(message) or _complains(message))
                       and topic.about.search(message) is not None) or \
            topic.told.search(message) is not None
        local = topic.spec.get("in_country") or {}
        if gave and local and (code := country_in(message)) in local:
            return str(local[code])
        if gave and (aged := topic.with_age(message)):
            return aged
        if gave and (topic.asks_more(message) or asked_again):
            return topic.more(short) if gave == "tips" else \
                f"{catalog()['no_more']} {_later(topic)}"
        # a topic may read further back ("told_back"): a pregnancy told at the start still
        # bears on the hospital bag asked much later
        if asked_again or (topic.asks_next.search(message) and any(
                topic.after_told.search(said)
                for said in theirs[-int(topic.spec.get("told_back", 3)):])):
            # never the same tips twice in a row: "Can I appeal it?", right after a parking
            # fine's tips, got them again word for word
            return topic.more(short) if gave == "tips" and topic.spec.get("more") else \
                topic.tips(short)
    return None


def given(reply: str) -> bool:
    """Whether ``reply`` is a topic's tips or its further ones: advice, not options to choose
    among ("I sleep 8 hours but still wake up exhausted" picks no tip)."""
    return any(topic.gave(reply) for topic in _topics())


def told_of(message: str) -> bool:
    """Whether ``message`` tells of a topic that has tips for it ("I feel lonely since I moved
    to a new city"): those answer it better than a word for a low mood."""
    return any(t.told.search(message) and not t.unless.search(message) for t in _topics())


def _asks(message: str) -> bool:
    return re.search(catalog()["asks"], message, re.I) is not None


def _complains(message: str) -> bool:
    """Whether ``message`` tells of a trouble that keeps happening ("My cat keeps scratching
    the sofa."): help is wanted though nothing is asked."""
    return re.search(catalog()["complains"], message, re.I) is not None


def _later(topic: Topic) -> str:
    return str(topic.spec.get("later") or topic.spec.get("after") or "")
