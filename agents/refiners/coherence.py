"""Coherence refiner: is the reply whole, consistent and in the person's language?

By rule: a sentence said twice (the small model loops) or a phrase looping inside a sentence
is cut to once; list markers with nothing after them go; a reply cut off by the token cap
loses its unfinished sentence; a number or yes/no that contradicts what Tacit said earlier in
the session is put back to what it said, and a sentence contradicting an earlier one of the
same reply goes; a reply nearly the same as an earlier reply is flagged. Two things need the
model: a part of a multi-part request the reply leaves unanswered (the planner asks the model
that part alone and adds the answer), and a reply in the wrong language (the planner asks for
a translation).
"""

from __future__ import annotations

import re

from agents.refiners.base import Finding, ReviewContext, Situation, apply_fixes
from agents.refiners.consistency import negation_clashes, number_clashes
from agents.refiners.text import (
    LANGUAGE_NAMES,
    LIST_MARK,
    NUMBER_MARK,
    content,
    language,
    leaning,
    named_language,
    overlap,
    quantities,
    sentences,
    words,
)
from memory.statements import is_question, is_request

NAME = "coherence"
SAME_SENTENCE = 0.85   # word overlap at which two sentences count as one said twice
SAME_WITHIN = 0.9      # share of the shorter sentence's words inside the longer: the same said
SAME_WITHIN_WORDS = 8  # again with more words ("... in Portugal's south coast, which ...")
LEAD_IN_WORDS = 12     # a last line this short ending in ":" only leads in to what is missing
SAME_REPLY = 0.9       # content overlap at which a reply repeats an earlier one
ANSWERED = 0.34        # share of a request part's content words the reply must touch
_LOOP = re.compile(r"\b((?:[\w'’]+[ ,]+){2,8}?)\1{2,}", re.I)
_ENDS = re.compile(r"[.!?…:;)\]\"'”’*`]\s*$|[\U0001F300-\U0001FAFF\u2600-\u27BF]\s*$")
_LIST_LINE = re.compile(r"^\s*(?:[-*•#|]|\d+[.)])")
_ANSWER_IN = re.compile(r"\b(?:answer|reply|respond|write|speak|talk)\w*\b.*\bin\b", re.I)
_ASKS = re.compile(r"^(?:what|how|which|when|where|why|who|can|could|should|would|is|are|do|"
                   r"does|did|will|tell|give|explain|list|suggest|recommend|help|find|show|"
                   r"plan|any)\b", re.I)
_JOIN = re.compile(r",?\s+(?:and|also|plus)\s+(?=(?:what|how|which|when|where|why|who|can|"
                   r"could|should|is|are|do|does|tell|give|suggest|recommend|list|explain|"
                   r"show)\b)|;\s*|\balso,?\s+", re.I)


def _norm(text: str) -> list[str]:
    return words(text)


# A list item that names something, then says of it ("2. "Dune" by Frank Herbert - a ..."):
# the name is what the item is.
_ITEM_HEAD = re.compile(rf"^[ \t]*{LIST_MARK}[ \t]+(?P<head>[^\n]+?)[ \t]*(?::|\s[-–—]\s)")
HEAD_WORDS = 3         # a name shorter than this ("Pros:", "Tip:") may head many items
# A head that is a name or a title: quoted, in bold, or with a capital past its first word
# ("Go to the store: buy milk" twice is two steps, not one item said again).
_NAMED = re.compile(r"[\"“”*]|\s[A-Z]")


_ITEM = re.compile(rf"^[ \t]*{LIST_MARK}[ \t]+(?P<body>\S.*)$")
SAME_ITEM_CHARS = 8    # letters and digits an item needs to count as said twice when equal


def _bare(text: str) -> str:
    """Letters and digits only: "3 cups (67 ml) miso paste" and "3 cups (67ml) miso paste"."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def repeated_items(draft: str) -> list[Finding]:
    """List items that name the same thing an earlier item named (the small model recommends
    one book four times, each with other words after it), or say it again word for word
    ("3 cups miso paste" twice in one list of ingredients): the later ones go whole."""
    found: list[Finding] = []
    seen: set[tuple[str, ...]] = set()
    said: set[str] = set()
    for line in draft.split("\n"):
        item = _ITEM.match(line)
        bare = _bare(item.group("body")) if item else ""
        if len(bare) >= SAME_ITEM_CHARS and bare in said:
            found.append(Finding(NAME, "repetition", line.strip(), fix="", last=True))
            continue
        said.add(bare)
        match = _ITEM_HEAD.match(line)
        head = tuple(_norm(match.group("head"))) if match else ()
        if len(head) < HEAD_WORDS or not (match and _NAMED.search(match.group("head"))):
            continue
        if head in seen:
            found.append(Finding(NAME, "repetition", line.strip(), fix="", last=True))
        seen.add(head)
    return found


def restarted_tail(draft: str) -> list[Finding]:
    """A reply that starts over at its end ("**Miso Dinner**\nIngredients:" again after the
    recipe, until the token cap): the last lines, when they repeat earlier lines in the same
    order (two or more, or one of four words or more), go."""
    lines = [ln for ln in draft.split("\n") if ln.strip()]
    bare = [_bare(ln) for ln in lines]
    for k in range(len(lines) // 2, 0, -1):
        tail = bare[-k:]
        if not all(tail) or (k == 1 and len(lines[-1].split()) < 4):
            continue
        if any(bare[i:i + k] == tail for i in range(len(lines) - 2 * k + 1)):
            tail_text = draft[draft.rfind(lines[-k]):].rstrip()  # blank lines and all
            return [Finding(NAME, "repetition", tail_text, fix="", last=True)]
    return []


def repeated(draft: str) -> list[Finding]:
    """Sentences said a second time, phrases looping inside one, and list items naming again
    what an earlier item named."""
    found: list[Finding] = repeated_items(draft)
    gone = " ".join(f.span for f in found)
    seen: list[set[str]] = []
    for sentence in sentences(draft):
        if sentence.text in gone:  # goes with its list item
            continue
        mine = set(_norm(sentence.text))
        if len(mine) >= 4 and any(len(mine & s) / len(mine | s) >= SAME_SENTENCE or (
                _ENDS.search(sentence.text) and min(len(mine), len(s)) >= SAME_WITHIN_WORDS and
                len(mine & s) / min(len(mine), len(s)) >= SAME_WITHIN) for s in seen):
            found.append(Finding(NAME, "repetition", sentence.text, fix="", last=True))
            continue
        seen.append(mine)
    for match in _LOOP.finditer(draft):
        found.append(Finding(NAME, "repetition", match.group(0), fix=match.group(1)))
    return found


# List items with nothing after their marker ("2.", "-"): the small model's empty list.
_EMPTY_ITEMS = re.compile(rf"(?m)(?:^[ \t]*{LIST_MARK}[ \t]*(?:\n|$))+")
_SAY_SOMETHING = ("The reply is only empty list markers: answer the message in one or two "
                  "sentences.")


def empty_items(draft: str) -> list[Finding]:
    """Runs of list markers with no item text; all of the reply when nothing else is left."""
    runs = [m.group(0) for m in _EMPTY_ITEMS.finditer(draft)]
    if not runs:
        return []
    if not words(_EMPTY_ITEMS.sub("", draft)):
        return [Finding(NAME, "empty", draft.strip(), needs="rewrite", ask=_SAY_SOMETHING)]
    return [Finding(NAME, "empty", run, fix="") for run in runs]


# A list marker inside a line after a colon ("Here's another way: 2.) You could ..."), or
# ending the reply ("Here are some tips that might help: 2.)"): the small model starting a
# list it never writes. Not a list written on one line ("Steps: 1. Mix. 2. Bake.").
_STRAY_MARK = re.compile(rf"(?<=[^\d\s]:)[ \t]+{NUMBER_MARK}(?=[ \t]*(?:\S|$))"
                         rf"(?![^\n]*\s{NUMBER_MARK}\s)")
_PROMISE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))[^.!?\n]*:\s*$")


def stray_markers(draft: str) -> list[Finding]:
    """A list marker stranded after a colon goes; when the list it starts never comes, so
    does the sentence that promised it (all of the reply, rewritten, when nothing is left)."""
    found = [Finding(NAME, "empty", m.group(0), fix="") for m in _STRAY_MARK.finditer(draft)]
    rest = _STRAY_MARK.sub("", draft)
    if not found or not (promise := _PROMISE.search(rest)):
        return found
    if not words(rest[:promise.start()]):
        return [Finding(NAME, "empty", draft.strip(), needs="rewrite", ask=_SAY_SOMETHING)]
    return [*found[:-1], Finding(NAME, "empty", draft[draft.rindex(promise.group(0).strip()):]
                                 .strip(), fix="")]


def empty_headings(draft: str) -> list[Finding]:
    """Numbered items that only head a part ("1. Packing list:", "2. Clothing:") with nothing
    under them before the next item: the packing list for a camping weekend was three such
    headings and one item. They go, when something else is left."""
    lines = draft.split("\n")
    found = []
    for at, line in enumerate(lines):
        head = _NUMBERED.match(line)
        if head is None or not line.rstrip().endswith(":"):
            continue
        after = next((ln for ln in lines[at + 1:] if ln.strip()), None)
        if after is None or _NUMBERED.match(after):
            found.append(Finding(NAME, "empty", line.strip(), fix=""))
    rest = draft
    for finding in found:
        rest = rest.replace(finding.span, " ", 1)
    said = "\n".join(ln for ln in rest.split("\n") if not ln.rstrip().endswith(":"))
    return found if found and words(said) else []


# A numbered list item: its number, and the rest of the line.
_NUMBERED = re.compile(r"^([ \t]*)(\d{1,3})((?:\.\)|[.)])[ \t]+\S.*)$")


def list_numbering(draft: str, *, from_one: bool = False) -> list[Finding]:
    """Numbered lists that skip or repeat a number ("1. 2. 3. 5.", "1. 1. 1."): renumbered in
    order from their first number (``from_one``: from 1, a lone "2." too, as after items were
    dropped); the small model's "1.)" becomes "1.". Items of one list are the numbered lines at
    one indent with only blank or indented lines between them."""
    found = []
    for block in _numbered_blocks(draft.split("\n")):
        numbers = [int(m.group(2)) for _, m in block]
        first_number = 1 if from_one else numbers[0]
        wanted = list(range(first_number, first_number + len(numbers)))
        odd = any(m.group(3).startswith(".)") for _, m in block)
        if (numbers == wanted or (len(block) < 2 and not from_one)) and not odd:
            continue
        first, last = block[0][0], block[-1][0]
        lines = draft.split("\n")
        span = "\n".join(lines[first:last + 1])
        for (at, match), number in zip(block, wanted, strict=True):
            rest = match.group(3)
            rest = "." + rest[2:] if rest.startswith(".)") else rest
            lines[at] = f"{match.group(1)}{number}{rest}"
        found.append(Finding(NAME, "numbering", span, fix="\n".join(lines[first:last + 1])))
    return found


def _numbered_blocks(lines: list[str]) -> list[list[tuple[int, re.Match[str]]]]:
    blocks: list[list[tuple[int, re.Match[str]]]] = []
    current: list[tuple[int, re.Match[str]]] = []
    for at, line in enumerate(lines):
        match = _NUMBERED.match(line)
        if match and (not current or match.group(1) == current[0][1].group(1)):
            current.append((at, match))
        elif not current or not line.strip() or (line[:1].isspace() and not match):
            continue  # between items: a blank line or an indented continuation
        else:
            blocks.append(current)
            current = [(at, match)] if match else []
    if current:
        blocks.append(current)
    return blocks


# An opening apology for a confusion or misunderstanding ("I'm sorry for the confusion.",
# "I apologize for any misunderstanding, but ..."), the small model's habit at any turn; and
# what in a message says something did go wrong, when the apology is owed.
_APOLOGY = re.compile(
    r"^\s*(?:(?:I'?m|I am)\s+(?:so\s+|very\s+|really\s+|truly\s+)?sorry|I\s+apologi[sz]e|"
    r"(?:my\s+)?apologies)\s+(?:for|about)\s+(?:the|any|that|this|my)\s+(?:\w+\s+)?"
    r"(?:confusion|misunderstanding|mix-?up|mistake|error|oversight)\b[^.!?\n]*[.!?]*\s*",
    re.IGNORECASE)
# ... or one further on: "- Chickpeas in a salad\n\nI'm sorry for any confusion you may have
# caused by asking about vegan dishes." to a vegetarian asking what to cook with chickpeas.
_LATER_APOLOGY = re.compile(
    r"(?<=[.!?:)\n])[ \t]*\n*[ \t]*" + _APOLOGY.pattern.removeprefix(r"^\s*"), re.IGNORECASE)
_SOMETHING_WRONG = re.compile(
    r"\b(?:wrong|incorrect|mistake|confus\w*|misunderst\w*|not what i|that'?s not|that is not|"
    r"you (?:said|forgot|missed|didn'?t)|i (?:meant|said|asked)|no,|nope|actually|still not|"
    r"doesn'?t make sense|makes no sense|not right)\b", re.IGNORECASE)


# "You're right, ..." opening a reply to a message that claimed nothing to agree with.
_AGREES = re.compile(r"^\s*(?:you(?:'re| are)\s+(?:absolutely\s+|completely\s+|totally\s+)?"
                     r"right|that'?s\s+(?:absolutely\s+)?(?:right|correct))\s*[,.!;:-]+\s*",
                     re.IGNORECASE)
_CLAIMS = re.compile(r"\b(?:right|correct|true|agree|isn'?t it|aren'?t they|am i|don'?t you "
                     r"think|i think|i believe|i guess|i bet)\b", re.IGNORECASE)


# Condolences opening a reply ("I'm sorry for your loss."), the small model's answer to any
# sad message; owed only when the person, now or earlier in the conversation, speaks of a
# death or a loss.
_CONDOLENCE = re.compile(
    r"^\s*(?:[-*\u2022]\s+)?(?:(?:I'?m|I am)\s+"
    r"(?:so\s+|very\s+|really\s+|truly\s+|deeply\s+)?sorry\s+"
    r"(?:for|about|to hear (?:about|of))\s+your\s+loss|(?:my|please accept my)\s+"
    r"(?:deepest\s+|sincere\s+)?condolences)\b[^.!?\n]*[.!?]*\s*", re.IGNORECASE)
# "lost" only of someone: "I lost my job" is no death.
_LOSS = re.compile(
    r"\b(?:died|dies|death|dead|passed (?:away|on)|passing|funeral|grie\w*|"
    r"bereave\w*|widow\w*|miscarr\w*|put down|put to sleep|killed|"
    r"(?:lost|losing|lose) (?:him|her|them|(?:my|our|a|his|her|their) (?:\w+ )?(?:mum|mom|"
    r"mother|dad|father|parents?|wife|husband|partner|son|daughter|child|baby|brother|sister|"
    r"friend|grand\w+|nan|gran|uncle|aunt|cousin|dog|cat|pet|puppy|kitten|horse)))\b",
    re.IGNORECASE)


# "I'm so sorry to hear about your decision." to "I'm 67 and recently retired": sorrow opening
# a reply to a message with no trouble in it.
_SORRY = re.compile(r"^\s*(?:(?:I'?m|I am)\s+(?:so\s+|very\s+|really\s+|truly\s+)?sorry\s+to\s+"
                    r"hear\b)[^.!?\n]*[.!?]*\s*", re.IGNORECASE)
_TROUBLE = re.compile(r"\b(?:sad|tough|hard|difficult|stress\w*|anxi\w*|upset|tired|exhausted|"
                      r"awful|terrible|bad|worse|worst|hate|angry|scared|afraid|miss\w*|cry\w*|"
                      r"sorry|unfortunately|wrong|hurt\w*|ache\w*|lonely|low|down|rough|"
                      r"overwhelm\w*|frustrat\w*|annoy\w*|disappoint\w*)\b", re.IGNORECASE)


def stray_condolence(draft: str, state: Situation) -> list[Finding]:
    """Condolences opening a reply when nobody in the conversation spoke of a loss, and sorrow
    opening a reply when nobody in it spoke of any trouble: dropped, unless nothing would be
    left."""
    said = [state.asked, *state.said_by("user")]
    found = _CONDOLENCE.match(draft)
    if found is not None and words(draft[found.end():]) and \
            not any(_LOSS.search(text) for text in said):
        return [Finding(NAME, "stray_condolence", found.group(0).strip(), fix="")]
    found = _SORRY.match(draft)
    if found is None or not words(draft[found.end():]) or \
            any(p.search(text) for p in (_LOSS, _BAD_NEWS, _TROUBLE) for text in said):
        return []
    return [Finding(NAME, "stray_condolence", found.group(0).strip(), fix="")]


# "I'm glad to hear that Jo can't walk far.": gladness at the bad news the person just told.
_GLAD = re.compile(r"(?:^|(?<=[.!?]\s))\s*(?:I'?m|I am)\s+(?:so\s+|really\s+|very\s+)?"
                   r"(?:glad|happy|pleased|delighted)\s+to\s+hear\s+(?:that\s+|about\s+)?(?P<rest>[^.!?\n]*)"
                   r"[.!?]*\s*", re.IGNORECASE)
_BAD_NEWS = re.compile(r"\b(?:can'?t|cannot|couldn'?t|won'?t|isn'?t|aren'?t|not|never|lost|died|"
                       r"dead|hurt\w*|sick|ill|pain\w*|broke\w*|injur\w*|fail\w*|fired|laid off|"
                       r"struggl\w*|problems?|trouble|worr\w*|stuck|lonely)\b", re.IGNORECASE)
_RELIEF = re.compile(r"\b(?:any ?more|no longer|better|finally|recovered|all clear|good news|"
                     r"relieved|fine now|okay now|ok now|not serious|wasn'?t serious|passed|got "
                     r"(?:in|the job)|thankfully|luckily)\b", re.IGNORECASE)


# "I'm so glad you ...", opening a sentence.
_IM_GLAD = (r"(?:^|(?<=[.!?]\s))\s*(?:I'?m|I am)\s+(?:so\s+|really\s+|very\s+)?"
            r"(?:glad|happy|pleased|delighted)\s+(?:that\s+)?you")
# "I'm glad you're happy and that your life is worth living." to "I feel like such a failure
# lately": gladness at a good state the person never told, said to a trouble they did.
_GLAD_STATE = re.compile(_IM_GLAD + r"(?:'re|\s+are)\s+"
                         r"(?:so\s+|really\s+|feeling\s+)?(?:happy|doing (?:well|great|good|"
                         r"better)|better|good|great|enjoying|excited|having fun|in a good place)"
                         r"\b[^.!?\n]*[.!?]*\s*", re.IGNORECASE)


# "I'm glad you enjoyed the conversation!" to "what about day 2?": enjoyment nobody told.
_GLAD_ENJOYED = re.compile(_IM_GLAD + r"\s+(?:enjoyed|"
                           r"liked|loved|found\s+(?:it|this|that|the\s+\w+)\s+(?:helpful|"
                           r"useful))\b[^.!?\n]*[.!?]*\s*", re.IGNORECASE)
_TOLD_ENJOYED = re.compile(r"\b(?:enjoy\w*|lik(?:e|ed)|lov(?:e|ed)|thanks?|thank you|cheers|"
                           r"great|helpful|useful|perfect|brilliant|amazing|fun)\b", re.IGNORECASE)


def misplaced_gladness(draft: str, state: Situation) -> list[Finding]:
    """Gladness said of the bad news the person just told (its words said back with a "can't"
    or "lost" in them), of a good state they never told when they told a trouble, or of an
    enjoyment nobody told ("I'm glad you enjoyed the conversation!"): the sentence goes,
    unless nothing would be left."""
    asked = state.asked
    found = [Finding(NAME, "stray_condolence", m.group(0).strip(), fix="")
             for m in _GLAD_ENJOYED.finditer(draft)
             if not _TOLD_ENJOYED.search(asked) and words(draft.replace(m.group(0), " "))]
    if not _BAD_NEWS.search(asked) or _RELIEF.search(asked):
        return found
    theirs = set(words(asked))
    for match in _GLAD.finditer(draft):
        rest = match.group("rest")
        if _BAD_NEWS.search(rest) and len(set(words(rest)) & theirs) >= 2 and \
                words(draft.replace(match.group(0), " ")):
            found.append(Finding(NAME, "stray_condolence", match.group(0).strip(), fix=""))
    for match in _GLAD_STATE.finditer(draft):
        if words(draft.replace(match.group(0), " ")):
            found.append(Finding(NAME, "stray_condolence", match.group(0).strip(), fix=""))
    return found


# A letter's sign-off ending a reply: "I hope this is helpful for your needs!\nBest regards,\n
# Eleanor" under advice about money. Nobody asked for a letter, and nobody is Eleanor.
_SIGN_OFF = re.compile(
    r"\n[ \t]*(?:(?:best|kind|warm|warmest|many)\s+(?:regards|wishes)|regards|sincerely|"
    r"yours(?:\s+(?:sincerely|truly|faithfully))?|all the best|with (?:love|best wishes)|"
    r"take care|cheers)[ \t]*[,.!]?[ \t]*(?:\n[ \t]*[A-Z][\w.' -]{0,40})?\s*$", re.IGNORECASE)
_WRITING = re.compile(r"\b(?:e-?mail|letter|note|card|message|reply|text|toast|speech|"
                      r"invitation|invite|write|draft)\b", re.IGNORECASE)


def sign_off(draft: str, state: Situation) -> list[Finding]:
    """A letter's sign-off (and a name under it) ending a reply, when nothing written for
    the person to send was asked for: dropped."""
    found = _SIGN_OFF.search(draft)
    if found is None or _WRITING.search(state.asked) or not words(draft[:found.start()]):
        return []
    return [Finding(NAME, "sign_off", found.group(0).strip(), fix="")]


# The model grading its own reply: "This is not an appropriate response because it does not
# provide any information about ...". Said to nobody; the person asked for an answer.
_SELF_GRADE = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+|(?<=\n))(?:this|that|the above|my (?:previous |last )?"
    r"(?:response|reply))\s+(?:is\s+not|isn'?t|is\s+an?\s+(?:\w+\s+)?(?:response|reply)|"
    r"does\s+not|doesn'?t|fails\s+to|lacks)\b[^.!?\n]*\b(?:response|reply)\b[^.!?\n]*[.!?]?",
    re.IGNORECASE)
_ASKS_ABOUT_REPLIES = re.compile(r"\b(?:response|reply|replies|responses)\b", re.IGNORECASE)


def self_grading(draft: str, state: Situation) -> list[Finding]:
    """Sentences in which the model grades its own reply, dropped, unless the person asked
    about a reply (theirs, to someone) or nothing would be left."""
    if _ASKS_ABOUT_REPLIES.search(state.asked):
        return []
    found = [m.group(0).strip() for m in _SELF_GRADE.finditer(draft)]
    rest = draft
    for span in found:
        rest = rest.replace(span, "")
    if not found or not words(rest):
        return []
    return [Finding(NAME, "self_grading", span, fix="") for span in found]


# Words that call the person names or turn them away: "I'm bored, what should I do?" got
# "Dumbass, I'm glad you're here. Don't waste my time with your own ideas." from the bundled
# model. A sentence with one goes; a reply of nothing else is written again.
_INSULT = re.compile(
    r"\b(?:dumbass|dumb ass|idiots?|morons?|imbeciles?|losers?|dickhead|twat|prick|bastard|"
    r"bitch|asshole|arsehole|shithead|(?:fuck|screw|sod) (?:you|off)|shut up|get lost|"
    r"(?:don'?t|do not|stop) (?:waste|wasting) my time|you(?:'re| are) (?:so |such an? )?"
    r"(?:dumb|stupid|an idiot|a loser|annoying|boring|pathetic|useless|worthless|ugly|fat|"
    r"lazy))\b", re.IGNORECASE)
_BE_KIND = ("The reply insulted the person. Answer the message again, kindly and helpfully, "
            "in a few sentences.")


def insults(draft: str, state: Situation) -> list[Finding]:
    """The sentences of ``draft`` that call the person names or turn them away, unless the
    person used the word first (a quote asked for, a word they asked about)."""
    said = {m.group(0).lower() for m in _INSULT.finditer(state.asked)}
    rude = [s.text for s in sentences(draft)
            if any(m.group(0).lower() not in said for m in _INSULT.finditer(s.text))]
    if not rude:
        return []
    left = draft
    for sentence in rude:
        left = left.replace(sentence, " ")
    if not words(left):
        return [Finding(NAME, "insult", draft.strip(), needs="rewrite", ask=_BE_KIND)]
    return [Finding(NAME, "insult", sentence.strip(), fix="") for sentence in rude]


def stray_apology(draft: str, state: Situation) -> list[Finding]:
    """An apology for a confusion the person never mentioned (opening the reply, or a later
    sentence of it), or "You're right" to a message that claimed nothing: dropped, unless
    nothing would be left."""
    later = [m.group(0).strip() for m in _LATER_APOLOGY.finditer(draft)]
    if later and not _SOMETHING_WRONG.search(state.asked) and words(
            re.sub("|".join(map(re.escape, later)), " ", draft)):
        return [Finding(NAME, "stray_apology", span, fix="") for span in later]
    found = _APOLOGY.match(draft)
    if found is not None and not _SOMETHING_WRONG.search(state.asked) and \
            words(draft[found.end():]):
        # "However, you can ..." after it turns from nothing: it starts afresh, capitalised.
        turn = _TURNS.match(draft, found.end())
        if turn is None:
            return [Finding(NAME, "stray_apology", found.group(0).strip(), fix="")]
        first = turn.group("first")
        return [Finding(NAME, "stray_apology", draft[found.start():turn.end()].strip(),
                        fix=first[:1].upper() + first[1:])]
    # "However, if you're looking for something fun to read ..." to "Recommend me a good
    # book.": a turn from nothing, when the message asks and says nothing to turn from.
    opening = _OPENING_TURN.match(draft)
    if opening is not None and not _SOMETHING_WRONG.search(state.asked) and _asks(state.asked) \
            and words(draft[opening.end():]):
        first = opening.group("first")
        return [Finding(NAME, "stray_turn", opening.group(0).strip(),
                        fix=first[:1].upper() + first[1:])]
    agrees = _AGREES.match(draft)
    rest = draft[agrees.end():] if agrees else ""
    if agrees is None or _CLAIMS.search(state.asked) or _SOMETHING_WRONG.search(state.asked) \
            or not state.asked.rstrip().endswith("?") or not words(rest):
        return []
    # The sentence goes on after the agreement: it starts afresh, capitalised.
    first = re.match(r"\S+", rest)
    assert first is not None
    span = draft[agrees.start():agrees.end() + first.end()].strip()
    return [Finding(NAME, "stray_agreement", span, fix=first.group(0)[:1].upper()
                    + first.group(0)[1:])]


# A word that turns from what went before, then the first word of what it turns to.
# ("Instead of rice, try …", "Still hungry?" turn from nothing: those words count with a comma.)
_TURNS = re.compile(r"(?:but,?|(?:however|that said|still|instead|nevertheless|anyway),)\s+"
                    r"(?P<first>\S+)", re.IGNORECASE)


_OPENING_TURN = re.compile(r"^\s*(?:however|that said|nevertheless|nonetheless|on the other hand),"
                           r"\s+(?P<first>\S+)", re.IGNORECASE)


def _asks(message: str) -> bool:
    """Whether every sentence of the message asks (a request or a question), so a reply
    has nothing of theirs to turn from."""
    said = sentences(message)
    return bool(said) and all(is_request(s.text) or is_question(s.text) for s in said)


# A line that stops on one of these words did not finish.
_DANGLING = re.compile(r"(?:\b(?:and|or|but|the|a|an|to|of|with|for|in|on|at|from|by|your|"
                       r"my|their|is|are|that|which|some|plus)|[,;:(-])\s*$", re.I)


def cut_list_item(draft: str, state: Situation) -> list[Finding]:
    """A list whose last item stops half-way: the token cap stopped it, or it ends on a
    dangling word, or without the full stop every other item has (items that never have one
    are a plain list, not a cut, unless the cap is what ended the reply)."""
    lines = [line for line in draft.rstrip().split("\n") if line.strip()]
    if len(lines) < 2 or not _LIST_LINE.match(lines[-1]) or _ENDS.search(lines[-1]):
        return []
    items = [line for line in lines[:-1] if _LIST_LINE.match(line)]
    dotted = bool(items) and all(_ENDS.search(line) for line in items)
    # The cap ended *this* text: its end is the model's, whatever was fixed before it.
    capped = state.hit_cap and draft.rstrip()[-60:] == state.draft.rstrip()[-60:]
    said = sentences(_LIST_LINE.sub("", lines[-1]))
    if len(said) > 1 and _ENDS.search(said[-2].text):
        # "2) Don't be too hard on yourself. You're doing it for the right": the item's
        # finished sentence stays, the one the cap stopped goes.
        return [Finding(NAME, "cut_off", said[-1].text, fix="", last=True)]
    if not (capped or _DANGLING.search(lines[-1])
            or (dotted and len(words(lines[-1])) >= 3)):
        return []
    if not words("\n".join(lines[:-1])):  # nothing would be left: the model finishes it
        return [Finding(NAME, "cut_off", lines[-1].strip(), needs="rewrite", ask=_FINISH,
                        last=True)]
    return [Finding(NAME, "cut_off", lines[-1].strip(), fix="", last=True)]


_FINISH = "The reply stops mid-sentence: finish it in one sentence."


def cut_off(draft: str, state: Situation) -> list[Finding]:
    """An unfinished last sentence (the reply ran into the token cap)."""
    parts = sentences(draft)
    if not parts or "```" in draft:
        return []
    lines = [line for line in draft.rstrip().split("\n") if line.strip()]
    if len(lines) > 1 and _LIST_LINE.match(lines[-1]):  # one numbered line is a sentence
        return cut_list_item(draft, state)
    last = parts[-1]
    # "Here are some benefits:" and nothing after it (the cap came before the list): the
    # lead-in goes, unless it is all there is.
    if last.text.rstrip().endswith(":") and last.text.strip() == lines[-1].strip() and \
            len(parts) > 1 and len(words(last.text)) <= LEAD_IN_WORDS and \
            draft.count(last.text.strip()) == 1:
        return [Finding(NAME, "cut_off", last.text, fix="", last=True)]
    if _ENDS.search(last.text) or _LIST_LINE.match(last.text):
        return []
    if len(parts) == 1 and not state.hit_cap:
        return []  # one unpunctuated line is a short answer unless the cap cut it
    if len(words(last.text)) < 3 and not state.hit_cap:
        return []
    # The cut is the reply's end: its words may also begin an earlier, finished sentence.
    if len(parts) > 1 and words(" ".join(p.text for p in parts[:-1])):
        return [Finding(NAME, "cut_off", last.text, fix="", last=True)]
    return [Finding(NAME, "cut_off", last.text, needs="rewrite", ask=_FINISH, last=True)]


def wanted_language(state: Situation) -> str | None:
    """The language the person wants: a standing instruction's, else their message's."""
    for rule in state.instructions:
        if _ANSWER_IN.search(rule) and (code := named_language(rule)):
            return code
    asked = named_language(state.asked) if _ANSWER_IN.search(state.asked) else None
    return asked or language(state.asked)


def switched_language(draft: str, wanted: str) -> list[Finding]:
    """A reply that starts in the wanted language and goes on in another: the part in the
    other language goes when what is left still answers (two sentences or more), else the
    reply is rewritten."""
    parts = sentences(draft)
    leans = [leaning(p.text) for p in parts]
    for k in range(1, len(parts)):
        head, tail = draft[:parts[k - 1].end], draft[parts[k].start:]
        if leans[k] in (None, wanted) or wanted in leans[k:]:
            continue
        other = language(tail)
        if other is not None and other != wanted and language(head) == wanted:
            if k >= 2:
                return [Finding(NAME, "wrong_language", tail, fix="")]
            name = LANGUAGE_NAMES[wanted]
            return [Finding(NAME, "wrong_language", tail, needs="rewrite",
                            ask=f"The reply must be in {name}: write all of it in {name}.")]
    return []


def wrong_language(draft: str, state: Situation) -> list[Finding]:
    wanted, used = wanted_language(state), language(draft)
    if wanted is not None and used in (wanted, None):  # all of it, or some of it, in the wanted one
        return switched_language(draft, wanted)
    if wanted is None or used is None or wanted == used:
        return []
    name = LANGUAGE_NAMES[wanted]
    return [Finding(NAME, "wrong_language", draft, needs="rewrite",
                    ask=f"The reply must be in {name}: write all of it in {name}.")]


def request_parts(request: str) -> list[str]:
    """The separate things a request asks for (questions and asks), when there are two or
    more; a request asking one thing has one part."""
    parts: list[str] = []
    for sentence in sentences(request):
        for piece in _JOIN.split(sentence.text):
            piece = piece.strip(" ,;")
            if len(words(piece)) >= 3 and (piece.endswith("?") or _ASKS.match(piece)):
                parts.append(piece)
    return parts if len(parts) >= 2 else []


# Words that frame a request rather than say what it is about.
_FRAMING = content("idea ideas tips help suggest suggestion recommend advice plan ready prepare "
                   "need want good nice best quick easy way should could would please near")


def unanswered(draft: str, state: Situation) -> list[Finding]:
    """Later parts of a multi-part request the reply does not touch.

    The first part is the one a reply starts from; a small model drops the ones after it.
    """
    said = content(draft)
    found = []
    for n, part in enumerate(request_parts(state.asked)):
        asked = content(part) - _FRAMING
        share = len(asked & said) / len(asked) if asked else 1.0
        if n > 0 and share < ANSWERED:
            found.append(Finding(NAME, "unanswered_part", part, needs="add",
                                 ask=f"Also answer this part of the request: {part}"))
    return found


def contradictions(draft: str, state: Situation) -> list[Finding]:
    """Against Tacit's earlier replies, and within the reply itself."""
    found: list[Finding] = []
    earlier = state.said_by("assistant")
    # A number the person gave is theirs to change: "and for 4 people?" after a reply about 2
    # is a new matter, not a contradiction, and must never be "fixed" back to the old number.
    clashes = number_clashes(draft, earlier)
    theirs = {_digits(q.text) for text in [state.request, *state.said_by("user")]
              for q in quantities(text)} if clashes else set()
    for clash in clashes:
        if _digits(clash.said.text) not in theirs:
            found.append(Finding(NAME, "contradicts_history", clash.said.text, fix=clash.known))
    for clash in negation_clashes(draft, earlier):
        found.append(Finding(NAME, "contradicts_history", clash.said.text, fix=""))
    parts = sentences(draft)
    for i, sentence in enumerate(parts[1:], 1):
        before = draft[:parts[i - 1].end]
        flagged = {f.span for f in found}
        for clash in number_clashes(sentence.text, [before]):
            if clash.said.text not in flagged:  # the later sentence is the one that goes
                found.append(Finding(NAME, "self_contradiction", sentence.text, fix="",
                                     last=True))
                break
        else:
            for clash in negation_clashes(sentence.text, [before]):
                found.append(Finding(NAME, "self_contradiction", clash.said.text, fix=""))
                break
    return found


def opener_said_before(draft: str, state: Situation) -> list[Finding]:
    """The reply's first sentence said already at the start of an earlier reply ("I'm glad
    you're interested in learning about the science of food and nutrition." to the calories
    question, then again to the meal plan): it goes, when the rest says something."""
    said = sentences(draft)
    if len(said) < 2:
        return []
    first = said[0].text
    mine = set(_norm(first))
    if len(mine) < SAME_WITHIN_WORDS or not words(draft.replace(first, " ", 1)):
        return []
    for earlier in state.said_by("assistant"):
        opened = sentences(earlier)
        theirs = set(_norm(opened[0].text)) if opened else set()
        if theirs and len(mine & theirs) / len(mine | theirs) >= SAME_SENTENCE:
            return [Finding(NAME, "repetition", first, fix="")]
    return []


def same_as_before(draft: str, state: Situation) -> list[Finding]:
    mine = content(draft)
    for earlier in state.said_by("assistant"):
        if len(mine) >= 5 and overlap(mine, content(earlier)) >= SAME_REPLY and \
                len(mine & content(earlier)) / len(mine | content(earlier)) >= SAME_REPLY:
            return [Finding(NAME, "repeated_reply", draft, severity="warning")]
    return []


class CoherenceRefiner:
    """Complete, consistent with itself and the session, finished, in the right language."""

    name = NAME
    concern = ("whether it answers every part of the request, once, completely, without "
               "contradicting itself or earlier replies, in the person's language")
    stage = 1  # first: later refiners should not check text that is about to be cut

    def needed(self, state: Situation) -> bool:
        one_line = len(sentences(state.draft)) <= 1 and not request_parts(state.asked)
        finished = bool(_ENDS.search(state.draft))
        foreign = language(state.asked) not in (None, "en") or any(
            _ANSWER_IN.search(r) for r in state.instructions) or language(state.draft) not in (
            None, "en")
        return not one_line or not finished or foreign or bool(state.history) or bool(
            _OPENING_TURN.match(state.draft)) or bool(_INSULT.search(state.draft))

    def review(self, draft: str, state: Situation, ctx: ReviewContext) -> list[Finding]:
        found = wrong_language(draft, state)
        if found:  # a reply to be rewritten in another language: nothing else is worth fixing
            return found
        found += insults(draft, state)
        found += empty_items(draft)
        found += empty_headings(draft)
        found += stray_markers(draft)
        found += stray_apology(draft, state)
        found += stray_condolence(draft, state)
        found += misplaced_gladness(draft, state)
        found += self_grading(draft, state)
        found += sign_off(draft, state)
        found += repeated(draft)
        found += [f for f in restarted_tail(draft) if not any(f.span in g.span or g.span in f.span
                                                                for g in found)]
        # Numbered once what goes has gone: "1. 3." after an item said again is "1. 2.".
        found += list_numbering(apply_fixes(draft, found)[0],
                                from_one=any(f.kind == "empty" and f.fix == "" for f in found))
        found += cut_off(draft, state)
        found += contradictions(draft, state)
        found += unanswered(draft, state)
        found += opener_said_before(draft, state)
        found += same_as_before(draft, state)
        return found


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)

