"""Blocking service calls, awaited from the UI without holding up quitting, and their errors."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.errors import TacitError

if TYPE_CHECKING:
    from textual.app import App

T = TypeVar("T")


async def in_background(call: Callable[[], T]) -> T:
    """Run ``call`` on a daemon thread and await its result.

    Not ``asyncio.to_thread``: the loop's executor is joined on exit, so Ctrl+Q during a model
    load would hang until the model had loaded. A daemon thread is simply left behind.
    """
    outcome: Future[T] = Future()

    def run() -> None:
        try:
            outcome.set_result(call())
        except BaseException as exc:
            outcome.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    # wrap_future hands the result to the loop thread-safely, and drops it if the loop closed.
    return await asyncio.wrap_future(outcome)


def report(app: App[Any], err: TacitError) -> None:
    """Show one of Tacit's errors as a notification: what went wrong, and how to fix it."""
    # markup=False: messages quote user text and settings names, which may hold "[".
    app.notify(str(err), title=err.title, severity="error", markup=False)
