"""Every benchmark shows a progress bar to a person at a terminal, and nothing to a pipe."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "bench"))

import common  # noqa: E402

from assistant import progress  # noqa: E402

SHARED = {"common.py", "tuning_flag.py"}  # helpers, not benchmarks


def test_every_benchmark_watches_its_long_loop() -> None:
    scripts = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name not in SHARED)
    assert scripts
    quiet = [p.name for p in scripts if not re.search(r"\bwatch\(", p.read_text("utf-8"))]
    assert quiet == []


def test_piped_output_gets_the_items_and_no_bar(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(common.watch(["a", "b", "c"], "items")) == ["a", "b", "c"]
    assert capsys.readouterr().out == ""


def test_a_terminal_gets_a_bar_that_counts_the_items(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks: list[int] = []
    totals: list[int | None] = []

    class Bar:
        def __init__(self, label: str, total: int | None) -> None:
            totals.append(total)
            self.tick = lambda n=1: ticks.append(n)

        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *_: object) -> None:
            return None

    monkeypatch.setattr(common, "bar", Bar)
    monkeypatch.setattr(progress, "watched", lambda: True)
    assert list(common.watch(range(4), "steps")) == [0, 1, 2, 3]
    assert totals == [4] and ticks == [1, 1, 1, 1]
