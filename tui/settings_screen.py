"""Settings: which model plays each role, the budgets of a turn, and the theme.

Changes apply from the next message on, and are kept in the settings file (``tacit config``
shows where it is), so the next start has them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from assistant.errors import TacitError
from assistant.service import Tacit
from assistant.settings import save_settings
from tui.background import in_background, report
from tui.guard import Guarded
from tui.model_picker import ModelPicker, model_choices
from tui.text_prompt import TextPrompt

ROLES = ("chat", "extractor", "summarizer", "refiner")
LIMITS = (  # (setting, what it is, unit)
    ("context_budget", "prompt budget", "tokens"),
    ("retrieval_budget", "memory budget", "tokens"),
    ("chat.max_tokens", "longest reply", "tokens"),
    ("recent_turns", "recent turns kept verbatim", "turns"),
    ("refine_model_calls", "refiner model calls", "per turn"),
    ("learning_calls_per_turn", "learning model calls", "per turn"),
    ("questions_per_session", "questions asked", "per conversation"),
)
DARK, LIGHT = "textual-dark", "textual-light"
NOTE = ("Enter changes the highlighted line. Changes are kept in the settings file (tacit "
        "config shows where).")


def keep(app: App[Any], changes: dict[str, Any]) -> None:
    """Write ``changes`` to the settings file for the next start; when the file cannot take
    them, say so (they still hold for this run, and the file is left as it was)."""
    try:
        save_settings(changes)
    except TacitError as err:
        report(app, err)


@dataclass(frozen=True)
class Row:
    """One line of the settings: a role's model, a limit, or the theme."""

    key: str     # "model:<role>", a setting's name, or "theme"
    label: str


class SettingsScreen(Guarded, Screen[None]):
    """Models, budgets and theme; Enter changes the highlighted one, Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Back")]

    class ModelChanged(Message):
        """The chat model is another one now (the status line names it)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, tacit: Tacit) -> None:
        super().__init__()
        self.tacit = tacit
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Static("Settings · Esc back", classes="title")
        yield OptionList(id="settings")
        yield Static(NOTE, classes="note")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        settings = self.tacit.settings
        rows = []
        for role in ROLES:
            own = getattr(settings, role)
            model = own.model if own is not None else "same as chat"
            rows.append(Row(f"model:{role}", f"{role + ' model':<28} {model}"))
        for name, what, unit in LIMITS:
            value = (settings.chat.max_tokens if name == "chat.max_tokens"
                     else getattr(settings, name))
            rows.append(Row(name, f"{what:<28} {value} {unit}"))
        theme = "light" if self.app.theme == LIGHT else "dark"
        rows.append(Row("theme", f"{'theme':<28} {theme} (Ctrl+T switches)"))
        self.rows = rows
        listing = self.query_one("#settings", OptionList)
        at = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(r.label, id=r.key) for r in rows])
        listing.highlighted = at or 0

    @on(OptionList.OptionSelected, "#settings")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key == "theme":
            self.app.theme = DARK if self.app.theme == LIGHT else LIGHT
            self._fill()
        elif key.startswith("model:"):
            self._pick_model(key.removeprefix("model:"))
        else:
            self._set_limit(key)

    def _set_limit(self, name: str) -> None:
        what = next(w for n, w, _ in LIMITS if n == name)
        current = (self.tacit.settings.chat.max_tokens if name == "chat.max_tokens"
                   else getattr(self.tacit.settings, name))

        def typed(value: str | None) -> None:
            if value is None:
                return
            try:
                kept = self.tacit.change_setting(name, value.strip())
            except TacitError as err:
                report(self.app, err)
            else:
                keep(self.app, {name: kept})
            self._fill()

        self.app.push_screen(
            TextPrompt(f"New {what}", f"A whole number (now {current})", str(current)), typed)

    @work(group="settings", exit_on_error=False)
    async def _pick_model(self, role: str) -> None:
        settings = self.tacit.settings
        own = getattr(settings, role)
        current = own.model if own is not None else None
        folders = [settings.data_dir / "models", settings.cache_dir / "models"]
        choices = await in_background(lambda: model_choices(role, current, folders))

        def picked(name: str | None) -> None:
            if name is not None and name != (current or ""):
                self._use_model(role, name)

        self.app.push_screen(ModelPicker(role, current, choices), picked)

    @work(group="settings", exit_on_error=False)
    async def _use_model(self, role: str, name: str) -> None:
        """Switch the role to ``name``; a chat model is loaded at once, and put back if it
        will not load."""
        if getattr(self.app, "busy", False):
            self.notify("Tacit is busy; change the model when the reply is done.",
                        severity="warning")
            return
        try:
            before = self.tacit.use_model(role, name or None)
            if role == "chat":
                self.notify(f"Loading {name}…", markup=False)
                loaded = await in_background(lambda: self.tacit.model.name)
                self.post_message(self.ModelChanged(loaded))
        except TacitError as err:
            if role == "chat":
                self.tacit.use_model(role, before)
            report(self.app, err)
        else:  # a role left to the chat model has no table of its own in the file
            keep(self.app, {f"{role}.model": name} if name else {role: None})
        self._fill()
