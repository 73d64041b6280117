"""fastmcp's component visibility — the server's rules (``enable`` / ``disable``, ``only=``) and
a session's own (``ctx.enable_components``, ``disable_components``, ``reset_visibility``) — the
same ``import fastmcp`` server file (``tests/servers/fastmcp_visibility.py``) on fastmcp 4.1.7
(``.venv-fastmcp``) and under ``python -m ferromcp run``, driven by the official client over
stdio: lists, calls, reads and prompts, and the list-changed notifications a session gets,
compared step by step. Without ``.venv-fastmcp`` the comparisons are skipped, saying so.
"""

from __future__ import annotations

import sys
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, notification_dict, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_visibility.py"
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _fastmcp_python() -> str:
    if not FASTMCP_PYTHON.exists():
        pytest.skip(".venv-fastmcp (fastmcp 4.1.7) is not installed: `make test-python` makes it")
    return str(FASTMCP_PYTHON)


async def _state(peer: Any) -> dict[str, Any]:
    """What the session sees now: names listed, and how a call, read or prompt of each hidden
    and shown component answers."""
    out: dict[str, Any] = {
        "tools": sorted(t["name"] for t in await peer.list_tools()),
        "resources": sorted(r["uri"] for r in await peer.list_resources()),
        "templates": sorted(t["uriTemplate"] for t in await peer.list_resource_templates()),
        "prompts": sorted(p["name"] for p in await peer.list_prompts()),
    }
    for name, args in (("add", {"a": 1, "b": 2}), ("wipe", {}), ("plain", {})):
        out[f"call {name}"] = await answer_or_error(peer.call_tool(name, args))
    for uri in ("data://public", "data://secret", "data://item/7"):
        out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
    for name, args in (("greet", {"name": "Ada"}), ("confess", {})):
        out[f"prompt {name}"] = await answer_or_error(peer.get_prompt(name, args))
    return out


async def _collect(command: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    seen: list[str] = []

    async def note(message: Any) -> None:
        n = notification_dict(message)
        if n is not None and n["method"].endswith("list_changed"):
            seen.append(n["method"])

    with anyio.fail_after(BOUND):
        async with spawned(command, args, env, note) as peer:
            out["start"] = await _state(peer)
            for step in ("unlock", "lock", "reset"):
                seen.clear()
                out[f"{step} answer"] = await answer_or_error(peer.call_tool(step, {}))
                out[step] = await _state(peer)
                out[f"{step} notified"] = list(seen)
    return out


@pytest.mark.parametrize("mode", ["rules", "only"])
async def test_visibility_as_fastmcp(mode: str) -> None:
    python = _fastmcp_python()
    env = {"FERROMCP_FASTMCP_MAJOR": "4", "VIS_MODE": mode}
    official = await _collect(python, [str(APP)], env)
    ferro = await _collect(sys.executable, ["-m", "ferromcp", "run", str(APP)], env)
    # What the rules do, spelled out, then everything compared with fastmcp.
    if mode == "rules":
        assert "wipe" not in official["start"]["tools"] and "plain" in official["start"]["tools"]
        assert "wipe" in official["unlock"]["tools"]
        assert "add" not in official["lock"]["tools"] and official["lock"]["prompts"] == []
        assert official["reset"]["tools"] == official["start"]["tools"]
        assert official["unlock notified"] == ["notifications/tools/list_changed",
                                               "notifications/resources/list_changed",
                                               "notifications/prompts/list_changed"]
    else:
        assert official["start"]["tools"] == ["add", "lock", "reset", "unlock"]
    for key in official:
        assert ferro[key] == official[key], key


FASTMCP2_TAGS = '''
from fastmcp import FastMCP

mcp = FastMCP("tags", include_tags={"public", "beta"}, exclude_tags={"beta"})

@mcp.tool(tags={"public"})
def shown() -> str:
    return "shown"

@mcp.tool(tags={"public", "beta"})
def excluded() -> str:
    return "excluded"

@mcp.tool
def untagged() -> str:
    return "untagged"

@mcp.prompt(tags={"public"})
def hello() -> str:
    return "hello"

if __name__ == "__main__":
    mcp.run()
'''


async def test_fastmcp2_include_and_exclude_tags(tmp_path: Any) -> None:
    # fastmcp 2.x: only components with an included tag are served, and none with an excluded
    # one (exclusion wins); what is not served is unknown to calls.
    app = tmp_path / "tags_server.py"
    app.write_text(FASTMCP2_TAGS)
    with anyio.fail_after(BOUND):
        async with spawned(sys.executable, ["-m", "ferromcp", "run", str(app)],
                           {"FERROMCP_FASTMCP_MAJOR": "2"}) as peer:
            assert [t["name"] for t in await peer.list_tools()] == ["shown"]
            assert [p["name"] for p in await peer.list_prompts()] == ["hello"]
            hidden = await answer_or_error(peer.call_tool("untagged", {}))
            assert hidden["result"]["isError"] is True
            assert "Unknown tool" in hidden["result"]["content"][0]["text"]
            assert (await peer.call_tool("shown", {}))["content"][0]["text"] == "shown"
