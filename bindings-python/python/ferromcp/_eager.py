"""Start a handler's task eagerly: its first step runs now, inside the caller's loop callback.

Most handlers finish without ever suspending, so running the first step at once answers the
request in the same loop iteration that read it — no extra trip through the event loop. The
coroutine still runs inside a real ``asyncio.Task`` (``current_task()``, cancellation, anyio
scopes all behave), and one that suspends simply continues as that task.

Python 3.12+ has this built in (``Task(..., eager_start=True)``). On 3.10 and 3.11 the same is
done with asyncio's pure-Python Task, whose first step we run ourselves instead of scheduling it.
"""

from __future__ import annotations

import asyncio
import contextvars
import sys
from collections.abc import Coroutine
from typing import Any

__all__ = ["start"]


def _start_312(loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.Task(coro, loop=loop, eager_start=True)  # type: ignore[call-arg]


def _make_legacy_starter() -> Any:
    from asyncio import futures, tasks

    py_task = getattr(tasks, "_PyTask", None)
    py_future_init = getattr(futures, "_PyFuture", None)
    register = getattr(tasks, "_register_task", None)
    step_name = "_Task__step"
    if py_task is None or py_future_init is None or register is None or not hasattr(
            py_task, step_name):
        return None

    class EagerTask(py_task):  # type: ignore[misc, valid-type]
        """A pure-Python Task whose first step ran before the constructor returned."""

        def __init__(self, coro: Any, *, loop: Any) -> None:
            # Mirrors Task.__init__ without scheduling the first step.
            futures._PyFuture.__init__(self, loop=loop)
            self._name = f"ferromcp-{id(self):x}"
            self._num_cancels_requested = 0
            self._must_cancel = False
            self._fut_waiter = None
            self._coro = coro
            self._context = contextvars.copy_context()
            register(self)
            self._context.run(getattr(self, step_name))

    def start(loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any]) -> Any:
        if asyncio.current_task(loop) is not None:
            # Inside another task's step a task cannot be entered; schedule it instead.
            return loop.create_task(coro)
        return EagerTask(coro, loop=loop)

    return start


if sys.version_info >= (3, 12):
    start = _start_312
else:
    start = _make_legacy_starter() or (lambda loop, coro: loop.create_task(coro))
