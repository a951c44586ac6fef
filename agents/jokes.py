"""A joke, or an interesting fact, told by code from ``data/jokes.yaml``: one not told yet in
the conversation. "Tell me something interesting." got "I've been doing a lot of research about
the person's birthday message"."""

from __future__ import annotations

import re
from functools import cache

from agents.data_files import data_yaml

_ASKS = re.compile(
    r"^\W*(?:(?:hi|hey|ok(?:ay)?|so|please|pls|go on|now)\W+)*(?:(?:can|could|would|will) you "
    r"(?:please )?)?(?:tell|give|make|share)\s+(?:me|us)\s+(?:a|another|one more|some|a (?:good|"
    r"funny|silly|quick|short|bad|dad))\s*(?:good |funny |silly |quick |short |bad |dad |more )*"
    r"jokes?(?:\s+please)?\W*$|^\W*(?:another|one more)(?: one)?(?: joke)?(?: please)?\W*$|"
    r"^\W*(?:do you )?know any (?:good )?jokes\W*$|^\W*(?:make me laugh|cheer me up with a joke)"
    r"\W*$", re.IGNORECASE)
_MORE = re.compile(r"^\W*(?:another|one more)(?: one)?(?: joke)?(?: please)?\W*$", re.IGNORECASE)


# How a request for a fact or a quote opens ("Hey, can you please ...").
_LEAD = (r"^\W*(?:(?:hi|hey|ok(?:ay)?|so|please|go on|now)\W+)*(?:(?:can|could|would|will) you "
         r"(?:please )?)?")
_FACT = re.compile(
    _LEAD + r"(?:tell|give|teach|share with)\s+(?:me|us)\s+(?:something (?:interesting|fun|"
    r"surprising|new|cool|weird|i don'?t know|random)|a fact|an? (?:fun|random|interesting|cool|"
    r"weird|surprising|amazing) fact|another fact|one more fact)(?:\s+please)?\W*$|"
    r"^\W*(?:another|one more|a) (?:fun |random |interesting )?fact(?: please)?\W*$|"
    r"^\W*(?:fun|random|interesting) fact(?: please)?\W*$", re.IGNORECASE)
_QUOTE = re.compile(
    _LEAD + r"(?:give|tell|send|share|need|want)(?:\s+(?:me|us))?\s+(?:a|an|another|some|"
    r"one more)\s+(?:good |short |nice |)(?:motivational|inspirational|inspiring|uplifting|"
    r"encouraging|positive)?\s*quotes?(?:\s+please)?\W*$|^\W*(?:a |another )?(?:motivational|"
    r"inspirational|inspiring) quote(?: please)?\W*$|^\W*(?:another|one more)(?: good)? quote"
    r"(?: please)?\W*$", re.IGNORECASE)


@cache
def _told(kind: str) -> tuple[str, ...]:
    """The jokes, facts or quotes of ``data/jokes.yaml``, in order."""
    return tuple(str(j) for j in data_yaml("jokes.yaml")[kind])


def jokes() -> tuple[str, ...]:
    return _told("jokes")


def facts() -> tuple[str, ...]:
    return _told("facts")


def quotes() -> tuple[str, ...]:
    return _told("quotes")


def _untold(said: tuple[str, ...], recent: list[dict[str, str]] | None) -> str | None:
    told = " ".join(t.get("said") or t.get("assistant") or "" for t in recent or [])
    return next((j for j in said if j not in told), None)


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """A joke for a request for one, or an interesting fact for a request for one, not told
    yet in ``recent``; "another" only right after a joke. None otherwise, or when every one
    has been told."""
    if _FACT.match(message.strip()):
        return _untold(facts(), recent)
    if _QUOTE.match(message.strip()):
        return _untold(quotes(), recent)
    if not _ASKS.match(message.strip()):
        return None
    told = " ".join(t.get("said") or t.get("assistant") or "" for t in recent or [])
    if _MORE.match(message.strip()) and not any(j in told for j in jokes()):
        return None  # "another" after something else: not a joke asked
    return _untold(jokes(), recent)
