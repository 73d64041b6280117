"""fastmcp's component providers on ferromcp, differential: ``tests/servers/fastmcp_openapi.py``
(``FastMCP.from_openapi`` over an in-process mock of the API, route maps making resources and a
template, plus a tool of the server's own) runs unmodified on the real fastmcp 4.1.7 and under
``python -m ferromcp run`` with fastmcp installed beside ferromcp (``.venv-fastmcp``: the
provider is fastmcp's own), driven by the official client over stdio; every list, call (good
arguments, missing ones, an API error), read and unknown name must be the same.
"""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, fastmcp_python, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_openapi.py"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90

CALLS = [
    ("create_user", {"name": "Linus"}),
    ("create_user", {}),
    ("search", {"q": "ada"}),
    ("search", {"q": "a", "limit": 1}),
    ("local", {}),
    ("get_user", {"user_id": "1"}),
]
READS = ["resource://list_users", "resource://get_user/2", "resource://get_user/9",
         "resource://nope"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _collect(command: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with anyio.fail_after(BOUND):
        async with spawned(command[0], command[1:], {"FASTMCP_SHOW_SERVER_BANNER": "false",
                                                     "FASTMCP_CHECK_FOR_UPDATES": "off"}) as peer:
            out["tools"] = await peer.list_tools()
            out["resources"] = await peer.list_resources()
            out["templates"] = await peer.list_resource_templates()
            out["prompts"] = await peer.list_prompts()
            for name, args in CALLS:
                out[f"call {name} {args}"] = await answer_or_error(peer.call_tool(name, args))
            for uri in READS:
                out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
    return out


async def test_from_openapi_as_fastmcp() -> None:
    python = fastmcp_python(with_ferromcp=True)
    official = await _collect([python, str(APP)])
    ferro = await _collect([python, "-m", "ferromcp", "run", str(APP)])
    # What the provider serves, spelled out on fastmcp's answers, then everything compared.
    assert [t["name"] for t in official["tools"]] == ["local", "create_user", "search"]
    assert [r["uri"] for r in official["resources"]] == ["resource://list_users"]
    assert "Grace" in official["read resource://get_user/2"]["result"]["contents"][0]["text"]
    for key in official:
        assert ferro[key] == official[key], key
