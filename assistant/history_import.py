"""Reading past conversations from a file, for ``tacit memory import``.

Two shapes are read:

- Tacit's own export (``tacit memory export``): restored whole and idempotently by
  :mod:`memory.transfer` (sessions, turns, memory items with their history and provenance,
  standing instructions, profile, audit trail; the tree is rebuilt).
- A plain list of conversations: ``{"sessions": [{"title": "...", "turns": [{"user": "...",
  "assistant": "...", "at": "2024-05-01T09:30:00"}]}]}`` (``assistant``, ``at`` and ``title``
  may be left out; a bare list of sessions is read too).

The whole file is checked before anything is stored, so a bad file stores nothing and the
error names the first problem and where it is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.checks import first_unstorable
from assistant.errors import InputError
from assistant.views import Imported
from memory.facade import ImportedSession, Memory
from memory.transfer import ExportError, is_export, keep_live_session, read_export, restore

FIX = ("Give a file written by `tacit memory export`, or JSON of the form "
       '{"sessions": [{"turns": [{"user": "...", "assistant": "...", '
       '"at": "2024-05-01T09:30"}]}]}.')


def import_file(memory: Memory, user_id: str, path: Path,
                on_start: Callable[[int], None] | None = None,
                on_session: Callable[[], None] | None = None) -> Imported:
    """Import ``path`` for ``user_id``; returns what was stored.

    Tacit's own export is restored record by record (:mod:`memory.transfer`): lossless, and
    importing it again adds nothing. Other conversation files are stored as new sessions.
    ``on_start`` hears how many conversations will be stored, ``on_session`` each one stored
    (a progress bar); an export is restored in one go and reports none.
    """
    data = _load(path)
    if is_export(data):
        try:
            records = read_export(data, user_id)  # checked whole before anything is stored
            restored = restore(memory, user_id, records)
        except ExportError as exc:
            raise InputError(f"{path}: {exc}", fix=FIX) from None
        return Imported(user_id, len(restored.sessions), restored.added.get("turns", 0),
                        restored.summary())
    sessions = _sessions(data, path)
    if on_start is not None:
        on_start(len(sessions))
    live = memory.last_session(user_id)
    stored, imported = 0, set()
    for session, added in memory.import_sessions(user_id, sessions):
        stored += len(added)
        imported.add(session.id)
        if on_session is not None:
            on_session()
    keep_live_session(memory, user_id, live, imported)
    return Imported(user_id, len(sessions), stored)


def _load(path: Path) -> Any:
    """The file's JSON, checked to hold only what can be stored; :class:`InputError` says
    what is wrong and where."""
    data = _parse(path)
    found = first_unstorable(data)
    if found is not None:
        where, problem = found
        raise InputError(f"{path}: {where} holds {problem}.", fix=FIX)
    return data


def _parse(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (RecursionError, MemoryError):
        raise InputError(f"{path} nests its JSON too deeply to read.", fix=FIX) from None
    except FileNotFoundError:
        raise InputError(f"No file at {path}.", fix="Check the path.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder.", fix="Give the path of a JSON file.") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start}).", fix=FIX) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}).",
                         fix=FIX) from None
    except ValueError as exc:  # a number of thousands of digits, a NUL in the path
        raise InputError(f"{path} cannot be read: {exc}.", fix=FIX) from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror or exc}).",
                         fix="Check the path and that the file is readable.") from None


def read_history(path: Path) -> list[ImportedSession]:
    """The conversations in ``path`` as sessions to import, checked whole; an export gives
    only its conversations here (:func:`import_file` restores all of it)."""
    return _sessions(_load(path), path)


def _sessions(data: Any, path: Path) -> list[ImportedSession]:
    """The sessions in ``data``; :class:`InputError` names the first problem."""
    if isinstance(data, dict) and isinstance(data.get("turns"), list):
        sessions = _from_export(data)
    else:
        listed = data.get("sessions") if isinstance(data, dict) else data
        if not isinstance(listed, list):
            raise InputError(f"{path} holds no list of sessions.", fix=FIX)
        sessions = [_session(s, f"session {n}") for n, s in enumerate(listed, start=1)]
    if not any(s.pairs for s in sessions):
        raise InputError(f"{path} holds no conversation to import.", fix=FIX)
    return [s for s in sessions if s.pairs]


def _from_export(data: dict[str, Any]) -> list[ImportedSession]:
    listed = data.get("sessions")  # titles only; anything but a list of objects names none
    titles = {s.get("id"): str(s.get("title") or "") for s in
              (listed if isinstance(listed, list) else []) if isinstance(s, dict)}
    grouped: dict[str, list[tuple[int, str, str, datetime]]] = defaultdict(list)
    for n, turn in enumerate(data["turns"], start=1):
        where = f"turn {n}"
        if not isinstance(turn, dict) or not isinstance(turn.get("session_id"), str):
            raise InputError(f"{where} has no session_id.", fix=FIX)
        user = _text(turn.get("user_text"), f"{where}: user_text")
        reply = _text(turn.get("reply_text") or "", f"{where}: reply_text", False)
        grouped[turn["session_id"]].append((int(turn.get("seq") or 0), user, reply,
                                            _when(turn.get("created_at"), where)))
    sessions = []
    for sid, turns in grouped.items():
        turns.sort(key=lambda t: (t[3], t[0]))
        sessions.append(ImportedSession([(u, r) for _, u, r, _ in turns],
                                        [w for *_, w in turns], titles.get(sid, "")))
    return sorted(sessions, key=lambda s: s.at[0] if s.at else datetime.min.replace(tzinfo=UTC))


def _session(raw: Any, where: str) -> ImportedSession:
    if not isinstance(raw, dict) or not isinstance(raw.get("turns"), list):
        raise InputError(f"{where} has no list of turns.", fix=FIX)
    pairs: list[tuple[str, str]] = []
    dates: list[datetime | None] = []
    for n, turn in enumerate(raw["turns"], start=1):
        at = f"{where}, turn {n}"
        if not isinstance(turn, dict):
            raise InputError(f"{at} is not an object.", fix=FIX)
        pairs.append((_text(turn.get("user"), f"{at}: user"),
                      _text(turn.get("assistant") or "", f"{at}: assistant", False)))
        dates.append(_when(turn["at"], at) if turn.get("at") is not None else None)
    known = [d for d in dates if d is not None]
    if known and len(known) != len(dates):
        raise InputError(f"{where} dates some turns and not others.",
                         fix="Give every turn of a session an 'at', or none.")
    return ImportedSession(pairs, known or None, str(raw.get("title") or ""))


def _text(value: Any, where: str, required: bool = True) -> str:
    if not isinstance(value, str) or (required and not value.strip()):
        raise InputError(f"{where} is missing or not text.", fix=FIX)
    return value


def _when(value: Any, where: str) -> datetime:
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date.",
                         fix="Write dates as ISO 8601, e.g. 2024-05-01T09:30:00.") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
