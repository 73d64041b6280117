"""fastmcp 3/4's in-process API (what a server's own tests call: ``list_tools()`` and the other
lists, ``get_tool`` / ``get_resource`` / ``get_resource_template`` / ``get_prompt``,
``call_tool``, ``read_resource``, ``render_prompt``), differential: one script runs on the real
fastmcp 4.1.7 (``.venv-fastmcp``) and under ``python -m ferromcp run``, and what it prints of
each answer — the components' names, titles, descriptions, tags and schemas, results' content,
structured content, ``meta`` and ``is_error``, the class and text of each exception — must be the
same. Mounted and versioned components are looked up as the core serves them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peer import CLIENT, ROOT, script_answers

pytestmark = pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"

SCRIPT = r'''
import asyncio, json
from fastmcp import FastMCP
from fastmcp.exceptions import ToolError

mcp = FastMCP("inproc")
sub = FastMCP("sub")

@mcp.tool(tags={"math"})
def add(a: int, b: int = 2) -> int:
    """Adds."""
    return a + b

@mcp.tool(title="Boom!")
def boom(a: int) -> int:
    raise ValueError(f"bad {a}")

@mcp.tool
def told() -> str:
    raise ToolError("told you")

@mcp.tool(version="1")
def versioned() -> str:
    return "one"

@mcp.tool(version="2")
def versioned() -> str:
    return "two"

@mcp.resource("data://r", tags={"d"}, description="A resource.")
def r() -> dict:
    return {"a": 1}

@mcp.resource("data://t/{k}")
def t(k: str) -> str:
    return "t" + k

@mcp.resource("data://fails")
def fails() -> str:
    raise RuntimeError("disk on fire")

@mcp.prompt
def p(name: str) -> str:
    """Greets."""
    return "hi " + name

@sub.tool
def inner(x: int) -> int:
    return x * 10

mcp.mount(sub, namespace="sub")


def component(c):
    if c is None:
        return None
    out = {k: getattr(c, k, None) for k in ("name", "title", "description")}
    out["tags"] = sorted(getattr(c, "tags", None) or ())
    for k in ("parameters", "uri", "uri_template"):
        v = getattr(c, k, None)
        if v is not None:
            out[k] = str(v) if k == "uri" else v
    return out


def block(b):
    return {"type": b.type, "text": getattr(b, "text", None)}


def result(v):
    if hasattr(v, "structured_content"):
        return {"content": [block(b) for b in v.content], "structured": v.structured_content,
                "meta": v.meta, "is_error": v.is_error}
    if hasattr(v, "contents"):
        return {"contents": [[c.content, c.mime_type, c.meta] for c in v.contents],
                "meta": v.meta}
    if hasattr(v, "messages"):
        return {"messages": [[m.role, block(m.content)] for m in v.messages],
                "description": v.description}
    return repr(v)


async def attempt(f):
    try:
        return {"value": await f()}
    except Exception as e:
        return {"raised": type(e).__name__, "text": str(e).split("\n")[0]}


async def main():
    out = {}
    for kind in ("tools", "resources", "resource_templates", "prompts"):
        out[kind] = [component(c) for c in await getattr(mcp, f"list_{kind}")()]
    out["get_tool"] = component(await mcp.get_tool("add"))
    out["get_tool sub"] = component(await mcp.get_tool("sub_inner"))
    out["get_tool missing"] = component(await mcp.get_tool("nope"))
    out["get_resource"] = component(await mcp.get_resource("data://r"))
    out["get_template"] = component(await mcp.get_resource_template("data://t/{k}"))
    out["get_prompt"] = component(await mcp.get_prompt("p"))
    out["get_prompt missing"] = component(await mcp.get_prompt("zz"))
    calls = [("add", {"a": 1}), ("boom", {"a": 1}), ("told", {}), ("nope", {}),
             ("add", {"a": "x"}), ("sub_inner", {"x": 4}), ("versioned", {})]
    for name, args in calls:
        r = await attempt(lambda: mcp.call_tool(name, args))
        out[f"call {name} {args}"] = {**r, "value": result(r["value"])} if "value" in r else r
    for uri in ("data://r", "data://t/5", "data://zz", "data://fails"):
        r = await attempt(lambda: mcp.read_resource(uri))
        out[f"read {uri}"] = {**r, "value": result(r["value"])} if "value" in r else r
    for name, args in (("p", {"name": "Ada"}), ("zz", {}), ("p", {})):
        r = await attempt(lambda: mcp.render_prompt(name, args))
        out[f"render {name} {args}"] = {**r, "value": result(r["value"])} if "value" in r else r
    print(json.dumps(out, sort_keys=True, default=str))

asyncio.run(main())
'''


def test_in_process_api_as_fastmcp(tmp_path: Path) -> None:
    if not FASTMCP_PYTHON.exists():
        pytest.skip(".venv-fastmcp (fastmcp 4.1.7) is not installed: `make test-python` makes it")
    script = tmp_path / "inproc.py"
    script.write_text(SCRIPT)
    official = script_answers([str(FASTMCP_PYTHON)], script)
    ferro = script_answers([sys.executable, "-m", "ferromcp", "run"], script)
    # What fastmcp answers, spelled out, then everything compared.
    assert official["call boom {'a': 1}"] == {"raised": "ToolError",
                                              "text": "Error calling tool 'boom': bad 1"}
    assert official["get_tool missing"] is None
    # The text of an argument-validation error is set aside, as everywhere: both raise
    # fastmcp's ValidationError.
    bad = "call add {'a': 'x'}"
    assert official[bad]["raised"] == ferro[bad]["raised"] == "ValidationError"
    for key in official:
        if key != bad:
            assert ferro[key] == official[key], key


SCRIPT_V2 = r'''
import asyncio, json
from fastmcp import FastMCP
from fastmcp.exceptions import NotFoundError

mcp = FastMCP("v2")

@mcp.tool(tags={"a"})
def add(a: int, b: int = 2) -> int:
    """Adds."""
    return a + b

@mcp.resource("data://r")
def r() -> str:
    return "r"

@mcp.resource("data://t/{k}")
def t(k: str) -> str:
    return "t" + k

@mcp.prompt
def p(name: str) -> str:
    return "hi " + name

async def main():
    out = {}
    for label in ("get_tools", "get_resources", "get_resource_templates", "get_prompts"):
        out[label] = {k: type(v).__name__ for k, v in (await getattr(mcp, label)()).items()}
    out["tool"] = [type(await mcp.get_tool("add")).__name__, (await mcp.get_tool("add")).parameters]
    for label, call in (("tool", lambda: mcp.get_tool("zz")), ("resource", lambda: mcp.get_resource("data://zz")),
                        ("prompt", lambda: mcp.get_prompt("zz"))):
        try:
            await call()
        except NotFoundError as e:
            out[f"missing {label}"] = str(e)
    print(json.dumps(out, sort_keys=True))

asyncio.run(main())
'''


def test_fastmcp2_in_process_api(tmp_path: Path) -> None:
    # fastmcp 2's spelling: dicts of components by name or URI, and a NotFoundError (without
    # quotes) for a name nothing serves — as fastmcp 2.14.7 answers this script.
    script = tmp_path / "inproc_v2.py"
    script.write_text(SCRIPT_V2)
    done = subprocess.run([sys.executable, "-m", "ferromcp", "run", str(script)],
                          capture_output=True, text=True, timeout=120,
                          env={"FERROMCP_FASTMCP_MAJOR": "2", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "get_tools": {"add": "FunctionTool"}, "get_resources": {"data://r": "FunctionResource"},
        "get_resource_templates": {"data://t/{k}": "ResourceTemplate"},
        "get_prompts": {"p": "FunctionPrompt"},
        "tool": ["FunctionTool", {"properties": {"a": {"type": "integer"},
                                                 "b": {"default": 2, "type": "integer"}},
                                  "required": ["a"], "type": "object"}],
        "missing tool": "Unknown tool: zz", "missing resource": "Unknown resource: data://zz",
        "missing prompt": "Unknown prompt: zz"}


SCRIPT_MIDDLEWARE = r'''
import asyncio, json
from fastmcp import FastMCP
from fastmcp.server.middleware import Middleware

seen = []

class Watch(Middleware):
    async def on_request(self, context, call_next):
        seen.append(["request", context.method])
        return await call_next(context)

    async def on_call_tool(self, context, call_next):
        seen.append(["call", context.message.name, dict(context.message.arguments or {})])
        try:
            result = await call_next(context)
        except Exception as e:
            seen.append(["raised", type(e).__name__, str(e)])
            raise
        return result

    async def on_list_tools(self, context, call_next):
        tools = await call_next(context)
        return [t for t in tools if t.name != "hidden"]

    async def on_read_resource(self, context, call_next):
        seen.append(["read", str(context.message.uri)])
        return await call_next(context)

    async def on_get_prompt(self, context, call_next):
        seen.append(["prompt", context.message.name])
        return await call_next(context)

mcp = FastMCP("inproc-mw", middleware=[Watch()])

@mcp.tool
def add(a: int, b: int = 2) -> int:
    return a + b

@mcp.tool
def hidden() -> str:
    return "h"

@mcp.tool
def boom() -> str:
    raise ValueError("bad")

@mcp.resource("data://r")
def r() -> str:
    return "R"

@mcp.prompt
def p(name: str) -> str:
    return f"Hello {name}"

async def attempt(f):
    try:
        return await f()
    except Exception as e:
        return {"raised": type(e).__name__, "text": str(e)}

async def main():
    out = {}
    out["tools"] = [t.name for t in await mcp.list_tools()]
    out["tools raw"] = [t.name for t in await mcp.list_tools(run_middleware=False)]
    out["add"] = (await mcp.call_tool("add", {"a": 1})).structured_content
    out["boom"] = await attempt(lambda: mcp.call_tool("boom", {}))
    out["unknown"] = await attempt(lambda: mcp.call_tool("nope", {}))
    out["add raw"] = (await mcp.call_tool("add", {"a": 5}, run_middleware=False)).structured_content
    out["read"] = [c.content for c in (await mcp.read_resource("data://r")).contents]
    out["prompt"] = [m.content.text for m in (await mcp.render_prompt("p", {"name": "A"})).messages]
    out["seen"] = seen
    print(json.dumps(out, sort_keys=True))

asyncio.run(main())
'''


def test_in_process_api_runs_middleware_as_fastmcp(tmp_path: Path) -> None:
    # fastmcp 3/4 run the server's middleware around the in-process API unless told not to.
    if not FASTMCP_PYTHON.exists():
        pytest.skip(".venv-fastmcp (fastmcp 4.1.7) is not installed: `make test-python` makes it")
    script = tmp_path / "inproc_mw.py"
    script.write_text(SCRIPT_MIDDLEWARE)
    official = script_answers([str(FASTMCP_PYTHON)], script)
    ferro = script_answers([sys.executable, "-m", "ferromcp", "run"], script)
    assert official["tools"] == ["add", "boom"] and "hidden" in official["tools raw"]
    assert ["call", "add", {"a": 1}] in official["seen"]
    assert ferro == official
