"""An unmodified server for the official ``mcp`` 1.x package (``mcp.server.fastmcp``), run by
``tests/python/test_fastmcp.py`` through ``python -m ferromcp run``. Its tools report which
package really serves them."""

import sys

from mcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("unmodified")


@mcp.tool()
async def whoami(ctx: Context) -> str:
    """The module FastMCP came from."""
    await ctx.info(f"served by {FastMCP.__module__}")
    return FastMCP.__module__


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@mcp.resource("config://unmodified")
def config() -> str:
    """A fixed resource."""
    return "unmodified"


if __name__ == "__main__" and "--module-only" not in sys.argv:
    mcp.run()
