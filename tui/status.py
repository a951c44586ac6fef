"""The status line: which model answers, how fast it last replied, and what Tacit is doing."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.guard import Guarded


class StatusLine(Guarded, Widget):
    """One line of facts about the assistant; the app sets the fields, the line repaints."""

    model: reactive[str] = reactive("")
    tokens_per_s: reactive[float | None] = reactive(None)
    state: reactive[str] = reactive("")

    def render(self) -> Content:
        parts = [self.model]
        if self.tokens_per_s is not None:
            parts.append(f"{self.tokens_per_s:.1f} tok/s")
        parts.append(self.state)
        # Content, not a markup string: a model name or path may contain "[".
        return Content(" · ".join(part for part in parts if part))
