"""A decorator-API server for fault tests: a handler that logs while it works without yielding,
handlers that raise (ValueError, SystemExit, KeyboardInterrupt), and one with a large answer
(for a client that stops reading)."""

import os
import time

from ferromcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("faults")


@mcp.tool()
async def log_until_gate(gate: str, ctx: Context) -> str:
    """Logs, then works without yielding to the loop until `gate` exists, then logs again."""
    await ctx.info("before the gate")
    deadline = time.monotonic() + 60
    while not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.005)
    await ctx.info("after the gate")
    return "done"


@mcp.tool()
async def exit_with(code: int) -> str:
    """Raises SystemExit(code), as a script calling sys.exit() would."""
    raise SystemExit(code)


@mcp.tool()
async def interrupt() -> str:
    """Raises KeyboardInterrupt."""
    raise KeyboardInterrupt


@mcp.tool()
async def fail(text: str) -> str:
    """Raises ValueError(text)."""
    raise ValueError(text)


@mcp.tool()
def big(size: int) -> str:
    """A text of `size` bytes."""
    return "x" * size


if __name__ == "__main__":
    mcp.run()
