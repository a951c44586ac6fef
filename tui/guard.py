"""Errors in the app's own key, button and event handlers become notifications.

Textual ends the whole app when a handler raises. A personal assistant should not lose the
conversation on screen to a bug behind one key, so every class of the app that handles keys
or events is ``Guarded``: its handlers (``action_*``, ``on_*``, ``watch_*``, ``key_*`` and
``@on`` methods) catch what they did not expect, say so in a notification, and the app goes on.
Textual's own control flow (``SkipAction``) and cancellation pass through untouched.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any

from textual.actions import SkipAction

log = logging.getLogger(__name__)

_HANDLER_PREFIXES = ("action_", "on_", "watch_", "key_", "_on_")


def _say(owner: Any, name: str, error: Exception) -> None:
    log.exception("handler %s failed", name)
    app = getattr(owner, "app", owner)
    app.notify(f"{type(error).__name__}: {error}. What that key or click started was left "
               "undone; everything else goes on.", title="Something went wrong",
               severity="error", markup=False)


def guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` with any unexpected error turned into a notification."""
    if getattr(method, "_tacit_guarded", False):
        return method
    if inspect.iscoroutinefunction(method):
        @functools.wraps(method)
        async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except SkipAction:
                raise
            except Exception as error:
                _say(self, method.__name__, error)
                return None
        wrapper: Any = run_async
    else:
        @functools.wraps(method)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except SkipAction:
                raise
            except Exception as error:
                _say(self, method.__name__, error)
                return None
        wrapper = run
    wrapper._tacit_guarded = True
    return wrapper


def _is_handler(name: str, value: Any) -> bool:
    if not inspect.isfunction(value):
        return False
    own = name.startswith(_HANDLER_PREFIXES) and not name.startswith("_on_message")
    return own or hasattr(value, "_textual_on")


class Guarded:
    """Mix in before the Textual class: every handler the subclass defines is guarded."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        swapped: dict[Any, Any] = {}
        for name, value in list(vars(cls).items()):
            if _is_handler(name, value):
                swapped[value] = guarded(value)
                setattr(cls, name, swapped[value])
        # Textual lists the ``@on`` handlers while it makes the class, before this runs.
        for handlers in vars(cls).get("_decorated_handlers", {}).values():
            handlers[:] = [(swapped.get(method, method), selectors)
                           for method, selectors in handlers]
