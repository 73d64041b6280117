"""Cancellation and concurrency on the low-level servers (both generations).

A cancelled request's handler is interrupted, no response is sent for it (per the
specification), and the server keeps serving. Several requests in flight run at the same time and
are answered as they complete. Overlap is proven with counts and gates, never with timings.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import anyio
import pytest

from peer import CLIENT, SERVERS, Peer, connect
from rawwire import RawServer

pytestmark = pytest.mark.anyio

SCRIPTS = [pytest.param(SERVERS / "lowlevel_v1.py", id="v1"),
           pytest.param(SERVERS / "lowlevel_v2.py", id="v2")]


async def stats(peer: Peer) -> dict[str, Any]:
    return json.loads((await peer.call_tool("stats", {}))["content"][0]["text"])


async def poll_stats(peer: Peer, cond: Any, what: str) -> dict[str, Any]:
    """Polls the server's counters until ``cond(stats)`` (bounded in time and count)."""
    s: dict[str, Any] = {}
    with anyio.move_on_after(15):
        for _ in range(500):
            s = await stats(peer)
            if cond(s):
                return s
            await anyio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}; last stats {s}")


@pytest.mark.parametrize("script", SCRIPTS)
async def test_cancel_a_slow_call(script: Path) -> None:
    started: list[dict[str, Any]] = []
    got_started = anyio.Event()

    async def on_log(params: Any) -> None:
        if params.logger == "slow":
            started.append(params.data)
            got_started.set()

    outcome: list[Any] = []
    async with connect(script, logging_callback=on_log, legacy=True) as peer:
        scope = anyio.CancelScope()

        async def call() -> None:
            with scope:
                outcome.append(await peer.call_tool("slow", {"seconds": 60, "tag": "victim"}))

        async with anyio.create_task_group() as tg:
            tg.start_soon(call)
            with anyio.fail_after(15):
                await got_started.wait()
            # The client abandons the call. The 2.x client sends notifications/cancelled itself
            # when the caller is cancelled; with the 1.x session the caller sends it.
            scope.cancel()
            if CLIENT == "mcp1":
                await peer.cancel(started[0]["requestId"], "user pressed stop")
        assert outcome == [] and scope.cancelled_caught

        s = await poll_stats(peer, lambda s: s["cancelled"] == 1, "the handler's cancellation")
        assert s["started"] == 1 and s["finished"] == 0 and s["active"] == 0
        # The server keeps serving on the same connection.
        r = await peer.call_tool("slow", {"seconds": 0, "tag": "after"})
        assert r["content"] == [{"type": "text", "text": "slept after"}]
        s = await stats(peer)
        assert (s["started"], s["finished"], s["cancelled"]) == (2, 1, 1)


@pytest.mark.parametrize("script", SCRIPTS)
async def test_concurrent_calls_overlap_and_complete_in_release_order(script: Path) -> None:
    keys = [f"k{i}" for i in range(5)]
    done: list[str] = []
    async with connect(script, legacy=True) as peer:

        async def wait(key: str) -> None:
            r = await peer.call_tool("wait_for", {"key": key, "timeout": 30})
            assert r["isError"] is False, r
            done.append(r["content"][0]["text"])

        with anyio.fail_after(60):
            async with anyio.create_task_group() as tg:
                for k in keys:
                    tg.start_soon(wait, k)
                # All five handlers are waiting at once, and stats is still answered meanwhile.
                s = await poll_stats(peer, lambda s: s["waiting"] == 5, "five waiting handlers")
                assert s["waiting"] == 5
                # Release in reverse order; each answer arrives before the next release.
                for n, k in enumerate(reversed(keys), start=1):
                    r = await peer.call_tool("release", {"key": k})
                    assert r["content"][0]["text"] == "ok"
                    with anyio.move_on_after(15):
                        while len(done) < n:
                            await anyio.sleep(0.01)
                    assert len(done) == n, (n, done)
        assert done == [f"released {k}" for k in reversed(keys)]
        assert (await stats(peer))["waiting"] == 0


@pytest.mark.parametrize("script", SCRIPTS)
async def test_five_slow_calls_run_at_once(script: Path) -> None:
    results: list[str] = []
    async with connect(script, legacy=True) as peer:
        async def slow(i: int) -> None:
            r = await peer.call_tool("slow", {"seconds": 0.5, "tag": f"s{i}"})
            results.append(r["content"][0]["text"])

        with anyio.fail_after(60):
            async with anyio.create_task_group() as tg:
                for i in range(5):
                    tg.start_soon(slow, i)
        s = await stats(peer)
    assert sorted(results) == [f"slept s{i}" for i in range(5)]
    assert s["started"] == 5 and s["finished"] == 5 and s["cancelled"] == 0
    # The five handlers were in flight together (the peak of simultaneously active ones).
    assert s["peak"] == 5


@pytest.mark.parametrize("script", SCRIPTS)
def test_cancelled_request_gets_no_response(tmp_path: Path, script: Path) -> None:
    with RawServer(script, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        victim = raw.request("tools/call", {"name": "slow",
                                            "arguments": {"seconds": 60, "tag": "v"}})
        log = raw.wait_for(lambda m: isinstance(m, dict)
                           and m.get("method") == "notifications/message")
        assert log["params"]["data"]["requestId"] == victim
        raw.notify("notifications/cancelled", {"requestId": victim, "reason": "stop"})
        # The handler was interrupted ...
        for _ in range(200):
            s = json.loads(raw.call("tools/call", {"name": "stats", "arguments": {}})
                           ["result"]["content"][0]["text"])
            if s["cancelled"] == 1:
                break
            time.sleep(0.02)
        assert s["cancelled"] == 1 and s["finished"] == 0
        # ... and nothing answers the cancelled id; every other id is answered once.
        raw.sent_ids.remove(victim)
        raw.assert_each_id_answered_once()
        assert all(r.get("id") != victim for r in raw.responses())
        # Cancelling an unknown or finished request is harmless.
        raw.notify("notifications/cancelled", {"requestId": 424242})
        raw.notify("notifications/cancelled", {"requestId": victim})
        raw.notify("notifications/cancelled", {})
        r = raw.call("tools/call", {"name": "echo", "arguments": {"text": "alive"}})
        assert r["result"]["content"][0]["text"] == "alive"
        assert all(r.get("id") != victim for r in raw.responses())


@pytest.mark.parametrize("script", SCRIPTS)
def test_requests_are_answered_as_they_complete(tmp_path: Path, script: Path) -> None:
    """On the raw wire: a request sent after a blocked one is answered first."""
    with RawServer(script, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        blocked = raw.request("tools/call", {"name": "wait_for", "arguments": {"key": "g"}})
        quick = raw.request("tools/call", {"name": "echo", "arguments": {"text": "quick"}})
        r = raw.response(quick)
        assert r["result"]["content"][0]["text"] == "quick"
        assert all(m.get("id") != blocked for m in raw.responses())
        release = raw.request("tools/call", {"name": "release", "arguments": {"key": "g"}})
        answers = [raw.wait_for(lambda m: isinstance(m, dict) and m.get("id") in
                                (blocked, release)) for _ in range(2)]
        assert {a["id"] for a in answers} == {blocked, release}
        by_id = {a["id"]: a for a in answers}
        assert by_id[blocked]["result"]["content"][0]["text"] == "released g"
        raw.assert_each_id_answered_once()


@pytest.mark.parametrize("script", SCRIPTS)
def test_cancel_by_string_id(tmp_path: Path, script: Path) -> None:
    with RawServer(script, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        victim = raw.request("tools/call", {"name": "slow", "arguments": {"seconds": 60}},
                             id="req-✓")
        raw.wait_for(lambda m: isinstance(m, dict) and m.get("method") == "notifications/message"
                     and m["params"]["data"]["requestId"] == victim)
        # An integer with the same digits, or a different string, names another request.
        raw.notify("notifications/cancelled", {"requestId": "req-x"})
        raw.notify("notifications/cancelled", {"requestId": victim})
        s: dict[str, Any] = {}
        for _ in range(200):
            s = json.loads(raw.call("tools/call", {"name": "stats", "arguments": {}})
                           ["result"]["content"][0]["text"])
            if s["cancelled"] == 1:
                break
            time.sleep(0.02)
        assert s["cancelled"] == 1
        raw.sent_ids.remove(victim)
        raw.assert_each_id_answered_once()
        assert all(r.get("id") != victim for r in raw.responses())


@pytest.mark.parametrize("script", SCRIPTS)
def test_cancel_while_waiting_on_the_client(tmp_path: Path, script: Path) -> None:
    """The tool is waiting for the client's sampling answer when it is cancelled: the server
    sends nothing for it, ignores the late answer, and keeps serving."""
    with RawServer(script, stderr_path=tmp_path / "stderr.log") as raw:
        raw.call("initialize", {"protocolVersion": "2025-11-25",
                                "capabilities": {"sampling": {}},
                                "clientInfo": {"name": "raw", "version": "0"}})
        raw.notify("notifications/initialized")
        victim = raw.request("tools/call", {"name": "sample", "arguments": {"prompt": "hi"}})
        ask = raw.wait_for(lambda m: isinstance(m, dict)
                           and m.get("method") == "sampling/createMessage")
        assert "id" in ask and ask["params"]["maxTokens"] == 64
        raw.notify("notifications/cancelled", {"requestId": victim})
        still = raw.call("tools/call", {"name": "echo", "arguments": {"text": "alive"}})
        assert still["result"]["content"][0]["text"] == "alive"
        # The late answer to the server's own request is accepted silently.
        raw.send({"jsonrpc": "2.0", "id": ask["id"], "result": {
            "role": "assistant", "model": "m", "content": {"type": "text", "text": "late"}}})
        raw.sent_ids.remove(victim)
        raw.assert_each_id_answered_once()
        assert all(r.get("id") != victim for r in raw.responses())


@pytest.mark.parametrize("script", SCRIPTS)
def test_server_request_answered_on_the_raw_wire(tmp_path: Path, script: Path) -> None:
    """A server → client request carries its own id; the client's answer completes the tool."""
    with RawServer(script, stderr_path=tmp_path / "stderr.log") as raw:
        raw.call("initialize", {"protocolVersion": "2025-11-25",
                                "capabilities": {"sampling": {}},
                                "clientInfo": {"name": "raw", "version": "0"}})
        raw.notify("notifications/initialized")
        tool = raw.request("tools/call", {"name": "sample", "arguments": {"prompt": "hi"}})
        ask = raw.wait_for(lambda m: isinstance(m, dict)
                           and m.get("method") == "sampling/createMessage")
        assert ask["jsonrpc"] == "2.0" and isinstance(ask["id"], int | str)
        assert ask["params"]["messages"] == [{"role": "user",
                                              "content": {"type": "text", "text": "hi"}}]
        raw.send({"jsonrpc": "2.0", "id": ask["id"], "result": {
            "role": "assistant", "model": "raw-model",
            "content": {"type": "text", "text": "hello"}}})
        r = raw.response(tool)
        assert r["result"]["content"] == [{"type": "text", "text": "raw-model: hello"}]
        raw.assert_each_id_answered_once()
