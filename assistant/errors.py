"""Every error Tacit shows a person derives from :class:`TacitError`.

``TacitError``            root: ``message`` says what went wrong, ``fix`` what to do about it.
├── SettingsError         a settings file or value is malformed.
├── InputError            a message cannot be sent as it is (empty, too long, not text).
│   ├── CommandError      a command cannot be carried out as given (a bad option value).
│   │   └── NotFound      an id names nothing that belongs to this user.
│   └── ImportFileError   a file to import cannot be read or holds no conversation.
├── ModelError            a model cannot be loaded or reached.
└── StoreError            the memory stores cannot be opened or written.
    └── StoreLocked       another process holds the database.

Front ends (CLI, TUI, HTTP) turn these into one line of text; nothing below them prints.
"""

from __future__ import annotations


class TacitError(Exception):
    """Root of Tacit's errors: a message for people and, where one exists, the fix."""

    title = "Tacit error"

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} {self.fix}" if self.fix else self.message


class SettingsError(TacitError):
    title = "Settings problem"


class InputError(TacitError):
    title = "Cannot send that"


class CommandError(InputError):
    """Bad input to a command rather than to the chat: titled for the command, not a message."""

    title = "Cannot do that"


class NotFound(CommandError):
    title = "Not found"


class ImportFileError(InputError):
    title = "Cannot import that file"


class ModelError(TacitError):
    title = "Model problem"


class StoreError(TacitError):
    title = "Memory store problem"


class StoreLocked(StoreError):
    title = "Memory store is busy"
