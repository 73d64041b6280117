"""``mcp`` 2.x resolvers (``Resolve``, ``Elicit``, ``Sample``, ``ListRoots``) with the official 2.x
client: the same unmodified ``MCPServer`` file (tests/servers/resolvers_app.py) on the official SDK
and on ``python -m ferromcp run``, over stdio, in both eras — handshake (the resolvers ask while
the call runs) and 2026-07-28 (the call answers input-required, the client retries with its
answers). The transcripts must match: schemas without the resolved parameters, accepted,
declined and cancelled elicitations, sampling, roots, and clients lacking the capability."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT
from rawwire import exchange

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT != "mcp2", reason="resolvers are an mcp 2.x feature")]

APP = ROOT / "tests" / "servers" / "resolvers_app.py"
RUN = {"official": (str(APP),), "ferromcp": ("-m", "ferromcp", "run", str(APP))}
ERAS = ("legacy", "2026-07-28")


def _elicit(action: str) -> Any:
    async def answer(context: Any, params: Any) -> Any:
        from mcp.types import ElicitResult

        if action != "accept":
            return ElicitResult(action=action)
        field = next(iter(params.requested_schema["properties"]))
        return ElicitResult(action="accept", content={field: {"name": "Ada",
                                                              "word": "Hello"}[field]})
    return answer


async def _sample(context: Any, params: Any) -> Any:
    from mcp.types import CreateMessageResult, TextContent

    asked = params.messages[0].content.text
    return CreateMessageResult(role="assistant", model="m1",
                               content=TextContent(type="text", text=f"{asked!r} in short"))


async def _roots(context: Any) -> Any:
    from mcp.types import ListRootsResult, Root

    return ListRootsResult(roots=[Root(uri="file:///work", name="work"),
                                  Root(uri="file:///home")])


CALLS = [("greet", {"greeting": "Hi"}), ("greet_or_not", {}), ("salute", {"loud_flag": True}),
         ("salute", {}), ("summarize", {"text": "a long text"}), ("first_root", {})]


async def transcript(args: tuple[str, ...], mode: str, **callbacks: Any) -> dict[str, Any]:
    """What the official client sees: the tool schemas and each call's result or error."""
    from mcp import Client, StdioServerParameters
    from mcp.shared.exceptions import MCPError

    params = StdioServerParameters(command=sys.executable, args=list(args), cwd=str(ROOT))
    out: dict[str, Any] = {}
    with anyio.fail_after(60):
        async with Client(params, mode=mode, **callbacks) as client:
            out["tools"] = {t.name: t.input_schema for t in (await client.list_tools()).tools}
            for i, (name, arguments) in enumerate(CALLS):
                try:
                    r = await client.call_tool(name, arguments)
                except MCPError as e:
                    out[f"{i}:{name}"] = ("error", e.error.code, e.error.message, e.error.data)
                else:
                    out[f"{i}:{name}"] = ([c.text for c in r.content], r.is_error)
    return out


def _both(mode: str, **callbacks: Any) -> dict[str, dict[str, Any]]:
    async def run() -> dict[str, dict[str, Any]]:
        return {sdk: await transcript(args, mode, **callbacks) for sdk, args in RUN.items()}
    return anyio.run(run)


ACCEPTING = {"elicitation_callback": _elicit("accept"), "sampling_callback": _sample,
             "list_roots_callback": _roots}


@pytest.mark.parametrize("mode", ERAS)
def test_accepted_sampled_and_listed(mode: str) -> None:
    seen = _both(mode, **ACCEPTING)
    ours = seen["ferromcp"]
    assert ours == seen["official"]
    assert ours["tools"]["greet"] == {
        "properties": {"greeting": {"title": "Greeting", "type": "string"}},
        "required": ["greeting"], "title": "greetArguments", "type": "object"}
    assert ours["tools"]["greet_or_not"]["properties"] == {}
    assert list(ours["tools"]["salute"]["properties"]) == ["loud_flag"]
    assert ours["0:greet"] == (["Hi, Ada!"], False)
    assert ours["1:greet_or_not"] == (["Hello, Ada!"], False)
    assert ours["2:salute"] == (["HELLO, ADA!"], False)
    assert ours["3:salute"] == (["Hello, Ada!"], False)
    assert ours["4:summarize"] == (["m1: 'Sum up: a long text' in short"], False)
    assert ours["5:first_root"] == (["2 roots, first file:///work"], False)


@pytest.mark.parametrize("mode", ERAS)
@pytest.mark.parametrize("action", ["decline", "cancel"])
def test_declined_and_cancelled(mode: str, action: str) -> None:
    seen = _both(mode, **{**ACCEPTING, "elicitation_callback": _elicit(action)})
    ours = seen["ferromcp"]
    assert ours == seen["official"]
    assert ours["0:greet"] == ([f"Error executing tool greet: Resolver for parameter 'who' could "
                                f"not resolve: elicitation was {action}"], True)
    assert ours["1:greet_or_not"] == ([f"no name: {action}"], False)
    assert ours["4:summarize"][1] is False


@pytest.mark.parametrize("mode", ERAS)
def test_a_client_without_the_capability(mode: str) -> None:
    seen = _both(mode)
    ours = seen["ferromcp"]
    assert ours == seen["official"]
    assert ours["0:greet"] == (
        "error", -32021, "Client did not declare the form elicitation capability required by "
        "resolver '__main__:ask_name'", {"requiredCapabilities": {"elicitation": {"form": {}}}})
    assert ours["4:summarize"][1:] == (
        -32021, "Client did not declare the sampling capability required by resolver "
        "'__main__:summary_request'", {"requiredCapabilities": {"sampling": {}}})
    assert ours["5:first_root"][1:] == (
        -32021, "Client did not declare the roots capability required by resolver "
        "'__main__:roots_request'", {"requiredCapabilities": {"roots": {}}})


ENVELOPE = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {"elicitation": {}, "sampling": {}},
            "io.modelcontextprotocol/clientInfo": {"name": "raw", "version": "0"}}


def _exchange(args: tuple[str, ...], lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each of ``lines`` sent to a fresh server, a request at a time; the answers in order."""
    answers = exchange(args, lines)
    return [answers[m["id"]] for m in lines]


def test_the_input_required_round_on_the_wire() -> None:
    """The first round of ``salute`` asks its two independent questions at once (the second
    resolver depends on the first, so it waits); the key of each is the resolver's
    ``module:qualname``. A retry answering the first opens the second; a state not sealed by the
    server is refused."""
    def call(i: int, arguments: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "id": i, "method": "tools/call",
                "params": {"name": "salute", "arguments": arguments, "_meta": ENVELOPE,
                           **extra}}

    seen = {}
    for sdk, args in RUN.items():
        first = _exchange(args, [call(1, {})])[0]["result"]
        answer = {"__main__:ask_name": {"action": "accept", "content": {"name": "Ada"}}}
        second, forged = _exchange(args, [
            call(2, {}, inputResponses=answer, requestState=first["requestState"]),
            call(3, {}, inputResponses=answer, requestState="forged")])
        seen[sdk] = (first, second["result"], forged)
    ours, theirs = seen["ferromcp"], seen["official"]
    for mine, other in zip(ours[:2], theirs[:2], strict=True):
        assert isinstance(mine.pop("requestState"), str)
        other.pop("requestState")
        assert mine == other
    assert ours[0]["resultType"] == "input_required"
    assert ours[0]["inputRequests"] == {"__main__:ask_name": {
        "method": "elicitation/create",
        "params": {"mode": "form", "message": "What is your name?", "requestedSchema": {
            "type": "object", "properties": {"name": {"title": "Name", "type": "string"}},
            "required": ["name"]}}}}
    assert list(ours[1]["inputRequests"]) == ["__main__:ask_word"]
    assert ours[1]["inputRequests"]["__main__:ask_word"]["params"]["message"] == (
        "How should I greet Ada?")
    assert ours[2]["error"]["code"] == theirs[2]["error"]["code"]


#: Tools whose resolvers cannot be planned, compiled against each package's ``Resolve`` (this
#: file's annotations are strings, which a local function's closure would not resolve).
BAD_TOOLS = """
from typing import Annotated

def stray(nothing: int) -> int:
    return nothing

def stray_tool(x: Annotated[int, Resolve(stray)]) -> int:
    return x

def buried(x: Annotated[int, Resolve(stray)] | None = None) -> int:
    return 0

def asks_itself(x: Annotated[int, Resolve(stray)]) -> InputRequiredResult | int:
    return x

def double(n: int) -> int:
    return 2 * n

async def twice(n: int, d: Annotated[int, Resolve(double)]) -> int:
    return d
"""


def _compiled(package: str) -> dict[str, Any]:
    import importlib

    mcpserver = importlib.import_module(f"{package}.server.mcpserver")
    types = importlib.import_module(f"{package}.types")
    namespace: dict[str, Any] = {"Resolve": mcpserver.Resolve,
                                 "InputRequiredResult": types.InputRequiredResult,
                                 "__name__": "bad_tools"}
    exec(BAD_TOOLS, namespace)  # noqa: S102 - test fixtures
    namespace["MCPServer"] = mcpserver.MCPServer
    return namespace


def _registration_errors(package: str) -> list[str]:
    ns = _compiled(package)
    messages = []
    for name in ("stray_tool", "buried", "asks_itself"):
        try:
            ns["MCPServer"]("x").tool()(ns[name])
        except Exception as e:  # noqa: BLE001 - compared below
            messages.append(f"{type(e).__name__}: {e}")
    return messages


def test_registration_errors_match() -> None:
    ours = _registration_errors("ferromcp")
    assert ours == _registration_errors("mcp")
    assert len(ours) == 3
    assert ours[0].startswith("InvalidSignature: Resolver 'stray' parameter 'nothing'")


async def test_in_process_call_runs_resolvers_that_ask_nothing() -> None:
    ns = _compiled("ferromcp")
    server = ns["MCPServer"]("x")
    server.tool()(ns["twice"])
    result = await server.call_tool("twice", {"n": 21})
    assert result.structured_content == {"result": 42}


def test_an_elicitation_goes_on_the_wire_as_2x_sends_it() -> None:
    """``ctx.elicit(message, Model)`` in a handshake-era call: the raw ``elicitation/create``
    request, compared member by member (pydantic's ``title``s included, which 2.x's resolvers
    leave out)."""
    lines = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25", "capabilities": {"elicitation": {}},
                    "clientInfo": {"name": "raw", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "ask_directly", "arguments": {}}},
    ]
    asked = {}
    for sdk, args in RUN.items():
        with subprocess.Popen([sys.executable, *args], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              cwd=str(ROOT)) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write("".join(json.dumps(m) + "\n" for m in lines).encode())
                proc.stdin.flush()
                for _ in range(10):
                    m = json.loads(proc.stdout.readline())
                    if m.get("method") == "elicitation/create":
                        asked[sdk] = m["params"]
                        break
            finally:
                proc.kill()
                proc.wait(timeout=10)
    assert asked["ferromcp"] == asked["official"]
    assert asked["ferromcp"]["requestedSchema"]["title"] == "Name"
