"""The unfilled room of the vector index's files holds zeros, never old text from memory.

Each index segment of a Chroma directory preallocates room for more records than it holds.
When a segment is created, the index writes that whole room to disk straight from memory it
allocated and never cleared (``data_level0.bin``, ``length.bin``), so whatever the process had
freed there before (the text of an earlier request, a record since forgotten) goes to disk
with it. Measured: 45,000 copies of a canary over 20 collections, and a forgotten turn's text
in ``data_level0.bin`` after ``DELETE /v1/memory/{id}``. The index never reads a slot before it
fills it, and it writes a slot whole when it does, so zeroing the room changes nothing the
index knows; only a segment's creation writes the room, so a segment is cleared once, right
after it appears (and every file when the directory is opened, for files from before this).

Clearing must not race the index writing the same file: every Chroma call holds the gate
shared, and clearing holds it alone.
"""

from __future__ import annotations

import os
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The first fields of a segment's header.bin as the index writes them: the format version
# (int32), then offsetLevel0, max_elements, cur_element_count, size_data_per_element (size_t).
_HEADER = struct.Struct("<iQQQQ")
SETTLED_NS = 1_000_000_000  # a directory time older than this would show any later change


class SpareRoom:
    """The index files of one Chroma directory, with the gate that keeps their room clear."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: set[str] = set()
        self._pending: set[str] = set()  # segments seen before their files were written
        self._stamp: int | None = None  # the directory's mtime when it was last listed
        self._gate = threading.Condition()
        self._calls = 0
        self._clearing = False  # a clear waiting or running: new calls wait for it
        self._depth = threading.local()

    @contextmanager
    def call(self) -> Iterator[None]:
        """Hold the gate shared around a Chroma call; after the outermost one, clear the room
        of any segment the call created."""
        depth = getattr(self._depth, "n", 0)
        if depth == 0:
            with self._gate:
                self._gate.wait_for(lambda: not self._clearing)
                self._calls += 1
        self._depth.n = depth + 1
        try:
            yield
        finally:
            self._depth.n = depth
            if depth == 0:
                with self._gate:
                    self._calls -= 1
                    self._gate.notify_all()
                if self._unseen():
                    self.clear(new_only=True)

    def clear(self, new_only: bool = False) -> int:
        """Zero the room of every segment (or of those not cleared yet); bytes zeroed. Waits
        until no Chroma call of this process is running, and keeps new ones out meanwhile."""
        with self._gate:
            self._clearing = True
            try:
                self._gate.wait_for(lambda: self._calls == 0)
                return self.clear_unopened(new_only)
            finally:
                self._clearing = False
                self._gate.notify_all()

    def clear_unopened(self, new_only: bool = False) -> int:
        """:meth:`clear` without the gate: only before the directory is opened, or with the
        gate held."""
        names = self._segments() - (self._known if new_only else set())
        zeroed, done = clear_spare_capacity(self.path, names)
        self._known |= done
        self._pending = names - done
        return zeroed

    def _unseen(self) -> set[str]:
        """Segments not cleared yet. The directory is listed only when it changed since the
        last look (a new segment is a new entry), changed lately (file times are coarse: a
        change within the same tick keeps the time), or a segment is still waiting for its
        files: one ``stat`` per call otherwise."""
        stamp = self._mtime()
        settled = stamp is not None and time.time_ns() - stamp > SETTLED_NS
        if stamp == self._stamp and settled and not self._pending:
            return set()
        self._stamp = stamp  # taken before the listing: a later change is seen next time
        return self._segments() - self._known

    def _mtime(self) -> int | None:
        try:
            return self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return None

    def _segments(self) -> set[str]:
        if not self.path.is_dir():
            return set()
        with os.scandir(self.path) as found:
            return {entry.name for entry in found if entry.is_dir()}


def clear_spare_capacity(chroma_dir: Path, names: set[str]) -> tuple[int, set[str]]:
    """Zero the unfilled slots of the segments ``names`` of ``chroma_dir``: the bytes zeroed
    and the segments whose files were complete enough to clear. Run only while nothing
    writes them."""
    zeroed, done = 0, set()
    for name in names:
        header = chroma_dir / name / "header.bin"
        try:
            raw = header.read_bytes()
        except FileNotFoundError:  # not a segment, or one not written yet
            continue
        if len(raw) < _HEADER.size:
            continue
        version, _, capacity, count, per_element = _HEADER.unpack_from(raw)
        if version != 1 or count > capacity:
            continue  # a format this code does not know: leave it alone
        for file, size in (("data_level0.bin", per_element), ("length.bin", 4)):
            zeroed += _zero_tail(header.with_name(file), count * size)
        done.add(name)
    return zeroed, done


def _zero_tail(path: Path, start: int, chunk: int = 1 << 20) -> int:
    """Overwrite ``path`` with zeros from ``start`` to its end, where it is not zero already;
    returns the bytes overwritten."""
    if not path.is_file():
        return 0
    zeroed = 0
    with path.open("r+b") as handle:
        handle.seek(start)
        while block := handle.read(chunk):
            if block.count(0) != len(block):
                handle.seek(-len(block), 1)
                handle.write(bytes(len(block)))
                zeroed += len(block)
    return zeroed
