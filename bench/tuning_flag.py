"""``--tuning name=value``: a benchmark sweeps tuned numbers without editing code.

A name is recall's (data/recall_tuning.yaml) or the turn's (data/turn_tuning.yaml); the two
files share no name, so each pair goes to the object that knows it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any


def add_tuning(p: argparse.ArgumentParser) -> None:
    """``--tuning name=value`` (repeatable): override a tuned number for the run (names and
    defaults: data/recall_tuning.yaml, data/turn_tuning.yaml)."""
    p.add_argument("--tuning", action="append", default=[], metavar="NAME=VALUE",
                   help="override one tuned number (data/recall_tuning.yaml or "
                   "data/turn_tuning.yaml); repeat for several")


def recall_tuning(pairs: Sequence[str]) -> Any:
    """The :class:`memory.tuning.RecallTuning` of ``--tuning`` pairs (the turn's names left
    to :func:`turn_tuning`); an unknown name or a bad value stops the run."""
    from memory.tuning import RecallTuning

    recall, _turn = _split(pairs)
    try:
        return RecallTuning.defaults().with_overrides(recall)
    except ValueError as exc:
        raise SystemExit(str(exc)) from exc


def turn_tuning(pairs: Sequence[str]) -> Any:
    """The :class:`agents.tuning.TurnTuning` of the ``--tuning`` pairs that name its numbers."""
    from agents.tuning import TurnTuning

    _recall, turn = _split(pairs)
    try:
        return TurnTuning.defaults().with_overrides(turn)
    except ValueError as exc:
        raise SystemExit(str(exc)) from exc


def _split(pairs: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
    from agents.tuning import TurnTuning
    from memory.tuning import parse_overrides

    try:
        overrides = parse_overrides(pairs)
    except ValueError as exc:
        raise SystemExit(str(exc)) from exc
    turn = {k: v for k, v in overrides.items() if k in TurnTuning.model_fields}
    return {k: v for k, v in overrides.items() if k not in turn}, turn
