"""Every prompt template renders with exactly its declared variables."""

from __future__ import annotations

import pytest

from agents import prompts


def test_templates_are_shipped() -> None:
    assert {"respond_system", "memory_block"} <= set(prompts.names())


@pytest.mark.parametrize("name", prompts.names())
def test_every_template_renders(name: str) -> None:
    template = prompts.load(name)
    values = {var: f"<{var}>" for var in template.variables}
    text = template.render(**values)
    assert "$" not in text
    for value in values.values():
        assert value in text


def test_missing_or_undeclared_variables_are_refused() -> None:
    template = prompts.load("memory_block")
    with pytest.raises(ValueError, match="missing"):
        template.render()
    with pytest.raises(ValueError, match="undeclared"):
        template.render(entries="x", surprise="y")
