"""Servers as ASGI apps, served by uvicorn in a process of their own and driven by the official
clients over real HTTP: a decorator-API server's ``streamable_http_app()`` and ``sse_app()``
mounted in a Starlette app whose lifespan runs ``mcp.session_manager.run()`` (the official
docs' layout), the app served whole (with and without Starlette installed), fastmcp's
``http_app()``, and a low-level ``Server`` with ``StreamableHTTPSessionManager`` and
``SseServerTransport`` as the official examples wire them. Processes are stopped by their PID;
every wait is bounded."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest
from httpproc import free_port, listening

from peer import SERVERS, connect_http

pytestmark = pytest.mark.anyio

APP = SERVERS / "asgi_app.py"
INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                   "clientInfo": {"name": "raw", "version": "0"}}}
JSON_HEADERS = {"content-type": "application/json",
                "accept": "application/json, text/event-stream"}


@contextmanager
def serving(*args: str, app: Path = APP, run: tuple[str, ...] = (),
            started: list[subprocess.Popen[bytes]] | None = None) -> Iterator[int]:
    """Starts ``app`` (``asgi_app.py``) under uvicorn on a free port, with ``run`` before it
    on the command line; yields the port once it answers (the process goes to ``started``)."""
    port = free_port()
    with listening([sys.executable, *run, str(app), "--port", str(port), *args], port,
                   started=started):
        yield port


async def _exercise(url: str, *, sse: bool = False, progress: bool = True,
                    fastmcp: bool = False) -> None:
    logs: list[Any] = []

    async def on_log(params: Any) -> None:
        logs.append(params)

    async with connect_http(url, sse=sse, logging_callback=on_log) as peer:
        names = {t["name"] for t in await peer.list_tools()}
        assert {"echo", "lifespan_value"} <= names
        r = await peer.call_tool("echo", {"text": "hi"})
        assert r["content"] == [{"type": "text", "text": "hi"}]
        r = await peer.call_tool("lifespan_value", {})
        assert r["content"][0]["text"] == "hello from the lifespan"
        if not progress:
            return
        r = await peer.call_tool("add", {"a": 2**70, "b": 1})
        assert r["structuredContent"] == {"result": 2**70 + 1}
        r = await peer.call_tool("progress", {"steps": 3})
        assert r["content"][0]["text"] == "done"
        # With JSON answers the logs travel on the GET stream, which may trail the answer.
        for _ in range(500):
            if len(logs) >= 3:
                break
            await anyio.sleep(0.01)
        # fastmcp's log data is its LogData: the message with its extra.
        assert [getattr(p, "data", None) for p in logs] == [
            {"msg": f"step {i}", "extra": None} if fastmcp else f"step {i}" for i in range(3)]
        contents = (await peer.read_resource("memo://hello"))["contents"]
        assert contents[0]["text"] == "hello"
        prompt = await peer.get_prompt("greet", {"name": "Ada"})
        assert prompt["messages"][0]["content"]["text"] == "Hello Ada"


def _request(port: int, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


@pytest.mark.parametrize("flavor", ["mcpserver2", "fastmcp1", "fastmcp"])
async def test_mounted_in_starlette_with_the_session_manager_in_the_lifespan(flavor: str
                                                                             ) -> None:
    fastmcp = flavor == "fastmcp"
    with serving("--layout", "mounted", "--flavor", flavor) as port:
        await _exercise(f"http://127.0.0.1:{port}/api/mcp", fastmcp=fastmcp)
        # The legacy transport, mounted under /legacy: the endpoint event names the mount.
        await _exercise(f"http://127.0.0.1:{port}/legacy/sse", sse=True, progress=False,
                        fastmcp=fastmcp)
        # The host app's own routes and the server's custom route still answer.
        assert _request(port, "GET", "/")[2] == b"the host app"
        assert _request(port, "GET", "/api/health")[2] == b"ok"


async def test_concurrent_sessions_and_a_request_to_the_client() -> None:
    import mcp.types as mt

    async def sampling(_ctx: Any, params: Any) -> Any:
        text = params.messages[0].content.text
        return mt.CreateMessageResult(role="assistant", model="echo",
                                      content=mt.TextContent(type="text", text=text.upper()))

    with serving("--layout", "mounted") as port:
        url = f"http://127.0.0.1:{port}/api/mcp"
        answers: list[str] = []

        async def one_client(n: int) -> None:
            async with connect_http(url, sampling_callback=sampling) as peer:
                for i in range(10):
                    r = await peer.call_tool("echo", {"text": f"{n}-{i}"})
                    answers.append(r["content"][0]["text"])
                r = await peer.call_tool("sample", {"prompt": f"client {n}"})
                answers.append(r["content"][0]["text"])

        with anyio.fail_after(60):
            async with anyio.create_task_group() as tg:
                for n in range(6):
                    tg.start_soon(one_client, n)
        assert sorted(answers) == sorted([f"{n}-{i}" for n in range(6) for i in range(10)]
                                         + [f"CLIENT {n}" for n in range(6)])


@pytest.mark.parametrize("mode", [(), ("--json",), ("--stateless",)])
async def test_the_app_served_whole(mode: tuple[str, ...]) -> None:
    with serving("--layout", "toplevel", *mode) as port:
        await _exercise(f"http://127.0.0.1:{port}/mcp")


@pytest.mark.parametrize("flavor", ["mcpserver2", "fastmcp"])
async def test_without_starlette_the_app_is_ferromcps_own(flavor: str) -> None:
    with serving("--layout", "plain", "--flavor", flavor) as port:
        await _exercise(f"http://127.0.0.1:{port}/mcp", progress=False)
        status, _, _ = _request(port, "GET", "/elsewhere")
        assert status == 404


@pytest.mark.parametrize("mode", [(), ("--json",), ("--stateless",)])
async def test_lowlevel_server_with_the_session_manager(mode: tuple[str, ...]) -> None:
    logs: list[Any] = []

    async def on_log(params: Any) -> None:
        logs.append(params)

    with serving("--layout", "lowlevel", *mode) as port:
        async with connect_http(f"http://127.0.0.1:{port}/mcp/",
                                logging_callback=on_log) as peer:
            assert {t["name"] for t in await peer.list_tools()} == {"echo", "lifespan_value"}
            r = await peer.call_tool("echo", {"text": "low"})
            assert r["content"] == [{"type": "text", "text": "low"}]
            r = await peer.call_tool("lifespan_value", {})
            assert r["content"][0]["text"] == "hello from the lifespan"
            if not mode:
                # The log travels on the request's own stream, before its answer.
                assert [getattr(p, "data", None) for p in logs] == ["echoing"]


async def test_lowlevel_server_with_sse_server_transport() -> None:
    with serving("--layout", "lowlevel") as port:
        async with connect_http(f"http://127.0.0.1:{port}/sse", sse=True) as peer:
            r = await peer.call_tool("echo", {"text": "legacy"})
            assert r["content"] == [{"type": "text", "text": "legacy"}]
            r = await peer.call_tool("lifespan_value", {})
            assert r["content"][0]["text"] == "hello from the lifespan"


@pytest.mark.parametrize("layout", ["lowlevel", "mounted"])
async def test_an_unmodified_official_server_file_under_ferromcp_run(layout: str,
                                                                     tmp_path: Path) -> None:
    text = APP.read_text(encoding="utf-8")
    text = text.replace("from ferromcp import FastMCP", "from fastmcp import FastMCP")
    unmodified = tmp_path / "asgi_app.py"
    unmodified.write_text(text.replace("ferromcp.", "mcp."), encoding="utf-8")
    with serving("--layout", layout, app=unmodified, run=("-m", "ferromcp", "run")) as port:
        if layout == "lowlevel":
            async with connect_http(f"http://127.0.0.1:{port}/mcp/") as peer:
                r = await peer.call_tool("lifespan_value", {})
                assert r["content"][0]["text"] == "hello from the lifespan"
            async with connect_http(f"http://127.0.0.1:{port}/sse", sse=True) as peer:
                r = await peer.call_tool("echo", {"text": "legacy"})
                assert r["content"] == [{"type": "text", "text": "legacy"}]
        else:
            await _exercise(f"http://127.0.0.1:{port}/api/mcp")


def _sse_endpoint(sock: socket.socket, path: str) -> str:
    host = f"127.0.0.1:{sock.getpeername()[1]}"
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
                 .encode())
    data = b""
    while b"\n\n" not in data.partition(b"session_id=")[2]:
        chunk = sock.recv(4096)
        assert chunk, "the stream ended before its endpoint event"
        data += chunk
    line = next(x for x in data.split(b"\n") if x.startswith(b"data: "))
    return line[len(b"data: "):].strip().decode()


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_a_client_leaving_ends_its_legacy_session(anyio_backend: str) -> None:
    with serving("--layout", "mounted") as port:
        ping = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "ping"}).encode()
        with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
            endpoint = _sse_endpoint(sock, "/legacy/sse")
            assert endpoint.startswith("/legacy/messages/?session_id=")
            status, _, _ = _request(port, "POST", endpoint, ping,
                                    {"content-type": "application/json"})
            assert status == 202
        # The server notices the disconnect (ASGI http.disconnect) and ends the session.
        deadline = time.monotonic() + 20
        while True:
            status, _, _ = _request(port, "POST", endpoint, ping,
                                    {"content-type": "application/json"})
            if status == 404:
                break
            assert time.monotonic() < deadline, "the session outlived its stream"
            time.sleep(0.05)


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_dns_rebinding_protection_and_bad_input(anyio_backend: str) -> None:
    init = json.dumps(INIT).encode()
    with serving("--layout", "mounted", "--flavor", "fastmcp1") as port:
        # 1.x FastMCP on host 127.0.0.1 protects against DNS rebinding, as the official one.
        status, _, _ = _request(port, "POST", "/api/mcp", init,
                                {**JSON_HEADERS, "host": "evil.example"})
        assert status == 421
        status, _, _ = _request(port, "POST", "/api/mcp", init,
                                {**JSON_HEADERS, "origin": "http://evil.example"})
        assert status == 403
        status, _, body = _request(port, "POST", "/api/mcp", b"{oops", JSON_HEADERS)
        assert status == 400 and json.loads(body)["error"]["code"] == -32700
        status, _, _ = _request(port, "POST", "/api/mcp", b"x" * (5 * 1024 * 1024),
                                JSON_HEADERS)
        assert status == 413
        status, headers, _ = _request(port, "POST", "/api/mcp", init, JSON_HEADERS)
        assert status == 200 and "mcp-session-id" in headers
        status, _, _ = _request(port, "DELETE", "/api/mcp", None,
                                {"mcp-session-id": headers["mcp-session-id"]})
        assert status == 200


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_the_lifespans_run_in_order(anyio_backend: str, tmp_path: Path) -> None:
    log = tmp_path / "lifespan.log"
    with serving("--layout", "mounted", "--lifespan-log", str(log)) as port:
        status, _, _ = _request(port, "POST", "/api/mcp", json.dumps(INIT).encode(),
                                JSON_HEADERS)
        assert status == 200
        assert log.read_text(encoding="utf-8").split("\n")[:2] == ["host enter", "server enter"]
    # Stopped by SIGTERM: uvicorn runs the lifespan's shutdown, which ends the server's.
    assert log.read_text(encoding="utf-8").split() == ["host", "enter", "server", "enter",
                                                       "server", "exit", "host", "exit"]


async def test_the_session_manager_runs_once_and_only_serves_while_running() -> None:
    from ferromcp.server.lowlevel import Server
    from ferromcp.server.streamable_http_manager import StreamableHTTPSessionManager

    manager = StreamableHTTPSessionManager(app=Server("x"))

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: Any) -> None:
        raise AssertionError("nothing is sent")

    scope = {"type": "http", "method": "POST", "path": "/mcp", "headers": []}
    with pytest.raises(RuntimeError, match="Make sure to use run"):
        await manager.handle_request(scope, receive, send)
    async with manager.run():
        pass
    with pytest.raises(RuntimeError, match="once per instance"):
        async with manager.run():
            pass
    with pytest.raises(ValueError):
        StreamableHTTPSessionManager(app=Server("x"), max_sessions=0)


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_shutting_down_ends_the_open_streams(anyio_backend: str, tmp_path: Path) -> None:
    started: list[subprocess.Popen[bytes]] = []
    log = tmp_path / "lifespan.log"
    with serving("--layout", "mounted", "--lifespan-log", str(log), started=started) as port:
        proc = started[0]
        status, headers, _ = _request(port, "POST", "/api/mcp", json.dumps(INIT).encode(),
                                      JSON_HEADERS)
        assert status == 200
        with socket.create_connection(("127.0.0.1", port), timeout=20) as legacy, \
                socket.create_connection(("127.0.0.1", port), timeout=20) as listen:
            _sse_endpoint(legacy, "/legacy/sse")
            listen.sendall(f"GET /api/mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                           f"Accept: text/event-stream\r\n"
                           f"Mcp-Session-Id: {headers['mcp-session-id']}\r\n\r\n".encode())
            assert listen.recv(4096).startswith(b"HTTP/1.1 200")
            # uvicorn waits for open connections before it stops; the streams end on their own.
            proc.terminate()
            # uvicorn exits by the signal it caught, after its graceful shutdown.
            assert proc.wait(timeout=10) in (0, -signal.SIGTERM)
    assert log.read_text(encoding="utf-8").split("\n")[-2] == "host exit"
