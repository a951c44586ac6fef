"""One turn at a time per person, across threads and processes.

A lock file per user in the data directory (``locks/``), held with ``flock`` (``msvcrt`` on
Windows) while a turn runs and while Tacit learns from it. The operating system releases it
when its holder exits, so a crashed process never leaves a stale lock. The unique place of a
turn in its session (``memory.schema.Turn``) stays the last guard where a lock file cannot
reach (several machines on one database server).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import IO

from assistant.errors import StoreLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

POLL_S = 0.05


class UserLock:
    """The turn lock of ``user`` under ``directory``; ``acquire`` waits, ``release`` frees."""

    def __init__(self, directory: Path, user: str) -> None:
        digest = hashlib.sha256(user.encode("utf-8")).hexdigest()[:24]
        self.path = directory / "locks" / f"{digest}.lock"
        self.user = user
        self._file: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; never wait."""
        if self._file is not None:
            raise RuntimeError("this lock is held already")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for as long as the lock
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def acquire(self, wait_s: float) -> None:
        """Wait up to ``wait_s`` seconds for the lock, then refuse with a clear error."""
        deadline = time.monotonic() + wait_s
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                raise StoreLocked(
                    f"Another turn for {self.user} is still running (in this window or "
                    f"another Tacit process); waited {wait_s:.0f} s.",
                    fix="Let it finish, then send your message again.")
            time.sleep(POLL_S)

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is not None:
            _unlock(handle)
            handle.close()

    @property
    def held(self) -> bool:
        return self._file is not None


def _lock(handle: IO[bytes]) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)


def _unlock(handle: IO[bytes]) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


class RunningMark:
    """This process's mark in the data directory (``running/``) while its stores are open.

    Each mark is a file held locked by its process; the operating system releases the lock
    when the process ends, however it ends. A mark found unlocked was left by a process that
    stopped without closing (killed, crashed, power cut): its writes may be half done across
    the stores, so the next process to open them repairs them first (:mod:`assistant.recovery`).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory / "running"
        self._file: IO[bytes] | None = None
        self.path: Path | None = None

    def claim(self) -> list[Path]:
        """Put this process's mark down; return the marks of processes that did not close."""
        import os
        import secrets

        self.directory.mkdir(parents=True, exist_ok=True)
        left = []
        for mark in self.directory.glob("*.mark"):
            with open(mark, "a+b") as handle:
                try:
                    _lock(handle)
                except OSError:
                    continue  # its process is alive
                _unlock(handle)
                left.append(mark)
        # Locked before it is visible under its name, so no one takes it for a left mark.
        name = f"{os.getpid()}-{secrets.token_hex(4)}"
        staging = self.directory / f"{name}.new"
        handle = open(staging, "a+b")  # noqa: SIM115 - held open for as long as the mark
        _lock(handle)
        self.path = staging.rename(self.directory / f"{name}.mark")
        self._file = handle
        return left

    def release(self) -> None:
        """Take the mark away: this process closed its stores cleanly."""
        handle, self._file = self._file, None
        if handle is None:
            return
        if self.path is not None:
            self.path.unlink(missing_ok=True)
        _unlock(handle)
        handle.close()
