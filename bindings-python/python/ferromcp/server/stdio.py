"""stdio transport: ``async with stdio_server() as (read, write)``.

The streams are tokens: ``Server.run`` hands the real descriptors to the core, which reads and
writes them from the asyncio loop's thread. While serving, the wire uses private duplicates of
stdin and stdout, and fd 1 points at stderr, so a stray ``print`` cannot corrupt the protocol.
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

__all__ = ["stdio_server", "StdioStream"]


def __getattr__(name: str) -> Any:
    # The official stream plumbing (the message class its streams carry, the 2.x stream pair
    # factory and Windows handle helper), for servers that build their own streams.
    if name in ("SessionMessage", "create_context_streams", "rebind_std_handle_to_fd"):
        from ferromcp import _official

        return _official.attribute(name, "mcp.server.stdio")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class StdioStream:
    """One direction of the stdio wire (a file descriptor)."""

    def __init__(self, fd: int, direction: str) -> None:
        self.fd = fd
        self.direction = direction

    def __repr__(self) -> str:
        return f"StdioStream(fd={self.fd}, {self.direction})"


@asynccontextmanager
async def stdio_server(stdin: Any = None, stdout: Any = None
                       ) -> AsyncIterator[tuple[StdioStream, StdioStream]]:
    """Serves on the process's stdin/stdout (or the given file objects)."""
    in_fd = stdin.fileno() if stdin is not None else 0
    out_fd = stdout.fileno() if stdout is not None else 1
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    wire_in = os.dup(in_fd)
    wire_out = os.dup(out_fd)
    moved = stdout is None and stdin is None
    if moved:
        # While serving, fd 0 reads nothing and fd 1 writes to stderr: stray input() or print()
        # calls in handlers cannot steal or corrupt protocol bytes.
        saved_in, saved_out = os.dup(0), os.dup(1)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.dup2(2, 1)
    try:
        yield StdioStream(wire_in, "read"), StdioStream(wire_out, "write")
    finally:
        if moved:
            try:
                sys.stdout.flush()
            except (OSError, ValueError):
                pass
            os.dup2(saved_in, 0)
            os.dup2(saved_out, 1)
            os.close(saved_in)
            os.close(saved_out)
        os.close(wire_in)
        os.close(wire_out)
