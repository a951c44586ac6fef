"""respond: build the prompt within the model's budget, then generate the reply, streamed.

The prompt is two messages: a system text with what Tacit knows, and the person's message.
The system text holds, in order of what is dropped last: the standing instructions that
apply, recalled memory (least relevant dropped first) and this session's earlier exchanges
(oldest dropped first), all as plain attributed notes ("ana said: ..."), never as a
transcript: the bundled 135M model continues a "User: ... Assistant: ..." shape, speaks as
the person and copies its earlier answers. A message too long for its share of the budget is
cut (beginning and end kept) and the reply says which part the model read. Tokens are
counted with the model's own tokenizer; the prompt never exceeds the budget nor leaves the
model's context less than ``MIN_REPLY_TOKENS`` for the reply.

The draft is then cut where the model starts quoting its notes, asked again once when it
repeats an earlier answer or leaves nothing, and put in the form a standing instruction asks
for when code can do that without changing what is said (``agents.replies``).

Preference guidance goes at the end of the person's message, as a short reminder
(``preference_reminder``): a small model follows a line next to the request more often than
the same line in the system text. Known preferences also shape the reply beyond the prompt: a
person who wants short answers gets a shorter reply budget and one who wants detailed answers
a longer one (``reply_budget``). The refine node then checks the draft against them.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from langgraph.runtime import Runtime

from agents import (
    appeal_letter,
    body_mass,
    budget,
    calculate,
    capitals,
    changed_mind,
    climate,
    common_facts,
    cover_letter,
    explain,
    gifts,
    hard_news,
    ideas,
    jokes,
    known_answers,
    lists,
    medicine_mix,
    messages,
    mortgage,
    occasions,
    pace,
    periods,
    pet_poisons,
    phrases,
    posts,
    prompts,
    recipes,
    savings,
    study_plan,
    summary,
    tips,
    travel,
    week_plan,
    wine,
)
from agents.about_me import (
    LISTED,
    PEOPLE,
    Listing,
    age_said_of,
    age_told,
    asks_about,
    asks_about_last_time,
    asks_for_rules,
    asks_if_told,
    asks_of_health,
    asks_what_is_known,
    from_their_words,
    health_told,
    last_conversation,
    of_their_words,
    rules_listing,
    told_of,
    what_is_known,
    what_is_known_of,
    whether_told,
    with_relations_named,
)
from agents.contract import COMPOSED, RecalledEntry, RespondTrace, TurnTrace
from agents.elicit import assumption_note
from agents.instructions import instruction_text
from agents.introduced import acknowledged, greeted, in_their_words
from agents.llm import ChatModel, GenerationStats, Message, fit_message
from agents.memory_context import called
from agents.refiners.base import Situation
from agents.refiners.coherence import wrong_language
from agents.refiners.honour import allergens, foods_disliked
from agents.replies import (
    DraftStream,
    after_listing,
    asked_first,
    asks_short,
    asks_shorter,
    follows_format,
    gist,
    new_part,
    own_reply,
    points_back,
    repeats,
    said_again,
    says_nothing,
    shorter,
    turns_away,
    turns_back,
    without_footers,
    without_refusals,
)
from agents.safety import composed_reply
from agents.safety_detect import stated_condition
from agents.safety_resources import split_required
from agents.state import TurnContext, TurnState
from agents.tuning import TurnTuning
from memory.facts import find_facts
from memory.statements import goes_on, own_request, own_words, shares_only

_ANSWERED = re.compile(r"\(you answered: (.*)\)\s*$", re.S)
NO_ANSWER = "I am not sure how to answer that. Could you say a little more?"
# Thanks, and what is said with it that asks nothing ("Thanks, that helps." got four
# paragraphs about the conversation going on "in a more positive way").
_THANKS = (r"(?:thanks|thank you|thank u|thx|ty|cheers|many thanks|ta)(?:\s+(?:so much|very much|"
           r"a lot|again|tacit|mate|pal|buddy|love|man|dude|bro|a million|loads|heaps))*"
           r"(?:\s+for\s+(?:the|your|all the|all your|that|those|these)\s+"
           r"(?:help|tips|advice|ideas|suggestions|recipes?|info|information|answers?|time))?")
# Thanks for being listened to ("Thanks for listening" got a page about "a new way of
# helping people that has just come across my mind").
_LISTENED = (r"(?:thanks|thank you|thank u|thx|cheers)(?:\s+(?:so much|very much|a lot|"
             r"again|tacit))*\s+for\s+(?:listening|being (?:here|there)|hearing me out|"
             r"talking(?:\s+(?:to|with)\s+me)?|the chat|letting me vent|being so kind)")
_PLEASED = (r"(?:(?:that|this|it)(?:'s| is| was|s)?\s+(?:really\s+|very\s+|so\s+|super\s+)?"
            r"(?:helps|helped|helpful|great|useful|perfect|brilliant|lovely|good to know|"
            r"what i needed)|perfect|great|awesome|brilliant|lovely|got it|good to know|"
            r"makes sense|will do|(?:i'?ll|i will) (?:try|give) (?:that|it|those|them)(?: a go)?|"
            # "Thanks, I'll rest." got "the road ahead brings many challenges"
            r"(?:i'?ll|i will) (?:(?:get some |have a )?rest|take it easy|do that|look into (?:it|"
            r"that)|bear (?:that|it) in mind|keep (?:that|it) in mind|see how it goes|let you "
            r"know(?: how it goes)?)|"
            # "Thanks, I think I'll go for a walk." got "2018 was a great year for the outdoors"
            r"(?:i think |maybe |probably )?(?:i'?ll|i will|i'?m going to|i might) (?:go for a "
            r"(?:walk|run|swim|bike ride|drive)|get some (?:fresh air|sleep)|have a (?:bath|nap|"
            r"lie down|cup of tea|cuppa|early night)|get an early night|go to bed|call (?:a "
            r"friend|my \w+)|put the kettle on)(?: (?:now|later|then|tonight|in a bit))?|"
            # "Thanks, you've been a great help" got "I'm glad to have you as a helpful
            # assistant."
            r"you(?:'ve| have)? been (?:a |such a |so )?(?:great|big|real|huge|massive|really "
            r"good|lovely)?\s*(?:help|helpful|star|lifesaver|legend))")
# Thanks or a goodbye and nothing else: the small model echoes "thanks!" back.
_COURTESY = {
    "You're welcome. I'm here whenever you want to talk.": re.compile(
        rf"^\W*(?:{_PLEASED}[\s.!,]+)?{_LISTENED}(?:[\s.!,]+(?:{_THANKS}|{_PLEASED}))*[\s.!,]*$",
        re.IGNORECASE),
    "You're welcome!": re.compile(
        rf"^\W*(?:{_PLEASED}[\s.!,]+)?{_THANKS}(?:[\s.!,]+(?:{_THANKS}|{_PLEASED}))*[\s.!,]*$|"
        rf"^\W*{_PLEASED}(?:[\s.!,]+{_PLEASED})*[\s.!,]+{_THANKS}[\s.!,]*$", re.IGNORECASE),
    "Bye for now!": re.compile(
        rf"^\W*(?:(?:{_LISTENED}|{_THANKS})[\s.!,]+)?"
        r"(?:bye|goodbye|bye bye|see you|see ya|good night|night|later|ttyl|catch you later|"
        r"(?:talk|speak|chat) (?:to you )?(?:soon|later|tomorrow|next week|then)|"
        r"have a (?:good|great|nice|lovely) (?:day|night|evening|weekend))"
        r"(?:\s+(?:for now|then|tacit|later|soon|tomorrow))*[\s.!,]*$", re.IGNORECASE),
}
# Chat templates add a few tokens per message that the text alone does not show.
PER_MESSAGE_OVERHEAD = 8
MIN_REPLY_TOKENS = 128   # the model's context always keeps this much room for the reply
MIN_PROMPT = 256
EARLIER_CHARS = 400      # an earlier message of this session, as a note
# The tuned numbers (the message's share of the prompt, reply lengths, what counts as a
# repeat and how the retry samples) are in data/turn_tuning.yaml (``agents.tuning``).


def reply_budget(usual: int, detail: str | None, tuning: TurnTuning | None = None) -> int:
    """Most reply tokens for a person whose known length preference is ``detail``."""
    tuning = tuning or TurnTuning.defaults()
    if detail == "brief":
        return min(usual, tuning.brief_reply_tokens)
    if detail == "detailed":
        return usual * tuning.detailed_factor
    return usual


@dataclass
class Prompt:
    messages: list[Message]
    tokens: int
    memory_used: list[str] = field(default_factory=list)
    recent_used: int = 0
    dropped: int = 0
    instructions_used: int = 0
    message_cut: dict[str, int] = field(default_factory=dict)  # what of a long message was seen


def cut_note(cut: dict[str, int]) -> str:
    """What the person is told when their message did not fit the model's context."""
    if not cut:
        return ""
    return (f"(Your message was long: the model read its first {cut['head']:,} and last "
            f"{cut['tail']:,} of {cut['chars']:,} characters.)")


def _reminder(guidance: str) -> str:
    """Preference guidance as the lines appended to the person's message ("" for none)."""
    if not guidance.strip():
        return ""
    lines = " ".join(line.strip() for line in guidance.splitlines() if line.strip())
    return f"\n\n{prompts.render('preference_reminder', lines=lines).strip()}"


def assemble_prompt(model: ChatModel, *, user: str, message: str, today: datetime,
                    recalled: Sequence[RecalledEntry], recent: list[dict[str, str]],
                    budget: int, guidance: str = "",
                    instructions: list[str] | None = None, reminder: str = "",
                    tuning: TurnTuning | None = None) -> Prompt:
    """The messages for this turn, fitted into ``budget`` tokens.

    ``reminder`` (preference guidance lines) is appended to the message itself.

    Standing ``instructions`` that apply are kept longer than recalled memory: memory is
    dropped first, then instructions from the last. A message longer than ``message_share``
    of the budget (tuned) is cut, leaving recall and instructions the rest, and
    ``Prompt.message_cut`` says how.
    Past exchanges of this session come as notes in the system text, never as turns of a
    transcript: the person's words, and of Tacit's replies only what ``recall`` kept.
    """
    def cost(text: str) -> int:
        return model.count_tokens(text) + PER_MESSAGE_OVERHEAD

    def system_text(entries: list[str], earlier: list[str]) -> str:
        parts = []
        if rules:
            parts.append(prompts.render("instructions_block", user=user,
                                        rules="\n".join(f"- {r}" for r in rules)))
        if entries:
            parts.append(prompts.render("memory_block", user=user,
                                        entries="\n".join(f"- {e}" for e in entries)))
        if earlier:
            parts.append(prompts.render("recent_block",
                                        exchanges="\n".join(f"- {e}" for e in earlier)))
        if guidance:
            parts.append(guidance)
        return _system_text(user, today, "\n\n".join(parts))

    budget = min(budget, max(MIN_PROMPT, model.context_window - MIN_REPLY_TOKENS))
    rules = list(instructions or [])
    entries = [r.text for r in recalled]
    follow = follows_on(message, recent)
    tail = (f"\n\n{follow}" if follow else "") + _reminder(reminder)
    room = int(budget * (tuning or TurnTuning.defaults()).message_share) - cost(tail)
    message, cut = fit_message(model, message, max(room, 16))
    message += tail
    fixed = cost(message)
    while entries and cost(system_text(entries, [])) + fixed > budget:
        entries.pop()  # recalled is ranked best first: drop from the tail
    while rules and cost(system_text(entries, [])) + fixed > budget:
        rules.pop()
    earlier: list[str] = []
    kept = 0
    for turn in reversed(recent):
        line = _exchange(turn, user)
        if not line or cost(system_text(entries, [line, *earlier])) + fixed > budget:
            break
        earlier.insert(0, line)
        kept += 1
    system = system_text(entries, earlier)
    used = cost(system) + fixed
    messages = [{"role": "system", "content": system}, {"role": "user", "content": message}]
    ids = [r.id for r in recalled[: len(entries)]]
    return Prompt(messages, used, ids, kept, len(recalled) - len(entries), len(rules), cut)


def follows_on(message: str, recent: list[dict[str, str]]) -> str:
    """For a message that goes on from the one before ("Something quicker please", "what
    about one with noodles?"), a note of what that one asked, put next to it: a small model
    reading "Something quicker please" alone answered "I'll be happy to help you with your
    next task". "" otherwise."""
    if not recent or not goes_on(message):
        return ""
    before = " ".join(recent[-1].get("user", "").split())
    if len(before) > EARLIER_CHARS:
        before = before[:EARLIER_CHARS].rstrip() + " ..."
    return f"(This follows on from: \"{before}\")" if before else ""


def _exchange(turn: dict[str, str], user: str) -> str:
    """One earlier exchange of this session as a note: what they said, what Tacit answered."""
    said = " ".join(turn.get("user", "").split())
    if len(said) > EARLIER_CHARS:
        said = said[:EARLIER_CHARS].rstrip() + " ..."
    if not said:
        return ""
    answer = gist(turn.get("assistant", ""))
    return f"{user} said: {said}" + (f" (you answered: {answer})" if answer else "")


def _system_text(user: str, today: datetime, knowledge: str) -> str:
    return prompts.render("respond_system", today=f"{today:%A %d %B %Y}", user=user,
                          knowledge=knowledge)


def start_prefill(model: ChatModel, memory: Any, user_id: str,
                  today: datetime) -> threading.Thread | None:
    """Start reading the head every reply prompt begins with (who Tacit is, today, the
    person's name) into the model, on a thread, while recall and safety run: the reply's
    call then reads only the rest. Returns the thread (None when the backend keeps nothing).
    The text is the one ``assemble_prompt`` writes; if it differs, the model reads the whole
    prompt as it would have anyway."""
    prefill = getattr(model, "prefill", None)
    if prefill is None:
        return None
    head = [{"role": "system", "content": _system_text(called(memory, user_id), today,
                                                       "").rstrip()}]

    def run() -> None:
        try:
            prefill(head)
        except Exception:  # a head not read ahead is read with the whole prompt
            return

    # Not a daemon: a process that ends meanwhile waits for the read (a fraction of a second)
    # instead of freeing the model under it.
    thread = threading.Thread(target=run, name="tacit-prefill")
    thread.start()
    return thread


def _called(user_id: str, ctx: TurnContext) -> str:
    return called(ctx.memory, user_id)


def _prompt(state: TurnState, ctx: TurnContext, recent: list[dict[str, str]]) -> Prompt:
    """This turn's prompt, with ``recent`` as the session's earlier exchanges."""
    return assemble_prompt(
        ctx.model, user=_called(state["user_id"], ctx), message=state["message"],
        today=ctx.clock(),
        recalled=state.get("recalled", []), recent=recent, budget=ctx.context_budget,
        instructions=[i.text for i in state.get("instructions") or []],
        guidance=state.get("safety_guidance", ""),
        reminder=state.get("preference_guidance", ""),
        tuning=ctx.tuning)


def _read_back(state: TurnState, prompt: Prompt) -> tuple[list[str], list[str]]:
    """The prompt's lines a draft line may not copy (its notes, the preference reminder), and
    safety's guidance, which no sentence of it may read out ("You asked for specifics that
    could hurt them."). The reminder's examples ("vegetables, beans, lentils") may be said:
    they are what the person asked for."""
    guidance = state.get("preference_guidance", "")
    lines = [ln.strip(" -") for ln in prompt.messages[0]["content"].splitlines()]
    lines += [ln.strip(" -") for ln in guidance.splitlines()]
    lines += [follows_on(state["message"], state.get("recent") or [])]
    guides = [ln.strip(" -") for ln in state.get("safety_guidance", "").splitlines()
              if ln.strip(" -")]
    return lines, guides


def _stream_draft(prompt: Prompt, stream: DraftStream, ctx: TurnContext,
                  runtime: Runtime[TurnContext], max_tokens: int) -> GenerationStats:
    """Generate the draft, showing it as it comes; returns what the generation cost."""
    stats = GenerationStats()
    for piece in ctx.model.stream(prompt.messages, max_tokens=max_tokens, stats=stats):
        shown = stream.feed(piece)
        if shown:
            runtime.stream_writer({"token": shown})
        if stream.stopped:
            break  # the model began writing the person's next turn
    rest = stream.finish()
    if rest:
        runtime.stream_writer({"token": rest})
    return stats


def _earlier(state: TurnState) -> list[str]:
    """What Tacit said before that a draft must not repeat: this session's replies, answers
    quoted in recalled turns, and its latest replies in earlier sessions."""
    earlier = [t.get("said") or t.get("assistant", "") for t in state.get("recent") or []]
    earlier += [m.group(1) for r in state.get("recalled") or []
                if (m := _ANSWERED.search(r.text))]
    earlier += state.get("said_before") or []
    return [e for e in earlier if e]


def _again(state: TurnState, ctx: TurnContext, draft: str, earlier: list[str],
           prompt_lines: list[str], max_tokens: int,
           guides: list[str] | None = None) -> tuple[str, bool, int]:
    """A small model that saw its last answer may give it again, or only copy its notes:
    ask once more, without this session's notes, and with more freedom in the wording.
    Returns (the draft, whether the second try failed too, the reply tokens spent)."""
    stats = GenerationStats()
    again = own_reply(ctx.model.complete(_prompt(state, ctx, []).messages, max_tokens=max_tokens,
                                         temperature=ctx.tuning.retry_temperature,
                                         stats=stats).strip(),
                      _called(state["user_id"], ctx), prompt_lines, ctx.tuning.copy_similarity,
                      guides)
    if again and not points_back(again) and \
            repeats(again, earlier, ctx.tuning.repeat_similarity) is None:
        return again, False, stats.completion_tokens
    # Twice the same answer: keep only what it says that is new, if anything.
    kept = new_part(draft or again, earlier)
    return (kept if kept and not points_back(kept) else NO_ANSWER), True, stats.completion_tokens


def _shared(state: TurnState) -> bool:
    """Whether the message only shares news or a feeling, and answers no question Tacit asked
    ("I'm going to Rome in May" after "Where to?" wants the plan it was asked for)."""
    recent = state.get("recent") or []
    last = (recent[-1].get("said") or recent[-1].get("assistant", "")) if recent else ""
    asked = last.rstrip().endswith("?")
    return not asked and shares_only(own_words(state["message"]))


def _in_another_language(draft: str, state: TurnState) -> bool:
    """Whether the whole draft is in a language the person did not write in nor ask for: the
    small model at times answers an English question in made-up German. A new draft is more
    often right than its translation by the same model."""
    rules = [i.text for i in state.get("instructions") or []]
    found = wrong_language(draft, Situation(request=state["message"], instructions=rules))
    return any(f.span == draft for f in found)


def _in_crisis(state: TurnState) -> bool:
    assessment = state.get("safety")
    return assessment is not None and bool(assessment.crisis)


def _first_reply(state: TurnState, ctx: TurnContext) -> str:
    """This conversation's first reply, crisis lines and footers aside."""
    turns = ctx.memory.turns(state["user_id"], state["session_id"], last=None)
    return next((said for t in turns if (said := split_required(
        without_footers(t.reply_text))[1].strip())), "")


def _first_message(state: TurnState, ctx: TurnContext) -> str:
    """This conversation's first message of the person's own, or "" before there is one."""
    turns = ctx.memory.turns(state["user_id"], state["session_id"], last=None)
    return next((own_request(t.user_text) for t in turns if t.user_text.strip()), "")


def _idea_needs(state: TurnState, ctx: TurnContext, read: set[str] | None = None) -> ideas.Needs:
    """What ideas must fit: the diet known for this turn, the allergies of the person (and of
    those the conversation speaks of), a long-term condition safety knows of or a goal of
    less sugar, and what the person said they like."""
    facts = [item.text for item in ctx.memory.items(state["user_id"], "fact")]
    about = " ".join([state["message"], *(t.get("user", "") for t in state.get("recent") or [])])
    assessed = state.get("safety")
    health = assessed.attributes_known.get("health_status") if assessed is not None else None
    # "something without chocolate" bears on no diet, but the ideas still must fit it
    diet = str(_known_or_believed(state, ctx, ("diet",), read).get("diet") or "")
    likes = tuple(item.text for item in ctx.memory.items(state["user_id"], "preference"))
    # ... and a goal of less sugar ("I'm trying to eat less sugar") asks for lighter ideas too
    lighter = health == "a long-term condition" or any(_LESS_SUGAR.search(f) for f in facts)
    return ideas.Needs(diet, tuple(allergens(facts, about)), lighter, likes,
                       tuple(state.get("said_before") or ()),
                       tuple(foods_disliked(facts, about)))


_LESS_SUGAR = re.compile(r"^goal: .*\b(?:less|no|cut(?:ting)? (?:down|back|out)(?: on)?|"
                         r"reduce|lower|quit)\b.*\bsugar", re.IGNORECASE)


def _how_they_learn(state: TurnState, ctx: TurnContext,
                    read: set[str] | None = None) -> dict[str, Any]:
    """The detail, expertise and learning style known for this turn, else as the profile holds
    them: "what is encryption?" names none of them, yet someone who learns by analogies does."""
    return _known_or_believed(state, ctx, ("detail", "expertise", "learning_style"), read)


def _known_or_believed(state: TurnState, ctx: TurnContext, names: tuple[str, ...],
                       read: set[str] | None = None) -> dict[str, Any]:
    """The turn's preferences, with each of ``names`` the turn does not know filled in from
    the profile where it holds a value (the profile is read only then); ``read`` hears the
    names, so a reply written by code says only the assumptions it rests on."""
    if read is not None:
        read.update(names)
    known = dict(state.get("preferences") or {})
    missing = [name for name in names if not known.get(name)]
    beliefs = ctx.memory.profile.beliefs(state["user_id"]) if missing else {}
    for name in missing:
        belief = beliefs.get(name)
        if belief is not None and belief.known and not belief.no_preference:
            known[name] = belief.best[0]
    return known


def _turned_away(draft: str, state: TurnState) -> bool:
    """A refusal, or the request said back as something the person may not do, where a refusal
    does not fit."""
    return (turns_away(draft) or turns_back(draft, state["message"])) and \
        not _refusal_fits(state)


def _at_risk(state: TurnState) -> bool:
    """Whether safety found the person at risk, or withholds specifics from them (a BMI is not
    worked out for someone who may have an eating disorder)."""
    found = state.get("safety")
    return found is not None and bool(found.at_risk or found.withhold_specifics or found.crisis)


def _refusal_fits(state: TurnState) -> bool:
    """Whether a reply that turns the person away may stand: a crisis, a possible one, or
    dangerous specifics asked while Tacit does not know the person is safe. Elsewhere (a
    sad message, a personal question) a refusal leaves them with nothing: the model is asked
    once more."""
    found = state.get("safety")
    return found is not None and (found.crisis or found.crisis_level != "none"
                                  or found.withhold_specifics or found.at_risk)


def by_code(state: TurnState, ctx: TurnContext) -> TurnState | None:
    """The reply when code writes it, which the small model gets wrong: the rest of a crisis
    reply, thanks or a goodbye, a rule acknowledged (what was noted follows, word for word,
    in the footer), a sum or a conversion (:mod:`agents.calculate`), what the model cannot
    know (what Tacit is, the day and time, reminders: :mod:`agents.known_answers`), what the
    person told of themselves said back (:mod:`agents.introduced`), or the list of what Tacit
    knows, all of it or one thing of it ("What's my job?", :mod:`agents.about_me`); None when
    the model writes."""
    message = state.get("said") or state["message"]  # someone of theirs named as theirs
    recent = state.get("recent") or []
    read: set[str] = set()  # what of their preferences the code that writes the reply reads
    composed = (composed_reply(state)
                or next((reply for reply, said in _COURTESY.items() if said.match(message)), "")
                or greeted(message, lambda: ctx.memory.facts.current(state["user_id"], "name"))
                # a list change is kept only outside a crisis (agents.learn_facts): "remind me to
                # say goodbye to everyone" is never said to be on their to-do list
                or ("" if _in_crisis(state) else _list_kept(state, ctx))
                or calculate.answer(message)
                or calculate.carried_on(message, recent)
                or calculate.at_rate(message, lambda rate: ctx.memory.facts.current(
                    state["user_id"], rate))
                or calculate.per_each(message)
                or pace.answer(message)
                or periods.answer(message, recent)
                or periods.smoking_saved(message, recent)
                or pet_poisons.answer(message)
                or gifts.answer(message, recent)
                or messages.answer(message, recent, lambda: ctx.memory.facts.current(
                    state["user_id"], "name"))
                or posts.answer(message, recent, lambda: [
                    instruction_text(i) for i in ctx.memory.instructions.list(state["user_id"])])
                or shorter(message, recent)
                or said_again(message, recent, lambda: _first_reply(state, ctx))
                or asked_first(message, lambda: _first_message(state, ctx))
                or jokes.answer(message, recent)
                # "Remember that I want to die" is never said back, nor "remind me to say
                # goodbye" told about reminders: the model answers under the crisis block.
                or ("" if _in_crisis(state) else _greeted_first(message, _in_points(
                    _everyday(state, ctx, read), state))))
    if composed:
        # What elicit assumed is said only where the reply rests on it: "(Assumed budget: tight
        # budget.)" under a camping packing list that no budget shaped was noise.
        return {"draft": composed, "trace": TurnTrace(respond=RespondTrace(model=COMPOSED)),
                "assumptions": [a for a in state.get("assumptions") or []
                                if a.partition(":")[0].strip().replace(" ", "_") in read]}
    listing = _listing(message, state, ctx)
    if listing is None and asks_shorter(message) and after_listing(recent):
        # "make it shorter" after a listing: the same listing, without where each was told
        listing = _listing(recent[-1].get("user") or "", state, ctx)
        if listing is not None:
            listing.text = _TOLD_ON.sub("", listing.text)
    if listing is None:
        return None
    return {"draft": listing.text, "trace": TurnTrace(respond=RespondTrace(
        model=LISTED, memory_in_prompt=listing.ids))}


def _in_points(reply: str, state: TurnState) -> str:
    """An everyday reply written by code in bullet points when a standing rule asks for them,
    as a model's draft is ("Thanks for telling me. I'll remember that your sister is vegan."
    came as one line under "From now on, answer in bullet points."). A rule of length is left
    to the code that wrote it: tips come two at a time, and a recipe is not cut short."""
    rules = [i.text for i in state.get("instructions") or []]
    pointed = [r for r in rules if not asks_short([r])]
    return follows_format(reply, pointed) if reply and pointed else reply


def _greeted_first(message: str, reply: str) -> str:
    """``reply``, after a hello by name when the message introduced them ("I'm Ravi. I'm going
    to Rome next month." got the guide to Rome and no word of Ravi)."""
    if not reply:
        return ""
    name = next((f.value for f in find_facts(message) if f.attribute == "name"), "")
    return f"Nice to meet you, {name}!\n\n{reply}" if name and name not in reply else reply


def _everyday(state: TurnState, ctx: TurnContext, read: set[str]) -> str:
    """The code-written answer to an everyday request outside a crisis, or "": a text
    summarised by its own sentences, what the model cannot know
    (:mod:`agents.known_answers`), a capital city, a common fact, a phrase or words from the
    phrasebook, whether medicines mix, a budget worked out, a saving towards a sum, a cover
    letter to fill in, a wine for a dish, a week or a study plan, a recipe, tips, a message for an
    occasion, a word for hard news or good, ideas from a menu, a city's usual weather or its
    guide, an everyday idea explained, a dislike given up, or a feeling said back."""
    message, recent = state.get("said") or state["message"], state.get("recent") or []
    rules = [i.text for i in state.get("instructions") or []]
    short = asks_short(rules)
    # a text to summarise first: its words are not a request; then the usual weather of a
    # month: "the weather in Madrid in August" is no forecast
    return (summary.answer(message)
            or climate.answer(message, recent, lambda: ctx.clock().date())
            or known_answers.answer(message, ctx.clock(), lambda whose: ctx.memory.facts
                                    .current(state["user_id"], whose), lambda: ctx.memory.facts
                                    .current(state["user_id"], "home city"))
            or capitals.answer(message, recent)
            or common_facts.answer(message, recent, lambda: str(_known_or_believed(
                state, ctx, ("units",), read).get("units") or ""))
            or phrases.answer(message, lambda: ctx.memory.facts.values(state["user_id"],
                                                                      "learning"), rules=rules)
            or medicine_mix.answer(message, recent)
            or appeal_letter.answer(message, recent)
            or (body_mass.answer(message, recent) if not _at_risk(state) else None)
            or mortgage.answer(message, recent)
            or budget.answer(message, recent)
            or savings.answer(message, recent, ctx.clock().date())
            or cover_letter.answer(message)
            or wine.answer(message)
            or week_plan.answer(message, lambda: str(_known_or_believed(
                state, ctx, ("schedule",), read).get("schedule") or ""))
            or week_plan.day(message)
            or study_plan.answer(message, lambda: ctx.memory.facts.values(state["user_id"],
                                                                          "learning"),
                                 ctx.clock().date())
            or recipes.answer(message, recent, lambda: _idea_needs(state, ctx, read), lambda: [
                instruction_text(i) for i in ctx.memory.instructions.list(state["user_id"])])
            # news told goes before tips: "My divorce was finalised and I've been struggling
            # to sleep" is first a divorce
            or hard_news.how_they_are(message, recent)
            or hard_news.answer(message)
            or tips.answer(message, recent, short=short)
            or occasions.answer(message, recent)
            or hard_news.answer(message, hard_news.GOOD)
            or ideas.answer(message, recent, lambda: _idea_needs(state, ctx, read))
            or travel.answer(capitals.with_capitals(_in_their_place(message, state, ctx)), recent,
                             lambda: _idea_needs(state, ctx, read))
            or explain.answer(message, recent, lambda: _how_they_learn(state, ctx, read),
                              short=short)
            or changed_mind.reply(message, lambda: (
                ctx.memory.facts.values(state["user_id"], "dislikes"),
                [i.text for i in ctx.memory.items(state["user_id"], "preference")]))
            or acknowledged(in_their_words(message, recent)) or "")


# "What should I do this weekend in my city?": the city is the one they told ("I live in Leeds")
_MY_PLACE = re.compile(r"\b(?P<at>in|around|near) (?:my (?:city|town|area|village)|where i live)\b",
                       re.IGNORECASE)


def _in_their_place(message: str, state: TurnState, ctx: TurnContext) -> str:
    """``message`` with "my city" as the home city they told, when it says so and one is known
    (their facts are read only then)."""
    if not _MY_PLACE.search(message):
        return message
    home = ctx.memory.facts.current(state["user_id"], "home city")
    return _MY_PLACE.sub(lambda m: f"{m['at']} {home}", message) if home else message


def _list_kept(state: TurnState, ctx: TurnContext) -> str:
    """What a list of theirs holds after what the message asks of it (learn keeps the
    change), or "" for any other message."""
    recent = state.get("recent")
    change = lists.read(state["message"], recent, lambda: recipes.shopping_of(recent))
    return lists.reply(change, [lists.entry(i) for i in lists.entries(
        ctx.memory, state["user_id"], change.name)]) if change is not None else ""


_TOLD_ON = re.compile(r" \((?:you told me on [^)]*|\d{1,2} \w+)\)")


def _listing(message: str, state: TurnState, ctx: TurnContext) -> Listing | None:
    """What Tacit knows, listed by code, for a question of memory; None for any other."""
    listing = None
    if asks_what_is_known(message):
        # a condition told in this conversation is known to it, kept or not
        listing = what_is_known(ctx.memory, state["user_id"], health_told(
            ctx.memory, state["user_id"], [t.id for t in ctx.memory.turns(
                state["user_id"], state["session_id"])], _of_health))
    elif asks_for_rules(message):
        listing = rules_listing(ctx.memory, state["user_id"])
    elif asks_about_last_time(message):
        listing = last_conversation(ctx.memory, state["user_id"], state["session_id"])
    # by the name they said: "my child" of two children names neither
    elif (aged := age_told(ctx.memory, state["user_id"], state["message"]) or age_said_of(
            ctx.memory, state["user_id"], state["message"], _their_turns(state, ctx))) is not None:
        listing = aged
    elif asked := asks_about(with_relations_named(ctx.memory, state["user_id"], message)):
        listing = what_is_known_of(ctx.memory, state["user_id"], asked)
        if listing is None and len(asked) == 1 and asked[0] in PEOPLE:  # "about my wife"
            listing = told_of(ctx.memory, state["user_id"], asked[0], _their_turns(state, ctx))
        elif listing is None and (told := of_their_words(message)):  # "Where am I studying?"
            listing = from_their_words(ctx.memory, state["user_id"], told,
                                       _their_turns(state, ctx))
    elif asks_of_health(message):
        listing = health_told(ctx.memory, state["user_id"], _their_turns(state, ctx),
                              _of_health)
    elif (told := of_their_words(message)) or (yes_or_no := asks_if_told(message)):
        # "What am I training for?", "Did I tell you I have a cat?": their own sentence
        user, turns = state["user_id"], _their_turns(state, ctx)
        listing = from_their_words(ctx.memory, user, told, turns) if told else whether_told(
            ctx.memory, user, yes_or_no, turns, [e.text for e in state.get("recalled") or []])
    return listing


def _of_health(sentence: str) -> bool:
    """Whether a sentence of theirs tells their health: a condition, or a medicine they take
    ("I'm on warfarin for atrial fibrillation." was not, so "What medicine am I on?" got "You
    haven't told me anything about your health")."""
    return stated_condition(sentence) or medicine_mix.takes_medicine(sentence)


def _their_turns(state: TurnState, ctx: TurnContext) -> list[str]:
    """This conversation's turns, newest first, then those recall found."""
    return [t.id for t in reversed(ctx.memory.turns(state["user_id"], state["session_id"]))] + [
        e.id for e in state.get("recalled") or [] if e.kind == "turn"]


def respond(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    ctx = runtime.context
    written = by_code(state, ctx)
    if written is not None:  # the model writes nothing of this reply
        runtime.stream_writer({"token": written["draft"]})
        return written
    rules = [i.text for i in state.get("instructions") or []]
    prompt = _prompt(state, ctx, state.get("recent", []))
    room = ctx.model.context_window - prompt.tokens
    # News or a feeling shared gets a few sentences, not the same comfort said five ways.
    detail = "brief" if _shared(state) else (state.get("preferences") or {}).get("detail")
    max_tokens = max(16, min(reply_budget(ctx.max_reply_tokens, detail, ctx.tuning), room))
    started = time.perf_counter()
    # Lines of the prompt other than the person's own words: a draft line copying one of
    # them is the model reading its notes back ("The user wants short answers: ...").
    prompt_lines, guides = _read_back(state, prompt)
    # The echo checks look for the name the prompt calls the person, not the account's id.
    stream = DraftStream(_called(state["user_id"], ctx), prompt_lines, ctx.tuning, guides)
    stats = _stream_draft(prompt, stream, ctx, runtime, max_tokens)
    reply_tokens = stats.completion_tokens
    draft_text, draft = stream.raw.strip(), stream.draft
    earlier = _earlier(state)
    repeated = repeats(draft, earlier, ctx.tuning.repeat_similarity) is not None
    retried = (repeated or not draft or points_back(draft) or _in_another_language(draft, state)
               or _turned_away(draft, state) or says_nothing(draft, state["message"]))
    if retried:
        draft, still, spent = _again(state, ctx, draft, earlier, prompt_lines, max_tokens,
                                     guides)
        repeated = repeated and still
        reply_tokens += spent
        if not stream.shown.strip() and draft:
            runtime.stream_writer({"token": draft})  # nothing was shown of the first attempt
    if not _refusal_fits(state):  # "I'm sorry for your loss, but I can't help you with that."
        draft = without_refusals(draft)
    formatted = follows_format(draft, rules, ctx.tuning)
    # What elicit assumed instead of asking is stated, so the person can correct it; so is
    # the part of a long message the model saw. The refine node checks the draft against
    # known preferences and writes the stored reply, which front ends show in place of the
    # streamed draft.
    notes = [n for n in (cut_note(prompt.message_cut),
                         assumption_note(state.get("assumptions") or [])) if n]
    if notes:
        runtime.stream_writer({"token": "\n\n" + "\n".join(notes)})
    if prompt.message_cut:
        formatted = f"{formatted}\n\n{cut_note(prompt.message_cut)}".strip()
    return {
        "draft": formatted,  # refine checks it and writes the stored reply
        "trace": TurnTrace(respond=RespondTrace(
            model=ctx.model.name, prompt_tokens=prompt.tokens, reply_tokens=reply_tokens,
            tokens_per_s=round(stats.tokens_per_s, 2),
            first_token_ms=round(stats.first_token_s * 1000, 1),
            generate_ms=round((time.perf_counter() - started) * 1000, 1),
            memory_in_prompt=prompt.memory_used, memory_dropped=prompt.dropped,
            recent_turns_in_prompt=prompt.recent_used, budget=ctx.context_budget,
            instructions_in_prompt=prompt.instructions_used, max_tokens=max_tokens,
            message_cut=prompt.message_cut, repeats=repeated,
            regenerated=retried, scaffold_removed=draft_text != draft and not retried,
            formatted=formatted != draft,
        )),
    }
