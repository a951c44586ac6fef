"""The turn's code stays readable: no function in agents/ runs past one screen (60 lines)
unless a comment says why, on its ``def`` line or the line above, and no module uses
another's private names (the same checks as memory's, ``tests/unit/test_memory_doors.py``)."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_memory_doors import long_functions, reaches_into

ROOT = Path(__file__).resolve().parents[2]
OURS = ("agents", "assistant", "memory", "tui")


def test_no_function_in_agents_is_longer_than_a_screen_without_a_reason() -> None:
    offences = {str(p.relative_to(ROOT)): hits for p in sorted((ROOT / "agents").rglob("*.py"))
                if (hits := long_functions(p.read_text("utf-8")))}
    assert offences == {}


def test_no_module_of_agents_uses_another_ones_private_names() -> None:
    offences = {str(p.relative_to(ROOT)): hits for p in sorted((ROOT / "agents").rglob("*.py"))
                if (hits := reaches_into(p.read_text("utf-8"), OURS))}
    assert offences == {}
