"""The YAML files of ``data/`` that code reads its words from, each parsed once."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def data_yaml(name: str) -> dict[str, Any]:
    """``data/<name>`` parsed (``name`` may hold a folder: "safety/resources.yaml")."""
    raw: dict[str, Any] = yaml.safe_load(files("data").joinpath(name).read_text("utf-8"))
    return raw


@cache
def data_pattern(name: str, key: str) -> re.Pattern[str]:
    """The regular expression at ``key`` of ``data/<name>``, compiled once, case-insensitive."""
    return re.compile(str(data_yaml(name)[key]), re.IGNORECASE)


# A named piece in a data file's pattern, written {name}: never a quantifier such as {2}.
_PIECE = re.compile(r"\{([a-z_]+)\}")


def filled(pattern: str, pieces: dict[str, str]) -> str:
    """``pattern`` with each ``{name}`` replaced by that piece, so words a data file uses in
    many patterns are written once; a name not in ``pieces`` is an error (a KeyError), so a
    slip in the data shows when it is read."""
    return _PIECE.sub(lambda found: pieces[found[1]], pattern)

