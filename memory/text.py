"""The text layer: sentences, normal forms, stems, negation and stop words, written once.

Every module that splits, compares or stems text calls these, so two parts never disagree on
what a sentence or a word is. The stemmer is Porter's, the one SQLite's FTS5 ``porter``
tokenizer applies to the lexical index, so a stem computed here matches an indexed one. The
word lists are data (``data/lexicon.yaml``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import snowballstemmer
import yaml

# A sentence ends at . ! ? or … (a closing quote or bracket may follow) and a space; a line
# break ends one too.
_SENTENCE = re.compile(r"(?<=[.!?\u2026])[\"')\]]?\s+|\n+")
# In prose a reply writes, a new sentence also starts with a capital, a digit or a quote
# ("e.g. this" stays whole); line breaks are left to the caller.
_SENTENCE_CAPITAL = re.compile(r"(?<=[.!?\u2026])[\"')\]]?\s+(?=[A-Z0-9\"'(])")
# A stop after one of these does not end a sentence ("St. Mary's", "Dr. Silva"), nor "No."
# before a number ("No. 5"; "No. I don't" is two sentences).
_ABBREVIATION = re.compile(r"\b(?:St|Mr|Mrs|Ms|Dr|Prof|vs|etc|e\.g|i\.e|approx|Av)\.$", re.I)
_NUMBER_SIGN = re.compile(r"\bno\.$", re.I)
_SENTENCE_IN_LINE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+")
# Texts a person has written for them to send or read out (a regex alternation): "a short
# email" is that text's length, and "help me write a short email" wants it written.
WRITTEN_TEXTS = (r"(?:e-?mail|letter|message|note|story|poem|speech|bio|text|post|toast|caption|"
                 r"essay|paragraph|description|reply|cover letter|intro(?:duction)?|invitation|"
                 r"card|review|complaint)s?")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text and where it stands in it: ``text[start:end]`` is ``text``."""

    start: int
    end: int
    text: str


def sentence_spans(text: str, *, capital_next: bool = False) -> list[Sentence]:
    """The sentences of ``text`` with their place in it, stripped, empty ones dropped.

    With ``capital_next`` a sentence break also needs a capital, digit or quote after it, and
    a line break alone is no break (for prose, where "e.g. this" must stay whole). A stop
    after a common abbreviation never ends a sentence.
    """
    pattern = _SENTENCE_CAPITAL if capital_next else _SENTENCE
    out: list[Sentence] = []
    start = 0
    for end, after in [(m.start() + len(m.group(0).rstrip()), m.end())
                       for m in pattern.finditer(text)] + [(len(text), len(text))]:
        piece = text[start:end]
        if piece.strip():
            first = start + len(piece) - len(piece.lstrip())
            last = start + len(piece.rstrip())
            joined = out and "\n" not in text[out[-1].end:first] and (
                _ABBREVIATION.search(out[-1].text) or
                (_NUMBER_SIGN.search(out[-1].text) and text[first].isdigit()))
            if joined:
                out[-1] = Sentence(out[-1].start, last, text[out[-1].start:last])
            else:
                out.append(Sentence(first, last, text[first:last]))
        start = after
    return out


def sentence_start(spans: Sequence[Sentence], pos: int) -> int:
    """Where the sentence of ``spans`` (from :func:`sentence_spans`) that holds position
    ``pos`` begins; ``pos`` itself when it lies in the space between two sentences, where
    the next one begins."""
    i = bisect.bisect_right([s.end for s in spans], pos)
    return spans[i].start if i < len(spans) and spans[i].start <= pos else pos


def sentences(text: str, *, capital_next: bool = False) -> list[str]:
    """The sentences of ``text``, stripped, empty ones dropped (see :func:`sentence_spans`)."""
    return [s.text for s in sentence_spans(text, capital_next=capital_next)]


def sentence_pieces(line: str) -> list[str]:
    """The sentences of one line exactly as written, spacing kept and none dropped: for code
    that rebuilds the line from the pieces it keeps."""
    return _SENTENCE_IN_LINE.split(line)


def words(text: str) -> list[str]:
    """The lower-case words of ``text``; an apostrophe inside a word is dropped ("don't" is
    "dont", "Maya's" is "mayas")."""
    return _WORD.findall(text.translate(_QUOTES).lower().replace("'", ""))


def normalize(text: str) -> str:
    """Lower-case words joined by single spaces: "London, UK" and "london uk" compare equal."""
    return " ".join(words(text))


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("porter")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter's stem of a lower-case word ("hotels" -> "hotel", "flies" -> "fli"): a matching
    key, the same FTS5 indexes, not a word anyone reads."""
    return str(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``."""
    return [stem(w) for w in words(text)]


def with_stems(listed: frozenset[str]) -> frozenset[str]:
    """A word list and its words' stems, to hold stemmed text against ("this" is "thi")."""
    return listed | {stem(w) for w in listed}


@functools.cache
def _lexicon() -> dict[str, list[str]]:
    raw: dict[str, list[str]] = yaml.safe_load(
        files("data").joinpath("lexicon.yaml").read_text("utf-8"))
    return raw


def lexicon(name: str) -> frozenset[str]:
    """A word list of ``data/lexicon.yaml`` (``stop_words``, ``filler``, ``negations``)."""
    return frozenset(phrases(name))


def phrases(name: str) -> tuple[str, ...]:
    """A list of ``data/lexicon.yaml`` in the order it is written (a pattern that strikes out
    what it matched tries a longer phrase before its beginning)."""
    return tuple(str(w) for w in _lexicon()[name])


@functools.cache
def _money_and_weight() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def words(name: str) -> re.Pattern[str]:
        listed = [re.escape(w) for w in phrases(name) if w[:1].isalnum()]
        marks = [re.escape(w) for w in phrases(name) if not w[:1].isalnum()]
        return re.compile("|".join([*marks, rf"\b(?:{'|'.join(listed)})\b"]), re.IGNORECASE)
    return words("money_words"), words("weight_words")


def priced_in_pounds(sentence: str) -> bool:
    """Whether "pounds" in ``sentence`` is money ("something under 30 pounds please"): a word
    of money in it (``money_words``) and none of weight (``weight_words``)."""
    money, weight = _money_and_weight()
    return bool(money.search(sentence)) and not weight.search(sentence)


def alternation(listed: tuple[str, ...] | list[str]) -> str:
    """A regular-expression alternation of ``listed``, in order, each phrase matched as
    written, except that a final ``*`` stands for any word ending ("avoid*": avoid, avoiding)
    and a final ``+`` for at least one more letter ("replac+": replace, replacing)."""
    def one(phrase: str) -> str:
        if phrase[-1:] in ("*", "+") and len(phrase) > 1:
            return re.escape(phrase[:-1]) + r"\w" + phrase[-1]
        return re.escape(phrase)
    return "|".join(one(p) for p in listed)


STOP_WORDS = lexicon("stop_words")
FILLER = lexicon("filler")
NEGATIONS = lexicon("negations")
# Any negation word, or a contraction ending in n't.
NEGATED = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, NEGATIONS), key=len,
                                                reverse=True)) + r")\b|n't\b", re.I)


def negated(text: str) -> bool:
    """Whether ``text`` holds a negation ("not", "never", "don't", "without", ...)."""
    return NEGATED.search(text.translate(_QUOTES)) is not None


# Clauses and sentences by position, for reading cues (the safety detector) -----------------
# Kept together at the end of the file: what safety reads a message with.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
                       "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"[ \t\r\f\v]+")
# Where a cue's sentence ends: a stop, a question or exclamation mark, a line break, or a gap
# of three spaces (a pasted table or a message typed without stops); runs count as one.
_CUE_SENTENCE_END = re.compile(r"[.!?\n]+|\s{3,}")


def folded(text: str) -> str:
    """Lower case, straight quotes (single and double), runs of spaces and tabs as one space;
    line breaks kept. Cue patterns are written for this form. Positions shift where spaces are
    folded, so spans are quoted from the folded text, not the original."""
    return _SPACES.sub(" ", text.translate(_FOLD).lower())


class SentenceBounds:
    """The sentence bounds of a text, found once and looked up by position: cheap on a long
    paste where only a few places are asked about. A sentence here ends at any stop, so it is
    shorter than :func:`sentences` makes it ("e.g." ends one): a cue's context is read from
    the nearest stops around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _CUE_SENTENCE_END.finditer(text)]

    def around(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence that holds position ``pos``."""
        import bisect

        i = bisect.bisect_right(self.ends, pos)
        start = self.ends[i - 1] if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else len(self.text)
        return start, end


def units_pattern(system: str) -> str:
    """A unit of ``system`` ("metric", "imperial") as a word, or as its mark after a degree
    sign or a number (the lexicon's ``<system>_units`` and the marks after them)."""
    return (rf"\b({alternation(phrases(f'{system}_units'))})\b"
            rf"|°\s?({alternation(phrases(f'{system}_after_degree'))})\b"
            rf"|\d\s?({alternation(phrases(f'{system}_after_number'))})\b")

