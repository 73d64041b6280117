"""The official single-session ``StreamableHTTPServerTransport`` in an author's own Starlette
route (``tests/servers/single_session_app.py``, a transport per session kept in a dict, or one
stateless transport), run unmodified on the official SDK installed here and through ``python -m
ferromcp run`` (the core's HTTP service serving each transport's session), under uvicorn on
127.0.0.1. Both are driven the same way and their transcripts compared:

* the official client: the initialize result, ``tools/list``, a tool call with its progress
  and log notifications;
* raw HTTP: the session id the transport was given is the one the client gets, an unknown
  session id (404), DELETE ending the session (then 404, and the author's ``server.run``
  returns), ``terminate()``, ``close_standalone_sse_stream()`` ending the GET stream, and the
  stateless transport's answers (no session id, DELETE refused);
* in process, ``idle_timeout``: ``idle_scope`` ends the session's ``server.run`` and later
  requests are answered 404.

Each server runs in a process of its own, stopped by its PID.
"""

from __future__ import annotations

import http.client
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import pytest
from httpproc import free_port, listening

from peer import ROOT, connect_http

pytestmark = pytest.mark.anyio

APP = ROOT / "tests" / "servers" / "single_session_app.py"
RUN = {"official": (str(APP),), "ferromcp": ("-m", "ferromcp", "run", str(APP))}
VERSION = "2025-11-25"
INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": VERSION, "capabilities": {},
                   "clientInfo": {"name": "raw", "version": "0"}}}
LIST = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@contextmanager
def serving(sdk: str, *flags: str) -> Iterator[int]:
    """The app on the official SDK or on ferromcp with ``flags``; yields its port."""
    port = free_port()
    with listening([sys.executable, *RUN[sdk], "--port", str(port), *flags], port):
        yield port


def post(port: int, message: dict[str, Any] | None, session: str | None = None,
         method: str = "POST") -> tuple[int, str | None, Any]:
    """One request on a connection of its own: status, the ``mcp-session-id`` answered, and
    the JSON-RPC message in the body (from JSON or from an SSE stream; None when empty)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        headers = {"accept": "application/json, text/event-stream",
                   "content-type": "application/json"}
        if session is not None:
            headers["mcp-session-id"] = session
            headers["mcp-protocol-version"] = VERSION
        conn.request(method, "/mcp", body=None if message is None else json.dumps(message),
                     headers=headers)
        r = conn.getresponse()
        body = r.read().decode()
        kind = r.getheader("content-type") or ""
        answer: Any = None
        if kind.startswith("text/event-stream"):
            data = [line[5:].strip() for line in body.splitlines() if line.startswith("data:")]
            found = [json.loads(d) for d in data if d]
            answer = found[-1] if found else None
        elif body.strip():
            answer = json.loads(body)
        return r.status, r.getheader("mcp-session-id"), answer
    finally:
        conn.close()


def admin(port: int, op: str, session: str = "") -> dict[str, Any]:
    """The app's own control of its transports (``/admin``): the sessions it keeps."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", f"/admin?op={op}&session={session}")
        return json.loads(conn.getresponse().read())["sessions"]
    finally:
        conn.close()


def run_ended(port: int, session: str, timeout: float = 10) -> bool:
    """Whether the app dropped ``session`` (its ``server.run`` returned) within ``timeout``."""
    deadline = time.monotonic() + timeout
    for _ in range(1000):
        if session not in admin(port, "state"):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return False


def open_session(port: int) -> str:
    """A new, initialized session's id."""
    status, sid, _ = post(port, INIT)
    assert status == 200 and sid is not None
    assert post(port, {"jsonrpc": "2.0", "method": "notifications/initialized"}, sid)[0] == 202
    return sid


def shape(answer: Any) -> Any:
    """What an answer is compared by: its result's keys or its error's code."""
    if not isinstance(answer, dict):
        return answer
    if "error" in answer:
        return {"error": answer["error"].get("code")}
    return {"result": sorted(answer.get("result", {}))}


async def client_transcript(port: int) -> dict[str, Any]:
    """The official client's view: initialize, tools/list, a call with progress and logs."""
    logs: list[Any] = []
    progress: list[Any] = []

    async def on_log(params: Any) -> None:
        logs.append((params.level, params.data, params.logger))

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        progress.append((done, total, message))

    async with connect_http(f"http://127.0.0.1:{port}/mcp", logging_callback=on_log) as peer:
        init = dict(peer.init)
        tools = await peer.list_tools()
        result = await peer.call_tool("work", {"steps": 3}, progress_callback=on_progress)
    return {"init": init, "tools": tools, "result": result, "logs": logs,
            "progress": progress}


def stateful_transcript(port: int) -> dict[str, Any]:
    """The session's answers over raw HTTP, from initialize to DELETE and after."""
    out: dict[str, Any] = {}
    status, sid, answer = post(port, INIT)
    assert status == 200 and sid is not None, (status, sid, answer)
    out["initialize"] = (status, len(sid), shape(answer))
    out["initialized"] = post(port, {"jsonrpc": "2.0", "method": "notifications/initialized"},
                              sid)[0]
    status, again, answer = post(port, LIST, sid)
    out["tools/list"] = (status, again == sid, shape(answer))
    out["unknown session"] = post(port, LIST, "f" * 32)[0]
    status, _, answer = post(port, None, sid, method="DELETE")
    out["delete"] = status
    out["run ended"] = run_ended(port, sid)
    out["after delete"] = post(port, LIST, sid)[0]
    return out


def stateless_transcript(port: int) -> dict[str, Any]:
    """The stateless transport's answers over raw HTTP."""
    status, sid, answer = post(port, INIT)
    listed = post(port, LIST)
    return {"initialize": (status, sid, shape(answer)),
            "tools/list without initialize": (listed[0], listed[1], shape(listed[2])),
            "delete": post(port, None, method="DELETE")[0]}


async def test_a_transport_per_session_answers_as_the_official_one() -> None:
    seen: dict[str, Any] = {}
    for sdk in RUN:
        with serving(sdk) as port:
            seen[sdk] = {"client": await client_transcript(port),
                         "raw": stateful_transcript(port)}
    official, ours = seen["official"], seen["ferromcp"]
    assert ours["client"] == official["client"]
    assert ours["raw"] == official["raw"]
    # What both answered, spelled out.
    assert ours["client"]["result"]["content"][0]["text"] == "did 3 steps"
    assert ours["client"]["logs"] == [("info", f"step {i}", "work") for i in (1, 2, 3)]
    assert ours["client"]["progress"] == [(float(i), 3.0, f"step {i}") for i in (1, 2, 3)]
    assert ours["raw"]["initialize"] == (200, 32, {"result": [
        "capabilities", "protocolVersion", "serverInfo"]})
    assert ours["raw"]["tools/list"] == (200, True, {"result": ["tools"]})
    assert (ours["raw"]["unknown session"], ours["raw"]["delete"], ours["raw"]["run ended"],
            ours["raw"]["after delete"]) == (404, 200, True, 404)


async def test_json_answers() -> None:
    seen = {}
    for sdk in RUN:
        with serving(sdk, "--json") as port:
            client = await client_transcript(port)
            # A JSON answer carries no notifications: the official transport drops those of
            # the request, the core sends them on the session's GET stream when the client
            # holds one open (as its session manager does), so they are not compared.
            client.pop("logs"), client.pop("progress")
            seen[sdk] = (client, stateful_transcript(port))
    assert seen["ferromcp"] == seen["official"]
    assert seen["ferromcp"][0]["result"]["content"][0]["text"] == "did 3 steps"
    assert seen["ferromcp"][1]["after delete"] == 404


async def test_one_stateless_transport() -> None:
    seen = {}
    for sdk in RUN:
        with serving(sdk, "--stateless") as port:
            seen[sdk] = (await client_transcript(port), stateless_transcript(port))
    assert seen["ferromcp"] == seen["official"]
    client, raw = seen["ferromcp"]
    assert client["result"]["content"][0]["text"] == "did 3 steps"
    assert len(client["progress"]) == 3
    assert raw["initialize"][:2] == (200, None)
    assert raw["delete"] == 405


def terminated(port: int) -> dict[str, Any]:
    sid = open_session(port)
    assert post(port, LIST, sid)[0] == 200
    return {"is_terminated": admin(port, "terminate", sid).get(sid, "dropped"),
            "run ended": run_ended(port, sid), "after": post(port, LIST, sid)[0]}


def get_stream_closed(port: int) -> dict[str, Any]:
    """Opens the session's GET stream, has the author close it, and reads it to its end."""
    sid = open_session(port)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/mcp", headers={"accept": "text/event-stream",
                                             "mcp-session-id": sid,
                                             "mcp-protocol-version": VERSION})
        r = conn.getresponse()
        status, kind = r.status, r.getheader("content-type", "").split(";")[0]
        admin(port, "close-get", sid)
        try:
            r.read()  # to the end of the stream (10 s at most, the socket's timeout)
            ended = True
        except TimeoutError:
            ended = False
    finally:
        conn.close()
    return {"status": status, "type": kind, "ended": ended,
            "session lives": post(port, LIST, sid)[0]}


async def test_terminate_ends_the_session() -> None:
    seen = {}
    for sdk in RUN:
        with serving(sdk) as port:
            seen[sdk] = terminated(port)
    assert seen["ferromcp"] == seen["official"]
    assert seen["ferromcp"] == {"is_terminated": True, "run ended": True, "after": 404}


async def test_close_standalone_sse_stream_ends_the_get_stream() -> None:
    seen = {}
    for sdk in RUN:
        with serving(sdk, "--events") as port:
            seen[sdk] = get_stream_closed(port)
    assert seen["ferromcp"] == seen["official"]
    assert seen["ferromcp"] == {"status": 200, "type": "text/event-stream", "ended": True,
                                "session lives": 200}


async def asgi_post(transport: Any, message: dict[str, Any], session: str | None = None
                    ) -> tuple[int, dict[bytes, bytes]]:
    """One POST through ``transport.handle_request`` in process: status and headers."""
    headers = [(b"accept", b"application/json, text/event-stream"),
               (b"content-type", b"application/json")]
    if session is not None:
        headers += [(b"mcp-session-id", session.encode()),
                    (b"mcp-protocol-version", VERSION.encode())]
    scope = {"type": "http", "method": "POST", "path": "/mcp", "raw_path": b"/mcp",
             "root_path": "", "query_string": b"", "headers": headers, "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "http_version": "1.1",
             "asgi": {"version": "3.0"}}
    body = [{"type": "http.request", "body": json.dumps(message).encode(), "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if body:
            return body.pop()
        await anyio.sleep(30)
        return {"type": "http.disconnect"}

    async def send(m: dict[str, Any]) -> None:
        sent.append(m)

    with anyio.fail_after(20):
        await transport.handle_request(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], dict(start["headers"])


async def idle_session(server_cls: Any, transport_cls: Any) -> dict[str, Any]:
    """A transport with ``idle_timeout``: its ``idle_scope``, entered around ``server.run``,
    ends the session once no request is in flight for that long."""
    server = server_cls("idle", version="1.0")
    transport = transport_cls(mcp_session_id="idle-session", idle_timeout=0.3)
    out: dict[str, Any] = {}
    async with anyio.create_task_group() as tg:
        ended = anyio.Event()

        async def run(*, task_status: Any = anyio.TASK_STATUS_IGNORED) -> None:
            async with transport.connect() as (read_stream, write_stream):
                task_status.started()
                with transport.idle_scope:
                    await server.run(read_stream, write_stream,
                                     server.create_initialization_options())
            ended.set()

        await tg.start(run)
        status, headers = await asgi_post(transport, INIT)
        out["initialize"] = (status, headers.get(b"mcp-session-id"))
        with anyio.fail_after(10):
            await ended.wait()
        out["idle ended the run"] = transport.idle_scope.cancel_called
        out["after"] = (await asgi_post(transport, LIST, "idle-session"))[0]
        out["is_terminated"] = transport.is_terminated
        tg.cancel_scope.cancel()
    return out


async def test_idle_timeout_ends_the_session() -> None:
    from mcp.server.lowlevel import Server as OfficialServer
    from mcp.server.streamable_http import StreamableHTTPServerTransport as Official

    from ferromcp.server.lowlevel import Server
    from ferromcp.server.streamable_http import StreamableHTTPServerTransport

    official = await idle_session(OfficialServer, Official)
    ours = await idle_session(Server, StreamableHTTPServerTransport)
    assert ours == official
    assert ours == {"initialize": (200, b"idle-session"), "idle ended the run": True,
                    "after": 404, "is_terminated": True}
