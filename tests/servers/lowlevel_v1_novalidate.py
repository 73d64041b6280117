"""A 1.x decorator-style server that opts out of input validation
(``@server.call_tool(validate_input=False)``): its handler sees arguments exactly as sent."""

import asyncio
import json

import ferromcp.server.stdio
from ferromcp import types
from ferromcp.server import Server

server = Server("lowlevel-v1-novalidate")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [types.Tool(name="add", description="Adds two integers", inputSchema={
        "type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
        "required": ["a", "b"]})]


@server.call_tool(validate_input=False)
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    return [types.TextContent(type="text", text=json.dumps({"name": name,
                                                            "arguments": arguments}))]


async def main() -> None:
    async with ferromcp.server.stdio.stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
