"""A study plan written by code: weeks, each with its aim, and the minutes of a day shared out.

"Make me a study plan for the next 4 weeks, 30 minutes a day.", from someone learning Spanish
for an exam, got "Wednesday - 90-minutes on Friday evening" and "5 hours nightly" from the
bundled model. A request for a study or revision plan gets one shaped by what it says (how
many weeks, how long a day, the subject, or the language they said they are learning): the
first weeks to see where they stand and fill the gaps, the middle ones to practise, the last
to rehearse as the exam or goal will be; each day's time shared among review, new work and a
quick test; a day off each week.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

_ASKS = re.compile(r"\b(?:study|revision|revising|learning|practice|homework) (?:plan|schedule|"
                   r"timetable|routine)\b|\bplan (?:my|a|the) (?:studying|revision|study)\b",
                   re.IGNORECASE)
# Asked for, not asked about ("What is a study plan?").
_REQUEST = re.compile(r"\b(?:make|create|give|write|draft|build|put together|set up|need|want|"
                      r"help|suggest|can you|could you|would you)\b|^\W*(?:please\W+)?plan\b",
                      re.IGNORECASE)
_WEEKS = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|a) weeks?\b",
                    re.IGNORECASE)
_DAILY = re.compile(r"\b(?P<n>\d{1,3}|an?|one|two|half an?)\s*(?P<unit>minutes?|mins?|hours?|hrs?)"
                    r"(?: (?:a|per|each|every) day| daily)\b", re.IGNORECASE)
_SUBJECTS = (r"maths|math|physics|chemistry|biology|history|geography|english|economics|law|"
             r"statistics|psychology|sociology|computing|computer science|french|spanish|"
             r"german|literature|anatomy|pharmacology|accounting|philosophy")
_KINDS = r"(?:cell|organic|human|pure|applied|further|modern|medieval|world|contract|criminal) "
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# "for my maths exam", "an exam on cell biology", "my biology exam"; not "for Friday"
_SUBJECT = re.compile(
    r"\b(?:for|on|in) (?:my |the |a |an )?(?P<s>(?!(?:" + "|".join(_DAYS + _MONTHS)
    + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?-i:[A-Z])\w+|(?:"
    + _KINDS + r")?(?:" + _SUBJECTS + r"))\b|\b(?P<s2>(?:" + _KINDS + r")?(?:" + _SUBJECTS
    + r")) (?:exam|test|paper|final|mock)s?\b", re.IGNORECASE)
# When the exam is: "next Friday", "on Friday", "tomorrow", "in 10 days", "on the 18th"
_WHEN = re.compile(
    r"\b(?:(?P<next>next|this|on|by|for) )?(?P<day>" + "|".join(_DAYS) + r")\b|"
    r"\b(?P<tomorrow>tomorrow)\b|\bin (?P<n>\d{1,2}|two|three|four|five|six|seven|eight|ten|a) "
    r"(?P<unit>days?|weeks?)\b|\b(?:on )?the (?P<d>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?: of (?P<m>" + "|".join(_MONTHS) + r"))?", re.IGNORECASE)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "a": 1, "an": 1}
_LANGUAGES = {"spanish", "french", "german", "italian", "portuguese", "japanese", "chinese",
              "mandarin", "arabic", "dutch", "greek", "korean", "russian", "welsh", "polish"}


def _nothing() -> Sequence[str]:
    return ()


def _minutes(text: str) -> int:
    found = _DAILY.search(text)
    if found is None:
        return 30
    said = found["n"].lower()
    count = 0.5 if said.startswith("half") else _WORDS.get(said) or int(said)
    return int(count * 60) if found["unit"].lower().startswith(("hour", "hr")) else int(count)


def exam_day(text: str, today: date) -> date | None:
    """The day a message says the exam is, from ``today``; None when it says none. "next
    Friday" is the Friday of next week; "Friday" or "this Friday" the coming one."""
    found = _WHEN.search(text)
    if found is None:
        return None
    if found["day"]:
        ahead = (_DAYS.index(found["day"].lower()) - today.weekday()) % 7 or 7
        week_on = (found["next"] or "").lower() == "next" and ahead <= 7 - today.weekday() - 1
        return today + timedelta(days=ahead + (7 if week_on else 0))
    if found["tomorrow"]:
        return today + timedelta(days=1)
    if found["n"]:
        count = _WORDS.get(found["n"].lower()) or int(found["n"])
        return today + timedelta(days=count * (7 if found["unit"].lower().startswith("week")
                                                else 1))
    day = int(found["d"])
    month = _MONTHS.index(found["m"].lower()) + 1 if found["m"] else today.month
    # the first such day from today: "the 3rd" said on the 20th is next month's, "the 3rd of
    # January" said in December next year's
    for ahead in range(13 if not found["m"] else 2):
        year, at = divmod(month - 1 + (ahead if not found["m"] else 12 * ahead), 12)
        try:
            when = date(today.year + year, at + 1, day)
        except ValueError:
            continue
        if when >= today:
            return when
    return None


def answer(message: str, learning: Callable[[], Sequence[str]] = _nothing,
           today: date | None = None) -> str | None:
    """A study plan for a request for one, or None. ``learning`` reads the languages or
    subjects they said they are learning, only for such a request with no subject named;
    ``today`` dates an exam said as "next Friday" (a plan of days up to it, when it is less
    than two weeks away)."""
    text = " ".join(message.split())
    if len(text) > 200 or not _ASKS.search(text) or not _REQUEST.search(text):
        return None
    weeks_said = _WEEKS.search(text)
    weeks = (_WORDS.get(weeks_said["n"].lower()) or int(weeks_said["n"])) if weeks_said else 4
    minutes = _minutes(text)
    named = _SUBJECT.search(text)
    subject = (named["s"] or named["s2"]) if named else next(iter(learning()), "")
    language = subject.lower() in _LANGUAGES
    exam = exam_day(text, today) if today is not None and not weeks_said else None
    left = (exam - today).days if exam is not None and today is not None else None
    if exam is not None and left is not None and left < 14:
        days = max(1, left)
        return "\n".join([*_days(days, subject, exam), "",
                          *_day(minutes, language, rest=days >= 7), "",
                          _after(subject, dated=True)])
    if left is not None:
        weeks = min(12, left // 7)
    if not 1 <= weeks <= 12 or not 10 <= minutes <= 240:
        return None
    return "\n".join([*_weeks(weeks, subject, exam), "", *_day(minutes, language),
                      "", _after(subject, dated=exam is not None)])


def _days(days: int, subject: str, exam: date) -> list[str]:
    """A plan of days up to an exam less than two weeks away."""
    of = f" for {subject}" if subject else ""
    article = "An" if str(days).startswith("8") or days in (11, 18) else "A"
    lines = [f"{article} {days}-day revision plan{of}, up to your exam on {exam:%A} {exam.day} "
             f"{exam:%B}:"]
    if days <= 2:
        return [*lines, "- Go over the topics most likely to come up, test yourself on each, "
                "and fix what you miss.", "- The evening before: a light review only, get "
                "what you need ready, and sleep well."]
    first = max(1, days // 4)
    practice = days - 2 if days >= 7 else days - 1  # the first day of timed practice

    def span(a: int, b: int) -> str:
        return f"Day {a}" if a == b else f"Days {a}–{b}"
    lines.append(f"- {span(1, first)}: list the topics and test yourself on each without "
                 "notes, to find your weakest.")
    if practice > first + 1:
        lines.append(f"- {span(first + 1, practice - 1)}: work through the weak topics, one "
                     "or two a day, with practice questions.")
    lines.append(f"- {span(practice, days - 1)}: a timed past paper or mixed questions, as in "
                 "the exam, then go over what you got wrong.")
    lines.append(f"- Day {days}, the day before: a light review of your notes, get what you "
                 "need ready, and sleep well.")
    return lines


def _weeks(weeks: int, subject: str, exam: date | None = None) -> list[str]:
    of = f" for {subject}" if subject else ""
    up_to = f", up to your exam on {exam:%A} {exam.day} {exam:%B}" if exam else ""
    lead = f"A {weeks}-week study plan{of}{up_to}, a little every day:"
    aims = ["see where you stand: list the topics, try a practice test, and start on the "
            "gaps it shows", "work through the gaps, one topic at a time, hardest first",
            "practise: mixed questions and past papers, going back over what you get wrong",
            "rehearse as it will be: timed practice, and light review of your notes"]
    if weeks == 1:
        return [lead, f"- Week 1: {aims[0]}; then {aims[3]}."]
    lines = [lead]
    for week in range(1, weeks + 1):  # first and last weeks fixed, the middle shared out
        aim = aims[0] if week == 1 else aims[3] if week == weeks else \
            aims[1] if week <= (weeks + 1) // 2 else aims[2]
        lines.append(f"- Week {week}: {aim}.")
    return lines


def _day(minutes: int, language: bool, rest: bool = True) -> list[str]:
    review, test = max(5, minutes // 6), max(5, minutes // 6)
    new = minutes - review - test
    if language:
        parts = [f"{review} minutes: flashcards of the words you've learnt (an app that "
                 "repeats them spaced out helps)",
                 f"{new} minutes: something new: a grammar point or a topic's words, then "
                 "listen to or read something short with them",
                 f"{test} minutes: speak or write a few sentences with what you learnt today, "
                 "out loud or in a notebook"]
    else:
        parts = [f"{review} minutes: go over yesterday's notes or flashcards",
                 f"{new} minutes: new work or practice questions on the day's topic",
                 f"{test} minutes: test yourself without notes, and write down what you missed"]
    return [f"Each day ({minutes} minutes):", *(f"- {p}" for p in parts),
            *(["- One day a week off, or a light review: rest helps it stick."] if rest else [])]


def _after(subject: str, dated: bool = False) -> str:
    if dated:
        return ("Tell me what you find hardest, and I'll put it first." if subject else
                "Tell me the subject and what you find hardest, and I'll shape it around them.")
    return ("Tell me the date of your exam or what you find hardest, and I'll shape the weeks "
            "around it." if subject else "Tell me the subject and the date you're working "
            "towards, and I'll shape the weeks around it.")
