"""The spare room of the vector index's files: zeroed where unfilled, never under a writer."""

from __future__ import annotations

import struct
import threading
import time
from pathlib import Path

from memory.vector_files import SpareRoom, clear_spare_capacity

PER_ELEMENT = 16


def segment(root: Path, name: str, *, capacity: int, count: int, version: int = 1) -> Path:
    """A segment directory laid out as the index writes one: filled slots, then old bytes."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "header.bin").write_bytes(struct.pack("<iQQQQ", version, 0, capacity, count,
                                                    PER_ELEMENT) + bytes(40))
    filled = b"F" * (count * PER_ELEMENT)
    (folder / "data_level0.bin").write_bytes(filled + b"old text " * capacity)
    (folder / "length.bin").write_bytes(b"L" * (count * 4) + b"OLD!" * (capacity - count))
    return folder


def test_only_the_unfilled_slots_are_zeroed(tmp_path: Path) -> None:
    folder = segment(tmp_path, "seg", capacity=10, count=3)
    zeroed, done = clear_spare_capacity(tmp_path, {"seg"})
    assert done == {"seg"} and zeroed > 0
    data = (folder / "data_level0.bin").read_bytes()
    assert data[:3 * PER_ELEMENT] == b"F" * 3 * PER_ELEMENT
    assert set(data[3 * PER_ELEMENT:]) == {0}
    assert (folder / "length.bin").read_bytes() == b"L" * 12 + bytes(28)
    assert clear_spare_capacity(tmp_path, {"seg"}) == (0, {"seg"})  # nothing left to zero


def test_an_unknown_format_or_a_half_written_segment_is_left_alone(tmp_path: Path) -> None:
    odd = segment(tmp_path, "odd", capacity=10, count=3, version=2)
    (tmp_path / "early").mkdir()  # a segment whose files are not written yet
    before = (odd / "data_level0.bin").read_bytes()
    assert clear_spare_capacity(tmp_path, {"odd", "early"}) == (0, set())
    assert (odd / "data_level0.bin").read_bytes() == before


def test_a_segment_a_call_creates_is_cleared_when_the_call_ends(tmp_path: Path) -> None:
    room = SpareRoom(tmp_path)
    with room.call():
        folder = segment(tmp_path, "new", capacity=4, count=1)
        with room.call():  # nested calls do not clear
            pass
        assert b"old text" in (folder / "data_level0.bin").read_bytes()
    assert b"old text" not in (folder / "data_level0.bin").read_bytes()


def test_clearing_waits_for_the_calls_running_and_holds_new_ones_back(tmp_path: Path) -> None:
    room = SpareRoom(tmp_path)
    segment(tmp_path, "seg", capacity=4, count=1)
    room.clear_unopened()
    events: list[str] = []
    inside = threading.Event()

    def writer() -> None:
        with room.call():
            inside.set()
            time.sleep(0.3)
            events.append("call ended")

    thread = threading.Thread(target=writer)
    thread.start()
    inside.wait()
    room.clear()
    events.append("cleared")
    thread.join()
    assert events == ["call ended", "cleared"]
