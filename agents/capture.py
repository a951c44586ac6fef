"""Capture: standing instructions and preferences from what the user says, in their own words.

Rules find the sentences worth keeping ("from now on ...", "if I ask for ...", "never ...",
"I strictly avoid ...", a choice among offered options); only those reach the extractor model,
so an ordinary turn costs no model call. The model classifies the sentence and copies the words
that carry the rule (constrained JSON). Whatever it returns must pass the groundedness check
against the user's message: every content word from the message, no negation dropped or added.
When the model's answer is unusable or ungrounded, the rule-based reading is used; when that
too fails the check, nothing is stored and the refusal is recorded.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from agents import budget, prompts, tips, week_plan
from agents.contract import Captured, NotedTrace, Refusal
from agents.instruction_text import split_condition
from agents.llm import ChatModel
from agents.safety_resources import split_required
from agents.tuning import TurnTuning
from memory import statements
from memory.facts import find_facts
from memory.text import NEGATIONS, STOP_WORDS, lexicon, sentences, stems, with_stems

# Words that reverse a claim's sense: negations, and the words that refuse a thing. All three
# lists are held against stems (see _words), so each holds its words' stems too.
NEGATION = with_stems(NEGATIONS | lexicon("refusals"))
GROUNDING_IGNORES = with_stems(lexicon("grounding_ignores"))
# Words that say nothing about which option was meant.
_FILLER = with_stems(lexicon("choice_filler"))
# Words that name nothing: "in" and "have" shared with an option do not pick it.
_NAMES_NOTHING = GROUNDING_IGNORES | _FILLER | with_stems(STOP_WORDS)
_INSTRUCTION_LEAD = re.compile(
    r"^(?:please\s+)?(?:from\s+now\s+on|going\s+forward|in\s+(?:the\s+)?future|always|never|"
    r"whenever|every\s+time|each\s+time|any\s*time|if\s+i\s+(?:ask|book|want|need|am\s+asking)|"
    r"when\s+i\s+(?:ask|book|want|need|am\s+asking|mention|talk)|don'?t\s+ever|do\s+not\s+ever|"
    r"remember\s+to\s+always|remember\s+to\s+never|"
    # Boundaries hold by nature, with no "from now on": "Please don't mention my weight",
    # "Don't call me love", "Stop suggesting recipes with mushrooms", "I'd rather not talk
    # about my ex".
    r"(?:don'?t|do\s+not|stop)\s+(?:call(?:ing)?\s+me|mention(?:ing)?\s+my|"
    r"bring(?:ing)?\s+up\s+my|talk(?:ing)?\s+about\s+my|ask(?:ing)?\s+(?:me\s+)?about\s+my)|"
    r"stop\s+(?:suggesting|recommending|giving\s+me|sending\s+me|adding|including|using)|"
    r"i'?d\s+rather\s+(?:you\s+)?(?:not|didn'?t)\s+(?:talk|ask|bring\s+up|mention)|"
    # A rule about the form of every answer needs no "from now on": "Keep your answers short".
    r"(?:keep|make|write)\s+(?:your\s+|the\s+|all\s+)?(?:answers?|replies|responses)|"
    r"(?:answer|reply|respond)\s+(?:in|with|using)\s+(?:bullet|short|simple|plain|a\s+list)|"
    r"use\s+bullet\s+points)\b", re.I)
# Capture asks the extractor once per turn at most, all candidates together: one structured
# request, which a backend retries once when the answer does not validate.
MODEL_CALLS = 2
# The tuned numbers (how long a sentence or an answer may be, how confident each reading is)
# are ``TurnTuning``'s capture block (data/turn_tuning.yaml).
# A message that asks for something new ("give me ...", "what about ...") is not a choice.
_REQUEST_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|now|then|also)\W+)*(?:please|can|could|would|will|give|tell|show|"
    r"list|compare|generate|create|write|make|explain|describe|identify|enumerate|simulate|"
    r"develop|add|using|use|find|suggest|what|why|how|when|where|who|which|is|are|do|does|"
    r"rewrite|translate|summari[sz]e|fix|correct|paraphrase|rephrase|convert|continue|"
    r"in|on|for|remind|i\s+(?:want|need)\s+to)\b", re.I)
_ADDRESSES_ASSISTANT = re.compile(r"\b(?:you|your)\b", re.I)
_FIRST_PERSON_START = re.compile(r"^(?:i|i'm|im|i've|my|we|we're|our)\b", re.I)
# A preference: the user speaks of themself (first person) with a word of liking, avoiding,
# needing or refusing anywhere in the sentence.
_FIRST_PERSON = re.compile(r"(?:^|[\s,;(\"'])(?:i|i'm|im|i've|i'd|my|we|we're)\b", re.I)
_PREFERENCE = re.compile(
    r"\b(?:prefer\w*|(?<!'d )(?<!would )love|loves|"
    r"(?:i|we)\s+(?:really\s+|also\s+|do\s+)?like|enjoy\w*|adore|"
    r"hate|dislike\w*|avoid\w*|detest|aversion|refuse|exclusively|(?:i|we)\s+only(?!\s+(?:have|had|got|get|need|needed|want|wanted|just|"
    r"asked|said|know|knew|found|realised|realized|saw|heard|meant)\b)|"
    r"uninterested|opposed\s+to|averse|phobia|fear\s+of|not\s+comfortable|will\s+not\s+consider|"
    r"(?:low|high)-\w+\s+diet|(?:do\s+not|don'?t)\s+(?:wear|interest)|can'?t\s+(?:stand|handle|eat|have|drink|bear)|"
    r"cannot\s+(?:stand|handle|eat|have|drink|bear)|not\s+(?:interested|a\s+(?:big\s+)?fan)|"
    r"no\s+interest|fan\s+of|allergic|vegetarian|vegan|intolerant|intolerance|lactose|kosher|"
    r"pesc[ae]tarian|gluten[- ]free|coeliac|celiac|dairy[- ]free|plant[- ]based|teetotal|"
    r"(?:i|we)\s+(?:now\s+|also\s+|do\s+)?eat\s+(?:fish|meat|seafood|chicken|eggs|dairy)|"
    r"(?:started|begun|began|stopped|quit|gave\s+up|given\s+up)\s+eating\s+"
    r"(?:fish|meat|seafood|chicken|eggs|dairy)|"
    r"halal|favou?rite|passionate|stick\s+to|steer\s+clear|care\s+about|"
    r"learn\s+best|work\s+best|find\s+(?:it\s+)?\w+\s+(?:to|and|when)|"
    r"find\s+[\w-]+(?:\s+[\w-]+){0,3}\s+too\s+\w+|"
    r"find\s+[\w-]+(?:\s+[\w-]+){0,3}\s+(?:ineffective|boring|tedious|difficult|hard|disorienting|"
    r"uncomfortable|overwhelming|annoying|unappealing|distracting|frustrating)|"
    r"don'?t\s+(?:like|eat|drink|want|enjoy|do|use|wear|watch|read)|"
    r"never\s+(?:eat|drink|use|buy|wear|watch|read|fly)|must\s+avoid|need\s+to\s+avoid|"
    r"never\s+(?:take|get\s+on|board)\s+(?:a\s+)?(?:planes?|flights?|aeroplanes?|airplanes?|boats?|"
    r"ferries|cruises?)|(?:terrified|scared|afraid)\s+of\s+(?:flying|planes|heights|boats|the\s+sea)|"
    r"(?:do\s+not|don'?t)\s+fly|"
    r"tend\s+to|usually|always\s+(?:choose|pick|go\s+for|buy|book)|uncomfortable|"
    r"strongly|strictly|strict|sensitive\s+to|can'?t\s+tolerate|cannot\s+tolerate|dislike|"
    r"loathe|despise|allerg\w*|follow\s+a|adhere\s+to|priorit\w*|preference|"
    r"(?:do\s+not|don'?t|cannot|can'?t|never)\s+(?:consume|tolerate|use|touch)|"
    r"find\s+\w+(?:\s+[\w-]+){0,4}\s+(?:unsettling|slow|dull|stressful|off-putting)|"
    r"object(?:ion)?s?\s+to|ethical(?:ly)?|(?:important|essential|non-negotiable)\s+(?:to|for)\s+me|"
    r"matters?\s+(?:a\s+lot\s+)?to\s+me|(?:i|we)\s+value|(?:wary|cautious|skeptical|sceptical)\s+"
    r"(?:of|about)|(?:i'm|i\s+am|we're|we\s+are)\s+(?:not\s+)?(?:really\s+)?(?:into|keen\s+on|"
    r"drawn\s+to|big\s+on)|rather\s+than|instead\s+of|(?:want|need|like|try)\s+to\s+avoid|"
    r"(?:put|turned?)\s+off|suits?\s+me|(?:i|we)\s+(?:will\s+|would\s+)?(?:only|mostly|generally|typically)\s+"
    r"(?:eat|drink|use|buy|wear|watch|read|play|listen|travel|fly|shop|choose|go\s+for)|"
    r"(?:i'm|i\s+am)\s+(?:a\s+)?(?:huge|big)?\s*fan)\b", re.I)
_CHOICE = re.compile(
    r"\b(?:sounds?\s+(?:good|great|perfect|best|nice|interesting|fun|ideal|right|lovely|"
    r"appealing|like\s+(?:a|the|it|my))|i(?:'?ll|\s+will)\s+(?:go\s+with|go\s+for|take|pick|choose|have|"
    r"try|do|opt\s+for|stick\s+with|check\s+out|get|book)|i(?:'?d|\s+would)\s+(?:like|love|prefer|rather|"
    r"go\s+with|go\s+for|choose|pick|opt\s+for)|i\s+think\s+i'?(?:ll|d)|"
    r"let'?s\s+(?:go\s+with|go\s+for|do|try|pick)|"
    r"i\s+(?:choose|pick|want|prefer|like|love)\s+(?:the|that|this|option|number)|"
    r"(?:first|second|third|fourth|fifth|last)\s+(?:one|option|choice)|option\s+\d|"
    r"(?:that|this)\s+one|works?\s+(?:best\s+)?for\s+me|appeals?\s+to\s+me|"
    r"(?:is|seems|looks)\s+(?:perfect|ideal|great|good|best|right)\s+for\s+me|"
    r"(?:leaning|going)\s+(?:towards?|with|for)|"
    r"(?:the\s+)?other\s+(?:options?|ones|choices)\s+(?:don'?t|do\s+not|aren'?t|are\s+not|"
    r"won'?t|will\s+not)|that\s+one\s+works|"
    # Weighing the options: "... would be the best fit for me", "... is the way to go",
    # "... sounds more appealing", "the others don't really interest me".
    r"(?:best|better|ideal|perfect|safer|safest|right|nicer|wiser)\s+(?:option|choice|fit|bet|"
    r"pick|match)|(?:would\s+be|is|seems?(?:\s+like)?)\s+(?:the\s+|a\s+)?most\s+\w+|"
    r"(?:is|would\s+be)\s+the\s+way\s+to\s+go|sounds?\s+(?:more|most|really|very|quite)\s+\w+|"
    r"sounds?\s+(?:intriguing|exciting|tempting|better|fine)|"
    r"(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+(?:really\s+|quite\s+)?(?:appeal|interest|suit|"
    r"fit|work\s+for))\b", re.I)
_COURTEOUS = {"thank", "thanks", "cheer", "cheers", "ok", "okay", "great", "lovely", "brill"}
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3, "fifth": 4, "5th": 4}
_ORDINAL = re.compile(r"\b(?:(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\s+"
                      r"(?:one|option|choice|idea|suggestion)|(?:option|number|choice|#)\s*(\d))\b",
                      re.I)
_LAST_ITEM = re.compile(r"^(?:or|and)\s+(.+)$", re.I)  # "..., or a yoga class."
_LISTED = re.compile(r"(?:^|\s)(?:\(?\d{1,2}[.)]|[-*\u2022])\s+")
# "Make this grammatically correct: I like your watch." The words after a task's colon are
# material to work on, not something the user says about themself.
_TASK_COLON = re.compile(
    r"(?:^|(?<=[.!?]))[ \t]*(?:please\s+)?(?:make|translate|rewrite|re-write|correct|fix|"
    r"paraphrase|summari[sz]e|write|edit|check|proofread|improve|rephrase|convert|explain|"
    r"classify|analy[sz]e|respond|reply|answer|complete|continue|grade|review|format|shorten|"
    r"expand|simplify|polish|reword|tell|give|generate|create|read|repeat)\b[^:\n]{0,80}:",
    re.I | re.M)
_CORRECTION = re.compile(r"^(?:no|nope|actually|not\s+quite)\b[,!.]?\s*(?:i|it|that|please)\b",
                         re.I)


class Extraction(BaseModel):
    """What the extractor model reads in one sentence."""

    kind: Literal["instruction", "preference", "none"]
    words: str = Field(max_length=300)


class Extractions(BaseModel):
    """The extractor's reading of several sentences at once, one item per sentence, in order."""

    # The grammar's bound is the shipped ``capture_max_candidates``: a larger override reads
    # the candidates past it by the rules alone.
    items: list[Extraction] = Field(
        max_length=TurnTuning.defaults().capture_max_candidates)


@dataclass
class Candidate:
    kind: str            # instruction | preference
    text: str            # the user's own words
    confidence: float
    source: str          # model | rules
    implicit: bool = False
    said: str = ""       # an implicit choice: the user's own words (``text`` adds the option)
    option: str = ""     # an implicit choice: the offered option the user picked, verbatim


@dataclass
class Capture:
    """What one message yields: candidates that passed the check, and what was refused."""

    candidates: list[Candidate] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    model_failures: list[dict[str, str]] = field(default_factory=list)
    model_calls: int = 0
    ms: float = 0.0

    def trace(self) -> NotedTrace:
        """The trace's ``noted`` section, before anything is stored."""
        return NotedTrace(candidates=[Captured(**c.__dict__) for c in self.candidates],
                          rejected=[Refusal(**r) for r in self.rejected],
                          model_failures=[Refusal(**r) for r in self.model_failures],
                          model_calls=self.model_calls, ms=round(self.ms, 1))


def _words(text: str) -> list[str]:
    return [w for w in stems(text.replace("n't", " not")) if w]


def grounded(claim: str, source: str) -> tuple[bool, str]:
    """Whether ``claim`` says only what ``source`` (the user's message) says.

    Every content word of the claim must occur in the source (on stems), and the claim must
    keep the source's sense: a negation in the words it draws on must stay, none may appear.
    """
    parts = sentences(claim)
    if len(parts) > 1:  # each sentence of the claim must keep the sense of its own source
        for part in parts:
            ok, why = grounded(part, source)
            if not ok:
                return ok, why
        return True, ""
    said = set(_words(source))
    words = [w for w in _words(claim) if w not in GROUNDING_IGNORES]
    if not words:
        return False, "nothing to store"
    foreign = [w for w in words if w not in said]
    if foreign:
        return False, f"words the user did not say: {', '.join(foreign[:5])}"
    claim_neg = bool(set(words) & NEGATION)
    span = _covering_clause(words, source)
    source_neg = bool(set(_words(span)) & NEGATION)
    if claim_neg != source_neg:
        return False, "it reverses what the user said" if source_neg else "it adds a negation"
    return True, ""


def _covering_clause(words: list[str], source: str) -> str:
    """The sentence of ``source`` that shares the most words with the claim."""
    found = sentences(source) or [source]
    wanted = set(words)
    return max(found, key=lambda s: len(wanted & set(_words(s))))


def rule_candidates(message: str, previous_reply: str = "",
                    tuning: TurnTuning | None = None) -> list[Candidate]:
    """Sentences that set a rule or reveal a preference, found by their wording."""
    tuning = tuning or TurnTuning.defaults()
    found: list[Candidate] = []
    said = statements.distinct(sentences(statements.own_words(own_words(message))),
                               tuning.same_sentence_similarity)
    for sentence in map(_opened, said):
        if len(sentence) < 6 or len(sentence.split()) > tuning.capture_max_words:
            continue
        kind = classify(sentence)
        if kind and not _the_persons_own(kind, sentence):
            continue
        if kind == "preference":
            sentence = without_asides(_preference_clauses(sentence))
        if kind:
            found.append(Candidate(kind, sentence,
                                   tuning.stated_confidence if kind == "preference" else 1.0,
                                   "rules"))
        if len(found) == tuning.capture_max_candidates:
            break
    if previous_reply and not any(c.kind == "instruction" for c in found):
        # A rule given right after a list of options is a rule, not a pick among them.
        # A choice among offered options is kept whole, with the option: "the other options
        # don't suit me" alone says nothing a later request could be matched with.
        # A choice said in words ("I'll go with Kjaer Weis. The others don't suit me.") is
        # kept whole too when the option was not matched: the sentence naming the pick is the
        # part a later request can be matched with.
        shown = _shown_preference(message, previous_reply, tuning)
        if shown and (not found or shown[0].option or _CHOICE.search(shown[0].said)):
            if found:  # the answer also states a preference in words: firmer evidence
                shown[0].confidence = tuning.stated_choice_confidence
            found = shown
    return found


# Words around a preference that say nothing of it: "I'm vegetarian by the way" was kept, and
# said back, as "you're vegetarian by the way".
_ASIDE_BEFORE = re.compile(r"^\W*(?:(?:by the way|btw|fyi|just so you know|for the record|oh|"
                           r"and|also|plus|one (?:more|last) thing|another thing)\W+)+",
                           re.IGNORECASE)
_ASIDE_AFTER = re.compile(r"(?:,\s*|\s+)(?:by the way|btw|fyi|just so you know|for the record|"
                          r"for what it'?s worth)(?=[\s.!]*$)", re.IGNORECASE)


def _opened(sentence: str) -> str:
    """A sentence without the words that join it to what went before ("Also, whenever I ask
    for a recipe, ..."), starting with a capital as it would have alone."""
    bare = without_asides(sentence)
    return bare[:1].upper() + bare[1:] if bare != sentence.strip() else bare


def without_asides(text: str) -> str:
    """``text`` without "by the way", "btw", "just so you know" before or after it."""
    return _ASIDE_AFTER.sub("", _ASIDE_BEFORE.sub("", text)).strip()


_CLAUSE_JOIN = re.compile(r",?\s+(?:and|but)\s+(?=(?:I|I'm|I've|I'd|my)\b)|,\s+(?=(?:I|I'm|I've|"
                          r"I'd|my)\b)", re.I)


@lru_cache(maxsize=32)  # elicit and respond both ask it of the turn's message
def sets_rules_only(message: str) -> bool:
    """Whether the message does nothing but give Tacit standing rules ("Whenever I ask for a
    recipe, list the ingredients first."): nothing to answer or ask about yet, only to note.
    A rule with a request after it ("Always answer in French. What's the capital of Peru?")
    is not."""
    said = [without_asides(s) for s in sentences(statements.own_words(own_words(message)))
            if len(s.split()) >= 3]
    return bool(said) and all(classify(s) == "instruction" and _the_persons_own("instruction", s)
                              for s in said)


def _preference_clauses(sentence: str) -> str:
    """Of a sentence joining first-person clauses ("I live in Porto and I'm vegetarian"), the
    clauses that state a preference ("I'm vegetarian"): the rest is other news about the
    person, which facts learn on their own."""
    parts = _CLAUSE_JOIN.split(sentence.strip())
    kept = [p.strip(" ,") for p in parts if classify(p) == "preference"]
    if len(parts) < 2 or not kept or len(kept) == len(parts):
        return sentence
    text = " and ".join(kept)
    return text if text[-1] in ".!" else text + "."


def own_preference(sentence: str) -> bool:
    """Whether ``sentence`` states a preference of the person's own ("I'm vegetarian")."""
    return classify(sentence) == "preference" and _the_persons_own("preference", sentence)


def _the_persons_own(kind: str, sentence: str) -> bool:
    """Whether a sentence read as ``kind`` is the person's own rule or preference.

    A question ("Am I vegetarian?"), a request, a hypothetical or someone else's taste ("my
    sister is vegan") is not a preference. A rule may be asked for politely ("Could you
    always answer in bullets?"), but never in a hypothetical or for someone else.
    """
    if statements.is_hypothetical(sentence) or statements.about_someone_else(sentence):
        return False
    if kind == "preference" and _NO_TASTE.search(sentence):
        return False
    if kind == "preference" and _taste_is_theirs(sentence):
        return False
    return kind == "instruction" or statements.speaks_for_self(sentence)


# A clause of someone else's after the person's own news: "I'm having 6 friends over on
# Saturday and one is coeliac." was noted as the person's preference.
_OTHER_JOIN = re.compile(r",?\s+(?:and|but)\s+(?=(?:one|two|three|some|a few|most|all|none|both|"
                         r"several|half|either|neither|she|he|they|my|our|his|her|their)\b)|"
                         r",\s+(?=(?:one|two|three|four|some|a few|most|all|both|several|half)\s+"
                         r"of\b)", re.I)
_GROUP = re.compile(r"^\s*(?:one|two|three|some|a few|most|all|none|both|several|half|either|"
                    r"neither)(?:\s+of\s+(?!us\b)\w+(?:\s+\w+)?)?\s+(?:is|are|'s|was|were|has|have|"
                    r"can'?t|cannot|doesn'?t|don'?t|eats?|won'?t|hates?|loves?|likes?|prefers?)\b",
                    re.I)


def _taste_is_theirs(sentence: str) -> bool:
    """Whether the taste in a sentence is only in what it says of someone else (a friend, one
    of the guests), none in what it says of the person."""
    if _GROUP.match(sentence):  # "one of my friends is coeliac"
        return True
    parts = [p for p in _OTHER_JOIN.split(sentence.strip()) if p.strip(" ,.")]
    if len(parts) < 2:
        return False
    own = [p for p in parts if not (statements.about_someone_else(p) or _GROUP.match(p))]
    return len(own) < len(parts) and not any(classify(p) == "preference" for p in own)


# A feeling about a person, themselves or their life is no taste to shape answers by: "I love
# you." and "I hate my life." were noted as preferences.
_NO_TASTE = re.compile(
    r"\b(?:love|like|hate|adore|dislike|loathe|detest|can'?t stand)\s+(?:you|myself|my life|"
    r"(?:my )?life|being alive|living|everyone|everybody|people|him|her|them|me|us|it here|"
    r"this place|my (?:body|face|self))\b[\s.!]*$", re.IGNORECASE)


def _shown_preference(message: str, previous_reply: str,
                      tuning: TurnTuning) -> list[Candidate]:
    """A choice among options the assistant offered, or a correction: a preference shown,
    not stated. Kept in the user's words (with the option they picked, as the assistant
    offered it), with lower confidence. Only a short answer that asks for nothing new is a
    choice; a long message or a new request moved on, whatever words it shares with a list."""
    if split_required(previous_reply)[0] or tips.given(previous_reply) or \
            budget.given(previous_reply) or week_plan.given(previous_reply):
        # Crisis lines are not options ("I think I'll call them" chooses no taste), nor are
        # tips ("I sleep 8 hours but still wake up exhausted" after tips for tiredness), nor a
        # budget's shares ("rent is 900 and I spend about 300 on food"), nor a week planned
        # ("Remind me what's due on Thursday." picked "Thursday: the report is due").
        return []
    said = " ".join(message.split())
    words = len(said.split())
    # A longer message moved on, unless it says it is choosing, and why (below).
    if words > tuning.capture_max_words or _REQUEST_LEAD.match(said):
        return []
    # A question moves on, unless it only names an offered option ("How about the second?").
    if any("?" in s and chosen_option(s, previous_reply, tuning) is None
           for s in sentences(said)):
        return []
    cued = bool(_CHOICE.search(said) or _CORRECTION.match(said) or _ORDINAL.search(said))
    option = chosen_option(said, previous_reply, tuning)
    if not option and find_facts(said) and not _PREFERENCE.search(said):
        return []  # "Actually I moved to Leeds.": news of the person, which facts learn
    if not cued and (not option or words > tuning.named_only_words):
        return []
    named = set(_words(_CHOICE.sub(" ", said))) - _NAMES_NOTHING - _COURTEOUS
    if cued and not option and named and not named & set(_words(previous_reply)):
        # "Thanks, I think I'll go for a walk." after advice with no walk in it: a plan of
        # their own, not a pick among what was offered
        return []
    if words > tuning.choice_words and not (cued and (option or _PREFERENCE.search(said))):
        return []  # a long answer is a choice only when it says so and what it picked or why
    text = f"{said} ({option})" if option and _normal(option) not in _normal(said) else said
    return [Candidate("preference", text, tuning.shown_choice_confidence, "rules",
                      implicit=True, said=said, option=option or "")]


def own_words(message: str) -> str:
    """``message`` up to the first task given material ("Fix this: ..."): what follows the
    colon is text to work on, not something the user says about themself."""
    task = _TASK_COLON.search(message)
    return message[: task.start()] if task else message


def _normal(text: str) -> str:
    return " ".join(_words(text))


def offered_options(reply: str, tuning: TurnTuning | None = None) -> list[str]:
    """The options in an assistant reply: numbered or bulleted, else the items of one
    sentence that lists three or more ("you could try A, B, C or D"); none when fewer than
    two."""
    longest = (tuning or TurnTuning.defaults()).capture_max_words
    parts = [p.strip().split("\n")[0].strip() for p in _LISTED.split(reply)]
    options = [p for p in parts[1:] if p and len(p.split()) <= longest]
    if len(options) >= 2:
        return options
    for sentence in sentences(reply):
        items = [p.strip() for p in sentence.split(",")]
        last = _LAST_ITEM.match(items[-1]) if len(items) >= 3 else None
        if last is None:
            continue
        items[-1] = last.group(1)
        found = [p.strip(" .") for p in items if len(p.split()) >= 2]
        if len(found) >= 3 and all(len(p.split()) <= longest for p in found):
            return found
    return []


def chosen_option(message: str, reply: str, tuning: TurnTuning | None = None) -> str | None:
    """The option of ``reply`` that ``message`` picks: by its ordinal, or by naming it.

    Naming it means sharing clearly more content words with it than with any other option
    (at least two): "the salad bar sounds good" picks "The salad bar at ...".
    """
    options = offered_options(reply, tuning)
    if not options:
        return None
    ordinal = _ORDINAL.search(message)
    if ordinal:
        word, digit = ordinal.group(1), ordinal.group(2)
        index = (len(options) - 1 if word and word.lower() == "last"
                 else _ORDINALS.get(word.lower(), -1) if word else int(digit) - 1)
        if 0 <= index < len(options):
            return options[index]
    said = set(_words(message)) - _NAMES_NOTHING
    overlaps = sorted(((len(said & (set(_words(o)) - _NAMES_NOTHING)), n)
                       for n, o in enumerate(options)), reverse=True)
    best, runner_up = overlaps[0], overlaps[1]
    if best[0] >= 2 and best[0] > runner_up[0]:
        return options[best[1]]
    return None


_ASKS_YOU = re.compile(r"^(?:and\s+|so\s+|please\s+)*(?:can|could|will|would)\s+you\b", re.I)


def classify(sentence: str) -> str | None:
    """'instruction', 'preference' or None for one sentence, by its wording."""
    text = sentence.strip().replace("\u2019", "'")
    cond, action = split_condition(text)
    leads = bool(re.match(r"^(?:if|when|whenever|every|each|any)", text, re.I))
    about_me = bool(re.match(r"^(?:i|i'm|i\s+am)\b", cond, re.I)) or "is" in cond.split()
    # "and if I add 20 to that?" asks a sum; "If I ask for a recipe, can you use grams?" asks
    # for a rule.
    asks = text.endswith("?") and not _ASKS_YOU.match(action)
    if cond and about_me and len(action.split()) >= 2 and not asks and \
            (leads or not _FIRST_PERSON_START.match(action)):
        return "instruction"
    lead = _INSTRUCTION_LEAD.match(text)
    if lead:
        rest = text[lead.end():].lstrip(" ,")
        if not _FIRST_PERSON_START.match(rest) or _ADDRESSES_ASSISTANT.search(rest):
            return "instruction"
    if _FIRST_PERSON.search(f" {text}") and _PREFERENCE.search(text):
        return "preference"
    return None


def capture(message: str, *, model: ChatModel | None = None, previous_reply: str = "",
            tuning: TurnTuning | None = None) -> Capture:
    """Candidates from one user message, each checked against the message itself."""
    started = time.perf_counter()
    tuning = tuning or TurnTuning.defaults()
    result = Capture()
    rules = rule_candidates(message, previous_reply, tuning)
    stated = [r for r in rules if not r.implicit]
    readings = (_read_with_model(model, stated, result, tuning.model_kept_share)
                if model is not None and stated else {})
    for rule in rules:
        chosen = rule
        if rule.implicit:
            # The user's words must hold; the option must be the assistant's, word for word.
            ok, why = grounded(rule.said, message)
            if ok and rule.option and rule.option not in previous_reply:
                ok, why = False, "the option is not in the assistant's reply"
            (result.candidates.append(rule) if ok else
             result.rejected.append({"text": rule.text, "why": why}))
            continue
        chosen = readings.get(id(rule), rule)
        ok, why = grounded(chosen.text, message)
        if not ok and chosen is not rule:
            result.model_failures.append({"text": chosen.text, "why": why})
            chosen = rule
            ok, why = grounded(chosen.text, message)
        if ok:
            result.candidates.append(chosen)
        else:
            result.rejected.append({"text": chosen.text, "why": why})
    result.ms = (time.perf_counter() - started) * 1000
    return result


def _read_with_model(model: ChatModel, rules: list[Candidate], result: Capture,
                     kept_share: float) -> dict[int, Candidate]:
    """The extractor's reading of every candidate, in one call (``MODEL_CALLS``)."""
    values: list[Extraction] | None = None
    if len(rules) == 1:
        prompt = prompts.render("capture", sentences=rules[0].text)
        one = model.structured([{"role": "user", "content": prompt}], Extraction)
        raw, error, result.model_calls = one.raw, one.error, one.attempts
        values = [one.value] if one.value is not None else None
    else:
        numbered = "\n".join(f"{n}. {r.text}" for n, r in enumerate(rules, start=1))
        prompt = prompts.render("capture", sentences=numbered)
        batch = model.structured([{"role": "user", "content": prompt}], Extractions)
        raw, error, result.model_calls = batch.raw, batch.error, batch.attempts
        values = list(batch.value.items) if batch.value is not None else None
    if values is None:
        result.model_failures.append({"text": raw[:200], "why": error or "empty"})
        return {}
    pairs = zip(rules, values, strict=False)  # a short answer leaves the rest to the rules
    return {id(rule): _reading(value, rule, result, kept_share) for rule, value in pairs}


def _reading(value: Extraction, rule: Candidate, result: Capture,
             kept_share: float) -> Candidate:
    """The candidate the model's reading of one sentence gives, or the rule-based one."""
    words = " ".join(value.words.split())
    if value.kind == "none" or not words:
        result.model_failures.append({"text": words, "why": "the model saw no rule; kept "
                                      "the rule-based reading"})
        return rule
    if len(set(_words(words)) - GROUNDING_IGNORES) < kept_share * len(
            set(_words(rule.text)) - GROUNDING_IGNORES):
        # A fragment loses what the user meant (the condition, the object): keep the sentence.
        result.model_failures.append({"text": words, "why": "the model kept too little"})
        return Candidate(rule.kind, rule.text, rule.confidence, "model")
    # The model only narrows the words; the kind stays the rules' reading (a small model
    # calls "I'm vegetarian and live in Porto" an instruction as readily as a preference).
    return Candidate(rule.kind, words, rule.confidence, "model")
