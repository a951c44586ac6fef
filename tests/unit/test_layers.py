"""The layers import one way: tui → assistant → agents → memory; the core never imports textual."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What each layer may not import. assistant.errors is the one module every layer shares:
# it holds the user-facing error root and imports nothing of ours.
FORBIDDEN = {
    "tui": ("agents", "memory"),
    "memory": ("agents", "assistant", "tui", "textual"),
    "agents": ("assistant", "tui", "textual"),
    "assistant": ("tui", "textual"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    offences = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for name in _imports(path):
            if name == "assistant.errors" or (path.name == "cli.py" and name == "tui.app"):
                continue  # the CLI is the edge that launches the chat front end
            if name.split(".")[0] in FORBIDDEN[layer]:
                offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def test_errors_module_imports_nothing_of_ours() -> None:
    ours = {"assistant", "agents", "memory", "tui"}
    assert not {n.split(".")[0] for n in _imports(ROOT / "assistant" / "errors.py")} & ours


def test_the_cli_module_does_not_import_heavy_packages_at_start() -> None:
    import subprocess
    import sys

    code = ("import sys, assistant.cli; "
            "print(sorted(m for m in ('langgraph', 'chromadb', 'litellm', 'llama_cpp', "
            "'textual', 'sqlmodel', 'onnxruntime') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
