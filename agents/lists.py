"""The person's lists: a shopping list, a to-do list, a packing list.

"Add milk and eggs to my shopping list." got "You can't add milk and eggs to your shopping
list.", and "What's on my shopping list?" a trip to Barcelona. Code reads what is asked of a
list (:func:`read`), respond says what the list holds after it (:func:`reply`), and what Tacit
learns from the turn keeps it (``agents.learn_facts``): each entry a fact of the list's name
("shopping list: milk"), so it is exported, listed and forgotten like every other fact. Only the
entries are kept, in the person's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from memory.facade import Memory
from memory.schema import MemoryItem

# Each list by the words that name it.
_NAMES = {
    "shopping list": r"shopping|grocery|groceries|food shopping",
    "to-do list": r"to-?do|to do|todo|jobs|chores",
    "packing list": r"packing",
}
LIST_NAMES = tuple(_NAMES)  # as each is kept ("shopping list: milk")
_LIST = r"(?:my|the|our|a|this week'?s)\s+(?P<list>" + "|".join(_NAMES.values()) + r")\s+list"
_POLITE = r"^\W*(?:(?:please|ok(?:ay)?|right|and|also|oh|thanks|thank you|great|perfect|can you|" \
          r"could you|will you|would you)\W+)*"
_ADD = re.compile(_POLITE + r"(?:add|put|stick|pop|write|jot)\s+(?:down\s+)?(?P<items>.+?)\s+"
                  r"(?:on|to|onto|in|into|down on)\s+" + _LIST + r"(?:,?\s+please)?\W*$", re.I)
_REMOVE = re.compile(_POLITE + r"(?:remove|take|delete|cross|strike|tick|scratch)\s+"
                     r"(?P<items>.+?)\s+(?:off|from|out of|off of)\s+" + _LIST
                     + r"(?:,?\s+please)?\W*$", re.I)
_SHOW = re.compile(_POLITE + r"(?:what(?:'s| is| have i got| do i have)\s+(?:on|in)\s+|(?:show|"
                   r"read|tell|give|list)\s+(?:me\s+)?(?:out\s+)?|what(?:'s| is)\s+)" + _LIST
                   + r"(?:,?\s+please)?\W*$", re.I)
_CLEAR = re.compile(_POLITE + r"(?:clear|empty|wipe|delete|reset|scrap|forget|bin)\s+(?:all of )?"
                    + _LIST
                    + r"(?:,?\s+please)?\W*$", re.I)
# "Remind me to call the bank on Monday.": nothing of Tacit's runs between messages to remind
# them when the time comes, so what to do goes on their to-do list, and the reply says so. A
# reminder that repeats ("every hour") is left to the reply about reminders.
_REMIND = re.compile(_POLITE + r"(?:please\s+)?(?:don'?t\s+let\s+me\s+forget\s+to|remind\s+me\s+"
                     r"to)\s+(?!.*\b(?:every|each|daily|hourly|weekly|monthly)\b)"
                     r"(?P<what>[^?!\n]{3,80}?)(?:,?\s+(?:please|thanks|thank you))?\W*$", re.I)
# "What did I ask you to remind me about?": the to-do list, where such reminders are kept.
_REMINDED = re.compile(_POLITE + r"(?:what|which things?)\s+(?:did|have)\s+i\s+(?:ask(?:ed)?|"
                       r"tell|told|want(?:ed)?)\s+you\s+to\s+remind\s+me\s+(?:about|of|to do)"
                       r"(?:\s+again)?\W*$|^\W*(?:what|who)\s+(?:were|are)\s+you\s+(?:meant|"
                       r"supposed|going)\s+to\s+remind\s+me\s+(?:about|of)\W*$", re.I)
# "Also bread.", "And butter too.": more of the same, right after an entry was added.
_NOT_ENTRY = (r"(?!(?:what|how|why|when|where|who|which|is|are|can|could|do|does|did|i|i'm|you|"
              r"it|that|this|thanks|thank|ok|okay|yes|no|yeah|nope|please|sorry|great|cool|"
              r"perfect|nice|good)\b)")
_MORE = re.compile(r"^\W*(?:oh\s+)?(?:(?:and|also|plus)\s+(?:add\s+)?|add\s+)" + _NOT_ENTRY
                   + r"(?P<items>[\w' ,&-]{2,60}?)(?:\s+(?:too|as well))?[.!]*$|^\W*" + _NOT_ENTRY
                   + r"(?P<also>[\w' ,&-]{2,60}?)\s+(?:too|as well)[.!]*$", re.I)
# Right after a list was shown or changed: "What's left?", "Read it to me again."
_AGAIN = re.compile(r"^\W*(?:(?:so|and|ok(?:ay)?|right|now)\W+)*(?:what(?:'s| is)\s+(?:left|still "
                    r"(?:on it|on there|left|to do)|on it|on there|remaining)(?:\s+(?:on it|to "
                    r"do|now))?|(?:show|read|give)\s+(?:me\s+)?(?:it|the list|that)(?:\s+(?:to me|"
                    r"again))*)\W*$", re.I)
# Right after a list was shown or changed, something on it said done: "I paid the gas bill."
# is "pay the gas bill" taken off.
_BASE = {"paid": "pay", "called": "call", "rang": "ring", "rung": "ring", "bought": "buy",
         "booked": "book", "sent": "send", "posted": "post", "emailed": "email",
         "cleaned": "clean", "fixed": "fix", "washed": "wash", "finished": "finish", "did": "do",
         "done": "do", "made": "make", "got": "get", "picked up": "pick up", "returned": "return",
         "cancelled": "cancel", "canceled": "cancel", "renewed": "renew", "collected": "collect",
         "ordered": "order", "packed": "pack", "wrote": "write", "written": "write",
         "tidied": "tidy", "mowed": "mow", "hoovered": "hoover", "vacuumed": "vacuum"}
_DONE = re.compile(r"^\W*(?:(?:so|and|ok(?:ay)?|right|also|oh)\W+)*(?:i|we)(?:'ve| have)?\s+"
                   r"(?:just\s+|already\s+|now\s+|finally\s+)?(?P<verb>"
                   + "|".join(sorted(_BASE, key=len, reverse=True)) + r")\s+"
                   r"(?P<items>[\w' ,&-]{2,80}?)(?:\s+(?:today|already|now|too|as well|"
                   r"this morning|earlier))*[.!]*$", re.I)
_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", re.I)
_ARTICLE = re.compile(r"^(?:some|a|an|the|more|another|few|a few|two|2)\s+", re.I)
MOST_ITEMS = 20  # entries one message may add: a longer message is not a list of entries
Action = Literal["add", "remove", "show", "clear"]


@dataclass(frozen=True)
class Change:
    """What a message asks of one of the person's lists."""

    action: Action
    name: str                      # "shopping list"
    items: tuple[str, ...] = ()    # in their words, for an addition or a removal
    reminder: bool = False         # asked as a reminder ("remind me to ...")


def _name(said: str) -> str:
    return next(name for name, words in _NAMES.items()
                if re.fullmatch(words, said.strip(), re.I))


def _items(text: str) -> tuple[str, ...]:
    found = [_ARTICLE.sub("", part.strip(" .!'\"")).strip() for part in _SPLIT.split(text)]
    return tuple(dict.fromkeys(f for f in found if f and len(f.split()) <= 4))


# What stands for the things a recipe just given needs: "Add the ingredients to my list."
_NEEDED = re.compile(r"^(?:all )?(?:the |its |those |these )?(?:ingredients|things? (?:i|we) need|"
                     r"what (?:i|we) need|everything(?: (?:i|we) need)?|them|it all)(?: for (?:it|"
                     r"that|this|the recipe))?$", re.I)


def read(message: str, recent: list[dict[str, str]] | None = None,
         needed: Callable[[], tuple[str, ...]] = tuple) -> Change | None:
    """What ``message`` asks of a list (an entry added or removed, the list shown or
    cleared); "Also bread." right after an entry was added adds to the same list; "the
    ingredients" are what ``needed`` reads (a recipe just given); None for any other
    message."""
    text = message.strip()
    if len(text) > 300 or "\n" in text:
        return None
    remind = _REMIND.match(text)
    if remind:
        return Change("add", "to-do list", (remind["what"].strip(),), reminder=True)
    if _REMINDED.match(text):
        return Change("show", "to-do list")
    for action, pattern in (("add", _ADD), ("remove", _REMOVE), ("show", _SHOW),
                            ("clear", _CLEAR)):
        found = pattern.match(text)
        if found:
            said = found["items"] if "items" in found.groupdict() else ""
            items = needed() if said and _NEEDED.match(said.strip()) else \
                _items(said) if said else ()
            if action in ("add", "remove") and not 0 < len(items) <= MOST_ITEMS:
                return None
            return Change(action, _name(found["list"]), items)  # type: ignore[arg-type]
    last = read(recent[-1].get("user") or "", recent[:-1]) if recent else None
    return _after_list(text, last) if last is not None else None


def _after_list(text: str, last: Change) -> Change | None:
    """What a message right after a list was shown or changed asks of the same list: more
    of it ("Also bread.", "Add buy milk and pay the gas bill."), the list again ("What's
    left?"), or something on it done ("I paid the gas bill."); None for anything else."""
    more = _MORE.match(text)
    if more:
        items = _items(more["items"] or more["also"])
        return Change("add", last.name, items) if 0 < len(items) <= MOST_ITEMS else None
    if _AGAIN.match(text):
        return Change("show", last.name)
    done = _DONE.match(text)
    if done is None:
        return None
    base = _BASE[done["verb"].lower()]
    # a to-do says what to do ("pay the gas bill"); a shopping list only the thing ("milk")
    items = _items(done["items"]) if last.name == "shopping list" else tuple(dict.fromkeys(
        f"{base} {part.strip()}" for part in _SPLIT.split(done["items"]) if part.strip()))
    return Change("remove", last.name, items) if 0 < len(items) <= MOST_ITEMS else None


def _same(a: str, b: str) -> bool:
    """Whether two entries are the same thing ("eggs" and "Eggs", "egg" and "eggs")."""
    def key(s: str) -> str:
        s = s.lower().strip()
        return s[:-1] if s.endswith("s") and not s.endswith("ss") else s
    return key(a) == key(b)


def after(change: Change, before: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The list after ``change``, what it added (not there already) and what it removed."""
    if change.action == "clear":
        return [], [], list(before)
    if change.action == "add":
        added = [i for i in change.items if not any(_same(i, b) for b in before)]
        return [*before, *added], added, []
    if change.action == "remove":
        gone = [b for b in before if any(_same(i, b) for i in change.items)]
        return [b for b in before if b not in gone], [], gone
    return list(before), [], []


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def reply(change: Change, before: list[str]) -> str:
    """What Tacit says to ``change`` of a list that held ``before``."""
    now, added, gone = after(change, before)
    name = change.name
    holds = f"Your {name} now has: {', '.join(now)}." if now else f"Your {name} is empty."
    if change.action == "show":
        return f"Your {name}:\n" + "\n".join(f"- {i}" for i in now) if now else \
            f"Your {name} is empty. Tell me what to add, like \"add milk to my {name}\"."
    if change.action == "clear":
        return f"I've cleared your {name}." if gone else f"Your {name} was already empty."
    if change.action == "add" and change.reminder:
        kept = "So I've put it" if added else "It is already"
        return (f"I can't remind you when the time comes: I only answer when you write to me. "
                f"{kept} on your to-do list: {_joined(list(change.items))}. Ask \"what's on my "
                "to-do list?\" any time, and your phone's calendar can alert you on the day.")
    if change.action == "add":
        there = [i for i in change.items if i not in added]
        said = f"Added {_joined(added)} to your {name}." if added else ""
        already = f"Already on it: {_joined(there)}." if there else ""
        return " ".join(s for s in (said, already, holds) if s)
    missing = [i for i in change.items if not any(_same(i, g) for g in gone)]
    said = f"Took {_joined(gone)} off your {name}." if gone else ""
    absent = f"Not on it: {_joined(missing)}." if missing else ""
    return " ".join(s for s in (said, absent, holds) if s)


def entries(memory: Memory, user: str, name: str) -> list[MemoryItem]:
    """The entries of the person's list ``name``, oldest first."""
    return sorted((i for i in memory.items(user, "fact")
                   if i.text.partition(":")[0].strip().lower() == name),
                  key=lambda i: i.valid_from)


def entry(item: MemoryItem) -> str:
    """An entry's words ("milk" of "shopping list: milk")."""
    return item.text.partition(":")[2].strip()
