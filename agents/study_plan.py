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
_SUBJECT = re.compile(r"\bfor (?:my |the |a )?(?P<s>(?-i:[A-Z])[\w]+|maths|math|physics|chemistry|"
                      r"biology|history|geography|english|economics|law|statistics)\b",
                      re.IGNORECASE)
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


def answer(message: str, learning: Callable[[], Sequence[str]] = _nothing) -> str | None:
    """A study plan for a request for one, or None. ``learning`` reads the languages or
    subjects they said they are learning, only for such a request with no subject named."""
    text = " ".join(message.split())
    if len(text) > 200 or not _ASKS.search(text) or not _REQUEST.search(text):
        return None
    weeks_said = _WEEKS.search(text)
    weeks = (_WORDS.get(weeks_said["n"].lower()) or int(weeks_said["n"])) if weeks_said else 4
    minutes = _minutes(text)
    if not 1 <= weeks <= 12 or not 10 <= minutes <= 240:
        return None
    named = _SUBJECT.search(text)
    subject = named["s"] if named else next(iter(learning()), "")
    language = subject.lower() in _LANGUAGES
    return "\n".join([*_weeks(weeks, subject), "", *_day(minutes, language),
                      "", _after(subject)])


def _weeks(weeks: int, subject: str) -> list[str]:
    of = f" for {subject}" if subject else ""
    lead = f"A {weeks}-week study plan{of}, a little every day:"
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


def _day(minutes: int, language: bool) -> list[str]:
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
            "- One day a week off, or a light review: rest helps it stick."]


def _after(subject: str) -> str:
    return ("Tell me the date of your exam or what you find hardest, and I'll shape the weeks "
            "around it." if subject else "Tell me the subject and the date you're working "
            "towards, and I'll shape the weeks around it.")
