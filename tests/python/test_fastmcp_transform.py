"""fastmcp's tool transformation, differential: ``tests/servers/fastmcp_transform.py``
(fastmcp 3/4: ``Tool.from_tool`` with renamed, described, defaulted and hidden arguments, a
``transform_fn`` calling ``forward()``, ``add_transform(ToolTransform(...))``) runs unmodified on
the real fastmcp 4.1.7 and under ``python -m ferromcp run``; ``fastmcp2_transform.py`` (fastmcp 2:
``@mcp.tool`` answering the tool, ``Tool.from_tool`` of it, the original disabled,
``tool_transformations=``) on fastmcp 2.14.7 and on ferromcp. The official client lists the tools
and calls them — good arguments, a hidden one, a missing one, the transformed-away names, a
failing ``transform_fn`` — and every answer is compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, fastmcp_python, script_answers, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
SERVERS = ROOT / "tests" / "servers"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90

CALLS = [("find", {"query": "cats"}), ("find", {"query": "cats", "limit": 1}),
         ("find", {"query": "x", "secret": "s"}), ("find", {}), ("search", {"q": "x"}),
         ("checked_find", {"query": "dogs"}), ("checked_find", {"query": ""}),
         ("plus", {"x": 1}), ("plus", {"a": 1}), ("add", {"a": 1}), ("shout", {"text": "hi"})]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _collect(command: str, args: list[str], major: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with spawned(command, args, {"FERROMCP_FASTMCP_MAJOR": str(major),
                                           "FASTMCP_SHOW_SERVER_BANNER": "false"}) as peer:
            out["tools"] = await peer.list_tools()
            for name, arguments in CALLS:
                out[f"call {name} {arguments}"] = await answer_or_error(
                    peer.call_tool(name, arguments))
    return out


async def test_tool_transforms_as_fastmcp4() -> None:
    python = fastmcp_python(with_ferromcp=True)
    app = str(SERVERS / "fastmcp_transform.py")
    official = await _collect(python, [app], 4)
    ferro = await _collect(python, ["-m", "ferromcp", "run", app], 4)
    # What the transforms do, spelled out on fastmcp's answers, then everything compared.
    find = official["tools"][0]
    assert [t["name"] for t in official["tools"]] == ["find", "checked_find", "plus", "shout"]
    assert find["inputSchema"]["properties"]["query"]["description"] == "What to find"
    assert "secret" not in find["inputSchema"]["properties"]
    assert official["call find {'query': 'cats'}"]["result"]["structuredContent"] == {
        "result": ["cats:3:hidden"]}
    assert official["call plus {'x': 1}"]["result"]["structuredContent"] == {"result": 3}
    for key in official:
        assert ferro[key] == official[key], key


async def test_tool_transforms_as_fastmcp2() -> None:
    python = fastmcp_python(with_ferromcp=True, major=2)
    app = str(SERVERS / "fastmcp2_transform.py")
    official = await _collect(python, [app], 2)
    ferro = await _collect(python, ["-m", "ferromcp", "run", app], 2)
    assert [t["name"] for t in official["tools"]] == ["find", "plus"]
    assert official["call find {'query': 'cats'}"]["result"]["structuredContent"] == {
        "result": ["cats:10"]}
    for key in official:
        assert ferro[key] == official[key], key


IN_PROCESS = r'''
import asyncio, json
from fastmcp import FastMCP
from fastmcp.tools import Tool
from fastmcp.tools.tool_transform import ArgTransform

mcp = FastMCP("tx-inproc")

@mcp.tool
def search(q: str, limit: int = 10) -> list[str]:
    return [f"{q}:{limit}"]

mcp.add_tool(Tool.from_tool(search, name="find", transform_args={"q": ArgTransform(name="query")}))

async def main():
    out = {}
    found = await mcp.get_tool("find")
    out["class"] = type(found).__name__
    out["parent"] = found.parent_tool.name
    if hasattr(mcp, "get_tools") and hasattr(search, "fn"):  # fastmcp 2's spelling
        out["listed"] = list(await mcp.get_tools())
    else:
        out["listed"] = [t.name for t in await mcp.list_tools()]
    out["call"] = (await found.run({"query": "a"})).structured_content
    if hasattr(search, "fn"):  # fastmcp 2: the decorator answered the tool
        out["fn"] = search.fn("b", 1)
        search.disable()
        out["after disable"] = [t.name for t in (await mcp.get_tools()).values()]
    print(json.dumps(out, sort_keys=True))

asyncio.run(main())
'''


@pytest.mark.parametrize("major", [4, 2])
def test_transformed_tools_in_process(tmp_path: Path, major: int) -> None:
    python = fastmcp_python(with_ferromcp=True, major=major)
    script = tmp_path / "transform_in_process.py"
    script.write_text(IN_PROCESS)
    official = script_answers([python], script, major)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script, major)
    assert official["class"] == "TransformedTool" and official["call"] == {"result": ["a:10"]}
    assert ferro == official
