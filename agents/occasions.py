"""Messages for an occasion, written by code (``data/occasions.yaml``): a birthday, getting
well, congratulations, sympathy.

"help me write a birthday message for my sister" got, from the bundled model, a letter signed
"In my honor, [Your Name]" wishing "May the blessings of God be upon you"; "make it funnier"
got "You don't have to do it differently, the difference is just a little different." A request
for such a message gets one in the tone asked (warm unless said: funny, short; a colleague or a
boss gets one fit for work), and right after it "make it funnier", "shorter", "another one" or
"her name is Anna" redo it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from agents.data_files import data_yaml

_WRITE = re.compile(r"\b(?:write|draft|compose|come up with|help me (?:with|write|think)|(?:need|"
                    r"want) (?:a|an|some|help)|give me|ideas? for|suggest\w*|what (?:should|can|do|"
                    r"could) i (?:write|say|put))\b", re.IGNORECASE)
_THING = re.compile(r"\b(?:message|card|wish(?:es)?|text|note|post|words|something|caption)\b",
                    re.IGNORECASE)
_TONE_WORDS = {"funny": "funny", "funnier": "funny", "humorous": "funny", "jokey": "funny",
               "silly": "funny", "cheeky": "funny", "short": "short", "shorter": "short",
               "quick": "short", "brief": "short", "briefer": "short", "warm": "warm",
               "warmer": "warm", "heartfelt": "warm", "sweet": "warm", "sweeter": "warm",
               "emotional": "warm", "sentimental": "warm", "formal": "work",
               "professional": "work", "serious": "work"}
_AGAIN = re.compile(r"^\W*(?:(?:ok(?:ay)?|thanks|great|nice|hmm|now|please|and|but|can you|could "
                    r"you)\W+)*(?:make it|make that|more|a bit|something)\b", re.IGNORECASE)
_ANOTHER = re.compile(r"^\W*(?:(?:ok(?:ay)?|thanks|hmm|and|but|can you|could you)\W+)*(?:another|"
                      r"a different|different|other) (?:one|version|message|idea)\b|^\W*"
                      r"(?:something else|try again)\W*$", re.IGNORECASE)
_NAMED = re.compile(r"\b(?:(?:her|his|their) name is|(?:it'?s|it is) for|call (?:her|him|them)|"
                    r"(?:she'?s|he'?s|they'?re) called|add (?:her|his|their) name,?)\s+"
                    r"(?P<name>[A-Z][\w'-]+)")


@dataclass(frozen=True)
class Asked:
    occasion: str
    relation: str = ""
    name: str = ""
    tone: str = "warm"
    variant: int = 0


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("occasions.yaml")


@cache
def _relations() -> re.Pattern[str]:
    words = "|".join(sorted((re.escape(r) for r in catalog()["relations"]), key=len,
                            reverse=True))
    return re.compile(rf"\b(?:for|to) (?:my|our|a|the) (?:lovely |dear |new |old )?"
                      rf"(?P<relation>{words})(?:,? (?-i:(?P<name>[A-Z][\w'-]+)))?\b",
                      re.IGNORECASE)


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """The message for an occasion asked for, or the last one redone as asked; else None."""
    asked = read(message) or _again(message, recent)
    return compose(asked) if asked else None


def read(message: str) -> Asked | None:
    """The occasion, who for and the tone a request for a message asks, or None."""
    text = " ".join(message.split())
    if len(text) > 200 or not (_WRITE.search(text) and _THING.search(text)) or \
            re.search(catalog()["unless"], text, re.IGNORECASE):
        return None
    occasion = next((name for name, spec in catalog()["occasions"].items()
                     if re.search(spec["asks"], text, re.IGNORECASE)), None)
    if occasion is None:
        return None
    who = _relations().search(text)
    relation = who["relation"].lower() if who else ""
    return Asked(occasion, relation, (who["name"] or "") if who else "",
                 _tone(text) or ("work" if relation in catalog()["at_work"] else "warm"))


def _tone(text: str) -> str | None:
    return next((_TONE_WORDS[w] for w in re.findall(r"[a-z]+", text.lower())
                 if w in _TONE_WORDS), None)


def _again(message: str, recent: list[dict[str, str]] | None) -> Asked | None:
    """The last reply's message redone as ``message`` asks: a tone, another one, a name."""
    shown = (recent or [{}])[-1].get("said") or (recent or [{}])[-1].get("assistant") or ""
    last = _shown(shown)
    if last is None:
        return None
    text = message.strip()
    named = _NAMED.search(text)
    if named:
        return replace(last, name=named["name"])
    if _ANOTHER.search(text):
        return replace(last, variant=last.variant + 1)
    tone = _tone(text) if _AGAIN.search(text) else None
    return replace(last, tone=tone, variant=0) if tone else None


def _shown(reply: str) -> Asked | None:
    """What the last reply was, if it was a message for an occasion written here."""
    who = re.search(r"for your (\w[\w -]*?) you could send", reply)
    relation = who.group(1) if who else ""
    for occasion, spec in catalog()["occasions"].items():
        for tone, lines in spec["tones"].items():
            for at, line in enumerate(lines):
                body = line.split("{hello}", 1)[-1].strip().format(
                    relation=relation or "friend")
                if body and body in reply:
                    name = next((m["name"] for m in (_greeted(spec, reply),) if m), "")
                    return Asked(occasion, relation, name, tone, at)
    return None


def _greeted(spec: dict[str, Any], reply: str) -> re.Match[str] | None:
    pattern = re.escape(spec["hello"]["name"]).replace(re.escape("{name}"),
                                                       r"(?P<name>[A-Z][\w'-]+)")
    return re.search(pattern, reply)


def compose(asked: Asked) -> str:
    data = catalog()
    spec = data["occasions"][asked.occasion]
    tones = spec["tones"]
    gentle = asked.tone not in tones
    lines = tones.get(asked.tone) or tones["warm"]
    hello = spec["hello"]["name"].format(name=asked.name) if asked.name else \
        spec["hello"]["none"]
    said = lines[asked.variant % len(lines)].format(
        hello=hello, relation=asked.relation or "friend").strip()
    lead = (data["lead"] if asked.relation else data["lead_no_relation"]).format(
        named=spec["named"], relation=asked.relation)
    if gentle and asked.occasion == "sympathy":
        lead = data["kept_gentle"]
    return "\n\n".join([lead, said, spec.get("after") or data["after"]])
