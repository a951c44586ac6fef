"""Persona refiner (MARA): does the reply honour what Tacit knows the person wants?

Only known preferences (answered, stated, or held with high confidence) are checked, never
guesses. Each preference has a check on the reply and a repair:

- soft preferences a small model ignores even when told:
  - learning style: *steps* turns the sentences into a numbered list; *examples* and
    *analogies* ask the model for one short example or comparison and add it;
  - detail: a *brief* reply is cut to its first sentences; a *detailed* one that came out
    short is continued by the model;
- hard constraints (``agents.refiners.honour``): quantities in the wanted unit system, no food the
  diet excludes, nothing planned at the time of day the person avoids.

Standing instructions a rule can check are held to as well (``agents.refiners.instructed``):
no emojis, no exclamation marks, always add or end with something, a length limit, bullet
points, units, 24-hour times. And a preference brought up where it does not bear on the request
(over-personalization: "as a vegetarian, ..." in an answer about tax forms) is removed.

Hard constraints run last, so text a repair adds is held to them too.
"""

from __future__ import annotations

import re

from agents import prompts
from agents.refiners.base import Finding, ReviewContext, Situation, apply_fixes
from agents.refiners.honour import (
    ABOUT_FOOD,
    BARE_NAMES,
    ENFORCED,
    Honoured,
    allergens,
    avoid_allergen,
    avoid_disliked,
    avoid_foods,
    listed,
    offer_ideas,
)
from agents.refiners.instructed import instruction_findings
from agents.refiners.profile import level_findings, over_personalized, tone_findings
from agents.refiners.text import LIST_MARK, NUMBER_MARK
from memory.facts import find_facts, with_people_named
from memory.text import sentences as prose_sentences
from memory.text import words as text_words

BRIEF_WORDS = 80        # a brief answer is at most this long ...
BRIEF_SENTENCES = 3     # ... and is cut to this many sentences when it is not
_NUMBERED = re.compile(rf"(?m)^\s*({NUMBER_MARK}|step \d)", re.IGNORECASE)
_BULLET = re.compile(r"(?m)^(\s*)[-*•]\s+")
_LIST_ITEM = re.compile(rf"(?m)^\s*{LIST_MARK}\s+")
_EXAMPLE = re.compile(r"\b(for example|e\.g\.|for instance|example)\b", re.IGNORECASE)
_ANALOGY = re.compile(r"\b(like a|like an|is like|imagine|think of it as|analogy|similar to)\b",
                      re.IGNORECASE)



def words(text: str) -> int:
    """How many words ``text`` has."""
    return len(text_words(text))


def as_steps(text: str) -> Honoured:
    """A reply without numbered steps, as one numbered step per sentence."""
    if len(_NUMBERED.findall(text)) >= 2 or "```" in text:
        return Honoured(text)
    bullets = _BULLET.findall(text)
    if len(bullets) >= 2:  # a bulleted list already holds the steps: number them
        count = iter(range(1, len(bullets) + 1))
        numbered = _BULLET.sub(lambda m: f"{m.group(1)}{next(count)}. ", text)
        return Honoured(numbered, [f"numbered {len(bullets)} list items"])
    parts = prose_sentences(" ".join(text.split()), capital_next=True)
    if len(parts) < 2:
        return Honoured(text)
    numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(parts, 1))
    return Honoured(numbered, [f"numbered {len(parts)} steps"])


def cut_short(text: str) -> Honoured:
    """A reply clearly longer than a brief answer, cut to its first sentences.

    One sentence over the brief count is tolerated (cutting it loses more than it saves), and
    a list is left whole: its items are the answer, and a list is quick to scan.
    """
    if words(text) <= BRIEF_WORDS or "```" in text or len(_LIST_ITEM.findall(text)) >= 3:
        return Honoured(text)
    parts = prose_sentences(text, capital_next=True)
    if len(parts) <= BRIEF_SENTENCES + 1:
        return Honoured(text)
    kept: list[str] = []
    for sentence in parts[:BRIEF_SENTENCES]:
        if kept and words(" ".join([*kept, sentence])) > BRIEF_WORDS:
            break
        kept.append(sentence)
    if len(kept) == len(parts):
        return Honoured(text)
    return Honoured(" ".join(kept), [f"cut to {len(kept)} of {len(parts)} sentences"])


def plan(known: dict[str, str]) -> list[str]:
    """The repairs this turn's known preferences call for, in the order they run."""
    steps = []
    style = known.get("learning_style")
    if style in ("steps", "examples", "analogies"):
        steps.append(f"learning_style={style}")
    if known.get("detail") in ("brief", "detailed"):
        steps.append(f"detail={known['detail']}")
    steps += [f"{d}={known[d]}" for d in ("tone", "expertise") if d in known]
    steps += [f"{d}={known[d]}" for d in ENFORCED if d in known]
    return steps


# Changes the hard-constraint repairs report, read back into spans and their fixes.
_SWAP = re.compile(r"^'(?P<span>.+)' -> '(?P<fix>.*)'$", re.S)
_GONE = re.compile(r"^(?:removed|dropped) '(?P<span>.+)'$", re.S)


def as_findings(name: str, kind: str, text: str, out: Honoured) -> list[Finding]:
    """The changes of a repair as findings with spans; one whole-text fix when they do not
    replay exactly (a repair that rewrote more than its spans)."""
    if not out.changes or out.text == text:
        return []
    found: list[Finding] = []
    for change in out.changes:
        swap, gone = _SWAP.match(change), _GONE.match(change)
        if swap:
            found.append(Finding(name, kind, swap["span"], fix=swap["fix"]))
        elif gone:
            found.append(Finding(name, kind, gone["span"], fix=""))
        else:
            found = []
            break
    if found and " ".join(apply_fixes(text, found)[0].split()) == " ".join(out.text.split()):
        return found
    return [Finding(name, kind, text, fix=out.text)]


def asks_other_units(request: str, system: str) -> bool:
    """Whether the request itself names a unit of the other system than ``system`` ("how
    many miles ...?" from a metric person): the request's unit wins over the profile."""
    names = BARE_NAMES.get(system, {})
    return any(re.search(rf"(?<![\w/-]){re.escape(n)}(?![\w/-])", request, re.I) for n in names)


class PersonaRefiner:
    """Preferences and standing instructions honoured; nothing personal where it does not
    belong."""

    name = "persona"
    concern = ("whether it follows the person's standing instructions and preferences")
    stage = 3  # last: the hard constraints also hold on text earlier repairs changed

    def needed(self, state: Situation) -> bool:
        return bool(self.steps(state) or state.instructions
                     or (state.preferences and re.search(r"\byou", state.draft, re.I)))

    def steps(self, state: Situation) -> list[str]:
        """The known preferences this draft is held to, in the order they are checked, then
        the person's allergies and, for a request about food, what they hate or don't eat
        (from their facts, and from this very message: "I hate mushrooms. What should I
        cook?" is learned only after the reply). A dislike outside food ("mornings") drops
        nothing: "take one in the morning" may be the answer they need."""
        earlier = state.said_by("user")
        told = find_facts(with_people_named(state.asked, earlier))
        facts = [*state.facts, *(f.text for f in told)]
        disliked = listed(facts, "dislikes") if ABOUT_FOOD.search(state.asked) else []
        about = " ".join([state.asked, *earlier])
        return plan(state.preferences) + [f"allergy={a}" for a in allergens(facts, about)] + [
            f"dislikes={d}" for d in disliked]

    def review(self, draft: str, state: Situation, ctx: ReviewContext) -> list[Finding]:
        found = over_personalized(draft, state)
        text = apply_fixes(draft, found)[0] if found else draft
        for step in self.steps(state):
            more = self._step(step, text, state)
            text = apply_fixes(text, more)[0] if any(f.fix is not None for f in more) else text
            found += more
        more = instruction_findings(text, state)
        return found + more

    def _step(self, step: str, text: str, state: Situation) -> list[Finding]:
        dimension, value = step.split("=", 1)
        kind = "preference_violation"
        if dimension == "allergy":
            return as_findings(self.name, kind, text, avoid_allergen(text, value, state.asked))
        if dimension == "dislikes":
            return as_findings(self.name, kind, text, avoid_disliked(
                text, value, state.preferences.get("diet", ""), state.asked))
        if dimension == "diet":
            kept = avoid_foods(text, value, state.asked)
            if kept.changes:
                return as_findings(self.name, kind, text, kept)
            return as_findings(self.name, kind, text, offer_ideas(text, value, state.asked))
        if dimension == "tone":
            return tone_findings(text, state)
        if dimension == "expertise":
            return level_findings(text, state)
        if dimension == "units" and asks_other_units(state.asked, value):
            return []
        if step == "learning_style=steps":
            return as_findings(self.name, kind, text, as_steps(text))
        if step == "detail=brief":
            return as_findings(self.name, kind, text, cut_short(text))
        if step in ("learning_style=examples", "learning_style=analogies", "detail=detailed"):
            missing = {"learning_style=examples": not _EXAMPLE.search(text),
                       "learning_style=analogies": not _ANALOGY.search(text),
                       "detail=detailed": words(text) <= BRIEF_WORDS}[step]
            if not missing:
                return []
            ask = prompts.render({"learning_style=examples": "refine_example",
                                  "learning_style=analogies": "refine_analogy",
                                  "detail=detailed": "refine_more"}[step])
            return [Finding(self.name, kind, text, severity="warning", ask=ask, needs="add")]
        return as_findings(self.name, kind, text, ENFORCED[dimension](text, value))
