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

pytestmark = [pytest.mark.skipif(not importlib.metadata.version("mcp").startswith("2."),
                                 reason="RequestStateBoundary is mcp 2.x's"), pytest.mark.anyio]

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


async def test_over_http_the_principal_is_read_from_the_request() -> None:
    """``bind_principal`` reading ``ctx.request.headers`` over Streamable HTTP (2026-07-28, the
    official 2.x client): the tenant that received the state may retry, another may not."""
    import sys

    from httpproc import free_port, listening
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client
    from mcp.shared.exceptions import MCPError
    from mcp.types import ElicitResult

    app = ROOT / "tests" / "servers" / "principal_http_app.py"
    answer = {"name": ElicitResult(action="accept", content={"name": "Ada"})}

    async def elicit(*_: Any) -> ElicitResult:  # declares the capability; the test answers
        return answer["name"]

    async def retry(url: str, tenant: str, token: str) -> Any:
        async with create_mcp_http_client(headers={"X-Tenant": tenant}) as http, Client(
                streamable_http_client(url, http_client=http), mode="2026-07-28",
                elicitation_callback=elicit) as c:
            try:
                result = await c.session.call_tool("greet", {}, input_responses=answer,
                                                   request_state=token)
            except MCPError as e:
                return {"code": e.error.code, "message": e.error.message}
            return result.content[0].text

    async def run_on(command: list[str]) -> dict[str, Any]:
        port = free_port()
        with listening([*command, "--port", str(port)], port):
            url = f"http://127.0.0.1:{port}/mcp"
            async with create_mcp_http_client(headers={"X-Tenant": "acme"}) as http, Client(
                    streamable_http_client(url, http_client=http), mode="2026-07-28",
                    elicitation_callback=elicit) as c:
                first = await c.session.call_tool("greet", {}, allow_input_required=True)
            token = first.request_state
            return {"sealed": "asked" not in token,
                    "same tenant": await retry(url, "acme", token),
                    "other tenant": await retry(url, "globex", token)}

    ours = await run_on([sys.executable, "-m", "ferromcp", "run", str(app)])
    assert ours == await run_on([sys.executable, str(app)])
    assert ours["same tenant"] == "Hello, Ada!"
    assert ours["other tenant"] == {"code": -32602, "message": "Invalid or expired requestState"}
