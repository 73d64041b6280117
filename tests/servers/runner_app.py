"""An ``mcp`` 2.x server written for the official SDK, unmodified, that drives its own connection
with the runner entry points (``mcp.server.runner``) instead of ``Server.run``, for
tests/python/test_runner.py: run as it is (the official SDK) or with ``python -m ferromcp run``
(ferromcp).

It builds its lifespan value itself and hands it to the runner as ``lifespan_state``; the
server's own ``lifespan`` must not be entered (its tool ``state`` tells). The first argument
picks the entry point and the server:

* ``dual`` (default): ``serve_dual_era_loop`` with a low-level ``Server``;
* ``loop``: ``serve_loop`` (handshake era only) with the same server;
* ``mcpserver``: ``serve_dual_era_loop`` with an ``MCPServer``'s low-level server.
"""

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.lowlevel.server import serve_dual_era_loop
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.runner import serve_loop
from mcp.server.stdio import stdio_server

ENTERED: list[str] = []


@asynccontextmanager
async def own_lifespan(server: Any) -> AsyncIterator[dict[str, Any]]:
    ENTERED.append("server lifespan")
    yield {"built_by": "the server's own lifespan"}


NO_ARGS: dict[str, Any] = {"type": "object", "properties": {}}
TOOLS = [
    types.Tool(name="state", description="What the handler sees as its lifespan value",
               input_schema=NO_ARGS),
    types.Tool(name="work", description="Reports progress and logs, then answers",
               input_schema={"type": "object", "properties": {"n": {"type": "integer"}},
                             "required": ["n"]}),
    types.Tool(name="boom", description="Raises", input_schema=NO_ARGS),
]


def text(value: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=value)])


async def list_tools(ctx: Any, params: Any) -> types.ListToolsResult:
    return types.ListToolsResult(tools=TOOLS)


async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
    if params.name == "state":
        return text(repr((sorted(ctx.lifespan_context.items()), ENTERED)))
    if params.name == "work":
        n = (params.arguments or {})["n"]
        await ctx.session.report_progress(1, 2, "half")
        await ctx.session.send_log_message("info", f"working on {n}",
                                           related_request_id=ctx.request_id)
        return types.CallToolResult(content=[types.TextContent(type="text", text=str(n * 2))],
                                    structured_content={"double": n * 2})
    if params.name == "boom":
        raise ValueError("boom")
    raise ValueError(f"unknown tool {params.name}")


lowlevel = Server("runner-app", version="1.0.0", instructions="Served by the runner.",
                  lifespan=own_lifespan, on_list_tools=list_tools, on_call_tool=call_tool)

mcpserver = MCPServer("runner-mcpserver", version="1.0.0", lifespan=own_lifespan)


@mcpserver.tool()
async def state(ctx: Context) -> str:
    """What the handler sees as its lifespan value."""
    return repr((sorted(ctx.request_context.lifespan_context.items()), ENTERED))


async def main(which: str) -> None:
    lifespan_state = {"built_by": "runner_app.main", "which": which}
    async with stdio_server() as (read, write):
        if which == "loop":
            await serve_loop(lowlevel, read, write, lifespan_state=lifespan_state)
        elif which == "mcpserver":
            await serve_dual_era_loop(mcpserver._lowlevel_server, read, write,
                                      lifespan_state=lifespan_state)
        else:
            await serve_dual_era_loop(lowlevel, read, write, lifespan_state=lifespan_state)


if __name__ == "__main__":
    anyio.run(main, sys.argv[1] if len(sys.argv) > 1 else "dual")
