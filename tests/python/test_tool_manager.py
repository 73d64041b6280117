"""``_tool_manager`` of ``FastMCP`` (1.x) and ``MCPServer`` (2.x), differential: a server that
swaps a tool's ``fn_metadata.arg_model``, slims its ``parameters`` / ``output_schema`` in place
and removes a tool through the manager (as excel-mcp-server 2.2.2 does) answers on ferromcp as
on the official SDK — the listing, good calls and the model's own words for bad arguments."""

from __future__ import annotations

from typing import Any

import pytest

from peer import CLIENT, ROOT, connect

pytestmark = pytest.mark.anyio
APP = ROOT / "tests" / "servers" / "tool_manager_app.py"
ENV = {"DIFF_APP_GENERATION": "2" if CLIENT == "mcp2" else "1"}

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("scale", {"value": 1.5}),
    ("scale", {"value": "2", "factor": "3"}),  # the model's lax coercion
    ("scale", {"value": "high"}),  # refused by the model, in the server's words
    ("scale", {}),  # missing: the model answers, not a schema check
    ("scale", {"value": 1, "extra": True}),  # the subclass forbids unknown fields
    ("label", {"text": "a", "upper": True}),
    ("gone", {"x": 1}),  # removed through the manager
]


async def _collect(*script: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with connect(*script, env=ENV, legacy=True) as peer:
        out["tools"] = await peer.list_tools()
        out["calls"] = []
        for name, args in CALLS:
            result = await peer.call_tool(name, args)
            result.pop("resultType", None)
            out["calls"].append(result)
    return out


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def official() -> dict[str, Any]:
    return await _collect(str(APP))


@pytest.fixture(scope="module")
async def ferro() -> dict[str, Any]:
    return await _collect("-m", "ferromcp", "run", str(APP))


async def test_changed_tools_are_listed_as_changed(official: dict[str, Any],
                                                   ferro: dict[str, Any]) -> None:
    assert ferro["tools"] == official["tools"]
    scale = next(t for t in ferro["tools"] if t["name"] == "scale")
    assert "title" not in scale["inputSchema"] and "title" not in scale["outputSchema"]
    label = next(t for t in ferro["tools"] if t["name"] == "label")
    assert label["inputSchema"]["properties"]["text"]["description"] == "The text to label."
    assert [t["name"] for t in ferro["tools"]] == ["scale", "label"]


async def test_a_replaced_arg_model_converts_and_validates(official: dict[str, Any],
                                                           ferro: dict[str, Any]) -> None:
    for (name, args), want, got in zip(CALLS, official["calls"], ferro["calls"], strict=True):
        assert got == want, (name, args)
    refused = ferro["calls"][2]
    assert refused["isError"] is True
    assert "bad arguments for scale: value: float_parsing" in refused["content"][0]["text"]


def test_the_manager_is_made_on_first_use() -> None:
    from ferromcp.server.fastmcp import FastMCP
    from ferromcp.server.mcpserver import MCPServer

    for cls in (FastMCP, MCPServer):
        server = cls("lazy")

        @server.tool()
        def add(a: int, b: int = 2) -> int:
            return a + b

        assert "_tool_objects" not in server.__dict__
        tool = server._tool_manager.get_tool("add")
        assert tool is not None and tool.parameters["required"] == ["a"]
        assert tool.fn_metadata.arg_model.model_validate({"a": "3"}).model_dump_one_level() == {
            "a": 3, "b": 2}
        added = server._tool_manager.add_tool(lambda x: x, name="ident")
        assert added.name == "ident" and "ident" in server._tools
        server._tool_manager.remove_tool("ident")
        assert "ident" not in server._tools and server._tool_manager.get_tool("ident") is None
