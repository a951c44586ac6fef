"""Blocking service calls, awaited from the UI without holding up quitting."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

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
