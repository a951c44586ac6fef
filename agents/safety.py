"""safety (RAISE): crisis help first, and answers that are safe for this person.

Every turn: detection (``agents/safety_detect.py``: cues, prototypes, the session's earlier
turns, a known past self-harm history) gives the domain and any crisis. A crisis gets its
resources (``agents/safety_resources.py``) composed by code, streamed before anything else and
kept at the top of the stored reply by :func:`with_required`; the graph then skips elicit's
questions. A sensitive request gets RAISE's plan (``agents/safety_plan.py``): the attributes
worth asking, which the ``safety_ask`` node turns into one question card. Guidance for the
responder follows from what is known. Every decision and its reason goes into the trace, with
attribute names but never their values (the trace is stored with the turn).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from langgraph.runtime import Runtime

from agents import known_answers, prompts, tips
from agents.about_me import asks_about, asks_for_rules, asks_of_health, asks_what_is_known
from agents.capture import sets_rules_only
from agents.contract import SafetyOption, SafetyTrace, TurnTrace
from agents.elicit import STOP_ASKING
from agents.introduced import acknowledged, in_their_words
from agents.safety_assessment import SafetyAssessment, SafetySession
from agents.safety_plan import (
    ATTRIBUTES,
    Option,
    at_risk,
    caution_for,
    config,
    families_in,
    guidance,
    low_mood_caution,
    own_domain,
    plan,
    stated,
    wants_specifics,
)
from agents.safety_resources import (
    about_someone_else,
    checks_in,
    compose,
    country_in,
    country_of_place,
    follow_up,
    low_mood_reply,
    of_their_own,
    reminder,
)
from agents.state import TurnContext, TurnState
from memory.facade import Memory
from memory.facts import attribute_of
from memory.schema import MemoryItem, new_id
from memory.statements import is_question, is_request, own_request
from memory.text import sentence_pieces, sentences

Detector = Callable[..., SafetyAssessment]

# The floor when no detector module is installed: the plainest crisis words only.
FLOOR = {
    "suicide": r"\b(kill myself|killing myself|suicid\w*|end my life|want to die)\b",
    "self_harm": r"\b(self[- ]harm\w*|hurt(ing)? myself|cutting myself)\b",
    "medical": r"\b(overdos\w*|chest pain|can'?t breathe|cannot breathe|heart attack|stroke|"
               r"unconscious|bleeding (badly|heavily))\b",
    "violence": r"\b(hurt (someone|somebody|him|her|them)|kill (him|her|them|someone|somebody))\b",
    "abuse": r"\b((he|she|they) (hits|beats|chokes) me|threaten(s|ed)? to (kill|hurt) me)\b",
}
SENSITIVE = "sensitive"
CONSENT = "consent"
# Elicit's per-turn keys; a crisis skips elicit, so they are cleared rather than left over
# from the turn before (LangGraph keeps a thread's values between turns).
ELICIT_KEYS = {"preference_guidance": "", "assumptions": [], "preferences": {},
               "profile_evidence": []}


def floor_detect(message: str, history: Sequence[str] = (), *, past_self_harm: bool = False,
                 embed: Any = None) -> SafetyAssessment:
    """Plain crisis words, used only when the detection module is missing."""
    for kind, pattern in FLOOR.items():
        found = re.search(pattern, message, re.IGNORECASE)
        if found:
            return SafetyAssessment(crisis_kind=kind, crisis_level="likely",
                                    evidence=[f"cue: {found.group(0)}"])
    return SafetyAssessment()


def detector(ctx: TurnContext) -> tuple[Detector, str]:
    """The detector to use and its name: injected, else the detection module, else the floor."""
    if ctx.safety_detector is not None:
        return ctx.safety_detector, getattr(ctx.safety_detector, "__name__", "injected")
    try:
        from agents.safety_detect import detect
    except ImportError:
        return floor_detect, "floor"
    return detect, "safety_detect"


def embedding(ctx: TurnContext) -> Any:
    # Prototype matching needs the real sentence model; a test's hashing embedder would only
    # add noise, so it is not passed on.
    from memory.embedder import Embedder

    embedder = getattr(ctx.memory.vectors, "embedder", None)
    return embedder.embed if isinstance(embedder, Embedder) else None


# Sensitive memory --------------------------------------------------------------------------
def stored_attributes(memory: Memory, user: str) -> tuple[dict[str, str], bool, list[str]]:
    """(attributes the person agreed to keep, whether they agreed to keeping at all, the ids
    of the items read: a checkpoint that holds their values names them, so forgetting an item
    also drops the conversations' checkpoints that used it)."""
    known: dict[str, str] = {}
    agreed = False
    ids: list[str] = []
    for item in reversed(memory.items(user, SENSITIVE)):  # oldest first: newest wins
        name, _, value = item.text.partition(": ")
        ids.append(item.id)
        if name == CONSENT:
            agreed = value == "keep"
        elif name in ATTRIBUTES and value:
            known[name] = value
    return known, agreed, ids


def keep_learned(memory: Memory, state: TurnState, turn_id: str) -> list[str]:
    """Store what this turn's answers taught, as sensitive memory, if the person agreed.

    Called by memorize once the turn exists, so each item has the turn as provenance and
    forgetting the turn forgets it. Returns the attribute names kept (never the values).
    """
    assessment = state.get("safety")
    if assessment is None or assessment.consent != "keep" or not assessment.learned:
        return []
    user = state["user_id"]
    stored = {i.text.partition(": ")[0]: i for i in memory.items(user, SENSITIVE)}
    if CONSENT not in stored:
        memory.add(user, f"{CONSENT}: keep", kind=SENSITIVE, provenance=[turn_id])
    for name, value in assessment.learned.items():
        old = stored.get(name)
        if old is not None:
            memory.delete(user, old.id)
        # The id chosen when the person agreed: the checkpoint that holds the answer names
        # it, so forgetting the item also drops that conversation's checkpoint.
        text = f"{name}: {value}"
        item = MemoryItem(id=assessment.kept_ids.get(name) or new_id(), user_id=user,
                          kind=SENSITIVE, text=text, provenance=[turn_id])
        memory.add_record(user, item, SENSITIVE, text)
    return sorted(assessment.learned)


def said_of_themselves(state: TurnState, request: str) -> dict[str, str]:
    """What the person says of themself in this message and, before it, in this conversation:
    "I've been feeling really low for weeks", then "what's the max melatonin I can take?" was
    answered as if nothing were known of them."""
    earlier = [own_request(t["user"]) for t in state.get("recent") or [] if t.get("user")]
    return {name: value for text in [*earlier, request] for name, value in stated(text).items()}


# The node ------------------------------------------------------------------------------------
def safety(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    ctx = runtime.context
    # "Milo has stopped eating" read as of their cat Milo, when Milo is their cat
    user, message = state["user_id"], state.get("said") or state["message"]
    session = SafetySession.of(state.get("safety_session"))
    decisions: list[str] = []
    stored, agreed, sources = stored_attributes(ctx.memory, user)
    # What the person says of themselves now ("I'm 16", "my husband") is known for this turn:
    # it shapes the guidance and is not asked, but it is kept only if they answer a card.
    request = own_request(message)  # the person's own words, not a document pasted with them
    known = {**stored, **session.attributes, **said_of_themselves(state, request)}
    if agreed and not session.consent:
        session.consent = "keep"
    country, remembered = country_for(ctx, session, message, decisions, user)
    detect, detector_name = detector(ctx)
    history = [t["user"] for t in state.get("recent") or []]
    past = known.get("past_self_harm_history", "").startswith("yes")
    found = detect(message, history, past_self_harm=past, embed=embedding(ctx))
    assessment = SafetyAssessment.of(found)
    assessment.attributes_known, assessment.sources = dict(known), sources
    risks = at_risk(known)
    specifics = wants_specifics(message)
    assessment.at_risk = assessment.crisis or bool(risks)
    # Specifics are withheld unless Tacit knows the person is not at risk: it never learns
    # that by guessing, only from their answers.
    wellbeing_known = any(a in known for a in config()["groups"]["wellbeing"])
    assessment.withhold_specifics = specifics and (assessment.at_risk or not wellbeing_known)
    if risks:
        names = ", ".join(n.split("=")[0] for n in risks)
        decisions.append(f"at risk from what they told: {names}")
    if specifics:
        decisions.append("asks for dangerous specifics: "
                         + ("withheld" if assessment.withhold_specifics else
                            "given; they told Tacit they are not at risk"))
    update: dict[str, Any] = {}
    weighed: list[Option] = []
    if assessment.crisis:
        update = answer_crisis(assessment, session, country, runtime, decisions,
                               carried=_given_before(assessment, session, detect(
                                   message, [], past_self_harm=past, embed=embedding(ctx)),
                                   request),
                               asks=_asks(message), remembered=remembered, message=request)
    elif sets_rules_only(request) or known_answers.asked(request) or \
            acknowledged(in_their_words(request, state.get("recent"))):
        # "Please don't mention my weight" (or "Hi, I am Ana, a nurse") asks for nothing to
        # be answered: a caution about fasting under it would do what they asked Tacit not to.
        decisions.append("only a standing rule, what code answers or news of themselves: "
                         "nothing to ask or caution")
    else:
        weighed = _sensitive(assessment, session, state, ctx, specifics, decisions, request)
    assessment.guidance = guidance_for(assessment, known)
    return {
        **update,
        "safety": assessment,
        "safety_session": session,
        "safety_guidance": assessment.guidance,
        "trace": TurnTrace(safety=_trace(assessment, detector_name,
                                         "" if remembered else country, decisions, weighed)),
    }


REMEMBERED = "the country of where they told me they live"
NAMED_NOW = "country from their message"


def _sensitive(assessment: SafetyAssessment, session: SafetySession, state: TurnState,
               ctx: TurnContext, specifics: bool, decisions: list[str],
               request: str) -> list[Option]:
    """A request with no crisis: RAISE's plan, the caution of its kind, and for a low mood said
    plainly its own reply; every attribute weighed, for the trace."""
    weighed = _plan(assessment, state, ctx, specifics, decisions, request)
    if not assessment.attributes_needed:  # else the answers to the card decide
        for_them(assessment, request, decisions, state.get("recent"), specifics)
    if assessment.low_mood:
        for_a_low_mood(assessment, session, request, decisions,
                       composed=ctx.safety_composed, recent=state.get("recent"))
    return weighed


def country_for(ctx: TurnContext, session: SafetySession, message: str,
                decisions: list[str], user: str) -> tuple[str, bool]:
    """The person's country code: the setting, else one named in this conversation, else the
    one of the place they told Tacit they live in; and whether it is that last one. That one
    is read each turn and no record names it or the place: the decision names the fact's id,
    so forgetting the fact also purges the conversation state that holds the crisis block."""
    if ctx.safety_country:
        return ctx.safety_country, False
    if session.country_asked and not session.country:
        named = country_in(message)
        if named:
            session.country = named
            decisions.append(f"{NAMED_NOW}: {named}")
    if session.country:
        return session.country, False
    home = next((i for i in ctx.memory.items(user, "fact")
                 if attribute_of(i.text) == "home city"), None)
    code = country_of_place(home.text.partition(":")[2]) if home else None
    if home and code:  # its id, not its words: forgetting it purges this conversation's state
        decisions.append(f"country: {REMEMBERED} (fact {home.id})")
    return code or "", bool(code)


def _lines_for(country: str, remembered: bool) -> str:
    if not country:
        return "general lines (country unknown)"
    return f"for {REMEMBERED}" if remembered else f"for {country}"


# Going on about the one they are helping: "He's breathing but it sounds weird.", after "My
# friend ... passed out and I can't wake him", got the block for the person's own emergency
# ("Don't drive yourself").
_OF_THEM = re.compile(r"^\W*(?:(?:and|but|now|so|ok|okay|still)\W+)*(?:he|she|they)(?:'s|'re|"
                      r"'d|'ll)?\b", re.I)


def _whose(kind: str, message: str, session: SafetySession | None = None) -> str:
    """The crisis kind, marked when the one at risk is someone else: a block given to the one
    helping a friend is not the block for the person's own crisis. In a conversation that had
    the block for someone else's crisis of this kind, a message that goes on about "he" or
    "she" is still of them."""
    theirs = about_someone_else(kind, message) or (
        session is not None and session.resources_kind == f"{kind}:other"
        and _OF_THEM.match(message) is not None and not of_their_own(kind, message))
    return f"{kind}:other" if theirs else kind


def _given_before(assessment: SafetyAssessment, session: SafetySession,
                  own: Any, message: str) -> str:
    """How this conversation already had the full block for this crisis: "carried" when this
    message raises none of its own (the risk is the earlier turns'), "again" when it raises
    the same kind with nothing that brings the danger nearer (the person goes on about how
    they feel), "" when the full block is due: none yet, another kind, or a plan, a means, a
    time or a farewell in this message."""
    if not session.resources_given:
        return ""
    own = SafetyAssessment.of(own)
    if not own.crisis:
        return "carried"
    kind = assessment.crisis_kind or ""
    # The crisis is still the earlier turns' when this message's own is another kind and the
    # block for this one was given: "She made me promise not to tell anyone.", after a friend's
    # self-harm was told, got the block for the person's own self-harm.
    if own.crisis_kind != kind and session.resources_kind.partition(":")[0] == kind:
        return "carried"
    whose = _whose(kind, message, session)
    # Someone else's crisis said again gets the block for the one helping again: the short
    # reply speaks to the person's own.
    same = own.crisis_kind == kind and whose == session.resources_kind == kind
    from agents.safety_detect import cue_families  # loaded with detection (lazily)

    nearer = bool(cue_families(own.evidence) & NEARER)
    return "again" if same and not nearer else ""


# What in a message brings a crisis nearer (its cue families, data/safety/cues.yaml): said
# again later in a conversation, it gets the full block again, not the short reminder.
NEARER = frozenset({"plan", "means", "timing", "farewell", "giving_away", "intent",
                    "tracking", "threat"})


def answer_crisis(assessment: SafetyAssessment, session: SafetySession, country: str,
                  runtime: Runtime[TurnContext], decisions: list[str], *,
                  carried: str = "", asks: bool = False,
                  remembered: bool = False, message: str = "") -> dict[str, Any]:
    """Resources at once, streamed before the model writes a word; no questions this turn.

    ``carried`` (see ``_given_before``): the conversation already had the full block for this
    crisis, and this message raises none of its own ("carried") or the same one again with
    nothing that brings it nearer ("again"). The person gets the short reminder (the same
    numbers) and a shorter word after it, or, when a message that raises none asked
    something, an answer to it: not the same block and the same words again.
    ``remembered``: the country comes from where they told Tacit they live, which no record
    names. Returns elicit's per-turn keys cleared (a crisis skips elicit)."""
    kind = assessment.crisis_kind or "suicide"
    if carried:
        located = any(d.startswith(NAMED_NOW) for d in decisions)
        helping = session.resources_kind.endswith(":other")
        assessment.required = reminder(kind, country, again=carried == "again", located=located,
                                       for_other=helping)
        assessment.attributes_needed = []
        # an emergency's question ("What do I do?") gets its first steps, not the model's words
        answered = asks and carried == "carried" and kind != "medical"
        decisions.append(f"crisis ({kind}) "
                         + ("carried from earlier turns" if carried == "carried" else
                            "said again, with nothing nearer")
                         + ", resources already given: a short reminder with the same numbers"
                         + (", then their question answered" if answered else ""))
        if runtime.context.safety_composed and not answered:
            assessment.follow_up = follow_up(kind, later=True, for_other=helping,
                                             turn=session.reminders)
        session.reminders += 1
        runtime.stream_writer({"token": assessment.required + "\n\n"})
        return dict(ELICIT_KEYS)
    ask = not country and not session.country_asked
    whose = _whose(kind, message, session)
    other = whose.endswith(":other")
    unsure = not other and _only_learned(assessment) and checks_in(kind, message)
    assessment.required = compose(kind, country, ask_country=ask, for_other=other,
                                  check_in=unsure)
    session.country_asked = session.country_asked or ask
    session.resources_given, session.resources_kind = True, whose
    session.reminders = 0
    assessment.attributes_needed = []
    if other:
        decisions.append(f"the one at risk is someone else: the {kind} block speaks to the "
                         "person helping them")
    if unsure:
        decisions.append(f"read as {kind} only by the learned layers, with nothing a cue names "
                         "and no wound: the same numbers, opened by a check-in")
    if runtime.context.safety_composed:
        assessment.follow_up = follow_up(kind, for_other=other, check_in=unsure,
                                         message=message)
        decisions.append("the words after the resources are composed, not generated")
    decisions.append(f"crisis ({kind}, {assessment.crisis_level}): resources first, "
                     f"{_lines_for(country, remembered)}; "
                     "no questions")
    if ask:
        decisions.append("asked for the country once, after the resources")
    runtime.stream_writer({"token": assessment.required + "\n\n"})
    return dict(ELICIT_KEYS)


def _only_learned(assessment: SafetyAssessment) -> bool:
    """Whether only the learned layers read this crisis, in the message alone: no cue of
    theirs, nothing from earlier turns, no model's judgement, no past self-harm known, and
    not read as imminent."""
    from agents.safety_detect import LEARNED_FAMILIES, cue_families  # loaded with detection

    evidence = assessment.evidence
    return (assessment.crisis_level == "likely"
            and cue_families(evidence) <= LEARNED_FAMILIES
            and not any(line.startswith(("earlier turn", "model:", "past self-harm"))
                        for line in evidence)
            and not assessment.attributes_known.get("past_self_harm_history", "")
            .startswith("yes"))


def _asks(message: str) -> bool:
    """Whether the message asks Tacit something (a question or a request)."""
    return any(is_question(s) or is_request(s) for s in sentences(message))


def _plan(assessment: SafetyAssessment, state: TurnState, ctx: TurnContext, specifics: bool,
          decisions: list[str], request: str) -> list[Option]:
    """RAISE's plan: which attributes to ask now (empty when none is worth it or allowed).

    Returns every attribute weighed, for the trace (empty when the plan was not made)."""
    # What the person asks, not a document pasted with it: the plan reads their own words.
    if asks_what_is_known(request) or asks_about(request) or asks_for_rules(request) or \
            asks_of_health(request):
        decisions.append("a question of what Tacit keeps of them: nothing to ask or caution")
        return []
    domain = assessment.domain or own_domain(request)
    if not domain:
        decisions.append("no sensitive domain: nothing to ask")
        return []
    if not assessment.domain:
        decisions.append(f"no domain detected, but the request is of a kind that is risky by "
                         f"itself: planned as {domain}")
    session = SafetySession.of(state.get("safety_session"))
    if domain in session.domains:
        decisions.append(f"{domain}: already asked in this conversation")
        return []
    skip = {**assessment.attributes_known, **{a: "asked" for a in session.asked}}
    weighed = plan(assessment.domain, skip, domain_score=assessment.domain_score,
                   message=request, specifics=specifics, sub_area=assessment.sub_area)
    wanted = [o.attribute for o in weighed if o.chosen]
    if not wanted:
        decisions.append(f"{domain}: no attribute worth asking (abstain)")
        return weighed
    why = ", ".join(f"{o.attribute} ({'+'.join(o.families) or 'domain prior'})"
                    for o in weighed if o.chosen)
    if state.get("asking_off") or STOP_ASKING.search(state["message"]):
        decisions.append(f"would ask {why}; the person said just answer"
                         + with_caution(assessment, request))
        return weighed
    if not ctx.interactive:
        decisions.append(f"would ask {why}; one-shot turn, answered from what is known"
                         + with_caution(assessment, request))
        return weighed
    assessment.attributes_needed = wanted
    decisions.append(f"{domain}: ask {why}")
    return weighed


def with_caution(assessment: SafetyAssessment, request: str) -> str:
    """Give a request answered without its questions the caution of its kind (or the one for
    what is known of the person), if it has one; the words the trace's decision adds."""
    assessment.caution = caution_for(request, assessment.attributes_known)
    return "; a caution composed by code ends the reply" if assessment.caution else ""


def for_them(assessment: SafetyAssessment, request: str, decisions: list[str],
             recent: list[dict[str, str]] | None = None, specifics: bool = False) -> None:
    """Asked or not, a request of a kind with a caution for what is known of the person (a
    diet, and they are under 18) ends with that caution, composed by code: the guidance alone
    does not stop a small model writing the diet. A caution that ended a reply earlier in the
    conversation is not said again, unless the request asks for an amount: "what is safe to
    take depends on your health" ended three replies in a row about sleep."""
    if not assessment.caution:
        assessment.caution = caution_for(request, assessment.attributes_known, unasked=False)
        if assessment.caution:
            decisions.append("a caution for what they told Tacit, composed by code, ends the "
                             "reply")
    if assessment.caution and not specifics and _ended_a_reply(assessment.caution, recent):
        assessment.caution = ""
        decisions.append("the same caution ended a reply earlier in this conversation: not "
                         "said again")


def _ended_a_reply(caution: str, recent: list[dict[str, str]] | None) -> bool:
    """Whether ``caution`` was said in a reply earlier in this conversation."""
    return any(caution in (t.get("said") or t.get("assistant", "")) for t in recent or [])


# What a message may name besides a low mood and still get the composed reply (planner.yaml's
# families): how they feel, a sense of failing. A job, a loss or a debt named with it gets a
# reply about that, written by the model.
_MOOD_ONLY = frozenset({"mind", "shame"})


def for_a_low_mood(assessment: SafetyAssessment, session: SafetySession, request: str,
                   decisions: list[str], *, composed: bool,
                   recent: list[dict[str, str]] | None = None) -> None:
    """A low mood said plainly ("I feel like such a failure lately"): the low-mood caution
    ends the reply (once in a conversation), and where code writes crisis replies, and the
    message asks nothing and names nothing else, code writes this one too: a warm word and an
    invitation to say more, different on each such message (the bundled model explained
    "a common phrase")."""
    if not assessment.caution and not assessment.attributes_needed:
        assessment.caution = low_mood_caution()
        if _ended_a_reply(assessment.caution, recent):
            assessment.caution = ""
    if not composed or _asks(request) or tips.told_of(request) or \
            any(f.name not in _MOOD_ONLY for f in families_in(request)):
        decisions.append("a low mood said plainly: the low-mood caution"
                         + (" ends the reply" if assessment.caution else " was given earlier"))
        return
    assessment.follow_up = low_mood_reply(session.low_moods, at_risk=assessment.at_risk)
    session.low_moods += 1
    decisions.append("a low mood said plainly, nothing asked: the reply is composed, not "
                     "generated" + ("; the low-mood caution ends it" if assessment.caution
                                    else ""))


def answered_low_mood(assessment: SafetyAssessment, decisions: list[str],
                      risks: list[str]) -> None:
    """After the safety card, for a low mood said plainly: the low-mood caution ends the
    reply, and a composed reply for someone whose answers put them at risk asks whether they
    are safe."""
    assessment.caution = assessment.caution or low_mood_caution()
    if assessment.follow_up and risks:
        assessment.follow_up = low_mood_reply(at_risk=True)
        decisions.append("a low mood, and their answers put them at risk: the composed reply "
                         "asks whether they are safe")


def guidance_for(assessment: SafetyAssessment, known: dict[str, str]) -> str:
    text = guidance(assessment.domain, known, withhold=assessment.withhold_specifics,
                    at_risk=assessment.at_risk, sub_area=assessment.sub_area)
    if assessment.crisis:
        kind = (assessment.crisis_kind or "").replace("_", " ")
        crisis = prompts.render("safety_crisis", kind=kind)
        text = f"{crisis}\n{text}".strip()
    return text


def _trace(assessment: SafetyAssessment, detector_name: str, country: str,
           decisions: list[str], weighed: list[Option]) -> SafetyTrace:
    """What safety decided and why; attribute names only, never their values."""
    return SafetyTrace(
        detector=detector_name, domain=assessment.domain, sub_area=assessment.sub_area,
        domain_score=round(assessment.domain_score, 3), crisis=assessment.crisis,
        crisis_kind=assessment.crisis_kind, crisis_level=assessment.crisis_level,
        evidence=list(assessment.evidence), country=country or None,
        known=sorted(assessment.attributes_known),
        asking=list(assessment.attributes_needed),
        plan=[SafetyOption(attribute=o.attribute, prior=o.weight, gain=o.gain,
                           chosen=o.chosen, families=list(o.families), why=o.why)
              for o in weighed],
        at_risk=assessment.at_risk, withhold_specifics=assessment.withhold_specifics,
        resources=bool(assessment.required), decisions=decisions)


def route(state: TurnState) -> str:
    """Where a turn goes after safety: a crisis straight to respond, a sensitive request whose
    plan wants attributes to the safety question, anything else to elicit."""
    assessment = state.get("safety")
    if assessment is not None and assessment.crisis:
        return "respond"
    if assessment is not None and assessment.attributes_needed:
        return "safety_ask"
    return "elicit"


def route_after_card(state: TurnState) -> str:
    """After the safety card: a crisis told in the answer goes to respond, else elicit."""
    assessment = state.get("safety")
    return "respond" if assessment is not None and assessment.crisis else "elicit"


# The reply ----------------------------------------------------------------------------------
def with_required(state: TurnState, reply: str) -> str:
    """``reply`` with what safety requires (crisis resources) at its top, exactly once.

    refine calls this last, so no refiner, rewrite or budget can drop the resources. For a
    person at risk who asked for dangerous specifics, lines naming an amount, a height or a
    duration are taken out of the reply whatever the model wrote.
    """
    assessment = state.get("safety")
    if assessment is None:
        return reply
    required = assessment.required.strip()
    if required and reply.startswith(required):
        reply = reply[len(required):].strip()
    if assessment.follow_up:  # composed by code: nothing the model or a refiner wrote
        reply = assessment.follow_up
    caution = assessment.caution.strip()
    message = state.get("message", "")
    if not assessment.crisis and endorses(reply, message):
        # "Yes, it's a good idea to take a payday loan": the caution of its kind says why not,
        # even where answered questions left none.
        caution = caution or caution_for(message, assessment.attributes_known)
        reply = NOT_NECESSARILY if caution else reply
    if assessment.withhold_specifics:
        reply = without_specifics(reply, withheld(assessment.at_risk, bool(caution)))
    if caution and not reply.endswith(caution):
        reply = f"{reply}\n\n{caution}".strip()
    return f"{required}\n\n{reply}".strip() if required else reply


# "Is it a good idea to take a payday loan?", "Should I just stop eating for a week?": a
# question of whether to do something.
_WHETHER = re.compile(r"\b(?:is|would|will) it (?:be )?(?:a (?:good|smart|wise|bad) idea|ok(?:ay)?|"
                      r"safe|wise|smart|fine|alright|all right|sensible)\b|\bshould (?:i|we)\b|"
                      r"\bdo you think (?:i|we) should\b|\bis it worth\b", re.I)
# A reply that opens by saying yes to it.
# ("Sure, ..." most often opens help, not a verdict.)
_YES = re.compile(r"^\W*(?:yes|yeah|yep|absolutely|definitely|of course|certainly)\b|"
                  r"^\W*(?:it(?:'s| is|'d be| would be)|that(?:'s| is|'d be| would be)|"
                  r"taking (?:one|it|a \w+ loan) is) (?:(?:a|an|really|very|definitely) )*"
                  r"(?:good|great|smart|wise|fine|ok(?:ay)?|safe|excellent|sensible)\b", re.I)
NOT_NECESSARILY = "Not necessarily, and maybe not for you. Here is why:"


def endorses(reply: str, request: str) -> bool:
    """Whether ``reply`` opens with a yes to a question of whether to do what a caution is
    about: the caution would then say the opposite of the answer above it."""
    return bool(_WHETHER.search(request)) and bool(_YES.match(reply))


def composed_reply(state: TurnState) -> str:
    """The rest of a crisis reply, or the reply to a low mood said plainly, when code writes
    it (respond then calls no model), or ""."""
    assessment = state.get("safety")
    return assessment.follow_up if assessment is not None else ""


WITHHELD = ("I won't give amounts, doses or methods here, because they could hurt you. "
            "A doctor or pharmacist can answer safely for your situation, and if you're "
            "struggling, a crisis line is there for you any time.")
# For someone with no sign of risk, of whom Tacit does not yet know enough to give amounts.
NOT_YET = ("I've left out amounts here, because what is safe depends on you and I don't know "
           "enough yet.")
ASK_THEM = " A pharmacist or your doctor can tell you what is safe for you."


def withheld(at_risk: bool, cautioned: bool) -> str:
    """What a reply says where amounts were taken out: for someone at risk, why and where help
    is; for anyone else, that it depends on them (and whom to ask, unless a caution says so)."""
    if at_risk:
        return WITHHELD
    return NOT_YET if cautioned else NOT_YET + ASK_THEM


def without_specifics(reply: str, note: str = WITHHELD) -> str:
    """``reply`` without the sentences that name an amount, height or duration."""
    pattern = re.compile(config()["specific_amount"], re.IGNORECASE)
    kept: list[str] = []
    removed = False
    for line in reply.splitlines():
        pieces = sentence_pieces(line)
        left = [s for s in pieces if not pattern.search(s)]
        removed = removed or len(left) < len(pieces)
        if left or not line.strip():
            kept.append(" ".join(left))
    text = "\n".join(kept).strip()
    return f"{text}\n\n{note}".strip() if removed else text
