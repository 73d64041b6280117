"""Constructor keywords: every keyword the official constructors take is accepted (and kept where
a server reads it), and any other raises ``TypeError`` worded as the official one words it, so a
misspelt or unsupported option never goes unnoticed. Where the official class is installed
(``mcp`` 1.30 ``FastMCP`` in ``.venv``; ``mcp`` 2.3 ``MCPServer`` and the 2.x ``Server`` in
``.venv-mcp2``) its message is compared; fastmcp 4's were recorded from fastmcp 4.1.6."""

from __future__ import annotations

import importlib.metadata
import warnings
from typing import Any

import pytest

import ferromcp
from ferromcp.server import Server
from ferromcp.server.fastmcp import FastMCP as FastMCP1
from ferromcp.server.mcpserver import MCPServer
from peer import connect

MCP_MAJOR = int(importlib.metadata.version("mcp").split(".")[0])


def _type_error(make: Any) -> str:
    with pytest.raises(TypeError) as info:
        make()
    return str(info.value)


def _official_type_error(module: str, name: str, **kw: Any) -> str:
    import importlib

    cls = getattr(importlib.import_module(module), name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _type_error(lambda: cls("x", **kw))


# --- mcp 1.x FastMCP ----------------------------------------------------------------------------

def test_fastmcp_v1_takes_every_official_keyword() -> None:
    mcp = FastMCP1("v1", None, None, None, None, None, None, None, tools=None, debug=True,
                   log_level="DEBUG", host="0.0.0.0", port=9001, mount_path="/m",
                   sse_path="/s", message_path="/msg/", streamable_http_path="/h",
                   json_response=True, stateless_http=True, max_request_body_size=1024,
                   session_idle_timeout=60, max_sessions=5, warn_on_duplicate_resources=False,
                   warn_on_duplicate_tools=False, warn_on_duplicate_prompts=False,
                   dependencies=("pandas",), lifespan=None, auth=None,
                   transport_security=None)
    s = mcp.settings
    assert (s.debug, s.log_level, s.host, s.port, s.mount_path) == (
        True, "DEBUG", "0.0.0.0", 9001, "/m")
    assert (s.max_request_body_size, s.session_idle_timeout, s.max_sessions) == (1024, 60, 5)
    assert (s.stateless_http, s.json_response, s.streamable_http_path) == (True, True, "/h")
    assert s.dependencies == ["pandas"] and mcp.dependencies == ["pandas"]
    # The defaults, as mcp 1.30 has them.
    d = FastMCP1("defaults").settings
    assert (d.max_request_body_size, d.session_idle_timeout, d.max_sessions) == (
        4 * 1024 * 1024, 1800, 10000)
    assert d.warn_on_duplicate_tools is True and d.dependencies == []


@pytest.mark.parametrize("keyword", ["middleware", "subscriptions", "hots"])
def test_fastmcp_v1_refuses_other_keywords(keyword: str) -> None:
    got = _type_error(lambda: FastMCP1("x", **{keyword: None}))
    assert got == f"FastMCP.__init__() got an unexpected keyword argument '{keyword}'"
    if MCP_MAJOR == 1:
        assert got == _official_type_error("mcp.server.fastmcp", "FastMCP", **{keyword: None})


# --- mcp 2.x MCPServer --------------------------------------------------------------------------

class _Middleware:
    async def __call__(self, ctx: Any, call_next: Any) -> Any:
        return await call_next(ctx)


class _Resource:
    uri = "memo://kept"
    name = "kept"

    def read(self) -> str:
        return "kept"


@pytest.mark.anyio
async def test_mcpserver_takes_every_official_keyword() -> None:
    m = _Middleware()
    mcp = MCPServer("v2", None, None, None, None, None, "1.0", None, None, tools=None,
                    resources=[_Resource()], extensions=None, debug=True, log_level="DEBUG",
                    warn_on_duplicate_resources=False, warn_on_duplicate_tools=False,
                    warn_on_duplicate_prompts=False, dependencies=["x"], lifespan=None,
                    auth=None, resource_security=None, request_state_security=None,
                    cache_hints={}, subscriptions=False, middleware=[m])
    # Kept under the official names (middleware is not run yet; see the README).
    assert mcp.middleware == [m] and mcp._lowlevel_server.middleware is mcp.middleware
    assert mcp._subscriptions is False
    assert mcp._lowlevel_server.cache_hints == {}
    assert (mcp.settings.debug, mcp.settings.log_level, mcp.dependencies) == (
        True, "DEBUG", ["x"])
    # resources= registers them.
    assert [str(r.uri) for r in await mcp.list_resources()] == ["memo://kept"]


@pytest.mark.parametrize("keyword", ["host", "port", "mask_errors", "stateless_http"])
def test_mcpserver_refuses_other_keywords(keyword: str) -> None:
    got = _type_error(lambda: MCPServer("x", **{keyword: None}))
    assert got == f"MCPServer.__init__() got an unexpected keyword argument '{keyword}'"
    if MCP_MAJOR == 2:
        assert got == _official_type_error("mcp.server.mcpserver", "MCPServer",
                                           **{keyword: None})


def test_lowlevel_server_takes_the_2x_keywords() -> None:
    async def listen(ctx: Any, params: Any) -> Any:
        return None

    def schema(name: str) -> None:
        return None

    from ferromcp.server import CacheHint

    hint = CacheHint(ttl_ms=5, scope="public")
    server = Server("x", cache_hints={"tools/list": hint}, get_tool_input_schema=schema,
                    on_subscriptions_listen=listen)
    assert server.cache_hints == {"tools/list": hint}
    with pytest.raises(TypeError, match="must be a CacheHint"):
        Server("x", cache_hints={"tools/list": None})
    with pytest.raises(ValueError, match="cacheable methods"):
        Server("x", cache_hints={"tools/call": hint})
    assert server.get_tool_input_schema is schema
    assert server.middleware == []
    got = _type_error(lambda: Server("x", bogus=1))
    assert got == "Server.__init__() got an unexpected keyword argument 'bogus'"
    if MCP_MAJOR == 2:
        assert got == _official_type_error("mcp.server.lowlevel", "Server", bogus=1)


# --- fastmcp 4 FastMCP --------------------------------------------------------------------------

def test_fastmcp_style_takes_every_fastmcp_keyword() -> None:
    m = _Middleware()
    mcp = ferromcp.FastMCP("f", "hi", version="1", website_url=None, icons=None, auth=None,
                           middleware=[m], providers=[], transforms=[], lifespan=None,
                           tools=None, on_duplicate="error", mask_error_details=False,
                           dereference_schemas=False, strict_input_validation=True,
                           list_page_size=10, resource_security=None,
                           request_state_security=None, cache_ttl=5, cache_scope="public",
                           tasks=True, session_state_store=None, client_log_level="info",
                           experimental_capabilities={"x-feature": {"on": True}})
    assert mcp.middleware == [m] and mcp.providers == []
    assert mcp.strict_input_validation is True and mcp.client_log_level == "info"
    assert mcp._on_duplicate == "error" and mcp._support_tasks_by_default is True
    assert mcp.experimental_capabilities == {"x-feature": {"on": True}}


@pytest.mark.parametrize(("kw", "want"), [
    ({"subscriptions": False}, "FastMCP() got unexpected keyword argument(s): 'subscriptions'"),
    ({"on_duplicate_tools": "error"},
     "FastMCP() no longer accepts `on_duplicate_tools`. Use `on_duplicate=` instead."),
    ({"include_tags": {"a"}}, "FastMCP() no longer accepts `include_tags`. Use "
     "`server.enable(tags=..., only=True)` after creating the server."),
])
def test_fastmcp_style_refuses_other_keywords(kw: dict[str, Any], want: str) -> None:
    assert _type_error(lambda: ferromcp.FastMCP("x", **kw)) == want


@pytest.mark.anyio
async def test_fastmcp_style_announces_its_experimental_capabilities(tmp_path: Any) -> None:
    script = tmp_path / "server.py"
    script.write_text(
        "from ferromcp import FastMCP\n"
        "mcp = FastMCP('exp', experimental_capabilities={'x-feature': {'on': True}})\n"
        "@mcp.tool\n"
        "def ping() -> str:\n"
        "    return 'pong'\n"
        "mcp.run()\n")
    async with connect(script, legacy=True) as peer:
        assert peer.init["capabilities"]["experimental"] == {"x-feature": {"on": True}}
