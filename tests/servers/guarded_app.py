"""Guards set in code with ``ferromcp.set_guards``, for tests/python/test_guards.py:
``guarded_app.py fastmcp|lowlevel``."""

import asyncio
import sys

import ferromcp
from ferromcp import types
from ferromcp.server.fastmcp import FastMCP
from ferromcp.server.lowlevel import Server

if sys.argv[1] == "fastmcp":
    mcp = FastMCP("guarded")

    @mcp.tool()
    async def sleepy() -> str:
        """Sleeps far longer than its timeout."""
        await asyncio.sleep(60)
        return "woke"

    @mcp.tool()
    def quick() -> str:
        """Answers at once."""
        return "quick"

    ferromcp.set_guards(mcp, tool_timeouts={"sleepy": 0.2}, timeout_in_listing=True,
                        rate_limit=0.001, rate_burst=4)
    mcp.run()
else:
    from ferromcp.server.stdio import stdio_server

    server = Server("guarded-lowlevel")

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="quick", inputSchema={"type": "object"})]

    @server.call_tool()
    async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
        return [types.TextContent(type="text", text=name)]

    ferromcp.set_guards(server, rate_limit=0.001, rate_burst=2)

    async def main() -> None:
        async with stdio_server() as (read, write):
            await server.run(read, write, server.create_initialization_options())

    asyncio.run(main())
