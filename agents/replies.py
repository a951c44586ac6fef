"""Tacit's replies as text: what of a past one a prompt may carry, and what of a new draft
the person is shown.

A small model copies what it reads. A past reply fed back to it verbatim, a footer ("Noted
preference: ...", "(Assumed ...)") or a reply that already repeated an earlier one becomes the
next reply, and the conversation degenerates into one sentence. So replies are cleaned of
footers, replies that repeat an earlier one are dropped, and what is left is cut to its first
sentences and attributed to Tacit.
"""

from __future__ import annotations

import re

from memory.statements import repeats, similar
from memory.text import negated, normalize, sentence_pieces, sentences

# What front ends add to the text of a reply; presentation, never evidence.
FOOTERS = (
    re.compile(r"^\s*Noted (?:instruction|preference)\b[^\n]*$", re.M),
    re.compile(r"\(Assumed [^)]*\)", re.S),
    re.compile(r"\(Your message was long[^)]*\)", re.S),
    re.compile(r"^\s*It replaces [^\n]*$", re.M),
)
# A reply that only apologises or asks back tells nothing worth recalling.
_EMPTY = re.compile(r"^(?:i'?m sorry|sorry|i apologi[sz]e|i (?:can(?:no|')t|couldn'?t|"
                    r"don'?t have)|as an ai|could you|can you|please provide)", re.I)
RECALLED_REPLY_WORDS = 30  # enough for a fact Tacit gave; too little to copy a whole answer
REPEAT = 0.8               # word-sequence similarity at which a reply repeats another


def without_footers(reply: str) -> str:
    """``reply`` without the notes front ends append (what was noted, what was assumed)."""
    text = reply
    for footer in FOOTERS:
        text = footer.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def informative(reply: str) -> bool:
    """Whether a reply says something (not only an apology or a question back)."""
    said = [s for s in sentences(reply) if not _EMPTY.match(s) and not s.endswith("?")]
    return bool(said)


def gist(reply: str, words: int = RECALLED_REPLY_WORDS) -> str:
    """The first sentences of a reply that carry information, at most ``words`` words."""
    kept: list[str] = []
    count = 0
    for sentence in sentences(without_footers(reply)):
        if _EMPTY.match(sentence) or sentence.endswith("?"):
            continue
        n = len(sentence.split())
        if count + n > words:
            if not kept:
                kept.append(" ".join(sentence.split()[:words]) + " …")
            break
        kept.append(sentence)
        count += n
    return " ".join(kept)


def new_part(reply: str, earlier: list[str]) -> str:
    """The sentences of ``reply`` that none of the ``earlier`` replies already said."""
    said = {normalize(s) for old in earlier for s in sentences(old)}
    fresh = [s for s in sentences(reply) if normalize(s) not in said]
    return " ".join(fresh) if len(fresh) < len(sentences(reply)) else reply


def usable_replies(replies: list[str]) -> list[str]:
    """For each reply, in order, what a prompt may carry of it: "" for a reply that repeats
    an earlier one or says nothing, otherwise the reply without its footers."""
    out: list[str] = []
    seen: list[str] = []
    for reply in replies:
        clean = without_footers(reply)
        if not informative(clean) or repeats(clean, seen, REPEAT) is not None:
            out.append("")
        else:
            out.append(clean)
        seen.append(clean)
    return out


# A line that opens a new turn of a transcript: what follows is the model playing both sides.
_TURN_LABEL = re.compile(
    r"^\s*(?:[-*]\s*)?(?:[\[(][^\])]{3,40}[\])]\s*)?(?:User|Assistant|Human|System|Tacit)\s*:",
    re.I)
# A line that copies the prompt's notes back ("- ana said: ...", "you answered: ...").
_NOTE_ECHO = re.compile(
    r"^\s*(?:[-*]\s*)?(?:[\[(][^\])]{3,40}[\])]\s*)?(?:(?:they|the person) said:|"
    r"you (?:answered|replied)\s*:|"
    r"Noted (?:instruction|preference)\b|Today is\b|What you know about\b|Rules \w+ gave you\b|"
    r"Earlier in this conversation\b|Known about\b)", re.I)


def own_reply(draft: str, user: str, prompt_lines: list[str] | None = None) -> str:
    """The draft up to the first line that continues the prompt (a "User:" line, a dated
    transcript line, a footer), without lines that copy the prompt's own lines (its notes,
    the preference reminder), and without sentences in which the model speaks as the person
    ("I'm Ana, ...")."""
    lines = [ln for ln in without_footers(draft).splitlines()
             if not _copies(ln, prompt_lines or [])]
    for n, line in enumerate(lines):
        if _TURN_LABEL.match(line):
            lines = lines[:n]
            break
    name = re.escape(user.split()[0]) if user.strip() else ""
    said = re.compile(rf"^\s*(?:[-*]\s*)?(?:[\[(][^\])]{{3,40}}[\])]\s*)?{name} said:", re.I)
    kept = [cut for ln in lines if not _NOTE_ECHO.match(ln) and not (name and said.match(ln))
            if (cut := _before_echo(ln, name)).strip() or not ln.strip()]
    text = _once("\n".join(kept).strip())
    if name:  # the model speaking as the person: "I'm Ana, a vegetarian chef."
        text = re.sub(rf"(?:^|(?<=[.!?\n]))[ \t]*(?:hi,?\s+|hello,?\s+)?(?:i'?m|i am|my name is|"
                      rf"this is)\s+{name}\b[^.!?\n]*[.!?]?", "", text, flags=re.I)
        text = re.sub(rf"^{name}\s*:\s*", "", text.strip(), flags=re.I)
    return text.strip()


def _copies(line: str, prompt_lines: list[str]) -> bool:
    """Whether a draft line reproduces one of the prompt's lines (five words or more)."""
    if len(line.split()) < 5:
        return False
    return any(similar(line, p) >= REPEAT for p in prompt_lines if len(p.split()) >= 5)


_ECHO_INSIDE = re.compile(r"\(?\byou (?:answered|replied)\s*:|\bToday is \w+day\b|"
                          r"\bWhat you know about\b|\bRules \w+ gave you\b|"
                          r"\bEarlier in this conversation\b|\[\d{1,2} [A-Z][a-z]+ \d{4}\]|"
                          r"\(\d{1,2} [A-Z][a-z]+ \d{4}\)", re.I)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# The first words of a line that tell whether own_reply drops it whole (a transcript label, a
# note read back): the first sentence streams word by word once its line has this many.
HOLD_WORDS = 4


class DraftStream:
    """Streams a draft as ``own_reply`` would leave it: whole sentences at a time, so a
    sentence that quotes the prompt is held back (a line is checked again when it is whole),
    and generation stops at a line that opens a transcript. Sentence by sentence, not line by
    line: a reply written as one paragraph still shows its first sentence at once.

    The first sentence alone streams word by word once its line has ``HOLD_WORDS`` words and
    does not begin like a line of the prompt: the person sees the reply start as soon as it
    can be told apart from a label or a note read back, not a whole sentence later."""

    def __init__(self, user: str, prompt_lines: list[str] | None = None) -> None:
        self.user, self.raw, self.shown, self.stopped = user, "", "", False
        self.whole = False  # a whole sentence or line has been read (so no more word by word)
        self.prompt_lines = prompt_lines or []

    def feed(self, piece: str) -> str:
        """Take one generated piece; return the text that may be shown now."""
        before = len(self.raw)
        self.raw += piece
        ends = [m.end() for m in _SENTENCE_END.finditer(self.raw, max(0, before - 1))]
        cut = max([self.raw.rfind("\n"), *ends])
        if cut <= before - 1 and "\n" not in piece:
            return self._first_words()  # nothing new is whole yet
        done = self.raw[:cut]
        self.whole = self.whole or bool(done.strip())
        if any(_TURN_LABEL.match(line) for line in done.splitlines()):
            self.stopped = True
        return self._show(own_reply(done, self.user, self.prompt_lines))

    def finish(self) -> str:
        """The rest of the cleaned draft, once generation has ended."""
        return self._show(own_reply(self.raw, self.user, self.prompt_lines))

    @property
    def draft(self) -> str:
        return own_reply(self.raw, self.user, self.prompt_lines)

    def _first_words(self) -> str:
        """The whole words of the reply's unfinished first sentence, when they may be shown."""
        if self.whole or self.stopped:
            return ""
        upto = self.raw.rstrip().rfind(" ")
        line = self.raw[self.raw.rfind("\n", 0, max(upto, 0)) + 1: max(upto, 0)]
        if len(line.split()) < HOLD_WORDS or _begins_like(line, self.prompt_lines):
            return ""
        return self._show(own_reply(self.raw[:upto], self.user, self.prompt_lines))

    def _show(self, clean: str) -> str:
        if not clean.startswith(self.shown):
            return ""  # a shown line changed meaning: the stored reply will say it whole
        new, self.shown = clean[len(self.shown):], clean
        return new


def _begins_like(line: str, prompt_lines: list[str]) -> bool:
    """Whether ``line`` so far reads like the beginning of one of the prompt's lines."""
    n = len(line.split())
    return any(similar(line, " ".join(p.split()[:n])) >= REPEAT for p in prompt_lines
               if len(p.split()) >= 5)


def _before_echo(line: str, name: str) -> str:
    """``line`` up to the sentence in which it starts quoting the prompt's notes."""
    marker = _ECHO_INSIDE.search(line)
    said = re.search(rf"\b{name} said:", line, re.I) if name else None
    cut = min((m.start() for m in (marker, said) if m), default=None)
    if cut is None:
        return line
    start = max(line.rfind(". ", 0, cut), line.rfind("! ", 0, cut), line.rfind("? ", 0, cut))
    return line[: start + 1].rstrip() if start >= 0 else ""


def _once(text: str) -> str:
    """``text`` with sentences it already said dropped (a small model loops)."""
    seen: set[str] = set()
    out: list[str] = []
    for line in text.splitlines():
        kept = []
        for sentence in sentence_pieces(line):
            key = normalize(sentence)
            if key and key in seen and len(key.split()) > 2:
                continue
            seen.add(key)
            kept.append(sentence)
        if kept or not line.strip():
            out.append(" ".join(kept))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


_SHORT = re.compile(r"\b(?:short|brief|concise|succinct)\b", re.I)
SHORT_WORDS = 50


def _shortened(draft: str) -> str:
    """The draft's first whole sentences, up to ``SHORT_WORDS`` words (at least one)."""
    kept: list[str] = []
    count = 0
    for line in draft.splitlines():
        out: list[str] = []
        for sentence in sentence_pieces(line):
            n = len(sentence.split())
            if (kept or out) and count + n > SHORT_WORDS:
                break
            out.append(sentence)
            count += n
        if out:
            kept.append(" ".join(out))
        if count >= SHORT_WORDS or len(out) < len(sentence_pieces(line)):
            break
    return "\n".join(kept).strip() or draft


_BULLETS = re.compile(r"\b(?:bullet(?:ed)?\s*(?:points?|list|form)?|bullets)\b", re.I)
_BULLET_LINE = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")


def follows_format(draft: str, rules: list[str]) -> str:
    """``draft`` in the form a standing instruction asks for, when the model ignored it.

    Only forms that code can apply without changing what is said: short answers (whole
    sentences up to ``SHORT_WORDS``) and bullet points (each sentence a point, an
    introduction ending in a colon kept as the heading).
    """
    def asks(pattern: re.Pattern[str]) -> bool:
        return any(pattern.search(r) and not negated(r) for r in rules)

    if asks(_SHORT):
        draft = _shortened(draft)
    if not asks(_BULLETS):
        return draft
    lines = [ln for ln in draft.splitlines() if ln.strip()]
    if sum(bool(_BULLET_LINE.match(ln)) for ln in lines) >= min(2, len(lines)):
        return draft
    head, points = "", []
    for line in lines:
        if _BULLET_LINE.match(line):
            points.append(_BULLET_LINE.sub("", line).strip())
            continue
        for sentence in sentences(line):
            if not points and not head and sentence.endswith(":"):
                head = sentence
            else:
                points.append(sentence)
    body = "\n".join(f"- {p}" for p in points if p)
    return f"{head}\n{body}" if head else body
