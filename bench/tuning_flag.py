"""``--tuning name=value``: a benchmark sweeps recall's tuned numbers without editing code."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any


def add_tuning(p: argparse.ArgumentParser) -> None:
    """``--tuning name=value`` (repeatable): override recall's tuned numbers for the run
    (names and defaults: data/recall_tuning.yaml)."""
    p.add_argument("--tuning", action="append", default=[], metavar="NAME=VALUE",
                   help="override one of recall's tuned numbers (data/recall_tuning.yaml); "
                   "repeat for several")


def recall_tuning(pairs: Sequence[str]) -> Any:
    """The :class:`memory.tuning.RecallTuning` of ``--tuning`` pairs; a bad one stops the run."""
    from memory.tuning import RecallTuning, parse_overrides

    try:
        return RecallTuning.defaults().with_overrides(parse_overrides(pairs))
    except ValueError as exc:
        raise SystemExit(str(exc)) from exc
