"""Model backends behind one protocol, in a name-keyed registry that imports lazily.

The fake backend used by tests registers exactly as the real ones do.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from agents.llm import ChatModel, GenerationStats, Message, Structured
from assistant.errors import ModelError
from assistant.settings import Backend, ModelSettings

__all__ = ["REGISTRY", "ChatModel", "GenerationStats", "Message", "Structured", "create_model"]

# name -> "module:factory"; the module is imported only when a model of that kind is made.
REGISTRY: dict[str, str] = {
    "llamacpp": "assistant.models.llamacpp:LlamaCppModel",
    "litellm": "assistant.models.remote:LiteLLMModel",
    "fake": "assistant.models.fake:FakeModel",
}


def create_model(spec: ModelSettings, **extra: Any) -> ChatModel:
    """Build the backend that ``spec`` names; heavy imports happen here, not before."""
    backend: Backend = spec.resolved_backend()
    target = REGISTRY.get(backend)
    if target is None:
        raise ModelError(f"Unknown model backend '{backend}'.",
                         fix=f"Use one of: {', '.join(sorted(REGISTRY))}.")
    module_name, _, attr = target.partition(":")
    factory = getattr(import_module(module_name), attr)
    model: ChatModel = factory.from_settings(spec, **extra)
    return model
