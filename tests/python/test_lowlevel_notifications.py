"""Server → client notifications from low-level handlers (both generations): log messages and
their filtering by ``logging/setLevel``, progress for a request that asked for it, resource
updates (sent whether or not the client subscribed); and client → server progress."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from peer import SERVERS, Peer, connect, notification_dict
from rawwire import RawServer

pytestmark = pytest.mark.anyio

LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]
SCRIPTS = [pytest.param(SERVERS / "lowlevel_v1.py", id="v1"),
           pytest.param(SERVERS / "lowlevel_v2.py", id="v2")]


async def until(cond: Callable[[], bool], what: str, timeout: float = 10) -> None:
    """Waits (bounded in time and steps) until ``cond()`` holds."""
    with anyio.move_on_after(timeout):
        for _ in range(2000):
            if cond():
                return
            await anyio.sleep(0.005)
    assert cond(), f"timed out waiting for {what}"


async def settle(peer: Peer) -> None:
    """A round trip and a few scheduler turns, so notifications the server sent before its
    last reply have reached the client's callbacks (the 2.x client runs them as tasks)."""
    await peer.call_tool("echo", {"text": "settle"})
    for _ in range(20):
        await anyio.lowlevel.checkpoint()


class Recorder:
    """Collects log messages and other server notifications as wire dicts."""

    def __init__(self) -> None:
        self.logs: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    async def on_log(self, params: Any) -> None:
        self.logs.append(params.model_dump(by_alias=True, exclude_none=True, mode="json"))

    async def on_message(self, message: Any) -> None:
        n = notification_dict(message)
        if n is not None:
            self.notifications.append(n)

    def methods(self, method: str) -> list[dict[str, Any]]:
        return [n.get("params", {}) for n in self.notifications if n["method"] == method]

    def lowlevel_logs(self) -> list[dict[str, Any]]:
        return [m for m in self.logs if m.get("logger") == "lowlevel"]


@pytest.mark.parametrize("script", SCRIPTS)
async def test_log_messages_and_level_filtering(script: Path) -> None:
    rec = Recorder()
    async with connect(script, logging_callback=rec.on_log, legacy=True) as peer:
        # Before any setLevel every message is sent.
        await peer.call_tool("log", {})
        await until(lambda: len(rec.lowlevel_logs()) >= 8, "eight log messages")
        assert rec.lowlevel_logs() == [
            {"level": lv, "logger": "lowlevel", "data": f"{lv} message"} for lv in LEVELS]

        rec.logs.clear()
        await peer.set_logging_level("warning")
        await peer.call_tool("log", {})
        await until(lambda: any(m["level"] == "emergency" for m in rec.lowlevel_logs()),
                    "the emergency message")
        await settle(peer)
        assert [m["level"] for m in rec.lowlevel_logs()] == [
            "warning", "error", "critical", "alert", "emergency"]

        rec.logs.clear()
        await peer.set_logging_level("emergency")
        await peer.call_tool("log", {})
        await until(lambda: bool(rec.lowlevel_logs()), "the emergency message")
        await settle(peer)
        assert [m["level"] for m in rec.lowlevel_logs()] == ["emergency"]

        rec.logs.clear()
        await peer.set_logging_level("debug")
        await peer.call_tool("log", {})
        await until(lambda: len(rec.lowlevel_logs()) >= 8, "eight log messages")
        assert [m["level"] for m in rec.lowlevel_logs()] == LEVELS

        # The author's set_logging_level handler ran too, with the last level.
        stats = json.loads((await peer.call_tool("stats", {}))["content"][0]["text"])
        assert stats["level"] == "debug"


@pytest.mark.parametrize("script", SCRIPTS)
async def test_log_data_may_be_structured(script: Path) -> None:
    rec = Recorder()
    async with connect(script, logging_callback=rec.on_log, legacy=True) as peer:
        await peer.call_tool("slow", {"seconds": 0, "tag": "structured-log"})
        await until(lambda: any(m.get("logger") == "slow" for m in rec.logs), "the slow log")
        (entry,) = [m for m in rec.logs if m.get("logger") == "slow"]
        assert entry["level"] == "info"
        assert entry["data"]["event"] == "started"
        assert entry["data"]["tag"] == "structured-log"
        assert isinstance(entry["data"]["requestId"], int | str)


@pytest.mark.parametrize("script", SCRIPTS)
async def test_progress_for_a_request_with_a_token(script: Path) -> None:
    seen: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total, message))

    async with connect(script, legacy=True) as peer:
        r = await peer.call_tool("progress", {"steps": 3}, progress_callback=on_progress)
        assert r["content"][0]["text"] == "done token=True"
        await until(lambda: len(seen) >= 3, "three progress notifications")
        assert seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


@pytest.mark.parametrize("script", SCRIPTS)
async def test_no_progress_without_a_token(script: Path) -> None:
    rec = Recorder()
    async with connect(script, message_handler=rec.on_message, legacy=True) as peer:
        r = await peer.call_tool("progress", {"steps": 3})
        assert r["content"][0]["text"] == "done token=False"
        await settle(peer)
        assert rec.methods("notifications/progress") == []


async def test_progress_token_reaches_the_handler() -> None:
    """``request_context.meta.progressToken`` (1.x); the 2.x ``ctx.meta`` is in test_lowlevel_v2."""
    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        pass

    async with connect(SERVERS / "lowlevel_v1.py", legacy=True) as peer:
        r = await peer.call_tool("context", {}, progress_callback=on_progress)
        ctx = json.loads(r["content"][0]["text"])
        assert ctx["progressToken"] is not None


@pytest.mark.parametrize("script", SCRIPTS)
async def test_resource_updated_is_sent_subscribed_or_not(script: Path) -> None:
    """``session.send_resource_updated(uri)`` always sends, as ``mcp`` 1.x and 2.x do: tracking
    subscriptions is the server's business (``tests/python/test_lowlevel_diff.py`` compares
    with the official SDK)."""
    rec = Recorder()
    async with connect(script, message_handler=rec.on_message, legacy=True) as peer:

        def updated() -> list[str]:
            return [p["uri"] for p in rec.methods("notifications/resources/updated")]

        await peer.call_tool("notify_update", {"uri": "memo://text"})  # not subscribed
        await peer.subscribe_resource("memo://text")
        await peer.call_tool("notify_update", {"uri": "memo://text"})  # subscribed
        await peer.call_tool("notify_update", {"uri": "memo://binary"})  # another URI
        await peer.unsubscribe_resource("memo://text")
        await peer.call_tool("notify_update", {"uri": "memo://text"})  # unsubscribed again
        await until(lambda: len(updated()) >= 4, "four updates")
        await settle(peer)
        assert updated() == ["memo://text", "memo://text", "memo://binary", "memo://text"]


@pytest.mark.parametrize("script", SCRIPTS)
async def test_client_progress_reaches_the_progress_handler(script: Path) -> None:
    async with connect(script, legacy=True) as peer:
        await peer.send_progress("upload-1", 0.5, 1.0, "half way")

        async def received() -> list[Any]:
            text = (await peer.call_tool("stats", {}))["content"][0]["text"]
            return json.loads(text)["client_progress"]

        got: list[Any] = []
        with anyio.move_on_after(10):
            for _ in range(200):
                got = await received()
                if got:
                    break
                await anyio.sleep(0.02)
        assert got == [["upload-1", 0.5, 1.0, "half way"]]


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("token", ["tok-✓", 7])
def test_progress_carries_the_clients_token_on_the_wire(tmp_path: Path, script: Path,
                                                         token: object) -> None:
    with RawServer(script, stderr_path=tmp_path / "stderr.log") as raw:
        raw.initialize()
        rid = raw.request("tools/call", {"name": "progress", "arguments": {"steps": 2},
                                         "_meta": {"progressToken": token}})
        raw.response(rid)
        progress = [m["params"] for m in raw.received
                    if isinstance(m, dict) and m.get("method") == "notifications/progress"]
        # Every notification precedes the response to its request.
        assert progress == [
            {"progressToken": token, "progress": 1, "total": 2, "message": "step 1"},
            {"progressToken": token, "progress": 2, "total": 2, "message": "step 2"}]
        raw.assert_each_id_answered_once()
