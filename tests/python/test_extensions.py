"""``mcp`` 2.x extensions (SEP-2133, ``MCPServer(extensions=[...])``): one unmodified server file
(tests/servers/extension_app.py) on the official SDK and on ``python -m ferromcp run``, spoken to
over raw stdio, must answer alike: the extension's settings under ``capabilities.extensions``,
its tool and resource, its own request method (params validated, and refused to a client that
did not declare the extension), and its ``tools/call`` interceptor."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from peer import CLIENT, ROOT
from rawwire import exchange

pytestmark = pytest.mark.skipif(CLIENT != "mcp2", reason="extensions are mcp 2.x's")

APP = ROOT / "tests" / "servers" / "extension_app.py"
RUN = {"official": (str(APP),), "ferromcp": ("-m", "ferromcp", "run", str(APP))}


def _exchange(args: tuple[str, ...], declared: bool) -> dict[Any, Any]:
    caps: dict[str, Any] = {"extensions": {"com.example/greeter": {}}} if declared else {}
    lines = [
        {"jsonrpc": "2.0", "id": 0, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25", "capabilities": caps,
                    "clientInfo": {"name": "raw", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "shout", "arguments": {"text": "hi"}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
         "params": {"name": "blocked", "arguments": {}}},
        {"jsonrpc": "2.0", "id": 4, "method": "resources/read", "params": {"uri": "greeter://motd"}},
        {"jsonrpc": "2.0", "id": 5, "method": "greeter/hello", "params": {"name": "Ada"}},
        {"jsonrpc": "2.0", "id": 6, "method": "greeter/hello", "params": {}},
    ]
    answers = exchange(args, lines)
    return answers


def _seen(answers: dict[Any, Any]) -> dict[str, Any]:
    def outcome(i: int) -> Any:
        a = answers[i]
        return ("error", a["error"]["code"]) if "error" in a else a["result"]
    return {
        "extensions": answers[0]["result"]["capabilities"].get("extensions"),
        "shout": [(t["name"], t.get("_meta")) for t in answers[1]["result"]["tools"]
                  if t["name"] == "shout"],
        "calls": [outcome(2)["content"], outcome(3)["content"]],
        "motd": outcome(4)["contents"][0]["text"],
        "hello": outcome(5),
        "no_name": outcome(6),
    }


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_an_extension_answers_as_on_the_official_sdk(declared: bool) -> None:
    ours = _seen(_exchange(RUN["ferromcp"], declared))
    theirs = _seen(_exchange(RUN["official"], declared))
    assert ours == theirs
    assert ours["extensions"] is None  # announced to 2026-07-28 clients only (below)
    assert ours["calls"][1] == [{"type": "text", "text": "intercepted"}]
    assert ours["no_name"] == ("error", -32602)
    if declared:
        assert ours["hello"] == {"greeting": "Hello, Ada!"}
    else:
        assert ours["hello"] == ("error", -32021)


def test_extension_identifiers_and_bindings_are_checked() -> None:
    from ferromcp.server.extension import Extension, MethodBinding

    with pytest.raises(TypeError, match="vendor-prefix/name"):
        type("Bad", (Extension,), {"identifier": "nodomain"})
    with pytest.raises(ValueError, match="spec method 'tools/list'"):
        MethodBinding("tools/list", dict, None)  # type: ignore[arg-type]


def test_a_2026_client_discovers_the_extension() -> None:
    envelope = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities": {},
                "io.modelcontextprotocol/clientInfo": {"name": "raw", "version": "0"}}
    line = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "server/discover",
                       "params": {"_meta": envelope}}) + "\n"
    seen = {}
    for sdk, args in RUN.items():
        done = subprocess.run([sys.executable, *args], input=line.encode(), capture_output=True,
                              cwd=str(ROOT), timeout=60, check=False)
        answer = json.loads(done.stdout.splitlines()[0])
        seen[sdk] = answer["result"]["capabilities"].get("extensions")
    assert seen["ferromcp"] == seen["official"] == {"com.example/greeter": {"languages": ["en"]}}


@pytest.mark.parametrize("declared", [True, False], ids=["apps-client", "plain-client"])
def test_the_apps_extension_answers_as_on_the_official_sdk(declared: bool) -> None:
    app = ROOT / "tests" / "servers" / "apps_app.py"
    ui = {"io.modelcontextprotocol/ui": {"mimeTypes": ["text/html;profile=mcp-app"]}}
    lines = [
        {"jsonrpc": "2.0", "id": 0, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25",
                    "capabilities": {"extensions": ui} if declared else {},
                    "clientInfo": {"name": "raw", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 2, "method": "resources/list"},
        {"jsonrpc": "2.0", "id": 3, "method": "resources/read",
         "params": {"uri": "ui://clock/app.html"}},
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call",
         "params": {"name": "get_time", "arguments": {}}},
    ]
    seen = {}
    for sdk, args in {"official": (str(app),),
                      "ferromcp": ("-m", "ferromcp", "run", str(app))}.items():
        a = exchange(args, lines)
        tool = a[1]["result"]["tools"][0]
        seen[sdk] = {"tool": (tool["name"], tool["_meta"]),
                     "resources": a[2]["result"]["resources"],
                     "read": a[3]["result"]["contents"],
                     "call": a[4]["result"]["content"][0]["text"]}
    assert seen["ferromcp"] == seen["official"]
    assert seen["ferromcp"]["tool"] == ("get_time", {"ui": {
        "resourceUri": "ui://clock/app.html", "visibility": ["model", "app"]}})
    assert seen["ferromcp"]["call"] == ("12:00 (ui)" if declared else "12:00")
