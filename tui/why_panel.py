"""The why panel: what a reply was built from, read from the trace its turn stored."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from assistant.memory_views import fact_changes, refine_lines, safety_lines
from tui.guard import Guarded
from tui.text import one_line

NODES = ("recall", "safety", "elicit", "respond", "refine", "memorize")


class WhyPanel(Guarded, ModalScreen[None]):
    """One reply's reasons over the chat, under the message it answered; Escape (or w, F2)
    closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,w,f2,q", "dismiss", "Close"),
    ]

    def __init__(self, why: dict[str, Any], asked: str = "") -> None:
        super().__init__()
        self.why, self.asked = why, asked

    def compose(self) -> ComposeResult:
        to = f" to “{one_line(self.asked, 50)}”" if self.asked else ""
        with VerticalScroll(id="why"):
            yield Static(f"Why this reply{to} · Esc closes", classes="title", markup=False)
            yield Markdown(why_text(self.why))


def why_text(why: dict[str, Any]) -> str:
    """The reasons as Markdown, one section per step of the turn."""
    trace = why.get("trace") or {}
    sections = [_model(trace), _memories(why.get("memories") or [], trace),
                _instructions(trace), _profile(trace, why.get("facts")), _safety(trace),
                _refine(trace),
                _timings(trace)]
    return "\n\n".join(s for s in sections if s)


def _model(trace: dict[str, Any]) -> str:
    respond = trace.get("respond") or {}
    model = respond.get("model") or trace.get("model") or "unknown"
    line = f"## Model\n{model}"
    if respond:
        line += (f" · {respond.get('prompt_tokens', 0)} prompt tokens, "
                 f"{respond.get('reply_tokens', 0)} reply tokens")
    return line


def _memories(memories: list[dict[str, Any]], trace: dict[str, Any]) -> str:
    lines = ["## Memories recalled"]
    for m in memories:
        used = "in the prompt" if m.get("in_prompt") else "left out (budget)"
        found = "+".join(m.get("matched_by") or [])
        lines.append(f"- {one_line(m.get('text', ''))} _({m.get('kind', '?')}, {used}, "
                     f"score {m.get('score', 0):.2f}{', by ' + found if found else ''})_")
    if not memories:
        lines.append("Nothing from memory was used.")
    path = (trace.get("recall") or {}).get("path") or {}
    branch = [f"{len(path.get('topics') or [])} topic(s)",
              f"{len(path.get('sessions') or [])} conversation(s)"] if path else []
    if branch:
        lines.append(f"\nTree branch searched: {', '.join(branch)}.")
    return "\n".join(lines)


def _instructions(trace: dict[str, Any]) -> str:
    found = trace.get("instructions") or {}
    applied = found.get("applied") or []
    lines = ["## Instructions"]
    lines += [f"- {one_line(i.get('text', ''))}: {i.get('reason', '')}" for i in applied]
    lines += [f"- skipped: {one_line(_text(i))}" for i in found.get("skipped") or []]
    if len(lines) == 1:
        lines.append("None applied.")
    return "\n".join(lines)


def _profile(trace: dict[str, Any], texts: dict[str, str] | None = None) -> str:
    elicit = trace.get("elicit") or {}
    lines = ["## Profile and assumptions"]
    lines += [f"- applied: {_text(a)}" for a in elicit.get("applied") or []]
    lines += [f"- assumed: {_text(a)}" for a in elicit.get("assumed") or []]
    lines += [f"- learned: {_text(a)}" for a in trace.get("profile_learned") or []]
    lines += [f"- noted {n.get('kind', '?')}: {one_line(_text(n))}"
              for n in (trace.get("noted") or {}).get("stored") or []]
    facts = ((trace.get("memory") or {}).get("facts") or {}).get("learned") or []
    if facts:
        lines.append(f"- facts: {fact_changes(facts, texts or {})}")
    if elicit.get("decision"):
        lines.append(f"- asking: {elicit['decision']}")
    return "\n".join(lines) if len(lines) > 1 else ""


def _safety(trace: dict[str, Any]) -> str:
    lines = safety_lines(trace)
    if not lines:
        return ""
    return "\n".join([f"## Safety\n{lines[0]}"] + [f"- {d}" for d in lines[1:]])


def _refine(trace: dict[str, Any]) -> str:
    lines = refine_lines(trace)
    if not lines:
        return ""
    out = ["## Refiners", lines[0]] + [f"- {d}" for d in lines[1:]]
    refine = trace.get("refine") or {}
    if refine.get("revised"):
        out.append(f"\nThe draft before checking:\n\n> {one_line(refine.get('draft', ''))}")
    return "\n".join(out)


def _timings(trace: dict[str, Any]) -> str:
    timings = trace.get("timings_ms") or {}
    if not timings:
        return ""
    parts = [f"{node} {timings[node]:.0f} ms" for node in NODES if node in timings]
    return "## Time per step\n" + " · ".join(parts)


def _text(entry: Any) -> str:
    if isinstance(entry, dict):
        return str(entry.get("text") or entry.get("value") or entry)
    return str(entry)
