"""Tools on the 1.x decorator-style low-level server (``tests/servers/lowlevel_v1.py``), driven by
the official client: listing, result wrapping, the two error planes, input and output schemas,
the request context and the lifespan."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from peer import SERVERS, ClientError, Peer, connect, error_of, plain
from rawwire import RawServer

pytestmark = pytest.mark.anyio
V1 = SERVERS / "lowlevel_v1.py"


@pytest.fixture
async def peer() -> AsyncIterator[Peer]:
    async with connect(V1) as p:
        yield p


async def test_list_tools(peer: Peer) -> None:
    tools = {t["name"]: t for t in await peer.list_tools()}
    assert {"echo", "add", "fail", "mcp_error", "slow", "progress", "log", "structured",
            "bad_structured", "sample", "elicit", "notify_update", "lifespan"} <= set(tools)
    assert tools["add"] == {
        "name": "add", "description": "Adds two integers",
        "inputSchema": {"type": "object",
                        "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
                        "required": ["a", "b"]},
    }
    assert tools["structured"]["outputSchema"] == {
        "type": "object", "properties": {"sum": {"type": "integer"}}, "required": ["sum"]}
    assert "outputSchema" not in tools["echo"]


async def test_content_list_is_wrapped(peer: Peer) -> None:
    r = plain(await peer.call_tool("echo", {"text": "héllo ✓"}))
    assert r == {"content": [{"type": "text", "text": "héllo ✓"}], "isError": False}
    r = plain(await peer.call_tool("add", {"a": 2, "b": 40}))
    assert r["content"] == [{"type": "text", "text": "42"}]


async def test_answered_calls_leave_nothing_alive(peer: Peer) -> None:
    # A call's result and task are released after its answer is written, not kept.
    for _ in range(3):
        assert plain(await peer.call_tool("track", {}))["content"][0]["text"] == "tracked"
    r = plain(await peer.call_tool("tracked", {}))
    assert r["content"] == [{"type": "text", "text": "0"}]


async def test_several_content_blocks_keep_their_types(peer: Peer) -> None:
    r = await peer.call_tool("mixed", {})
    assert r["isError"] is False
    assert r["content"] == [
        {"type": "text", "text": "first"},
        {"type": "image", "data": "iVBORw0KGgo=", "mimeType": "image/png"},
        {"type": "resource", "resource": {"uri": "memo://text", "mimeType": "text/plain",
                                          "text": "embedded"}},
    ]


async def test_handler_exception_is_an_is_error_result(peer: Peer) -> None:
    r = plain(await peer.call_tool("fail", {}))
    assert r == {"content": [{"type": "text", "text": "kaboom"}], "isError": True}


async def test_mcp_error_inside_call_tool_is_an_is_error_result(peer: Peer) -> None:
    # mcp 1.x: call_tool catches every exception, McpError included, into an isError result.
    r = plain(await peer.call_tool("mcp_error", {}))
    assert r == {"content": [{"type": "text", "text": "bad input"}], "isError": True}


async def test_unknown_tool_is_whatever_the_handler_says(peer: Peer) -> None:
    r = await peer.call_tool("nope", {})
    assert r["isError"] is True
    assert r["content"] == [{"type": "text", "text": "Unknown tool: nope"}]


async def test_input_schema_is_enforced_before_the_handler(peer: Peer) -> None:
    r = await peer.call_tool("add", {"a": 1, "b": "2"})
    assert r["isError"] is True
    msg = r["content"][0]["text"]
    assert msg.startswith("Input validation error: ")
    assert "integer" in msg and "b" in msg
    r = await peer.call_tool("add", {"a": 1})
    assert r["isError"] is True
    assert r["content"][0]["text"].startswith("Input validation error: ")
    assert "b" in r["content"][0]["text"]
    # Absent arguments are validated as {}: the required ones are missing.
    r = await peer.call_tool("echo", None)
    assert r["isError"] is True
    assert "text" in r["content"][0]["text"]
    # And the server still serves valid calls afterwards.
    r = await peer.call_tool("add", {"a": 1, "b": 2})
    assert r["content"][0]["text"] == "3"


async def test_structured_output(peer: Peer) -> None:
    r = plain(await peer.call_tool("structured", {"a": 20, "b": 22}))
    assert r["isError"] is False
    assert r["structuredContent"] == {"sum": 42}
    # 1.x: a returned dict also becomes one TextContent with the JSON, indented by 2.
    assert r["content"] == [{"type": "text", "text": json.dumps({"sum": 42}, indent=2)}]


async def test_output_schema_violation_is_an_is_error_result(peer: Peer) -> None:
    r = plain(await peer.call_tool("bad_structured", {}))
    assert r["isError"] is True
    assert "structuredContent" not in r
    text = r["content"][0]["text"]
    assert text.startswith("Output validation error: ")
    assert "integer" in text


async def test_lifespan_context_reaches_handlers(peer: Peer) -> None:
    r = await peer.call_tool("lifespan", {})
    assert r["content"] == [{"type": "text", "text": "connected"}]


async def test_request_context(peer: Peer) -> None:
    r = await peer.call_tool("context", {})
    ctx = json.loads(r["content"][0]["text"])
    assert isinstance(ctx["requestId"], int | str)
    assert ctx["afterAwait"] == ctx["requestId"]
    assert ctx["progressToken"] is None
    r2 = await peer.call_tool("context", {})
    assert json.loads(r2["content"][0]["text"])["requestId"] != ctx["requestId"]


async def test_json_rpc_errors_surface_in_the_client(peer: Peer) -> None:
    """A JSON-RPC error reaches the official client as its exception with code and message."""
    with pytest.raises(ClientError) as info:
        await peer.read_resource("nope://missing")
    err = error_of(info.value)
    assert err["code"] == 0
    assert err["message"] == "Unknown resource: nope://missing"
    # The session is fine afterwards.
    assert (await peer.call_tool("echo", {"text": "ok"}))["content"][0]["text"] == "ok"


async def test_url_elicitation_required_is_a_json_rpc_error(peer: Peer) -> None:
    """The one exception a 1.x tool does not turn into an ``isError`` result."""
    with pytest.raises(ClientError) as info:
        await peer.call_tool("url_elicit", {})
    err = error_of(info.value)
    assert err["code"] == -32042
    assert err["data"]["elicitations"][0]["url"] == "https://example.com/login"


async def test_many_sequential_calls_on_one_connection(peer: Peer) -> None:
    for i in range(200):
        r = await peer.call_tool("add", {"a": i, "b": 1})
        assert r["content"][0]["text"] == str(i + 1)


def test_decorator_registration_in_process() -> None:
    """What 1.x code inspects on the server object: the decorators return the function, handlers
    are keyed by request type, and request_context outside a request is a LookupError."""
    from ferromcp import types
    from ferromcp.server import Server

    server = Server("in-process")

    async def handler(name: str, arguments: dict) -> list[types.TextContent]:
        return []

    assert server.call_tool()(handler) is handler
    assert server.request_handlers[types.CallToolRequest] is handler
    with pytest.raises(LookupError):
        server.request_context  # noqa: B018 - the property raises outside a request


async def test_other_return_shapes(peer: Peer) -> None:
    # (unstructured, structured) tuple → both.
    r = plain(await peer.call_tool("pair", {}))
    assert r == {"content": [{"type": "text", "text": "unstructured"}],
                 "structuredContent": {"k": [1, 2]}, "isError": False}
    # A whole CallToolResult goes out as is.
    r = plain(await peer.call_tool("whole", {}))
    assert r == {"content": [{"type": "text", "text": "whole"}], "structuredContent": {"w": True},
                 "isError": False}
    # Anything else is an isError result naming the type.
    r = plain(await peer.call_tool("weird", {}))
    assert r == {"content": [{"type": "text", "text": "Unexpected return type from tool: int"}],
                 "isError": True}


async def test_validate_input_false_passes_arguments_through() -> None:
    async with connect(SERVERS / "lowlevel_v1_novalidate.py") as p:
        r = await p.call_tool("add", {"a": "not a number"})
        assert r["isError"] is False
        assert json.loads(r["content"][0]["text"]) == {"name": "add",
                                                       "arguments": {"a": "not a number"}}
        # Absent arguments reach a 1.x handler as {}.
        r = await p.call_tool("add", None)
        assert json.loads(r["content"][0]["text"])["arguments"] == {}


def test_schema_is_checked_even_before_the_client_lists_tools(tmp_path: Path) -> None:
    """A tools/call for a tool the server has not listed yet: like mcp 1.x, the server lists
    once itself so the arguments are still checked against the inputSchema."""
    with RawServer(V1, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        r = raw.call("tools/call", {"name": "add", "arguments": {"a": 1, "b": "x"}})
        assert r["result"]["isError"] is True
        assert r["result"]["content"][0]["text"].startswith("Input validation error: ")
        r = raw.call("tools/call", {"name": "add", "arguments": {"a": 1, "b": 2}})
        assert r["result"]["content"] == [{"type": "text", "text": "3"}]
        raw.assert_each_id_answered_once()


async def test_values_pydantic_would_serialise_are_sent_as_it_sends_them() -> None:
    """URL types, datetimes, UUIDs, paths, decimals, enums, bytes, tuples, dataclasses: what
    pydantic's JSON mode makes of them (the official SDK serialises results with it)."""
    from peer import SERVERS, connect

    async with connect(SERVERS / "pydantic_values.py") as peer:
        resources = await peer.list_resources()
        r = await peer.call_tool("values", {})
    assert resources[0]["uri"] == "file:///tmp/report.txt"
    assert r["structuredContent"] == {
        "when": "2026-01-02T03:04:05Z", "day": "2026-01-02",
        "id": "00000000-0000-0000-0000-000000000005", "path": "/tmp/x", "price": "1.50",
        "color": "red", "raw": "hi", "tags": ["a", "b"], "point": {"x": 1, "y": 2},
        "url": "https://example.org/a"}
