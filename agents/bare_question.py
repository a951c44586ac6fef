"""A short question as the modules that answer settled questions by code read it (capital
cities, common facts): lower case, without accents or punctuation, "what's" read as "what is",
and without the courtesy around it ("hey, quick question: ...", "..., please"). Such a module
answers only a message that is essentially its question, so the same words inside a longer
request are left to the model; a message longer than ``MOST_CHARS`` is never one.
"""

from __future__ import annotations

import re
import unicodedata

from memory.text import normalize

MOST_CHARS = 200  # a question is a line, not a page
# Letters that carry no accent to strip but are written plainly in English ("København").
_PLAIN_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ß": "ss",
                                "ı": "i", "ʻ": "'", "ʼ": "'"})
# A short courtesy before the question ("hey, quick question:", "do you know"), nothing more.
_OPENING = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|so|and|also|right|um|tacit|please|thanks|thank you|sorry|"
    r"quick question|a quick question|quick one|question|random question|one more|"
    r"just curious|im curious|out of curiosity|just wondering|i was wondering|i wonder|"
    r"any idea|do you know|do you happen to know|(?:can|could|would) you (?:please )?tell me|"
    r"please tell me|tell me|remind me|i forgot|i forget|i always forget) )*")
# And after it ("please", "thanks", "again").
_CLOSING = re.compile(r"(?: (?:please|thanks|thank you|tacit|then|again|exactly|roughly|"
                      r"approximately|do you know|any idea|i wonder))+$")
# "what's" is folded to "whats": read as "what is", as the questions are written.
_CONTRACTIONS = {"whats": "what is", "whatre": "what are", "wheres": "where is",
                 "hows": "how is", "whos": "who is", "theres": "there is"}


def plain(text: str) -> str:
    """``text`` lower case, without accents or punctuation, words joined by single spaces."""
    apart = unicodedata.normalize("NFKD", text.lower().translate(_PLAIN_LETTERS))
    return normalize("".join(c for c in apart if not unicodedata.combining(c)))


def bare_question(message: str) -> str:
    """The question ``message`` asks, read plainly and without the courtesy around it; ""
    for a message too long to be one question."""
    if len(message) > MOST_CHARS:
        return ""
    said = " ".join(_CONTRACTIONS.get(w, w) for w in plain(message).split())
    return _CLOSING.sub("", _OPENING.sub("", said, count=1))
