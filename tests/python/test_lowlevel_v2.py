"""The 2.x-style low-level server (``Server(name, on_*=...)``, ``tests/servers/lowlevel_v2.py``):
whole result models go out as returned, and errors follow ``mcp`` 2.x — a tool that raises is a
JSON-RPC error (code 0), not an ``isError`` result."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import mcp.types as mt
import pytest

from peer import SERVERS, ClientError, Peer, connect, error_of, plain
from rawwire import RawServer

pytestmark = pytest.mark.anyio
V2 = SERVERS / "lowlevel_v2.py"


@pytest.fixture
async def peer() -> AsyncIterator[Peer]:
    async with connect(V2, legacy=True) as p:
        yield p


async def call_error(peer: Peer, name: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
    with pytest.raises(ClientError) as info:
        await peer.call_tool(name, args or {})
    return error_of(info.value)


async def test_list_tools_wire_shape(peer: Peer) -> None:
    tools = {t["name"]: t for t in await peer.list_tools()}
    assert len(tools) == 25
    # Models built with snake_case keywords travel with the wire's camelCase names.
    assert tools["structured"] == {
        "name": "structured", "description": "Structured sum",
        "inputSchema": {"type": "object",
                        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
                        "required": ["a", "b"]},
        "outputSchema": {"type": "object", "properties": {"sum": {"type": "integer"}},
                         "required": ["sum"]},
    }


async def test_whole_results_are_sent_as_returned(peer: Peer) -> None:
    r = plain(await peer.call_tool("echo", {"text": "v2 ✓"}))
    assert r == {"content": [{"type": "text", "text": "v2 ✓"}], "isError": False}
    r = plain(await peer.call_tool("is_error", {}))
    assert r == {"content": [{"type": "text", "text": "nope"}], "isError": True}
    r = plain(await peer.call_tool("add", {"a": 40, "b": 2}))
    assert r["content"] == [{"type": "text", "text": "42"}]


async def test_tool_exception_is_a_jsonrpc_error_code_0(peer: Peer) -> None:
    assert await call_error(peer, "fail") == {"code": 0, "message": "kaboom"}
    # Unknown tools are whatever the handler raises: here a ValueError.
    assert await call_error(peer, "nope") == {"code": 0, "message": "Unknown tool: nope"}
    assert (await peer.call_tool("echo", {"text": "still"}))["content"][0]["text"] == "still"


async def test_tool_mcp_error_keeps_code_message_and_data(peer: Peer) -> None:
    assert await call_error(peer, "mcp_error") == {"code": -32602, "message": "bad input",
                                                   "data": {"x": 1}}


async def test_absent_arguments_are_none(peer: Peer) -> None:
    r = await peer.call_tool("arguments", None)
    assert json.loads(r["content"][0]["text"]) == {"arguments": None}
    r = await peer.call_tool("arguments", {})
    assert json.loads(r["content"][0]["text"]) == {"arguments": {}}


async def test_structured_content(peer: Peer) -> None:
    r = plain(await peer.call_tool("structured", {"a": 1, "b": 2}))
    assert r == {"content": [{"type": "text", "text": "3"}], "structuredContent": {"sum": 3},
                 "isError": False}
    r = plain(await peer.call_tool("bad_structured", {}))
    assert r["isError"] is True
    assert r["content"][0]["text"].startswith("Output validation error: ")


async def test_context_and_lifespan(peer: Peer) -> None:
    assert (await peer.call_tool("lifespan", {}))["content"][0]["text"] == "connected-v2"
    ctx = json.loads((await peer.call_tool("context", {}))["content"][0]["text"])
    assert ctx["method"] == "tools/call"
    assert ctx["protocolVersion"] == "2025-11-25"
    assert isinstance(ctx["requestId"], int | str)
    assert ctx["progressToken"] is None and ctx["hasToken"] is False


async def test_resources(peer: Peer) -> None:
    assert [r["uri"] for r in await peer.list_resources()] == ["memo://text", "memo://binary"]
    assert await peer.list_resource_templates() == [{
        "uriTemplate": "users://{id}/profile", "name": "profile",
        "description": "A user's profile", "mimeType": "application/json"}]
    assert plain(await peer.read_resource("memo://text")) == {"contents": [
        {"uri": "memo://text", "mimeType": "text/markdown", "text": "# hello"}]}
    assert plain(await peer.read_resource("memo://binary")) == {"contents": [
        {"uri": "memo://binary", "mimeType": "image/png", "blob": "iVBORwD/"}]}
    r = plain(await peer.read_resource("users://7/profile"))
    assert r["contents"][0]["text"] == json.dumps({"id": "7"})
    with pytest.raises(ClientError) as info:
        await peer.read_resource("nope://x")
    assert error_of(info.value) == {"code": -32602, "message": "Unknown resource: nope://x",
                                    "data": {"uri": "nope://x"}}


async def test_subscribe_handlers(peer: Peer) -> None:
    await peer.subscribe_resource("memo://text")
    await peer.unsubscribe_resource("memo://text")
    s = json.loads((await peer.call_tool("stats", {}))["content"][0]["text"])
    assert s["subscribed"] == ["memo://text"] and s["unsubscribed"] == ["memo://text"]


async def test_prompts(peer: Peer) -> None:
    assert [p["name"] for p in await peer.list_prompts()] == ["greet"]
    r = plain(await peer.get_prompt("greet", {"name": "Ada"}))
    assert r == {"description": "A friendly greeting", "messages": [
        {"role": "user", "content": {"type": "text", "text": "Greet Ada in a friendly way."}}]}
    with pytest.raises(ClientError) as info:
        await peer.get_prompt("greet", {})
    assert error_of(info.value) == {"code": -32602, "message": "Missing required argument: name"}
    with pytest.raises(ClientError) as info:
        await peer.get_prompt("nope", {})
    assert error_of(info.value) == {"code": 0, "message": "Unknown prompt: nope"}


async def test_completion(peer: Peer) -> None:
    r = plain(await peer.complete(mt.PromptReference(type="ref/prompt", name="greet"),
                                  {"name": "style", "value": "fr"}))
    assert r == {"completion": {"values": ["friendly"], "total": 1, "hasMore": False}}
    r = plain(await peer.complete(
        mt.ResourceTemplateReference(type="ref/resource", uri="users://{id}/profile"),
        {"name": "id", "value": "4"}, context_arguments={"suffix": "2"}))
    assert r["completion"]["values"] == ["42"]
    r = plain(await peer.complete(mt.PromptReference(type="ref/prompt", name="greet"),
                                  {"name": "other", "value": ""}))
    assert r == {"completion": {"values": []}}


async def test_progress_token_is_in_meta(peer: Peer) -> None:
    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        pass

    r = await peer.call_tool("context", {}, progress_callback=on_progress)
    ctx = json.loads(r["content"][0]["text"])
    # ctx.meta is a mapping (2.x: a RequestParamsMeta TypedDict): .get and `in` both work.
    assert ctx["progressToken"] is not None
    assert ctx["hasToken"] is True


def test_server_request_context_import_path() -> None:
    """2.x handlers annotate ``ctx: ServerRequestContext`` imported from ``mcp.server`` (or
    ``mcp.server.context``); with ``mcp`` → ``ferromcp`` both imports must work."""
    code = ("from ferromcp.server import ServerRequestContext;"
            "from ferromcp.server.context import ServerRequestContext as B;"
            "assert ServerRequestContext is B")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr


def test_mcp_error_2x_constructor() -> None:
    """``MCPError(code, message, data)`` by position or keyword, as in ``mcp`` 2.x."""
    from ferromcp.shared.exceptions import MCPError

    for exc in (MCPError(-32602, "bad input", {"x": 1}),
                MCPError(code=-32602, message="bad input", data={"x": 1})):
        assert (exc.code, exc.message, exc.data) == (-32602, "bad input", {"x": 1})
        assert exc.error.code == -32602 and str(exc) == "bad input"
    exc = MCPError(code=1, message="m")
    assert exc.data is None


async def test_plain_dict_result_is_sent_as_is(peer: Peer) -> None:
    r = plain(await peer.call_tool("as_dict", {}))
    assert r == {"content": [{"type": "text", "text": "from a dict"}], "isError": False}


@pytest.mark.parametrize("tool", ["bare_list", "returns_str", "returns_none", "no_content"])
def test_invalid_results_are_errors(tmp_path: Path, tool: str) -> None:
    """2.x does not wrap, and checks what handlers return: a list or a str is answered with
    error code 0 ("handler returned list; expected BaseModel, dict, or None"), a None or a dict
    that is not a CallToolResult with -32603 ("Handler returned an invalid result"). Never a
    "result" that is not a valid CallToolResult: a non-object result cannot even be parsed by
    the official clients, so the caller would hang until its timeout."""
    with RawServer(V2, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        r = raw.call("tools/call", {"name": tool, "arguments": {}})
        assert "error" in r, r
        assert r["error"]["code"] in (0, -32603), r
        r = raw.call("tools/call", {"name": "echo", "arguments": {"text": "ok"}})
        assert r["result"]["content"][0]["text"] == "ok"
        raw.assert_each_id_answered_once()
