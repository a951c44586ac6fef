"""What a sentence does: states something about the speaker, asks, requests, or quotes.

Only what a person says about themself is evidence of their preferences and rules. A
question ("Am I vegetarian?"), a request ("What vegetarian dish could I cook?"), a
hypothetical ("if I were vegan ...") and someone else's taste ("my sister is vegan") are not.
Pasted material (quoted lines, code, an email, a long document) is something to work on, not
something the person says about themself. These readings are rules, written once, used by
capture, the preference signals and fact learning alike.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from memory.text import normalize, sentences, stems
from memory.tuning import RecallTuning

_AUX = (r"(?:am|is|are|was|were|do|does|did|can|could|would|will|should|shall|may|might|"
        r"have|has|had)(?:n'?t)?")
_QUESTION_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|but|now|then|also|hey|hi|well)\W+)*"
    r"(?:(?:what|which|who|whom|whose|why|how)\b|(?:when|where)\s+" + _AUX + r"\b|"
    + _AUX + r"\s+(?:i|you|we|he|she|it|they|my|your|our|the|there|this|that)\b)", re.I)
_REQUEST_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|now|then|also|hey|hi)\W+)*(?:please\s+)?(?:give|tell|show|list|"
    r"suggest|recommend|find|write|draft|plan|help|explain|describe|compare|translate|"
    r"summari[sz]e|make|create|generate|remind|book|name|teach|recap)\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:if\s+i\s+(?:were|was|had|became|ever\s+became|decided)|suppose|supposing|imagine|"
    r"hypothetically|pretend|what\s+if|let'?s\s+say|in\s+a\s+world)\b", re.I)
# "my sister is vegan", "Clara prefers tea", "my husband hates fish": someone else's taste.
_OTHER_PERSON = re.compile(
    r"^(?:(?:and|but|also|so)\s+)?(?:my|our)\s+(?:\w+[- ](?:year|yr|month)s?[- ]old\s+|\w+\s+)"
    r"{0,2}?(?:wife|husband|partner|"
    r"boyfriend|girlfriend|son|daughter|sister|brother|mother|father|mum|mom|dad|friend|"
    r"friends|kids?|children|parents?|boss|colleague|coworker|neighbou?r|aunt|uncle|cousin|"
    r"grand\w+|niece|nephew|family|team|cat|dog|professor|teacher|students?|pupils?|"
    r"class(?:mates)?|coach|editor|accountant|lead|manager|doctor|landlord|room-?mate|"
    r"flatmate|housemate|mentor|clients?|customers?|guests?|readers?|audience|husband|"
    r"supervisor|assistant|staff|employees?|users?)\b|"
    r"^(?:he|she|they|his|her|their)\b", re.I)
_NAMED_OTHER = re.compile(r"^[A-Z][a-z\u00c0-\u017f]+\s+(?:is|was|likes|loves|prefers|hates|"
                          r"eats|doesn'?t|does\s+not|can'?t|wants|needs)\b")
_FENCE = re.compile(r"```.*?(?:```|\Z)", re.S)
_QUOTED_LINE = re.compile(r"^\s*>.*$", re.M)
_QUOTED_SPAN = re.compile(r"\"[^\"\n]{40,}\"|\u201c[^\u201d]{40,}\u201d")
_EMAIL_HEAD = re.compile(r"^\s*(?:from|to|cc|subject|date|sent)\s*:.*$", re.I | re.M)
_CODE_LINE = re.compile(r"^\s*(?:def |class |import |from \S+ import|return\b|if .*:$|for .*:$|"
                        r"[{}\[\]();]+$|\w+\s*=\s*\S|//|#include|public |function |const |let |"
                        r"var |<\w+[^>]*>)")


# A message that goes on from the one before ("what about something with noodles?", "and one
# without cheese?", "another one, please"): the known preferences that one bore on still hold.
_FOLLOW_UP = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|thanks?|great|nice|hmm+|and|or|but|also)\W+)*(?:what|how) about\b|"
    r"^\W*(?:and|or|also)\b|\b(?:another|one more|something else|anything else|instead|"
    r"a different one|other ideas?|more ideas?)\b|"
    # "Something quicker please", "make it shorter", "one a bit cheaper?"
    r"^\W*(?:something|anything|one|make it|can you make it|maybe)\s+(?:a\s+(?:bit|little)\s+|"
    r"much\s+)?(?:\w+er\b(?<!\bother)(?<!\bnever)(?<!\bever)|more\s+\w+|less\s+\w+)",
    re.IGNORECASE)


def goes_on(message: str) -> bool:
    """Whether ``message`` goes on from the person's message before it ("what about ...?",
    "and one without cheese?", "another one, please")."""
    return _FOLLOW_UP.search(message) is not None


def is_question(sentence: str) -> bool:
    """A sentence that asks: ends with a question mark or opens like a question."""
    text = sentence.strip()
    return text.endswith("?") or bool(_QUESTION_LEAD.match(text) and not text.endswith("."))


def is_request(sentence: str) -> bool:
    """A sentence that asks Tacit to do something now ("Give me ...", "Suggest ...")."""
    return bool(_REQUEST_LEAD.match(sentence.strip()))


# News of the speaker that asks for nothing: "I'm training for a marathon in April and I have
# asthma." A wish, a plan or a doubt ("I need...", "I'm planning...", "not sure") asks.
_FIRST_PERSON_OPENING = re.compile(r"^\W*(?:(?:so|and|also|well|btw|oh)\W+)*(?:i|i'm|im|"
                                   r"i've|i'd|i'll|my|we|we're|we've|our)\b", re.I)
# Words by which a statement still wants something ("I need tips for sleeping").
_WANTING = (r"need|needs|want|wants|looking for|would (?:like|love)|'d (?:like|love)|help|plan|"
            r"ideas?|advice|tips?|recommend\w*")
_ASKS_ANYWAY = re.compile(
    rf"\b(?:{_WANTING}|wanted|wonder\w*|planning|thinking|considering|trying to|hoping|hope|"
    r"decide|decided|not sure|unsure|don'?t know|can'?t|cannot|should|struggl\w*|worried|"
    r"scared|afraid|stuck|confused|bored|hungry|tired)\b", re.I)


def opens_in_first_person(sentence: str) -> bool:
    """Whether the sentence opens with the speaker ("I'm ...", "My exam is ...", "So we ...")."""
    return bool(_FIRST_PERSON_OPENING.match(sentence))


# "Remember that my sister's birthday is on 14 March.": what follows is told to be kept.
TO_REMEMBER = re.compile(r"^\W*(?:(?:please|pls|hey|ok(?:ay)?|tacit)\W+)*(?:remember|note|"
                         r"keep in mind|don'?t forget|do not forget|just so you know)"
                         r"(?:\s+that)?[\s,:]+", re.I)


def told_to_remember(sentence: str) -> str:
    """What a sentence asks Tacit to remember ("my sister's birthday is on 14 March"), or ""
    when it does not open that way."""
    found = TO_REMEMBER.match(sentence)
    return sentence[found.end():].strip() if found else ""


def tells_news(message: str) -> bool:
    """Whether every sentence of ``message`` is news of the speaker that asks nothing, wants
    nothing and doubts nothing ("I'm training for a marathon in April and I have asthma.").
    Nothing depends on a taste then: there is no answer to tailor yet."""
    said = sentences(message.strip())
    return bool(said) and all(
        opens_in_first_person(s) and not (is_question(s) or is_request(s) or is_hypothetical(s)
                                         or "?" in s or _ASKS_ANYWAY.search(s))
        for s in said)


# ... or asks for something in words that are not a question's ("tell me", "explain").
_WANTS = re.compile(rf"\b(?:{_WANTING}|suggest\w*|how|what|which|where|when|why|explain|tell|"
                    r"show|give|list|write)\b", re.I)


def shares_only(message: str) -> bool:
    """Whether ``message`` only shares news or a feeling, asking and wanting nothing ("I moved
    here last month and I don't know anyone. Feeling pretty lonely."): a few sentences answer
    it; a question, a request or a word of wanting ("I need tips") asks for more."""
    said = sentences(message.strip())
    return any(opens_in_first_person(s) for s in said) and not any(
        "?" in s or is_question(s) or is_request(s) or _WANTS.search(s) for s in said)


def is_hypothetical(sentence: str) -> bool:
    return bool(_HYPOTHETICAL.search(sentence))


def about_someone_else(sentence: str) -> bool:
    """Whether the sentence's subject is another person (or pet), not the speaker."""
    text = sentence.strip()
    return bool(_OTHER_PERSON.match(text) or _NAMED_OTHER.match(text))


def speaks_for_self(sentence: str) -> bool:
    """A statement by the person about themself: not a question, request, hypothetical or
    someone else's taste. Only these are evidence of the person's own preferences."""
    return not (is_question(sentence) or is_request(sentence) or is_hypothetical(sentence)
                or about_someone_else(sentence))


def own_words(message: str, tuning: RecallTuning | None = None) -> str:
    """``message`` without what the person pasted to have it worked on: fenced code, quoted
    lines, email headers and bodies, code lines and long quoted spans. Long paragraphs with
    few first-person words are pasted material too (``paste_sentences`` and the
    ``speaker_*`` numbers of ``tuning``)."""
    tuning = tuning or RecallTuning.defaults()
    text = _FENCE.sub("\n", message)
    if _EMAIL_HEAD.search(text):
        # An email: the person's own words come before its first header line.
        text = text[: _EMAIL_HEAD.search(text).start()]  # type: ignore[union-attr]
    text = _QUOTED_LINE.sub("", text)
    text = _QUOTED_SPAN.sub('""', text)
    kept: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [ln for ln in paragraph.splitlines() if not _CODE_LINE.match(ln)]
        body = "\n".join(lines)
        if len(sentences(body)) >= tuning.paste_sentences and not _speaker_in(body, tuning):
            continue
        kept.append(body)
    return "\n\n".join(k for k in kept if k.strip())


def own_request(message: str, tuning: RecallTuning | None = None) -> str:
    """The person's own words around anything pasted, cut short (beginning and end, to
    ``request_chars`` of ``tuning``): what a turn's request is, what recall searches with and
    elicit reads, whatever was pasted with it. Costs the same for a 200 KB paste as for a
    line, after one pass of :func:`own_words`."""
    tuning = tuning or RecallTuning.defaults()
    said = own_words(message, tuning).strip() or message
    limit = tuning.request_chars
    if len(said) <= limit:
        return said
    return f"{said[: limit // 2]}\n{said[-limit // 2:]}"


def _speaker_in(paragraph: str, tuning: RecallTuning) -> bool:
    # A document the person wrote about themself says "I" often; a pasted one rarely.
    found = re.findall(r"\b(?:i|i'm|my|me)\b", paragraph, re.I)
    return len(found) >= max(tuning.speaker_words,
                             len(sentences(paragraph)) // tuning.speaker_sentences)


def distinct(texts: list[str], threshold: float) -> list[str]:
    """``texts`` with identical and near-identical ones (``threshold`` alike) dropped, the
    first kept: compared stem by stem, so "in the morning" and "in the mornings" are one thing
    said twice."""
    kept: list[list[str]] = []
    seen: set[str] = set()
    out: list[str] = []
    for text in texts:
        key = stems(text)
        joined = " ".join(key)
        if joined in seen or any(
                key and k and SequenceMatcher(None, key, k, autojunk=False).ratio() >= threshold
                for k in kept[-50:]):
            continue
        seen.add(joined)
        kept.append(key)
        out.append(text)
    return out


def similar(a: str, b: str) -> float:
    """How alike two texts are, 0..1 (on their normal forms, word by word)."""
    wa, wb = normalize(a).split(), normalize(b).split()
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def repeats(reply: str, earlier: list[str], threshold: float) -> int | None:
    """The index in ``earlier`` of a reply that ``reply`` nearly repeats, if any."""
    for i, old in enumerate(earlier):
        if old and reply and similar(reply, old) >= threshold:
            return i
    return None
