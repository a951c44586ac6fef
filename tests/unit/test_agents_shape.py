"""The turn's code stays readable: no function in agents/ runs past one screen (60 lines)
unless a comment on its first line says why."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 60
REASON = "# long:"  # e.g. "def plan(...):  # long: one table of cases, read top to bottom"


def test_no_function_in_agents_is_longer_than_a_screen_without_a_reason() -> None:
    too_long = []
    for path in sorted((ROOT / "agents").rglob("*.py")):
        source = path.read_text("utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT and REASON not in lines[node.lineno - 1]:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} "
                                    f"({length} lines)")
    assert too_long == []
