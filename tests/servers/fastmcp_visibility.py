"""fastmcp's component visibility, unmodified fastmcp 4 style: the server's own rules
(``mcp.disable`` / ``mcp.enable``, an allowlist with ``only=True``) and each session's
(``ctx.enable_components`` / ``ctx.disable_components`` / ``ctx.reset_visibility``). Runs on the
real fastmcp and under ``python -m ferromcp run``; ``tests/python/test_fastmcp_visibility.py``
compares them. ``VIS_MODE=only`` serves the allowlist variant.
"""

import os

from fastmcp import Context, FastMCP

mcp = FastMCP("visibility")


@mcp.tool(tags={"public"})
def add(a: int, b: int) -> int:
    """Adds."""
    return a + b


@mcp.tool(tags={"admin"})
def wipe() -> str:
    """Wipes everything."""
    return "wiped"


@mcp.tool(tags={"admin", "audit"})
def audit() -> str:
    """Reads the audit log."""
    return "audited"


@mcp.tool
def plain() -> str:
    """No tags."""
    return "plain"


@mcp.tool
async def unlock(ctx: Context) -> str:
    """Shows this session the admin tools."""
    await ctx.enable_components(tags={"admin"})
    return "unlocked"


@mcp.tool
async def lock(ctx: Context) -> str:
    """Hides this session's tools tagged public, and its prompts."""
    await ctx.disable_components(tags={"public"}, components={"tool"})
    await ctx.disable_components(components={"prompt"})
    return "locked"


@mcp.tool
async def reset(ctx: Context) -> str:
    """Back to what the server decides."""
    await ctx.reset_visibility()
    return "reset"


@mcp.resource("data://public", tags={"public"})
def public_data() -> str:
    return "open"


@mcp.resource("data://secret", tags={"admin"})
def secret_data() -> str:
    return "hidden"


@mcp.resource("data://item/{key}", tags={"admin"})
def item(key: str) -> str:
    return f"item {key}"


@mcp.prompt(tags={"public"})
def greet(name: str) -> str:
    return f"Hello {name}"


@mcp.prompt(tags={"admin"})
def confess() -> str:
    return "secrets"


if os.environ.get("VIS_MODE") == "only":
    mcp.enable(tags={"public"}, only=True)
    mcp.enable(names={"unlock", "reset", "lock"})
else:
    mcp.disable(tags={"admin"})
    mcp.disable(names={"plain"}).enable(keys={"tool:plain@"})

if __name__ == "__main__":
    mcp.run()
