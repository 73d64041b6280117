"""``mcp`` 2.x's path rules for resource template variables (``ResourceSecurity``, on by default
in ``MCPServer``): one unmodified server file (tests/servers/resource_security_app.py) on the
official SDK and on ``python -m ferromcp run``, each read answered alike over raw stdio. A URI
whose variable climbs out (``..``, encoded or not), is absolute or holds NUL is an unknown
resource, and a later, permissive template does not get it."""

from __future__ import annotations

from typing import Any

import pytest

from peer import CLIENT, ROOT
from rawwire import exchange

pytestmark = pytest.mark.skipif(CLIENT != "mcp2", reason="ResourceSecurity is mcp 2.x's")

APP = ROOT / "tests" / "servers" / "resource_security_app.py"
RUN = {"official": (str(APP),), "ferromcp": ("-m", "ferromcp", "run", str(APP))}
URIS = [
    "file://docs/guide/intro.md",
    "file://docs/../secret",
    "file://docs/%2E%2E/%2E%2E/etc/passwd",
    "file://docs/a/../../b",
    "file://docs/a/../b",
    "file://docs//etc/passwd",
    "file://docs/C:%5CWindows",
    "file://docs/a%00b",
    "git://diff/v1..v2/../..",
    "abs:///etc/hosts",
    "abs://../up",
    "file://elsewhere/x",
]


def _reads(args: tuple[str, ...]) -> list[dict[str, Any]]:
    lines = [{"jsonrpc": "2.0", "id": 0, "method": "initialize",
              "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                         "clientInfo": {"name": "raw", "version": "0"}}},
             {"jsonrpc": "2.0", "method": "notifications/initialized"}]
    lines += [{"jsonrpc": "2.0", "id": i, "method": "resources/read", "params": {"uri": uri}}
              for i, uri in enumerate(URIS, 1)]
    answers = exchange(args, lines)
    return [answers[i] for i in range(1, len(URIS) + 1)]


def _seen(answer: dict[str, Any]) -> Any:
    if "error" in answer:
        return ("error", answer["error"]["code"], answer["error"]["message"])
    return answer["result"]["contents"][0]["text"]


def test_template_variables_are_held_to_the_path_rules_as_on_the_official_sdk() -> None:
    ours = [_seen(a) for a in _reads(RUN["ferromcp"])]
    theirs = [_seen(a) for a in _reads(RUN["official"])]
    assert dict(zip(URIS, ours, strict=True)) == dict(zip(URIS, theirs, strict=True))
    served = dict(zip(URIS, ours, strict=True))
    assert served["file://docs/guide/intro.md"] == "doc guide/intro.md"
    assert served["file://docs/a/../b"] == "doc a/../b"
    assert served["git://diff/v1..v2/../.."] == "diff v1..v2/../.."
    assert served["abs:///etc/hosts"] == "abs /etc/hosts"
    for refused in ("file://docs/../secret", "file://docs/%2E%2E/%2E%2E/etc/passwd",
                    "file://docs//etc/passwd", "file://docs/a%00b", "abs://../up"):
        assert served[refused][0] == "error", refused


def test_validate_names_the_failing_parameter() -> None:
    from ferromcp.server.mcpserver import DEFAULT_RESOURCE_SECURITY, ResourceSecurity

    assert DEFAULT_RESOURCE_SECURITY.validate({"a": "x/y", "b": ["ok", "../up"]}) == "b"
    assert DEFAULT_RESOURCE_SECURITY.validate({"a": "x/y"}) is None
    lenient = ResourceSecurity(reject_path_traversal=False, exempt_params={"c"})
    assert lenient.validate({"a": "../x", "c": "/abs"}) is None
    assert lenient.validate({"a": "/abs"}) == "a"
