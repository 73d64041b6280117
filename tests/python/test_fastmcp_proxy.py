"""fastmcp proxies, differential against the real fastmcp 4.1.7 (``.venv-fastmcp``).

``tests/servers/fastmcp_proxy.py`` (``create_proxy`` of a backend script, with tools of its own)
runs unmodified on fastmcp and under ``python -m ferromcp run``, driven by the official client
over stdio: initialize (the backend's instructions), every list (the proxy's own first, its echo
shadowing the backend's), calls passing through (an error result, an unknown tool, progress, a
log message and an elicitation request the backend sends while serving), reads, prompts and
ping — every answer and notification compared. A second script proxies a server in the same
process (``create_proxy(server)``, and ``add_provider(ProxyProvider(...))``) and drives it with
fastmcp's ``Client`` in both protocol eras.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT, answer_or_error, fastmcp_python, script_answers, spawned

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_proxy.py"
#: Every wait on a server is bounded by this many seconds.
BOUND = 90

CALLS = [("add", {"a": 1}), ("add", {"a": "x"}), ("boom", {"a": 1}), ("nope", {}),
         ("local", {"x": 2}), ("echo", {"text": "t"})]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _collect(command: str, args: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    seen: list[Any] = []

    async def on_message(message: Any) -> None:
        root = getattr(message, "root", None)
        if root is not None and getattr(root, "method", "").startswith("notifications/"):
            params = root.params.model_dump(mode="json", exclude_none=True, by_alias=True)
            params.pop("progressToken", None)
            seen.append([root.method, params])

    async def on_elicit(context: Any, params: Any) -> Any:
        from mcp.types import ElicitResult

        seen.append(["elicited", params.message, params.requestedSchema])
        return ElicitResult(action="accept", content={"value": "Ada"})

    with anyio.fail_after(BOUND):
        async with spawned(command, args, {"FERROMCP_FASTMCP_MAJOR": "4"},
                           message_handler=on_message, elicitation_callback=on_elicit) as peer:
            init = peer.init
            out["instructions"] = init.get("instructions")
            out["capabilities"] = init["capabilities"]
            out["name"] = init["serverInfo"]["name"]
            out["tools"] = await peer.list_tools()
            out["resources"] = await peer.list_resources()
            out["templates"] = await peer.list_resource_templates()
            out["prompts"] = await peer.list_prompts()
            for name, arguments in CALLS:
                out[f"call {name} {arguments}"] = await answer_or_error(
                    peer.call_tool(name, arguments))

            async def progress(done: float, total: float | None, message: str | None) -> None:
                seen.append(["progress callback", done, total, message])
            out["call chatty"] = await peer.call_tool("chatty", {}, progress_callback=progress)
            with anyio.fail_after(10):
                while len(seen) < 2:
                    await anyio.sleep(0.05)
            out["call ask"] = await answer_or_error(peer.call_tool("ask", {}))
            out["seen"] = sorted(seen, key=json.dumps)
            for uri in ("data://r", "data://t/5", "data://zz"):
                out[f"read {uri}"] = await answer_or_error(peer.read_resource(uri))
            for name, arguments in (("p", {"name": "A"}), ("zz", {})):
                out[f"prompt {name}"] = await answer_or_error(peer.get_prompt(name, arguments))
            out["ping"] = (await peer.session.send_ping()).model_dump(exclude_none=True)
    return out


async def test_proxy_of_a_script_as_fastmcp() -> None:
    python = fastmcp_python(with_ferromcp=True)
    official = await _collect(python, [str(APP)])
    ferro = await _collect(python, ["-m", "ferromcp", "run", str(APP)])
    # What a proxy does, spelled out on fastmcp's answers, then everything compared.
    assert official["instructions"] == "Backend rules." and official["name"] == "front"
    assert [t["name"] for t in official["tools"]] == ["local", "echo", "add", "boom", "chatty",
                                                   "ask"]
    assert official["call echo {'text': 't'}"]["result"]["content"][0]["text"] == "front t"
    assert official["call boom {'a': 1}"]["result"]["content"][0]["text"] == (
        "Error calling tool 'boom': bad 1")
    assert ["progress callback", 1.0, 2.0, "half"] in official["seen"]
    # fastmcp 4.1.7 connects to a script backend in the 2026-07-28 era whatever era its own
    # client chose, so the backend's log message is dropped and its elicitation request fails;
    # ferromcp mirrors the client's era, as fastmcp's proxies are documented to, and passes both
    # on. Everything else is the same.
    log = ["notifications/message",
           {"level": "info", "data": {"msg": "from the backend", "extra": None}}]
    elicited = ["elicited", "Your name?", {
        "properties": {"value": {"title": "Value", "type": "string"}}, "required": ["value"],
        "type": "object"}]
    assert log not in official["seen"] and elicited not in official["seen"]
    assert "no back-channel" in official["call ask"]["result"]["content"][0]["text"]
    ferro["seen"].remove(log)
    ferro["seen"].remove(elicited)
    assert ferro.pop("call ask")["result"]["structuredContent"] == {"result": "accept: Ada"}
    official.pop("call ask")
    # Both sides run the same backend (the real fastmcp's, started by fastmcp's client), so
    # even the argument-validation text is the backend's own.
    for key in official:
        assert ferro[key] == official[key], key


IN_PROCESS = r'''
import asyncio, json
from fastmcp import FastMCP, Client, Context
from fastmcp.server import create_proxy
from fastmcp.server.providers.proxy import ProxyProvider, ProxyClient

backend = FastMCP("backend", instructions="Backend rules.")

@backend.tool
def add(a: int, b: int = 2) -> int:
    """Adds."""
    return a + b

@backend.tool
def boom(a: int) -> int:
    raise ValueError(f"bad {a}")

@backend.tool
async def chatty(ctx: Context) -> str:
    await ctx.report_progress(1, 2, "half")
    await ctx.info("from the backend")
    return "done"

@backend.resource("data://t/{k}")
def t(k: str) -> str:
    return "t" + k

@backend.prompt
def p(name: str) -> str:
    return f"Hello {name}"

proxy = create_proxy(backend, name="front")
host = FastMCP("host")
host.add_provider(ProxyProvider(lambda: ProxyClient(backend)))

@host.tool
def own() -> str:
    return "own"

def content(blocks):
    return [b.model_dump(mode="json", exclude_none=True, by_alias=True) for b in blocks]

async def attempt(f):
    try:
        return await f()
    except Exception as e:
        return {"raised": type(e).__name__, "text": str(e)}

async def session(server, mode):
    out, seen = {}, []
    async def progress(done, total, message):
        seen.append(["progress", done, total, message])
    async def log(message):
        seen.append(["log", message.level, message.data])
    async with Client(server, mode=mode, progress_handler=progress, log_handler=log) as c:
        out["era"] = c.protocol_version
        out["tools"] = [[x.name, x.input_schema] for x in await c.list_tools()]
        res = await c.call_tool("add", {"a": 1})
        out["add"] = [res.data, res.structured_content, content(res.content)]
        out["boom"] = await attempt(lambda: c.call_tool("boom", {"a": 3}))
        out["unknown"] = await attempt(lambda: c.call_tool("nope", {}))
        out["chatty"] = (await c.call_tool("chatty", {})).data
        out["seen"] = seen
        out["templates"] = [x.uri_template for x in await c.list_resource_templates()]
        out["read"] = content(await c.read_resource("data://t/7"))
        got = await c.get_prompt("p", {"name": "Ada"})
        out["prompt"] = [[m.role, m.content.text] for m in got.messages]
    return out

async def main():
    out = {}
    for label, server in (("proxy", proxy), ("provider", host)):
        for mode in ("legacy", "auto"):
            out[f"{label} {mode}"] = await session(server, mode)
    print(json.dumps(out, sort_keys=True, default=str))

asyncio.run(main())
'''


def test_proxy_in_process_as_fastmcp(tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True)
    script = tmp_path / "proxy_in_process.py"
    script.write_text(IN_PROCESS)
    official = script_answers([python], script)
    ferro = script_answers([python, "-m", "ferromcp", "run"], script)
    assert official["proxy legacy"]["add"][:2] == [3, {"result": 3}]
    assert official["provider auto"]["tools"][0][0] == "own"
    for label in official:
        for key in official[label]:
            assert ferro[label][key] == official[label][key], (label, key)
