"""The YAML files of ``data/`` that code reads its words from, each parsed once."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def data_yaml(name: str) -> dict[str, Any]:
    """``data/<name>`` parsed (``name`` may hold a folder: "safety/resources.yaml")."""
    raw: dict[str, Any] = yaml.safe_load(files("data").joinpath(name).read_text("utf-8"))
    return raw
