"""2.x server middleware (`mcp.server.context.ServerMiddleware`): one server file run on
ferromcp (`python -m ferromcp run`) and, where the 2.x package is installed, on official
mcp 2.x, must answer the same: middleware sees every message (`initialize` included), rewrites
arguments, answers on its own, and observes a handler's failure."""

from __future__ import annotations

from typing import Any

import pytest

from peer import CLIENT, ROOT, connect

pytestmark = pytest.mark.anyio
APP = ROOT / "tests" / "servers" / "middleware_app.py"


async def _answers(*script: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with connect(*script, legacy=True) as peer:
        out["echo"] = (await peer.call_tool("echo", {"text": "hi"}))["content"]
        out["short"] = (await peer.call_tool("short", {}))["content"]
        out["broken"] = (await peer.get_prompt("broken"))["messages"]
        out["seen"] = (await peer.call_tool("methods", {}))["structuredContent"]
    return out


async def test_middleware_runs_on_ferromcp() -> None:
    got = await _answers("-m", "ferromcp", "run", str(APP))
    assert got["echo"] == [{"type": "text", "text": "rewritten: hi"}]
    assert got["short"] == [{"type": "text", "text": "answered by middleware"}]
    assert got["broken"][0]["content"]["text"].startswith("middleware saw: ")
    seen = got["seen"]["result"]
    assert seen[0] == "initialize"
    assert "notifications/initialized" in seen
    assert seen[-1] == "tools/call"


@pytest.mark.skipif(CLIENT != "mcp2", reason="official middleware is a 2.x feature")
async def test_middleware_answers_as_official_2x() -> None:
    ours = await _answers("-m", "ferromcp", "run", str(APP))
    official = await _answers(str(APP))
    assert ours == official


