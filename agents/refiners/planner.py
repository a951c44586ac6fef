"""The refine planner (MARA): which reviewers this draft needs, in order, and one repair.

1. Plan: every registered refiner says from the request, draft and context whether it could
   find anything (``needed``); the ones that could run, ordered by their stage (cut text
   first, then claims, then preferences, so each sees what the one before left).
2. Review in sequence; fixes known by rule are applied at once.
3. What is left (a part to answer, a reply in the wrong language, an example to add) goes to
   at most one model call on the ``refiner`` role, with all of it: an addition appended when
   everything left asks for more, else a rewrite. ``ModelCalls`` enforces the budget, and the
   call reads at most ``REQUEST_TOKENS`` of the person's message, so its cost is fixed
   whatever they pasted. What they pasted is no reason for a repair: a question inside a
   pasted email is not theirs to have answered.
4. Re-check only the refiners that found something, on the repaired text; a rewrite that
   comes back worse (more errors than before, or next to nothing) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents import prompts
from agents.contract import RefineFinding, RefineTrace
from agents.refiners import Refiner, all_refiners
from agents.refiners.base import Finding, ModelCalls, ReviewContext, Situation, apply_fixes
from agents.refiners.coherence import wanted_language
from agents.refiners.text import LANGUAGE_NAMES, language, sentences, words
from memory.statements import own_words, tells_news

ADD_TOKENS = 96      # an added answer or example
REVIEW_TOKENS = 64   # a model review quotes one sentence or says OK
REWRITE_FACTOR = 2   # a rewrite may be this much longer than the text, in words, as tokens
ANSWER_TOKENS = 64   # a part of the request answered on its own: one or two sentences
LEAD_TOKENS = 24     # the one line the person wants first ("Prep time: 10 minutes")
LEAD_WORDS = 12      # ... which is short
_AMOUNT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|"
                     r"thirty|forty|fifty|half|an? (?:hour|minute|day|week)|minutes?|hours?|"
                     r"free)\b", re.I)
_ENDS_SENTENCE = re.compile(r"[.!?…)\"']\s*$")
# The figure in a line said as a sentence ("The cooking time for a classic lasagne is around 2
# hours and 45 minutes."), to put after the label.
_FIGURE = re.compile(
    r"(?:about |around |approximately |roughly |under |over )?(?:[£$€]\s?\d[\d,.]*|\d[\d,.]*"
    r"(?:\s*(?:-|–|to)\s*\d[\d,.]*)?\s*(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|"
    r"euros?|pounds?|dollars?|kcal|calories|servings?|people|portions?|km|miles?|°\s?[cf]|"
    r"degrees)\b(?:\s*(?:and|,)\s*\d+\s*(?:minutes?|mins?)\b)?)", re.I)


@dataclass
class Refined:
    """The reply after refinement, and what each reviewer found and changed."""

    text: str
    planned: list[str]
    skipped: list[str]
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    repair: str = ""                  # "", "add", "lead", "rewrite" or "translate": the repair made
    rechecked: list[str] = field(default_factory=list)
    unresolved: list[Finding] = field(default_factory=list)
    model_calls: int = 0
    steps: dict[str, list[str]] = field(default_factory=dict)  # what a refiner set out to do

    def trace(self, draft: str) -> RefineTrace:
        """The trace section of this refinement of ``draft`` (kept there when revised)."""
        revised = self.text.strip() != draft.strip()
        return RefineTrace(
            planned=self.planned, skipped=self.skipped,
            findings={name: [RefineFinding(**f.as_dict()) for f in found]
                      for name, found in self.findings.items()},
            changes=self.changes, repair=self.repair, rechecked=self.rechecked,
            unresolved=[RefineFinding(**f.as_dict()) for f in self.unresolved],
            model_calls=self.model_calls, revised=revised,
            **({"draft": draft} if revised else {}), **self.steps)


def plan(state: Situation, refiners: list[Refiner] | None = None) -> tuple[list[Refiner],
                                                                           list[Refiner]]:
    """(the refiners to run in order, the ones skipped)."""
    chosen: list[Refiner] = []
    skipped: list[Refiner] = []
    for refiner in refiners if refiners is not None else all_refiners():
        (chosen if refiner.needed(state) else skipped).append(refiner)
    return sorted(chosen, key=lambda r: (r.stage, r.name)), skipped


def refine_text(draft: str, state: Situation, calls: ModelCalls, *,
                everything: bool = False, model_checks: bool = False) -> Refined:
    """``draft`` reviewed and repaired. ``everything`` runs every refiner whatever the plan
    (the benchmark's ``all``); ``model_checks`` lets reviews spend model calls too."""
    state.draft = draft
    chosen, skipped = plan(state)
    if everything:
        chosen, skipped = sorted(all_refiners(), key=lambda r: (r.stage, r.name)), []
    ctx = ReviewContext(calls, model_checks)
    out = Refined(draft, [r.name for r in chosen], [r.name for r in skipped])
    text = draft
    for refiner in chosen:
        steps = getattr(refiner, "steps", None)  # optional: the checks a refiner planned
        if steps is not None:
            out.steps[refiner.name] = steps(state)
        found = refiner.review(text, state, ctx)
        if model_checks:
            found += model_review(refiner, text, state, calls)
        out.findings[refiner.name] = found
        fixed, changes = apply_fixes(text, found)
        if words(fixed) or not words(text):  # a repair never leaves the person nothing
            text, out.changes = fixed, out.changes + changes
    left = [f for found in out.findings.values() for f in found
            if f.fix is None and f.needs and not _pasted(f, text, state)]
    before = text
    if left:
        text, out.repair = _repair(text, left, state, calls)
    flagged = [r for r in chosen if out.findings.get(r.name)]
    for refiner in flagged:
        again = refiner.review(text, state, ctx)
        fixed, changes = apply_fixes(text, again)
        if words(fixed) or not words(text):
            text, out.changes = fixed, out.changes + [f"re-check {c}" for c in changes]
        out.unresolved += [f for f in again if f.fix is None and f.severity == "error"
                           and not _pasted(f, text, state)]
    out.rechecked = [r.name for r in flagged]
    if out.repair and (len(words(text)) < 3 or len(out.unresolved) > len(left)):
        out.changes.append(f"dropped the model {out.repair}: it came back worse")
        text, out.repair, out.unresolved = before, "", left
    text = _in_their_language(text, out, state)
    text = _as_tacit(text, out, state)
    out.text, out.model_calls = text, calls.used
    return out


# A reply that is all a life of its own ("I'm a vegetarian, and I love to cook. My favorite
# dishes are ...", to "I'm vegetarian, and please keep your answers short.") and that the repair
# could not turn into Tacit's words: never shown as it is.
THANKS_FOR_TELLING = "Thanks for telling me."
COULD_NOT_ANSWER = ("I couldn't put a good answer together just now. Could you ask me again, "
                    "perhaps in other words?")


def _as_tacit(text: str, out: Refined, state: Situation) -> str:
    stuck = next((f for f in out.unresolved if f.kind == "human_claim" and f.needs == "rewrite"
                  and f.span.strip() == text.strip()), None)
    if stuck is None:
        return text
    told = tells_news(state.request)
    out.changes.append("factuality/human_claim: the whole reply still spoke as a person after "
                       "the repair: " + ("thanked them for telling" if told else "said so"))
    return THANKS_FOR_TELLING if told else COULD_NOT_ANSWER


NOT_IN_ENGLISH = ("I couldn't put a good answer together in English just now. Could you say it "
                  "another way?")


NOT_IN_LANGUAGE = "(I couldn't write all of this in {language} just now.)"


def _in_their_language(text: str, out: Refined, state: Situation) -> str:
    """A reply still in another language than the person's after the repair: the part in
    their language when there is one worth keeping, else a line saying so. Another wanted
    language keeps the reply, with a line that says it could not be written in that language
    (the person asked for French and got English without a word)."""
    stuck = next((f for f in out.unresolved if f.kind == "wrong_language"), None)
    wanted = wanted_language(state)
    if stuck is None or stuck.span not in text:
        return text
    if wanted != "en":
        name = LANGUAGE_NAMES.get(wanted or "", "")
        if not name:
            return text
        out.changes.append(f"coherence/wrong_language: still not in {name} after the repair: "
                           "said so")
        return f"{text}\n\n{NOT_IN_LANGUAGE.format(language=name)}"
    kept = text.replace(stuck.span, "").strip()
    if len(words(kept)) < 3:  # all of it, or too little besides, was in the other language
        kept = NOT_IN_ENGLISH
    out.changes.append("coherence/wrong_language: still not in English after the repair: "
                       + ("kept the English part" if kept != NOT_IN_ENGLISH else "said so instead"))
    return kept


def model_review(refiner: Refiner, text: str, state: Situation,
                 calls: ModelCalls) -> list[Finding]:
    """One model call asking about the refiner's concern; a finding only when the model
    quotes a sentence of the reply (so a wandering answer flags nothing)."""
    ask = prompts.render("refine_review", concern=refiner.concern, request=calls.request(state),
                         reply=text)
    said = calls.complete([{"role": "user", "content": ask}], REVIEW_TOKENS)
    if said is None:
        return []
    quoted = " ".join(said.split()).strip("\"' ")
    for sentence in sentences(text):
        if len(words(sentence.text)) >= 3 and sentence.text in quoted:
            return [Finding(refiner.name, "model_flag", sentence.text, needs="rewrite",
                            ask=f"Fix this sentence ({refiner.concern}): {sentence.text}",
                            model_used=True)]
    return []


def _pasted(finding: Finding, text: str, state: Situation) -> bool:
    """Whether ``finding`` is about text the person pasted (a question in a quoted email),
    not about the reply nor about what the person asks."""
    span = finding.span
    return bool(span) and span not in text and span in state.request and \
        span not in own_words(state.request)


def _repair(text: str, left: list[Finding], state: Situation,
            calls: ModelCalls) -> tuple[str, str]:
    """One model call for everything rules could not fix; (text, what was done).

    Two problems get a call of their own, narrower than a rewrite, because the small model
    does them far more often when asked for nothing else: a reply (or its tail) in the wrong
    language is translated, and a part of the request left unanswered is asked on its own.
    """
    asks = list(dict.fromkeys(f.ask for f in left if f.ask))
    wanted = wanted_language(state)
    if wanted and all(f.kind == "wrong_language" for f in left):
        return _translate(text, left[0].span, wanted, calls)
    if all(f.kind == "unanswered_part" for f in left):
        return _answer_parts(text, [f.span for f in left], state, calls)
    if all(f.needs == "lead" for f in left):
        return _lead(text, left[0].span, state, calls)
    if all(f.needs == "add" for f in left):
        messages = [{"role": "user", "content": calls.request(state)},
                    {"role": "assistant", "content": text},
                    {"role": "user", "content": prompts.render("refine_add",
                                                               asks="\n".join(asks))}]
        extra = calls.complete(messages, ADD_TOKENS)
        if extra is None or len(words(extra)) < 3:
            return text, ""
        return f"{text.rstrip()}\n\n{' '.join(extra.split())}", "add"
    problems = "\n".join(f"- {a}" for a in asks)
    ask = prompts.render("refine_rewrite", request=calls.request(state), reply=text,
                         problems=problems)
    rewritten = calls.complete([{"role": "user", "content": ask}],
                               max(64, REWRITE_FACTOR * len(words(text))))
    if rewritten is None or not rewritten.strip():
        return text, ""
    return rewritten.strip(), "rewrite"


def _translate(text: str, span: str, wanted: str, calls: ModelCalls) -> tuple[str, str]:
    """``span`` of ``text`` (all of it, or the tail that switched language) translated into
    the language the person wants; kept as it was when the model's text is not in that
    language or loses a number the original gave."""
    name = LANGUAGE_NAMES[wanted]
    said = calls.complete([{"role": "user", "content": prompts.render(
        "refine_translate", language=name, text=span)}],
        max(64, REWRITE_FACTOR * len(words(span))))
    if said is None:
        return text, ""
    said = " ".join(said.split())
    kept = set(re.findall(r"\d+", span)) | _names(span)
    if language(said) != wanted or not kept <= set(re.findall(r"\d+", said)) | set(
            re.findall(r"\w+", said)):
        return text, ""
    return text.replace(span, said, 1).strip(), "translate"


def _answer_parts(text: str, parts: list[str], state: Situation,
                  calls: ModelCalls) -> tuple[str, str]:
    """The parts of the request the reply left out, asked on their own with the scene the
    request set (its sentences that ask nothing), and the answer appended."""
    scene = " ".join(s.text for s in sentences(calls.request(state))
                     if not any(part in s.text or s.text in part for part in parts)
                     and not s.text.rstrip().endswith("?"))
    question = " ".join(p[0].upper() + p[1:] for p in parts)
    said = calls.complete([{"role": "user", "content": prompts.render(
        "refine_answer_part", scene=f"{scene} " if scene else "", question=question)}],
        ANSWER_TOKENS)
    if said is None:
        return text, ""
    kept = [s.text for s in sentences(" ".join(said.split()))][:2]
    if len(kept) > 1 and not _ENDS_SENTENCE.search(kept[-1]):
        kept = kept[:-1]  # a sentence the cap cut is left out
    if len(words(" ".join(kept))) < 3:
        return text, ""
    return f"{text.rstrip()}\n\n{' '.join(kept)}", "add"


def _lead(text: str, wanted: str, state: Situation, calls: ModelCalls) -> tuple[str, str]:
    """The line the person wants first ("prep time"), asked of the model on its own and put
    at the top: "Prep time: 10 minutes". The call reads the request, not the draft: shown the
    draft, the small model talked about it ("Awesome, I'm glad you enjoyed the recipe!")."""
    label = wanted[0].upper() + wanted[1:]
    said = calls.complete([{"role": "user", "content": prompts.render(
        "refine_lead", request=calls.request(state), wanted=wanted)}], LEAD_TOKENS)
    line = next((ln.strip(" -*") for ln in (said or "").splitlines() if ln.strip(" -*")), "")
    figure = _FIGURE.search(line) if len(words(line)) <= 2 * LEAD_WORDS else None
    if figure and not line.lower().startswith(wanted.lower()):
        line = f"{label}: {figure.group(0)}."  # the figure out of a sentence that gives it
    elif not 2 <= len(words(line)) <= LEAD_WORDS or not _AMOUNT.search(line):
        return text, ""  # such a line is a figure, not a sentence of chat ("I'm so glad ...")
    elif not line.lower().startswith(wanted.lower()):
        line = f"{label}: {line}"
    return f"{line}\n\n{text.lstrip()}", "lead"


def _names(text: str) -> set[str]:
    """Capitalised words inside a sentence (places, people): a translation keeps them."""
    return {w for s in sentences(text) for w in re.findall(r"(?<=\s)[A-Z]\w+", s.text)}
