"""Gift ideas written by code, from what the one receiving it likes (data/gifts.yaml).

"Can you suggest a gift for my dad's 60th birthday? He likes gardening and jazz." got, from the
bundled model, a letter to "Mr. Johnson" and "a vintage car"; asked again with a budget
("Something under 30 pounds please"), it wrote about imperial units. A request for a gift
that names what the person likes, or a budget or another person said right after one, is
answered here with a few ideas per interest within the budget. Without an interest named,
the reply asks what they enjoy and gives a few ideas most people enjoy meanwhile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agents.data_files import data_yaml
from memory.text import sentences

_GIFT = re.compile(r"\b(?:gifts?|presents?|stocking fillers?)\b", re.IGNORECASE)
# "What should I get my sister for Christmas?": a gift when someone is named to get it for.
_GET = re.compile(r"\bwhat (?:should|can|could|do) (?:i|we) (?:get|buy)\b", re.IGNORECASE)
_SOMEONE = re.compile(r"\b(?:him|her|them)\b", re.IGNORECASE)
# Likes said of the person themself ("I love cooking"), not of the one receiving it.
_SELF = re.compile(r"\b(?:i|we)(?:\s+(?:really|also|just|do|absolutely|still))?\s*$",
                   re.IGNORECASE)
_ASKS = re.compile(r"\b(?:suggest\w*|ideas?|recommend\w*|what (?:should|can|could|do) (?:i|we) "
                   r"(?:get|buy|give)|help me (?:find|choose|pick|think of)|any thoughts|"
                   r"what (?:to|would you) (?:get|buy|give))\b|\?", re.IGNORECASE)
# What the one receiving it likes: "He likes gardening and jazz", "she's into yoga".
_LIKES = re.compile(r"\b(?:likes?|loves?|enjoys?|(?:is|'s|are|'re) (?:really )?(?:into|a fan of|"
                    r"mad about|keen on|passionate about)|is obsessed with|fan of|into)\s+"
                    r"(?P<what>[^.!?;]+)", re.IGNORECASE)
_WHO = re.compile(r"\b(?:my|our)\s+(?P<who>(?:\w+[- ]year[- ]old\s+)?"
                  r"(?:little |older |younger |big |best |new )?(?:dad|father|mum|mom|mother|"
                  r"wife|husband|partner|boyfriend|girlfriend|son|daughter|brother|sister|"
                  r"friend|grandma|grandad|grandpa|granddad|nan|gran|uncle|aunt|auntie|cousin|"
                  r"nephew|niece|boss|colleague|teacher|neighbour|neighbor|in-laws|"
                  r"father-in-law|mother-in-law|kids|children|fianc[eé]e?))\b", re.IGNORECASE)
_NUMBER = r"\d+(?:[.,]\d+)?"
_MONEY = re.compile(rf"[£$€]\s?(?P<sign>{_NUMBER})|(?P<word>{_NUMBER})\s?(?:pounds?|quid|euros?|"
                    r"dollars?|bucks|gbp|eur|usd)\b", re.IGNORECASE)
_CHEAP = re.compile(r"\b(?:cheap\w*|inexpensive|not (?:too |very )?expensive|on a budget|tight "
                    r"budget|small budget|small|little|affordable|less expensive)\b",
                    re.IGNORECASE)
_DEAR = re.compile(r"\b(?:splash out|expensive|luxur\w*|big|special|no budget|money'?s no "
                   r"object)\b", re.IGNORECASE)
_FOLLOW_ON = re.compile(r"^\W*(?:(?:and|ok(?:ay)?|thanks|great|hmm|what about|how about|"
                        r"maybe|something|anything|ideally|preferably|but|it should be|"
                        r"i'?d like|i want)\W+)*(?:something|anything|ideas?|one|gifts?|"
                        r"presents?|under|below|less than|up to|no more than|around|about|"
                        r"cheaper|for|[£$€]|\d)", re.IGNORECASE)
_COSTS = ("low", "medium", "high")
_PRONOUNS = {"dad": "he", "father": "he", "husband": "he", "boyfriend": "he", "son": "he",
             "brother": "he", "grandad": "he", "grandpa": "he", "granddad": "he",
             "uncle": "he", "nephew": "he", "father-in-law": "he", "mum": "she",
             "mom": "she", "mother": "she", "wife": "she", "girlfriend": "she",
             "daughter": "she", "sister": "she", "grandma": "she", "nan": "she", "gran": "she",
             "aunt": "she", "auntie": "she", "niece": "she", "mother-in-law": "she"}


@dataclass(frozen=True)
class GiftRequest:
    interests: tuple[str, ...]   # the catalogue's interests, in the order said
    liked: str                   # what the person said the recipient likes, in their words
    who: str                     # "your dad", or "" when no one is named
    budget: str                  # the most a gift may cost: low, medium or high


def catalog() -> dict[str, Any]:
    return data_yaml("gifts.yaml")


# Asked for more after the ideas ("anything else?", "other ideas?"): those not shown yet.
_MORE = re.compile(r"\b(?:else|more|other|others|different|another)\b", re.IGNORECASE)


def answer(message: str, recent: list[dict[str, str]] | None = None) -> str | None:
    """The reply to a request for gift ideas that names what the recipient likes (or goes on
    from one with a budget or another person), or None. Asked for more, only ideas the last
    reply did not give; None when none is left."""
    if _HOW_MUCH.search(message):  # what to spend is asked, not what to give: tips answer
        return None
    found = read(message, recent)
    if found is None:
        return _ask_likes(message)
    shown = (recent or [{}])[-1].get("assistant", "") if _MORE.search(message) else ""
    return compose(found, shown) or None


_HOW_MUCH = re.compile(r"\bhow much (?:money )?(?:should|do|would|shall|can|to|is it (?:ok|okay|"
                       r"normal) to)(?: (?:i|we|you|people|one|parents))? (?:spend|pay|budget|"
                       r"give|put)\b", re.IGNORECASE)
_FORMS = {"he": ("him", "his", "spends", "uses"), "she": ("her", "her", "spends", "uses"),
          "they": ("them", "their", "spend", "use")}


def _ask_likes(message: str) -> str | None:
    """For a gift request that says nothing of what the one receiving it likes, what to tell
    and a few ideas most people enjoy; None for any other message."""
    if len(message) > 160 or not _is_gift_request(message):
        return None
    asked = _asked(message)
    if asked is None or asked.interests or _LIKES.search(message):
        return None
    who = asked.who or "they"
    relation = who.removeprefix("your ").split()[-1]
    pronoun = _PRONOUNS.get(relation, "they")
    obj, possessive, spends, uses = _FORMS[pronoun]
    words = {"who": who, "pronoun": pronoun, "object": obj, "possessive": possessive,
             "spends": spends, "uses": uses, "does": "do" if who == "they" else "does"}
    distant = relation in catalog()["distant"] or bool(
        re.search(catalog()["distant_words"], message, re.IGNORECASE))
    child = re.search(catalog()["child_words"], message, re.IGNORECASE) is not None
    ideas = catalog()["any_ideas_distant" if distant else "any_ideas_child" if child
                      else "any_ideas"]
    lines = [catalog()["ask_likes"].format(**words),
             *(f"- {idea.format(**words)}" for idea in ideas)]
    return "\n".join([*lines, "", str(catalog()["closing"])])


def read(message: str, recent: list[dict[str, str]] | None = None) -> GiftRequest | None:
    """What a gift request asks, read from the message and, when it goes on from a gift
    request just before ("Something under 30 pounds please"), from that one too."""
    earlier = (recent or [])[-1:]
    before = _asked(earlier[0].get("user", "")) if earlier else None
    now = _asked(message) if _is_gift_request(message) else None
    if now is None and before is not None and len(message) <= 160 and (
            _FOLLOW_ON.search(message) or _LIKES.search(message)):
        now = _asked(message, before=before)
    return now if now is not None and now.interests else None


def _asked(text: str, before: GiftRequest | None = None) -> GiftRequest | None:
    """The request ``text`` makes, ``before`` filling in what it leaves out; None when
    ``text`` is no gift request and goes on from none."""
    if before is None and not _is_gift_request(text):
        return None
    liked = " ".join(m["what"].strip() for m in _LIKES.finditer(text)
                     if not _SELF.search(text[:m.start()]))
    interests = _interests(liked) if liked else ()
    who = _WHO.search(text)
    named = f"your {who['who'].lower()}" if who else ""
    budget = _budget(text)
    if before is not None:
        if not interests and named:  # another person, nothing said of them: not known
            return GiftRequest((), "", named, budget or before.budget)
        interests, liked = (interests, liked) if interests else (before.interests, before.liked)
        named = named or before.who
        budget = budget or before.budget
    return GiftRequest(interests, liked, named, budget or "high")


def _is_gift_request(text: str) -> bool:
    return bool(_GIFT.search(text) and _ASKS.search(text)) or bool(
        _GET.search(text) and (_WHO.search(text) or _SOMEONE.search(text)))


def _interests(liked: str) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    lowered = liked.lower()
    for name, spec in catalog()["interests"].items():
        places = [m.start() for w in spec["words"]
                  for m in re.finditer(rf"\b{re.escape(str(w))}\b", lowered)]
        if places:
            found.append((min(places), name))
    return tuple(name for _, name in sorted(found))


def _budget(text: str) -> str:
    money = _MONEY.search(text)
    if money:
        amount = float((money["sign"] or money["word"]).replace(",", "."))
        return "low" if amount <= 35 else "medium" if amount <= 120 else "high"
    if _CHEAP.search(text):
        return "low"
    return "high" if _DEAR.search(text) else ""


def compose(request: GiftRequest, shown: str = "") -> str:
    """A few ideas per interest within the budget, as a list, with a short lead and close;
    none of those already in ``shown``, "" when none is left."""
    room = _COSTS.index(request.budget) if request.budget in _COSTS else len(_COSTS) - 1
    each = 3 if len(request.interests) == 1 else 2
    pronoun = _PRONOUNS.get(request.who.removeprefix("your ").split()[-1], "they") \
        if request.who else "they"
    lines: list[str] = []
    for name in request.interests[:3]:
        ideas = [i for i in catalog()["interests"][name]["ideas"]
                 if _COSTS.index(i["cost"]) <= room and said_of(pronoun, i["idea"]) not in shown]
        # one of each cost first, so that without a budget not only the cheapest come
        spread = sorted(ideas, key=lambda i: (
            [j["cost"] for j in ideas].index(i["cost"]) != ideas.index(i), ideas.index(i)))
        lines += [f"- {said_of(pronoun, i['idea'])}" for i in spread[:each]]
    if not lines:
        return ""
    who = request.who or "them"
    like = "likes" if pronoun != "they" else "like"
    lead = f"Here are a few ideas for {who}, since {pronoun} {like} {_said(request.liked)}"
    if request.budget == "low":
        lead += ", all at the cheaper end"
    return "\n".join([f"{lead}:", *lines, "", str(catalog()["closing"])])


# The ideas are written of "they"; for a mum or a brother, said of her or him ("an author she
# loves", not "an author they love").
_THEY_VERB = re.compile(r"\bthey (love|like|admire|support|want|enjoy)\b")


def said_of(pronoun: str, idea: str) -> str:
    """``idea`` said of ``pronoun`` ("he" or "she"); as it is for "they"."""
    if pronoun == "they":
        return idea
    obj, possessive, _, _ = _FORMS[pronoun]
    idea = _THEY_VERB.sub(lambda m: f"{pronoun} {m[1]}s", idea)
    idea = re.sub(r"\bthey've\b", f"{pronoun}'s", idea)
    idea = re.sub(r"\bthey haven't\b", f"{pronoun} hasn't", idea)
    idea = re.sub(r"\bthey'd\b", f"{pronoun}'d", idea)
    idea = re.sub(r"\btheir\b", possessive, idea)
    idea = re.sub(r"\bthem\b", obj, idea)
    return re.sub(r"\bthey\b", pronoun, idea)


def _said(liked: str) -> str:
    """What they like, in their words, with a trailing clause or mark trimmed."""
    first = sentences(liked)[0] if sentences(liked) else liked
    return _AFTER_LIKED.split(first)[0].strip(" ,.")


# Where what they like ends: "cooking, under £20", "jazz, for his birthday", "yoga but ...".
_AFTER_LIKED = re.compile(r",\s*(?:what|which|any|can|could|do|should|how|is|are)\b|"
                          r",?\s+(?:but|so|because|under|below|less than|up to|no more than|"
                          r"around|about|for (?:his|her|their|my|our|a|the|christmas|\w+day)|"
                          r"[£$€])\b|,?\s*[£$€]", re.IGNORECASE)
