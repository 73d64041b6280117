"""OAuth-protected HTTP servers (the resource-server side of MCP 2025-11-25 authorization) over
real HTTP on 127.0.0.1, with HS256-signed JWTs checked by the server's own ``TokenVerifier``
(``tests/servers/auth_app.py``).

* The refusals — no token, a malformed header, a bad signature, an expired token, a token for
  another resource, a missing scope, a verifier that raises — and the RFC 9728 metadata with its
  CORS answers are compared, status, ``WWW-Authenticate`` and body, with the same server file
  run on the official SDK installed here (``mcp`` 1.x ``FastMCP`` or 2.x ``MCPServer``), over
  Streamable HTTP and the legacy HTTP+SSE transport, for ferromcp's own server (``run()``) and
  its ASGI apps under uvicorn.
* A session answers only the principal that created it (404 otherwise), as the official one.
* The official client, sending a good token, calls tools that return what
  ``get_access_token()`` sees, on every way of serving: both decorator APIs, ``run()`` and the
  ASGI apps, Streamable HTTP (stateful and stateless) and SSE, the 2.x low-level
  ``streamable_http_app(auth=, token_verifier=)``, and the official file unmodified under
  ``python -m ferromcp run``.

Each server runs in a process of its own, stopped by its PID.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import importlib.metadata
import json
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from datetime import timedelta
from typing import Any

import pytest
from httpproc import free_port, listening

from peer import ROOT

pytestmark = pytest.mark.anyio

APP = ROOT / "tests" / "servers" / "auth_app.py"
SECRET = b"ferromcp-auth-test-secret"
ISSUER = "http://127.0.0.1:9000"
MCP2 = importlib.metadata.version("mcp").startswith("2.")
#: The official server the same file runs as here.
OFFICIAL = "mcpserver2" if MCP2 else "fastmcp1"
INIT = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                              "clientInfo": {"name": "raw", "version": "0"}}})
LIST = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
METADATA = "/.well-known/oauth-protected-resource/mcp"


# --- tokens --------------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(claims: dict[str, Any], secret: bytes = SECRET, alg: str = "HS256") -> str:
    """An HS256 JWT of ``claims`` (the header names ``alg``)."""
    head = _b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = _b64(json.dumps(claims).encode())
    signature = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(signature)}"


def claims(port: int, **changes: Any) -> dict[str, Any]:
    """Good claims for the server on ``port``, with ``changes``."""
    return {"client_id": "app", "sub": "alice", "iss": ISSUER,
            "aud": f"http://127.0.0.1:{port}/mcp", "scope": "mcp:read tools:call",
            "exp": int(time.time()) + 600, **changes}


def refused_cases(port: int) -> dict[str, str | None]:
    """Authorization headers a protected endpoint refuses, by what is wrong with them."""
    return {
        "missing": None,
        "not bearer": "Basic YXBwOnNlY3JldA==",
        "bearer without a token": "Bearer",
        "not a jwt": "Bearer not-a-jwt",
        "bad signature": "Bearer " + jwt(claims(port), secret=b"another secret"),
        "expired": "Bearer " + jwt(claims(port, exp=int(time.time()) - 60)),
        "wrong audience": "Bearer " + jwt(claims(port, aud="http://127.0.0.1:1/mcp")),
        "wrong scope": "Bearer " + jwt(claims(port, scope="tools:call")),
        "verifier raises": "Bearer explode",
    }


# --- servers and raw HTTP ------------------------------------------------------------------------

@contextmanager
def serving(*args: str, run: tuple[str, ...] = ()) -> Iterator[int]:
    """Starts ``auth_app.py`` with ``args`` on a free port; yields the port."""
    port = free_port()
    with listening([sys.executable, *run, str(APP), "--port", str(port), *args], port):
        yield port


def request(port: int, method: str, path: str, authorization: str | None = None,
            body: str | None = None, headers: dict[str, str] | None = None
            ) -> tuple[int, dict[str, str], bytes]:
    """One request on a connection of its own: status, headers (lower-case names), body (for
    an SSE stream, only its status and headers are read)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        sent = {"accept": "application/json, text/event-stream",
                "content-type": "application/json", **(headers or {})}
        if authorization is not None:
            sent["authorization"] = authorization
        conn.request(method, path, body=body, headers=sent)
        r = conn.getresponse()
        got = {k.lower(): v for k, v in r.getheaders()}
        stream = got.get("content-type", "").startswith("text/event-stream")
        return r.status, got, b"" if stream else r.read()
    finally:
        conn.close()


def refusal(port: int, answer: tuple[int, dict[str, str], bytes]) -> tuple[Any, ...]:
    """What a refusal is compared by: status, content type, challenge and body, with the
    server's port (part of its resource URL) written ``PORT``."""
    status, headers, body = answer
    here = str(port).encode()
    return (status, headers.get("content-type", "").split(";")[0],
            headers.get("www-authenticate", "").replace(str(port), "PORT"),
            body.replace(here, b"PORT"))


def answers(port: int, transport: str) -> dict[str, Any]:
    """The server's answers to every refused case on its MCP endpoints, and its metadata."""
    out: dict[str, Any] = {}
    for name, authorization in refused_cases(port).items():
        if transport == "sse":
            out["GET /sse " + name] = refusal(port, request(port, "GET", "/sse", authorization))
            out["POST /messages/ " + name] = refusal(port, request(
                port, "POST", "/messages/?session_id=" + "ab" * 16, authorization, INIT))
        else:
            out["POST /mcp " + name] = refusal(port, request(port, "POST", "/mcp",
                                                             authorization, INIT))
    for name, headers in (
            ("metadata", {}), ("metadata from a page", {"origin": "https://app.example"}),
            ("preflight", {"origin": "https://app.example",
                           "access-control-request-method": "GET",
                           "access-control-request-headers": "mcp-protocol-version"}),
            ("refused preflight", {"origin": "https://app.example",
                                   "access-control-request-method": "PUT"})):
        method = "OPTIONS" if "preflight" in name else "GET"
        status, got, body = request(port, method, METADATA, headers=headers)
        kept = {k: v for k, v in got.items()
                if k.startswith("access-control-") or k in ("cache-control", "vary")}
        out[name] = (status, got.get("content-type"), kept,
                     body.replace(str(port).encode(), b"PORT"))
    return out


@pytest.mark.parametrize("transport", ["streamable-http", "sse"])
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_refusals_and_metadata_match_the_official_sdk(transport: str, anyio_backend: str
                                                      ) -> None:
    common = ("--flavor", OFFICIAL, "--transport", transport)
    with serving(*common, "--sdk", "mcp", "--mode", "asgi") as port:
        official = answers(port, transport)
    expected = {
        "status": 401, "type": "application/json",
        "challenge": 'Bearer error="invalid_token", error_description="Authentication required", '
                     'resource_metadata="http://127.0.0.1:PORT'
                     '/.well-known/oauth-protected-resource/mcp"',
        "body": b'{"error": "invalid_token", "error_description": "Authentication required"}'}
    # What the official SDK answers, in full: the comparison below is with this.
    first = next(iter(official.values()))
    assert first == tuple(expected.values())
    scope = next(v for k, v in official.items() if k.endswith("wrong scope"))
    assert scope[:2] == (403, "application/json")
    assert 'error="insufficient_scope", error_description="Required scope: mcp:read"' in scope[2]
    assert official["metadata"][0] == 200
    for mode in ("run", "asgi"):
        with serving(*common, "--mode", mode) as port:
            ours = answers(port, transport)
            root = request(port, "GET", "/.well-known/oauth-protected-resource")
        for case, answer in official.items():
            assert ours[case] == answer, f"{mode}: {case}"
        # ferromcp also answers the root well-known URL, with the same document.
        assert root[0] == 200
        assert root[2].replace(str(port).encode(), b"PORT") == official["metadata"][3]


def _session(port: int, authorization: str) -> str:
    status, headers, _ = request(port, "POST", "/mcp", authorization, INIT)
    assert status == 200
    sid = headers["mcp-session-id"]
    note = json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"})
    assert request(port, "POST", "/mcp", authorization, note,
                   {"mcp-session-id": sid})[0] == 202
    return sid


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_a_session_answers_only_the_principal_that_created_it(anyio_backend: str) -> None:
    def exercise(port: int) -> list[int]:
        alice = "Bearer " + jwt(claims(port))
        sid = _session(port, alice)
        session = {"mcp-session-id": sid, "mcp-protocol-version": "2025-11-25"}
        bob = "Bearer " + jwt(claims(port, sub="bob"))
        other_client = "Bearer " + jwt(claims(port, client_id="other"))
        # Alice again, with a later token: the same principal.
        refreshed = "Bearer " + jwt(claims(port, exp=int(time.time()) + 900))
        return [request(port, "POST", "/mcp", who, LIST, session)[0]
                for who in (bob, other_client, refreshed, alice)]

    with serving("--flavor", OFFICIAL, "--sdk", "mcp", "--mode", "asgi") as port:
        official = exercise(port)
    assert official == [404, 404, 200, 200]
    with serving("--flavor", OFFICIAL) as port:
        assert exercise(port) == official


# --- the official client with a good token -------------------------------------------------------

@asynccontextmanager
async def client(url: str, authorization: str, *, sse: bool = False) -> AsyncIterator[Any]:
    """An initialized official client session sending ``authorization`` with every request."""
    headers = {"Authorization": authorization}
    async with AsyncExitStack() as stack:
        if sse:
            from mcp.client.sse import sse_client

            streams = await stack.enter_async_context(sse_client(url, headers=headers))
        elif MCP2:
            from mcp.client.streamable_http import streamable_http_client
            from mcp.shared._httpx_utils import create_mcp_http_client

            http_client = await stack.enter_async_context(create_mcp_http_client(headers=headers))
            streams = await stack.enter_async_context(
                streamable_http_client(url, http_client=http_client))
        else:
            from mcp.client.streamable_http import streamablehttp_client

            streams = await stack.enter_async_context(streamablehttp_client(url, headers=headers))
        from mcp import ClientSession

        timeout: Any = 30 if MCP2 else timedelta(seconds=30)
        session = await stack.enter_async_context(
            ClientSession(streams[0], streams[1], read_timeout_seconds=timeout))
        await session.initialize()
        yield session


WAYS = [
    ("--flavor", "fastmcp1", "--mode", "run"),
    ("--flavor", "fastmcp1", "--mode", "asgi"),
    ("--flavor", "fastmcp1", "--mode", "run", "--transport", "sse"),
    ("--flavor", "fastmcp1", "--mode", "asgi", "--transport", "sse"),
    ("--flavor", "mcpserver2", "--mode", "run", "--stateless", "--json"),
    ("--flavor", "mcpserver2", "--mode", "asgi", "--transport", "sse"),
    ("--flavor", "lowlevel2"),
    # The official server file itself, unmodified, on ferromcp.
    ("--flavor", OFFICIAL, "--sdk", "mcp", "--mode", "run", "--ferromcp-run"),
]


@pytest.mark.parametrize("way", WAYS, ids=[" ".join(w).replace("--", "") for w in WAYS])
async def test_handlers_see_the_callers_token(way: tuple[str, ...]) -> None:
    args = tuple(a for a in way if a != "--ferromcp-run")
    run = ("-m", "ferromcp", "run") if "--ferromcp-run" in way else ()
    sse = "sse" in way
    tools = ["whoami"] if "lowlevel2" in way else ["whoami", "whoami_sync"]
    with serving(*args, run=run) as port:
        token = "Bearer " + jwt(claims(port))
        url = f"http://127.0.0.1:{port}" + ("/sse" if sse else "/mcp")
        async with client(url, token, sse=sse) as session:
            for name in tools:
                result = await session.call_tool(name, {})
                assert json.loads(result.content[0].text) == {
                    "client_id": "app", "scopes": ["mcp:read", "tools:call"],
                    "subject": "alice", "iss": ISSUER}, name
