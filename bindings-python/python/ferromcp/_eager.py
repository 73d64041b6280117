"""Start a handler's task eagerly: its first step runs now, inside the caller's loop callback.

Most handlers finish without ever suspending, so running the first step at once answers the
request in the same loop iteration that read it — no extra trip through the event loop. The
coroutine still runs inside a real ``asyncio.Task`` (``current_task()``, cancellation, anyio
scopes all behave), and one that suspends simply continues as that task.

Python 3.12+ has this built in (``Task(..., eager_start=True)``). Before 3.12 a Task schedules its
first step with ``loop.call_soon`` from its constructor; we catch that one call (an attribute on
the loop instance, set only around the constructor) and run the step at once instead. If the call
is not caught (a loop without instance attributes, such as uvloop), the step stays scheduled as
usual, which is merely one iteration slower.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any

__all__ = ["start"]


def _start_312(loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.Task(coro, loop=loop, eager_start=True)  # type: ignore[call-arg]


class _FirstStep:
    """Stands in for ``loop.call_soon`` while a Task is constructed and keeps its first step."""

    __slots__ = ("step",)

    def __init__(self) -> None:
        self.step: Any = None

    def __call__(self, callback: Any, *args: Any, context: Any = None) -> None:
        self.step = (callback, args, context)


def _start_legacy(loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any]) -> Any:
    if asyncio.current_task(loop) is not None:
        # Inside another task's step a task cannot be entered; schedule it instead.
        return loop.create_task(coro)
    catch = _FirstStep()
    try:
        loop.call_soon = catch  # type: ignore[method-assign]
    except AttributeError:
        return loop.create_task(coro)
    try:
        task = asyncio.Task(coro, loop=loop)
    finally:
        del loop.call_soon
    if catch.step is not None:
        callback, args, context = catch.step
        if context is not None:
            context.run(callback, *args)
        else:
            callback(*args)
    return task


start = _start_312 if sys.version_info >= (3, 12) else _start_legacy
