"""A ferromcp server runs on the official SDK's in-memory streams, the way test suites connect a
server and a client in one process (`mcp.shared.memory`)."""

from __future__ import annotations

import anyio
import pytest
from mcp import ClientSession
from mcp.shared.memory import create_client_server_memory_streams

import ferromcp.types as types
from ferromcp.server import Server

pytestmark = pytest.mark.anyio


def _server() -> Server:
    server = Server("in-memory")

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="echo", inputSchema={
            "type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]})]

    @server.call_tool()
    async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
        await anyio.sleep(0)  # suspends: the answer comes from a later loop iteration
        return [types.TextContent(type="text", text=arguments["text"])]

    return server


async def test_official_memory_streams() -> None:
    server = _server()
    async with create_client_server_memory_streams() as (client_streams, server_streams):
        async with anyio.create_task_group() as tg:
            tg.start_soon(server.run, *server_streams, server.create_initialization_options())
            with anyio.fail_after(30):
                async with ClientSession(*client_streams) as session:
                    await session.initialize()
                    tools = (await session.list_tools()).tools
                    assert [t.name for t in tools] == ["echo"]
                    r = await session.call_tool("echo", {"text": "hi"})
                    assert [c.text for c in r.content] == ["hi"]
                    r = await session.call_tool("echo", {})
                    assert r.content[0].text == (
                        'Input validation error: "text" is a required property')
            tg.cancel_scope.cancel()
