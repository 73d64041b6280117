"""The README's "server in 10 lines"."""
import asyncio

import ferromcp.types as types
from ferromcp.server import Server
from ferromcp.server.stdio import stdio_server

server = Server("echo")

@server.list_tools()
async def list_tools():
    return [types.Tool(name="echo", inputSchema={"type": "object",
            "properties": {"text": {"type": "string"}}, "required": ["text"]})]

@server.call_tool()
async def call_tool(name, arguments):
    return [types.TextContent(type="text", text=arguments["text"])]

async def main():
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())

asyncio.run(main())
