"""What a tool handler sees of its asyncio task, written for the official SDK (imports `mcp`).
The differential test runs this file under official `mcp` and under ferromcp (`python -m
ferromcp run`) and expects the same observations: ``current_task()`` is one Task for the whole
call, ``asyncio.timeout``, ``TaskGroup`` and anyio's cancel scopes and task groups work, whether
the handler suspends or not, and a task kept past the end of its call reads as finished.

Needs Python 3.11+ (``asyncio.timeout``, ``TaskGroup``). DIFF_APP_GENERATION=1 (default) uses
mcp 1.x ``FastMCP``; 2 uses mcp 2.x ``MCPServer``.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import anyio

if os.environ.get("DIFF_APP_GENERATION", "1") == "1":
    from mcp.server.fastmcp import FastMCP as App
else:  # mcp 2.x
    from mcp.server.mcpserver import MCPServer as App

mcp = App("task-semantics")
kept: dict[str, Any] = {}
done_calls: list[str] = []


def _task() -> asyncio.Task[Any]:
    task = asyncio.current_task()
    assert task is not None
    return task


@mcp.tool()
async def no_suspend() -> dict[str, Any]:
    """Looks at its task without ever suspending."""
    task = _task()
    return {"is_task": isinstance(task, asyncio.Task), "done": task.done(),
            "cancelled": task.cancelled(), "cancelling": task.cancelling(),
            "same_again": asyncio.current_task() is task,
            "anyio_sees_it": anyio.get_current_task().id == id(task),
            "named": isinstance(task.get_name(), str),
            "loop_is_running_loop": task.get_loop() is asyncio.get_running_loop(),
            "repr_ok": "Task" in repr(task), "coro_ok": task.get_coro() is not None}


@mcp.tool()
async def across_suspension() -> dict[str, Any]:
    """The task before and after suspending, and in the set of all tasks."""
    before = _task()
    await asyncio.sleep(0)
    await asyncio.sleep(0.001)
    after = _task()
    return {"same": before is after, "listed": after in asyncio.all_tasks(),
            "done": after.done()}


@mcp.tool()
async def timeout_expires() -> str:
    """asyncio.timeout entered in the first step, expiring while suspended."""
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(5)
    except TimeoutError:
        return f"timed out, cancelling={_task().cancelling()}"
    return "not timed out"


@mcp.tool()
async def timeout_not_reached() -> str:
    """asyncio.timeout around work that never suspends."""
    async with asyncio.timeout(5):
        value = sum(range(10))
    return f"sum={value}"


@mcp.tool()
async def task_group() -> list[int]:
    """A TaskGroup whose children run while the handler waits; one failure is caught."""
    async def child(n: int) -> int:
        await asyncio.sleep(0.001 * n)
        return n * n

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(child(n)) for n in (1, 2, 3)]
    results = [t.result() for t in tasks]

    async def fails() -> None:
        await asyncio.sleep(0)
        raise ValueError("child failed")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails())
            tg.create_task(asyncio.sleep(5))
    except Exception as group:  # noqa: BLE001 - an ExceptionGroup holding the child's error
        results.append(-1 if "child failed" in repr(group.exceptions) else -2)
    return results


@mcp.tool()
async def anyio_scopes() -> dict[str, Any]:
    """anyio's cancel scopes and task groups inside a handler."""
    with anyio.move_on_after(0.01) as scope:
        await anyio.sleep(5)
    out: dict[str, Any] = {"moved_on": scope.cancelled_caught}
    with anyio.CancelScope() as quick:
        quick.cancel()
        await anyio.sleep(5)
    out["cancelled_at_once"] = quick.cancelled_caught
    values: list[int] = []

    async def put(n: int) -> None:
        await anyio.sleep(0)
        values.append(n)

    async with anyio.create_task_group() as tg:
        for n in range(3):
            tg.start_soon(put, n)
    out["values"] = sorted(values)
    return out


@mcp.tool()
async def cancel_self() -> str:
    """Cancels its own task, catches the cancellation, and carries on."""
    task = _task()
    task.cancel()
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        task.uncancel()
        return f"recovered, cancelling={task.cancelling()}"
    return "not cancelled"


@mcp.tool()
async def done_callback(tag: str) -> str:
    """Registers a done callback on its task without suspending."""
    _task().add_done_callback(lambda t: done_calls.append(f"{tag}:{t.done()}"))
    return "registered"


@mcp.tool()
async def done_calls_seen() -> list[str]:
    """The done callbacks that ran so far."""
    await asyncio.sleep(0.01)
    return list(done_calls)


@mcp.tool()
async def keep_task() -> str:
    """Keeps its task past the end of the call without suspending."""
    kept["task"] = _task()
    return "kept"


@mcp.tool()
async def kept_task_state() -> dict[str, Any]:
    """How the kept task reads now that its call has ended."""
    await asyncio.sleep(0.01)
    task = kept["task"]
    seen: list[bool] = []
    task.add_done_callback(lambda t: seen.append(t.done()))
    await asyncio.sleep(0.01)
    return {"done": task.done(), "cancelled": task.cancelled(), "cancel": task.cancel(),
            "exception": repr(task.exception()), "callback_saw_done": seen,
            "stack": task.get_stack(), "not_current": task is not asyncio.current_task()}


if __name__ == "__main__":
    mcp.run()
