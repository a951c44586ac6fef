"""Facts the user states about themself, learned after each turn (``memory.facts`` stores them).

Rules find the common statements fast ("I moved to Lisbon", "my sister is called Eva"). When
an extractor model is configured it is asked too, with structured output; whatever it returns
must be grounded in the message's own words, and a failure is recorded, never hidden. What was
recalled into the prompt is never learned again as if it were new.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agents import lists, prompts, recipes
from agents.contract import FactsTrace, LearnedFact
from agents.introduced import in_their_words
from agents.llm import ChatModel
from agents.state import TurnState
from memory.facade import Memory
from memory.facts import Candidate, find_facts, record, was_recalled
from memory.statements import own_words
from memory.text import normalize

CUES = (" i ", " i'm ", " i've ", " my ", " i am ")


class StatedFact(BaseModel):
    attribute: str = Field(max_length=40, description="e.g. home city, job, sister")
    value: str = Field(max_length=80)


class StatedFacts(BaseModel):
    facts: list[StatedFact] = Field(default_factory=list, max_length=3)


def model_facts(model: ChatModel, message: str) -> tuple[list[Candidate], str | None]:
    """The extractor's reading of ``message``: grounded candidates, or why there are none."""
    prompt = prompts.render("extract_facts", message=message.strip()[-800:])
    answer = model.structured([{"role": "user", "content": prompt}], StatedFacts)
    if answer.value is None:
        return [], answer.error or "no answer"
    said = f" {normalize(message)} "
    kept = [Candidate(f.attribute.strip().lower(), f.value.strip(), message)
            for f in answer.value.facts
            if f.attribute.strip() and normalize(f.value) and f" {normalize(f.value)} " in said]
    return kept, None


def learn_facts(memory: Memory, state: TurnState, turn_id: str,
                extractor: ChatModel | None = None) -> FactsTrace:
    """Record the facts of this turn's message; return what happened, for the trace."""
    recent = state.get("recent")
    change = lists.read(state.get("message", ""), recent, lambda: recipes.shopping_of(recent))
    if change is not None:  # an entry of a list, kept as a fact of the list's name
        assessed = state.get("safety")
        if assessed is not None and assessed.crisis:
            return FactsTrace()  # the reply spoke of the crisis, not the list: left as it was
        return FactsTrace(learned=keep_list(memory, state["user_id"], change, turn_id))
    message = own_words(state.get("message", ""))  # not the facts of a pasted text
    message = in_their_words(message, state.get("recent"))  # "he's allergic": who is meant
    # "Maya is allergic to peanuts", of a daughter told before, is read as "my daughter Maya":
    # what is told of them, not them again ("Milo is 13 now" is no second cat called Milo)
    candidates = find_facts(message) or [
        c for c in find_facts(own_words(state.get("said") or ""))
        if "'s " in c.attribute or memory.facts.named_before(state["user_id"], c)]

    error, by = None, "rules"
    padded = f" {message.lower()} "
    if extractor is not None and not candidates and any(c in padded for c in CUES) \
            and not message.strip().endswith("?"):
        candidates, error = model_facts(extractor, message)
        by = "rules" if error else "model"
    recalled = [r.text for r in state.get("recalled") or []]
    outcomes, skipped = [], 0
    for candidate in candidates:
        if was_recalled(candidate, recalled):
            skipped += 1
            continue
        done = record(memory, state["user_id"], candidate, [turn_id])
        outcomes.append(LearnedFact(action=done.action, id=done.item_id,
                                    replaced=done.replaced))
    trace = FactsTrace(learned=outcomes, skipped_as_recalled=skipped, by=by)
    if error:
        trace.extractor_error = error[:200]
    return trace


def keep_list(memory: Memory, user: str, change: lists.Change,
              turn_id: str) -> list[LearnedFact]:
    """Make the person's list what ``change`` asks: entries added as facts of the list's name,
    or deleted (as the reply said: :func:`agents.lists.reply`)."""
    items = lists.entries(memory, user, change.name)
    _, added, gone = lists.after(change, [lists.entry(i) for i in items])
    outcomes = [record(memory, user, Candidate(change.name, entry, entry), [turn_id])
                for entry in added]
    done = [LearnedFact(action=o.action, id=o.item_id) for o in outcomes]
    for item in items:
        if lists.entry(item) in gone:
            memory.forget(user, item.id)
            done.append(LearnedFact(action="removed", id=item.id))
    return done
