"""Handlers may return the official SDK's pydantic objects; they go out as the same wire shapes."""

from __future__ import annotations

import pytest

from peer import ROOT, connect

pytestmark = pytest.mark.anyio


async def test_official_objects_are_accepted() -> None:
    async with connect(ROOT / "tests" / "servers" / "official_types.py") as peer:
        tools = await peer.list_tools()
        assert tools == [{"name": "echo", "description": "Echo", "inputSchema": {
            "type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}]
        r = await peer.call_tool("echo", {"text": "héllo"})
        assert r["content"] == [{"type": "text", "text": "héllo"}]
        assert r["isError"] is False
        r = await peer.call_tool("whole", {"text": "x"})
        assert r["content"] == [{"type": "text", "text": "whole"}]
