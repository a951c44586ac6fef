"""Memory's modules talk through public doors only, and read one screen at a time."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY = ROOT / "memory"
LONGEST = 60           # lines a function may take without a reason written beside it
REASON = "# long:"     # ... on the line above its ``def``, or on that line


def _modules() -> list[Path]:
    return sorted(MEMORY.rglob("*.py"))


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def reaches_into(source: str, ours: tuple[str, ...] = ()) -> list[str]:
    """Where ``source`` uses another object's or module's private name (with ``ours``, only
    imports from those packages count: a parser reading the standard library's own is not
    this project's business)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and (
                not ours or node.module.split(".")[0] in ours):
            found += [f"line {node.lineno}: imports {node.module}.{alias.name}"
                      for alias in node.names if _private(alias.name)]
    return found


def long_functions(source: str) -> list[str]:
    """The functions of ``source`` over ``LONGEST`` lines with no reason above them or on
    their ``def`` line."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            above = lines[first - 2].strip() if first >= 2 else ""
            if length > LONGEST and not above.startswith(REASON) and \
                    REASON not in lines[node.lineno - 1]:
                found.append(f"{node.name} ({length} lines)")
    return found


def test_no_memory_module_uses_another_ones_private_names() -> None:
    offences = {str(p.relative_to(ROOT)): hits for p in _modules()
                if (hits := reaches_into(p.read_text("utf-8")))}
    assert offences == {}


def test_no_memory_function_runs_past_one_screen_without_a_reason() -> None:
    offences = {str(p.relative_to(ROOT)): hits for p in _modules()
                if (hits := long_functions(p.read_text("utf-8")))}
    assert offences == {}


def test_the_checks_catch_what_they_are_for() -> None:
    assert reaches_into("def f(memory):\n    with memory._read() as db:\n        pass\n")
    assert reaches_into("from memory.tree import _unit\n")
    assert not reaches_into("class A:\n    def f(self):\n        return self._x\n")
    body = "\n".join(f"    x{i} = {i}" for i in range(LONGEST))
    assert long_functions(f"def f():\n{body}\n") == [f"f ({LONGEST + 1} lines)"]
    assert long_functions(f"{REASON} a table of cases\ndef f():\n{body}\n") == []
    assert long_functions(f"def f():  {REASON} a table of cases\n{body}\n") == []
