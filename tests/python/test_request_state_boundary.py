"""The official ``RequestStateBoundary`` on a 2.x low-level ``Server``, with a principal binding
of the author's (``bind_principal=``): the same unmodified server file
(``tests/servers/boundary_app.py``) on the official SDK and under ``python -m ferromcp run``,
spoken to at 2026-07-28 over stdio in raw JSON-RPC. The state is sealed (the client never sees
what the handler wrote), a retry by the tenant it was minted for is served, a retry by another
tenant, by nobody, or with a forged token is refused, a principal function that raises fails
closed — with the official SDK's answers, message for message. Without the boundary the state
travels as written, on both.
"""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pytest

from peer import ROOT
from rawwire import exchange

pytestmark = pytest.mark.skipif(not importlib.metadata.version("mcp").startswith("2."),
                                reason="RequestStateBoundary is mcp 2.x's")

APP = ROOT / "tests" / "servers" / "boundary_app.py"
ANSWER = {"name": {"action": "accept", "content": {"name": "Ada"}}}


def call(i: int, tenant: str | None, **extra: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {"elicitation": {}},
        "io.modelcontextprotocol/clientInfo": {"name": "raw", "version": "0"}}
    if tenant is not None:
        meta["example.com/tenant"] = tenant
    return {"jsonrpc": "2.0", "id": i, "method": "tools/call",
            "params": {"name": "greet", "arguments": {}, "_meta": meta, **extra}}


def outcome(answer: dict[str, Any]) -> Any:
    """A retry's outcome: the greeting, or the error (its data left out: the official SDK's
    carries nothing more than ferromcp's)."""
    if "error" in answer:
        return {k: v for k, v in answer["error"].items() if k != "data"}
    return answer["result"]["content"][0]["text"]


def run_on(args: tuple[str, ...]) -> dict[str, Any]:
    first = exchange(args, [call(1, "acme")])[1]["result"]
    token = first["requestState"]
    retries = exchange(args, [
        call(2, "acme", inputResponses=ANSWER, requestState=token),
        call(3, "globex", inputResponses=ANSWER, requestState=token),
        call(4, None, inputResponses=ANSWER, requestState=token),
        call(5, "acme", inputResponses=ANSWER, requestState=token[:-4] + "AAAA"),
        call(6, "boom", inputResponses=ANSWER, requestState=token),
        call(7, "boom")])
    return {"sealed": token != "asked" and "asked" not in token,
            "result type": first["resultType"],
            **{f"retry {i}": outcome(retries[i]) for i in range(2, 8)}}


def test_the_boundary_seals_and_binds_to_the_authors_principal() -> None:
    ours = run_on(("-m", "ferromcp", "run", str(APP)))
    assert ours == run_on((str(APP),))
    assert ours["sealed"] is True
    assert ours["retry 2"] == "Hello, Ada!"
    refused = {"code": -32602, "message": "Invalid or expired requestState"}
    assert ours["retry 3"] == ours["retry 4"] == ours["retry 5"] == ours["retry 6"] == refused
    assert ours["retry 7"]["code"] == -32603


def test_without_the_boundary_the_state_travels_as_written() -> None:
    for args in ((str(APP), "--plain"), ("-m", "ferromcp", "run", str(APP), "--plain")):
        assert exchange(args, [call(1, "acme")])[1]["result"]["requestState"] == "asked"
