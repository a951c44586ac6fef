"""Questions code answers, because the model cannot know the answer: what Tacit is and can do,
today's day and date and the time (the clock of the machine Tacit runs on), and reminders,
which Tacit cannot set (it only answers when written to). The texts are in
``data/known_answers.yaml``.

One everyday question is here too, which the model answered harmfully: forgotten doses ("there
is no such thing as taking blood pressure tablets anymore").

The bundled 135M model answered "Who are you and what can you do?" with "I'm your friendly AI
assistant, and welcome to my world", "Can you set a reminder for 5pm?" with "You can set a
reminder for 5pm", and "What day is it today?" with "I am not sure how to answer that",
though the day was in its prompt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo, available_timezones

import yaml

from agents.safety_resources import country_of_place
from memory.text import sentences

_GREETING = re.compile(r"^\W*(?:(?:hi|hello|hey|hiya|tacit|there|good (?:morning|afternoon|"
                       r"evening))\W+)+", re.IGNORECASE)
_POLITE = r"(?:(?:please|so|and|also|ok(?:ay)?)\W+)*"
_WHO = re.compile(
    _POLITE + r"(?:who|what) are you|what(?:'s| is) your name|what (?:can|do|could) you do|"
    r"what are you (?:able to do|for|good at)|how (?:can|could) you help(?: me)?|"
    r"tell me (?:about|what) (?:yourself|you (?:are|can do))|introduce yourself",
    re.IGNORECASE)
_DATE = re.compile(
    _POLITE + r"(?:what(?:'s| is)? (?:the )?(?:day|date)(?: is it)?(?: today)?|"
    r"what(?:'s| is) today(?:'s date)?|which day is (?:it|today)|what day of the week is it"
    r"(?: today)?|what(?:'s| is) the date today|what date is it(?: today)?)",
    re.IGNORECASE)
_TIME = re.compile(_POLITE + r"what(?:'s| is)? (?:the )?time(?: is it)?(?: now| right now)?",
                   re.IGNORECASE)
# A reminder to be set, not one to be written ("create a reminder email for the team").
_SET_ONE = (r"(?:reminder|alarm|timer)(?!\s+(?:email|e-mail|note|text|message|letter|card|post|"
            r"list|template|poster|sign)\b)")
_REMINDER = re.compile(
    _POLITE + r"(?:(?:can|could|will|would) you\W+(?:please\W+)?(?:set|create|add|make|give)\W+"
    r"(?:me\W+)?(?:a|an|up a)\W+" + _SET_ONE + r"|(?:please\W+)?(?:set|create)\W+(?:me\W+)?"
    r"(?:a|an)\W+" + _SET_ONE + r"|(?:(?:can|could|will|would) you (?:please )?|please\W+)?"
    r"remind me (?:to|at|in|tomorrow|tonight|on|every|about)|wake me (?:up )?at)\b",
    re.IGNORECASE)
# "My wife Jean has a hospital appointment on Thursday at 2pm, can you remind me?": what it is
# for, told first in the same sentence.
_REMIND_AFTER = re.compile(
    r"[,;]\s*(?:and\s+|so\s+)?(?:(?:can|could|will|would) you (?:please )?|please )?remind me"
    r"(?: (?:of|about) (?:it|that|this)| then| on the day| beforehand| the day before)?"
    r"(?: please)?\W*$", re.IGNORECASE)
# Questions about Tacit itself: whether to trust it, what it keeps, what it cannot do, what
# it is. The bundled model answered "Can I trust you?" with "My role is to facilitate
# conversations based on user preferences", "Is this conversation private?" with "I'd be
# happy to discuss this conversation with you in a private setting", and "Are you a real
# person?" with "I can be any person, but you're not".
_YOU = r"(?:you|tacit)"
_HONEST = re.compile(
    _POLITE + r"(?:do|would|will) " + _YOU + r" (?:ever |sometimes )?(?:lie|lie to me|make "
    r"(?:things|stuff) up|get (?:things|stuff|facts) wrong)|(?:are|is) " + _YOU + r" (?:always "
    r")?(?:honest|truthful|accurate|reliable|right)(?: with me)?|(?:can|should|could) i "
    r"(?:trust|believe|rely on) (?:you|tacit|what you (?:say|tell me))|how (?:accurate|"
    r"reliable|trustworthy|honest) (?:are you|is tacit)|(?:can|will|would) you be (?:honest|"
    r"truthful|straight) with me",
    re.IGNORECASE)
_PRIVATE = re.compile(
    _POLITE + r"(?:is|are) (?:this|our|my) (?:conversation|chat|chats|messages?|data) "
    r"(?:private|safe|secure|stored|kept|saved)|who (?:else )?can (?:read|see) (?:this|what i "
    r"(?:write|say|tell you)|my (?:messages|chats|data)|our (?:chats?|conversations?))|"
    r"(?:do|will|would) " + _YOU + r" (?:store|keep|save|record|share|remember|sell|send) "
    r"(?:my (?:messages|chats|data|conversations|information|details)|our (?:chats?|"
    r"conversations?)|what i (?:say|tell you|write|told you))(?: with (?:anyone|others|other "
    r"people))?|(?:is|are) (?:my data|my information|what i tell you) safe(?: with you)?|"
    r"(?:can|could) i trust you with (?:a secret|secrets|private (?:stuff|things|information)|"
    r"personal (?:stuff|things|information)|something private)|(?:are|is) " + _YOU +
    r" recording (?:this|me|us)(?: right now| now)?|does anyone (?:else )?(?:read|see) "
    r"(?:this|these chats|my messages)",
    re.IGNORECASE)
# About to confide: "Can I trust you with something?" got "as a helpful assistant, I don't
# have the ability to provide personal opinions".
_CONFIDE = re.compile(
    _POLITE + r"(?:can|could|may) i (?:trust you with|tell you|share|confide in you about|ask "
    r"you about) (?:something|anything|a secret|something personal|something private|"
    r"something (?:hard|difficult|big|serious|embarrassing|awkward))|can i confide in you|"
    r"can you keep (?:a secret|secrets|this between us|this to yourself)|(?:i )?need to tell "
    r"(?:someone|somebody|you) something",
    re.IGNORECASE)
_LIMITS = re.compile(
    _POLITE + r"what (?:can(?:'t| ?not)|can you not|won't|will you not) (?:you|tacit) (?:do|"
    r"help (?:me )?with|talk about)|what are (?:your|tacit's) (?:limits|limitations|"
    r"weaknesses)|is there anything (?:you|tacit) (?:can(?:'t| ?not)|won't) (?:do|help with|"
    r"talk about)|(?:can|do) you (?:browse|search|go on|use) the (?:internet|web)|(?:can|will|"
    r"would) you be (?:honest|straight|upfront) (?:with me )?about (?:your|tacit's) (?:limits|"
    r"limitations)",
    re.IGNORECASE)
_WHAT = re.compile(
    _POLITE + r"(?:are|is) " + _YOU + r" (?:a |an )?(?:real (?:person|human)|human|person|"
    r"robot|bot|ai|machine|computer|computer program|program|alive|conscious|sentient)|"
    r"do you have (?:feelings|emotions|a body|a life)|(?:do|can) you (?:feel|think for "
    r"yourself)|am i (?:talking|chatting|speaking) (?:to|with) a (?:real )?(?:person|human|"
    r"bot|robot|machine)",
    re.IGNORECASE)
# What only the internet knows: "Good morning! What's the weather like?" got "The weather is
# mostly sunny, but there's a small chance of rain in the evening."
_ONLINE = re.compile(
    _POLITE + r"(?:what(?:'s| is| will) the (?:weather|forecast)(?: (?:going to|gonna))?(?: be)?"
    r"(?: like)?|how(?:'s| is| will) the weather(?: (?:going to|gonna))?(?: be)?|"
    r"(?:is it|will it|is it going to) (?:rain|snow|be (?:sunny|cold|hot|warm|windy))|"
    r"how (?:hot|cold|warm) is it(?: outside)?|what(?:'s| is) (?:the|in the) news|what(?:'s| is) "
    r"happening in the (?:world|news)|(?:any|what(?:'s| is) the latest) news)"
    r"(?: (?:today|tomorrow|tonight|now|right now|this (?:week|weekend|morning|afternoon|"
    r"evening)|outside|here|where i am|in (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+){0,2}))*",
    re.IGNORECASE)
# "What time is sunset today?" got "It's 12:30 in the evening."
_SUN = re.compile(
    _POLITE + r"(?:what time (?:is|does) (?:the )?(?:sunset|sunrise|sun (?:set|rise|go down|come "
    r"up))|when (?:is|does) (?:the )?(?:sunset|sunrise|sun (?:set|rise|go down|come up))|what time "
    r"does it get (?:dark|light))(?: (?:today|tonight|tomorrow|here|where i am|in (?-i:[A-Z])"
    r"[\w'-]+(?: (?-i:[A-Z])[\w'-]+){0,2}))*", re.IGNORECASE)
# The time in a named place, from the machine's clock and the place's time zone: "What time
# is it in Tokyo?" got "In Tokyo, the time is 20:15." when it was 18:07 there.
_TIME_IN = re.compile(
    _POLITE + r"what(?:'s| is)? (?:the )?time (?:is it )?(?:now |right now )?in "
    r"(?P<place>[A-Za-z][\w' .-]{1,40}?)(?: (?:now|right now))?", re.IGNORECASE)
# Said to Tacit of itself: "You're useless." got "I am a helpful assistant, and you're just an
# empty shell."; "Sorry, bad day." got "I am not sure how to answer that"; "I love you." got
# "I love the way you bring a smile to my face every day".
_COMPLAINT = re.compile(
    r"(?:(?:you'?re|you are|ur|tacit is) (?:so |really |totally |completely |just |such )?(?:an? )?"
    r"(?:useless|stupid|dumb|rubbish|terrible|awful|hopeless|annoying|no help|not helpful|"
    r"unhelpful|wrong again|an idiot|idiot|pointless|bad at this|a waste of time)|you suck|"
    r"(?:this|that) (?:is|was) (?:useless|rubbish|no help|not helpful|pointless|a waste of "
    r"time))(?: (?:today|again|sometimes|honestly))?", re.IGNORECASE)
_APOLOGY = re.compile(
    r"(?:sorry|so sorry|i'?m sorry|apologies|my bad|sorry about that|sorry for (?:that|being "
    r"rude|snapping|shouting|the rant|ranting))(?:,? (?:tacit|bad day|long day|rough day|i'?m "
    r"having a bad day|it'?s been a (?:bad|long|rough) day|i was rude|i didn'?t mean it))*",
    re.IGNORECASE)
# Small talk with Tacit: "How are you?" got "You're here, and I'm not.", "What's your favourite
# colour?" a story of "my love for this colour blue", and "You're amazing" got "I can't wait for
# it all to be over".
_HOW_ARE_YOU = re.compile(
    _POLITE + r"(?:how are you(?: doing| today| tacit)*|how(?:'s| is) it going|how are things|"
    r"how(?:'s| is| has) your day(?: been| going)?|how have you been|you (?:ok|okay|alright|all "
    r"right)|are you (?:ok|okay|well|alright|all right)|what'?s up|sup)", re.IGNORECASE)
_YOUR_TASTE = re.compile(
    _POLITE + r"(?:what(?:'s| is| are) your (?:favou?rite|fave) [\w ]{2,30}|do you (?:like|love|"
    r"enjoy|prefer|have a favou?rite) (?!(?:it|when|that|me|my|how|what|the way|being|to)\b)"
    r"[\w ]{2,30}|what (?:kind of |sort of )?[\w ]{2,20} do you "
    r"(?:like|love|enjoy|prefer)|which [\w ]{2,20} do you (?:like|prefer) best)", re.IGNORECASE)
_PRAISE = re.compile(
    r"(?:(?:thanks|thank you),? )?(?:you'?re|you are|ur|tacit is|tacit,? you'?re) (?:so |really |"
    r"just |truly |absolutely |the )?(?:amazing|great|the best|brilliant|awesome|wonderful|"
    r"fantastic|a star|a legend|a genius|so helpful|really helpful|very helpful|helpful|clever|"
    # "Thanks, you're a lifesaver." got "You're a lifesaver." back from the model
    r"smart|cool|lovely|kind|best|an? (?:absolute |real |total )?(?:lifesaver|life saver|gem|"
    r"angel|godsend|diamond))(?: (?:tacit|thanks|thank you))?", re.IGNORECASE)
_LOVE = re.compile(r"(?:i love you|i think i love you|love you|i'?m in love with you)(?: tacit)?",
                   re.IGNORECASE)
# Doses forgotten ("I keep forgetting to take my blood pressure tablets"): the bundled model
# answered "there is no such thing as taking blood pressure tablets anymore".
_MEDICINE = r"(?:tablets|pills|meds|medication|medications|medicine|medicines|inhaler|vitamins)"
_SOME = r"my (?:[\w'-]+ ){0,3}" + _MEDICINE
_FORGOTTEN = re.compile(
    _POLITE + r"(?:i (?:keep |always |often |sometimes |tend to |still )?(?:forget|forgetting|"
    rf"forgot)(?: to take)? {_SOME}|how (?:do|can|could) i (?:remember|stop forgetting) to take "
    rf"{_SOME}|(?:any )?tips (?:for|on) remembering (?:to take )?{_SOME})"
    r"(?: (?:every|each|in the|at) (?:day|morning|evening|night|time|lunch))?"
    r"(?:,? (?:any (?:tips|ideas|advice)|what can i do|what should i do|help))?", re.IGNORECASE)
# Between two named places: "What's the time difference between London and New York?" got
# "approximately 2 hours".
_PLACE = r"[A-Za-z][\w' .-]{1,30}?"
_DIFFERENCE = re.compile(
    _POLITE + r"(?:what(?:'s| is) the )?(?:time difference|difference in time|time gap|"
    r"how many hours(?: difference)?(?: is it)?) (?:between|from) (?P<a>" + _PLACE + r") "
    r"(?:and|to) (?P<b>" + _PLACE + r")|how many hours (?:ahead|behind) (?:of )?(?P<c>"
    + _PLACE + r") is (?P<d>" + _PLACE + r")|(?:is|how far) (?P<e>" + _PLACE + r") (?:ahead "
    r"(?:of )?|behind )(?P<f>" + _PLACE + r")", re.IGNORECASE)
_MOST_CHARS = 160
# A time in one place told in another: "What time is it in Tokyo when it's 9am in London?"
# got "It's 9am in Tokyo, not London." from the bundled model.
_CLOCK = r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<ap>am|pm|a\.m\.|p\.m\.)?"
# "in London", or "here", "where I live", "my time"
_IN = r" (?:in |(?=(?:here|at home|where i (?:am|live)|my (?:time|end|place))\b))"
_AT_TIME = re.compile(
    _POLITE + r"(?:what time (?:is it|will it be) in (?P<to>" + _PLACE + r") (?:when|if) "
    r"it(?:'s| is) " + _CLOCK + _IN + r"(?P<at>" + _PLACE + r")|(?:if|when) it(?:'s| is) "
    + _CLOCK.replace("?P<", "?P<x") + _IN + r"(?P<xat>" + _PLACE + r"),? what time is it in "
    r"(?P<xto>" + _PLACE + r")|what(?:'s| is) " + _CLOCK.replace("?P<", "?P<y") + r" (?P<yat>"
    + _PLACE + r") time in (?P<yto>" + _PLACE + r"))", re.IGNORECASE)


@cache
def _texts() -> dict[str, str]:
    raw = yaml.safe_load(files("data").joinpath("known_answers.yaml").read_text("utf-8"))
    return {k: " ".join(str(v).split()) for k, v in raw.items()}


def _only(pattern: re.Pattern[str], sentence: str) -> bool:
    return pattern.fullmatch(sentence.strip().rstrip("?!. ")) is not None


def asked(message: str) -> str | None:
    """What a message that only asks what code knows asks: "who", "date", "time",
    "reminders" (a reminder is recognised by how the request opens, whatever it is about), or
    of Tacit itself "private", "honest", "limits" or "what", and "time in" (a named city),
    "online", "sun" (sunrise and sunset), "confide", "complaint", "apology", "love", "how are
    you", "taste" (its favourites), "praise"; or "doses" (forgotten ones)."""
    text = _GREETING.sub("", message.strip())
    if not text or len(text) > _MOST_CHARS or "\n" in text:
        return None
    if _place_zone(text) or _between(text):
        return "time in"
    said = sentences(text)
    # "I keep forgetting to drink water. remind me every hour?": what it is for, told first.
    if said and (_REMINDER.match(said[-1]) or _REMIND_AFTER.search(said[-1])) and \
            not any("?" in s for s in said[:-1]):
        return "reminders"
    # "Who are you and what can you do?": each part of the question is one of these.
    parts = [p for s in said for p in re.split(r",?\s+and\s+", s.strip().rstrip("?!. "))
             if p.strip()]
    for kind, pattern in (("who", _WHO), ("date", _DATE), ("time", _TIME),
                          ("confide", _CONFIDE), ("private", _PRIVATE), ("honest", _HONEST),
                          ("limits", _LIMITS), ("online", _ONLINE), ("sun", _SUN),
                          ("complaint", _COMPLAINT),
                          ("apology", _APOLOGY), ("love", _LOVE), ("doses", _FORGOTTEN),
                          ("how are you", _HOW_ARE_YOU), ("taste", _YOUR_TASTE),
                          ("praise", _PRAISE),
                          ("what", _WHAT)):
        if parts and all(_only(pattern, p) for p in parts):
            return kind
    return None


def time_in(message: str, now: datetime) -> str | None:
    """The time in the place a message asks of, when it names a place whose time zone is known
    by its city ("Tokyo", "New York", "Lisbon"); None otherwise."""
    found = _place_zone(_GREETING.sub("", message.strip()))
    if found is None:
        return None
    place, zone = found
    there = now.astimezone(ZoneInfo(zone))
    return f"It's {there:%H:%M} in {place}, on {there:%A}, by my clock."


def _between(text: str) -> tuple[str, str, str, str] | None:
    """The two places a question of a time difference names, the one it measures from first,
    and their time zones, when both are known by their cities."""
    found = _DIFFERENCE.fullmatch(text.rstrip("?!. "))
    if found is None:
        return None
    # "is Paris ahead of London": measured from London
    first, second = (found["a"], found["b"]) if found["a"] else (found["c"], found["d"]) \
        if found["c"] else (found["f"], found["e"])
    first, second = first.strip(), second.strip()
    zones = [zone_of(p) for p in (first, second)]
    return (first, second, str(zones[0]), str(zones[1])) if all(zones) else None


def _gap_changes(zone_a: str, zone_b: str, year: int) -> bool:
    """Whether the gap between two zones' clocks changes in the year (their clocks change
    on different dates, or only one of them changes)."""
    def gap(day: datetime) -> timedelta:
        return (day.astimezone(ZoneInfo(zone_b)).utcoffset() or timedelta()) - \
            (day.astimezone(ZoneInfo(zone_a)).utcoffset() or timedelta())
    return len({gap(datetime(year, 1, 1, 12, tzinfo=ZoneInfo("UTC")) + timedelta(days=d))
                for d in range(0, 365, 7)}) > 1


def time_at(message: str, now: datetime,
            home: Callable[[], str | None] = lambda: None) -> str | None:
    """A time of day in one named place said in another ("What time is it in Tokyo when it's
    9am in London?"), on today's clocks; None for any other message or a place whose time
    zone is not known. "Here" is where they live (``home`` reads it); not yet told, they are
    asked where that is."""
    found = _AT_TIME.fullmatch(_GREETING.sub("", message.strip()).rstrip("?!. "))
    if found is None:
        return None
    tag = next(t for t in ("", "x", "y") if found[f"{t}h"])
    hour, minute = int(found[f"{tag}h"]), int(found[f"{tag}m"] or 0)
    half = (found[f"{tag}ap"] or "").replace(".", "").lower()
    if minute > 59 or (half and not 1 <= hour <= 12) or hour > 23 or \
            (not half and found[f"{tag}m"] is None and hour > 12):
        return None
    hour = hour % 12 + (12 if half == "pm" else 0) if half else hour
    places = [found[f"{tag}at"].strip(), found[f"{tag}to"].strip()]
    if any(_HERE.fullmatch(p) for p in places):  # where they live, read once
        lives = home()
        if not lives:
            return _texts()["where_here"]
        places = [lives if _HERE.fullmatch(p) else p for p in places]
    zones = [zone_of(p) for p in places]
    if not all(zones):
        return None
    here = now.astimezone(ZoneInfo(str(zones[0]))).replace(hour=hour, minute=minute, second=0,
                                                            microsecond=0)
    there = here.astimezone(ZoneInfo(str(zones[1])))
    day = "" if there.date() == here.date() else \
        " the next day" if there.date() > here.date() else " the day before"
    changes = " Around the dates the clocks change, it can differ by an hour for a while." \
        if _gap_changes(str(zones[0]), str(zones[1]), now.year) else ""
    return (f"When it's {here:%H:%M} in {places[0]}, it's {there:%H:%M}{day} in {places[1]}, "
            f"on today's clocks.{changes}")


def difference(message: str, now: datetime) -> str | None:
    """How far apart two named places' clocks are now, when both time zones are known by
    their cities; None otherwise."""
    found = _between(_GREETING.sub("", message.strip()))
    if found is None:
        return None
    first, second, zone_a, zone_b = found
    here, there = now.astimezone(ZoneInfo(zone_a)), now.astimezone(ZoneInfo(zone_b))
    hours = ((there.utcoffset() or timedelta()) - (here.utcoffset() or timedelta())) \
        .total_seconds() / 3600
    changes = " Around the dates the clocks change, the gap can differ by an hour for a " \
        "while." if _gap_changes(zone_a, zone_b, now.year) else ""
    if hours == 0:
        return f"{second} and {first} are on the same time right now ({here:%H:%M}).{changes}"
    gap = f"{abs(hours):g} hour{'s' if abs(hours) != 1 else ''}"
    side = "ahead of" if hours > 0 else "behind"
    return (f"{second} is {gap} {side} {first} right now: it's {there:%H:%M} in {second} "
            f"when it's {here:%H:%M} in {first}.{changes}")


def _place_zone(text: str) -> tuple[str, str] | None:
    """The place a question of the time there names, and its time zone, when one is known."""
    found = _TIME_IN.fullmatch(text.rstrip("?!. "))
    if found is None:
        return None
    place = found["place"].strip()
    zone = zone_of(place)
    return (place, zone) if zone else None


_HERE = re.compile(r"here|at home|where i (?:am|live)|my (?:time|end|place)", re.IGNORECASE)


def zone_of(place: str) -> str | None:
    """The time zone of a place: a city that names one ("Tokyo"), or a city or country listed
    for a country with one time zone ("Bristol", "Ireland")."""
    named = _zones().get(place.strip().lower().replace(" ", "_"))
    if named:
        return named
    code = country_of_place(place)
    zones = _country_zones().get(code or "", ())
    return zones[0] if len(zones) == 1 else None


@cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    """Each country's time zones by its two-letter code, from the bundled zone table."""
    out: dict[str, list[str]] = {}
    table = files("tzdata").joinpath("zoneinfo").joinpath("zone.tab").read_text("utf-8")
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _, zone, *_ = line.split("\t")
            out.setdefault(code, []).append(zone)
    return {code: tuple(zones) for code, zones in out.items()}


@cache
def _zones() -> dict[str, str]:
    """Each time zone by the city that names it ("tokyo": "Asia/Tokyo")."""
    return {zone.rsplit("/", 1)[-1].lower(): zone for zone in sorted(available_timezones())
            if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/"))}


# "How many days until Christmas?" got "Tomorrow is Thursday 31 December." on 7 December.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_DAYS_TO = re.compile(
    _POLITE + r"(?:how (?:many|much) (?:more )?(?P<unit>days|weeks|sleeps|time)|how long) (?:is "
    r"(?:it|there|left) |are (?:there|left) )?(?:left )?(?:until|till|til|to|before) "
    r"(?P<day>[\w' ]{3,30}?)"
    r"(?: (?:is|are) (?:left|there))?(?: (?:from )?(?:now|today))?", re.IGNORECASE)
# "How far away is the wedding?", "How soon is Christmas?"
_HOW_FAR = re.compile(_POLITE + r"how (?:far (?:away|off)|soon) is (?P<day>[\w' ]{3,30}?)"
                      r"(?: (?:from )?(?:now|today))?", re.IGNORECASE)
# "My MOT is due on 14 January. How many days is that?": a day told, then asked of
_THAT_DAY = re.compile(
    r"[^.?!]*?\b(?:on|is|by|for) (?:the )?(?P<day>\d{1,2}(?:st|nd|rd|th)?(?: of)? [A-Za-z]+|"
    r"[A-Za-z]+ \d{1,2}(?:st|nd|rd|th)?)[.!,]?\s+(?:so |and )?how (?:many (?:more )?(?:days|weeks|"
    r"sleeps)|long|far (?:away|off)) (?:is that|is it|away is that|until then|till then|to go|"
    r"have i got|do i have|(?:is|are) left)(?: from (?:now|today))?", re.IGNORECASE)
_THEIR_WEDDING = re.compile(r"(?:my|our|the) (?:big day|wedding(?: day)?)", re.IGNORECASE)
_DATE_SAID = re.compile(r"(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)?(?: of)? (?P<m>[a-z]+)|"
                        r"(?P<m2>[a-z]+) (?P<d2>\d{1,2})(?:st|nd|rd|th)?", re.IGNORECASE)
_FIXED = {"christmas": (12, 25), "christmas day": (12, 25), "xmas": (12, 25),
          "christmas eve": (12, 24), "boxing day": (12, 26), "new year": (1, 1),
          "new year's": (1, 1), "new years": (1, 1), "new year's day": (1, 1),
          "new years day": (1, 1), "new year's eve": (12, 31), "new years eve": (12, 31),
          "halloween": (10, 31), "valentine's day": (2, 14), "valentines day": (2, 14),
          "valentine's": (2, 14), "valentines": (2, 14), "bonfire night": (11, 5),
          "st patrick's day": (3, 17), "st patricks day": (3, 17)}
_CALLED = {(12, 25): "Christmas Day", (12, 24): "Christmas Eve", (12, 26): "Boxing Day",
           (1, 1): "New Year's Day", (12, 31): "New Year's Eve", (10, 31): "Halloween",
           (2, 14): "Valentine's Day", (11, 5): "Bonfire Night", (3, 17): "St Patrick's Day"}
_THEIR_BIRTHDAY = re.compile(
    r"(?:my|our|the) (?:next )?(?:(?P<who>wife|husband|partner|boyfriend|girlfriend|son|"
    r"daughter|sister|brother|mother|father|mum|mom|dad|best friend|friend|grandma|grandad|"
    r"gran|nan)'s )?birthday|(?:(?:my|our) [a-z]+ )?(?P<name>(?-i:[A-Z][a-z]+))'s birthday",
    re.IGNORECASE)


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _next_day(said: str, today: date) -> tuple[str, date] | None:
    """The named day ("Christmas", "Easter", "25 December") on or after ``today``, and how it
    is called in the reply."""
    name = said.strip().lower().removeprefix("the ")
    # "14 June next year", "3rd of May 2027": a year said is that year
    year_said = re.search(r",?\s+(?:next year|this year|(?P<y>20\d\d))$", name)
    name = name[:year_said.start()] if year_said else name
    if year_said and year_said["y"]:
        dated = _next_day(name, date(int(year_said["y"]), 1, 1))
        return dated if dated is None or dated[1] >= today else None
    if name in ("easter", "easter sunday", "easter day"):
        when = _easter(today.year)
        return "Easter Sunday", when if when >= today else _easter(today.year + 1)
    if name in _FIXED:
        month, day = _FIXED[name]
        called = _CALLED[(month, day)]
    else:
        found = _DATE_SAID.fullmatch(name)
        if found is None:
            return None
        month_said = (found["m"] or found["m2"] or "").lower()
        if month_said not in _MONTHS and month_said[:3] not in [m[:3] for m in _MONTHS]:
            return None
        month = next(n for n, m in enumerate(_MONTHS, 1) if m.startswith(month_said[:3]))
        day, called = int(found["d"] or found["d2"]), ""
    for year in (today.year, today.year + 1):
        try:
            when = date(year, month, day)
        except ValueError:
            return None
        if when >= today:
            return called or f"{when.day} {when:%B}", when
    return None


_THEIR_EXAMS = re.compile(r"(?:my|our|the) (?:exams?|gcses?|a[- ]levels?|finals|final exams|"
                          r"mocks?|highers)", re.IGNORECASE)
_MONTH_SAID = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)


def _until_exams(told: str | None, today: date) -> str:
    """How long until the exams they told of ("GCSEs in May", "exams start on 3 June"): to the
    day told, or to the first of the month told."""
    if not told:
        return ("You haven't told me when your exams are yet. When do they start? Tell me, and "
                "I'll count.")
    dated = _DATE_SAID.search(told)
    month = _MONTH_SAID.search(told)
    day_named = _next_day(f"{dated['d'] or dated['d2']} {dated['m'] or dated['m2']}", today) \
        if dated else None
    named = day_named or (_next_day(f"1 {month[1]}", today) if month else None)
    if named is None:
        return f"You told me: {told}. Tell me the date they start, and I'll count the days."
    when = named[1]
    days = (when - today).days
    to = f"{when:%A} {when.day} {when:%B %Y}" if day_named else f"the start of {when:%B %Y}"
    return f"{_in_weeks(days)} ({days} days) until {to}: your {told}, as you told me."


def _in_weeks(days: int) -> str:
    """``days`` as weeks and the days left over: "5 weeks and 3 days", "2 weeks"."""
    weeks, rest = divmod(days, 7)
    return f"{weeks} week{'s' if weeks != 1 else ''}" + (
        f" and {rest} day{'s' if rest != 1 else ''}" if rest else "")


def days_until(message: str, now: datetime,
               birthday: Callable[[str], str | None] = lambda whose: None) -> str | None:
    """How many days are left until a day the message names (a holiday, a date, or a
    birthday of theirs as ``birthday`` reads it from what they said: "birthday", "mum's
    birthday"), counted from today on the machine's clock; None for any other message."""
    text = _GREETING.sub("", message.strip()).rstrip("?!. ")
    found = _DAYS_TO.fullmatch(text) or _HOW_FAR.fullmatch(text) or _THAT_DAY.fullmatch(text)
    if found is None:
        return None
    if found.re is not _THAT_DAY and _THEIR_EXAMS.fullmatch(found["day"].strip()):
        return _until_exams(birthday("exams"), now.date())
    theirs = None if found.re is _THAT_DAY else \
        _THEIR_BIRTHDAY.fullmatch(found["day"].strip()) or \
        _THEIR_WEDDING.fullmatch(found["day"].strip())
    who = (theirs.groupdict().get("who") or theirs.groupdict().get("name") or "") \
        if theirs else ""
    wedding = theirs is not None and theirs.re is _THEIR_WEDDING
    whose = "wedding" if wedding else f"{who.lower()}'s birthday" if who else "birthday"
    # "Rohan's birthday", someone they named; "your mum's birthday"
    spoken = f"{theirs['name']}'s birthday" if theirs and not wedding and theirs["name"] \
        else f"your {whose}"
    said = (birthday(whose) or "") if theirs else found["day"]
    if theirs and not said:
        unknown = f"the date of {spoken}" if wedding else spoken
        return f"You haven't told me {unknown} yet. When is it? Tell me, and I'll count."
    named = _next_day(said, now.date())
    if named is None:
        return None
    called, when = named
    called = spoken if theirs else "it" if found.re is _THAT_DAY else called
    days = (when - now.date()).days
    if days == 0:
        return f"It's today: {called} is {when:%A} {when.day} {when:%B %Y}."
    inweeks = f" (that's {_in_weeks(days)})" if days >= 7 else ""
    return (f"{days} day{'s' if days != 1 else ''}{inweeks}: {called} is on {when:%A} "
            f"{when.day} {when:%B %Y}, and today is {now:%A} {now.day} {now:%B}.")


def answer(message: str, now: datetime,
           birthday: Callable[[str], str | None] = lambda whose: None,
           home: Callable[[], str | None] = lambda: None) -> str | None:
    """The reply to a message that only asks what code knows (``now``: the clock of the
    machine Tacit runs on; ``birthday`` reads theirs when asked of, ``home`` where they live,
    when a time "here" is asked), or None."""
    there = time_at(message, now, home) or time_in(message, now) or difference(message, now) or \
        days_until(message, now, birthday)
    if there:
        return there
    kind = asked(message)
    if kind == "date":
        return f"Today is {now:%A}, {now.day} {now:%B %Y}."
    if kind == "time":
        return f"It's {now:%H:%M} on my clock, on {now:%A}, {now.day} {now:%B}."
    return _texts()[kind] if kind else None
