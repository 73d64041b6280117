"""The asyncio task a handler runs in, built only when something needs it (Python 3.11).

Every request's handler runs as an asyncio task: ``asyncio.current_task()`` is its task, and
``asyncio.timeout``, ``TaskGroup``, anyio's cancel scopes and sniffio work inside it. On Python
3.11 a Task costs a third of an echo call (its constructor, the ``all_tasks`` WeakSet entry and
its teardown), yet most handlers never suspend and never look at their task.

So the handler's first step runs under a :class:`HandlerTask` that is *not yet initialised*:
``current_task()`` returns it, and it is the same object for the whole request. It becomes a
real, registered Task — ``asyncio.Task.__init__`` run on that very object — when the handler
suspends, or as soon as anything uses it as a Task (``cancel()``, ``add_done_callback()``,
``repr()``…; see the overrides below). A handler that returns without suspending and without
touching its task never costs a Task. ``ferromcp._core`` drives this; Python 3.12+ uses
``eager_start`` instead, which already makes such tasks cheap.
"""

from __future__ import annotations

import asyncio
import collections.abc
from typing import Any

from ferromcp._core import stepping_lazy

_LAZY = "_ferromcp_lazy"


class HandlerTask(asyncio.Task):  # type: ignore[type-arg]
    """An ``asyncio.Task`` whose initialisation waits until it is needed.

    While the handler's first step runs, the methods whose base versions need an initialised
    task initialise it first; ``done()``, ``cancelled()``, ``cancelling()`` and ``uncancel()``
    answer correctly as they are. A task that was kept somewhere (``current_task()`` stored
    away) but finished in its first step is never initialised: ``_ferromcp_lazy`` then holds
    how it ended, and it answers as the finished task it is.
    """

    def _real(self) -> HandlerTask:
        lazy = stepping_lazy(self)
        if lazy is not None:
            lazy.materialize(self)
        return self

    def _ended(self) -> Any:
        return getattr(self, _LAZY, None)

    def get_coro(self) -> Any:
        # The handler's own coroutine, also once a Resume drives it.
        lazy = self._ended() or stepping_lazy(self)
        return lazy.coro if lazy is not None else super().get_coro().coro

    def get_name(self) -> str:
        lazy = self._ended() or stepping_lazy(self)
        return lazy.name if lazy is not None else super().get_name()

    def set_name(self, value: object) -> None:
        lazy = self._ended()
        if lazy is not None:
            lazy.name = str(value)
            return
        super(HandlerTask, self._real()).set_name(value)

    def get_loop(self) -> asyncio.AbstractEventLoop:
        lazy = self._ended() or stepping_lazy(self)
        return lazy.event_loop if lazy is not None else super().get_loop()

    def done(self) -> bool:
        return self._ended() is not None or super().done()

    def cancelled(self) -> bool:
        lazy = self._ended()
        if lazy is None:
            return super().cancelled()
        kind, value = lazy.outcome
        return kind == Resume.RAISED and isinstance(value, asyncio.CancelledError)

    def cancel(self, msg: Any = None) -> bool:
        if self._ended() is not None:
            return False
        return super(HandlerTask, self._real()).cancel(msg)

    def add_done_callback(self, fn: Any, *, context: Any = None) -> None:
        lazy = self._ended()
        if lazy is not None:
            lazy.event_loop.call_soon(fn, self, context=context)
            return
        super(HandlerTask, self._real()).add_done_callback(fn, context=context)

    def remove_done_callback(self, fn: Any) -> int:
        if self._ended() is not None:
            return 0
        return super(HandlerTask, self._real()).remove_done_callback(fn)

    def result(self) -> Any:
        lazy = self._ended()
        if lazy is None:
            return super(HandlerTask, self._real()).result()
        kind, value = lazy.outcome
        if kind == Resume.RAISED:
            raise value
        return value

    def exception(self) -> BaseException | None:
        lazy = self._ended()
        if lazy is None:
            return super(HandlerTask, self._real()).exception()
        kind, value = lazy.outcome
        if kind != Resume.RAISED:
            return None
        if isinstance(value, asyncio.CancelledError):
            raise value
        return value  # type: ignore[no-any-return]

    def get_stack(self, *, limit: int | None = None) -> list[Any]:
        if self._ended() is not None:
            return []
        return super(HandlerTask, self._real()).get_stack(limit=limit)

    def print_stack(self, *, limit: int | None = None, file: Any = None) -> None:
        if self._ended() is not None:
            print(f"No stack for {self!r}", file=file)
            return
        super(HandlerTask, self._real()).print_stack(limit=limit, file=file)

    def __await__(self) -> Any:
        if self._ended() is not None:
            return _finished(self)
        return super(HandlerTask, self._real()).__await__()

    __iter__ = __await__

    def __repr__(self) -> str:
        lazy = self._ended()
        if lazy is not None:
            state = "cancelled" if self.cancelled() else "finished"
            return f"<{type(self).__name__} {state} name={lazy.name!r} coro={lazy.coro!r}>"
        return super(HandlerTask, self._real()).__repr__()

    __str__ = __repr__


def _finished(task: HandlerTask) -> Any:
    return task.result()
    yield  # a generator: awaiting a finished task yields nothing


class Resume(collections.abc.Coroutine):  # type: ignore[type-arg]
    """What a HandlerTask runs: the handler's coroutine, whose first step already ran. The
    first ``send``/``throw`` picks up where that step ended (``outcome``, set by ferromcp once
    the step is over); later ones go straight to the coroutine."""

    __slots__ = ("coro", "outcome")

    # outcome kinds
    YIELDED, RETURNED, RAISED = 0, 1, 2

    def __init__(self, coro: Any) -> None:
        self.coro = coro
        self.outcome: tuple[int, Any] | None = None

    def send(self, value: Any) -> Any:
        first = self.outcome
        if first is None:
            return self.coro.send(value)
        self.outcome = None
        kind, v = first
        if kind == Resume.YIELDED:
            return v  # the coroutine waits on v: the task takes over the wait
        if kind == Resume.RETURNED:
            raise StopIteration(v)
        raise v

    def throw(self, exc: Any, val: Any = None, tb: Any = None) -> Any:
        first = self.outcome
        self.outcome = None
        if first is not None and first[0] != Resume.YIELDED:
            # Cancelled while its coroutine was ending: the task ends cancelled, as asyncio's
            # own does when cancel() comes right before the coroutine returns.
            raise exc if val is None else val
        if val is None and tb is None:
            return self.coro.throw(exc)
        return self.coro.throw(exc, val, tb)

    def close(self) -> None:
        self.coro.close()

    def __await__(self) -> Any:
        return self

    # What inspect and asyncio's stack helpers read from a coroutine.
    @property
    def cr_frame(self) -> Any:
        return self.coro.cr_frame

    @property
    def cr_running(self) -> bool:
        return bool(self.coro.cr_running)

    @property
    def cr_await(self) -> Any:
        return self.coro.cr_await

    @property
    def cr_code(self) -> Any:
        return self.coro.cr_code
