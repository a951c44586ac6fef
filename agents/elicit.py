"""elicit (PREFDISCO, curiosity): ask a clarifying question only when it changes the answer.

For the request, find the preference dimensions it depends on and score each by the value of
asking: how much more often the answer would respect the person's preference if Tacit knew it
(:meth:`~memory.profile.Belief.value_of_asking`: for each value they may hold, its probability
under the profile's belief times the gap between a reply that knows it and one that does not),
times how much getting it wrong hurts. Information that would not change the answer is worth
nothing, however many bits it carries (the bits are still computed and reported). Ask about the
best dimension when it clears the threshold, nothing says "just answer" and the session's
question budget allows; the last question of a session is kept for a request that needs it
more (a higher bar). Otherwise answer, with the assumptions stated. A crisis never reaches
this node: the graph routes it from safety straight to respond. Asking is a LangGraph
interrupt; the person's next
message is the answer. What the turn teaches about preferences is written after the reply is
stored (``remember``), with the turn as its provenance.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agents import (
    calculate,
    known_answers,
    lists,
    phrases,
    recipes,
    summary,
    week_plan,
    wine,
)
from agents.capture import own_words, sets_rules_only
from agents.contract import ElicitTrace, Evidence, QuestionCard, TurnTrace
from agents.introduced import acknowledged, in_their_words
from agents.refiners.honour import allergens, unit_system_used
from agents.refiners.persona import BRIEF_WORDS
from agents.replies import asks_short, said_again, shorter
from agents.safety_assessment import SafetyAssessment
from agents.state import TurnContext, TurnState
from agents.tuning import TurnTuning
from memory.facade import Memory
from memory.facts import attribute_of, find_facts
from memory.preferences import (
    NO_PREFERENCE,
    Dimension,
    Signal,
    catalog,
    match_answer,
    relevance,
    restricted_foods,
    signals,
)
from memory.profile import WILLINGNESS, Belief
from memory.statements import goes_on, own_request, tells_news
from memory.text import sentences
from memory.tuning import RecallTuning

STOP_ASKING = re.compile(
    r"\b(just answer|stop asking|no more questions|don'?t ask|do not ask|quit asking|"
    r"no questions|skip the questions|just tell me)\b", re.IGNORECASE)
# The numbers that decide when to ask are tuning (``agents.tuning``, data/turn_tuning.yaml):
# how reliable an answer is, how far "stop asking" lowers the willingness to be asked, and
# ``assume_at``: a guess is applied (and stated) only when it is more likely right than not by
# a margin, since steering the answer toward a coin-flip guess hurts the half of people it gets
# wrong more than it helps the other half (a neutral answer respects most preferences anyway).
WRITING = re.compile(
    r"^\W*(?:(?:please|can you|could you|help me|i need to|i want to)\s+)*(?:write|draft|compose)"
    r"\b[^.?!]*?\b(?:e-?mails?|letters?|messages?|notes?|invitations?|invites?|posts?|"
    r"announcements?|speech|toast|cards?|reply|replies|texts?)\b", re.IGNORECASE)
WRITING_DOMAINS = ("writing", "general")
EXPLAINING = re.compile(r"\b(explain\w*|how (?:does|do|is|are|can)|why (?:does|do|is|are)|"
                        r"tell me about|describe|teach me|what does \w+(?: \w+)? mean)\b",
                        re.IGNORECASE)
WORDS_PER_TOKEN = 0.75
LENGTH = "detail"
OTHER_UNITS = {
    "metric": r"\b(miles?|mph|feet|foot|inch(es)?|pounds?|lbs?|ounces?|oz|fahrenheit|gallons?|"
              r"yards?|quarts?)\b|°\s?f\b",
    "imperial": r"\b(km|kilomet\w+|met(er|re)s?|kilo(gram)?s?|grams?|celsius|lit(er|re)s?|"
                r"centimet\w+|cm|mm|km/h)\b|°\s?c\b",
}


@dataclass
class Candidate:
    """A dimension the request depends on, and what asking about it is worth."""

    dimension: str
    relevance: float
    bits: float          # expected information gain of asking, in bits (reported)
    gain: float          # expected gain in alignment of asking (value of information)
    score: float         # gain x relevance x weight: what the question is worth
    confidence: float    # probability of the current best guess
    guess: str
    known: bool


def own_signals(message: str, tuning: RecallTuning | None = None) -> list[Signal]:
    """What ``message`` says about the person's preferences, including the unit system they
    write their own quantities in: "a 100 km ride" is how they measure, not a one-off choice,
    so it counts as stated (known); a later contradiction supersedes it as any other."""
    tuning = tuning or RecallTuning.defaults()
    found = {s.dimension: s for s in signals(message, tuning)}
    used = unit_system_used(message)
    if used is not None and not _names_other_units(message, used):
        stated = tuning.evidence_stated
        prior = found.get("units")
        if prior is None or prior.confidence < stated or prior.value == used:
            conf = max(stated, prior.confidence if prior else 0.0)
            found["units"] = Signal("units", used, conf, "used", used)
    return list(found.values())


def _names_other_units(message: str, used: str) -> bool:
    # "How many pounds is 5 kg?" writes metric but asks for imperial: a conversion, not a habit.
    return re.search(OTHER_UNITS[used], message, re.IGNORECASE) is not None


def writing_task(message: str) -> bool:
    """Whether the request is to write a text for someone (an email, a note, an invitation)."""
    return WRITING.search(message) is not None


def chances(dim: Dimension, reply_tokens: int | None = None) -> dict[str, float]:
    """How often a reply written without knowing the person's value respects each value.

    The catalog's ``by_chance``, except for length under a tight reply cap: a reply too short
    to be anything but brief respects "brief" always and "detailed" never.
    """
    out = {v.name: v.by_chance for v in dim.values.values()}
    if dim.name == LENGTH and reply_tokens and reply_tokens * WORDS_PER_TOKEN <= BRIEF_WORDS:
        out = {name: 1.0 if name == "brief" else 0.0 for name in out}
    return out


def candidates(beliefs: dict[str, Belief], message: str, settled: set[str],
               reply_tokens: int | None = None,
               tuning: TurnTuning | None = None) -> list[Candidate]:
    """Dimensions ranked by the value of asking, best first (``settled``: stated this turn).

    In a request to write a text for others ("an invitation to our dinner"), the topic words
    do not make the person's own diet or budget matter: only writing and general dimensions
    bear on it. ``reply_tokens`` is the reply cap (see :func:`chances`).
    """
    reliability = (tuning or TurnTuning.defaults()).answer_reliability
    out: list[Candidate] = []
    writing = writing_task(message)
    for name, dim in catalog().items():
        belief = beliefs[name]
        rel = relevance(dim, message)
        if writing and dim.domain not in WRITING_DOMAINS:
            rel = 0.0
        bits = 0.0 if name in settled else belief.information_gain(reliability)
        gain = (0.0 if name in settled
                else belief.value_of_asking(reliability, chances(dim, reply_tokens)))
        guess, p = belief.best
        score = gain * rel * dim.weight
        out.append(Candidate(name, rel, round(bits, 4), round(gain, 4), round(score, 4),
                             round(p, 4), guess, belief.known or belief.no_preference))
    return sorted(out, key=lambda c: (c.score, c.relevance, c.bits), reverse=True)


def bar(threshold: float, asked: int, budget: int, last_question_bar: float | None = None) -> float:
    """What a question must be worth with ``asked`` of ``budget`` questions spent: the
    threshold, and more for the session's last question (budget-aware asking): spent on a
    request that barely needs it, the last question is missing when a later one needs it."""
    if last_question_bar is None:
        last_question_bar = TurnTuning.defaults().last_question_bar
    return threshold * last_question_bar if budget > 1 and asked == budget - 1 else threshold


def choose(ranked: list[Candidate], *, policy: str, threshold: float, asked: int, budget: int,
           off: bool, tuning: TurnTuning | None = None) -> tuple[Candidate | None, str]:
    """Which dimension to ask about this turn, if any, and why."""
    if policy == "never":
        return None, "policy: never ask"
    if policy == "always":  # the naive baseline: one question every turn
        pick = max(ranked, key=lambda c: (c.relevance, c.bits))
        return pick, "policy: always ask"
    if off:
        return None, "the user asked for no questions"
    if asked >= budget:
        return None, f"question budget spent ({asked}/{budget})"
    open_ = [c for c in ranked if c.relevance > 0 and not c.known]
    if not open_:
        return None, "the profile covers this request" if any(
            c.relevance > 0 for c in ranked) else "no preference bears on this request"
    best, need = open_[0], bar(threshold, asked, budget,
                               (tuning or TurnTuning.defaults()).last_question_bar)
    last = " (the session's last question)" if need > threshold else ""
    if best.score < need:
        return None, f"best question worth {best.score:.3f} < {need:.3f}{last}"
    return best, f"worth {best.score:.3f} >= {need:.3f}{last}"


def elicit(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    ctx = runtime.context
    read = ctx.memory.tuning  # how the person's words are read, and how strong each is
    user, message = state["user_id"], own_request(state.get("said") or state["message"], read)
    profile, evidence = ctx.memory.profile, list[Evidence]()
    beliefs = profile.beliefs(user)
    for sig in own_signals(message, read):  # "I'm vegetarian": implicit evidence in a turn
        _learn(beliefs, evidence, Evidence(dimension=sig.dimension, value=sig.value,
                                           confidence=sig.confidence, how=sig.how))
    settled = {e.dimension for e in evidence}
    off = bool(state.get("asking_off"))
    willingness = profile.willingness(user)
    if STOP_ASKING.search(message):
        off, willingness = True, _lowered(willingness, evidence, ctx.tuning)
    asked, threshold = state.get("questions_asked", 0), ctx.ask_threshold / willingness
    ranked = candidates(beliefs, message, settled, ctx.max_reply_tokens, ctx.tuning)
    pick, reason = choose(ranked, policy=ctx.ask_policy, threshold=threshold, asked=asked,
                          budget=ctx.questions_per_session, off=off, tuning=ctx.tuning)
    news = "" if (quiet := code_answers(message, state.get("recent"))) else asks_nothing(message)
    pick, reason = _held_back(pick, reason, quiet or news, ctx.interactive,
                              bool(getattr(state.get("safety"), "attributes_needed", None)))
    question: QuestionCard | None = None
    if pick is not None:
        dim = catalog()[pick.dimension]
        question = QuestionCard(text=dim.question, dimension=dim.name, choices=dim.choices,
                                bits=pick.bits, gain=pick.gain, confidence=pick.confidence,
                                kind="preference")
        answer = str(interrupt(question))
        asked += 1
        question.answer = answer
        if STOP_ASKING.search(answer):
            off, willingness = True, _lowered(willingness, evidence, ctx.tuning)
            question.value = None
        else:
            value = match_answer(dim, answer, dim.choices)
            question.value = value
            if value is not None:
                _learn(beliefs, evidence, Evidence(dimension=dim.name, value=value,
                                                   confidence=read.evidence_answer, how="answer"))
                settled.add(dim.name)
    # A known way of learning shapes every explanation, whatever its subject.
    shaped = settled | ({n for n, d in catalog().items() if d.domain == "learning"
                         and beliefs[n].known} if EXPLAINING.search(message) else set())
    known = known_facts(ctx.memory, user, message, state.get("recent"), state.get("safety"))
    guidance, assumptions, applied = _guidance(beliefs, ranked, shaped, threshold / 2, ctx.tuning,
                                               known, bool(quiet), assume=not news)
    return {
        "preference_guidance": guidance,
        "preferences": known_preferences(beliefs, ranked, shaped, carried_over(state)),
        "assumptions": _not_ruled(assumptions, state),
        "profile_evidence": evidence,
        "questions_asked": asked,
        "asking_off": off,
        "trace": TurnTrace(elicit=ElicitTrace(
            policy=ctx.ask_policy, decision=reason, threshold=round(threshold, 3),
            question=question, applied=applied, assumed=assumptions,
            evidence=evidence, questions_asked=asked,
            candidates=[asdict(c) for c in ranked if c.relevance > 0 or c.dimension in settled],
        )),
    }


def code_answers(message: str, recent: list[dict[str, str]] | None = None) -> str:
    """Why a message needs no question and no assumption, if it does not: it only gives a
    standing rule, only asks a sum or a conversion (answered exactly by code), only asks what
    code knows (what Tacit is, the day or the time, a reminder), or only tells about the
    person (acknowledged by code)."""
    if sets_rules_only(message):
        return "the message only gives a standing rule: nothing to answer yet"
    if calculate.answer(message) is not None:
        return "a sum or a conversion: worked out by code"
    if lists.read(message, recent, lambda: recipes.shopping_of(recent)) is not None:
        return "a list of theirs: kept by code"
    if week_plan.day(message) is not None:
        return "a day planned: its times put in order by code"
    if summary.asked(message) is not None:
        return "a text to summarise: its own sentences chosen by code"
    if shorter(message, recent):
        return "the last answer asked shorter: cut by code"
    if said_again(message, recent):
        return "an earlier answer asked again: quoted by code"
    if known_answers.asked(message):
        return "what Tacit is, the day or the time, or a reminder: answered by code"
    if phrases.asked(message):
        return "a phrase or words in another language: answered from the phrasebook"
    if wine.answer(message):
        return "a wine for a dish: answered from the usual pairings"
    if acknowledged(in_their_words(message, recent)):  # "he's allergic": who is meant
        return "the message only tells about the person: nothing to answer yet"
    return ""


def asks_nothing(message: str) -> str:
    """Why a message gets no question and no guess: it is news of the person that asks
    nothing ("I'm training for a marathon in April."), so no answer depends on a taste."""
    return ("the message is news of the person and asks nothing: no question, no guess"
            if tells_news(own_words(message)) else "")


def _held_back(pick: Candidate | None, reason: str, quiet: str, interactive: bool,
               safety_asked: bool = False) -> tuple[Candidate | None, str]:
    """No question for a message code answers, nor in a one-shot turn, nor after the safety
    card in the same turn (two cards, and the consent one, are enough to wait through)."""
    if quiet:
        return None, quiet
    if pick is not None and not interactive:
        return None, "one-shot turn: answer with stated assumptions"
    if pick is not None and safety_asked:
        return None, "safety asked this turn: answer with stated assumptions"
    return pick, reason


def _learn(beliefs: dict[str, Belief], evidence: list[Evidence], said: Evidence) -> None:
    """Take one piece of this turn's evidence into the beliefs, and keep it to record."""
    belief = beliefs[said.dimension]
    new_value, new_conf = belief.updated(said.value, said.confidence, said.how)
    beliefs[said.dimension] = Belief.of(belief.dimension, new_value, new_conf, belief.source,
                                        belief.tuning)
    evidence.append(said)


def _lowered(willingness: float, evidence: list[Evidence], tuning: TurnTuning) -> float:
    lowered = max(tuning.willingness_floor, willingness / 2)
    evidence[:] = [e for e in evidence if e.dimension != WILLINGNESS]
    evidence.append(Evidence(dimension=WILLINGNESS, value=f"{lowered:.3f}", confidence=1.0,
                             how="stop-asking"))
    return lowered


def carried_over(state: TurnState) -> set[str]:
    """The dimensions the person's previous message bore on, when this one goes on from it
    (:func:`memory.statements.goes_on`): "what about something with noodles?" after asking
    for a dinner."""
    recent = state.get("recent")
    if not recent or not goes_on(state["message"]):
        return set()
    before = recent[-1].get("user", "")
    return {name for name, dim in catalog().items() if relevance(dim, before) > 0}


def _not_ruled(assumptions: list[str], state: TurnState) -> list[str]:
    """``assumptions`` without what a standing rule that applies already says: after "please
    keep your answers short from now on", nothing of length is assumed."""
    if asks_short([i.text for i in state.get("instructions") or []]):
        return [a for a in assumptions if not a.startswith("detail:")]
    return assumptions


def known_preferences(beliefs: dict[str, Belief], ranked: list[Candidate],
                      settled: set[str], carried: set[str] | None = None) -> dict[str, str]:
    """The values known for sure that apply to this turn: those the request bears on (or the
    message it goes on from: ``carried``), and the general ones (units, length) that apply to
    every answer. Guesses are never included."""
    relevant = {c.dimension for c in ranked if c.relevance > 0} | settled | (carried or set())
    out: dict[str, str] = {}
    for name, belief in beliefs.items():
        if belief.no_preference or not (belief.known or name in settled):
            continue
        if name in relevant or catalog()[name].domain == "general":
            out[name] = belief.best[0]
    return out


def _guidance(beliefs: dict[str, Belief], ranked: list[Candidate], settled: set[str],
              worth_stating: float, tuning: TurnTuning,
              facts: frozenset[str] | set[str] = frozenset(), quiet: bool = False,
              assume: bool = True) -> tuple[str, list[str], list[str]]:
    """Lines for the responder, the assumptions to state, and the preferences applied.

    An unsure dimension is steered toward its best guess (and the guess stated) only when the
    guess is likely (``tuning.assume_at``) and its question would be worth at least
    ``worth_stating`` (half the threshold): assuming aloud what barely matters is noise. A
    guess whose label a known fact makes untrue (``untrue_with``: "no restrictions" for
    someone with an allergy; ``facts`` are the attributes known of the person) is not assumed
    at all. A message code answers (``quiet``, :func:`code_answers`) gets neither; news of the
    person that asks nothing (not ``assume``) gets no guess, only what is known.
    """
    lines: list[str] = []
    assumptions: list[str] = []
    applied: list[str] = []
    for cand in ranked:
        name = cand.dimension
        if cand.relevance <= 0 and name not in settled:
            continue
        belief = beliefs[name]
        if belief.no_preference:
            continue
        dim = catalog()[name]
        value, p = belief.best
        guide = dim.values[value].guidance
        if belief.known or name in settled:
            applied.append(f"{name}={value}")
        elif (not assume or cand.score < worth_stating or p < tuning.assume_at
              or facts.intersection(dim.values[value].untrue_with)):
            continue
        else:
            assumptions.append(f"{dim.name.replace('_', ' ')}: {dim.label(value)}")
        if guide:
            lines.append(guide)
    if quiet:  # "whenever I ask for a recipe, …": no recipe asked, no diet to assume
        return "", [], applied
    return "\n".join(lines), assumptions, applied


def known_facts(memory: Memory, user: str, message: str = "",
                recent: list[dict[str, str]] | None = None,
                assessed: SafetyAssessment | None = None) -> set[str]:
    """The attributes of the person's facts, kept or told in ``message`` itself (it is
    stored after this node: "I'm allergic to nuts, what snack should I bring?" must not get
    "no restrictions" assumed), with ``AVOIDS_FOOD`` and ``PREGNANT`` when they apply, and
    "allergy" when someone of theirs the message, or this conversation before it (``recent``),
    speaks of has one: "a birthday cake for her party" after "My daughter Mia ... is allergic
    to eggs" got "Assumed diet: no restrictions"; and a long-term condition or a pregnancy
    that safety knows of this turn (``assessed``: its assessment)."""
    items = memory.items(user, "fact")
    facts = [(name, item.text.partition(":")[2]) for item in items
             if (name := attribute_of(item.text))]
    # Someone of theirs with an allergy, whom the request speaks of ("We're having friends
    # over, can you suggest a dessert?" with "partner's allergy: nuts") got "Assumed diet: no
    # restrictions".
    earlier = [t.get("user", "") for t in recent or []]
    if allergens([item.text for item in items], " ".join([message, *earlier])):
        facts.append(("allergy", ""))
    said = own_words(message)
    for sentence in sentences(said):
        for clause in re.split(r",\s+|;\s+", sentence):
            # "My daughter Mia is allergic to eggs. What can I bake for her birthday?": the
            # allergy of someone of theirs told in the message counts as one.
            facts += [("allergy" if f.attribute.endswith("'s allergy") else f.attribute,
                       f.value) for f in find_facts(clause)]
    known = {name for name, _ in facts}

    def avoided(text: str) -> bool:  # "I strictly avoid dairy", "nothing with pork please"
        return (bool(_AVOIDING.search(text)) and _names_food(text)) or any(
            _names_food(food) for food in _LEFT_OUT.findall(text))

    # A food not eaten, told as a fact, said now or kept as a preference (read only when
    # needed): no "no restrictions" aloud.
    if any(name == "dislikes" and _names_food(value) for name, value in facts) or \
            avoided(said) or any(avoided(i.text) for i in memory.items(user, "preference")):
        known.add(AVOIDS_FOOD)
    if _PREGNANT.search(said):
        known.add(PREGNANT)
    health = assessed.attributes_known.get("health_status") if assessed is not None else None
    if health in HEALTH_KNOWN:
        known.add(HEALTH_KNOWN[health])
    return known


# Known facts named by untrue_with in data/preferences.yaml: a food some diet rules out said
# not eaten ("I don't eat pork"), a pregnancy said in the request.
AVOIDS_FOOD = "avoids food"
PREGNANT = "pregnant"
CONDITION = "long-term condition"
# Safety's answers about their health that name such a fact ("I'm diabetic": no diet of "no
# restrictions" is assumed aloud, which Tacit said to a diabetic asking for a dessert).
HEALTH_KNOWN = {"a long-term condition": CONDITION, "pregnant": PREGNANT}
def _names_food(text: str) -> bool:
    """Whether ``text`` names a food some diet leaves out ("pork", "dairy")."""
    return bool(restricted_foods().intersection(re.findall(r"[a-z]+", text.lower())))


# Words of leaving a food out ("I strictly avoid dairy", "I'm gluten intolerant").
_AVOIDING = re.compile(r"\b(?:avoid\w*|(?:don'?t|do not|never|can'?t|cannot|won'?t) (?:eat|have)|"
                       r"intoleran\w*|cut out|free from|steer clear of)\b", re.IGNORECASE)
# A food named as left out of what is asked for ("no pork", "nothing with fish in it").
_LEFT_OUT = re.compile(r"\b(?:no|without|nothing (?:with|containing)|minus|hold the)\s+(\w+)",
                       re.IGNORECASE)
_PREGNANT = re.compile(r"\b(?:i'?m|i am|i've been|we're|we are)\s+(?:\w+\s+){0,2}"
                       r"(?:pregnant|expecting a baby)\b", re.IGNORECASE)


def assumption_note(assumptions: list[str]) -> str:
    """The sentence that states what Tacit assumed instead of asking."""
    if not assumptions:
        return ""
    return f"(Assumed {'; '.join(assumptions)}. Tell me if that is wrong.)"


def remember(memory: Memory, state: TurnState, turn_id: str) -> list[str]:
    """Write what this turn taught about preferences, with the turn as provenance."""
    user = state["user_id"]
    learned: list[str] = []
    for ev in state.get("profile_evidence") or []:
        if ev.dimension == WILLINGNESS:
            memory.profile.set_willingness(user, float(ev.value), [turn_id])
        else:
            row = memory.profile.record(user, ev.dimension, ev.value, ev.confidence,
                                        [turn_id], ev.how)
            learned.append(f"{row.name}={row.value} ({row.confidence:.2f})")
    return learned


__all__ = ["NO_PREFERENCE", "Candidate", "assumption_note", "bar", "candidates",
           "chances", "choose",
           "elicit", "known_preferences", "own_signals", "remember",
           "writing_task"]
