"""The seed tutorial's unit-test style (``tests/seed/test_file_server.py``, copied from the
tutorial as written, run against ``examples/file_server.py``): ``await server.call_tool("read_file",
{...})`` on a 1.x decorator ``Server`` runs the registered handler and returns what it returns.
Official ``mcp`` 1.x cannot run it (there ``call_tool()`` is only the decorator factory)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import ferromcp.types as types
from ferromcp.server import Server
from peer import ROOT


def test_seed_unit_tests_pass_as_written() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/seed"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 passed" in proc.stdout, proc.stdout


def _server() -> Server:
    server = Server("in-process")

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="echo", inputSchema={"type": "object"})]

    @server.call_tool(validate_input=False)
    async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
        return [types.TextContent(type="text", text=f"{name}:{arguments.get('text')}")]

    @server.read_resource()
    async def read_resource(uri: object) -> str:
        return f"read {uri}"

    @server.get_prompt()
    async def get_prompt(name: str, arguments: dict | None) -> types.GetPromptResult:
        return types.GetPromptResult(messages=[types.PromptMessage(
            role="user", content=types.TextContent(type="text", text=f"{name} {arguments}"))])

    return server


def test_decorators_still_register() -> None:
    server = _server()
    assert {t.__name__ for t in server.request_handlers} >= {
        "ListToolsRequest", "CallToolRequest", "ReadResourceRequest", "GetPromptRequest"}
    # Bare calls stay decorator factories, validate_input included.
    assert callable(server.call_tool()) and callable(server.call_tool(validate_input=False))
    assert callable(server.list_tools()) and callable(server.read_resource())
    assert callable(server.get_prompt())


@pytest.mark.anyio
async def test_calls_with_arguments_run_the_handlers() -> None:
    server = _server()
    result = await server.call_tool("echo", {"text": "hi"})
    assert [c.text for c in result] == ["echo:hi"]
    # Absent arguments reach the handler as {}, as they do over the wire in 1.x.
    assert (await server.call_tool("echo"))[0].text == "echo:None"
    tools = await server.list_tools()
    assert [t.name for t in tools] == ["echo"]
    assert await server.read_resource("memo://x") == "read memo://x"
    prompt = await server.get_prompt("p", {"a": "1"})
    assert prompt.messages[0].content.text == "p {'a': '1'}"


@pytest.mark.anyio
async def test_in_process_call_without_a_handler_says_which_decorator() -> None:
    with pytest.raises(LookupError, match="call_tool"):
        await Server("empty").call_tool("x", {})
