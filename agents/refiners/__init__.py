"""Refiners (MARA): reviewers that each check a finished draft for one concern.

Every refiner satisfies :class:`agents.refiners.base.Refiner` (``needed`` and ``review``) and is
listed in :data:`REGISTRY` by name, imported only when first used, like the model backends.
Adding a refiner is adding a module and a line here; the refine node never names one.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from agents.refiners.base import Finding, Refiner, ReviewContext, Situation

__all__ = ["REGISTRY", "Finding", "Refiner", "ReviewContext", "Situation", "all_refiners",
           "create_refiner"]

# name -> "module:class"
REGISTRY: dict[str, str] = {
    "coherence": "agents.refiners.coherence:CoherenceRefiner",
    "factuality": "agents.refiners.factuality:FactualityRefiner",
    "persona": "agents.refiners.persona:PersonaRefiner",
}


@cache
def create_refiner(name: str) -> Refiner:
    """The refiner registered as ``name`` (one instance per process: refiners hold no state)."""
    target = REGISTRY.get(name)
    if target is None:
        raise KeyError(f"no refiner named '{name}'; known: {', '.join(sorted(REGISTRY))}")
    module_name, _, attr = target.partition(":")
    refiner: Refiner = getattr(import_module(module_name), attr)()
    return refiner


def all_refiners() -> list[Refiner]:
    """Every registered refiner, by name."""
    return [create_refiner(name) for name in sorted(REGISTRY)]
