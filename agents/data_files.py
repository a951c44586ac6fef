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
