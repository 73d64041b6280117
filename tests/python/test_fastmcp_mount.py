"""fastmcp server composition (``mount``), differential: ``tests/servers/fastmcp_mount.py``
runs unmodified on the real fastmcp 4.1.7 (``.venv-fastmcp``) and under
``python -m ferromcp run``, driven by the official client over stdio: every list (order
included), every call, read and prompt through the parent — namespaced, renamed, nested,
registered after the mount, shadowed by the parent's own — and unknown names, compared (the
wording of an argument-validation error aside, as everywhere).
"""

from __future__ import annotations

import sys
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, fastmcp_python, script_answers, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_mount.py"
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90

CALLS = [
    ("weather_forecast", {"city": "Paris", "days": 2}),
    ("weather_forecast", {"city": "Paris", "days": "x"}),
    ("weather_alert", {"city": "Paris"}),
    ("weather_alert", {"city": "Oslo"}),
    ("weather_deep_depth", {}),
    ("weather_later", {}),
    ("yell", {"text": "hi"}),
    ("shout", {"text": "hi"}),
    ("hello", {}),
    ("events", {}),
    ("forecast", {"city": "Paris"}),
]
READS = ["weather://weather/stations", "weather://weather/station/Lyon/today",
         "deep://weather/deep/core", "weather://stations", "deep://core"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _collect(command: str, args: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with spawned(command, args, {"FERROMCP_FASTMCP_MAJOR": "4"}) as peer:
            out["tools"] = await peer.list_tools()
            out["resources"] = await peer.list_resources()
            out["templates"] = await peer.list_resource_templates()
            out["prompts"] = await peer.list_prompts()
            for name, args_ in CALLS:
                out[f"call {name} {args_}"] = await answer_or_error(peer.call_tool(name, args_))
            for uri in READS:
                out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
            for name in ("weather_ask", "ask"):
                out[f"prompt {name}"] = await answer_or_error(
                    peer.get_prompt(name, {"city": "Nice"}))
    return out


async def test_mount_as_fastmcp() -> None:
    if not FASTMCP_PYTHON.exists():
        pytest.skip(".venv-fastmcp (fastmcp 4.1.7) is not installed: `make test-python` makes it")
    official = await _collect(str(FASTMCP_PYTHON), [str(APP)])
    ferro = await _collect(sys.executable, ["-m", "ferromcp", "run", str(APP)])
    # What mounting does, spelled out on fastmcp's answers, then everything compared.
    names = [t["name"] for t in official["tools"]]
    assert names[:2] == ["hello", "events"] and "weather_later" in names and "yell" in names
    assert official["call hello {}"]["result"]["content"][0]["text"] == "hello from main"
    assert "weather up" in official["call events {}"]["result"]["content"][0]["text"]
    # The wording of an argument-validation error is set aside (pydantic's in fastmcp, the
    # core's schema check here): both are isError results.
    bad = "call weather_forecast {'city': 'Paris', 'days': 'x'}"
    assert official[bad]["result"]["isError"] is ferro[bad]["result"]["isError"] is True
    for key in official:
        if key != bad:
            assert ferro[key] == official[key], key


CHILD_MIDDLEWARE = r'''
import asyncio, json
from fastmcp import FastMCP, Client
from fastmcp.server.middleware import Middleware
from fastmcp.tools import ToolResult
from mcp.types import TextContent

seen = []

class Stamp(Middleware):
    async def on_call_tool(self, context, call_next):
        seen.append(["call", context.message.name])
        try:
            r = await call_next(context)
        except Exception as e:
            seen.append(["raised", type(e).__name__ != "", str(e)])
            raise
        return ToolResult(content=r.content + [TextContent(type="text", text="stamped")],
                          structured_content=r.structured_content)

    async def on_read_resource(self, context, call_next):
        seen.append(["read", str(context.message.uri)])
        return await call_next(context)

    async def on_get_prompt(self, context, call_next):
        seen.append(["prompt", context.message.name])
        return await call_next(context)

child = FastMCP("child", middleware=[Stamp()])

@child.tool
def hello() -> str:
    return "hi"

@child.tool
def bad() -> str:
    raise ValueError("nope")

@child.resource("data://r")
def r() -> str:
    return "R"

@child.prompt
def p(x: str) -> str:
    return f"P {x}"

parent = FastMCP("parent")
parent.mount(child, namespace="c")

@parent.tool
def own() -> str:
    return "own"

def dump(v):
    d = v.model_dump(mode="json", exclude_none=True, by_alias=True)
    d.pop("_meta", None)
    return d

async def main():
    out = {}
    async with Client(parent, mode="legacy") as c:
        for n in ["c_hello", "c_bad", "own"]:
            out[n] = dump(await c.call_tool_mcp(n, {}))
        out["read"] = dump(await c.read_resource_mcp("data://c/r"))
        out["prompt"] = dump(await c.get_prompt_mcp("c_p", {"x": "1"}))
    out["seen"] = seen
    print(json.dumps(out, sort_keys=True))

asyncio.run(main())
'''


def test_mounted_servers_middleware_runs_as_fastmcp(tmp_path: Any) -> None:
    # fastmcp runs a mounted server's own middleware around what the parent routes to it.
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "child_middleware.py"
    script.write_text(CHILD_MIDDLEWARE)
    official = script_answers([python], script)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script)
    assert official["c_hello"]["content"][-1]["text"] == "stamped"
    assert ["call", "hello"] in official["seen"]
    assert ferro == official
