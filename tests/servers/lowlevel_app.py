"""A low-level server written for the official SDK (imports `mcp`), used by
`tests/python/test_lowlevel_diff.py`: the same file runs under official `mcp` and, through
`python -m ferromcp run`, on ferromcp, and every answer is compared.

With DIFF_APP_GENERATION=1 (default) it uses the `mcp` 1.x decorators; with 2, the `mcp` 2.x
`Server(on_*=...)` handlers. `greet` checks its own arguments and answers bad ones with a
structured error of its own: 2.x servers rely on that (the official 2.x server does not
validate arguments against the inputSchema), 1.x servers get the SDK's validation error first.
`notify_update` sends `notifications/resources/updated` whether or not the client subscribed.

FERRO_VALIDATE=1 (ferromcp only: the official 2.x `Server` has no such keyword) turns on the
core's inputSchema check for the 2.x server with `validate_input=True`.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

GREET_SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}},
                "required": ["name"]}
URI_SCHEMA = {"type": "object", "properties": {"uri": {"type": "string"}}, "required": ["uri"]}


def greeting(arguments: dict[str, Any] | None) -> tuple[str, dict[str, Any] | None]:
    """The greeting text, or the error text and its structured details."""
    name = (arguments or {}).get("name")
    if not isinstance(name, str):
        return "name must be a string", {"error": "bad_name", "got": name}
    return f"Hello {name}", None


if os.environ.get("DIFF_APP_GENERATION", "1") == "1":
    server = Server("lowlevel-app", version="1.0.0")

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="greet", description="Greets", inputSchema=GREET_SCHEMA),
                types.Tool(name="notify_update", description="Sends resources/updated",
                           inputSchema=URI_SCHEMA)]

    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> Any:
        if name == "greet":
            text, error = greeting(arguments)
            if error is not None:
                return types.CallToolResult(
                    content=[types.TextContent(type="text", text=text)],
                    structuredContent=error, isError=True)
            return [types.TextContent(type="text", text=text)]
        if name == "notify_update":
            await server.request_context.session.send_resource_updated(arguments["uri"])
            return [types.TextContent(type="text", text="sent")]
        raise ValueError(f"Unknown tool: {name}")

    @server.list_resources()
    async def list_resources() -> list[types.Resource]:
        return [types.Resource(uri="memo://a", name="a")]

else:  # mcp 2.x
    from mcp.server import ServerRequestContext

    async def list_tools2(ctx: ServerRequestContext, params: Any) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[
            types.Tool(name="greet", description="Greets", input_schema=GREET_SCHEMA),
            types.Tool(name="notify_update", description="Sends resources/updated",
                       input_schema=URI_SCHEMA)])

    async def call_tool2(ctx: ServerRequestContext,
                         params: types.CallToolRequestParams) -> types.CallToolResult:
        if params.name == "greet":
            text, error = greeting(params.arguments)
            return types.CallToolResult(content=[types.TextContent(type="text", text=text)],
                                        structured_content=error, is_error=error is not None)
        if params.name == "notify_update":
            await ctx.session.send_resource_updated((params.arguments or {})["uri"])
            return types.CallToolResult(content=[types.TextContent(type="text", text="sent")])
        raise ValueError(f"Unknown tool: {params.name}")

    async def list_resources2(ctx: ServerRequestContext,
                              params: Any) -> types.ListResourcesResult:
        return types.ListResourcesResult(resources=[types.Resource(uri="memo://a", name="a")])

    extra: dict[str, Any] = {}
    if os.environ.get("FERRO_VALIDATE") == "1":
        extra["validate_input"] = True
    server = Server("lowlevel-app", version="2.0.0", on_list_tools=list_tools2,
                    on_call_tool=call_tool2, on_list_resources=list_resources2, **extra)


async def main() -> None:
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
