"""safety_ask: one question card for the attributes RAISE's plan wants, then consent.

The graph comes here only for a sensitive, non-crisis request whose plan found attributes
worth asking (``agents.safety.route``). Asking is a LangGraph interrupt, like elicit's: the
person's next message is the answer. "Just answer" is respected. What they tell is used for
this reply at once; it is remembered only as they choose, asked once (keep, keep for this
conversation, don't keep): kept items are written by memorize with the turn as provenance.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agents.contract import SafetyTrace, TurnTrace
from agents.safety import (
    STOP_ASKING,
    answer_crisis,
    answered_low_mood,
    country_for,
    detector,
    embedding,
    for_them,
    guidance_for,
    with_caution,
)
from agents.safety_assessment import SafetyAssessment, SafetySession
from agents.safety_plan import (
    at_risk,
    config,
    consent_card,
    own_domain,
    question_card,
    read_answers,
    read_consent,
    stated,
)
from agents.state import TurnContext, TurnState
from memory.schema import new_id
from memory.statements import own_request


def safety_ask(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    assessment = SafetyAssessment.of(state.get("safety"))
    session = SafetySession.of(state.get("safety_session"))
    needed = list(assessment.attributes_needed)
    answer = str(interrupt(question_card(needed)))
    crisis = _crisis_in(answer, assessment, session, state, runtime)
    if crisis is not None:
        return crisis
    session.asked = sorted({*session.asked, *needed})
    # once per subject: a request planned in its own kind's domain (none detected) counts too
    subject = assessment.domain or own_domain(state["message"]) or ""
    session.domains = sorted({*session.domains, subject} - {""})
    off = bool(state.get("asking_off"))
    decisions: list[str] = []
    learned: dict[str, str] = {}
    if STOP_ASKING.search(answer):
        off = True
        decisions.append("the person said just answer: answered from what is known"
                         + with_caution(assessment, own_request(state["message"])))
    else:
        learned = read_answers(answer, needed)
        # What they tell of themselves beyond the questions ("I'm 67, ...") counts too.
        learned = {**{n: v for n, v in stated(answer).items()
                      if n not in assessment.attributes_known}, **learned}
        decisions.append(f"answered: {', '.join(sorted(learned)) or 'nothing recognised'}")
    consent = session.consent
    if learned and not consent:
        reply = str(interrupt(consent_card(learned)))
        crisis = _crisis_in(reply, assessment, session, state, runtime)
        if crisis is not None:
            return crisis
        consent = read_consent(reply)
        session.consent = consent
        decisions.append(f"consent: {consent}")
    if consent == "session":  # kept ones are read back from sensitive memory, so that
        session.attributes.update(learned)  # forgetting them there forgets them here too
    known = {**assessment.attributes_known, **learned}
    assessment.attributes_known, assessment.learned = known, learned
    assessment.consent = consent if learned else ""
    if assessment.consent == "keep":  # ids chosen now, so this turn's checkpoint names them
        assessment.kept_ids = {name: new_id() for name in learned}
    risks = at_risk(known)
    assessment.at_risk = assessment.at_risk or bool(risks)
    if assessment.withhold_specifics and not risks and any(
            a in known for a in config()["groups"]["wellbeing"]):
        assessment.withhold_specifics = False
        decisions.append("specifics given: their answers show no risk")
    for_them(assessment, own_request(state["message"]), decisions)
    if assessment.low_mood:
        answered_low_mood(assessment, decisions, risks)
    assessment.guidance = guidance_for(assessment, known)
    return {
        "safety": assessment, "safety_session": session,
        "safety_guidance": assessment.guidance, "asking_off": off,
        "trace": TurnTrace(safety=SafetyTrace(
            asked=needed, learned=sorted(learned), consent=assessment.consent or None,
            known=sorted(known), at_risk=assessment.at_risk,
            withhold_specifics=assessment.withhold_specifics, answer_decisions=decisions)),
    }


def _crisis_in(answer: str, assessment: SafetyAssessment, session: SafetySession,
               state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any] | None:
    """The turn's update when an answer to a card tells of a crisis: resources at once, as for
    a message (the graph then goes straight to respond); None otherwise."""
    detect, _ = detector(runtime.context)
    history = [t["user"] for t in state.get("recent") or []] + [state["message"]]
    found = SafetyAssessment.of(detect(answer, history, embed=embedding(runtime.context)))
    if not found.crisis:
        return None
    decisions = ["crisis in the answer to the card: resources first"]
    assessment.crisis_kind, assessment.crisis_level = found.crisis_kind, found.crisis_level
    assessment.evidence = [*assessment.evidence, *found.evidence]
    assessment.at_risk, assessment.attributes_needed = True, []
    assessment.learned, assessment.consent = {}, ""
    country, remembered = country_for(runtime.context, session, answer, decisions,
                                      state["user_id"])
    cleared = answer_crisis(assessment, session, country, runtime, decisions,
                            remembered=remembered, message=answer)
    assessment.guidance = guidance_for(assessment, assessment.attributes_known)
    return {**cleared, "safety": assessment, "safety_session": session,
            "safety_guidance": assessment.guidance,
            "trace": TurnTrace(safety=SafetyTrace(
                crisis=True, crisis_kind=assessment.crisis_kind, resources=True,
                answer_decisions=decisions))}
