"""A 1.x low-level server whose event loop has other work besides the MCP connection: a timer
task, calls arriving from another thread, and another descriptor with its own reader. The
``stats`` tool reports how often each ran, so a test can check none of them starves while the
client keeps the connection busy."""

import asyncio
import ctypes
import os
import sys
import threading
from typing import Any

from ferromcp import types
from ferromcp.server.lowlevel import Server
from ferromcp.server.stdio import stdio_server

server = Server("loop-sharing")
counts = {"ticks": 0, "thread_calls": 0, "pipe_reads": 0}


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    empty = {"type": "object", "properties": {}}
    return [
        types.Tool(name="echo", inputSchema={"type": "object",
                                             "properties": {"text": {"type": "string"}}}),
        types.Tool(name="stats", inputSchema=empty),
        types.Tool(name="stop_loop", inputSchema=empty),
        types.Tool(name="timer_slack", inputSchema=empty),
    ]


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> Any:
    if name == "echo":
        return [types.TextContent(type="text", text=arguments["text"])]
    if name == "stop_loop":
        # Stop the loop the way an embedding application might; the run ends with it.
        asyncio.get_running_loop().stop()
        return [types.TextContent(type="text", text="stopping")]
    if name == "timer_slack":
        return {"ns": timer_slack()}
    return dict(counts)


def timer_slack() -> int:
    """The calling thread's timer slack in ns (prctl PR_GET_TIMERSLACK), -1 off Linux."""
    if not sys.platform.startswith("linux"):
        return -1
    return int(ctypes.CDLL(None, use_errno=True).prctl(30, 0, 0, 0, 0))


async def ticker() -> None:
    while True:
        await asyncio.sleep(0.001)
        counts["ticks"] += 1


def bump(key: str) -> None:
    counts[key] += 1


def from_thread(loop: asyncio.AbstractEventLoop, stop: threading.Event, wfd: int) -> None:
    while not stop.wait(0.001):
        loop.call_soon_threadsafe(bump, "thread_calls")
        os.write(wfd, b"x")


async def main() -> None:
    before = timer_slack()
    loop = asyncio.get_running_loop()
    rfd, wfd = os.pipe()
    os.set_blocking(rfd, False)

    def on_pipe() -> None:
        os.read(rfd, 4096)
        bump("pipe_reads")

    loop.add_reader(rfd, on_pipe)
    stop = threading.Event()
    thread = threading.Thread(target=from_thread, args=(loop, stop, wfd), daemon=True)
    thread.start()
    tick = asyncio.create_task(ticker())
    try:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())
    finally:
        stop.set()
        tick.cancel()
        loop.remove_reader(rfd)
        sys.stderr.write(f"timer slack before {before} after {timer_slack()}\n")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except RuntimeError as exc:  # "Event loop stopped before Future completed."
        sys.stderr.write(f"loop stopped: {exc}\n")
