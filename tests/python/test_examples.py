"""The seed tutorial's servers, with only their imports changed, driven by the official client."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer import ROOT, connect

pytestmark = pytest.mark.anyio
EXAMPLES = ROOT / "examples"


async def test_file_server_tools(tmp_path: Path) -> None:
    async with connect(EXAMPLES / "file_server.py") as peer:
        tools = await peer.list_tools()
        assert [t["name"] for t in tools] == ["read_file", "write_file", "list_directory"]
        assert tools[0]["inputSchema"]["required"] == ["path"]

        target = tmp_path / "note.txt"
        r = await peer.call_tool("write_file", {"path": str(target), "content": "héllo"})
        assert r["isError"] is False
        assert r["content"] == [{"type": "text", "text": f"Successfully wrote to {target}"}]
        assert target.read_text(encoding="utf-8") == "héllo"

        r = await peer.call_tool("read_file", {"path": str(target)})
        assert r["content"][0]["text"] == "héllo"

        r = await peer.call_tool("list_directory", {"path": str(tmp_path)})
        assert r["content"][0]["text"] == "Directory contents:\nnote.txt"


async def test_file_server_reports_errors_as_results(tmp_path: Path) -> None:
    async with connect(EXAMPLES / "file_server.py") as peer:
        r = await peer.call_tool("read_file", {"path": str(tmp_path / "missing")})
        assert r["isError"] is False
        assert r["content"][0]["text"].startswith("Error reading file: [Errno 2]")
        # Arguments failing the inputSchema never reach the handler.
        r = await peer.call_tool("read_file", {})
        assert r["isError"] is True
        assert r["content"][0]["text"] == 'Input validation error: "path" is a required property'
        # The handler's own ValueError becomes an isError result (1.x behaviour).
        r = await peer.call_tool("nope", {})
        assert r["isError"] is True
        assert r["content"][0]["text"] == "Unknown tool: nope"
