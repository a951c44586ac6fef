"""Asked what Tacit knows about them, the person gets the list itself, written by code.

"What do you know about me?" is answered from the stores, not by the model: every current fact,
every preference they stated and every standing instruction, each as it is kept (a small model
given the same notes refuses, or invents). Sensitive details are not listed; they serve safety
only. The reply is a view of memory, not new content: the turn is stored with a note in its
place and the ids of what was listed in its trace, so forgetting any listed item leaves no copy
of it in an old turn, and the conversation checkpoint holding the listing goes with the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from memory.facade import Memory
from memory.tree.descent import ABOUT_ME

# What may surround the question without asking for anything else ("Hey Tacit, so what do
# you know about me?").
_FILLER = frozenset({"hey", "hi", "hello", "tacit", "so", "ok", "okay", "please", "tell", "me",
                     "exactly", "actually", "really", "now", "then", "all", "and", "well",
                     "just"})
LISTED = "listing"  # the respond trace's model name for a reply this module wrote
STORED_AS = "(I listed what I know about you from memory; the list itself is not kept here.)"
_HINT = ("You can correct or forget any of this: F3 in the chat app, or `tacit memory list` and "
         "`tacit memory forget <id>`.")
_NOTHING = ("I don't know anything about you yet. Tell me about yourself (where you live, what "
            "you do, what you like or avoid) and I'll remember it.")


@dataclass
class Listing:
    """The reply, and the ids of the records it lists."""

    text: str
    ids: list[str] = field(default_factory=list)


def asks_what_is_known(message: str) -> bool:
    """Whether the message is the question itself, not a request that uses what is known
    ("Based on what you know about me, what should I cook?")."""
    found = ABOUT_ME.search(message)
    if found is None:
        return False
    rest = message[:found.start()] + " " + message[found.end():]
    return all(w in _FILLER for w in re.findall(r"[a-z']+", rest.lower()))


def what_is_known(memory: Memory, user_id: str) -> Listing:
    """Current facts, stated preferences and enabled standing instructions, as a reply."""
    facts = memory.items(user_id, "fact")
    preferences = memory.items(user_id, "preference")
    rules = memory.instructions.list(user_id)
    if not (facts or preferences or rules):
        return Listing(_NOTHING)
    lines = []
    if facts:
        lines += ["Here is what I know about you:"]
        lines += [f"- {_sentence_case(f.text)}" for f in reversed(facts)]
    if preferences:
        lines += ["What you told me you like or avoid:"]
        lines += [f"- “{p.text.strip()}”" for p in reversed(preferences)]
    if rules:
        lines += ["Your standing instructions:"]
        lines += [f"- {r.text or r.action}" for r in rules]
    lines += ["", _HINT]
    ids = [i.id for i in (*facts, *preferences)] + [r.id for r in rules]
    return Listing("\n".join(lines), ids)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
