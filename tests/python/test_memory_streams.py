"""A ferromcp server runs on the official SDK's in-memory streams, the way test suites connect a
server and a client in one process (`mcp.shared.memory`)."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from mcp import ClientSession
from mcp.shared.memory import create_client_server_memory_streams

import ferromcp.types as types
from ferromcp.server import Server
from peer import CLIENT

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


# --- ferromcp.shared.memory: the same helpers, served by ferromcp ---------------------------------

def _fastmcp() -> Any:
    from ferromcp.server.fastmcp import FastMCP

    mcp = FastMCP("in-memory-fastmcp")

    @mcp.tool()
    async def add(a: int, b: int) -> int:
        await anyio.sleep(0)
        return a + b

    return mcp


async def test_connected_session_with_a_fastmcp_server() -> None:
    """``create_connected_server_and_client_session`` (the official 1.x test helper), served by
    ferromcp: a ``FastMCP`` server runs with its tools, the client is the official one."""
    from ferromcp.shared.memory import create_connected_server_and_client_session

    with anyio.fail_after(30):
        async with create_connected_server_and_client_session(_fastmcp()) as session:
            assert isinstance(session, ClientSession)
            assert [t.name for t in (await session.list_tools()).tools] == ["add"]
            r = await session.call_tool("add", {"a": 2, "b": "3"})
            assert [c.text for c in r.content] == ["5"]


async def test_memory_streams_with_a_lowlevel_server() -> None:
    from ferromcp.shared.memory import create_client_server_memory_streams

    server = _server()
    async with create_client_server_memory_streams() as (client_streams, server_streams):
        async with anyio.create_task_group() as tg:
            tg.start_soon(server.run, *server_streams, server.create_initialization_options())
            with anyio.fail_after(30):
                async with ClientSession(*client_streams) as session:
                    await session.initialize()
                    r = await session.call_tool("echo", {"text": "hi"})
                    assert [c.text for c in r.content] == ["hi"]
            tg.cancel_scope.cancel()


async def test_official_client_in_process_with_a_ferromcp_server() -> None:
    """mcp 2.x ``Client(server)`` (``from ferromcp import Client``) with a ferromcp server, in both
    of its modes."""
    if CLIENT != "mcp2":
        pytest.skip("mcp.Client is 2.x")
    from ferromcp import Client

    for mode in ("legacy", "auto"):
        with anyio.fail_after(30):
            async with Client(_fastmcp(), mode=mode) as client:
                r = await client.call_tool("add", {"a": 1, "b": 2})
        assert r.structured_content == {"result": 3}, mode
