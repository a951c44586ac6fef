"""What the refiners read in a text beyond the text layer: content words, language, quantities.

Sentences, words, stems and filler words come from the text layer (``memory/text.py``), so a
refiner splits and compares text as recall and capture do; what is here only refiners need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from memory.text import FILLER, Sentence, sentence_spans, stem, words


def sentences(text: str) -> list[Sentence]:
    """The sentences (and lines) of ``text`` with where each stands in it (the text layer's
    splitter, :func:`memory.text.sentence_spans`)."""
    return sentence_spans(text)


def _vocab(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Beyond the shared filler words: words every answer uses, which say nothing of its topic.
_GENERIC = _vocab(
        "is was were has have had its not no yes should could might may tell give "
        "explain show let know think one two more most much many very really well good "
        "best way make sure which who where why does did done go going into out up over "
        "than their they them he she his her him here now today time "
    )


def content(text: str) -> set[str]:
    """The content-word stems of ``text`` (filler and generic words dropped; any script)."""
    return {stem(w) for w in words(text)
            if len(w) > 2 and w not in FILLER and w not in _GENERIC}


def overlap(one: set[str], other: set[str]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not one or not other:
        return 0.0
    return len(one & other) / min(len(one), len(other))


# Function words that tell the common languages apart; a reply counts as one language when
# they clearly outnumber the others'.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _vocab(
        "any tips my me should we our get tell give "
        "the and is are you your to of in it that for with this be on not have what how "
        "can do i from by at hi hello thanks please just would will been has had "
    ),
    "pt": _vocab(
        "como qual quais posso nas nos meu minha fazer faço está estou isso ela ele "
        "o os as um uma é são você de do da dos das em no na para com que não mais por se "
        "eu seu sua muito também ao "
    ),
    "es": _vocab(
        "cómo qué cuál puedo mis hacer hago está estoy eso ella él hay empiezo "
        "el los las un una es son usted tú de del en para con que no más por se yo su muy "
        "también al lo y "
    ),
    "fr": _vocab(
        "comment quel quelle quels puis-je puis ma mon mes faire ce cette est-ce il elle "
        "le la les un une est sont vous tu de du des en pour avec que ne pas plus par se "
        "je votre et au "
    ),
    "de": _vocab(
        "wie was welche kann mein meine machen ist es gibt "
        "der die das ein eine ist sind sie du und zu von mit für nicht auf ich ihr es den "
        "dem "
    ),
    "it": _vocab(
        "come quale posso mio mia fare questo questa "
        "il lo la gli le un una è sono lei tu di del della in per con che non più si io "
        "suo anche al e "
    ),
}
_LETTERS = {"pt": "ãõ", "es": "ñ¿¡", "fr": "èùœ", "de": "ßäöü"}
LANGUAGE_NAMES = {"en": "English", "pt": "Portuguese", "es": "Spanish", "fr": "French",
                  "de": "German", "it": "Italian"}
_NAMED = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
_NAMED.update({"português": "pt", "español": "es", "castellano": "es", "français": "fr",
               "deutsch": "de", "italiano": "it", "brazilian portuguese": "pt"})


def _language_scores(text: str) -> list[tuple[str, int]]:
    found = words(text)
    scores = {code: sum(w in vocab for w in found) for code, vocab in _FUNCTION_WORDS.items()}
    for code, marks in _LETTERS.items():  # letters only some of the languages use
        scores[code] += 2 * sum(ch in marks for ch in text.lower())
    return sorted(scores.items(), key=lambda kv: -kv[1])


def leaning(text: str) -> str | None:
    """The language one sentence leans to (more of its function words than any other's), or
    None when none leads; weaker than :func:`language`, for telling sentences apart."""
    (best, top), (_, second) = _language_scores(text)[:2]
    return best if top > second else None


def language(text: str) -> str | None:
    """The language ``text`` is written in, or None when it is too short to tell."""
    if len(words(text)) < 4:
        return None
    ranked = _language_scores(text)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 2 or top < 1.5 * second + 1:
        return None
    return best


def named_language(text: str) -> str | None:
    """The language a text names ("answer in Portuguese" -> "pt")."""
    low = text.lower()
    for name in sorted(_NAMED, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", low):
            return _NAMED[name]
    return None


@dataclass(frozen=True)
class Quantity:
    """A number in the text with what kind of thing it counts."""

    start: int
    end: int
    text: str
    kind: str      # time, date, money, percent, a unit name, year, "count" or "index"
    value: str     # normalised, so "3pm" and "3 pm" compare equal


_MONTHS = sorted(_vocab(
        "january february march april may june july august september october november "
        "december jan feb mar apr jun jul aug sep sept oct nov dec "
    ))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_UNITS = (r"km|kilomet(?:er|re)s?|miles?|kg|kilos?|grams?|g|minutes?|mins?|hours?|hrs?|days?|"
          r"weeks?|months?|years?|years old|people|guests|euros?|dollars?|pounds?|m|metres?|"
          r"meters?|litres?|liters?|ml|cups?|steps|floors|kids|children|times|pages|laps|sets|"
          r"reps|nights|tickets|seats|rooms")
_QUANTITY = re.compile(
    rf"(?P<date>\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b|\b(?:{_MONTH})\s+\d{{1,2}}"
    rf"(?:st|nd|rd|th)?\b)"
    r"|(?P<time>\b\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d\d\b|\b\d{1,2}h\d\d\b)"
    r"|(?P<money>[€$£]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:€|euros?|dollars?|pounds?"
    r"(?= sterling)|usd|eur|gbp)\b)"
    r"|(?P<percent>\b\d+(?:\.\d+)?\s?(?:%|percent\b))"
    r"|(?P<year>\b(?:19|20)\d\d\b)"
    rf"|(?P<unit>\b\d+(?:[.,]\d+)?(?:\s?|-)(?:{_UNITS})\b)"
    r"|(?P<count>\b\d+(?:\.\d+)?\b)",
    re.IGNORECASE)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _normal(kind: str, raw: str) -> tuple[str, str]:
    low = raw.lower().replace(" ", "").replace(".", "")
    if kind == "time":
        m = re.match(r"(\d{1,2})(?::(\d\d)|h(\d\d))?(am|pm)?", low)
        if m:
            hour, minute = int(m.group(1)), m.group(2) or m.group(3) or "00"
            if m.group(4) == "pm" and hour < 12:
                hour += 12
            if m.group(4) == "am" and hour == 12:
                hour = 0
            return kind, f"{hour:02d}:{minute}"
    if kind == "date":
        day = re.search(r"\d{1,2}", low)
        month = next((mo[:3] for mo in _MONTHS if mo in low), "")
        return kind, f"{month}-{int(day.group(0)) if day else 0}"
    if kind == "unit":
        m = re.match(r"([\d.,]+)-?(.+)", low)
        if m:
            unit = m.group(2).rstrip("s") if m.group(2) not in ("ms",) else m.group(2)
            unit = {"kilometer": "km", "kilometre": "km", "min": "minute", "hr": "hour",
                    "kilo": "kg", "gram": "g", "children": "kid", "yearsold": "year",
                    "meter": "m", "metre": "m", "liter": "litre"}.get(unit, unit)
            return f"unit:{unit}", m.group(1).replace(",", ".")
    if kind == "money":
        return kind, re.sub(r"[^\d.]", "", low).rstrip(".")
    return kind, re.sub(r"[^\d.]", "", low)


# A list item's marker: a bullet, or a number with ".", ")" or the small model's ".)".
NUMBER_MARK = r"\d{1,3}(?:\.\)|[.)])"
LIST_MARK = rf"(?:[-*•]|{NUMBER_MARK})"
# A word that makes the number after it a position, not an amount: "Day 2" of a "3-day plan".
_LABEL_WORDS = (r"day|week|month|step|stage|phase|part|chapter|lesson|session|round|level|"
                r"option|tip|item|question|exercise|workout|number")
_LABEL = re.compile(rf"\b(?:{_LABEL_WORDS}|no\.?)\s*$|#\s*$", re.IGNORECASE)


_MARKER_AT = re.compile(rf"{NUMBER_MARK}\s")
_LABELLED = re.compile(rf"\b({_LABEL_WORDS})\s*(\d{{1,3}})\b", re.IGNORECASE)


def _a_position(text: str, at: int) -> bool:
    if _LABEL.search(text[max(0, at - 12):at]):
        return True
    line_start = not text[:at].rpartition("\n")[2].strip()
    return line_start and _MARKER_AT.match(text, at) is not None


def quantities(text: str) -> list[Quantity]:
    """Every date, time, amount and count in ``text``. A count that marks a position, after a
    word that labels one ("Day 2", "Step 3", "#4") or as a list item's number ("2. Rest."), is
    of kind ``index``: it compares only with another index, never with an amount such as "a
    3-day plan"."""
    out = []
    for match in _QUANTITY.finditer(text):
        raw_kind = match.lastgroup or "count"
        kind, value = _normal(raw_kind, match.group(0))
        if kind == "count" and _a_position(text, match.start()):
            kind = "index"
        out.append(Quantity(match.start(), match.end(), match.group(0), kind, value))
    return out


def word_number(word: str) -> int | None:
    return _WORD_NUMBERS.get(word.lower())


def positions(text: str) -> set[str]:
    """The positions ``text`` is labelled with ("Day 3: jog" -> {"day 3"}): two sentences
    labelled with different positions speak of different matters."""
    return {f"{m.group(1).lower()} {int(m.group(2))}" for m in _LABELLED.finditer(text)}
