"""fastmcp's ``Client`` against a server in the same process — the way fastmcp servers' own test
suites drive them (``async with Client(mcp) as client``) — differential: one script runs on the
real fastmcp 4.1.7 (``.venv-fastmcp``) and under ``python -m ferromcp run`` (where
``fastmcp.Client`` is fastmcp's own client, connected in process to the ferromcp server), in both
protocol eras the client speaks; what it prints of every answer must be the same. The same
client also connects to a ferromcp server imported as ``ferromcp.fastmcp`` without the alias.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peer import CLIENT, fastmcp_python, script_answers

pytestmark = pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")

SERVER = r'''
import asyncio, json, sys
from fastmcp import FastMCP, Context
from fastmcp.exceptions import ToolError

mcp = FastMCP("inproc", instructions="Be brief.")

@mcp.tool(tags={"math"})
def add(a: int, b: int = 2) -> int:
    """Adds."""
    return a + b

@mcp.tool
def pair(x: str) -> dict:
    return {"x": x, "n": len(x)}

@mcp.tool
def boom(a: int) -> int:
    raise ValueError(f"bad {a}")

@mcp.tool
def told() -> str:
    raise ToolError("told you")

@mcp.tool
async def chatty(ctx: Context) -> str:
    await ctx.report_progress(1, 2, "half")
    await ctx.info("hello from the tool")
    await ctx.log("custom", level="warning", logger_name="lg", extra={"k": 1})
    await ctx.log("plain")
    await ctx.error("bad", extra={"why": "x"})
    return "done"

@mcp.resource("data://r", description="A resource.")
def r() -> dict:
    return {"a": 1}

@mcp.resource("data://t/{k}")
def t(k: str) -> str:
    return "t" + k

@mcp.prompt
def p(name: str) -> str:
    """Greets."""
    return f"Hello {name}"
'''

SCRIPT = SERVER + r'''
from fastmcp import Client

def content(blocks):
    return [b.model_dump(mode="json", exclude_none=True, by_alias=True) for b in blocks]

async def attempt(f):
    try:
        return await f()
    except Exception as e:
        return {"raised": type(e).__name__, "text": str(e)}

async def session(mode):
    out = {}
    seen = []
    async def progress(done, total, message):
        seen.append(["progress", done, total, message])
    async def log(message):
        seen.append(["log", message.level, message.logger, message.data])
    async with Client(mcp, mode=mode, progress_handler=progress, log_handler=log) as c:
        out["era"] = c.protocol_version
        tools = await c.list_tools()
        out["tools"] = [[x.name, x.description, x.input_schema, x.output_schema] for x in tools]
        res = await c.call_tool("add", {"a": 1})
        out["add"] = [res.data, res.structured_content, content(res.content), res.is_error]
        res = await c.call_tool("pair", {"x": "abc"})
        out["pair"] = [res.data, res.structured_content]
        out["boom"] = await attempt(lambda: c.call_tool("boom", {"a": 3}))
        res = await c.call_tool("boom", {"a": 4}, raise_on_error=False)
        out["boom quiet"] = [content(res.content), res.is_error]
        out["told"] = await attempt(lambda: c.call_tool("told", {}))
        out["unknown"] = await attempt(lambda: c.call_tool("nope", {}))
        out["chatty"] = (await c.call_tool("chatty", {})).data
        out["seen"] = seen
        out["resources"] = [[x.name, str(x.uri), x.description] for x in await c.list_resources()]
        out["templates"] = [[x.name, x.uri_template] for x in await c.list_resource_templates()]
        out["read"] = content(await c.read_resource("data://r"))
        out["read template"] = content(await c.read_resource("data://t/7"))
        out["read unknown"] = await attempt(lambda: c.read_resource("data://zz"))
        out["prompts"] = [[x.name, x.description] for x in await c.list_prompts()]
        got = await c.get_prompt("p", {"name": "Ada"})
        out["prompt"] = [[m.role, m.content.text] for m in got.messages]
        out["prompt unknown"] = await attempt(lambda: c.get_prompt("zz", {}))
    return out

async def main():
    print(json.dumps({mode: await session(mode) for mode in ("legacy", "auto")},
                     sort_keys=True, default=str))

asyncio.run(main())
'''


def test_fastmcp_client_in_process_as_fastmcp(tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "client.py"
    script.write_text(SCRIPT)
    official = script_answers([python], script)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script)
    # What fastmcp answers, spelled out, then everything compared.
    assert official["legacy"]["era"] == "2025-11-25"
    assert official["auto"]["era"] == "2026-07-28"
    assert official["legacy"]["add"][:2] == [3, {"result": 3}]
    assert official["legacy"]["boom"] == {"raised": "ToolError",
                                          "text": "Error calling tool 'boom': bad 3"}
    assert ["progress", 1.0, 2.0, "half"] in official["legacy"]["seen"]
    for mode in official:
        for key in official[mode]:
            assert ferro[mode][key] == official[mode][key], (mode, key)


def test_fastmcp_client_without_the_alias(tmp_path: Path) -> None:
    # A server written against ferromcp's own names, its tests using the client ferromcp hands
    # out: fastmcp's, connecting in process.
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "client_plain.py"
    script.write_text(SCRIPT.replace("from fastmcp import", "from ferromcp.fastmcp import")
                      .replace("from fastmcp.exceptions", "from ferromcp.fastmcp.exceptions"))
    ferro = script_answers([python], script)
    assert ferro["legacy"]["add"][:2] == [3, {"result": 3}]
    assert ferro["auto"]["boom"] == {"raised": "ToolError",
                                     "text": "Error calling tool 'boom': bad 3"}
    assert ferro["legacy"]["prompt"] == [["user", "Hello Ada"]]


LOWLEVEL = r'''
import anyio, json
from mcp.server.fastmcp import FastMCP
from mcp.shared.memory import create_client_server_memory_streams
from mcp import ClientSession

mcp = FastMCP("lowrun")

@mcp.tool()
def add(a: int, b: int) -> int:
    return a + b

async def main():
    async with create_client_server_memory_streams() as (client, server):
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: mcp._mcp_server.run(
                *server, mcp._mcp_server.create_initialization_options()))
            async with ClientSession(*client) as session:
                await session.initialize()
                tools = [t.name for t in (await session.list_tools()).tools]
                result = await session.call_tool("add", {"a": 1, "b": 2})
                print(json.dumps([tools, result.content[0].text]))
            tg.cancel_scope.cancel()

anyio.run(main)
'''


def test_decorator_servers_lowlevel_run_serves_its_tools(tmp_path: Path) -> None:
    # `mcp._mcp_server.run(...)` on the official in-memory streams, as official tests wire it:
    # the decorator server's tools are served, under the alias too.
    script = tmp_path / "lowrun.py"
    script.write_text(LOWLEVEL)
    done = subprocess.run([sys.executable, "-m", "ferromcp", "run", str(script)],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [["add"], "3"]
