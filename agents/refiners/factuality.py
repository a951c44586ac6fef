"""Factuality refiner: what the reply says about the person, checked against what Tacit knows.

- a fact stated about the person that contradicts a current fact ("your husband" when Tacit
  knows of a wife; "your partner João" when the partner is Miguel) is wrong: the known value
  replaces it;
- a superseded value stated as current ("your home in Lisbon" after a move to Porto) is
  outdated: the current value replaces it (a sentence that places it in the past is fine);
- "as you told me …" with nothing recalled behind it is an invented memory: the sentence goes;
- a number, date or time that a recalled fact or earlier message of the person gives
  differently is wrong: the recalled one replaces it;
- a taste or habit said of the person as certain ("you love hiking") with nothing in memory
  behind it is hedged ("you may love hiking");
- a web address that neither the person, nor memory, nor Tacit's own crisis resources gave is
  invented (a small model makes them up): a link's text stays, the address goes, and a
  sentence that only points to it goes with it;
- a helpline's number nobody gave (neither the person, nor memory, nor Tacit's crisis
  resources) is invented: the sentence goes;
- a life Tacit claims for itself ("My name is Alessia", "I'm actually a pasta chef from
  Spain", "I made it myself", "my kids love it") is invented too: the sentence goes, unless the
  person asked for a text in their own voice or for a role to be played.

All by rule, no model call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from agents.calculate import evaluate, wrong_conversions
from agents.refiners.base import Finding, ReviewContext, Situation
from agents.refiners.consistency import number_clashes
from agents.refiners.text import content, overlap, sentences, words
from memory.facts import find_facts

NAME = "factuality"
SUPPORT = 0.5   # share of a recalled-memory claim's content words some memory must hold
POINTER_WORDS = 8  # content words at most of a sentence that only points to a web address

RELATIONS = ("wife", "husband", "partner", "boyfriend", "girlfriend", "fiancé", "fiancée",
             "son", "daughter", "sister", "brother", "mother", "father", "mum", "mom", "dad",
             "dog", "cat", "best friend", "boss", "manager", "grandmother", "grandfather")
SPOUSES = {"wife", "husband", "partner", "boyfriend", "girlfriend", "fiancé", "fiancée"}
CHILDREN = {"son", "daughter"}
PARENTS = {"mother", "father", "mum", "mom", "dad"}
_GROUPS = [SPOUSES, CHILDREN, PARENTS, {"dog", "cat"}, {"sister", "brother"}]
_PAST = re.compile(r"\b(?:used to|until|before|previously|formerly|former|old|back when|"
                   r"moved from|lived|worked|was|were|had|ago|last year|no longer|left|"
                   r"anymore|any more|since you moved|then)\b", re.I)
_RECALL_CUE = re.compile(
    r"\b(?:as you (?:told me|said|mentioned|put it|explained|wrote)|you (?:told me|said|"
    r"mentioned)(?: (?:before|earlier|last time|once))?|like you said|last time (?:you|we)|"
    r"(?:as|like) we (?:discussed|talked about|said)|you(?:'ve| have) (?:told|mentioned)|"
    r"remember (?:when|how) you|from what you(?:'ve| have) (?:told|shared|said)|"
    r"you were saying|you once said|when we (?:last )?(?:spoke|talked))\b", re.I)
_CITY_CLAIM = re.compile(
    r"\b(?:you (?:live|are living|'re living|now live|currently live) in|your (?:home|place|"
    r"flat|apartment|house) in|here in|back home in|near you in|your city,?|at home in)\s+"
    r"(?P<v>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)|(?P<w>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?),\s+where "
    r"you live")
_NAME = r"(?P<n>[A-Z][\w'’-]+)"


@dataclass(frozen=True)
class Fact:
    """A fact about the person as ``attribute`` (lower case) and ``value``."""

    attribute: str
    value: str
    text: str


_FACT_FORMS = [
    (re.compile(r"^(?:lives|living|based) in (?P<v>[^,;.]+)", re.I), "home city"),
    (re.compile(r"^(?:works|working) (?:at|for) (?P<v>[^,;.]+)", re.I), "employer"),
    (re.compile(r"^(?:works|working) as (?:an? )?(?P<v>[^,;.]+)", re.I), "job"),
    (re.compile(r"^allergic to (?P<v>[^,;.]+)", re.I), "allergy"),
    (re.compile(r"^(?P<v>\d{1,3}) years old", re.I), "age"),
]


def read_fact(text: str) -> Fact | None:
    """``home city: Porto``, ``Partner: Miguel``, ``Lives in Porto`` as a :class:`Fact`."""
    clean = re.sub(r"\s*\((?:until|since|from)[^)]*\)", "", text.strip())
    head, sep, rest = clean.partition(":")
    if sep and 0 < len(head) <= 40:
        value = re.split(r"[,;(]", rest)[0].strip(" .")
        return Fact(head.strip().lower(), value, text) if value else None
    for pattern, attribute in _FACT_FORMS:
        match = pattern.search(clean)
        if match:
            return Fact(attribute, match["v"].strip(" ."), text)
    return None


def _facts(texts: list[str]) -> list[Fact]:
    return [f for f in (read_fact(t) for t in texts) if f is not None]


def _relation(attribute: str) -> str | None:
    return next((r for r in RELATIONS if re.search(rf"\b{r}\b", attribute)), None)


def _same_group(one: str, other: str) -> bool:
    return any(one in g and other in g for g in _GROUPS)


def wrong_relations(draft: str, facts: list[Fact], known_names: set[str],
                    told: str = "") -> list[Finding]:
    """"your husband" for a wife, "your partner João" for Miguel; never one the person names
    in ``told`` (their own words now: "My dog is called Pepper" beside a cat kept)."""
    found: list[Finding] = []
    relations = {r: f for f in facts if (r := _relation(f.attribute))}
    theirs = {m.lower() for m in re.findall(rf"\b(?:my|our) ({'|'.join(RELATIONS)})\b", told,
                                            re.I)}
    for match in re.finditer(rf"\b[Yy]our ({'|'.join(RELATIONS)})\b(?:,?\s+{_NAME})?", draft):
        said, name = match.group(1).lower(), match.group("n")
        known = relations.get(said)
        if known is None:
            if said in theirs:
                continue  # a relation they name now is theirs, whatever memory has
            other = next((r for r in relations if _same_group(r, said)), None)
            if other is not None:
                found.append(Finding(NAME, "wrong_fact", match.group(1),
                                     fix=_cased(other, match.group(1))))
            continue
        value = known.value.split()[0]
        if name and name[0].isupper() and name != value:
            found.append(Finding(NAME, "wrong_fact", name, fix=value))
    for match in re.finditer(rf"{_NAME},? your ({'|'.join(RELATIONS)})\b", draft):
        said, name = match.group(2).lower(), match.group("n")
        known = relations.get(said)
        if known and name != known.value.split()[0] and name not in known_names:
            found.append(Finding(NAME, "wrong_fact", name, fix=known.value.split()[0]))
    return found


def wrong_company(draft: str, facts: list[Fact], known_names: set[str]) -> list[Finding]:
    """"you and João" when the partner Tacit knows of is Miguel."""
    spouse = next((f for f in facts if (_relation(f.attribute) or "") in SPOUSES), None)
    if spouse is None:
        return []
    value = spouse.value.split()[0]
    others = {f.value.split()[0] for f in facts if _relation(f.attribute)}
    return [Finding(NAME, "wrong_fact", m["n"], fix=value)
            for m in re.finditer(rf"\b[Yy]ou and {_NAME}", draft)
            if m["n"] not in others and m["n"] not in known_names]


_JOBS = ("nurse|teacher|doctor|engineer|student|designer|lawyer|developer|programmer|chef|"
         "artist|writer|accountant|manager|scientist|researcher|pharmacist|musician|"
         "counsell?or|architect|plumber|electrician|driver|cleaner|farmer")


def wrong_job(draft: str, facts: list[Fact]) -> list[Finding]:
    """"As a teacher, you …" when Tacit knows the person is a nurse."""
    job = next((f for f in facts if f.attribute in ("job", "occupation", "profession", "work")),
               None)
    if job is None:
        return []
    found = []
    pattern = rf"\b(?:[Aa]s an?|[Yy]ou(?:'re| are) an?|your (?:job|work) as an?) ({_JOBS})\b"
    for match in re.finditer(pattern, draft):
        if match.group(1).lower() not in job.value.lower():
            found.append(Finding(NAME, "wrong_fact", match.group(1), fix=job.value))
    return found


_YOU_ARE = re.compile(rf"\b[Yy]ou(?:'re| are) an? (?:[\w-]+ ){{0,3}}?(?P<job>{_JOBS}|"
                      r"professional|expert|specialist)s?\b")


def invented_job(draft: str, facts: list[Fact], state: Situation) -> list[Finding]:
    """"You are a health and wellness professional" to a person whose work Tacit does not
    know and who did not say it: a fact about them made up, and its sentence goes (a known
    job said wrong is :func:`wrong_job`'s). A level of expertise they gave ("expert") is
    where "you are an experienced developer" comes from: not made up."""
    if "expertise" in state.preferences or any(
            f.attribute in ("job", "occupation", "profession", "work") for f in facts):
        return []
    told = " ".join([state.asked, *state.said_by("user"), *state.recalled,
                     *state.instructions, *state.preferences.values()]).lower()
    return [Finding(NAME, "wrong_fact", sentence.text, fix="") for sentence in sentences(draft)
            if (m := _YOU_ARE.search(sentence.text)) and m.group("job").lower() not in told]


def wrong_ages(draft: str, facts: list[Fact]) -> list[Finding]:
    """"Inês, who is 9" when Tacit knows Inês is 7."""
    found = []
    for fact in facts:
        age = re.search(r"\b(\d{1,3}) years? old\b", fact.text)
        name = fact.value.split()[0] if fact.value[:1].isupper() else None
        if not age or not name:
            continue
        pattern = (rf"\b{re.escape(name)}(?:'s| is|, who is|,)\s+(?:now\s+|only\s+|just\s+)?"
                   rf"(?P<a>\d{{1,3}})\b(?!\s*(?:am|pm|:|%|km|minutes|hours))|"
                   rf"\b(?P<b>\d{{1,3}})-year-old\s+{re.escape(name)}\b")
        for match in re.finditer(pattern, draft):
            said = match["a"] or match["b"]
            if said != age.group(1):
                found.append(Finding(NAME, "wrong_number", said, fix=age.group(1)))
    return found


def own_dates(draft: str, state: Situation, taken: set[str]) -> list[Finding]:
    """"your race on 19 May" when the only date the person gave is 12 May: a date or time
    of the person's own plans, against the one the person stated (when they stated one)."""
    from agents.refiners.text import quantities

    said = [q for t in [*state.facts, *state.said_by("user"), state.request]
            for q in quantities(t)]
    found = []
    for sentence in sentences(draft):
        if not re.search(r"\byour\b", sentence.text, re.I):
            continue
        for q in quantities(sentence.text):
            stated = {k.value: k.text for k in said if k.kind == q.kind}
            if q.kind == "date" and len(stated) == 1 and q.value not in stated and \
                    q.text not in taken:
                found.append(Finding(NAME, "wrong_number", q.text, fix=next(iter(stated.values()))))
    return found


def _cased(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[0].isupper() else word


def outdated(draft: str, current: list[Fact], past: list[Fact]) -> list[Finding]:
    """Superseded values said as if still true; the current value replaces them."""
    found: list[Finding] = []
    now = {f.attribute: f for f in current}
    for old in past:
        new = now.get(old.attribute)
        if new is not None and new.value.lower() == old.value.lower():
            continue
        said = re.compile(rf"(?<!\w){re.escape(old.value)}(?!\w)", re.I)
        for sentence in sentences(draft):
            if not said.search(sentence.text):
                continue
            if _PAST.search(sentence.text) or (new and new.value in sentence.text):
                continue
            ask = f"'{old.value}' is no longer true ({old.text})."
            if new is None:
                found.append(Finding(NAME, "outdated_fact", old.value, needs="rewrite", ask=ask))
                continue
            # Every sentence that says it, each put right where it stands: a reply that named
            # Lisbon three times after a move to Porto kept the third.
            text = sentence.text.strip()
            found.append(Finding(NAME, "outdated_fact", text, fix=said.sub(new.value, text),
                                 ask=ask))
    return found


def wrong_places(draft: str, current: list[Fact], past: list[Fact],
                 known_names: set[str]) -> list[Finding]:
    """"you live in X" and "your usual supermarket, Y" against the known value (a past value
    is the outdated check's)."""
    found: list[Finding] = []
    known_names = known_names | {w for f in past for w in f.value.split()}
    home = next((f for f in current if f.attribute in ("home city", "home", "city", "lives in")),
                None)
    if home is not None:
        for match in _CITY_CLAIM.finditer(draft):
            place = match["v"] or match["w"]
            if place and place.split()[0] not in home.value and place not in known_names:
                found.append(Finding(NAME, "wrong_fact", place, fix=home.value))
    for fact in current:
        head = fact.attribute.split()[-1]
        if _relation(fact.attribute) or head in ("city", "age") or not fact.value[:1].isupper():
            continue
        pattern = rf"\byour (?:\w+ )?{re.escape(head)}s?,?\s+(?:is\s+)?(?P<v>[A-Z][\w'’-]+)"
        for match in re.finditer(pattern, draft):
            said = match["v"]
            if said not in fact.value and said not in known_names:
                found.append(Finding(NAME, "wrong_fact", said, fix=fact.value))
    return found


# A meeting again claimed in a first conversation ("It's great to meet you again after a
# while.", to Sam, who had just said hello for the first time).
_REUNION = re.compile(r"\b(?:(?:meet|see|hear from|talk to|chat with) you again|welcome back|"
                      r"it'?s been (?:a while|too long|ages)|after (?:a|all this) while|since we "
                      r"(?:last )?(?:spoke|talked|chatted|met))\b", re.I)


def invented(draft: str, state: Situation) -> list[Finding]:
    """"As you told me, …" sentences whose claim no fact or earlier turn holds, and a meeting
    again when nothing was said before."""
    found: list[Finding] = []
    if not (state.history or state.recalled or state.facts or state.past_facts):
        found += [Finding(NAME, "invented_memory", s.text, fix="") for s in sentences(draft)
                  if _REUNION.search(s.text) and words(draft.replace(s.text, " "))]
    memory = [state.request, *state.facts, *state.past_facts, *state.said_by("user"),
              *state.recalled]
    for sentence in sentences(draft):
        text = sentence.text
        cue = _RECALL_CUE.search(text)
        if not cue:
            continue
        # "Choose a gluten-free flour (you mentioned using "gluten-free")": only the aside
        # claims a memory; the advice around it stays.
        opened, closed = text.rfind("(", 0, cue.start()), text.find(")", cue.end())
        aside = opened >= 0 and closed > 0 and ")" not in text[opened:cue.start()]
        start, end = (opened + 1, closed) if aside else (0, len(text))
        said = text[start - 1:end + 1] if aside else text
        claim = content(text[start:cue.start()] + " " + text[cue.end():end])
        support = max((overlap(claim, content(m)) for m in memory), default=0.0)
        if claim and support < SUPPORT:
            found.append(Finding(NAME, "invented_memory", said, fix=""))
    return found


_SURE = re.compile(r"(?<!\bif )(?<!\bwhen )(?<!\bunless )\b(?P<you>[Yy]ou) "
                   r"(?P<verb>love|adore|enjoy|hate|prefer|always|usually|never)\b")


def unhedged(draft: str, state: Situation) -> list[Finding]:
    """"You love hiking" said as certain with nothing in memory behind it: hedged instead."""
    found: list[Finding] = []
    memory = [state.request, *state.facts, *state.said_by("user"), *state.recalled]
    for sentence in sentences(draft):
        match = _SURE.search(sentence.text)
        if not match or _RECALL_CUE.search(sentence.text):
            continue
        claim = content(sentence.text[match.end():])
        if claim and max((overlap(claim, content(m)) for m in memory), default=0.0) < SUPPORT:
            said = match.group(0)
            verb = match["verb"]
            hedge = (f"{match['you']} may {verb}" if verb not in ("always", "usually", "never")
                     else f"{match['you']} may {'not ' if verb == 'never' else ''}often")
            found.append(Finding(NAME, "unhedged_claim", said, severity="warning", fix=hedge))
    return found


_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|"
                      r"gov|edu|info|co|uk|de|fr|es|pt|it|nl|ca|au|app|dev|ai)\b(?:/[^\s<>()\[\]]*)?",
                      re.I)
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def _host(address: str) -> str:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", address.lower()).split("/", 1)[0]
    return host.rstrip(".,;:!?'\"")


def _hosts(texts: list[str]) -> set[str]:
    return {_host(m.group(0)) for t in texts for m in _ADDRESS.finditer(t)}


@cache
def _resources() -> str:
    """Tacit's own crisis resources (data/safety/resources.yaml), as text."""
    return files("data").joinpath("safety/resources.yaml").read_text("utf-8")


@cache
def _resource_hosts() -> frozenset[str]:
    """The sites of Tacit's own crisis resources."""
    return frozenset(_hosts([_resources()]))


_NO_LINKS = "The reply points to a made-up web address: answer in words, with no address."


def invented_links(draft: str, state: Situation) -> list[Finding]:
    """Web addresses nobody gave: the small model's made-up links."""
    known = _hosts([state.request, *state.facts, *state.said_by("user"), *state.recalled])
    known |= _resource_hosts()
    found: list[Finding] = []
    for link in _MARKDOWN_LINK.finditer(draft):
        if _host(link.group(2)) not in known:
            found.append(Finding(NAME, "invented_link", link.group(0), fix=link.group(1)))
    rest = _MARKDOWN_LINK.sub(lambda m: m.group(1), draft)
    for sentence in sentences(rest):
        bad = [m.group(0).rstrip(".,;:!?'\"") for m in _ADDRESS.finditer(sentence.text)
               if _host(m.group(0)) not in known]
        if not bad:
            continue
        # A short sentence around the address only points to it; a long one says more.
        pointer = len(content(_ADDRESS.sub("", sentence.text))) <= POINTER_WORDS
        if pointer and sentence.text.strip() == rest.strip():  # the whole reply: write it again
            found.append(Finding(NAME, "invented_link", sentence.text, needs="rewrite",
                                 ask=_NO_LINKS))
        elif pointer:
            found.append(Finding(NAME, "invented_link", sentence.text, fix=""))
        else:
            found += [Finding(NAME, "invented_link", b, fix="") for b in bad]
    return found


# A number to call or text for help: a helpline's, a hotline's, a crisis line's.
_HELP_WORDS = re.compile(r"\b(?:hotlines?|helplines?|help ?lines?|crisis (?:lines?|centres?|"
                         r"centers?|teams?)|lifelines?|support lines?|call|calling|ring|dial|"
                         r"text|phone|number)\b", re.I)
_PHONE = re.compile(r"(?<![\w.,])\+?\d(?:[\d -]{1,14}\d)?(?![\w.,]*\d)(?!\s*(?:%|mg|ml|g\b|kg|"
                    r"hours?|hrs?|minutes?|mins?|seconds?|days?|weeks?|months?|years?|units?|"
                    r"calories|kcal|times|am\b|pm\b|st\b|nd\b|rd\b|th\b|people|percent|"
                    r"pounds|dollars|euros))")


def _digits(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group(0)) for m in _PHONE.finditer(text)}


@cache
def _resource_numbers() -> frozenset[str]:
    """Every number in Tacit's own crisis resources."""
    return frozenset(_digits(_resources()))


def invented_numbers(draft: str, state: Situation) -> list[Finding]:
    """Helpline numbers nobody gave ("a crisis line, such as 1023"): a small model makes them
    up, and a person in need may call one. The sentence goes; the crisis block gives the real
    ones."""
    known = _resource_numbers() | _digits(" ".join(
        [state.request, *state.facts, *state.said_by("user"), *state.recalled]))
    found = []
    for sentence in sentences(draft):
        if not _HELP_WORDS.search(sentence.text):
            continue
        made_up = [d for d in _digits(sentence.text) if len(d) >= 3 and d not in known]
        if made_up:
            found.append(Finding(NAME, "invented_number", sentence.text, fix=""))
    return found


_PEOPLE = ("mother|father|mom|mum|dad|parent|wife|husband|grandmother|grandfather|grandma|"
           "grandpa|person|human|woman|man|girl|boy|lady|guy|cook|baker|home cook|" + _JOBS)
_HUMAN_CLAIM = re.compile(
    r"\b(?:[Mm]y name is (?!Tacit\b)[A-Z][\w'’-]+"
    rf"|I(?:'m| am) (?:actually |really |also |just )?an? (?:[\w-]+ ){{0,2}}?(?:{_PEOPLE})\b"
    r"|I (?:made|cooked|baked|grew|tried|tested) (?:it|this|these|them|that|one) myself"
    r"|when I was (?:a |little|young|growing up|in (?:hospital|school|college|university|"
    r"high school|the army))"
    # "What brings you to our lovely city?", "your work here in Bristol", "welcome to the team"
    # said to a nurse: a place or a workplace of its own.
    r"|\bour (?:lovely |beautiful |little |wonderful |great |fair )?(?:city|town|village|"
    r"neighbou?rhood|country|hospital|office|team)\b|\bhere in [A-Z][a-z]+"
    r"|[Ww]elcome to (?:(?:the|our) (?:team|company|hospital|office|family|classroom|class|"
    r"school|shop|kitchen)\b|my\b)|\bmy (?:little |own )?corner of the (?:world|internet)\b"
    # "I've been going through a bit of a tough time lately", "I've been thinking about you".
    r"|I(?:'ve| have) been (?:going through|struggling with|dealing with|thinking about you)\b"
    # "I have been following this diet for years now", to a request for a meal plan.
    r"|I(?:'ve| have) been (?:following|doing|eating|cooking|making|practi[cs]ing|using|"
    r"living|running|training)\b[^.!?\n]{0,40}\bfor (?:years|months|decades|a long time|ages|"
    r"most of my life|(?:\d+|many|several|a few|so many|over \d+|nearly \d+|almost \d+) "
    r"(?:years|months|decades))\b"
    # "I've been doing this job for 20 years now", to "Should I take him to the vet?".
    r"|I(?:'ve| have) been doing this (?:job|work|for)\b"
    # "I've been working in the hospital for 10 years now", "my favorite meal of all time".
    r"|I(?:'ve| have) been (?:working|living|cooking|nursing|teaching) (?:in|at|as|for) "
    r"|[Mm]y (?:all-time |own )?favou?rite (?:meal|food|dish|breakfast|lunch|dinner|recipe|"
    r"drink|snack|book|film|movie|song|pet|animal|place|restaurant|cuisine)(?:s|es)?\b"
    # The person's request said as if Tacit were asking it: "I am looking for a recipe with
    # amounts in cups. I would like you to provide me with one ...".
    r"|I(?:'m| am) (?:looking|searching) for (?:a|an|some) (?:[\w-]+ )?(?:recipe|recommendation|"
    r"suggestion|book|film|movie|show|restaurant|gift|present|idea)s?\b"
    r"|I(?:'d| would) like you to (?:provide|give|suggest|recommend|find|write|make|tell|send)\b"
    # "I'm a vegetarian, and I love to cook", said back to a vegetarian as Tacit's own.
    r"|I(?:'m| am) (?:actually |really |also |just |a |an )*(?:vegetarian|vegan|pescatarian|"
    r"diabetic|coeliac|celiac|pregnant|married|divorced|widowed|retired|lactose intolerant)\b"
    # "a dessert was said to be chocolate cake that I'm allergic to", to a person with a
    # peanut allergy: an allergy or a diet of its own.
    r"|I(?:'m| am) (?:also |very |severely |really )?allergic\b"
    # "Nah, no. I'm not a law firm. I run a small-business in Manchester", to Omar, who does.
    r"|\bI (?:run|own|manage) (?:an? |my own |the )?(?:small[- ])?(?:[\w-]+ )?(?:business|company|"
    r"shop|restaurant|firm|bakery|cafe|café|store|practice)\b"
    # "You can find me on a map of Manchester in Manchester United's stadium"
    r"|\b(?:[Yy]ou can|[Yy]ou'll|[Yy]ou will|[Cc]ome and) (?:find|see|visit|meet) me (?:on|at|in)\b"
    r"|I (?:don't|do not|can't|cannot|never) eat (?:meat|pork|fish|dairy|gluten|eggs|nuts|"
    r"peanuts|beef|chicken|shellfish|wheat)\b"
    # "In fact, I'm actually planning a trip to the UK next month!", to "What's the weather
    # usually like here in spring?": travels of its own.
    r"|I(?:'m| am) (?:actually |also |just |really |currently )?(?:planning|going on|taking|"
    r"booking|off on) (?:a |my |our |another )?(?:little |big |short )?(?:trip|holiday|"
    r"vacation|visit|journey|getaway)\b"
    r"|I(?:'m| am) (?:actually |also |just |really |currently )?(?:travelling|traveling|flying|"
    r"moving|relocating) to (?:[A-Z]|a new (?:city|country|town|house|flat|home)\b)"
    r"|I(?:'ve| have) (?:just |recently |actually |also )?(?:been to|visited|travelled to|"
    r"traveled to|lived in) [A-Z]"
    # "I've always enjoyed playing board games with my friends", "some of my experiences".
    r"|I(?:'ve| have) always (?:enjoyed|loved|liked) "
    r"|\bwith my (?:friends|family|partner|boyfriend|girlfriend|colleagues)\b"
    r"|\b(?:some of |share )?my (?:own )?(?:life )?experiences\b|\bin my (?:time here|own life|"
    r"life)\b"
    r"|[Mm]y (?:wife|husband|kids|children|son|daughter|mom|mum|mother|dad|father|grandma|"
    r"grandmother|grandpa|grandfather|family|hometown|own kitchen|restaurant|best friend|"
    r"partner|boyfriend|girlfriend|pets?|cats?|dogs?|puppy|kitten|classroom|students|pupils|"
    r"colleagues)\b)")
# A request for a text in the person's voice, or for a part to be played: first-person lines
# there are not Tacit speaking of itself.
_OWN_VOICE = re.compile(r"\b(?:write|draft|compose|pretend|role-?play|act as|imagine you(?:'re| "
                        r"are)|you are an?|be my|in the voice of|story|poem|speech|letter|"
                        r"e-?mail|message|bio|cover letter|introduc\w+)\b", re.I)
_AS_TACIT = ("The reply speaks as a person with a name, job or life of its own: answer as "
             "Tacit, an assistant, without claiming any of that.")


def _claims(state: Situation) -> re.Pattern[str]:
    """What the reply may not say of itself: a name, job, family or life of its own, and
    above all the person's own name ("I'm Priya here at the hospital", to Priya)."""
    # Known, or said in this very message ("Hi, I'm Sam"), before it is learned from it.
    name = next((f.value for f in _facts(state.facts) if f.attribute == "name"), None) or next(
        (c.value for c in find_facts(state.asked) if c.attribute == "name"), None)
    if not name:
        return _HUMAN_CLAIM
    return re.compile(rf"{_HUMAN_CLAIM.pattern}|\bI(?:'m| am)(?: called)? {re.escape(name)}\b")


def human_claims(draft: str, state: Situation) -> list[Finding]:
    """Sentences in which the reply claims a name, job, family or experiences of its own
    (outside quotes); the whole reply is rewritten when nothing else is left."""
    if _OWN_VOICE.search(state.request):
        return []
    claim = _claims(state)
    claims = []
    # The person's own words said back ("You said: What should I feed my cat?") are theirs.
    theirs = [s.text.strip() for t in (state.request, *state.said_by("user"))
              for s in sentences(t) if len(s.text.split()) >= 3]
    for sentence in sentences(draft):
        said = re.sub(r"[\"“][^\"”]*[\"”]", " ", sentence.text)
        for own in theirs:
            said = re.sub(re.escape(own), " ", said, flags=re.I)
        if not claim.search(said):
            continue
        aside = next((m.group(0) for m in re.finditer(r"\s*\([^()]*\)", said)
                      if claim.search(m.group(0))), None)
        if aside is not None and not claim.search(said.replace(aside, " ")):
            claims.append(aside.strip())  # "(I made it myself)": only the aside goes
        else:
            claims.append(sentence.text)
    if not claims:
        return []
    rest = draft
    for one in claims:
        rest = rest.replace(one, " ", 1)
    if not content(rest):
        return [Finding(NAME, "human_claim", draft.strip(), needs="rewrite", ask=_AS_TACIT)]
    return [Finding(NAME, "human_claim", one, fix="") for one in claims]


def of_them_by_name(draft: str, state: Situation) -> list[Finding]:
    """Sentences that speak of the person by their name, as of someone else ("This is a great
    example of how Sam's personality can be infectious.", to Sam asking "what about day 2?"):
    they go, unless nothing would be left. Addressing them by name ("Sam, here is ...") stays."""
    name = next((f.value for f in _facts(state.facts) if f.attribute == "name"), None)
    if not name or _OWN_VOICE.search(state.request):
        return []
    told = re.compile(rf"\b{re.escape(name)}(?:'s|’s|\s+(?:is|was|has|seems|can|will|would|"
                      r"likes|loves|wants|needs|said|says|feels))\b")
    found = [s.text for s in sentences(draft) if told.search(re.sub(r"[\"“][^\"”]*[\"”]", " ",
                                                                   s.text))]
    rest = draft
    for one in found:
        rest = rest.replace(one, " ", 1)
    if not found or not content(rest):
        return []
    return [Finding(NAME, "third_person", one, fix="") for one in found]


# A name the reply calls the person by: ", Joanna!" at the end of a sentence, or "Hi Joanna"
# opening it.
_CALLED = re.compile(r"(?P<lead>,\s+)(?P<name>[A-Z][a-z'’-]+)(?=\s*[.!?]|\s*$)|"
                     r"^(?P<hi>\W*(?:Hi|Hey|Hello|Dear)\s+)(?P<name2>[A-Z][a-z'’-]+)\b")
_NOT_NAMES = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                        "Sunday", "January", "February", "March", "April", "May", "June",
                        "July", "August", "September", "October", "November", "December",
                        "There", "Everyone", "All", "Friend", "Again", "Too", "Though",
                        "Please", "Thanks", "Sir", "Madam", "Team", "Everybody"})


def called_wrong(draft: str, state: Situation, names: set[str]) -> list[Finding]:
    """The person called by a name that is not theirs ("You've got this, Joanna!" to Jo): the
    name they told is put back. A name they or memory gave (the one a letter is to) stands."""
    name = next((f.value for f in _facts(state.facts) if f.attribute == "name"), None)
    if not name or " " in name.strip():
        return []
    found = []
    for match in _CALLED.finditer(draft):
        called = match["name"] or match["name2"]
        if called.lower() == name.lower() or called in names or called in _NOT_NAMES:
            continue
        lead = match["lead"] or match["hi"]
        found.append(Finding(NAME, "wrong_name", lead + called, fix=lead + name))
    return found


# Sums the reply works out: "15% of 80 is 4", "(1/2) * 80 = 4", "12 x 3 equals 36".
_NUM = r"-?\d+(?:\.\d+)?"
_TERM = rf"\(?\s*{_NUM}\s*\)?"
_OP = r"(?:\s+[-−]\s+|\s*[+*/×÷x]\s*)"  # "2020-2021" and "555-1234" are no subtraction
_SUM = re.compile(rf"(?<![\w.,/-])(?P<expr>{_TERM}(?:{_OP}{_TERM})+)\s*(?:=|is|equals)\s*"
                  rf"(?P<res>{_NUM})(?![\w.]\d|\s*%|\s*[-+*/×÷x]\s*\d)")
_PERCENT_OF = re.compile(rf"(?<![\w.])(?P<p>{_NUM})\s?(?:%|percent)\s+of\s+(?P<n>{_NUM})\s+"
                         rf"(?:is|=|equals|would be|comes to)\s+(?P<res>{_NUM})(?![\w.]\d|\s*%)")


def wrong_sums(draft: str) -> list[Finding]:
    """Arithmetic the reply gets wrong, put right: the whole statement is the span."""
    found = []
    for match in [*_PERCENT_OF.finditer(draft), *_SUM.finditer(draft)]:
        value: float | None
        if "p" in match.groupdict():
            value = float(match["p"]) * float(match["n"]) / 100
        else:
            value = evaluate(match["expr"])
        if value is None:
            continue
        said = match["res"]
        places = len(said.partition(".")[2])
        if round(value, places) == float(said) or (places == 0 and abs(value - float(said))
                                                    < 0.5 and value != int(value)):
            continue  # right, or rounded to what it shows
        right = f"{value:.{places}f}" if places else _plain(value)
        whole = match.group(0)
        found.append(Finding(NAME, "wrong_number", whole,
                             fix=whole[: match.start("res") - match.start()] + right))
    return found


def wrong_units(draft: str) -> list[Finding]:
    """A conversion in brackets that is far off ("1 lb (50g) of lentils"): the right amount."""
    return [Finding(NAME, "wrong_number", w.said, fix=w.right) for w in wrong_conversions(draft)]


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0")


def known_names(state: Situation) -> set[str]:
    """Capitalised words Tacit has seen from the person or in memory (no claim to check)."""
    texts = [state.request, *state.facts, *state.said_by("user"), *state.recalled]
    return {w for t in texts for w in re.findall(r"\b[A-Z][\w'’-]+", t)}


class FactualityRefiner:
    """Claims about the person and past conversations, against memory."""

    name = NAME
    concern = ("whether what it says about the person or earlier conversations is true")
    stage = 2

    def needed(self, state: Situation) -> bool:
        knows = state.facts or state.past_facts or state.history or state.recalled
        personal = re.search(r"\byou(?:r|'re|'ve|'d)?\b", state.draft, re.I)
        numbers = re.search(r"\d", state.draft)
        return bool(personal and (knows or _RECALL_CUE.search(state.draft)
                                  or _REUNION.search(state.draft))) or bool(
            numbers and knows) or bool(_ADDRESS.search(state.draft)) or bool(
            state.facts and _CALLED.search(state.draft)) or bool(
            _claims(state).search(state.draft)) or bool(_YOU_ARE.search(state.draft)) or bool(
            numbers and (_SUM.search(state.draft) or _PERCENT_OF.search(state.draft)
                         or "(" in state.draft or _HELP_WORDS.search(state.draft)))

    def review(self, draft: str, state: Situation, ctx: ReviewContext) -> list[Finding]:
        current, past = _facts(state.facts), _facts(state.past_facts)
        names = known_names(state)
        found = [*wrong_relations(draft, current, names, state.request),
                 *wrong_company(draft, current, names),
                 *wrong_job(draft, current), *invented_job(draft, current, state),
                 *wrong_ages(draft, current),
                 *outdated(draft, current, past), *wrong_places(draft, current, past, names),
                 *invented(draft, state), *unhedged(draft, state),
                 *invented_links(draft, state), *invented_numbers(draft, state),
                 *human_claims(draft, state),
                 *of_them_by_name(draft, state), *called_wrong(draft, state, names),
                 *wrong_sums(draft), *wrong_units(draft)]
        # The request is a source too: a number the person gives now is never "wrong".
        sources = [*state.facts, *state.said_by("user"), *state.recalled, state.request]
        taken = {f.span for f in found}
        found += own_dates(draft, state, taken)
        taken = {f.span for f in found}
        for clash in number_clashes(draft, sources):
            if clash.said.text not in taken and not any(clash.said.text in t for t in taken):
                found.append(Finding(NAME, "wrong_number", clash.said.text, fix=clash.known))
        return _unique(found)


def _unique(found: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    out = []
    for f in found:
        if (f.kind, f.span) not in seen:
            seen.add((f.kind, f.span))
            out.append(f)
    return out
