"""The 2026-07-28 revision with the official 2.x client: the same unmodified ``MCPServer`` file
(tests/servers/sessionless_app.py) on the official SDK and on ``python -m ferromcp run``, over
stdio and Streamable HTTP; the transcripts must match. Covers discovery, progress and logs,
a two-round input-required call with sealed state, a resource, and a listen that carries a list
change announced by another request and a resource update published on the server's bus outside
any request. The raw tests pin the wire shapes both SDKs agree on."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Any

import anyio
import pytest
from httpproc import free_port, listening

from peer import CLIENT, ROOT
from rawwire import exchange

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT != "mcp2", reason="the 2.x client speaks 2026-07-28")]

APP = ROOT / "tests" / "servers" / "sessionless_app.py"
RUN = {"official": (str(APP),), "ferromcp": ("-m", "ferromcp", "run", str(APP))}
ENVELOPE = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {"elicitation": {}},
            "io.modelcontextprotocol/clientInfo": {"name": "raw", "version": "0"}}


async def _answer(context: Any, params: Any) -> Any:
    from mcp.types import ElicitResult

    field = next(iter(params.requested_schema["properties"]))
    return ElicitResult(action="accept", content={field: {"name": "Ada", "word": "Hello"}[field]})


async def transcript(target: Any, mode: str) -> dict[str, Any]:
    """What the official client sees of the server, in the order it asked."""
    from mcp import Client

    logs: list[Any] = []
    progress: list[tuple[float, float | None, str | None]] = []

    async def on_log(params: Any) -> None:
        logs.append((params.level, params.data))

    async def on_progress(p: float, total: float | None, message: str | None) -> None:
        progress.append((p, total, message))

    out: dict[str, Any] = {}
    with anyio.fail_after(30):
        async with Client(target, mode=mode, elicitation_callback=_answer,
                          logging_callback=on_log, log_level="info") as client:
            out["protocol"] = client.protocol_version
            out["instructions"] = client.instructions
            out["tools"] = sorted(t.name for t in (await client.list_tools()).tools)
            echo = await client.call_tool("echo", {"text": "hi"}, progress_callback=on_progress)
            out["echo"] = (echo.content[0].text, echo.structured_content, echo.is_error)
            greet = await client.call_tool("greet", {})
            out["greet"] = greet.content[0].text
            out["resource"] = (await client.read_resource("res://a")).contents[0].text
            async with client.listen(tools_list_changed=True,
                                     resource_subscriptions=["res://a"]) as subscription:
                await client.call_tool("change", {})
                events = [type(await subscription.__anext__()).__name__]
                await client.call_tool("touch_later", {})
                events.append(type(await subscription.__anext__()).__name__)
                out["listen"] = events
    out["logs"] = logs
    out["progress"] = progress
    return out


EXPECTED = {
    "protocol": "2026-07-28",
    "instructions": "Answers both eras.",
    "tools": ["change", "echo", "greet", "touch_later"],
    "echo": ("hi", {"result": "hi"}, False),
    "greet": "Hello, Ada!",
    "resource": "A",
    "listen": ["ToolsListChanged", "ResourceUpdated"],
    "logs": [("info", "echo hi")],
    "progress": [(1.0, 2.0, "half")],
}


async def test_the_official_client_over_stdio() -> None:
    from mcp import StdioServerParameters

    seen = {}
    for sdk, args in RUN.items():
        params = StdioServerParameters(command=sys.executable, args=list(args), cwd=str(ROOT))
        seen[sdk] = await transcript(params, "2026-07-28")
    # Told the revision, the client skips discovery, so it learns no instructions.
    assert seen["ferromcp"] == {**EXPECTED, "instructions": None}
    assert seen["ferromcp"] == seen["official"]


async def test_the_official_client_over_http_discovers_the_revision() -> None:
    seen = {}
    for sdk, args in RUN.items():
        port = free_port()
        with listening([sys.executable, *args, "--port", str(port)], port):
            seen[sdk] = await transcript(f"http://127.0.0.1:{port}/mcp", "auto")
    assert seen["ferromcp"] == EXPECTED
    assert seen["ferromcp"] == seen["official"]


def test_wire_answers_match_the_official_sdk() -> None:
    def call(i: int, method: str, params: dict[str, Any] | None = None,
             meta: dict[str, Any] | None = None) -> dict[str, Any]:
        p = dict(params or {})
        p["_meta"] = ENVELOPE if meta is None else meta
        return {"jsonrpc": "2.0", "id": i, "method": method, "params": p}

    lines = [
        call(1, "server/discover"),
        call(2, "tools/call", {"name": "echo", "arguments": {"text": "x"}}),
        call(3, "resources/read", {"uri": "res://missing"}),
        call(4, "ping"),
        call(5, "tools/list", meta={"io.modelcontextprotocol/protocolVersion": "2099-01-01",
                                     "io.modelcontextprotocol/clientCapabilities": {}}),
        call(6, "tools/list", meta={"io.modelcontextprotocol/protocolVersion": "2026-07-28"}),
        call(7, "tools/call", {"name": "greet", "arguments": {},
                               "inputResponses": {"name": {"action": "accept",
                                                           "content": {"name": "Ada"}}},
                               "requestState": "forged"}),
        {"jsonrpc": "2.0", "id": 8, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                    "clientInfo": {"name": "raw", "version": "0"}}},
    ]
    ours = exchange(RUN["ferromcp"], lines)
    theirs = exchange(RUN["official"], lines)
    assert sorted(ours) == sorted(theirs) == list(range(1, 9))
    d = ours[1]["result"]
    assert d["supportedVersions"] == theirs[1]["result"]["supportedVersions"] == ["2026-07-28"]
    for key in ("resultType", "ttlMs", "cacheScope", "instructions", "_meta"):
        assert d[key] == theirs[1]["result"][key], key
    assert d["capabilities"]["tools"] == theirs[1]["result"]["capabilities"]["tools"]
    assert ours[2]["result"] == theirs[2]["result"]
    for i in (3, 4, 5, 6, 7, 8):
        assert ours[i]["error"]["code"] == theirs[i]["error"]["code"], (i, ours[i], theirs[i])
    assert ours[3]["error"]["data"] == theirs[3]["error"]["data"] == {"uri": "res://missing"}
    assert ours[5]["error"]["data"] == theirs[5]["error"]["data"]
    assert ours[7]["error"] == theirs[7]["error"]


def test_listen_limit_and_graceful_close_match_the_official_sdk() -> None:
    """A ``ListenHandler(max_subscriptions=1)``: a second listen is refused while the first is
    open; ``close()`` ends the open one with its final result."""
    app = ROOT / "tests" / "servers" / "listen_lowlevel.py"
    listen = {"notifications": {"toolsListChanged": True}, "_meta": ENVELOPE}

    def frames(args: tuple[str, ...]) -> list[dict[str, Any]]:
        with subprocess.Popen([sys.executable, *args], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              cwd=str(ROOT)) as proc:
            guard = threading.Timer(60, proc.kill)
            guard.start()
            seen: list[dict[str, Any]] = []
            try:
                assert proc.stdin is not None and proc.stdout is not None

                def send(i: int, method: str, params: dict[str, Any]) -> None:
                    line = {"jsonrpc": "2.0", "id": i, "method": method, "params": params}
                    proc.stdin.write((json.dumps(line) + "\n").encode())
                    proc.stdin.flush()

                def until(done: Any) -> None:
                    for _ in range(20):
                        line = proc.stdout.readline()
                        assert line, "the server ended early"
                        seen.append(json.loads(line))
                        if done(seen[-1]):
                            return
                    raise AssertionError(f"no end in {seen}")

                send(1, "subscriptions/listen", listen)
                until(lambda m: m.get("method") == "notifications/subscriptions/acknowledged")
                send(2, "subscriptions/listen", listen)
                until(lambda m: m.get("id") == 2)
                send(3, "tools/call", {"name": "close_listens", "arguments": {},
                                       "_meta": ENVELOPE})
                until(lambda m: {1, 3} <= {x.get("id") for x in seen})
                proc.stdin.close()
                proc.wait(timeout=30)
            finally:
                guard.cancel()
                if proc.poll() is None:
                    proc.kill()
                    proc.wait(timeout=10)
            return seen

    ours = frames(("-m", "ferromcp", "run", str(app)))
    theirs = frames((str(app),))
    by_id = lambda frames: {m["id"]: m for m in frames if "id" in m}  # noqa: E731
    assert by_id(ours)[2]["error"] == by_id(theirs)[2]["error"] == {
        "code": -32603, "message": "Subscription limit reached"}
    final = by_id(ours)[1]["result"]
    assert final == by_id(theirs)[1]["result"]
    assert final["_meta"]["io.modelcontextprotocol/subscriptionId"] == 1
    assert final["resultType"] == "complete"


def test_a_codec_of_the_authors_seals_the_state() -> None:
    """``RequestStateSecurity(codec=...)``: the server's tokens are the codec's, a retry opens
    through it, and a token it refuses is answered as the official SDK answers it."""
    app = ROOT / "tests" / "servers" / "codec_app.py"

    def call(i: int, name: str, **extra: Any) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "id": i, "method": "tools/call",
                "params": {"name": name, "arguments": {}, "_meta": ENVELOPE, **extra}}

    seen = {}
    for sdk, args in {"official": (str(app),),
                      "ferromcp": ("-m", "ferromcp", "run", str(app))}.items():
        first = exchange(args, [call(1, "greet")])[1]["result"]
        token = first["requestState"]
        answer = {"name": {"action": "accept", "content": {"name": "Ada"}}}
        later = exchange(args, [
            call(1, "greet"),
            call(2, "greet", inputResponses=answer, requestState=token),
            call(3, "greet", inputResponses=answer, requestState="forged"),
            call(4, "codec_calls")])
        seen[sdk] = {"mark": token.startswith("marked."),
                     "retry": later[2]["result"]["content"][0]["text"],
                     "forged": later[3]["error"],
                     "calls": json.loads(later[4]["result"]["content"][0]["text"])}
    assert seen["ferromcp"] == seen["official"]
    assert seen["ferromcp"]["mark"] is True
    assert seen["ferromcp"]["retry"] == "Hello, Ada!"
    assert seen["ferromcp"]["calls"] == {"seal": 1, "unseal": 2}
