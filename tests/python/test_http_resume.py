"""Resumable Streamable HTTP streams, with ferromcp's in-memory event store and with an
``EventStore`` written in Python: a tool closes its SSE stream mid-call (SSE polling) and the
official client reconnects with ``Last-Event-ID`` and gets every progress notification, log
message and the result; raw HTTP checks the priming event and replay. Each server runs in a
process of its own, stopped by its PID."""

from __future__ import annotations

import http.client
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import pytest
from httpproc import free_port, listening

from peer import ROOT, connect_http

pytestmark = pytest.mark.anyio

APP = ROOT / "tests" / "servers" / "resume_app.py"
ACCEPT = "application/json, text/event-stream"


@contextmanager
def serving(store: str) -> Iterator[int]:
    port = free_port()
    with listening([sys.executable, str(APP), "--port", str(port), "--store", store], port):
        yield port


@pytest.mark.parametrize("store", ["memory", "custom"])
async def test_a_client_whose_stream_was_closed_resumes_it_and_misses_nothing(store: str) -> None:
    logs: list[Any] = []
    progress: list[float] = []

    async def on_log(params: Any) -> None:
        logs.append(params.data)

    async def on_progress(p: float, total: float | None, message: str | None) -> None:
        progress.append(p)

    with serving(store) as port, anyio.fail_after(30):
        async with connect_http(f"http://127.0.0.1:{port}/mcp", logging_callback=on_log) as peer:
            r = await peer.call_tool("poll", {"steps": 4}, progress_callback=on_progress)
            assert r["content"][0]["text"] == "polled"
            assert progress == [1, 2, 3, 4]
            assert logs == ["step 0", "step 1", "step 2", "step 3"]
            # Still one session: the next call is answered as usual.
            r = await peer.call_tool("echo", {"text": "after"})
            assert r["content"][0]["text"] == "after"
            stored = (await peer.call_tool("stored", {}))["content"][0]["text"]
            if store == "custom":
                # Every event of every stream went through the author's store.
                assert int(stored) >= 10
            else:
                assert stored == "-1"


def _request(port: int, method: str, body: Any = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        h = {"Accept": ACCEPT if method == "POST" else "text/event-stream",
             "Content-Type": "application/json", **(headers or {})}
        c.request(method, "/mcp", body=None if body is None else json.dumps(body), headers=h)
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode()
    finally:
        c.close()


def _events(text: str) -> list[dict[str, str]]:
    out = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            name, _, value = line.partition(": ")
            fields[name] = value
        out.append(fields)
    return out


@pytest.mark.parametrize("store", ["memory", "custom"])
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_priming_events_and_replay_over_raw_http(store: str, anyio_backend: str) -> None:
    with serving(store) as port:
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                           "clientInfo": {"name": "raw", "version": "0"}}}
        status, headers, _ = _request(port, "POST", init)
        assert status == 200
        session = {"Mcp-Session-Id": headers["mcp-session-id"],
                   "MCP-Protocol-Version": "2025-11-25"}
        status, _, _ = _request(port, "POST", {"jsonrpc": "2.0",
                                               "method": "notifications/initialized"}, session)
        assert status == 202
        call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                "params": {"name": "echo", "arguments": {"text": "kept"}}}
        status, _, text = _request(port, "POST", call, session)
        events = _events(text)
        # A priming event (an id and the retry delay, no message), then the answer.
        assert events[0]["retry"] == "50" and events[0]["data"] == "" and events[0]["id"]
        assert json.loads(events[1]["data"])["result"]["content"][0]["text"] == "kept"
        # Resuming after the priming event replays the answer with its own id.
        status, _, text = _request(port, "GET", None, {**session,
                                                       "Last-Event-ID": events[0]["id"]})
        assert status == 200
        replayed = _events(text)
        assert [e["id"] for e in replayed] == [events[1]["id"]]
        assert json.loads(replayed[0]["data"]) == json.loads(events[1]["data"])
        # An id the store never gave replays nothing.
        status, _, text = _request(port, "GET", None, {**session, "Last-Event-ID": "nope"})
        assert status == 200 and text == ""
