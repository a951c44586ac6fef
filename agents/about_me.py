"""Asked what Tacit knows about them, the person gets the list itself, written by code.

"What do you know about me?" is answered from the stores, not by the model: every current fact,
every preference they stated and every standing instruction, each as it is kept (a small model
given the same notes refuses, or invents). Sensitive details are not listed; they serve safety
only. The reply is a view of memory, not new content: the turn is stored with a note in its
place and the ids of what was listed in its trace, so forgetting any listed item leaves no copy
of it in an old turn, and the conversation checkpoint holding the listing goes with the item.

Asked one thing ("What did I tell you about my job?", "Where does my sister live?", "Am I
vegetarian?"), they get that fact with the part of their sentence that told it, or the
preferences they stated that bear on it, the same way; nothing kept of it, and the model
answers as for any question, except of an allergy: "none kept" is said by code, since the model
said "You're not allergic to anything". "Please forget where I live" names the same facts, for the
service to forget (:meth:`assistant.service.Tacit.forget_asked`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from agents.lists import LIST_NAMES
from memory.facade import Memory
from memory.facts import attribute_of
from memory.preferences import signals
from memory.schema import MemoryItem, Turn
from memory.statements import opens_in_first_person, told_to_remember
from memory.text import STOP_WORDS, sentences, stems, with_stems
from memory.tree.descent import ABOUT_ME

# What may surround the question without asking for anything else ("Hey Tacit, so what do
# you know about me?").
_FILLER = frozenset({"hey", "hi", "hello", "tacit", "so", "ok", "okay", "please", "tell", "me",
                     "exactly", "actually", "really", "now", "then", "all", "and", "well",
                     "just", "thanks", "cheers", "great", "cool", "nice", "lovely", "perfect",
                     "right", "thank", "you"})
# ... or say how far back ("What do you know about me so far?" went to the model, which told
# of the person in the third person and as its own life).
_SO_FAR_WORDS = (r"(?:so far|till now|until now|up (?:to|till|until) now|by now|to date|"
                 r"at (?:this|the) (?:point|moment)|right now|yet|already|altogether|in total)")
_SO_FAR = re.compile(rf"\b{_SO_FAR_WORDS}\b")
# Words that say nothing of what a question of memory is about.
_NAMES_NOTHING = with_stems(STOP_WORDS | frozenset({"for", "about", "to", "doing", "going",
                                                    "again", "up", "now", "last", "time", "am"}))
LISTED = "listing"  # the respond trace's model name for a reply this module wrote
STORED_AS = "(I listed what I know about you from memory; the list itself is not kept here.)"
_HINT = ("You can correct or forget any of this: F3 in the chat app, or `tacit memory list` and "
         "`tacit memory forget <id>`.")
_NOTHING = ("I don't know anything about you yet. Tell me about yourself (where you live, what "
            "you do, what you like or avoid) and I'll remember it.")

# The person's own basics, asked when none is kept: said by code, not guessed by the model.
_UNKNOWN = {"home city": "where you live", "name": "your name", "age": "how old you are",
            "job": "what you do for work", "birthday": "your birthday",
            "employer": "where you work", "from": "where you're from", "car": "what you drive"}
_NOT_KEPT = ("I don't know {what}: you haven't told me, or you asked me to forget it. Tell me "
             "and I'll remember it.")
_NO_ALLERGY = ("You haven't told me of any allergy, or you asked me to forget it. If you have "
               "one, tell me and I'll keep it in mind when I suggest food or medicines.")


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
    rest = _SO_FAR.sub(" ", (message[:found.start()] + " " + message[found.end():]).lower())
    return all(w in _FILLER for w in re.findall(r"[a-z']+", rest))


def what_is_known(memory: Memory, user_id: str, health: Listing | None = None) -> Listing:
    """Current facts, stated preferences and enabled standing instructions, as a reply, with
    ``health`` (what they told of their health, :func:`health_told`) when it quotes any."""
    facts = memory.items(user_id, "fact")
    preferences = memory.items(user_id, "preference")
    rules = memory.instructions.list(user_id)
    told = health.text.splitlines() if health is not None and health.ids else []
    if not (facts or preferences or rules or told):
        return Listing(_NOTHING)
    lines = []
    if facts:
        lines += ["Here is what I know about you:"]
        # a list's entries on one line ("Shopping list: milk, bread, eggs"), where its first
        # entry stands
        entries: dict[str, list[str]] = {}
        for fact in reversed(facts):
            name, _, value = fact.text.partition(":")
            if name.strip().lower() in LIST_NAMES:
                entries.setdefault(name.strip().lower(), []).append(value.strip())
                if len(entries[name.strip().lower()]) > 1:
                    continue
                lines.append(name.strip().lower())  # filled in below
            else:
                lines.append(f"- {_sentence_case(fact.text)}")
        lines = [f"- {_sentence_case(f'{line}: ' + ', '.join(entries[line]))}"
                 if line in entries else line for line in lines]
    if preferences:
        lines += ["What you told me you like or avoid:"]
        lines += [f"- “{p.text.strip()}”" for p in reversed(preferences)]
    lines += told
    if rules:
        lines += ["Your standing instructions:"]
        lines += [f"- {r.text or r.action}" for r in rules]
    lines += ["", _HINT]
    ids = [i.id for i in (*facts, *preferences)] + [r.id for r in rules] + \
        (list(health.ids) if told and health is not None else [])
    return Listing("\n".join(lines), ids)


# "What rules have I given you?", "What are my instructions?", "List my rules": the standing
# instructions alone.
_RULES = re.compile(
    r"^\W*(?:(?:hey|hi|so|ok(?:ay)?|tacit|please|remind me)\W+)*(?:"
    # "How should you answer me?", "How did I ask you to reply?"
    r"how (?:should|do|must|did i ask) you (?:to )?(?:answer|reply|respond|write|talk)(?: to)?"
    r"(?: me)?|how do i (?:want|like) you to (?:answer|reply|respond|write)(?: to me)?|"
    r"what did i (?:ask|tell) you to (?:always |never )?do|"
    # "What did I ask about workouts?", after "Whenever I ask for a workout, keep it under 20
    # minutes.", got "I'll explain it in a way that's easy to understand"
    r"what did i ask(?: you)?(?: to do)? (?:about|for|with) (?!my\b|our\b)[a-z]+s|"
    r"(?:what|which) (?:rules|instructions|"
    r"standing instructions) (?:have|did) i (?:given|give|set|told) you|(?:what|which) (?:rules|"
    r"instructions) do you (?:have|follow|keep)(?: for me)?|what are my (?:rules|instructions|"
    r"standing instructions)|(?:list|show)(?: me)? my (?:rules|instructions|standing "
    r"instructions))" rf"(?:\s+{_SO_FAR_WORDS})?\W*$", re.IGNORECASE)
_NO_RULES = ("You haven't given me any standing instructions yet. Say one like \"Whenever I ask "
             "for a recipe, give me the prep time first\" and I'll keep to it.")


def asks_for_rules(message: str) -> bool:
    """Whether the message only asks which standing instructions Tacit keeps."""
    return _RULES.match(message.strip()) is not None


def rules_listing(memory: Memory, user_id: str) -> Listing:
    """The person's enabled standing instructions, as a reply."""
    rules = memory.instructions.list(user_id)
    if not rules:
        # Stopped ones are not "none given yet": "Stop keeping answers under 50 words." then
        # "What rules have I given you?" got "You haven't given me any standing instructions".
        stopped = memory.instructions.list(user_id, include_disabled=True)
        if stopped:
            lines = ["None are in force now. You stopped:",
                     *(f"- {r.text or r.action} (id {r.id[:8]})" for r in stopped), "",
                     "To turn one back on: F4 in the chat app, or `tacit instructions enable "
                     "<id>`."]
            return Listing("\n".join(lines), [r.id for r in stopped])
        return Listing(_NO_RULES)
    lines = ["Your standing instructions:", *(f"- {r.text or r.action}" for r in rules), "",
             "To change or drop one: say \"Stop …\", F4 in the chat app, or `tacit instructions`."]
    return Listing("\n".join(lines), [r.id for r in rules])


# "What did we talk about last time?": the person's own words of the conversation before.
_LAST_TIME = re.compile(
    r"^\W*(?:(?:hey|hi|so|ok(?:ay)?|tacit)\W+)*(?:(?:can|could) you\s+)?(?:remind me\s+)?"
    r"what (?:did we|have we|we) (?:talk|chat|speak|talked|chatted|spoke)(?:ed)? about\s+"
    r"(?:last time|before|yesterday|(?:in|during) (?:our|the|my) (?:last|previous) "
    r"(?:conversation|chat|session))\W*$", re.IGNORECASE)
_MOST_QUOTED = 5      # of the person's messages that conversation, the first this many
_QUOTE_CHARS = 140    # a longer message is shown cut, with an ellipsis


def asks_about_last_time(message: str) -> bool:
    """Whether the message only asks what the last conversation was about."""
    return bool(_LAST_TIME.match(message.strip()))


def _quoted(text: str) -> str:
    """A message of theirs as it is quoted back: on one line, a long one cut."""
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[:_QUOTE_CHARS - 1].rstrip() + "…"


def _more(count: int) -> list[str]:
    """The line that says how many messages past the first ``_MOST_QUOTED`` were not quoted."""
    more = count - _MOST_QUOTED
    return [f"…and {more} more message{'s' if more > 1 else ''}."] if more > 0 else []


def last_conversation(memory: Memory, user_id: str, current: str) -> Listing:
    """What the person said in their conversation before ``current``, in their own words
    (a small model said "We talked about Sam."), and the ids of the turns quoted."""
    for session, count in memory.sessions(user_id):
        if session.id == current or not count:
            continue
        said = [t for t in memory.turns(user_id, session.id)
                if t.user_text.strip() and not asks_about_last_time(t.user_text)]
        if not said:
            continue
        lines = [f"Last time ({said[0].created_at:%-d %B}), you said:",
                 *[f"- “{_quoted(t.user_text)}”" for t in said[:_MOST_QUOTED]],
                 *_more(len(said))]
        return Listing("\n".join(lines), [t.id for t in said[:_MOST_QUOTED]])
    return Listing("This is our first conversation: there is nothing before it yet.")


# "What am I training for?", "What did I tell you about the move?": a question of what the
# person told, of no kept fact. Their own sentence that recall found is the answer.
_OF_THEIR_WORDS = re.compile(
    r"^\W*(?:(?:hey|hi|so|ok(?:ay)?|tacit)\W+)*(?:(?:do|did) you (?:remember|know) "
    r"(?:what|where|when|which|who)|what did i (?:tell|say to|mention to) you about|"
    # "What did I say caused my back pain?"
    r"what did i (?:say|tell you|mention) (?:caused|causes|started|brought on|was behind)|"
    r"(?:can you |could you )?remind me (?:what|when|where|which)(?:'s| is| was| are)?|"
    r"what (?:am|was) i|where (?:am|was) i|when (?:am|is|was) (?:i|my|our)|which \w+ (?:am|was) "
    r"i|"
    # "When are we going to Mexico?", of a trip they told with someone
    r"(?:when|where) (?:are|were) we|"
    # "How long have I smoked for?", of what they told of it
    r"how long (?:have|had) i (?:been )?(?=[a-z]+(?: for)?\W*$)|"
    # "How much do I get a week?", of a pension they told
    r"how much (?:do|did) i (?:get|earn|make|receive|take home|live on|pay|spend)|"
    # "When is Ana's birthday?": the name is one of the words their sentence must hold.
    r"when (?:is|was)(?=\s+[a-z]+'s\s)|"
    # "What year do I teach?", "Which way does my garden face?", "How much was the fine?",
    # "How much deposit do we have?", "How late do they play music?": what follows is what
    # their sentence must hold
    r"what (?:year|class|subject|grade|level|age group) (?=(?:do|did|am|was) i\b)|which way "
    r"(?:does|do|did) (?:my|our|the)|how much (?:was|is|were|are) (?:my|our|the)|how much "
    r"(?=[a-z]+ (?:do|did) (?:we|i) (?:have|owe|get|earn|make)\b)|how "
    r"(?:late|early|often|long) (?:do|does|did) (?:they|he|she|my \w+|our \w+)(?= [a-z]))\b",
    re.IGNORECASE)


# "Did I tell you I have a cat?": whether they told it, yes or no. The small model answered "I'm
# glad to hear that you have a cat. Luna is one of my favorite pets ...", told nothing of one.
_DID_I_TELL = re.compile(
    r"^\W*(?:(?:hey|hi|so|ok(?:ay)?|tacit|wait)\W+)*(?:did i (?:ever )?(?:tell you|"
    r"mention(?: to)?(?: you)?|say to you)|have i (?:ever )?(?:told|mentioned(?: to)?|said to) "
    r"you|do you (?:remember|recall) (?:if |whether |that )?(?=(?:i|my)\b)(?:i (?:(?:ever )?"
    r"(?:told|mentioned|said)(?: to)?(?: you)?)?)?)(?:\s*(?:that|about|if|whether))?\b",
    re.IGNORECASE)
_NEWS = re.compile(r"\b(?:today|tonight|yesterday|just|this (?:morning|afternoon|evening|week)|"
                   r"last night)\b", re.IGNORECASE)
NOT_TOLD = ("No, I don't have that in anything you've told me. If you'd like me to keep it, "
            "tell me, and I'll remember it.")


def asks_if_told(message: str) -> list[str]:
    """The stems of what a yes-or-no question of whether the person told something is about
    ("Did I tell you I have a cat?" -> ["cat"]), or [] when the message is not only that."""
    text = message.strip()
    found = _DID_I_TELL.match(text)
    if found is None or "\n" in text or len(text) > 120 or not text.endswith("?") or \
            _NEWS.search(text[found.end():]):  # "Did I tell you I got promoted today?" is news
        return []
    return [w for w in stems(text[found.end():]) if w not in _NAMES_NOTHING | {"im", "ive"}]


def whether_told(memory: Memory, user_id: str, asked: list[str], turn_ids: list[str],
                 recalled: list[str]) -> Listing | None:
    """A yes with their own sentence that holds two thirds of what is asked about, or a no
    when no turn and nothing else recall found holds that much of it; None when only a
    summary or a fact holds it (the model answers from what recall found)."""
    holding = -(-2 * len(set(asked)) // 3)
    said = from_their_words(memory, user_id, asked, turn_ids, holding=holding)
    if said is not None:
        return Listing(f"Yes. {said.text}", said.ids)
    if any(len(set(asked) & set(stems(text))) >= holding for text in recalled):
        return None
    return Listing(NOT_TOLD)


# "How many people are coming?": the sentence that told how many they host
_HOW_MANY_COMING = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*how many "
                              r"(?P<who>people|guests) (?:are|were|will be|did i say (?:are|were)) "
                              r"(?:coming|eating|invited)\W*$", re.IGNORECASE)
# "What did the doctor diagnose me with?": the sentence that told the diagnosis
_DIAGNOSED = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*what (?:(?:did|has) "
                        r"(?:the|my) (?:doctor|gp|consultant|specialist|hospital) (?:diagnose|"
                        r"diagnosed) me "
                        r"with|(?:was|have) i (?:been )?diagnosed with)(?: again)?\W*$",
                        re.IGNORECASE)
# "How much do I owe?": the sentence that told the debt
_HOW_MUCH_OWED = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*how much (?:do|did) i "
                            r"(?:owe|still owe)(?: on (?:my|the) (?:credit )?card)?(?: again)?\W*$",
                            re.IGNORECASE)
# "What's my dad's condition?": the sentence that told it (not kept as a fact of theirs)
_THEIR_CONDITION = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*what(?:'s| is| was) my "
                              r"(?P<who>[a-z]+)'s (?:condition|illness|diagnosis|health "
                              r"(?:problem|condition))(?: called| again)?\W*$", re.IGNORECASE)
# "How old will Mia be on her birthday?": the sentence that told what age she turns
_HOW_OLD_WILL = re.compile(r"^\W*(?i:(?:(?:so|ok(?:ay)?|and|tacit)\W+)*how old (?:will|is)) "
                           r"(?i:(?:my|our) [a-z]+ )?(?P<name>[A-Z][a-z]+) (?i:(?:be|going to be|"
                           r"turning)(?: on (?:her|his|their) (?:next )?birthday| next (?:birthday|"
                           r"year|month|week))?)\W*$")
# "How far along am I?": the sentence that told the pregnancy, with its day
_HOW_FAR_ALONG = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*how (?:far along|many "
                            r"weeks(?: pregnant)?|far gone) am i(?: now| again)?\W*$",
                            re.IGNORECASE)

# "What kind of cancer does my husband have?": the sentence that told it
_KIND_THEY_HAVE = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*what (?:kind|type|sort) "
                             r"of (?P<what>cancer|diabetes|dementia|arthritis|tumou?r|illness|"
                             r"condition|disease) (?:does|did) my (?P<who>[a-z]+) (?:have|has)"
                             r"(?: again)?\W*$", re.IGNORECASE)
# "How far is my commute?": the sentence that told the way to work
_COMMUTE = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*how (?:far|long) is my "
                      r"(?:commute|journey to work|ride to work|cycle to work|drive to work|"
                      r"walk to work)(?: again)?\W*$", re.IGNORECASE)

# "Where am I studying?", after "I've just started uni in Glasgow", got "a coffee shop in the
# city of Tokyo"
_WHERE_STUDY = re.compile(r"^\W*(?:(?:so|ok(?:ay)?|remind me|tacit)\W+)*where (?:am i studying|do "
                          r"i study|am i at uni|do i go to uni)(?: again)?\W*$", re.IGNORECASE)

_ASKED_OF_TOLD = ((_HOW_FAR_ALONG, "pregnant"), (_KIND_THEY_HAVE, "{who} {what}"),
                  (_COMMUTE, "work"), (_WHERE_STUDY, "uni"), (_HOW_MANY_COMING, "{who}"),
                  (_DIAGNOSED, "diagnosed"), (_HOW_MUCH_OWED, "owe"), (_THEIR_CONDITION, "{who}"),
                  (_HOW_OLD_WILL, "{name} turns"))


def of_their_words(message: str) -> list[str]:
    """The stems a question of what the person told is about ("What am I training for?" ->
    ["train"]), or [] when the message is not only such a question."""
    text = message.strip()
    for pattern, words in _ASKED_OF_TOLD:  # their sentence must hold these words
        if asked := pattern.match(text):
            return stems(words.format(**asked.groupdict()))
    found = _OF_THEIR_WORDS.match(text)
    if found is None or "\n" in text or len(text) > 120 or not (
            text.endswith("?") or text.lower().lstrip(" ,").startswith(("remind", "can you remind",
                                                                          "could you remind"))):
        return []  # a question, or "Remind me what's due on Thursday."
    return [w for w in stems(text[found.end():]) if w not in _NAMES_NOTHING]


# "make it firmer and mention I have a baby at home": a clause of their own inside a request.
_SAYS_OF_THEMSELF = re.compile(r"\b(?:i|i'm|im|i've|my|we|we're|we've|our)\b", re.IGNORECASE)


def own_clause(sentence: str) -> str:
    """The sentence when it opens with the speaker, else what follows the first place it speaks
    of them ("mention I have a baby at home" -> "I have a baby at home"), or ""."""
    if opens_in_first_person(sentence):
        return sentence
    found = _SAYS_OF_THEMSELF.search(sentence)
    return sentence[found.start():] if found else ""


def from_their_words(memory: Memory, user_id: str, asked: list[str],
                     turn_ids: list[str], *, holding: int = 0) -> Listing | None:
    """The first sentence of the person's own in ``turn_ids`` (this conversation's turns,
    newest first, then those recall found) that holds every stem asked about (or ``holding``
    of them), said back with its day; None when none does (the model answers from what
    recall found)."""
    holding = holding or len(set(asked))
    for turn_id in turn_ids:
        turn = memory.get(user_id, turn_id)
        said = getattr(turn, "user_text", None)
        if turn is None or not said:
            continue
        for sentence in sentences(said):
            told = told_to_remember(sentence) or own_clause(sentence)  # "Remember that my ..."
            if told and "?" not in sentence and len(set(asked) & set(stems(told))) >= holding:
                return Listing(f"You told me on {turn.created_at:%-d %B}: “{sentence.strip()}”",
                               [turn.id])
    return None


# "Remind me what I told you about my wife.", with no fact of her kept, got "Remind me what
# you've told about your wife" from the small model: their sentences that name her are the
# answer, with those just after that speak of her as "she" ("She's vegetarian").
_PRONOUN_OPENS = re.compile(r"^\W*(?:she|he|they|her|his|their)(?:'s|'re|'d|'ll)?\b", re.I)


def told_of(memory: Memory, user_id: str, who: str, turn_ids: list[str]) -> Listing:
    """Their own sentences in ``turn_ids`` (newest first) that name ``who`` ("wife"), and the
    one right after each that goes on about them ("She's ..."), oldest first; a plain word
    when none."""
    kept = _sentences_of(memory, user_id, who, turn_ids)
    if not kept:
        return Listing(f"You haven't told me anything about your {who} in what I can see.", [])
    lines = [f"- {turn.created_at:%-d %B}: “{sentence}”" for turn, sentence in kept]
    return Listing("\n".join([f"About your {who}, you told me:", *lines]),
                   list(dict.fromkeys(turn.id for turn, _ in kept)))


# An age said of someone of theirs told of by who they are: "She was 92, she loved gardening",
# after "My nan died last week", got "I can't make myself remember that" for "How old was my
# nan?".
_AGE_SAID = re.compile(r"\b(?:(?:she|he|they)(?:'s| is| was| were| would have been| turned| "
                       r"turns)|(?:is|was|turned|turns|aged)) (?P<age>\d{1,3})\b(?! ?(?:minutes|"
                       r"hours|days|weeks|months|miles|km|pounds|kg|%|stone|st|lb|am|pm))", re.I)


def age_said_of(memory: Memory, user_id: str, message: str,
                turn_ids: list[str]) -> Listing | None:
    """For "How old is (was) my nan?" with no age kept, their one sentence about them that says
    an age, with its day; None when none, or more than one, does."""
    found = _HOW_OLD.match(message.strip().replace("\u2019", "'"))
    who = (found["who"] or found["who2"] or "").strip() if found else ""
    if not who.lower().startswith("my "):
        return None
    aged = [(turn, sentence) for turn, sentence in _sentences_of(
        memory, user_id, who[3:].lower(), turn_ids) if _AGE_SAID.search(sentence)]
    if len(aged) != 1:
        return None
    turn, sentence = aged[0]
    return Listing(f"You told me on {turn.created_at:%-d %B}: “{sentence}”", [turn.id])


def _sentences_of(memory: Memory, user_id: str, who: str,
                  turn_ids: list[str]) -> list[tuple[Turn, str]]:
    """Their sentences that name ``who``, and those right after that go on about them."""
    said: list[tuple[Turn, str]] = []
    for turn_id in dict.fromkeys(turn_ids):
        turn = memory.get(user_id, turn_id)
        text = getattr(turn, "user_text", None)
        if isinstance(turn, Turn) and text:
            said += [(turn, s.strip()) for s in sentences(text) if "?" not in s]
    said.sort(key=lambda t: t[0].created_at)
    named = re.compile(rf"\b(?:my|our)\s+(?:[\w-]+\s+)?{re.escape(who)}s?\b", re.I)
    kept: list[tuple[Turn, str]] = []
    for at, (turn, sentence) in enumerate(said):
        before = said[at - 1][1] if at else ""
        if named.search(sentence) or (named.search(before) and _PRONOUN_OPENS.match(sentence)):
            kept.append((turn, sentence))
    return kept


# "Remind me what I told you about my health.": a small model wrote "Here's a continuation of
# the conversation", and their words name a condition, not "health".
_OF_HEALTH = re.compile(
    r"^\W*(?:(?:hey|hi|so|ok(?:ay)?|tacit|please)\W+)*(?:(?:can you |could you )?(?:remind|tell) "
    r"me )?what (?:did i tell|have i told|i(?: have|'ve)? told|do you know|have you got|do you "
    r"have|do you remember|can you remember|do you recall|have you kept|have you noted)(?: you)?"
    r" (?:about|of) my (?:health|medical history|conditions?|illness(?:es)?)\W*$|"
    # "What medicine do I take?": the sentences that told it
    r"^\W*(?:(?:hey|hi|so|ok(?:ay)?|tacit|remind me)\W+)*(?:what|which) (?:medicines?|"
    r"medications?|meds|tablets|pills|drugs|inhalers?|prescriptions?) (?:do|am|did) i (?:take|"
    r"use|have|on|taking|using)(?: now| again| at the moment)?\W*$",
    re.IGNORECASE)
NO_HEALTH_TOLD = "You haven't told me anything about your health in what I can see."


def asks_of_health(message: str) -> bool:
    """Whether the message only asks what they told Tacit of their health."""
    return bool(_OF_HEALTH.match(" ".join(message.split())))


def health_told(memory: Memory, user_id: str, turn_ids: list[str],
                states_condition: Callable[[str], bool]) -> Listing:
    """Their own sentences in ``turn_ids`` that state a condition of theirs
    (``states_condition``), each with its day, oldest first."""
    said: list[tuple[Turn, str]] = []
    for turn_id in dict.fromkeys(turn_ids):
        turn = memory.get(user_id, turn_id)
        text = getattr(turn, "user_text", None)
        if isinstance(turn, Turn) and text:
            said += [(turn, s.strip()) for s in sentences(text)
                     if "?" not in s and states_condition(s)]
    if not said:
        return Listing(NO_HEALTH_TOLD, [])
    said.sort(key=lambda t: t[0].created_at)
    lines = [f"- {turn.created_at:%-d %B}: “{sentence}”" for turn, sentence in said]
    return Listing("\n".join(["About your health, you told me:", *lines]),
                   list(dict.fromkeys(turn.id for turn, _ in said)))


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# Asked one thing Tacit may know of them ("What did I tell you about my job?", "Where do I
# live?", "What's my sister called?"): the words that name it, and the facts that answer.
_TOPICS: dict[str, tuple[str, ...]] = {
    "name": ("name",), "job": ("job", "employer", "work", "former job"),
    "work": ("job", "employer", "work", "former job"),
    "profession": ("job", "work", "former job"), "occupation": ("job", "work", "former job"),
    "career": ("job", "employer", "work", "former job"), "goal": ("goal",), "goals": ("goal",),
    "former": ("former job",), "previous": ("former job",), "redundant": ("former job",),
    "business": ("business",), "shop": ("business",), "alone": ("household",),
    "household": ("household",),
    "employer": ("employer",), "company": ("employer",), "live": ("home city",),
    "city": ("home city",), "home": ("home city",), "hometown": ("home city", "from"),
    "town": ("home city",), "from": ("from",),
    "age": ("age",), "old": ("age",), "birthday": ("birthday",), "born": ("birthday",),
    "allergic": ("allergy",), "allergy": ("allergy",), "allergies": ("allergy",),
    "car": ("car",), "drive": ("car",), "living": ("job", "employer", "work", "former job"),
    "dislike": ("dislikes",), "hate": ("dislikes",), "learning": ("learning",),
    "studying": ("learning",),
    "rate": ("day rate", "hourly rate"), "charge": ("day rate", "hourly rate"),
    "shifts": ("shifts",), "shift": ("shifts",), "nights": ("shifts",),
    "fiance": ("partner",), "fiancé": ("partner",), "fiancee": ("partner",),
    "fiancée": ("partner",), "wedding": ("wedding",),
    "exams": ("exams",), "exam": ("exams",), "gcses": ("exams",), "gcse": ("exams",),
    "café": ("business",), "cafe": ("business",), "bakery": ("business",),
    "restaurant": ("business",), "salon": ("business",),
}
# Their children, asked of together ("What are my kids' names and ages?", "How old are my
# children?"): kept as a child, a son or a daughter, each with the age told.
_CHILDREN = frozenset({"kids", "kid", "children", "child", "boys", "girls"})
_OF_CHILDREN = ("child", "son", "daughter", "children")
_LIVES_WITH = re.compile(r"\b(?:and )?(?:who (?:do i live )?with|with whom|who i live with)\b",
                         re.IGNORECASE)
_PARTNERS = ("household", "partner", "wife", "husband", "girlfriend", "boyfriend")
PEOPLE = ("wife", "husband", "partner", "boyfriend", "girlfriend", "son", "daughter", "sister",
           "brother", "mother", "father", "mum", "mom", "dad", "friend", "cousin", "niece",
           "nephew", "grandson", "granddaughter", "aunt", "uncle", "colleague", "boss", "dog",
           "cat", "rabbit", "parrot", "hamster")
# Words that ask of a preference they stated ("Am I vegetarian?", "Which units do I prefer?"):
# answered by the preferences they stated that bear on it.
_PREFERENCES = {"diet": "diet", "vegetarian": "diet", "vegan": "diet", "pescatarian": "diet",
                "meat": "diet", "gluten": "diet", "units": "units", "metric": "units",
                "imperial": "units", "budget": "budget", "tone": "tone", "formal": "tone",
                "casual": "tone"}
# The words a question of memory is made of besides what it asks about.
_ASKING = frozenset({"what", "whats", "what's", "where", "who", "whos", "who's", "when", "how",
                     "which", "is", "was", "are", "am", "my", "mine", "do", "did", "does", "you",
                     "know", "remember", "recall", "tell", "told", "say", "said", "to", "about",
                     "again", "me", "remind", "can", "could", "i", "the", "called", "named",
                     "have", "has", "for", "a", "s", "of", "still", "yet", "i'm", "i've",
                     "in", "prefer", "follow", "eat", "use", "any", "anything", "something",
                     "got", "come", "originally", "thanks", "thank", "cheers", "great",
                     "cool", "perfect", "lovely", "names", "ages", "day", "daily", "hourly",
                     "much", "start", "begin"}) \
    | _FILLER
# A question of memory asks of *their* thing or of what *they* do, and opens as one: "How do
# I tell my boss about my job?" asks for advice.
_OWN = re.compile(r"\b(?:my|mine|i|am i|do i|did i)\b", re.IGNORECASE)
_SAYING = re.compile(r"\b(?:say|said|tell|told)\b", re.IGNORECASE)
_THEY_SAID = re.compile(r"\bi(?:'ve| have)? (?:say|said|tell|told)\b|\b(?:tell|told) me\b",
                        re.IGNORECASE)
_OPENS = re.compile(r"^(?:(?:hey|hi|so|ok|okay|and|tacit|thanks|thank you|cheers|great|cool|"
                    r"perfect|lovely)\W+)*(?:what|where|who|when|which|"
                    r"how old|(?:do|did|can|could) you|remind me|tell me|am i|do i|have i|is my|"
                    r"are my)\b", re.IGNORECASE)


# "Please forget where I live", "delete my job", "forget what I told you about my sister".
# What is kept of someone close as theirs ("dog's allergy: chicken"), forgotten with them.
_THEIRS_KEPT = ("allergy", "diet", "dislikes", "birthday")
_FORGET = re.compile(r"^\W*(?:(?:hey|hi|ok|okay|tacit|please|can you|could you|would you)\W+)*"
                     r"(?:forget|delete|erase|remove)\s+(?:(?:everything|all|anything)\s+(?:you "
                     r"know\s+|you have\s+|you've got\s+)?(?:about|of|on)\s+|about\s+|that\s+)?"
                     r"(?P<what>.+)$",
                     re.IGNORECASE)


def asks_to_forget(message: str) -> tuple[str, ...]:
    """The fact attributes a request to forget names ("Please forget where I live" ->
    home city), or () when the message is not only such a request."""
    text = message.strip()
    found = _FORGET.match(text)
    if found is None or "\n" in message:
        return ()
    what = re.sub(r"[\s.!]*(?:please|thanks|thank you)?[\s.!]*$", "", found["what"],
                  flags=re.IGNORECASE)
    # "everything about my dog": the dog, and what was kept as theirs
    whole = re.search(r"\b(?:everything|all|anything)\b", text[:found.start("what")],
                      re.IGNORECASE)
    # "that I live in Leeds", "that my son is allergic to eggs": the value need not be said
    # again.
    asked = asks_about(what, opens=False)
    if whole and len(asked) == 1 and asked[0] in PEOPLE:  # and what was kept of them
        return (asked[0], *(f"{asked[0]}'s {a}" for a in _THEIRS_KEPT))
    return asked or asks_about(
        re.sub(r"\s+in\s+[A-Z][\w' -]*$", "", what), opens=False) or asks_about(
        re.sub(r"\s+from\s+[A-Z][\w' -]*$", " from", what), opens=False) or asks_about(
        re.sub(r"\b(allergic|allergy)\s+to\s+[\w' ,-]+$", r"\1", what, flags=re.I), opens=False)


def facts_named(memory: Memory, user_id: str, message: str) -> list[MemoryItem]:
    """The person's facts whose value a request to forget says in full ("Forget that I'm
    trying to eat less sugar" names "goal: eat less sugar"), or [] when the message is not
    such a request or names none."""
    found = _FORGET.match(message.strip())
    if found is None or "\n" in message or len(message) > 160:
        return []
    said = set(re.findall(r"[\w']+", found["what"].lower()))
    named = []
    for fact in memory.items(user_id, "fact"):
        words = set(re.findall(r"[\w']+", fact.text.partition(":")[2].lower()))
        if words and words <= said and len("".join(words)) > 2:
            named.append(fact)
    return named


# "Forget that I asked about the reminder", "delete what I said about my ex": words said, not
# a fact kept.
_FORGET_SAID = re.compile(
    r"^\W*(?:(?:hey|hi|ok|okay|tacit|please|can you|could you|would you)\W+)*"
    r"(?:forget|delete|erase|remove)\s+(?:(?:that|what|everything|anything)\s+i\s+"
    r"(?:asked(?:\s+you)?|said|told you|mentioned|wrote)\s+(?:about\s+|of\s+|on\s+)?|"
    r"(?:everything\s+|all\s+)?about\s+|that\s+(?=(?:i|i'm|i've|my)\b))"
    r"(?P<topic>[^\n]+?)[\s.!]*$", re.IGNORECASE)


def asks_to_forget_said(message: str) -> list[str]:
    """The stems of what a request to forget something said names ("Forget that I asked about
    the reminder" -> ["remind"]), or [] when the message is not one or names nothing."""
    found = _FORGET_SAID.match(message.strip())
    if found is None or len(message) > 160:
        return []
    topic = re.sub(r"\b(?:please|thanks|thank you)\b", "", found["topic"], flags=re.I)
    return [w for w in stems(topic) if w not in _NAMES_NOTHING]


def where_said(memory: Memory, user_id: str, asked: list[str]) -> Listing:
    """The person's messages that hold every stem of ``asked``, listed with how to forget
    them: a request to forget words said deletes nothing by itself (a message may hold more
    than they mean), it shows what there is and the one command that removes it."""
    found = memory.search(user_id, " ".join(asked), k=20, kinds=["turn"])
    said: list[Turn] = []
    for hit in sorted(found, key=lambda h: h.created_at):
        turn = memory.get(user_id, hit.id)
        if isinstance(turn, Turn) and set(asked) <= set(stems(turn.user_text)):
            said.append(turn)
    if not said:
        return Listing("I keep no message of yours about that, so there is nothing to forget.")
    lines = ["I keep no fact about that, only your own words. You said it here:"]
    lines += [f"- {t.created_at:%-d %B}: “{_quoted(t.user_text)}” (`tacit memory forget {t.id}`)"
              for t in said[:_MOST_QUOTED]]
    lines += _more(len(said))
    lines.append("To forget a message and all that was learned from it: F3 in the chat app, or "
                 "the command after it.")
    return Listing("\n".join(lines), [t.id for t in said])


def with_relations_named(memory: Memory, user_id: str, message: str) -> str:
    """``message`` with the name of someone whose relation to the person Tacit keeps said as
    that relation: "What's Sam allergic to?" is "What's my partner allergic to?" when "partner:
    Sam" is kept (it got "your nut allergy", as if the allergy were theirs)."""
    text = message.strip()
    # Only a message that opens as a question of memory, with a name inside it, is worth the
    # read of the person's facts: this runs on most turns' reply path.
    if not _OPENS.match(text) or not re.search(r"(?<!^)\b[A-Z][a-z]", text):
        return message
    for item in memory.items(user_id, "fact"):
        relation = attribute_of(item.text)
        name = item.text.partition(":")[2].strip()
        if relation in PEOPLE and name[:1].isupper():
            message = re.sub(rf"(?<!my )\b{re.escape(name)}\b", f"my {relation}", message)
    return message


def asks_about(message: str, *, opens: bool = True) -> tuple[str, ...]:
    """The fact attributes a question of memory asks about, or () when the message is not
    one (it says anything besides asking, or asks of something Tacit keeps no fact of).
    ``opens``: it must open as a question does ("What ...", "Do you remember ...")."""
    text = message.strip()
    if not text or "\n" in text or len(text) > 120 or not _OWN.search(text) or \
            (opens and not _OPENS.match(text)):
        return ()
    if len(_SAYING.findall(text)) > len(_THEY_SAID.findall(text)):
        return ()  # "What did my sister say?" asks what was said, not what Tacit keeps
    # "where do I live and who with?": the people they live with are their partner's facts
    with_whom = _LIVES_WITH.search(text)
    if with_whom:
        text = (text[:with_whom.start()] + text[with_whom.end():]).strip()
    # "What was my old job?" is no question of their age
    text = re.sub(r"\b(?:old|last) (?=(?:job|work|role|position|career)\b)", "former ", text,
                  flags=re.IGNORECASE)
    said = re.findall(r"[a-z\u00e0-\u00ff']+", text.lower())  # "fiancé" is a word
    asked: list[str] = list(_PARTNERS) if with_whom else []
    children = False
    for word in said:
        stem = word.removesuffix("'s").rstrip("'")
        if stem in _CHILDREN:
            children = True
        elif stem in _TOPICS:
            asked += [a for a in _TOPICS[stem] if a not in asked]
        elif stem in PEOPLE:
            asked += [stem] if stem not in asked else []
        elif stem in _PREFERENCES:
            wanted = f"preference:{_PREFERENCES[stem]}"
            asked += [wanted] if wanted not in asked else []
        elif word not in _ASKING and stem not in _ASKING:
            return ()
    if children:  # their names and ages are kept together
        return _OF_CHILDREN if not set(asked) - {"name", "age"} else ()
    people = [a for a in asked if a in PEOPLE]
    if with_whom:
        return tuple(a for a in asked if a != "name")
    if not people:
        return tuple(asked)
    rest = [a for a in asked if a not in PEOPLE and a != "name"]
    if not rest:  # "my sister's name", "what's my dog called": the one they named
        # "What does my dog eat?" asks for advice about the dog, not its name.
        return () if re.search(r"\b(?:eat|eats|use|prefer|follow)\b", text,
                               re.IGNORECASE) else tuple(people)
    if len(people) == 1 and rest == ["home city"]:  # "where does my sister live?"
        return (f"where {people[0]} lives",)
    if len(people) == 1 and rest == ["allergy"]:  # "what is my son allergic to?"
        return (f"{people[0]}'s allergy",)
    return ()  # "my sister's job": nothing of that is kept


_WHERE_LIVES = re.compile(r"where (\w+) lives")


def facts_of(memory: Memory, user_id: str, attributes: tuple[str, ...]) -> list[MemoryItem]:
    """The person's current facts of ``attributes``, newest first."""
    kept = memory.items(user_id, "fact")
    named = {attribute_of(f.text): f.text.partition(":")[2].strip().lower() for f in kept}
    wanted = set(attributes)
    for attribute in attributes:  # "where sister lives" is kept as "where clara lives"
        person = _WHERE_LIVES.fullmatch(attribute)
        if person and named.get(person.group(1)):
            wanted.add(f"where {named[person.group(1)]} lives")
        if attribute in PEOPLE:  # what is kept of them: "wife's diet: vegetarian"
            wanted |= {f"{attribute}'s {kind}" for kind in ("allergy", "dislikes", "diet",
                                                             "birthday")}
    return [f for f in kept if attribute_of(f.text) in wanted]


def preferences_of(memory: Memory, user_id: str,
                   attributes: tuple[str, ...]) -> list[MemoryItem]:
    """The preferences the person stated that say something of the dimensions asked about
    (``preference:diet`` ...), newest first."""
    wanted = {a.partition(":")[2] for a in attributes if a.startswith("preference:")}
    return [p for p in memory.items(user_id, "preference") if wanted and
            wanted & {s.dimension for s in signals(p.text)}] if wanted else []


# "Can you remind me how old Asha is?", "How old is my daughter?": a child's or a pet's age,
# kept with their name ("child: Asha (14)").
_HOW_OLD = re.compile(
    r"^(?:(?:hey|hi|so|ok|okay|and|thanks|thank you|cheers|sorry)\W+)*(?:(?:can|could) you "
    r"(?:remind me|tell me)|remind me|tell me|do you (?:remember|know)|what was it again,?)?,?\s*"
    r"(?:how old (?:is|was|will)|what age (?:is|was|will)) (?P<who>my \w+|[A-Z][a-z]+)"
    r"(?: be| turn)?(?: now| again)?"
    r"(?:,? again)?\s*\??$|^(?:(?:hey|hi|so|ok|okay|and|thanks|thank you)\W+)*(?:(?:can|could) "
    r"you )?(?:remind me|tell me) how old (?P<who2>my \w+|[A-Z][a-z]+) is(?: now| again)?\W*$",
    re.IGNORECASE)
_AGED_VALUE = re.compile(r"^(?P<name>.+?)\s*\((?P<age>\d{1,2})\)$")


def age_told(memory: Memory, user_id: str, message: str) -> Listing | None:
    """The age of a child or a pet asked of by name or by who they are, as the person told it
    (and when); None for any other message, or when no one kept is the one asked of."""
    found = _HOW_OLD.match(message.strip().replace("\u2019", "'"))
    if found is None:
        return None
    who = (found["who"] or found["who2"]).strip()
    mine = who.lower().startswith("my ")
    kept = []
    for item in memory.items(user_id, "fact"):
        relation, value = attribute_of(item.text), item.text.partition(":")[2].strip()
        aged = _AGED_VALUE.match(value)
        name = aged["name"] if aged else value
        if (mine and relation == who[3:].lower()) or (not mine and name.lower() == who.lower()):
            kept.append((item, name, aged["age"] if aged else None))
    if not kept and mine:
        return _child_aged(memory, user_id, who[3:].lower())
    if len(kept) != 1:
        return None
    item, name, age = kept[0]
    source = _source(memory, user_id, item)
    when = f" (you told me on {source[1]})" if source is not None else ""
    if age is None:
        return Listing(f"You haven't told me how old {name} is yet.", [item.id])
    return Listing(f"{name} is {age}, from what you've told me{when}.", [item.id])


# A child kept by age alone (memory/facts.py): "a 17 year old daughter", "a son turning 6"
_CHILD_AGED = re.compile(r"^an? (?:(?P<age>\d{1,2}) year old (?P<kin>\w+)|(?P<kin2>\w+) turning "
                         r"(?P<turns>\d{1,2}))$")
_ANY_CHILD = frozenset({"child", "kid", "little one", "baby", "toddler"})


def _child_aged(memory: Memory, user_id: str, asked: str) -> Listing | None:
    """The age of the one child kept by age alone that ``asked`` ("daughter", "child") names,
    as they told it; None when none, or more than one, is."""
    kept = [(item, told) for item in memory.items(user_id, "fact")
            if attribute_of(item.text) == "children"
            and (told := _CHILD_AGED.match(item.text.partition(":")[2].strip()))
            and asked in {told["kin"] or told["kin2"], *_ANY_CHILD}]
    if len(kept) != 1:
        return None
    item, told = kept[0]  # the fact's words ("a 17 year old daughter") are not theirs: no day
    kin = told["kin"] or told["kin2"]
    age = f"is {told['age']}" if told["age"] else f"is turning {told['turns']}"
    return Listing(f"Your {kin} {age}, from what you've told me.", [item.id])


def what_is_known_of(memory: Memory, user_id: str, attributes: tuple[str, ...]) -> Listing | None:
    """The current facts of ``attributes``, each with the words the person said it in, and the
    preferences they stated of those asked; None when none is kept (the model answers from
    what recall finds)."""
    facts = facts_of(memory, user_id, attributes)
    stated = preferences_of(memory, user_id, attributes)
    if not facts and not stated:
        # No allergy kept is not "You're not allergic to anything", which the model said; no
        # home kept is not "you live in London, where Leo is a vegetarian chef", which the
        # model said after the person had Tacit forget where they live.
        if "allergy" in attributes:
            return Listing(_NO_ALLERGY)
        what = next((_UNKNOWN[a] for a in attributes if a in _UNKNOWN), None)
        return Listing(_NOT_KEPT.format(what=what)) if what else None
    lines = [f"- “{p.text.strip()}” ({p.created_at:%-d %B})" for p in reversed(stated)]
    ids = [p.id for p in stated]
    told: set[str] = set()
    for fact in reversed(facts):
        line, source = f"- {_sentence_case(fact.text)}", _source(memory, user_id, fact)
        if source is not None and source[0] in told:  # two children told in one sentence
            ids.append(source[2])
        elif source is not None:
            told.add(source[0])
            line += f" (you told me on {source[1]}: “{source[0]}”)"
            ids.append(source[2])
        lines.append(line)
        ids.append(fact.id)
    # "What's my name and where do I live?" with no home kept: that part is said, not dropped
    kept = {attribute_of(f.text) for f in facts}
    lines += [f"- I don't know {_UNKNOWN[a]} yet." for a in attributes
              if a in _ASKED_ALONE and a not in kept]
    # No hint to correct it here: one short answer, lines a "bullet points" rule accepts.
    return Listing("\n".join(["From what you've told me:", *lines]), ids)


# What is asked of by itself (a job is asked of with where they work, which may be untold).
_ASKED_ALONE = ("name", "home city", "age", "birthday", "car")


_PARTS = re.compile(r",?\s+(?:and|but)\s+(?=(?:I|I'm|I've|my|our|we)\b)|;\s*|,\s+(?=(?:I|I'm|"
                    r"I've|my|our|we)\b)", re.IGNORECASE)


def _source(memory: Memory, user_id: str, fact: MemoryItem) -> tuple[str, str, str] | None:
    """The sentence of the person's turn a fact was learned from, its date and the turn's id."""
    value = fact.text.partition(":")[2].strip().lower()
    value = re.sub(r"\s*\(\d+\)$", "", value)  # "arjun (7)": said as "Arjun who is 7"
    for turn_id in fact.provenance or []:
        turn = memory.get(user_id, turn_id)
        said = getattr(turn, "user_text", None)
        if turn is None or not said or not value:
            continue
        for sentence in sentences(said):
            if value in sentence.lower():
                # Of "I live in Austin and I have a dog called Rocket", the part about the dog.
                part = next((p for p in _PARTS.split(sentence) if value in p.lower()), sentence)
                return part.strip(" ,;"), f"{turn.created_at:%-d %B}", turn.id
    return None
