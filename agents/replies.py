"""Tacit's own past replies as material for a prompt: only what carries information.

A small model copies what it reads. A past reply fed back to it verbatim, a footer ("Noted
preference: ...", "(Assumed ...)") or a reply that already repeated an earlier one becomes the
next reply, and the conversation degenerates into one sentence. So replies are cleaned of
footers, replies that repeat an earlier one are dropped, and what is left is cut to its first
sentences and attributed to Tacit.
"""

from __future__ import annotations

import re

from memory.statements import distinct, repeats, sentences

# What front ends add to the text of a reply; presentation, never evidence.
FOOTERS = (
    re.compile(r"^\s*Noted (?:instruction|preference)\b[^\n]*$", re.M),
    re.compile(r"\(Assumed [^)]*\)", re.S),
    re.compile(r"\(Your message was long[^)]*\)", re.S),
    re.compile(r"^\s*It replaces [^\n]*$", re.M),
)
# A reply that only apologises or asks back tells nothing worth recalling.
_EMPTY = re.compile(r"^(?:i'?m sorry|sorry|i apologi[sz]e|i (?:can(?:no|')t|couldn'?t|"
                    r"don'?t have)|as an ai|could you|can you|please provide)", re.I)
RECALLED_REPLY_WORDS = 30  # enough for a fact Tacit gave; too little to copy a whole answer
REPEAT = 0.8               # word-sequence similarity at which a reply repeats another


def without_footers(reply: str) -> str:
    """``reply`` without the notes front ends append (what was noted, what was assumed)."""
    text = reply
    for footer in FOOTERS:
        text = footer.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def informative(reply: str) -> bool:
    """Whether a reply says something (not only an apology or a question back)."""
    said = [s for s in sentences(reply) if not _EMPTY.match(s) and not s.endswith("?")]
    return bool(said)


def gist(reply: str, words: int = RECALLED_REPLY_WORDS) -> str:
    """The first sentences of a reply that carry information, at most ``words`` words."""
    kept: list[str] = []
    count = 0
    for sentence in sentences(without_footers(reply)):
        if _EMPTY.match(sentence) or sentence.endswith("?"):
            continue
        n = len(sentence.split())
        if count + n > words:
            if not kept:
                kept.append(" ".join(sentence.split()[:words]) + " …")
            break
        kept.append(sentence)
        count += n
    return " ".join(kept)


def usable_replies(replies: list[str]) -> list[str]:
    """For each reply, in order, what a prompt may carry of it: "" for a reply that repeats
    an earlier one or says nothing, otherwise the reply without its footers."""
    out: list[str] = []
    seen: list[str] = []
    for reply in replies:
        clean = without_footers(reply)
        if not informative(clean) or repeats(clean, seen, REPEAT) is not None:
            out.append("")
        else:
            out.append(clean)
        seen.append(clean)
    return out


__all__ = ["REPEAT", "distinct", "gist", "informative", "repeats", "usable_replies",
           "without_footers"]
