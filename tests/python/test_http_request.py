"""Handlers see the HTTP request that carried their call (``ctx.request_context.request``, the
2.x ``ctx.request``, middleware's ``ctx.request``): a Starlette ``Request`` with the method,
path, query, headers and client the official SDK's handlers see, on every way of serving.

``tests/servers/http_request_app.py`` runs on ferromcp and, for the flavor the installed official
package has, on the official SDK; the official client (sending an ``X-Tenant`` header and a
query string) calls its tools on both, and the answers must be the same — and say what the
client sent. Each server runs in a process of its own, stopped by its PID.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from httpproc import free_port, listening

from peer import ROOT, connect_http

pytestmark = pytest.mark.anyio

APP = ROOT / "tests" / "servers" / "http_request_app.py"
MCP2 = importlib.metadata.version("mcp").startswith("2.")
HEADERS = {"X-Tenant": "acme"}

WAYS = [
    ("--flavor", "fastmcp1", "--mode", "run"),
    ("--flavor", "fastmcp1", "--mode", "run", "--stateless", "--json"),
    ("--flavor", "fastmcp1", "--mode", "asgi"),
    ("--flavor", "fastmcp1", "--mode", "run", "--transport", "sse"),
    ("--flavor", "mcpserver2", "--mode", "run"),
    ("--flavor", "mcpserver2", "--mode", "run", "--stateless", "--json"),
    ("--flavor", "mcpserver2", "--mode", "asgi"),
    ("--flavor", "mcpserver2", "--mode", "asgi", "--transport", "sse"),
    ("--flavor", "lowlevel2"),
    ("--flavor", "lowlevel2", "--stateless"),
]


@contextmanager
def serving(*args: str) -> Iterator[int]:
    """Starts the app with ``args`` on a free port; yields the port."""
    port = free_port()
    with listening([sys.executable, str(APP), "--port", str(port), *args], port):
        yield port


async def answers(*args: str) -> dict[str, Any]:
    """Each tool's answer (as JSON) from the app served with ``args``."""
    sse = "sse" in args
    with serving(*args) as port:
        url = f"http://127.0.0.1:{port}" + ("/sse?q=1" if sse else "/mcp?q=1")
        async with connect_http(url, sse=sse, headers=HEADERS) as peer:
            session = peer.session
            tools = [t.name for t in (await session.list_tools()).tools]
            out = {}
            for name in tools:
                result = await session.call_tool(name, {})
                failed = getattr(result, "is_error", None) or getattr(result, "isError", None)
                assert not failed, (name, result)
                out[name] = json.loads(result.content[0].text)
            return out


def _official_has(flavor: str) -> bool:
    return (flavor == "fastmcp1") != MCP2


@pytest.mark.parametrize("way", WAYS, ids=[" ".join(w).replace("--", "") for w in WAYS])
async def test_handlers_see_the_http_request(way: tuple[str, ...]) -> None:
    ours = await answers("--sdk", "ferromcp", *way)
    sse = "sse" in way
    expected = {"type": "Request", "method": "POST", "tenant": "acme",
                "tenant_any_case": "acme", "client_host": "127.0.0.1",
                # Over SSE the call comes in a POST to the message endpoint, whose URL the
                # server chose (without the client's query).
                "path": "/messages/" if sse else "/mcp", "q": None if sse else "1"}
    for name, seen in ours.items():
        assert seen == expected, name
    flavor = way[way.index("--flavor") + 1]
    if _official_has(flavor):
        assert await answers("--sdk", "mcp", *way) == ours


@pytest.mark.skipif(not MCP2, reason="the 2026-07-28 era needs the official 2.x client")
@pytest.mark.parametrize("flavor", ["mcpserver2", "lowlevel2"])
async def test_sessionless_calls_see_their_http_request(flavor: str) -> None:
    """A 2026-07-28 client (no session: each call its own POST) — same answers as official."""
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client

    async def sessionless(sdk: str) -> dict[str, Any]:
        with serving("--sdk", sdk, "--flavor", flavor) as port:
            async with create_mcp_http_client(headers=HEADERS) as http_client:
                transport = streamable_http_client(f"http://127.0.0.1:{port}/mcp?q=1",
                                                   http_client=http_client)
                async with Client(transport, mode="2026-07-28") as c:
                    assert c.protocol_version == "2026-07-28"
                    tools = [t.name for t in (await c.list_tools()).tools]
                    return {name: json.loads((await c.call_tool(name, {})).content[0].text)
                            for name in tools}

    ours = await sessionless("ferromcp")
    assert ours["seen"]["tenant"] == "acme" and ours["seen"]["q"] == "1"
    assert ours == await sessionless("mcp")
