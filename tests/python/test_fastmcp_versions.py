"""fastmcp 3/4 component versions (``@mcp.tool(version=...)``, resources, templates and
prompts alike), differential: ``tests/servers/fastmcp_versions.py`` runs unmodified on the real
fastmcp 4.1.7 (``.venv-fastmcp``) and under ``python -m ferromcp run``, driven by the official
client over stdio, and every answer must be the same:

* lists show each component's highest version with ``_meta.fastmcp.version`` and every version
  (``versions``, highest first), PEP 440 ordered (``v10`` above ``2``);
* a request's ``_meta.fastmcp.version`` picks a version by any spelling of it (``1``, ``1.0``,
  ``v1.0``), its own schema checking the arguments; an unknown one is answered as an unknown
  tool, resource or prompt; no version, an empty one or one that is not text: the highest;
* ``mcp.disable(version=VersionSpec(...))`` hides versions (the next one is served and listed);
* middleware sees the version a call asked for answer.

Set aside, as everywhere: the wording of an argument-validation error (pydantic's in fastmcp, the
core's schema check here); both are ``isError`` results naming the argument.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_versions.py"
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _meta(version: Any) -> dict[str, Any]:
    return {} if version is None else {"_meta": {"fastmcp": {"version": version}}}


async def _ask(session: Any, kind: str, params: dict[str, Any]) -> Any:
    from mcp import types
    from mcp.shared.exceptions import McpError

    request, result = {"tool": (types.CallToolRequest, types.CallToolResult),
                       "read": (types.ReadResourceRequest, types.ReadResourceResult),
                       "prompt": (types.GetPromptRequest, types.GetPromptResult)}[kind]
    method = {"tool": "tools/call", "read": "resources/read", "prompt": "prompts/get"}[kind]
    try:
        answer = await session.send_request(
            types.ClientRequest(request(method=method, params=params)), result)
    except McpError as e:
        return {"error": e.error.model_dump(mode="json", exclude_none=True)}
    out = answer.model_dump(mode="json", by_alias=True, exclude_none=True)
    if kind == "tool" and out.get("isError") and "currency" in out["content"][0]["text"]:
        # The wording of an argument-validation error is set aside (see the module).
        out["content"][0]["text"] = "<invalid arguments: currency>"
    return out


async def _collect(command: str, args: list[str], mode: str, major: str = "4"
                   ) -> dict[str, Any]:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    params = StdioServerParameters(
        command=command, args=args, cwd=str(ROOT),
        env={**os.environ, "FERROMCP_FASTMCP_MAJOR": major, "VERSIONS_MODE": mode})
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with stdio_client(params) as (read, write), ClientSession(
                read, write, read_timeout_seconds=timedelta(seconds=30)) as s:
            await s.initialize()
            dump = {"by_alias": True, "mode": "json", "exclude_none": True}
            out["tools"] = (await s.list_tools()).model_dump(**dump)
            out["resources"] = (await s.list_resources()).model_dump(**dump)
            out["templates"] = (await s.list_resource_templates()).model_dump(**dump)
            out["prompts"] = (await s.list_prompts()).model_dump(**dump)
            for v in (None, "1.0", "1", "v1.0", "2.0", "2", "3", "", 1):
                out[f"convert@{v!r}"] = await _ask(s, "tool", {
                    "name": "convert", "arguments": {"amount": 5}, **_meta(v)})
            for v in ("1.0", "2.0"):
                out[f"convert currency@{v}"] = await _ask(s, "tool", {
                    "name": "convert", "arguments": {"amount": 5, "currency": "USD"},
                    **_meta(v)})
            for v in (None, "2", "10", "v10", "9"):
                out[f"shout@{v}"] = await _ask(s, "tool", {
                    "name": "shout", "arguments": {"text": "hi"}, **_meta(v)})
            out["plain@1"] = await _ask(s, "tool", {"name": "plain", "arguments": {},
                                                    **_meta("1")})
            for v in (None, "1", "2", "3"):
                out[f"notes@{v}"] = await _ask(s, "read", {"uri": "data://notes", **_meta(v)})
                out[f"item@{v}"] = await _ask(s, "read", {"uri": "data://item/7", **_meta(v)})
                out[f"greet@{v}"] = await _ask(s, "prompt", {
                    "name": "greet", "arguments": {"name": "Ada"}, **_meta(v)})
            out["seen"] = await _ask(s, "tool", {"name": "seen", "arguments": {}})
    return out


@pytest.mark.parametrize("mode", ["", "hide", "middleware"])
async def test_versions_as_fastmcp(mode: str) -> None:
    if not FASTMCP_PYTHON.exists():
        pytest.skip(".venv-fastmcp (fastmcp 4.1.7) is not installed: `make test-python` makes it")
    official = await _collect(str(FASTMCP_PYTHON), [str(APP)], mode)
    ferro = await _collect(sys.executable, ["-m", "ferromcp", "run", str(APP)], mode)
    # What versions do, spelled out on fastmcp's answers, then everything compared.
    convert = next(t for t in official["tools"]["tools"] if t["name"] == "convert")
    text = official["convert@'1'"]["content"][0]["text"]
    if mode == "hide":
        assert convert["_meta"]["fastmcp"]["versions"] == ["1.0"]
        assert official["convert@'2.0'"]["isError"] is True
    else:
        assert convert["_meta"]["fastmcp"]["versions"] == ["2.0", "1.0"]
        assert official["convert@None"]["content"][0]["text"] == "v2 5 EUR"
        assert official["shout@None"]["content"][0]["text"] == "HI!!"
    assert text == "v1 5"
    assert official["convert@'3'"]["content"][0]["text"] == "Unknown tool: 'convert'"
    if mode == "middleware":
        assert "convert: v1 5" in official["seen"]["structuredContent"]["result"]
    for key in official:
        assert ferro[key] == official[key], key


MIXED = """
from fastmcp import FastMCP
mcp = FastMCP("mixed")

@mcp.tool(version="1")
def a() -> str:
    return "1"

for attempt in ("unversioned", "versioned"):
    try:
        if attempt == "unversioned":
            mcp.tool(name="a")(lambda: "x")
        else:
            mcp.tool(name="b")(lambda: "x")
            mcp.tool(name="b", version="2")(lambda: "y")
    except ValueError as e:
        print(type(e).__name__, e)
"""


def test_versioned_and_unversioned_do_not_mix(tmp_path: Any) -> None:
    # One name is versioned throughout or not at all: the same ValueError as fastmcp's.
    import subprocess

    if not FASTMCP_PYTHON.exists():
        pytest.skip(".venv-fastmcp (fastmcp 4.1.7) is not installed: `make test-python` makes it")
    app = tmp_path / "mixed.py"
    app.write_text(MIXED)
    env = {**os.environ, "FERROMCP_FASTMCP_MAJOR": "4", "FASTMCP_SHOW_SERVER_BANNER": "false"}
    runs = [subprocess.run(cmd, capture_output=True, text=True, timeout=BOUND, env=env)
            for cmd in ([str(FASTMCP_PYTHON), str(app)],
                        [sys.executable, "-m", "ferromcp", "run", str(app)])]
    official, ferro = (r.stdout.strip().splitlines() for r in runs)
    assert len(official) == 2 and official[0].startswith("ValueError Cannot add unversioned")
    assert ferro == official
