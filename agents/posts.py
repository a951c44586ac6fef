"""Short posts for a business's social media, written by code (``data/posts.yaml``).

"Can you write a short post for Instagram about our new sourdough?" got, from the bundled model,
two emojis and "#Lancaster @TheCabalicious"; "Write another one about our Christmas mince
pies." got the same emojis again. A request for a post about something of theirs gets a short
one: an opening that fits what it is (something new, a season, an event), a line, a call to
come in, and hashtags from its own words. Right after one, "another one about ..." writes the
next. A rule of theirs about posts ("Always sign off social media posts with ...") is kept
as any rule that adds a line is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from string import Template
from typing import Any

from agents.data_files import data_pattern, data_yaml
from memory.text import STOP_WORDS

_SEASONS = ("easter", "halloween", "valentine", "summer", "autumn", "winter", "spring")
_CALLED = {"valentine": "Valentine's Day"}


@cache
def catalog() -> dict[str, Any]:
    return data_yaml("posts.yaml")


def _pattern(key: str) -> re.Pattern[str]:
    return data_pattern("posts.yaml", key)


def answer(message: str, recent: list[dict[str, str]] | None = None,
           rules: Sequence[str] | Callable[[], Sequence[str]] = ()) -> str | None:
    """A post for a request for one (or for another, right after one); None for any other
    message. ``rules`` are the person's standing rules (or what reads them): a sign-off they
    asked for on posts ends the post itself."""
    text = " ".join(message.split())
    if len(text) > 200 or _pattern("unless").search(text):
        return None
    found = _pattern("asks").search(text)
    last = (recent or [{}])[-1]
    if found is None and given(last.get("said") or last.get("assistant") or ""):
        found = _pattern("again").match(text)
    if found is None:
        return None
    return compose(found["what"], _sign_off(rules() if callable(rules) else rules))


_SIGN_OFF = re.compile(r"\b(?:sign(?:ing)? off|end|finish|close)\b.{0,40}?\bwith\s+[\"'“‘]"
                       r"(?P<x>[^\"”’]{2,60}?)[\"'”’]?\s*\.?\s*$", re.IGNORECASE)
_OF_POSTS = re.compile(r"\b(?:posts?|social media|instagram|facebook|captions?|tweets?)\b",
                       re.IGNORECASE)


def _sign_off(rules: Sequence[str]) -> str:
    """The sign-off their rules ask of posts ("Always sign off social media posts with 'Love,
    Tom's Bakery'."), or ""."""
    for rule in rules:
        found = _SIGN_OFF.search(rule)
        if found and _OF_POSTS.search(rule):
            return found["x"].strip()
    return ""


def given(reply: str) -> bool:
    return reply.startswith(str(catalog()["lead"]))


def compose(what: str, sign_off: str = "") -> str:
    spec = catalog()
    thing = re.sub(r"\b(?:my|our)\b", "our", what.strip(" .!?"), flags=re.IGNORECASE)
    thing = thing if re.match(r"(?i)^(?:our|the|a|an)\b", thing) else f"our {thing}"
    lowered = thing.lower()
    plural = bool(re.search(r"s\b(?!\S)", lowered.split()[-1])) and not lowered.endswith("ss")
    season = next((s for s in _SEASONS if re.search(rf"\b{s}", lowered)), "")
    opening = next(str(o["says"]) for o in spec["opens"]
                   if not o["when"] or re.search(str(o["when"]), lowered))
    bare = re.sub(r"(?i)\b(?:christmas|festive|xmas)\s+", "", thing) \
        if "Christmas is coming" in opening else \
        re.sub(r"(?i)\bnew\s+", "", thing) if opening.startswith("New in") else thing
    line = Template(opening).substitute(thing=bare, are="are" if plural else "is",
                                        Season=_CALLED.get(season, season.capitalize()))
    event = opening.startswith("Join us")
    middle = "middle_event" if event else "middle_food" if re.search(str(spec["food"]), lowered) \
        else "middle"
    body = " ".join([line[0].upper() + line[1:], str(spec[middle]),
                     str(spec["close_event" if event else "close"])])
    body = f"{body}\n\n{sign_off}" if sign_off else body
    tags = " ".join(f"#{w}" for w in [*_tags(thing), *spec["tags"]])
    return "\n\n".join([str(spec["lead"]), f"{body}\n\n{tags}".strip(), str(spec["after"])])


_DATES = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
                    r"tomorrow|tonight|weekend|next|this|on|at|in|from|until|till)$", re.I)


def _tags(thing: str) -> list[str]:
    """A hashtag of what the post is about, from its own words ("our Christmas mince pies":
    #ChristmasMincePies), without its day or its "our"."""
    words = [w for w in re.findall(r"[A-Za-z']+", thing)
             if w.lower() not in STOP_WORDS | {"our", "new", "the", "a", "an"}
             and not _DATES.match(w)]
    whole = "".join(w[:1].upper() + w[1:] for w in words).replace("'", "")
    return [whole] if whole else []
