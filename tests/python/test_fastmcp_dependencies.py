"""fastmcp 3/4's dependency injection (``fastmcp.dependencies``), differential:
``tests/servers/fastmcp_dependencies.py`` runs unmodified on the real fastmcp 4.1.7 and under
``python -m ferromcp run``, driven by the official client over stdio: the schemas (dependency
parameters are not the client's), calls resolving ``Depends`` chains and async context managers
(closed after the call), ``CurrentContext``, ``CurrentFastMCP``, ``CurrentHeaders``, a failing
dependency, ``CurrentRequest`` and ``TokenClaim`` without HTTP or a token, a client trying to
set a dependency parameter, ``Progress``, a resource and a prompt with dependencies — every
answer compared.
"""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, fastmcp_python, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_dependencies.py"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90

CALLS = [("query", {"sql": "select 1"}), ("opened", {}), ("who", {}), ("fails", {"x": 1}),
         ("http_only", {}), ("claim", {}), ("steps", {"n": 3}),
         ("query", {"sql": "select 2", "db": "mine"})]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _collect(command: str, args: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with spawned(command, args, {"FERROMCP_FASTMCP_MAJOR": "4",
                                           "FASTMCP_SHOW_SERVER_BANNER": "false"}) as peer:
            out["tools"] = await peer.list_tools()
            out["prompts"] = await peer.list_prompts()
            for name, arguments in CALLS:
                out[f"call {name} {arguments}"] = await answer_or_error(
                    peer.call_tool(name, arguments))
            out["read"] = await answer_or_error(peer.read_resource("data://config"))
            out["prompt"] = await answer_or_error(peer.get_prompt("ask", {"topic": "x"}))
    return out


async def test_dependencies_as_fastmcp() -> None:
    python = fastmcp_python(with_ferromcp=True)
    official = await _collect(python, [str(APP)])
    ferro = await _collect(python, ["-m", "ferromcp", "run", str(APP)])
    # What injection does, spelled out on fastmcp's answers, then everything compared.
    schemas = {t["name"]: t["inputSchema"] for t in official["tools"]}
    assert list(schemas["query"]["properties"]) == ["sql"]
    assert official["call query {'sql': 'select 1'}"]["result"]["structuredContent"] == {
        "result": "select 1 on db-connection in session-1; request True"}
    assert official["call opened {}"]["result"]["structuredContent"] == {
        "result": ["open", "closed"]}
    # A client setting a dependency parameter is refused as an unexpected argument; the
    # wording of an argument-validation error is set aside, as everywhere.
    bad = "call query {'sql': 'select 2', 'db': 'mine'}"
    assert official[bad]["result"]["isError"] is ferro[bad]["result"]["isError"] is True
    for key in official:
        if key != bad:
            assert ferro[key] == official[key], key
