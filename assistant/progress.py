"""A progress bar for long CLI work, drawn only for a person watching a terminal.

When stdout is not a terminal (a pipe, a file, a test) nothing is drawn: the bar is a no-op,
so scripts read exactly the lines they read before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def watched() -> bool:
    """A person is watching: stdout is a terminal."""
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


class Bar:
    """Advance with ``tick``; ``say`` prints a line above the bar (or plainly, without one)."""

    def __init__(self, advance: Callable[..., None], say: Callable[[str], None],
                 total: Callable[[int], None]) -> None:
        self.tick = advance
        self.say = say
        self.total = total  # once known


@contextmanager
def bar(label: str, total: int | None) -> Iterator[Bar]:
    if not watched():
        yield Bar(lambda _n=1: None, lambda line: print(line, flush=True), lambda _n: None)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield Bar(lambda n=1: progress.advance(task, n), progress.console.print,
                  lambda n: progress.update(task, total=n))
