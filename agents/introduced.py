"""A message that only tells Tacit about the person gets a short acknowledgement by code.

"Hi, I'm Maya. I'm allergic to peanuts and I live in Bristol." asks nothing: there is nothing
to answer, only to learn (memorize keeps the facts by its rules). A small model given it writes
a letter signed by someone else and "remembers" having heard of the allergy before. Code says
what it understood instead, in the person's second person, so a misreading shows at once:
"Nice to meet you, Maya! I'll remember that you're allergic to peanuts and that you live in
Bristol." A sentence that is neither a fact, a preference of their own nor a greeting ("I'm
feeling low today") leaves the reply to the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from agents.capture import (
    classify,
    own_preference,
    own_words,
    sets_rules_only,
    without_asides,
)
from agents.medicine_mix import takes_medicine
from agents.safety_detect import stated_condition
from memory import statements
from memory.facts import (
    AGE_ALONE,
    Candidate,
    find_called,
    find_facts,
    several,
    with_people_named,
)
from memory.preferences import signals
from memory.text import lexicon, sentences

# A sentence that only greets or is polite ("Hello there!", "Nice to meet you.").
_GREETING = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|heya|yo|howdy|good (?:morning|afternoon|evening)|"
    r"nice to meet you|pleased to meet you|there|tacit|again|all|thanks|thank you|cheers|"
    r"also)\W*)+$",
    re.IGNORECASE)
_MOST_CHARS = 300
RULE_TAKEN = "Got it. I'll keep to that from now on."
# Where one thing told ends and the next begins, inside a sentence.
_CLAUSES = re.compile(r",?\s+(?:and|but|because|so|though|although|while)\s+|;\s*|\s+[-–—]\s+|"
                      r",\s+(?=(?:she|he|they|it|i|we|my|her|his|their|our|which|who)\b)", re.I)
# How each kind of fact is said back ({v}: its value, {a}: "a" or "an" before it).
_SAID = {
    "home city": "you live in {v}",
    "from": "you're from {v}",
    "employer": "you work at {v}",
    "job": "you work as {a} {v}",
    "former job": "you worked as {a} {v}",
    "age": "you're {v}",
    "birthday": "your birthday is {v}",
    "car": "you drive {a} {v}",
    "dislikes": "you don't like {v}",
    "learning": "you're learning {v}",
    "studies": "you're studying {v}",
    "teaches": "you teach {v}",
    "work": "you work in {v}",
    "goal": "your goal is to {v}",
    "saving for": "you're saving for {v}",
    "children": "you have {v}",
    "shifts": "you work {v}",
    "day rate": "you charge {v} a day",
    "hourly rate": "you charge {v} an hour",
}


_WHERE_LIVES = re.compile(r"where (\w+) lives")  # the attribute of where someone lives
_FRAME = lexicon("fact_frame")  # "I live in", "my sister is called": a fact's own words
EXTRA_WORDS = 1   # words a clause may say besides a fact and its frame ("Bristol, UK")


def _only_facts(clause: str, found: list[Candidate]) -> bool:
    """Whether a clause says nothing but facts: "My sister Ana is visiting next week" tells of
    a visit, which an acknowledgement of her name would pass over."""
    facts = [*found, *find_facts(clause)]
    values = {w for f in facts for w in re.findall(r"[\w']+", f.value.lower())}
    if not values:
        return False
    # "I've moved from Leeds to Bristol": the place left is part of saying where they live.
    moved = re.sub(r"\bfrom\s+[\w' .-]{1,40}?\s+(?=to\b)", "", clause, flags=re.I)
    # "Actually my partner's name is Sam, not Alex": the name it corrects
    moved = re.sub(r",?\s+not\s+[A-Z][\w'-]+[\s.!]*$", "", moved)
    if any(_THEIRS.fullmatch(f.attribute) for f in facts):  # "my son won't eat fish"
        moved = _DISLIKING.sub(" ", moved)
    # "my mum's birthday": the relation's own words are the frame's
    said = [w.removesuffix("'s") for w in re.findall(r"[\w']+", moved.lower())]
    extra = [w for w in said if w not in values | _FRAME]
    return bool(values & set(said)) and len(extra) <= EXTRA_WORDS


def _unaged(fact: Candidate) -> tuple[str, str]:
    """A fact as who it is of, its age aside: "daughter: Maya (4)" is "daughter: Maya"."""
    return fact.attribute, re.sub(r"\s*\(\d{1,2}\)$", "", fact.value)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


# How someone of theirs is told not to like a food: the frame of that fact.
_DISLIKING = re.compile(r"\b(?:really |just |absolutely )?(?:hates|dislikes|detests|loathes|"
                        r"can'?t stand|cannot stand|doesn'?t (?:like|eat)|does not (?:like|eat)|"
                        r"never eats|won'?t eat|(?:is|'s) not (?:keen on|a fan of)|isn'?t "
                        r"(?:keen on|a fan of))\b", re.I)
# What is kept of someone of theirs ("son's allergy: eggs", "partner's dislikes: mushrooms"),
# and how it is said back.
_THEIRS = re.compile(r"(.+)'s (allergy|dislikes|diet)")
_THEIR_KIND = {"allergy": "is allergic to", "dislikes": "doesn't like", "diet": "is"}


def _their_kind(fact: Candidate, kind: str) -> str:
    """How a fact of someone close is said: "doesn't eat" when that is how it was told ("My
    son doesn't eat fish." was said back as "doesn't like fish")."""
    if kind == "dislikes" and re.search(r"\b(?:doesn'?t|does not|won'?t|never|can'?t) eats?\b",
                                        fact.source, re.I):
        return "doesn't eat"
    return _THEIR_KIND[kind]


def _said_back(fact: Candidate) -> str:
    """One fact in the second person ("you live in Bristol", "your sister is Ana")."""
    value = fact.value
    if fact.attribute == "allergy":
        return (f"you have {_article(value)} {value} allergy" if "allergy" in fact.source.lower()
                and "allergic" not in fact.source.lower() else f"you're allergic to {value}")
    if fact.attribute == "dislikes" and re.search(
            rf"\b(?:don'?t|do not|never|can'?t|cannot)\s+eat\s+{re.escape(value)}",
            fact.source, re.I):
        return f"you don't eat {value}"  # a restriction, not a dislike
    if fact.attribute == "partner" and re.search(r"\b(?:getting married|engaged) to\b",
                                                 fact.source, re.I):
        return f"you're {'marrying' if 'married' in fact.source.lower() else 'engaged to'} {value}"
    if fact.attribute == "exams":  # "GCSEs start in May", "A levels in June"
        verb = re.search(r"\b(?:start|starts|begin|begins|are|is)\b", value, re.I)
        return f"your {value}" if verb else f"you have your {value}"
    if fact.attribute == "wedding":
        return f"your wedding is {'on' if re.search(r'[0-9]', value) else 'in'} {value}"
    if fact.attribute == "job" and value.lower() == "retired":
        return "you're retired"
    if fact.attribute == "job" and not re.search(r"\bwork(?:ing)? as\b", fact.source, re.I):
        return f"you're {_article(value)} {value}"  # "I'm a student": not "you work as"
    if fact.attribute == "business":  # "my own business" is theirs
        return "you run " + re.sub(r"\b(my|our)\b", "your", value, flags=re.I)
    if fact.attribute == "household":  # "alone with my cat"
        return "you live " + re.sub(r"\b(?:my|our)\b", "your",
                                    re.sub(r"\bmyself\b", "yourself", value, flags=re.I),
                                    flags=re.I)
    if fact.attribute in _SAID:  # "my wedding": "your wedding"
        value = re.sub(r"\b(?:my|our)\b", "your", value, flags=re.I)
        return _SAID[fact.attribute].format(v=value, a=_article(value))
    aged = re.fullmatch(r"(.+) \((\d{1,2})\)", value)
    if aged:  # "cat: Milo (12)", "child: Arjun (7)"; "Leo is 2 and a half" said so
        half = " and a half" if re.search(rf"\b{aged[2]} and a half\b", fact.source) else ""
        return f"your {fact.attribute} {aged[1]} is {aged[2]}{half}"
    theirs = _THEIRS.fullmatch(fact.attribute)
    if theirs:
        return f"your {theirs.group(1)} {_their_kind(fact, theirs.group(2))} {value}"
    lives = _WHERE_LIVES.fullmatch(fact.attribute)
    if lives:
        return f"{lives.group(1)} lives in {value}"
    named = re.fullmatch(r"([a-z\u00df-\u00ff]+)'s birthday", fact.attribute)
    if named and re.search(rf"\b{named[1]}'s\b", fact.source, re.IGNORECASE) and \
            not re.search(rf"\bmy {named[1]}'s\b", fact.source, re.IGNORECASE):
        return f"{named[1].capitalize()}'s birthday is {value}"  # "Rohan's birthday"
    return f"your {fact.attribute} is {value}"


# A short first-person clause said back to the person ("I'm vegan" -> "you're vegan").
SECOND_PERSON = {"i'm": "you're", "i": "you", "am": "are", "my": "your", "me": "you", "myself":
           "yourself", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "mine": "yours",
           "we're": "you're", "we": "you", "our": "your", "us": "you", "we've": "you've"}


# A word that opens a clause without being part of what is told ("Actually, I eat fish now").
# Happy news of their own, said with who they are ("I'm 34 and pregnant with my first", "we
# just got engaged"): congratulated, and not noted (a pregnancy is kept only as the safety
# questions ask, with their consent). Group: what the congratulations are on.
_HAPPY_NEWS = (
    # Said as good news (a first baby, expecting, finally): "I'm pregnant." alone may not be.
    (re.compile(r"^(?:(?:and|so)\s+)?(?:(?:i'?m|i am|we'?re|we are)\s+)?(?:(?:now|finally|"
                r"\d{1,2} weeks)\s+)?(?:pregnant\s+(?:with\s+(?:my|our)\s+(?:first|second|"
                r"third)(?:\s+(?:baby|child))?|with\s+twins)|expecting(?:\s+(?:a\s+baby|our\s+"
                r"(?:first|second|third)(?:\s+baby)?))?)(?:,?\s+(?:and\s+)?(?:the baby is\s+)?"
                r"due\s+(?:in|on|at the end of|next)\s+[\w ]{1,20})?$", re.IGNORECASE),
     "the pregnancy"),
    (re.compile(r"^(?:(?:and|so)\s+)?(?:i|we)(?:'ve| have)?\s+(?:just\s+)?got\s+engaged$",
                re.IGNORECASE), "your engagement"),
    # "I've just become a dad for the first time." got "as a tech support chatbot ..."
    (re.compile(r"^(?:(?:and|so)\s+)?(?:i|we)(?:'ve| have)?\s+(?:just\s+|finally\s+|recently\s+)?"
                r"become\s+(?:a\s+)?(?P<who>dad|mum|mom|father|mother|parents?|grandad|grandma|"
                r"grandparents?|granny|grandpa|nan)(?:\s+for\s+the\s+(?:first|second|third)\s+"
                r"time|\s+again)?$", re.IGNORECASE), "becoming a {who}"),
    # "Our daughter Isla was born last Tuesday." got the model saying it back
    (re.compile(r"^(?i:(?:(?:and|so)\s+)?(?:our|my)\s+(?:(?:baby|new|little|first|second)\s+)*"
                r"(?P<kin>daughter|son|baby|boy|girl|twins|grandson|granddaughter))(?:\s+[A-Z][a-z]+)?"
                r"(?i:\s+(?:was|were)\s+born(?:\s+(?:last\s+\w+|yesterday|this\s+morning|on\s+\w+"
                r"(?:\s+\w+)?|(?:a|two|three|four|five|six|a\s+few)\s+(?:days|weeks)\s+ago|at\s+"
                r"[\w: ]{1,10}))*)$"),
     "your new {kin}"),
    (re.compile(r"^(?:(?:and|so)\s+)?(?:i|we)(?:'ve| have)?\s+(?:just\s+)?got\s+married$",
                re.IGNORECASE), "your wedding"),
    (re.compile(r"^(?:(?:and|so)\s+)?(?:i|we)(?:'ve| have)?\s+(?:just\s+|finally\s+)?got\s+an?\s+"
                r"(?:new\s+)?(?:rescue\s+)?(?P<pet>puppy|kitten|dog|cat)$", re.IGNORECASE),
     "your new {pet}"),
    # "I'm getting married to Sam on 14 June next year!" (the model wrote "I've been thinking
    # about Sam lately, ... he is one of my favorite people"): who and when are kept as facts
    (re.compile(r"^(?:(?:and|so)\s+)?(?:i'?m|i am|we'?re|we are)\s+(?:finally\s+)?getting\s+"
                r"married(?:\s+to\s+[\w'-]+)?(?:\s+(?:on|in|next|this)\s+[\w ,]{1,30})?$",
                re.IGNORECASE), "your wedding"),
)
_OPENER = re.compile(r"^(?:actually|oh|well|also|so|ok|okay|and|but)\W+", re.IGNORECASE)
# What asks only that the rest be noted: "He's allergic to nuts, so keep that in mind for food."
_NOTE_IT = re.compile(r"(?:so |and )?(?:please )?(?:(?:keep|bear) (?:that|this|it) in mind|"
                      r"(?:please )?(?:remember|note) (?:that|this|it)|"
                      # "Sam is vegan, so the food needs to work for that."
                      r"(?:the |all the |any )?(?:food|meals?|menu|recipes?|dishes|cooking) "
                      r"(?:needs?|has|have|will need|must) to (?:work|be suitable|be ok|be okay|"
                      r"be safe) for (?:that|him|her|them|it))(?: (?:for|when|with) "
                      r"[\w' ]{1,30})?(?: please)?", re.IGNORECASE)
# A visit told ("My grandson Oliver is coming to stay next weekend."): glad news, nothing kept
# of it but the names.
_VISIT = re.compile(r"^(?:and |so )?(?:my|our) (?:mum|mom|dad|parents|sister|brother|son|"
                    r"daughter|kids|children|grandson|granddaughter|grandkids|grandchildren|"
                    r"grandma|grandad|grandpa|granny|nan|gran|family|friends?|best friend|cousins?|"
                    r"aunt|auntie|uncle|niece|nephew|in-laws|godson|goddaughter)(?: [A-Z]\w+)? "
                    r"(?:is|are|'s|'re) (?:coming|going) "
                    r"(?:to (?:stay|visit)|over|round|for (?:a visit|the weekend|christmas|a few "
                    r"days))(?: with (?:me|us))?(?: (?:next|this) (?:week|weekend|month|monday|"
                    r"tuesday|wednesday|thursday|friday|saturday|sunday)| on (?:monday|tuesday|"
                    r"wednesday|thursday|friday|saturday|sunday)| tomorrow| soon| for "
                    r"(?:a|two|three|a few) (?:days|nights|weeks))*$", re.IGNORECASE)
# Visits that come round regularly ("My daughter Claire lives in Bristol and visits on
# Sundays."): glad news too.
_VISITS = re.compile(r"^(?:and |so )?(?:(?:she|he|they) )?(?:(?:usually|often|always|still) )?"
                     r"(?:visits|visit|comes? (?:round|over|to see (?:me|us))|pops? (?:in|round|"
                     r"over)|calls|rings|phones) (?:me |us )?(?:most |on |every |each |at )?"
                     r"(?:sundays?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|"
                     r"weekends?|the weekend|week|day|evening|month|other (?:week|weekend|day)|"
                     r"christmas|(?:a|twice a|once a) (?:week|month))(?: (?:without fail|when "
                     r"(?:she|he|they) can))?$", re.IGNORECASE)
_NOTE_IT_AFTER = re.compile(r"(?:,\s*|\s+)" + _NOTE_IT.pattern + r"\W*$", re.IGNORECASE)


def _second_person(clause: str, most: int = 8) -> str:
    """A preference of the person's own, said back to them, or "" when it is not a plain
    first-person clause of at most ``most`` words ("I'm vegan", "I hate mushrooms")."""
    words = _OPENER.sub("", without_asides(clause.replace("\u2019", "'"))).split()
    if not words or len(words) > most or (words[0].lower() not in ("i'm", "i", "i've")
                                          and not _GUEST_ALLERGY.match(clause)
                                          and not _GUEST_DIET.match(clause)
                                          and not _TRIP.match(clause)
                                          and not _ALSO_AHEAD.match(clause)):
        return ""  # ... or one of their guests' allergy, or a trip they go on with others
    if any(w.lower() in ("you", "your", "yours") for w in words):
        return ""
    said = [SECOND_PERSON.get(w.lower(), w) for w in words]
    return " ".join([said[0].lower(), *said[1:]])  # "One of my guests" said mid-sentence


def _states_a_value(clause: str) -> bool:
    """Whether a clause states (or ends) a value of a preference the catalog knows: "I've
    started eating fish again" changes a diet without the words of liking. Units named in
    passing ("I ran 10 km today") are news told in them, not a taste to say back; "I run in
    km" names no amount and is one."""
    return any(s.how != "chosen" and (s.dimension != "units" or not re.search(r"\d", clause))
               for s in signals(clause))


# What the person is training or preparing for, said back with their other facts: "I'm
# training for a half marathon in April. I run in km." got "Dixe de marché au paragraphe en
# km." Only these named events: "preparing for the end" is no plan to note.
_PLAN = re.compile(
    r"^\W*(?:i'?m|i am)\s+(?:currently\s+|now\s+|still\s+)?(?:training|preparing|revising|"
    r"studying)\s+for\s+(?:a|an|the|my|our)\s+(?:first\s+|big\s+|next\s+)?(?:half[- ]marathon|"
    r"marathon|ultra(?:marathon)?|triathlon|ironman|race|\d+k|10k|5k|fun run|exams?|tests?|"
    r"driving test|interview|job interview|competition|match|tournament|audition|recital|"
    r"concert|finals|a[- ]levels|gcses|bar exam)(?:\s+(?:in|on|this|next|at)\s+[\w' ]{1,30})?"
    r"\W*$", re.IGNORECASE)
# An exam or an interview ahead, said back the same way: "I'm learning Spanish and I have an
# exam in March." got "there are two exams: one for the Spanish language (2016-3)".
_AHEAD = re.compile(
    r"^\W*(?:and\s+)?i\s+(?:'ve\s+got|have(?:\s+got)?|'ve)\s+(?:an?|my|the)\s+(?:big\s+|first\s+|"
    r"final\s+|important\s+|next\s+)?(?:exams?|tests?|driving\s+test|theory\s+test|interview|"
    r"job\s+interview|audition|presentation|assessment|finals|dissertation\s+due|deadline)"
    r"\s+(?:in|on|at|next|this|coming\s+up\s+in)\s+[\w' ]{1,30}\W*$", re.IGNORECASE)
# An inspection at work ahead, the day of a test, a part at a wedding, how they get about, and
# what they never learned: "I'm a primary school teacher and we've got Ofsted next week." got
# "I'm Dr. Elena Petrova"; "I'm best man at my brother's wedding in August." got "I'll be taking
# care of you tonight"; "I'm a wheelchair user and I'm flying to Lisbon in June." got "I
# couldn't put a good answer together"; "I'm 17 and my driving test is in two weeks.", "I'm 50
# and I've never learned to swim." got the model's musings.
_PRICE = r"^\W*(?:and\s+)?it'?s\s+£\d{2,3},\d{3}\W*$"  # a home's price: "it's £250,000"
_ALSO_AHEAD = re.compile(
    r"^\W*(?:and\s+)?(?:(?:we|i)\s*(?:'ve\s+got|have(?:\s+got)?|'ve)\s+(?:an?\s+|our\s+|the\s+)?"
    r"(?:ofsted|(?:school\s+|an\s+)?inspection|audit|appraisal)|my\s+(?:driving\s+test|theory\s+"
    r"test|exams?|interview|job\s+interview|operation|op|surgery|scan|appointment|audition|"
    r"presentation)\s+is)\s+(?:in|on|at|next|this|tomorrow|coming\s+up\s+in)\b[\w' ]{0,30}\W*$|"
    r"^\W*(?:and\s+)?i'?m\s+(?:the\s+)?(?:best\s+man|maid\s+of\s+honou?r|matron\s+of\s+honou?r|a\s+"
    r"bridesmaid|an\s+usher|a\s+page\s+boy|a\s+flower\s+girl)\s+(?:at|for)\s+(?:my|our)\s+[\w' ]"
    r"{1,30}?(?:'s)?\s+wedding(?:\s+(?:in|on|this|next)\s+[\w' ]{1,20})?\W*$|"
    r"^\W*(?:and\s+)?(?:i'?m\s+a\s+(?:full[- ]time\s+|part[- ]time\s+)?(?:wheelchair|crutch|"
    r"walking\s+stick|mobility\s+scooter|hearing\s+aid|cochlear\s+implant)\s+user|i\s+use\s+a\s+"
    r"(?:wheelchair|walking\s+stick|mobility\s+scooter|hearing\s+aid|guide\s+dog)|i'?m\s+"
    r"(?:registered\s+)?(?:blind|deaf|partially\s+sighted|hard\s+of\s+hearing))\W*$|"
    r"^\W*(?:and\s+)?i(?:'ve|\s+have)\s+never\s+(?:learned|learnt|been\s+able)\s+to\s+(?:swim|"
    r"drive|ride\s+a\s+bike|cook|read\s+music)\W*$|"
    # "We're buying our first house, it's £250,000 and we have a £25,000 deposit."
    r"^\W*(?:and\s+)?(?:we'?re|we\s+are|i'?m|i\s+am)\s+(?:buying|about\s+to\s+buy|in\s+the\s+"
    r"middle\s+of\s+buying)\s+(?:our|my|a)\s+(?:first\s+)?(?:house|home|flat|place)(?:\s+together)?"
    r"\W*$|" + _PRICE + r"|^\W*(?:and\s+)?(?:we|i)\s*(?:have|'ve\s+got|"
    r"have\s+got|'ve\s+saved|have\s+saved)\s+(?:a\s+)?£\d[\d,]*k?\s+deposit\W*$", re.IGNORECASE)
# A hobby taken up, and how new they are to it: "I've started knitting as a hobby. I'm a
# complete beginner." got "You're a complete beginner in knitting - you've already started your
# own craft!"
_HOBBY = re.compile(
    r"^\W*(?:and\s+)?(?:i(?:'ve|\s+have)\s+(?:just\s+|recently\s+|finally\s+)?(?:started|taken\s+up|"
    r"got\s+into|begun)\s+(?:knitting|crochet(?:ing)?|sewing|quilting|embroidery|running|"
    r"jogging|swimming|cycling|painting|drawing|sketching|gardening|baking|cooking|yoga|pilates|"
    r"climbing|bouldering|hiking|walking|pottery|photography|dancing|singing|birdwatching|"
    r"fishing|golf|tennis|chess|woodwork(?:ing)?|learning\s+(?:the\s+)?[a-z]+|playing\s+(?:the\s+)?"
    r"[a-z]+)(?:\s+again|\s+as\s+a\s+hobby|\s+for\s+fun)*|"
    r"i(?:'m|\s+am)\s+(?:a\s+)?(?:complete|total|absolute|real)?\s*(?:beginner|novice)(?:\s+at\s+(?:it|"
    r"this|[a-z]+ing))?)\W*$", re.IGNORECASE)
# A trip ahead, said back the same way: "I'm learning Spanish because we're going to Mexico in
# March." got "In Spanish, "Marcho" is a month in Mexico".
_TRIP = re.compile(
    r"^\W*(?:and\s+)?(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:(?:finally|also|both)\s+)?(?:going|"
    r"flying|travelling|traveling|heading|off|driving|sailing)\s+(?:(?:on\s+holiday|on\s+a\s+"
    r"trip|on\s+honeymoon|away)\s+)?to\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+){0,2}"
    r"\s+(?:in|on|this|next|at\s+the\s+end\s+of|for)\s+[\w' ]{1,30}\W*$", re.IGNORECASE)
# When they work, said back the same way: "I'm a nurse and I work night shifts in Bristol" got
# "welcome to the team ... What brings you to our lovely city?" from the small model.
# A move they are about to make ("I'm moving to Glasgow next month"): where they live stays
# as it is until they say they have moved.
_MOVE = re.compile(
    r"^\W*(?:i'?m|i am|we'?re|we are)\s+(?:about\s+to\s+move|moving|relocating)\s+"
    r"(?:back\s+)?to\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+){0,2}"
    r"(?:\s+(?:next|this|in|on|soon|at\s+the\s+end\s+of|after)\b[\w' ]{0,30}?)?"
    r"(?:\s+with\s+(?:my|our)\s+[\w' ]{1,30})?\W*$",  # "... with my husband Tom"
    re.IGNORECASE)
# A habit told of, said back whole: "I cook in big batches on Sundays" got "beans are my
# favorite ingredient in this season of celebration" from the model.
_HABIT = re.compile(
    r"^\W*(?:and\s+)?i\s+(?:usually\s+|always\s+|often\s+|normally\s+|mostly\s+|tend\s+to\s+)?"
    r"(?:cook|bake|batch[- ]cook|meal[- ]prep|cycle|swim|walk|hike|work\s+out|"
    r"go\s+to\s+the\s+gym|commute|cycle\s+to\s+work|walk\s+to\s+work)\b"
    r"(?:\s+(?:in|on|at|every|each|most|three|two|four|five|a|for|with|before|after|to)\b"
    r"[\w' ]{0,40})?\W*$", re.IGNORECASE)
# A pet of a breed, told of: "She's a 10 week old cocker spaniel called Bella." (after "We just
# got a puppy!") got "a golden retriever mix" from the model.
_PET = re.compile(
    r"^\W*(?:and\s+)?(?:she|he|it)(?:'s|\s+is)\s+an?\s+"
    r"(?:\d{1,2}[- ](?:week|month|year)s?[- ]old\s+)?(?:[a-z]+\s+){0,2}?(?:puppy|pup|dog|"
    r"spaniel|terrier|retriever|labrador|lab|collie|poodle|"
    r"beagle|dachshund|cockapoo|labradoodle|whippet|greyhound|pug|husky|sheepdog|kitten|cat)\s+"
    r"(?:called|named)\s+[\w'-]+\W*$", re.IGNORECASE)
# How they get on with technology: "Hello, I'm Margaret, I'm 81 and not very good with
# technology." got a page of the model's about "amazing people who are passionate about
# technology".
_TECH = re.compile(
    r"^\W*(?:and\s+)?(?:(?:i'?m|i\s+am)\s+)?(?:not\s+(?:very\s+|that\s+|too\s+|really\s+|so\s+|"
    r"at\s+all\s+)?(?:good|great|confident|clever|handy)\s+(?:with|at|on)|(?:hopeless|useless|"
    r"rubbish|terrible|new)\s+(?:with|at|to))\s+(?:technology|tech|computers|phones|gadgets|"
    r"smartphones|tablets|the\s+internet|this\s+(?:stuff|sort\s+of\s+thing)|these\s+things)"
    r"(?:\s+(?:at\s+all|really|i'?m\s+afraid))?\W*$", re.IGNORECASE)
# A habit lapsed, said with a goal: "I'm trying to get fitter, I'm 45 and haven't exercised
# in years" (the model answered as if it had coached them "for a few years now").
_LAPSED = re.compile(
    r"^\W*(?:and\s+)?(?:i\s+|i'?ve\s+)?(?:haven'?t|have not|hadn'?t|didn'?t|not)\s+(?:really\s+)?"
    r"(?:exercised|run|ran|been running|been to (?:the|a) gym|worked out|done (?:any |much )?"
    r"(?:exercise|sport)|played \w+|swum|cycled|been active|done anything active)\s+"
    r"(?:in|for|since)\s+(?:years|ages|a (?:long )?(?:while|time)|\w+ (?:years|months)|school|"
    r"uni|university|my twenties|the pandemic|covid|lockdown)\W*$", re.IGNORECASE)
# A move made, an event they host, a guest's allergy: said back whole. "I live in Leeds now, I
# moved from Glasgow." got "I'm glad to hear that you're enjoying your new life in Leeds";
# "I'm vegetarian and I'm hosting a dinner party for six on Saturday." got a recipe for a
# vegan chocolate cake "with black pepper".
_MOVED = re.compile(
    r"^\W*(?:and\s+)?(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+|recently\s+)?(?:moved|relocated)"
    r"(?:\s+(?:here|over))?\s+from\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+){0,2}"
    r"(?:\s+(?:last|this|in|a|two|three|few)\b[\w' ]{0,25})?\W*$", re.IGNORECASE)
_HOSTING = re.compile(
    r"^\W*(?:and\s+)?(?:i'?m|i am|we'?re|we are)\s+(?:hosting|having|throwing|giving|"
    r"planning|cooking)\s+(?:(?:a|an|our|my)\s+(?:\w+\s+){0,2}?|(?=christmas|sunday|"
    r"thanksgiving|easter))(?:dinner party|dinner|party|"
    r"barbecue|bbq|lunch|brunch|picnic|christmas dinner|sunday lunch|get-together|gathering)"
    r"(?:\s+(?:for|on|this|next|at|in)\s+[\w' ]{1,40})?\W*$", re.IGNORECASE)
# Guests' diets told after the number of them: "One is vegan and two are gluten-free."
_ONE_DIET = (r"(?:one|two|three|four|five|six|\d{1,2}|some|a couple)(?:\s+of\s+(?:them|us|my "
             r"guests|our guests|the guests))?\s+(?:is|are)\s+(?:vegan|vegetarian|pescatarian|"
             r"gluten[- ]free|coeliac|celiac|dairy[- ]free|lactose intolerant|halal|kosher|"
             r"diabetic)")
_GUEST_DIET = re.compile(r"^\W*(?:and\s+)?" + _ONE_DIET + r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)"
                         + _ONE_DIET + r")*\W*$", re.IGNORECASE)
_GUEST_ALLERGY = re.compile(
    r"^\W*(?:and\s+)?(?:one|two|three|some|a couple|both|all|none)?(?:\s+of)?\s*(?:my|our|the)"
    r"\s+(?:guests?|visitors?|friends?|colleagues?|friends'? kids|neighbours?)\s+(?:is|are)\s+"
    r"(?:(?:severely|very|badly|quite)\s+)?allergic\s+to\s+[\w' ]{2,30}\W*$", re.IGNORECASE)
# What they live on, said back whole: "I have about 400 pounds a month after rent" sent a
# student's introduction to the model, which wrote of debt "forever".
_MONEY = re.compile(
    r"^\W*(?:and\s+)?(?:i|we)(?:\s+(?:have|get|earn|make|take\s+home|live\s+on|have\s+got)|"
    r"'ve\s+got)\s+"
    r"(?:(?:about|around|roughly|only|just|nearly|almost|under|over)\s+)?[£$€]?\d[\d,.]*k?"
    r"(?:\s*(?:pounds|quid|dollars|euros))?\s+(?:a|per|each)\s+(?:month|week|year)"
    r"(?:\s+(?:after|before)\s+[\w' ]{1,30})?\W*$", re.IGNORECASE)
# What they sell and made from it: "I sell handmade candles on Etsy, I made about £6,000 last
# year." got "That's a bit of an exaggeration" from the model.
_SELLS = re.compile(
    r"^\W*(?:and\s+)?(?:i|we)\s+(?:now\s+|also\s+)?(?:sell|make\s+and\s+sell)\s+[\w' -]{2,40}?\s+"
    r"(?:on|through|at|via)\s+(?:etsy|ebay|vinted|amazon|depop|facebook\s+marketplace|my\s+own\s+"
    r"website|(?:craft\s+|local\s+|farmers'?\s+)?markets|craft\s+fairs)\W*$|"
    r"^\W*(?:and\s+)?(?:i|we)\s+(?:made|earned|took|turned\s+over|sold)\s+(?:(?:about|around|"
    r"roughly|nearly|almost|over|under|just\s+over|just\s+under)\s+)?[£$€]\d[\d,.]*k?\s+(?:last|"
    r"this)\s+(?:year|tax\s+year|month)\W*$", re.IGNORECASE)
_WORKS = re.compile(
    r"^\W*i\s+(?:now\s+|currently\s+|usually\s+|mostly\s+)?work\s+(?:nights|night\s+shifts?|"
    r"days|day\s+shifts?|early\s+shifts?|late\s+shifts?|weekends|shifts|"
    r"(?:twelve|12)[- ]hour\s+shifts|part[- ]time|full[- ]time|from\s+home|remotely|"
    r"nine\s+to\s+five|9\s*-\s*5)"
    r"(?:\s+(?:in|at|from|for)\s+[\w' ]{1,30})?\W*$", re.IGNORECASE)


def _told(facts: list[Candidate]) -> list[tuple[Candidate, str]]:
    """The facts said back, each with its fact, a person and where they live as one ("your
    sister Clara lives in Lyon"); the name is said in the greeting."""
    lives = {m.group(1): f.value for f in facts
             if (m := _WHERE_LIVES.fullmatch(f.attribute))}
    named = {f.value for f in facts if not _WHERE_LIVES.fullmatch(f.attribute)}
    # "My daughter Mia is 6 and she's allergic to eggs": "your daughter Mia is allergic to
    # eggs", not "your daughter is Mia and that your daughter is allergic to eggs".
    allergic = {m.group(1) for f in facts if (m := _THEIRS.fullmatch(f.attribute))}
    out = []
    # "your children are Sam and Ella", not "your child is Sam and that your child is Ella"
    for kin, many in (("child", "children"), ("son", "sons"), ("daughter", "daughters")):
        kids = [f for f in facts if f.attribute == kin]
        if len(kids) > 1:
            # "Arjun (7)" said as "Arjun, 7"; with ages, a comma before the last "and"
            kept = [re.sub(r"^(.+) \((\d{1,2})\)$", r"\1, \2", k.value) for k in kids]
            last = ", and" if any("(" in k.value for k in kids) else " and"
            out.append((kids[0], f"your {many} are {', '.join(kept[:-1])}{last} {kept[-1]}"))
            facts = [f for f in facts if f.attribute != kin]
    for fact in facts:
        person = _WHERE_LIVES.fullmatch(fact.attribute)
        if fact.attribute == "name" or (person and person.group(1) in named) or \
                fact.attribute in allergic:
            continue  # in the greeting, or said with the relation below
        theirs = _THEIRS.fullmatch(fact.attribute)
        relation = theirs.group(1) if theirs else ""
        name = next((f.value for f in facts if relation and f.attribute == relation), "")
        if fact.value in lives:
            out.append((fact, f"your {fact.attribute} {fact.value} lives in "
                              f"{lives[fact.value]}"))
        elif theirs and name:  # "Ella (7)": "your daughter Ella is 7 and is allergic to eggs"
            aged = re.fullmatch(r"(.+) \((\d{1,2})\)", name)
            who = f"{aged[1]} is {aged[2]} and" if aged else name
            out.append((fact, f"your {relation} {who} {_their_kind(fact, theirs.group(2))} "
                              f"{fact.value}"))
        else:
            out.append((fact, _said_back(fact)))
    return out


# A clause that opens as one: a person, or a word that starts a statement of its own.
_OPENS_CLAUSE = re.compile(r"^\W*(?:i|i'm|i've|i'd|im|my|we|we're|our|he|she|they|it|it's|you|"
                           r"your|his|her|their|this|that|there|actually|also|not|no|never|"
                           r"hi|hello|hey|thanks|thank)\b", re.I)


# A clause without its subject: "I hate school and get bullied" tells two things.
_DOES = re.compile(r"^\W*(?:get|gets|got|getting|feel|feels|felt|keep|keeps|kept|can'?t|"
                   r"cannot|cry|cries)\b", re.I)


# What may follow "I'm" as a thing told of its own: "I'm vegan and allergic to peanuts" tells
# two things, a diet and an allergy (the diet was lost when they were kept as one clause).
_STATE_OF = re.compile(r"^\W*(?:allergic|intolerant|lactose|vegan|vegetarian|pescatarian|"
                       r"coeliac|celiac|diabetic|gluten[- ]free|dairy[- ]free|pregnant|married|"
                       r"single|divorced|retired|widowed)\b", re.I)
_I_AM = re.compile(r"^\W*(?:i'?m|i am)\b", re.I)


def _said_whole(clause: str) -> bool:
    """Whether ``clause`` tells a plan, their hours, a move, a habit or what they live on:
    something of theirs said back whole."""
    return any(told.match(clause) for told in (_PLAN, _AHEAD, _ALSO_AHEAD, _WORKS, _MOVE, _HABIT,
                                               _MONEY, _SELLS, _MOVED, _HOSTING, _GUEST_ALLERGY,
                                               _LAPSED, _TECH, _PET, _TRIP, _GUEST_DIET, _HOBBY))


def _joined(clauses: list[str]) -> list[str]:
    """Clauses with a bare noun phrase put back with the clause before it: "I like board
    games and hiking" is one taste, not "I like board games" and "hiking"; after "I'm", a
    state of its own is a clause of its own ("... and allergic to peanuts")."""
    out: list[str] = []
    for clause in clauses:
        if out and _I_AM.match(out[-1]) and _STATE_OF.match(clause):
            out.append(f"I'm {clause.strip()}")
        elif out and len(clause.split()) <= 3 and not _OPENS_CLAUSE.match(clause) and \
                not _DOES.match(clause) and not _VISITS.match(clause.strip(" ,.!")):
            out[-1] = f"{out[-1].rstrip(' ,')} and {clause.strip()}"
        else:
            out.append(clause)
    return out


@dataclass
class _Told:
    """What a message tells of the person, as read clause by clause."""

    facts: list[Candidate] = field(default_factory=list)
    preferences: list[str] = field(default_factory=list)
    happy: list[str] = field(default_factory=list)
    health: list[str] = field(default_factory=list)  # a condition: safety's, this conversation
    lovely: bool = False  # a visit told


def _read_told(text: str) -> _Told | None:
    """What ``text`` tells of the person, or None when it asks or says anything else."""
    told = _Told()
    whole = find_facts(text)  # "He's 8." in a sentence of its own, of the one named before
    for sentence in map(without_asides, sentences(text)):
        sentence = _NOTE_IT_AFTER.sub("", sentence)
        if AGE_ALONE.match(sentence.strip()):
            aged = [f for f in whole if f.source.endswith(sentence.strip())]
            if not aged:
                return None
            told.facts = [f for f in told.facts
                          if _unaged(f) not in {_unaged(a) for a in aged}] + aged
            continue
        found = find_facts(sentence)  # "Hi, I'm Maya": the greeting makes it a name
        told.facts += [f for f in found if f not in told.facts]
        for clause in _joined([c for c in _CLAUSES.split(sentence) if c.strip(" ,.!")]):
            if not _read_clause(clause, found, told):
                return None
    return told


def _read_clause(clause: str, found: list[Candidate], told: _Told) -> bool:
    """Reads one clause into ``told``; False when it asks or says anything besides."""
    bare = clause.strip(" ,.!")
    if _GREETING.match(clause) or _OPENER.fullmatch(clause.strip() + " ") or \
            _NOTE_IT.fullmatch(bare):
        return True
    if "?" in clause or statements.is_question(clause) or statements.is_request(clause):
        return False
    news = next((on.format(**said.groupdict()) for pattern, on in _HAPPY_NEWS
                 if (said := pattern.match(bare))), "")  # "your new {pet}": the one told
    if news or _VISIT.match(bare) or _VISITS.match(bare):
        told.happy += [news] if news else []
        told.lovely = told.lovely or not news
        return True
    liked = own_preference(clause) or _states_a_value(clause) or _said_whole(clause)
    if not liked and not _only_facts(clause, found):
        # "I'm on warfarin for atrial fibrillation.": a medicine they take is their health too
        if not (stated_condition(clause) or takes_medicine(clause) or _SORE_PART.match(clause)) \
                or not _second_person(clause):
            return False  # "... and my mum is ill": not only what Tacit can note
        told.health.append(_second_person(bare))
        return True
    # Each clause's facts too ("I don't eat pork, and I hate coriander" holds two), but not
    # part of one the sentence told ("I have a 3 year old and a 6 year old").
    in_clause = find_facts(clause)
    told.facts += [f for f in in_clause
                   if _unaged(f) not in {_unaged(g) for g in told.facts}
                   and (several(f.attribute) or f.attribute not in {g.attribute for g in found})]
    # "... with my husband Tom", "a party for my son who's turning 6": said whole
    if liked and in_clause and (_MOVE.match(clause) or (
            _said_whole(clause) and all(f.attribute == "children" for f in in_clause))):
        told.facts = [f for f in told.facts if f.value not in clause and f not in in_clause]
        in_clause = []
    if liked and not in_clause:  # an allergy is said back as a fact
        # "I'm 81 and not very good with technology": the second clause is theirs too
        unsaid = _TECH.match(bare) and not re.match(r"\W*(?:and\s+)?i\b", bare, re.I)
        told.preferences.append(f"I'm {bare.removeprefix('and ')}" if unsaid else bare)
    return True


# Their English excused, at the end of what they tell: "I am from Poland, I live in Manchester
# 2 years, my english not so good." got a reply in made-up Polish.
_ENGLISH = re.compile(
    r"(?:^|,\s*|\.\s+|\s+and\s+)(?:sorry,?\s+)?(?:(?:my|the)\s+english\s+(?:is\s+)?(?:not\s+(?:so\s+|"
    r"very\s+|too\s+|that\s+)?(?:good|great|perfect)|bad|poor|(?:a\s+)?(?:bit|little)\s+(?:bad|poor))|"
    r"i\s+(?:don'?t|do\s+not)\s+speak\s+(?:english|good\s+english)\s+(?:very\s+|so\s+)?well|english\s+"
    r"is\s+not\s+my\s+(?:first|native)\s+language|sorry\s+for\s+my\s+(?:bad\s+|poor\s+)?english)"
    r"[\s.!]*$", re.IGNORECASE)
ENGLISH_FINE = "Your English is fine: I understand you well."


# A part of them that troubles them: "I've got a bad shoulder." got "You have a medical
# condition called shoulder dystonia" from the model.
_SORE_PART = re.compile(r"^\W*(?:and\s+)?i(?:\s+have|'ve\s+got|\s+have\s+got)\s+(?:a\s+)?"
                        r"(?:bad|dodgy|weak|sore|stiff|injured|painful|gammy|arthritic)\s+"
                        r"(?:left\s+|right\s+)?"
                        r"(?:knees?|back|hips?|shoulders?|ankles?|wrists?|elbows?|neck)\W*$", re.I)
_BY_THE_WAY = re.compile(r"\s+(?:by the way|btw)\b", re.IGNORECASE)


@lru_cache(maxsize=32)  # elicit and respond both ask it of the turn's message
def told_about_themselves(message: str) -> str:
    """The acknowledgement for a message that only tells about the person (facts, their own
    preferences, a greeting), or "" when it asks or says anything else."""
    text = _BY_THE_WAY.sub("", own_words(message)).strip()  # "I'm Hannah by the way, ..."
    excused = _ENGLISH.search(text)
    if excused is None:
        return _acknowledgement(text)
    rest = text[:excused.start()].strip(" ,.")
    said = _acknowledgement(rest) if rest else "Thanks for telling me."
    return f"{said} {ENGLISH_FINE}" if said else ""


def _acknowledgement(text: str) -> str:
    """:func:`told_about_themselves` of their own words, with nothing excused."""
    if not text or len(text) > _MOST_CHARS or "\n" in text:
        return ""
    told = _read_told(text)
    if told is None:
        return ""
    facts, preferences, health = told.facts, told.preferences, told.health
    if not facts and not health and preferences and all(
            _TRIP.match(p) or re.match(_PRICE, p, re.I) for p in preferences):
        return ""  # a trip alone may answer "Where are you going?", a price "How much is it?"
    if not facts and not preferences:
        said = f"Congratulations on {told.happy[0]}!" if told.happy else \
            "Thanks for telling me." if health else \
            "How lovely! I hope you have a wonderful time together." if told.lovely else ""
        return f"{said} {_bear_in_mind(health)}".strip()
    facts.sort(key=lambda f: text.find(_unaged(f)[1]))  # in the order they were told
    opening = _opening(next((f.value for f in facts if f.attribute == "name"), ""), text,
                       told.happy)
    opening = "How lovely!" if told.lovely and opening == "Thanks for telling me." else opening
    # In the order they were told: "I love hiking and I hate running" is said back so.
    placed = [(text.find(f.value), said) for f, said in _told(facts)]
    # A plan or the hours they work is said back whole ("your first half marathon in March").
    placed += [(max(text.find(p), text.find(p.removeprefix("I'm "))), said) for p in preferences
               if (said := _second_person(p, 16 if _said_whole(p) else 8))]
    said_back = [said for _, said in sorted(placed, key=lambda p: p[0])]
    if not said_back:
        said = f"{opening} I'll keep that in mind." if preferences else opening
        return f"{said} {_bear_in_mind(health)}".strip()
    listed = said_back[0] if len(said_back) == 1 else \
        ", that ".join(said_back[:-1]) + f" and that {said_back[-1]}"
    return f"{opening} I'll remember that {listed}. {_bear_in_mind(health)}".strip()


def _opening(name: str, text: str, happy: list[str]) -> str:
    """The acknowledgement's first words: a greeting by the name told (or the one they ask to
    be called: "Call me Sam from now on."), and congratulations on happy news."""
    called = find_called(text)
    # "Hello, I'm Robert but everyone calls me Rob": met, by the name they go by
    met = bool(called) and re.search(r"\b(?:calls|call) me\b", text, re.IGNORECASE) and \
        not re.search(r"\b(?:please |can you |could you )?call me\b|\bfrom now on\b", text,
                      re.IGNORECASE)
    opening = f"Nice to meet you, {called[-1].value}!" if met else \
        f"Sure, I'll call you {called[-1].value}." if called else \
        f"Nice to meet you, {name}!" if name else "Thanks for telling me."
    return f"{opening} Congratulations on {happy[0]}!" if happy else opening


def _bear_in_mind(health: list[str]) -> str:
    """A long-term condition they told, said back: safety knows it for this conversation and
    keeps it only with their consent, so nothing longer is promised."""
    if not health:
        return ""
    return (f"I'll bear in mind that {' and that '.join(health)} while we talk, when I suggest "
            "food, exercise or medicines.")


def kept_as_asked(message: str) -> str:
    """"Remember that my sister Ana's birthday is on 14 March." said back in the second
    person ("Got it. I'll remember that your sister Ana's birthday is on 14 March."), or ""
    when the message is not one such sentence of the person's own news."""
    text = own_words(message).strip()
    said = sentences(text)
    if len(said) != 1 or len(text) > _MOST_CHARS or "?" in text:
        return ""
    told = statements.told_to_remember(said[0]).rstrip(" .!")
    if not told or not statements.opens_in_first_person(told) or \
            statements.is_request(told) or any(w.lower() in ("you", "your") for w in told.split()):
        return ""
    words = [SECOND_PERSON.get(w.lower(), w) for w in told.replace("\u2019", "'").split()]
    return f"Got it. I'll remember that {' '.join(words)}."


def in_their_words(message: str, recent: list[dict[str, str]] | None) -> str:
    """The message with "he"/"she" of an allergy named from this conversation's earlier
    messages ("he's allergic to eggs" after "a party for my son")."""
    return with_people_named(message, [t.get("user", "") for t in recent or []])


# A message that only says hello ("hi", "Hi again!", "good morning Tacit"): the small model
# answered "hi" with "welcome to my little corner of the world" and "Hi again!" with itself.
_HELLO = re.compile(r"^\W*(?P<said>hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)|"
                    r"morning|evening)(?P<again>\s+again)?(?:\s+(?:there|tacit|again))*\W*$",
                    re.IGNORECASE)


def greeted(message: str, name_of: Callable[[], str | None]) -> str:
    """The reply to a message that only says hello, by name when the person gave one; ""
    for any other message (the name is looked up only for a hello)."""
    found = _HELLO.match(message.strip())
    if found is None:
        return ""
    name = name_of()
    said = found["said"].lower()
    opening = "Hi" if said in ("hi", "hey", "hiya", "howdy", "hello") else said.capitalize()
    again = " again" if found["again"] else ""
    return f"{opening}{again}{', ' + name if name else ''}! What can I do for you?"


@lru_cache(maxsize=32)  # safety, elicit and respond all ask it of the turn's message
def acknowledged(message: str) -> str:
    """What code says to a message that only gives standing rules, only tells about the
    person, or both ("Hi, I'm Priya. Whenever I ask for a recipe, give me the prep time
    first."), or only asks to remember news of theirs; "" when it asks or says anything
    else."""
    if sets_rules_only(message):
        return RULE_TAKEN
    kept = kept_as_asked(message)
    if kept:
        return kept
    told = told_about_themselves(message)
    if told:
        return told
    said = sentences(own_words(message).strip())
    rules = [s for s in said if classify(s) == "instruction"]
    rest = [s for s in said if s not in rules]
    if not rules or not rest or not sets_rules_only(" ".join(rules)):
        return ""
    told = told_about_themselves(" ".join(rest))
    return f"{told} {RULE_TAKEN}" if told else ""
