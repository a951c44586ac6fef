"""Tacit's entries in the command palette (Ctrl+P): every screen and action, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = (  # (name, what it does, the app's action)
    ("New conversation", "start afresh (Ctrl+N)", "new_session"),
    ("Why this reply", "what the picked or newest reply was built from (F2)", "why"),
    ("Copy code", "a code block of the picked or newest reply (c in the transcript)",
     "copy_code"),
    ("Conversations", "search, resume, rename or forget them (Ctrl+B)", "toggle_sessions"),
    ("Memory inspector", "what Tacit remembers, and its tree (F3)", "memory"),
    ("Instructions", "your standing instructions (F4)", "instructions"),
    ("Profile", "preferences and sensitive details (F5)", "profile"),
    ("Settings and models", "models per role, budgets, theme (F6)", "settings"),
    ("Switch light/dark theme", "(Ctrl+T)", "toggle_theme"),
    ("Help", "every key (F1)", "help"),
    ("Quit", "(Ctrl+Q)", "quit"),
)


class TacitCommands(Provider):
    """Finds Tacit's commands by the words of their names."""

    async def discover(self) -> Hits:
        for name, what, action in COMMANDS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=what)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, what, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action),
                          help=what)
