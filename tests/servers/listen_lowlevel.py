"""An ``mcp`` 2.x low-level server with a ``ListenHandler`` of its own, written for the official
SDK, unmodified (tests/python/test_sessionless.py): at most one listen open at a time, and a
tool that closes every open listen gracefully (``ListenHandler.close()``)."""

from typing import Any

from mcp import types
from mcp.server import Server, ServerRequestContext
from mcp.server.subscriptions import InMemorySubscriptionBus, ListenHandler

listens = ListenHandler(InMemorySubscriptionBus(), max_subscriptions=1)


async def list_tools(ctx: ServerRequestContext[Any], params: Any) -> types.ListToolsResult:
    return types.ListToolsResult(tools=[types.Tool(
        name="close_listens", input_schema={"type": "object", "properties": {}})])


async def call_tool(ctx: ServerRequestContext[Any], params: Any) -> types.CallToolResult:
    listens.close()
    return types.CallToolResult(content=[types.TextContent(type="text", text="closed")])


server = Server("listen-lowlevel", on_list_tools=list_tools, on_call_tool=call_tool,
                on_subscriptions_listen=listens)

if __name__ == "__main__":
    import anyio
    from mcp.server.stdio import stdio_server

    async def main() -> None:
        async with stdio_server() as (read, write):
            await server.run(read, write, server.create_initialization_options())

    anyio.run(main)
