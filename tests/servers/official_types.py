"""A ferromcp server whose handlers return the official SDK's own `mcp.types` (pydantic) objects,
as code half-way through a migration does."""

import asyncio

import mcp.types as official

from ferromcp.server import Server
from ferromcp.server.stdio import stdio_server

server = Server("official-types")


@server.list_tools()
async def list_tools() -> list[official.Tool]:
    return [official.Tool(name="echo", description="Echo",
                          inputSchema={"type": "object", "properties": {"text": {"type": "string"}},
                                       "required": ["text"]})]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[official.TextContent]:
    if name == "whole":
        return official.CallToolResult(
            content=[official.TextContent(type="text", text="whole")], isError=False)
    return [official.TextContent(type="text", text=arguments["text"])]


async def main() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
