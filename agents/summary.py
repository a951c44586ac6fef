"""A text the person gives to summarise, summarised by choosing its own sentences.

"Summarise this for me: The council will close the library on Fridays from January ..." got
the text back with "and return to work in 30 minutes after that" added: the small model
invents as it shortens. Code keeps the sentences that carry most of the text's words (each
word counted by how often the text uses it) and says them in the text's order, so nothing is
added. A long text is left to the model, under its own rules for what a turn may carry.
"""

from __future__ import annotations

import re
from collections import Counter

from memory.text import STOP_WORDS, sentences, stem

_ASKS = re.compile(
    r"^\W*(?:(?:please|can you|could you|would you)\W+)*(?:summari[sz]e|sum up|give me "
    r"(?:a|the) (?:summary|gist|short version) of|tl;?dr(?: of)?|what(?:'s| is) the gist of)"
    r"\s*(?:this|the following|that|it|these|the text|this text|this for me|this article|"
    r"this email|this message|the following text)?(?:\s+for me)?(?:\s+please)?\s*[:\-]\s*"
    r"(?P<text>.+)$", re.IGNORECASE | re.DOTALL)
MOST_CHARS = 4000   # a longer text goes to the model
FEWEST = 3          # fewer sentences than this are their own summary
SHARE = 0.5         # the share of the sentences kept (at least one, at most KEPT)
KEPT = 5


def asked(message: str) -> str | None:
    """The text a message asks to be summarised, or None."""
    found = _ASKS.match(message.strip())
    text = found["text"].strip() if found else ""
    return text if text and len(text) <= MOST_CHARS else None


def _weights(said: list[str]) -> Counter[str]:
    return Counter(stem(w) for s in said for w in re.findall(r"[a-z0-9']+", s.lower())
                   if w not in STOP_WORDS and len(w) > 2)


def answer(message: str) -> str | None:
    """The summary of a text a message gives to summarise: its sentences that carry most of
    its words, in its order; None for any other message."""
    text = asked(message)
    if text is None:
        return None
    said = [s.strip() for s in sentences(" ".join(text.split())) if s.strip()]
    if len(said) < FEWEST:
        return "That's short already, so there is little to cut: " + " ".join(said) if said \
            else None
    weights = _weights(said)

    def worth(sentence: str) -> float:
        words = {stem(w) for w in re.findall(r"[a-z0-9']+", sentence.lower())
                 if w not in STOP_WORDS and len(w) > 2}
        return sum(weights[w] for w in words) / (1 + len(sentence.split()) ** 0.5)

    keep = min(KEPT, max(1, round(len(said) * SHARE)))
    # the first sentence usually says what the text is about: it stays
    chosen = {0} | set(sorted(range(1, len(said)), key=lambda i: worth(said[i]),
                              reverse=True)[: keep - 1])
    return "The main points:\n" + "\n".join(f"- {said[i]}" for i in sorted(chosen))
