"""Tacit's replies as text: what of a past one a prompt may carry, and what of a new draft
the person is shown.

A small model copies what it reads. A past reply fed back to it verbatim, a footer ("Noted
preference: ...", "(Assumed ...)") or a reply that already repeated an earlier one becomes the
next reply, and the conversation degenerates into one sentence. So replies are cleaned of
footers, replies that repeat an earlier one are dropped, and what is left is cut to its first
sentences and attributed to Tacit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from agents.about_me import STORED_AS
from agents.safety_resources import split_required
from agents.tuning import TurnTuning
from memory.statements import is_question, is_request, repeats, similar
from memory.text import (
    STOP_WORDS,
    WRITTEN_TEXTS,
    negated,
    normalize,
    sentence_pieces,
    sentences,
    stem,
    stems,
)

# What front ends add to the text of a reply; presentation, never evidence.
FOOTERS = (
    re.compile(r"^\s*Noted (?:instruction|preference)\b[^\n]*$", re.M),
    re.compile(r"\(Assumed [^)]*\)", re.S),
    re.compile(r"\(Your message was long[^)]*\)", re.S),
    re.compile(r"^\s*It replaces [^\n]*$", re.M),
)
# A reply that only apologises or asks back tells nothing worth recalling; nor does one of
# the acknowledgements code writes ("Nice to meet you, Tom! I'll remember that ..."): what
# they acknowledge is kept as facts, and the model given them as its answers copies them.
_EMPTY = re.compile(r"^(?:i'?m sorry|sorry|i apologi[sz]e|i (?:can(?:no|')t|couldn'?t|"
                    r"don'?t have)|as an ai|could you|can you|please provide|"
                    r"i am not sure how to answer|"
                    r"nice to meet you|thanks for telling me|got it\b|you'?re welcome|"
                    r"bye for now|i'?ll (?:remember that|keep (?:that|to that)))", re.I)
# The tuned numbers (how much of a past reply a prompt may carry, what counts as a copy, how
# long the first words are held, what a short answer is) are in data/turn_tuning.yaml.


def __getattr__(name: str) -> Any:
    """``REPEAT``, the similarity at which a reply repeats another, read from the tuning file
    (other modules import it by this name)."""
    if name == "REPEAT":
        return TurnTuning.defaults().copy_similarity
    raise AttributeError(name)


def without_footers(reply: str) -> str:
    """``reply`` without the notes front ends append (what was noted, what was assumed)."""
    text = reply
    for footer in FOOTERS:
        text = footer.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# A reply that only points at an earlier one: "(Same answer as previous)", "See above."
_POINTS_BACK = re.compile(r"^\W*(?:(?:the )?same (?:answer|reply|response|as (?:before|above))"
                          r"(?: as (?:before|previous(?:ly)?|above|last time|the previous one))?"
                          r"|see (?:my )?(?:above|previous (?:answer|reply|message))"
                          r"|as (?:i )?(?:said|mentioned) (?:before|above))\W*$", re.I)


def points_back(reply: str) -> bool:
    """Whether ``reply`` says nothing but that it was said before."""
    return bool(_POINTS_BACK.match(reply.strip()))


def informative(reply: str) -> bool:
    """Whether a reply says something (not only an apology or a question back). A reply that
    opens with crisis resources is not material for later answers: offered as "you answered",
    its words ("your safety is my top priority") came back in tips for a deadline."""
    if split_required(reply)[0] or reply.strip() == STORED_AS:
        return False  # a listing's stand-in says nothing: copied, it read "the list itself ..."
    said = [s for s in sentences(reply) if not _EMPTY.match(s) and not s.endswith("?")]
    return bool(said)


# "Make it shorter", "too long", "tl;dr": the last answer, shorter.
_SHORTER = re.compile(
    r"^\W*(?:(?:ok|okay|please|hmm|can you|could you)\W+)*(?:(?:make|keep|say) it\s+|that'?s\s+|"
    r"it'?s\s+)?(?:a bit |a little |much |way |far )?(?:shorter|briefer|more concise|too long)"
    r"(?:\s+please)?[\s.!?]*$|^\W*(?:tl;?dr|summari[sz]e (?:that|it)|shorter version)[\s.!?]*$",
    re.I)
SHORTER_WORDS = 60  # the last answer cut to its first sentences, this many words at most


def asks_shorter(message: str) -> bool:
    """Whether the message asks for the last answer shorter ("make it shorter", "tl;dr")."""
    return _SHORTER.match(message.strip()) is not None


def after_listing(recent: list[dict[str, str]] | None) -> bool:
    """Whether the last reply was a listing of what Tacit knows (stored as its stand-in)."""
    return bool(recent) and split_required((recent or [{}])[-1].get("said") or "")[1] \
        .strip() == STORED_AS


def shorter(message: str, recent: list[dict[str, str]] | None) -> str:
    """For "Make it shorter" after an answer, its first sentences; "" otherwise. Code keeps
    what was said: the small model given the request wrote nothing but the note saying what
    it followed on from."""
    if not asks_shorter(message) or not recent or after_listing(recent):
        return ""  # a listing just given is listed again, shorter, by respond
    last = next((said for turn in reversed(recent)
                 if informative(said := split_required(turn.get("said") or "")[1])), "").strip()
    if len(last.split()) <= SHORTER_WORDS:
        return _shorter_still(last)
    lines = [line for line in last.splitlines() if line.strip()]
    if len(lines) == 1:
        return gist(last, SHORTER_WORDS)
    kept: list[str] = []  # a list keeps whole lines, in order
    for line in lines:
        if kept and len(" ".join([*kept, line]).split()) > SHORTER_WORDS:
            break
        kept.append(line)
    return "\n".join(kept)


ALREADY_SHORT = ("That's already short, so I can't cut much more without losing the point. "
                 "Tell me what to leave out and I'll cut it.")


def _shorter_still(last: str) -> str:
    """A short answer made shorter: its first sentences, half its words at most; or, for a
    single sentence, a list or a riddle, saying so (the small model asked wrote the person's
    questions back: "What's your name? Where do you live?")."""
    said = [s for s in sentences(last) if not _EMPTY.match(s)]
    if len(said) <= 1 or "\n" in last.strip() or any(s.endswith("?") for s in said):
        return ALREADY_SHORT  # one sentence, a list, or a question and its answer
    return gist(" ".join(said), max(len(said[0].split()), len(last.split()) // 2))


# "Can you repeat that?", "What was the first thing you suggested?": Tacit's own words of this
# conversation, which the small model made up ("In my previous response, you asked me to
# suggest a new product or service ...").
_SAY_AGAIN = re.compile(
    r"^\W*(?:(?:sorry|ok|okay|please|hmm|wait)\W+)*(?:(?:can|could|would) you (?:please )?"
    r"(?:repeat|say) (?:that|it|what you said)(?: again)?|say (?:that|it) again|repeat (?:that|"
    r"it|yourself|your (?:last )?(?:answer|reply))|what did you (?:just )?say|come again)"
    r"(?:\s+please)?[\s.!?]*$", re.I)
_SAID_FIRST = re.compile(
    r"^\W*(?:(?:sorry|ok|okay|so|and|wait)\W+)*(?:what (?:was|were) (?:the first (?:thing|idea|"
    r"suggestion|option|answer|plan)s?|your first (?:suggestion|idea|answer|reply|plan)s?)"
    r"(?: (?:you|that you) (?:suggested|said|gave me|mentioned|recommended|came up with))?|"
    r"what did you (?:suggest|say|recommend) (?:first|at first|at the start|before that))"
    r"(?:\s+again)?[\s.!?]*$", re.I)


# "What did I ask you first?": the person's own first message of this conversation, which
# the small model answered "The usual. I'm just a reminder that wherever you are ...".
_ASKED_FIRST = re.compile(
    r"^\W*(?:(?:sorry|ok|okay|so|and|wait|remind me)\W+)*(?:what (?:did|was it) i (?:ask|say|"
    r"tell you|write|want)(?: you| to you)? (?:first|at first|at the start|to begin with|"
    r"earlier)|what (?:was|were) my (?:first|earlier) (?:question|message|request|words?)|"
    r"what was the first thing i (?:asked|said|wrote)(?: you)?)(?:\s+again)?[\s.!?]*$", re.I)


def asked_first(message: str, first: Callable[[], str]) -> str:
    """For "What did I ask you first?", the person's first message of this conversation
    (``first`` reads it; "" when there is none), quoted by code; "" otherwise."""
    if not _ASKED_FIRST.match(message.strip()):
        return ""
    said = first().strip()
    return f"You first asked: “{said}”" if said else \
        "This is the first thing you've asked me in this conversation."


def said_again(message: str, recent: list[dict[str, str]] | None,
               first: Callable[[], str] | None = None) -> str:
    """For "Can you repeat that?", the last reply of this conversation, and for "What was
    the first thing you suggested?", its first (``first`` reads it from the whole
    conversation; else the first of ``recent``), quoted by code; "" otherwise."""
    replies = [re.sub(r"^(?:First )?I said:\s*", "", said) for turn in recent or []
               if (said := split_required(turn.get("said") or "")[1].strip())]
    if not replies:
        return ""
    if _SAY_AGAIN.match(message.strip()):
        return f"I said:\n\n{replies[-1]}"
    if _SAID_FIRST.match(message.strip()):
        return f"First I said:\n\n{(first and first()) or replies[0]}"
    return ""


def gist(reply: str, words: int | None = None) -> str:
    """The first sentences of a reply that carry information, at most ``words`` words
    (``recalled_reply_words`` of the tuning when not given)."""
    words = TurnTuning.defaults().recalled_reply_words if words is None else words
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


# A sentence that turns the person away: the small model's answer to a sad or a personal
# message ("This is not something that can be discussed in public.").
_TURNS_AWAY = re.compile(
    r"\bI\s+(?:can(?:no|')?t|cannot|(?:am|'m) not able to|(?:am|'m) unable to|won'?t|"
    r"(?:do not|don'?t) have the (?:ability|capability|capacity|means) to)\s+"
    r"(?:help|assist|discuss|provide|answer|talk about|give|offer|suggest|recommend|create|"
    r"write|plan)\b|\bcan(?:no|')?t be (?:discussed|answered)|"
    r"\bnot (?:something|a topic|the (?:best|right) place)\b[^.!?\n]{0,40}\b(?:discuss\w*|talk\w*|"
    r"answer\w*)|\bas an ai\b|\bI can only (?:assist|help) with\b|"
    # "Can you give me a recipe for dinner?" got "I'm sorry, but I don't have any recipes
    # available right now."
    r"\bI\s+(?:do not|don'?t)\s+have\s+(?:any\s+)?(?:\w+\s+)?(?:recipes?|information|"
    r"suggestions|ideas|answers?|recommendations|tips)\s+(?:available|for you|to (?:give|share|"
    r"offer)|right now|at the moment)\b|"
    # The request turned back on the person: "Suggest a dinner for tonight." got "You can't
    # suggest a dinner for tonight."
    r"\byou(?:\s+|'re\s+)(?:can(?:no|')?t|cannot|are not allowed to|aren'?t allowed to|"
    r"not allowed to)\s+(?:suggest|"
    r"recommend|request|ask for)\b|\bnot allowed to (?:make|give|offer) (?:any )?suggestions\b",
    re.I)


def turns_away(draft: str) -> bool:
    """Whether ``draft`` is mostly a refusal: a short reply (three sentences at most) with at
    most one sentence besides those that turn the person away."""
    said = _said(draft)
    away = [s for s in said if _only_refuses(s)]
    return bool(away) and len(said) <= 3 and len(said) - len(away) <= 1


# "Give me a workout for this morning." got "You can't workout for today.": the request said
# back to the person as a thing they may not do.
# "..., but you cannot change the recipe itself." too; not "you can't go wrong with it".
_YOU_MAY_NOT = re.compile(r"(?:^\W*|,\s*(?:but|and|so)\s+)you(?:\s+|'re\s+)(?:can(?:no|')?t|"
                          r"cannot|can not|are not allowed to|aren'?t allowed to|not allowed to|"
                          r"are unable to|shouldn'?t|should not|mustn'?t)\s+"
                          r"(?!go wrong|beat|miss|lose|fail|help but)(?P<rest>[^.!?\n]*)", re.I)
_SMALL = STOP_WORDS | {"some", "any", "today", "now", "please"}


def turns_back(draft: str, request: str) -> bool:
    """Whether a short draft (three sentences at most) tells the person they may not do what
    they asked Tacit for: the request is one ("Give me ...", "Suggest ..."), and a sentence
    opening "You can't" speaks of a word of it. "Can I give my dog chocolate?" asks no
    request, and "You can't give a dog chocolate." answers it."""
    if not any(is_request(s) for s in sentences(request)):
        return False
    asked = set(stems(request)) - {stem(w) for w in _SMALL}
    said = _said(draft)
    back = [s for s in said if (m := _YOU_MAY_NOT.search(s)) and asked & set(stems(m["rest"]))]
    return bool(back) and len(said) <= 3 and len(said) - len(back) <= 1


# "Sure, I'd be happy to help you plan something exciting.", "I can help you with that.": help
# promised, none given.
_PROMISE = re.compile(r"^\W*(?:(?:sure|of course|absolutely|certainly|ok(?:ay)?|yes|great|"
                      r"no problem)\W+)*(?:but\s+)?(?:i'?d|i would|i'?ll|i will|i can|let me|i'?m|"
                      r"i am)\s+(?:be\s+)?(?:(?:more than |very |so |really )?(?:happy|glad|"
                      r"delighted|pleased|here)\s+to\s+)?(?:help|assist)\b|"
                      # "I'll make sure to keep my answers short, please.": a rule promised
                      # back, for an answer (said in two turns of one conversation).
                      r"^\W*(?:(?:sure|of course|ok(?:ay)?|got it)\W+)*(?:i'?ll|i will)\s+(?:make "
                      r"sure to|be sure to|remember to|try to|always)\s+(?:keep|use|answer|give|"
                      r"write|reply|respond|stick|be)\b", re.I)
_ASKING = {stem(w) for w in ("can", "could", "would", "you", "me", "please", "help", "for",
                             "give", "suggest", "recommend", "tell", "some", "any", "what",
                             "how", "a", "an", "the", "i", "my")}


def only_promises(draft: str, message: str) -> bool:
    """Whether a draft to a message that asks for something ("Can you suggest a weekend trip
    for me?") only apologises, promises help or asks back: the bundled model answered "Sure,
    I'd be happy to help you plan something exciting. What's your pleasure?". "Can you help
    me?" asks for nothing yet, a question back alone may be what must be known first, and a
    draft that says anything else answers."""
    asks = [s for s in sentences(message) if is_request(s) or is_question(s)]
    if not asks or len(set(stems(" ".join(asks))) - _ASKING) < 2:
        return False
    said = sentences(draft)
    asked_back = [s for s in said if s.rstrip().endswith("?")]
    rest = [s for s in said if s not in asked_back]
    # A question back alone may be the one thing to know ("Where are you going?").
    return bool(rest) and all(_EMPTY.match(s) or _only_a_promise(s) for s in rest)


ECHO_WORDS = 3  # a draft this long or longer, all of it the request's own words, says nothing
# A question that asks for something to be made ("can you help me write ...?").
_WRITE = re.compile(r"\b(?:write|draft|compose|rewrite|reword|make|create|give|list|suggest|"
                    r"recommend|plan|translate|summari[sz]e|explain)\b", re.I)


def only_echoes(draft: str, message: str) -> bool:
    """Whether a short draft to a request ("help me write a short message to my landlord? the
    boiler has been broken for 3 days") only says the request's own words back ("The boiler
    has been broken for 3 days."), or only asks the person's question back: nothing was
    written. A question answered in its own words is an answer ("Is Paris the capital of
    France?", "Paris is the capital of France."). The whole message said back, word for word,
    is an echo whatever it was ("thanks, he's 9" got "thanks, he's 9")."""
    if normalize(draft) and normalize(draft) == normalize(message):
        return True
    said = sentences(draft)
    own = set(stems(draft)) - _ASKING
    if not (0 < len(said) <= 2 and len(own) >= ECHO_WORDS and own <= set(stems(message))):
        return False
    # The question asked back, in any language: "Hola, me llamo Lucía. ¿Me recomiendas un
    # libro para aprender inglés?" got itself as its reply.
    if draft.rstrip().endswith("?") and message.rstrip().endswith("?"):
        return True
    return any(is_request(s) or (is_question(s) and _WRITE.search(s)) for s in sentences(message))


# Something to be written for the person ("help me write a short email to my landlord").
_TO_WRITE = re.compile(rf"\b(?:write|draft|compose)\b[^.?!\n]{{0,40}}\b{WRITTEN_TEXTS}\b", re.I)


def only_asks_back(draft: str, message: str) -> bool:
    """Whether a draft to a request for a text to be written only asks one question back:
    "Can you help me write a short email to my landlord? The kitchen tap has been leaking
    for a week." got "Can you please provide me with a specific piece of furniture that has
    been leaking kitchen tap?". The request held all a short text needs."""
    said = _said(draft)
    return len(said) == 1 and said[0].rstrip().endswith("?") and bool(_TO_WRITE.search(message))


def says_nothing(draft: str, message: str) -> bool:
    """Whether a draft only promises help, only says the request back, only asks back for a
    text to be written (see each), or is a lead-in with nothing after it ("The answer to your
    question is:")."""
    return only_promises(draft, message) or only_echoes(draft, message) or only_asks_back(
        draft, message) or bool(draft.strip() and not _said(draft))


def _only_a_promise(sentence: str) -> bool:
    """A promise of help with little after it ("… to help you plan something exciting."), not
    one that goes on to give it ("I can help: try the Lake District.")."""
    found = _PROMISE.match(sentence)
    after = sentence[found.end():] if found else ""
    return found is not None and ":" not in after and len(after.split()) <= 6


def _said(draft: str) -> list[str]:
    """The draft's sentences, lead-ins ("Here is what I can say:") aside."""
    return [s for s in sentences(draft) if not s.rstrip().endswith(":")]


def _only_refuses(sentence: str) -> bool:
    """A sentence that turns away and answers nothing after it ("I can't give legal advice,
    but a will needs two witnesses" answers; "I cannot recommend it enough" praises)."""
    found = _TURNS_AWAY.search(sentence)
    return found is not None and not re.search(r"\b(?:but|however|though|enough)\b",
                                               sentence[found.end():], re.I)


_REFUSAL_TAIL = re.compile(r",?\s+(?:but|however,?)\s+(?=I\s+(?:can(?:no|')?t|cannot|"
                           r"(?:am|'m) (?:not|un)able to|won'?t|(?:do not|don'?t) have the "
                           r"(?:ability|capability|capacity|means) to)\b)", re.I)


def without_refusals(draft: str) -> str:
    """``draft`` without what only turns the person away, when the rest says something: a
    sentence that only refuses goes, and "I'm sorry for your loss, but I can't help you with
    that." keeps its first part. A reply that is nothing but a refusal is left as it is."""
    said = _said(draft)
    if not any(_only_refuses(s) for s in said) or all(_only_refuses(s) for s in said):
        return draft
    out = draft
    for sentence in said:
        if not _only_refuses(sentence):
            continue
        turn = _REFUSAL_TAIL.search(sentence)
        kept = sentence[:turn.start()].rstrip(" ,") + "." if turn and \
            not _TURNS_AWAY.search(sentence[:turn.start()]) else ""
        at = out.find(sentence)
        if at < 0:
            continue
        out = out[:at] + (f"{kept} " if kept else "") + out[at + len(sentence):].lstrip(" \t")
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def new_part(reply: str, earlier: list[str]) -> str:
    """The sentences of ``reply`` that none of the ``earlier`` replies already said."""
    said = {normalize(s) for old in earlier for s in sentences(old)}
    fresh = [s for s in sentences(reply) if normalize(s) not in said]
    return " ".join(fresh) if len(fresh) < len(sentences(reply)) else reply


def usable_replies(replies: list[str]) -> list[str]:
    """For each reply, in order, what a prompt may carry of it: "" for a reply that repeats
    an earlier one or says nothing, otherwise the reply without its footers."""
    out: list[str] = []
    seen: list[str] = []
    bar = TurnTuning.defaults().copy_similarity
    for reply in replies:
        clean = without_footers(reply)
        if not informative(clean) or repeats(clean, seen, bar) is not None:
            out.append("")
        else:
            out.append(clean)
        seen.append(clean)
    return out


# A line that opens a new turn of a transcript: what follows is the model playing both sides.
_TURN_LABEL = re.compile(
    r"^\s*(?:[-*]\s*)?(?:[\[(][^\])]{3,40}[\])]\s*)?(?:User|Assistant|Human|System|Tacit|"
    # a transcript headed as one: "Chat History:" then "- The other person replied: ..."
    r"(?:chat|conversation) history|earlier in (?:this|the) conversation|previous messages)\s*:",
    re.I)
# A line that copies the prompt's notes back ("- ana said: ...", "you answered: ...").
_NOTE_ECHO = re.compile(
    r"^\s*(?:[-*]\s*)?(?:[\[(][^\])]{3,40}[\])]\s*)?"
    r"(?:(?:they|the person|the user|the other person) (?:said|added|asked|wrote|replied|"
    r"continued)"
    r"(?:\s*[\[(][^\])]{3,60}[\])])?\s*:|"
    r"you (?:answered|replied)\s*:|"
    r"Noted (?:instruction|preference)\b|Today is\b|What you know about\b|"
    r"you know about [^:\n]{1,40}:|Rules \w+ gave you\b|"
    r"Earlier in this conversation\b|Known about\b|\(?This follows on from\b|"
    # "- the person asked about a dessert, which is not allowed in Thailand": a note of the
    # request written out, not an answer to it.
    r"(?:the person|the user) (?:asked|wants|would like|mentioned|has mentioned|told)\b|"
    # "- They said they've been struggling with debt ...", to "I earn about 2,400 a month".
    r"(?:they|the person|the user) said (?:that )?they(?:'re|'ve|'d| are| have| had| were)?\b)",
    re.I)


# The prompt's own marker of an earlier answer, read back bare: "10% cocoa (you answered)", or
# with a made-up answer after it: "(you answer: 13 ounces of soap + 7 liters of water)".
_MARKER = re.compile(r"[ \t]*\(you (?:answered|replied|said|answer)(?::[^()\n]{0,200})?\)",
                     re.I)
# A gesture acted out, as in a script: "(smiling)", "*laughs*", "(winks at you)".
_ACTED = (r"\s*(?:smil|laugh|grin|chuckl|wink|nod|sigh|giggl|beam|blush|shrug)\w*"
          r"(?:\s+\w+){0,2}[.!]?\s*")
_GESTURE = re.compile(rf"[ \t]*(?:\({_ACTED}\)|(?<!\*)\*{_ACTED}\*(?!\*))", re.I)
# What it is about to do, said in brackets on a line of its own: "(I'm going to make it
# funnier)", to "Make it funnier".
_ANNOUNCED = re.compile(r"^[ \t]*\((?:I'?m|I am|I will|I'll|let me|here'?s|here is)\s+(?:going "
                        r"to\s+|gonna\s+|now\s+)?(?:make|write|rewrite|try|add|give|do|change|"
                        r"turn|keep)\b[^()\n]{0,80}\)[ \t]*$\n?", re.I | re.M)


# What the prompt calls a person whose name Tacit does not know (agents.memory_context.called).
UNNAMED = "the person"


def first_name(user: str) -> str:
    """The word a reply would call the person by ("Tom"), or "" when no name is known: "the"
    of "the person" would read "This is the best way" as the model speaking as them."""
    return user.split()[0] if user.strip() and user != UNNAMED else ""


def own_reply(draft: str, user: str, prompt_lines: list[str] | None = None,
              copy_similarity: float | None = None, guides: list[str] | None = None) -> str:
    """The draft up to the first line that continues the prompt (a "User:" line, a dated
    transcript line, a footer), without lines that copy the prompt's own lines (its notes,
    the preference reminder), without sentences read out of the guidance it was given
    (``guides``: "You asked for specifics that could hurt them."), and without sentences in
    which the model speaks as the person ("I'm Ana, ...")."""
    bar = TurnTuning.defaults().copy_similarity if copy_similarity is None else copy_similarity
    given = without_footers(draft).splitlines()
    lines = [_unguided(ln, guides) for ln in given if not _copies(ln, prompt_lines or [], bar)]
    name = re.escape(first_name(user))
    # A later line headed with the person's name is the model writing their turn ("Tom: Yes,
    # we'll definitely love you, my friend!").
    theirs = re.compile(rf"^\s*{name}\s*:", re.I) if name else None
    for n, line in enumerate(lines):
        if _TURN_LABEL.match(line) or (n and theirs and theirs.match(line)):
            lines = lines[:n]
            break
    # "ana said: ...", "[5 Dec] ana said: ..." and the note's own form "ana said (5 Dec): ..."
    said = re.compile(rf"^\s*(?:[-*]\s*)?(?:[\[(][^\])]{{3,40}}[\])]\s*)?{name} "
                      rf"(?:said|added|asked|wrote|replied|continued)"
                      rf"(?:\s*[\[(][^\])]{{3,60}}[\])])?\s*:", re.I)
    kept = [cut for ln in lines if not _NOTE_ECHO.match(ln) and not (name and said.match(ln))
            if (cut := _before_echo(ln, name)).strip() or not ln.strip()]
    text = _once(_MARKER.sub("", _GESTURE.sub("", _ANNOUNCED.sub("", "\n".join(kept)))).strip())
    # A last line that only leads in ("Here's the response:") to a note cut out above.
    text = re.sub(r"(?:^|\n)[^\n]{0,80}:\s*$", "", text) if len(kept) < len(given) else text
    if name:  # the model speaking as the person: "I'm Ana, a vegetarian chef."
        text = re.sub(rf"(?:^|(?<=[.!?\n]))[ \t]*(?:hi,?\s+|hello,?\s+)?(?:i'?m|i am|my name is|"
                      rf"this is)\s+{name}\b[^.!?\n]*[.!?]?", "", text, flags=re.I)
        text = re.sub(rf"^{name}\s*:\s*", "", text.strip(), flags=re.I)
    return text.strip()


_WORD = re.compile(r"[a-z0-9']+")
COPIED_WORDS, COPIED_SHARE = 4, 0.7  # a line mostly made of a prompt line's words is a copy
QUOTED_RUN = 6  # words in a row from a guidance line that make a sentence its echo


def _unguided(line: str, guides: list[str] | None) -> str:
    """``line`` without its sentences that are mostly words read out of a guidance line (six
    or more in a row, and most of the sentence): the model speaking its instructions."""
    if not guides or len(line.split()) < QUOTED_RUN:
        return line
    pieces = sentence_pieces(line)
    kept = [p for p in pieces if not any(_quotes(p, g) for g in guides)]
    return line if len(kept) == len(pieces) else " ".join(kept)


def _quotes(sentence: str, guide: str) -> bool:
    """Six or more of the guide's words in a row make most of the sentence; or the sentence
    opens with the guide's own first word and says little else ("- Avoid giving doses
    beyond the label." for "- Avoid diagnosing, or doses beyond the label."); or it opens
    with the guide's first six words ("If it is serious or lasting, suggest a career
    adviser, or if work has harmed your health, please reach out to a doctor ...")."""
    said, given = _WORD.findall(sentence.lower()), _WORD.findall(guide.lower())
    if len(said) < QUOTED_RUN - 1 or len(given) < QUOTED_RUN:
        return False
    if said[0] == given[0] and len(set(said) - set(given)) <= len(said) // 5:
        return True
    if said[:QUOTED_RUN] == given[:QUOTED_RUN]:  # opens as the line does, then goes its way
        return True
    longest, previous = 0, [0] * (len(given) + 1)
    for word in said:
        row = [0] * (len(given) + 1)
        for j, other in enumerate(given, 1):
            if word == other:
                row[j] = previous[j - 1] + 1
                longest = max(longest, row[j])
        previous = row
    return longest >= QUOTED_RUN and longest >= 0.6 * len(said)


def _copies(line: str, prompt_lines: list[str], bar: float) -> bool:
    """Whether a draft line reproduces one of the prompt's lines (five words or more), or is
    mostly its words, four or more of them ("- (197 cm, metres, kilograms, grams, litres,
    °C.)" from "Use metric units only: kilometres, metres, kilograms, grams, litres, °C."), or
    is one of them word for word, however short ("- Avoid rushing them.", a line of the
    guidance for a question about retiring, given as the whole reply)."""
    said = _WORD.findall(line.lower())
    if len(said) >= 2 and any(said == _WORD.findall(p.lower()) for p in prompt_lines):
        return True
    if len(line.split()) < 5:
        return False
    mine = _content(line)
    return any(similar(line, p) >= bar or (
        len(mine & (theirs := _content(p))) >= COPIED_WORDS
        and len(mine & theirs) >= COPIED_SHARE * len(mine))
        for p in prompt_lines if len(p.split()) >= 5)


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS}


_ECHO_INSIDE = re.compile(r"\(?\byou (?:answered|replied)\s*:|\bToday is \w+day\b|"
                          r"\bWhat you know about\b|\bRules \w+ gave you\b|"
                          r"\bEarlier in this conversation\b|\[\d{1,2} [A-Z][a-z]+ \d{4}\]|"
                          r"\(\d{1,2} [A-Z][a-z]+ \d{4}\)", re.I)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _beginnings(template: str, name: str = "") -> str:
    """A pattern for any beginning of a text that ``template`` describes, or that text with
    more after it. In the template a space stands for whitespace, ``~`` for optional
    whitespace, ``#`` for a word and ``{name}`` for ``name``; anything else is itself."""
    atoms = {" ": r"\s+", "~": r"\s*", "#": r"\w+"}
    head, _, tail = template.partition("{name}")
    pieces = [atoms.get(c, re.escape(c)) for c in head]
    if _:
        pieces += [re.escape(c) for c in name] + [atoms.get(c, re.escape(c)) for c in tail]
    some = ""
    for piece in reversed(pieces):
        some = f"(?:{piece}{some})?"
    return rf"{''.join(pieces)}.*|{some}"


# How a line that own_reply drops whole begins, once a bullet ("- ") and a bracketed date or
# name ("[2 May 2026]") are set aside: a transcript's label, a note of the prompt read back.
# Each is written as _beginnings reads it; {name} is the person's name.
_OPENERS = ("user~:", "assistant~:", "human~:", "system~:", "tacit~:", "they said:",
            "the person said:", "they said~(", "the person said~(", "you answered~:",
            "you replied~:", "noted instruction", "noted preference", "today is",
            "what you know about", "rules # gave you", "earlier in this conversation",
            "known about", "the person asked", "the person wants", "the person would like",
            "the user asked", "the user wants", "the user would like")
_AS_THE_PERSON = ("{name} said:", "{name} said~(", "{name}~:",
                  *(f"{hello}{intro} {{name}}" for hello in ("", "hi ", "hi, ", "hello ",
                                                             "hello, ")
                    for intro in ("i'm", "im", "i am", "my name is", "this is")))
_BULLET = re.compile(r"^\s*(?:[-*]\s*)?")
_BRACKET = re.compile(r"[\[(]([^\])]*)([\])]?)\s*")


@functools.lru_cache(maxsize=64)
def _echo_start(name: str) -> re.Pattern[str]:
    """What a line of the draft may still turn into a line own_reply drops, for ``name``."""
    openers = [*_OPENERS, *(_AS_THE_PERSON if name else ())]
    return re.compile("|".join(f"(?:{_beginnings(t, name)})" for t in openers), re.I | re.S)


def may_open_echo(line: str, name: str) -> bool:
    """Whether ``line`` (the beginning of a draft line) may still become a line that
    ``own_reply`` drops whole: a transcript's label, a note read back, the model speaking as
    the person. False once no continuation can make it one. A line ending in a space ends
    with a whole word ("This is a " cannot become "This is Ana")."""
    rest = line[_BULLET.match(line).end():]  # type: ignore[union-attr]
    bracket = _BRACKET.match(rest)
    if bracket:
        inner, closed = bracket.groups()
        if not closed and len(inner) <= 40:
            return True  # an unfinished "[2 May 2026" may still be a dated label
        # A date or a name in brackets may open a label; "(you answered: ..." reads the
        # prompt back as well, so what follows a bracket is looked at in either case.
        rest = rest[bracket.end():] if closed and 3 <= len(inner) <= 40 else rest[1:]
    return _echo_start(name).fullmatch(rest.lstrip()) is not None


class DraftStream:
    """Streams a draft as ``own_reply`` would leave it: whole sentences at a time, so a
    sentence that quotes the prompt is held back (a line is checked again when it is whole),
    and generation stops at a line that opens a transcript. Sentence by sentence, not line by
    line: a reply written as one paragraph still shows its first sentence at once.

    The first sentence alone streams word by word, from its first whole word once what its
    line says so far can no longer begin a line own_reply drops (``may_open_echo``) nor one
    of the prompt's lines: the person sees the reply start as soon as it can be told apart
    from a label or a note read back. ``hold_words`` (tuning) holds at least that many words
    even then."""

    def __init__(self, user: str, prompt_lines: list[str] | None = None,
                 tuning: TurnTuning | None = None, guides: list[str] | None = None) -> None:
        self.user, self.raw, self.shown, self.stopped = user, "", "", False
        self.whole = False  # a whole sentence or line has been read (so no more word by word)
        self.prompt_lines, self.guides = prompt_lines or [], guides or []
        self.tuning = tuning or TurnTuning.defaults()
        self.name = first_name(user)

    def feed(self, piece: str) -> str:
        """Take one generated piece; return the text that may be shown now."""
        before = len(self.raw)
        self.raw += piece
        ends = [m.end() for m in _SENTENCE_END.finditer(self.raw, max(0, before - 1))]
        cut = max([self.raw.rfind("\n"), *ends])
        if cut <= before - 1 and "\n" not in piece:
            return self._first_words()  # nothing new is whole yet
        done = self.raw[:cut]
        self.whole = self.whole or bool(done.strip())
        if any(_TURN_LABEL.match(line) for line in done.splitlines()):
            self.stopped = True
        return self._show(self._own(done))

    def finish(self) -> str:
        """The rest of the cleaned draft, once generation has ended."""
        return self._show(self._own(self.raw))

    @property
    def draft(self) -> str:
        return self._own(self.raw)

    def _own(self, text: str) -> str:
        return own_reply(text, self.user, self.prompt_lines, self.tuning.copy_similarity,
                         self.guides)

    def _first_words(self) -> str:
        """The whole words of the reply's unfinished first sentence, when they may be shown."""
        if self.whole or self.stopped:
            return ""
        upto = self.raw.rstrip().rfind(" ")
        line = self.raw[self.raw.rfind("\n", 0, max(upto, 0)) + 1: max(upto, 0)]
        if (len(line.split()) < max(self.tuning.hold_words, 1)
                or may_open_echo(line + " ", self.name)
                or _begins_like(line, self.prompt_lines, self.tuning.copy_similarity)):
            return ""
        return self._show(self._own(self.raw[:upto]))

    def _show(self, clean: str) -> str:
        if not clean.startswith(self.shown):
            return ""  # a shown line changed meaning: the stored reply will say it whole
        new, self.shown = clean[len(self.shown):], clean
        return new


def _begins_like(line: str, prompt_lines: list[str], bar: float) -> bool:
    """Whether ``line`` so far reads like the beginning of one of the prompt's lines."""
    n = len(line.split())
    return any(similar(line, " ".join(p.split()[:n])) >= bar for p in prompt_lines
               if len(p.split()) >= 5)


def _before_echo(line: str, name: str) -> str:
    """``line`` up to the sentence in which it starts quoting the prompt's notes."""
    marker = _ECHO_INSIDE.search(line)
    said = re.search(rf"\b{name} said(?:\s*[\[(][^\])]{{3,60}}[\])])?(?:\s*:|\s+[\"“])",
                     line, re.I) if name else None
    cut = min((m.start() for m in (marker, said) if m), default=None)
    if cut is None:
        return line
    start = max(line.rfind(". ", 0, cut), line.rfind("! ", 0, cut), line.rfind("? ", 0, cut))
    return line[: start + 1].rstrip() if start >= 0 else ""


def _once(text: str) -> str:
    """``text`` with sentences it already said dropped (a small model loops)."""
    seen: set[str] = set()
    out: list[str] = []
    for line in text.splitlines():
        kept = []
        for sentence in sentence_pieces(line):
            key = normalize(sentence)
            if key and key in seen and len(key.split()) > 2:
                continue
            seen.add(key)
            kept.append(sentence)
        if kept or not line.strip():
            out.append(" ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


_SHORT = re.compile(r"\b(?:short|brief|concise|succinct)\b", re.I)


def _shortened(draft: str, most: int) -> str:
    """The draft's first whole sentences, up to ``most`` words (at least one)."""
    kept: list[str] = []
    count = 0
    for line in draft.splitlines():
        out: list[str] = []
        for sentence in sentence_pieces(line):
            n = len(sentence.split())
            if (kept or out) and count + n > most:
                break
            out.append(sentence)
            count += n
        if out:
            kept.append(" ".join(out))
        if count >= most or len(out) < len(sentence_pieces(line)):
            break
    return "\n".join(kept).strip() or draft


_BULLETS = re.compile(r"\b(?:bullet(?:ed)?\s*(?:points?|list|form)?|bullets)\b", re.I)
_BULLET_LINE = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")


# A limit in words or sentences asks for short answers too: "From now on keep your answers
# under 50 words" was followed by six tips on learning the guitar.
_LIMIT = re.compile(
    r"\b(?:under|below|fewer than|less than|no more than|not more than|at most|max(?:imum)?"
    r"(?: of)?|within|up to|(?:in|to) (?:about |around )?)\s*(?P<n>\d{1,4}|one|two|three|a)"
    r"(?: (?:or|to) (?:two|three|\d{1,2}))?\s+(?P<unit>words?|sentences?|lines?)"
    r"(?: or (?P<or>two|three))?\b", re.I)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}
SENTENCE_WORDS = 20  # a sentence asked for, counted in words


def word_limit(rules: list[str]) -> int | None:
    """The fewest words a standing instruction that applies allows a reply, when one names a
    number of words or sentences ("under 50 words", "in one sentence"); None otherwise."""
    limits = []
    for rule in rules:
        found = _LIMIT.search(rule)
        if found is None or negated(_LIMIT.sub(" ", rule)):
            continue
        n = _COUNTS.get((found["or"] or found["n"]).lower()) or int(found["n"])
        limits.append(n if found["unit"].lower().startswith("word") else n * SENTENCE_WORDS)
    return min(limits) if limits else None


def asks_short(rules: list[str]) -> bool:
    """Whether a standing instruction that applies asks for short answers (in those words,
    or by a limit in words or sentences)."""
    return any(_SHORT.search(r) and not negated(r) for r in rules) or \
        word_limit(rules) is not None


def follows_format(draft: str, rules: list[str], tuning: TurnTuning | None = None) -> str:
    """``draft`` in the form a standing instruction asks for, when the model ignored it.

    Only forms that code can apply without changing what is said: short answers (whole
    sentences up to ``short_reply_words`` of the tuning) and bullet points (each sentence a
    point, an introduction ending in a colon kept as the heading).
    """
    def asks(pattern: re.Pattern[str]) -> bool:
        return any(pattern.search(r) and not negated(r) for r in rules)

    if asks_short(rules):
        draft = _shortened(draft, word_limit(rules)
                           or (tuning or TurnTuning.defaults()).short_reply_words)
    if not asks(_BULLETS):
        return draft
    lines = [ln for ln in draft.splitlines() if ln.strip()]
    if sum(bool(_BULLET_LINE.match(ln)) for ln in lines) >= min(2, len(lines)):
        return draft
    head, points = "", []
    for line in lines:
        if _BULLET_LINE.match(line):
            points.append(_BULLET_LINE.sub("", line).strip())
            continue
        for sentence in sentences(line):
            if not points and not head and sentence.endswith(":"):
                head = sentence
            else:
                points.append(sentence)
    body = "\n".join(f"- {p}" for p in points if p)
    return f"{head}\n{body}" if head else body
