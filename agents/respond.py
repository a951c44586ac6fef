"""respond: build the prompt within the model's budget, then generate the reply, streamed.

The prompt holds, in order of what is dropped last: the system text and the message itself,
recalled memory (least relevant dropped first), and this session's recent turns (oldest
dropped first). Tokens are counted with the model's own tokenizer.

Preference guidance goes at the end of the person's message, as a short reminder
(``preference_reminder``): a small model follows a line next to the request more often than
the same line in the system text. Known preferences also shape the reply beyond the prompt: a
person who wants short answers gets a shorter reply budget and one who wants detailed answers
a longer one (``reply_budget``). The refine node then checks the draft against them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from langgraph.runtime import Runtime

from agents import prompts
from agents.elicit import assumption_note
from agents.llm import ChatModel, Message
from agents.state import TurnContext, TurnState

# Chat templates add a few tokens per message that the text alone does not show.
PER_MESSAGE_OVERHEAD = 8
BRIEF_REPLY_TOKENS = 120   # about three sentences
DETAILED_FACTOR = 2        # a person who wants detail may get twice the usual reply length


def reply_budget(usual: int, detail: str | None) -> int:
    """Most reply tokens for a person whose known length preference is ``detail``."""
    if detail == "brief":
        return min(usual, BRIEF_REPLY_TOKENS)
    if detail == "detailed":
        return usual * DETAILED_FACTOR
    return usual


@dataclass
class Prompt:
    messages: list[Message]
    tokens: int
    memory_used: list[str] = field(default_factory=list)
    recent_used: int = 0
    dropped: int = 0
    instructions_used: int = 0


def assemble_prompt(model: ChatModel, *, user: str, message: str, today: datetime,
                    recalled: list[dict[str, Any]], recent: list[dict[str, str]],
                    budget: int, guidance: str = "",
                    instructions: list[str] | None = None, reminder: str = "") -> Prompt:
    """The messages for this turn, fitted into ``budget`` tokens.

    ``reminder`` (preference guidance lines) is appended to the message itself.

    Standing ``instructions`` that apply are kept longer than recalled memory: memory is
    dropped first, then instructions from the last.
    """
    def cost(text: str) -> int:
        return model.count_tokens(text) + PER_MESSAGE_OVERHEAD

    def system_text(entries: list[str]) -> str:
        knowledge = prompts.render("memory_block", entries="\n".join(entries)) if entries else ""
        if rules:
            block = prompts.render("instructions_block", user=user,
                                   rules="\n".join(f"- {r}" for r in rules))
            knowledge = f"{block}\n{knowledge}".strip()
        if guidance:
            knowledge = f"{knowledge}\n{guidance}".strip()
        return prompts.render("respond_system", today=f"{today:%A %d %B %Y}", user=user,
                              knowledge=knowledge)

    if reminder.strip():
        lines = " ".join(line.strip() for line in reminder.splitlines() if line.strip())
        message = f"{message}\n\n{prompts.render('preference_reminder', lines=lines).strip()}"
    entries = [r["text"] for r in recalled]
    rules = list(instructions or [])
    fixed = cost(message)
    while entries and cost(system_text(entries)) + fixed > budget:
        entries.pop()  # recalled is ranked best first: drop from the tail
    while rules and cost(system_text(entries)) + fixed > budget:
        rules.pop()
    system = system_text(entries)
    used = cost(system) + fixed
    history: list[Message] = []
    kept = 0
    for turn in reversed(recent):
        pair = cost(turn["user"]) + cost(turn["assistant"])
        if used + pair > budget:
            break
        history[:0] = [{"role": "user", "content": turn["user"]},
                       {"role": "assistant", "content": turn["assistant"]}]
        used += pair
        kept += 1
    messages = [{"role": "system", "content": system}, *history,
                {"role": "user", "content": message}]
    ids = [r["id"] for r in recalled[: len(entries)]]
    return Prompt(messages, used, ids, kept, len(recalled) - len(entries), len(rules))


def respond(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
    ctx = runtime.context
    prompt = assemble_prompt(
        ctx.model, user=state["user_id"], message=state["message"], today=ctx.clock(),
        recalled=state.get("recalled", []), recent=state.get("recent", []),
        budget=ctx.context_budget,
        instructions=[i["text"] for i in state.get("instructions") or []],
        guidance=state.get("safety_guidance", ""),
        reminder=state.get("preference_guidance", ""),
    )
    known = state.get("preferences") or {}
    room = ctx.model.context_window - prompt.tokens
    max_tokens = max(16, min(reply_budget(ctx.max_reply_tokens, known.get("detail")), room))
    started = time.perf_counter()
    parts: list[str] = []
    for piece in ctx.model.stream(prompt.messages, max_tokens=max_tokens):
        parts.append(piece)
        runtime.stream_writer({"token": piece})
    stats = ctx.model.last_stats
    draft = "".join(parts).strip()
    # What elicit assumed instead of asking is stated, so the person can correct it. The
    # refine node checks the draft against known preferences and writes the stored reply,
    # which front ends show in place of the streamed draft.
    note = assumption_note(state.get("assumptions") or [])
    if note:
        runtime.stream_writer({"token": "\n\n" + note})
    return {
        "draft": draft,  # refine checks it and writes the stored reply
        "trace": {"respond": {
            "model": ctx.model.name, "prompt_tokens": prompt.tokens,
            "reply_tokens": stats.completion_tokens,
            "tokens_per_s": round(stats.tokens_per_s, 2),
            "first_token_ms": round(stats.first_token_s * 1000, 1),
            "generate_ms": round((time.perf_counter() - started) * 1000, 1),
            "memory_in_prompt": prompt.memory_used, "memory_dropped": prompt.dropped,
            "recent_turns_in_prompt": prompt.recent_used, "budget": ctx.context_budget,
            "instructions_in_prompt": prompt.instructions_used, "max_tokens": max_tokens,
        }},
    }
