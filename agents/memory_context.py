"""The memory part of recall: TaciTree descent within the retrieval budget, traced.

Each entry says through which branch of the tree it came (topic → session → turn), whether
it matched by meaning or by words, and what it cost; the trace keeps all of that but never
the text itself, so forgetting a memory leaves nothing of it in older traces.

The tree writes a turn as a dated transcript ("[2 December 2026] User: ... Assistant: ...").
A small model given that shape continues it: it writes "User:" lines and speaks as the
person. So each entry is put in plain words before it reaches the prompt: what the person
said, and of Tacit's answer only its informative gist (none when it repeats an earlier
answer), with no transcript labels; near-identical entries are kept once.
"""

from __future__ import annotations

import re
from typing import Any

from agents.contract import RecalledEntry, RecallTrace
from agents.replies import REPEAT, UNNAMED, gist, informative, repeats, without_footers
from agents.state import TurnContext
from memory.statements import similar

_TURN = re.compile(r"^\[(?P<day>[^\]]+)\]\s*User:\s*(?P<user>.*?)\nAssistant:\s*(?P<reply>.*)$",
                   re.S)
_UTTERANCE = re.compile(r"^\[(?P<day>[^\]]+)\]\s*(?P<user>.*)$", re.S)
_BRACKET = re.compile(r"^\[(?:known since [^\]]+)\]\s*")
_LABELS = re.compile(r"\b(?:User|Assistant):\s*")
SAME_ENTRY = 0.9
ASKED_AGAIN = 0.7  # a recalled question this like the message asks it again (dates added aside)


def plain(entry: dict[str, Any], replies_seen: list[str], user: str = "they",
          repeated: bool = False) -> str:
    """The entry's text as prompt material: no transcript labels, no footers, no repeats."""
    text = entry["text"]
    if entry["kind"] == "turn":
        turn = _TURN.match(text)
        if turn is None:
            said = _UTTERANCE.match(text)
            return f"({said['day']}) {user} said: {said['user'].strip()}" if said else text
        reply = without_footers(turn["reply"])
        line = f"({turn['day']}) {user} said: {turn['user'].strip()}"
        if not repeated and informative(reply) and repeats(reply, replies_seen, REPEAT) is None:
            brief = gist(reply)
            if brief:
                line += f" (you answered: {brief})"
        replies_seen.append(reply)
        return line
    if entry["kind"] == "summary":
        return _summary(text)
    return _BRACKET.sub("", text)


def _summary(text: str) -> str:
    """A session summary without the replies an extractive summary may quote."""
    head, _, body = text.partition("] ") if text.startswith("[") else ("", "", text)
    parts = [p.split("Assistant:")[0] for p in body.split(" / ")]
    said = "; ".join(_LABELS.sub("", p).strip() for p in parts if p.strip())
    when = head.removeprefix("[conversation of ").strip()
    return f"({when}) a conversation: {said}" if when else said


# Account names that name no one: with none given, the model was told it talked "with
# root" and told the person "You are a conversation with root".
_NO_ONES_NAME = frozenset({"root", "admin", "administrator", "user", "ubuntu", "debian", "pi",
                           "guest", "default", "test", "owner", "local", "me", "tacit"})


def called(memory: Any, user_id: str) -> str:
    """What the prompt calls the person: the name they gave, else their account's name when it
    reads as a name ("ana"), else "the person" ("root", "dev_01"). The notes say it too ("Tom
    said: ..."): "root said" beside "talking with Tom" reads as someone else."""
    name: str | None = memory.facts.current(user_id, "name")
    if name:
        return name
    if user_id.lower() in _NO_ONES_NAME or not re.fullmatch(r"[A-Za-z][A-Za-z'-]{1,30}", user_id):
        return UNNAMED
    return user_id


def _asked_again(text: str, message: str) -> bool:
    """Whether a recalled turn asked what the message asks now: its answer is not offered
    again ("How far should my long run be this weekend?" asked twice had the first answer,
    "18.2056 mm, 97.43 km", in the prompt of the second)."""
    turn = _TURN.match(text)
    return turn is not None and similar(turn["user"], message) >= ASKED_AGAIN


def _flagged(ctx: TurnContext, user_id: str, turn_id: str) -> bool:
    """Whether the turn's reply was found to repeat an earlier one when it was given."""
    turn = ctx.memory.get(user_id, turn_id)
    trace = getattr(turn, "trace", None) or {}
    return bool((trace.get("respond") or {}).get("repeats"))


def memory_context(ctx: TurnContext, user_id: str, message: str, skip: set[str],
                   budget: int | None = None) -> tuple[list[RecalledEntry], RecallTrace]:
    """(entries for the prompt, best first; the trace of how they were found).

    Entries together cost at most ``budget`` tokens (the retrieval budget by default),
    counted on the text that goes into the prompt.
    """
    budget = ctx.retrieval_budget if budget is None else max(0, budget)
    found = ctx.memory.tree.descend(user_id, message, budget,
                                    count_tokens=ctx.model.count_tokens, exclude=skip)
    recalled: list[RecalledEntry] = []
    kept = []
    replies_seen: list[str] = []
    spent = 0
    name = called(ctx.memory, user_id)
    for e in found.entries:
        text = plain({"kind": e.kind, "text": e.text}, replies_seen, name,
                     e.kind == "turn" and (_asked_again(e.text, message)
                                           or _flagged(ctx, user_id, e.id)))
        if not text.strip() or any(similar(text, r.text) >= SAME_ENTRY for r in recalled):
            continue
        tokens = ctx.model.count_tokens(text)
        if spent + tokens > budget:
            continue
        spent += tokens
        kept.append(e)
        recalled.append(RecalledEntry(
            id=e.id, kind=e.kind, text=text, score=round(e.score, 5), matched_by=e.matched_by,
            session_id=e.session_id, tokens=tokens, branch=e.branch, current=e.current))
    shown = [{**e.trace(), "tokens": r.tokens} for e, r in zip(kept, recalled, strict=True)]
    trace = RecallTrace(retrieved=shown, tokens=spent, budget=budget, method="tacitree",
                        path=found.path)
    return recalled, trace
