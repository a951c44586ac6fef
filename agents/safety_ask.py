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

from agents.safety import STOP_ASKING, guidance_for
from agents.safety_assessment import SafetyAssessment, SafetySession
from agents.safety_plan import (
    at_risk,
    config,
    consent_card,
    question_card,
    read_answers,
    read_consent,
)
from agents.state import TurnContext, TurnState


def safety_ask(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    assessment = SafetyAssessment.of(state.get("safety"))
    session = SafetySession.of(state.get("safety_session"))
    needed = list(assessment.attributes_needed)
    answer = str(interrupt(question_card(needed)))
    session.asked = sorted({*session.asked, *needed})
    session.domains = sorted({*session.domains, assessment.domain or ""} - {""})
    off = bool(state.get("asking_off"))
    decisions: list[str] = []
    learned: dict[str, str] = {}
    if STOP_ASKING.search(answer):
        off = True
        decisions.append("the person said just answer: answered from what is known")
    else:
        learned = read_answers(answer, needed)
        decisions.append(f"answered: {', '.join(sorted(learned)) or 'nothing recognised'}")
    consent = session.consent
    if learned and not consent:
        consent = read_consent(str(interrupt(consent_card(learned))))
        session.consent = consent
        decisions.append(f"consent: {consent}")
    if consent == "session":  # kept ones are read back from sensitive memory, so that
        session.attributes.update(learned)  # forgetting them there forgets them here too
    known = {**assessment.attributes_known, **learned}
    assessment.attributes_known, assessment.learned = known, learned
    assessment.consent = consent if learned else ""
    risks = at_risk(known)
    assessment.at_risk = assessment.at_risk or bool(risks)
    if assessment.withhold_specifics and not risks and any(
            a in known for a in config()["groups"]["wellbeing"]):
        assessment.withhold_specifics = False
        decisions.append("specifics given: their answers show no risk")
    assessment.guidance = guidance_for(assessment, known)
    return {
        "safety": assessment, "safety_session": session,
        "safety_guidance": assessment.guidance, "asking_off": off,
        "trace": {"safety": {"asked": needed, "learned": sorted(learned),
                             "consent": assessment.consent or None,
                             "known": sorted(known), "at_risk": assessment.at_risk,
                             "withhold_specifics": assessment.withhold_specifics,
                             "answer_decisions": decisions}},
    }
