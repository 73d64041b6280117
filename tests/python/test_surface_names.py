"""Names of the official surface that ferromcp serves itself (sampling validation, the 1.x
handler helpers, ``func_metadata``) and names it takes from the official package under
``python -m ferromcp run`` (session plumbing, the WebSocket transport, OAuth, tasks classes)."""

from __future__ import annotations

import asyncio
import importlib.util
import subprocess
import sys
import textwrap

import pytest

from ferromcp import types as t
from ferromcp.server.lowlevel import func_inspection
from ferromcp.server.validation import (
    check_sampling_tools_capability,
    validate_sampling_tools,
    validate_tool_use_result_messages,
    wants_sampling_tools,
)
from ferromcp.shared.exceptions import McpError

MCP2 = importlib.util.find_spec("mcp_types") is not None


# --- mcp.server.validation ---------------------------------------------------------------------

def test_sampling_tools_capability() -> None:
    assert not check_sampling_tools_capability(None)
    assert not check_sampling_tools_capability(t.ClientCapabilities())
    assert not check_sampling_tools_capability(t.ClientCapabilities(sampling={}))
    assert check_sampling_tools_capability(t.ClientCapabilities(sampling={"tools": {}}))
    assert wants_sampling_tools([], None) and not wants_sampling_tools(None, None)
    validate_sampling_tools(None, None, None)
    with pytest.raises(McpError) as err:
        validate_sampling_tools(t.ClientCapabilities(sampling={}), [], None)
    assert err.value.error.code == -32602


def _msg(role: str, *content: dict) -> t.SamplingMessage:
    return t.SamplingMessage(role=role, content=list(content) if len(content) > 1 else content[0])


USE = {"type": "tool_use", "name": "f", "id": "u1", "input": {}}
RESULT = {"type": "tool_result", "toolUseId": "u1", "content": []}
TEXT = {"type": "text", "text": "hi"}


def test_tool_use_result_messages() -> None:
    validate_tool_use_result_messages([])
    validate_tool_use_result_messages([_msg("user", TEXT)])
    validate_tool_use_result_messages([_msg("assistant", USE), _msg("user", RESULT)])
    assert _msg("user", RESULT).content_as_list[0].type == "tool_result"
    bad = [([_msg("user", RESULT)], "requires a previous message"),
           ([_msg("assistant", TEXT), _msg("user", RESULT)], "do not match any tool_use"),
           ([_msg("assistant", USE), _msg("user", RESULT, TEXT)], "only tool_result"),
           ([_msg("assistant", USE), _msg("user", dict(RESULT, toolUseId="u2"))], "ids of"),
           ([_msg("assistant", USE), _msg("user", TEXT)], "ids of")]
    for messages, words in bad:
        with pytest.raises(ValueError, match=words):
            validate_tool_use_result_messages(messages)


# --- mcp.server.lowlevel -----------------------------------------------------------------------

class Req:
    """A request type (module level: the wrapper resolves annotations by name)."""


def test_create_call_wrapper() -> None:
    req = Req()

    def old() -> str:
        return "none"

    def positional(r: Req, /) -> object:
        return r

    def named(*, request: Req) -> object:
        return request

    def defaulted(r: Req | None = None) -> object:
        return r

    wrap = func_inspection.create_call_wrapper
    assert wrap(old, Req)(req) == "none"
    assert wrap(positional, Req)(req) is req
    assert wrap(named, Req)(req) is req
    assert wrap(defaulted, Req)(req) is None


def test_lowlevel_helpers() -> None:
    from ferromcp.server.lowlevel import server

    assert server.StructuredContent == dict[str, object] or server.StructuredContent.__origin__
    assert server.validate_and_warn_tool_name("ok_name-1.x")
    assert not server.validate_and_warn_tool_name("no spaces")

    async def entered() -> object:
        async with server.lifespan(None) as value:
            return value

    assert asyncio.run(entered()) == {}
    assert server.create_call_wrapper is func_inspection.create_call_wrapper


def test_initialization_state() -> None:
    from ferromcp.server.session import InitializationState

    assert [s.name for s in InitializationState] == ["NotInitialized", "Initializing",
                                                     "Initialized"]


# --- func_metadata -----------------------------------------------------------------------------

def test_func_metadata_is_the_tools_signature() -> None:
    module = "mcpserver" if MCP2 else "fastmcp"
    fm = importlib.import_module(f"ferromcp.server.{module}.utilities.func_metadata")
    base = importlib.import_module(f"ferromcp.server.{module}.tools.base")

    def add(a: int, b: int = 2) -> int:
        return a + b

    meta = fm.func_metadata(add)
    assert isinstance(meta, fm.FuncMetadata)
    assert base.Tool.from_function(add).fn_metadata.input_schema == meta.input_schema
    assert issubclass(meta.arg_model, fm.ArgModelBase)
    assert asyncio.run(meta.call_fn_with_arg_validation(add, False, {"a": "3"}, {"b": 4})) == 7
    content, structured = meta.convert_result(5)
    assert structured == {"result": 5} and content[0]["text"] == "5"
    assert fm.func_metadata(add, structured_output=False).convert_result(5)[0]["text"] == "5"
    assert fm.StrictJsonSchema.__name__ == "StrictJsonSchema"


# --- official names under `python -m ferromcp run` ---------------------------------------------

def _run(code: str) -> str:
    prelude = "from ferromcp.__main__ import install_alias\ninstall_alias()\n"
    out = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_session_plumbing_comes_from_the_official_package() -> None:
    out = _run(("""
        from mcp.server.session import BaseSession, InitializationState, ServerSession
        from mcp.server.lowlevel.server import SessionMessage, validate_and_warn_tool_name
        from mcp.server.validation import validate_sampling_tools
        from mcp.server.fastmcp.server import TokenVerifier  # 1.x
        """ if not MCP2 else """
        from mcp.server.context import Context, Connection
        from mcp.server.lowlevel.server import SessionMessage, OpenTelemetryMiddleware
        from mcp.server.mcpserver.server import TokenVerifier
        from mcp.server.validation import validate_sampling_tools
        from mcp.types.methods import parse_client_request
        from mcp.server.session import ServerSession
        BaseSession = Context
        """) + """
        class Verifier(TokenVerifier):
            async def verify_token(self, token):
                return None
        Verifier()
        for value in (BaseSession, SessionMessage, TokenVerifier):
            assert value.__module__.startswith("ferromcp._official_mcp."), value.__module__
        assert ServerSession.__module__ == "ferromcp.server.session"
        assert validate_sampling_tools.__module__ == "ferromcp.server.validation"
        print("ok")
        """)
    assert out == "ok"


@pytest.mark.skipif(MCP2, reason="the WebSocket transport is 1.x only")
def test_official_websocket_transport_serves_a_ferromcp_server() -> None:
    out = _run("""
        import json
        import mcp.types as types
        from mcp.server.lowlevel import Server
        from mcp.server.websocket import websocket_server
        from starlette.testclient import TestClient

        server = Server("ws")

        @server.call_tool()
        async def call(name, arguments):
            return [types.TextContent(type="text", text=f"{name}:{arguments['x']}")]

        async def app(scope, receive, send):
            async with websocket_server(scope, receive, send) as (read, write):
                await server.run(read, write, server.create_initialization_options())

        with TestClient(app).websocket_connect("/", subprotocols=["mcp"]) as ws:
            ws.send_text(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                           "clientInfo": {"name": "t", "version": "1"}}}))
            assert json.loads(ws.receive_text())["result"]["serverInfo"]["name"] == "ws"
            ws.send_text(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))
            ws.send_text(json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                "params": {"name": "echo", "arguments": {"x": "hi"}}}))
            print(json.loads(ws.receive_text())["result"]["content"][0]["text"])
        """)
    assert out.splitlines()[-1] == "echo:hi"
