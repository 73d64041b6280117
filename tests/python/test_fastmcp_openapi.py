"""fastmcp's component providers on ferromcp, differential: ``tests/servers/fastmcp_openapi.py``
(``FastMCP.from_openapi`` over an in-process mock of the API, route maps making resources and a
template, plus a tool of the server's own) runs unmodified on the real fastmcp 4.1.7 and under
``python -m ferromcp run`` with fastmcp installed beside ferromcp (``.venv-fastmcp``: the
provider is fastmcp's own), driven by the official client over stdio; every list, call (good
arguments, missing ones, an API error), read and unknown name must be the same.
"""

from __future__ import annotations

import json
import subprocess
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


IN_PROCESS = r'''
import asyncio, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("openapi_server", sys.argv[1])
server = importlib.util.module_from_spec(spec)
spec.loader.exec_module(server)
mcp = server.mcp

async def main():
    out = {"tools": [t.name for t in await mcp.list_tools()],
           "resources": [str(r.uri) for r in await mcp.list_resources()],
           "templates": [t.uri_template for t in await mcp.list_resource_templates()]}
    result = await mcp.call_tool("search", {"q": "grace"})
    out["search"] = result.structured_content
    read = await mcp.read_resource("resource://get_user/1")
    out["read"] = [c.content for c in read.contents]
    print(json.dumps(out, sort_keys=True))

asyncio.run(main())
'''


def test_from_openapi_in_process(tmp_path: Any) -> None:
    # A server's own tests list and call the API's components before it ever serves.
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "in_process.py"
    script.write_text(IN_PROCESS)
    env = {"PATH": "/usr/bin:/bin", "FERROMCP_FASTMCP_MAJOR": "4",
           "FASTMCP_SHOW_SERVER_BANNER": "false", "FASTMCP_CHECK_FOR_UPDATES": "off"}
    runs = [subprocess.run(cmd, capture_output=True, text=True, timeout=BOUND, env=env)
            for cmd in ([python, str(script), str(APP)],
                        [python, "-m", "ferromcp", "run", str(script), str(APP)])]
    for r in runs:
        assert r.returncode == 0, r.stderr[-3000:]
    official, ferro = (json.loads(r.stdout.strip().splitlines()[-1]) for r in runs)
    assert official["tools"] == ["local", "create_user", "search"]
    assert ferro == official
