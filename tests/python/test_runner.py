"""The official 2.x runner entry points (``mcp.server.runner``) run a ferromcp server.

A server that drives its own connection with ``serve_dual_era_loop`` / ``serve_loop`` and a
lifespan value it built itself (tests/servers/runner_app.py, unmodified, for the official SDK)
is run on the official SDK and on ``python -m ferromcp run`` and driven by the official client in
both eras; the transcripts must match, and the handlers must see the given value without the
server's own lifespan being entered. ``modern_on_request`` and ``serve_one`` are checked in
process against the official ones; the stream loop also in the 1.x environment, through the
in-memory streams.
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any

import anyio
import pytest

from peer import CLIENT, ROOT
from rawwire import exchange

pytestmark = pytest.mark.anyio
needs_mcp2 = pytest.mark.skipif(CLIENT != "mcp2", reason="the runner is mcp 2.x's")

APP = ROOT / "tests" / "servers" / "runner_app.py"


def _run(sdk: str, which: str) -> tuple[str, ...]:
    if sdk == "official":
        return (str(APP), which)
    return ("-m", "ferromcp", "run", str(APP), which)


#: What the handlers see: the value ``main`` built, and no entered server lifespan.
def _state(which: str) -> str:
    return repr(([("built_by", "runner_app.main"), ("which", which)], []))


async def transcript(args: tuple[str, ...], mode: str, tools: bool = True) -> dict[str, Any]:
    """What the official client sees of the server over stdio, in the order it asked."""
    from mcp import Client, StdioServerParameters
    from mcp.shared.exceptions import MCPError

    logs: list[Any] = []
    progress: list[Any] = []

    async def on_log(params: Any) -> None:
        logs.append((params.level, params.data))

    async def on_progress(p: float, total: float | None, message: str | None) -> None:
        progress.append((p, total, message))

    params = StdioServerParameters(command=sys.executable, args=list(args), cwd=str(ROOT))
    out: dict[str, Any] = {}
    with anyio.fail_after(30):
        async with Client(params, mode=mode, logging_callback=on_log,
                          log_level="info") as client:
            out["protocol"] = client.protocol_version
            out["state"] = (await client.call_tool("state", {})).content[0].text
            if tools:
                out["tools"] = sorted(t.name for t in (await client.list_tools()).tools)
                work = await client.call_tool("work", {"n": 3}, progress_callback=on_progress)
                out["work"] = (work.content[0].text, work.structured_content, work.is_error)
                try:
                    await client.call_tool("boom", {})
                except MCPError as exc:
                    out["boom"] = (exc.error.code, exc.error.message)
    out["logs"] = logs
    out["progress"] = progress
    return out


@needs_mcp2
@pytest.mark.parametrize("mode", ["legacy", "2026-07-28"])
async def test_serve_dual_era_loop_over_stdio(mode: str) -> None:
    seen = {sdk: await transcript(_run(sdk, "dual"), mode) for sdk in ("official", "ferromcp")}
    ours = seen["ferromcp"]
    assert ours["protocol"] == ("2025-11-25" if mode == "legacy" else "2026-07-28")
    assert ours["state"] == _state("dual")
    assert ours["work"] == ("6", {"double": 6}, False)
    assert ours["logs"] == [("info", "working on 3")]
    assert ours["progress"] == [(1.0, 2.0, "half")]
    # A handler's exception: code 0 with its text in the handshake era, -32603 at 2026-07-28.
    assert ours["boom"][0] == (0 if mode == "legacy" else -32603)
    assert ours == seen["official"]


@needs_mcp2
@pytest.mark.parametrize("mode", ["legacy", "2026-07-28"])
async def test_serve_dual_era_loop_with_an_mcpserver(mode: str) -> None:
    seen = {sdk: await transcript(_run(sdk, "mcpserver"), mode, tools=False)
            for sdk in ("official", "ferromcp")}
    assert seen["ferromcp"]["state"] == _state("mcpserver")
    assert seen["ferromcp"] == seen["official"]


@needs_mcp2
async def test_serve_loop_serves_the_handshake_era() -> None:
    seen = {sdk: await transcript(_run(sdk, "loop"), "legacy") for sdk in ("official", "ferromcp")}
    assert seen["ferromcp"]["state"] == _state("loop")
    assert seen["ferromcp"] == seen["official"]


ENVELOPE = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {},
            "io.modelcontextprotocol/clientInfo": {"name": "raw", "version": "0"}}
INITIALIZE = {"jsonrpc": "2.0", "id": 9, "method": "initialize",
              "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                         "clientInfo": {"name": "raw", "version": "0"}}}
MODERN_FIRST = [
    {"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": ENVELOPE}},
    {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {"_meta": ENVELOPE}},
    {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
     "params": {"name": "state", "arguments": {}, "_meta": ENVELOPE}},
    INITIALIZE,
]
HANDSHAKE_FIRST = [
    INITIALIZE, {"jsonrpc": "2.0", "method": "notifications/initialized"},
    {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {"_meta": ENVELOPE}},
    {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
     "params": {"name": "state", "arguments": {}}},
]


@needs_mcp2
def test_the_first_request_decides_the_era_on_the_wire() -> None:
    for lines in (MODERN_FIRST, HANDSHAKE_FIRST):
        ours = exchange(_run("ferromcp", "dual"), lines, timeout=30)
        theirs = exchange(_run("official", "dual"), lines, timeout=30)
        assert sorted(ours) == sorted(theirs)
        for i, answer in ours.items():
            if "result" in answer:
                assert answer == theirs[i], i
            else:
                assert answer["error"]["code"] == theirs[i]["error"]["code"], i
                assert answer["error"].get("data") == theirs[i]["error"].get("data"), i
    # Opened by a 2026-07-28 request: served in that era, and a later handshake refused.
    ours = exchange(_run("ferromcp", "dual"), MODERN_FIRST, timeout=30)
    assert ours[3]["result"]["content"][0]["text"] == _state("dual")
    assert ours[9]["error"]["code"] == -32022


@needs_mcp2
def test_serve_loop_refuses_the_sessionless_era_on_the_wire() -> None:
    for sdk in ("official", "ferromcp"):
        answers = exchange(_run(sdk, "loop"), MODERN_FIRST, timeout=30)
        # The enveloped requests are refused (the codes differ: for requests before
        # `initialize` the core answers -32600 where mcp 2.x answers -32602), the handshake
        # after them is served.
        assert all("error" in answers[i] for i in (1, 2, 3)), (sdk, answers)
        assert answers[9]["result"]["protocolVersion"] == "2025-11-25", sdk


# --- in process ---------------------------------------------------------------------------------

def _ferromcp_server() -> Any:
    from ferromcp import types
    from ferromcp.server.lowlevel import Server

    return _server(Server, types)


def _official_server() -> Any:
    from mcp import types
    from mcp.server.lowlevel import Server

    return _server(Server, types)


def _server(server_cls: Any, types: Any) -> Any:
    """The same 2.x server, on either SDK's ``Server`` and types."""
    async def list_tools(ctx: Any, params: Any) -> Any:
        return types.ListToolsResult(tools=[types.Tool(name="state", input_schema={
            "type": "object", "properties": {}})])

    async def call_tool(ctx: Any, params: Any) -> Any:
        await ctx.session.report_progress(1, 2, "half")
        await ctx.session.send_log_message("info", "hello", related_request_id=ctx.request_id)
        return types.CallToolResult(content=[types.TextContent(
            type="text", text=repr((sorted(ctx.lifespan_context.items()), ctx.request_id)))])

    async def never(server: Any) -> Any:
        raise AssertionError("the server's own lifespan is not entered")
        yield  # pragma: no cover

    from contextlib import asynccontextmanager

    return server_cls("in-process", version="1.0.0", lifespan=asynccontextmanager(never),
                      on_list_tools=list_tools, on_call_tool=call_tool)


MODERN_META = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
               "io.modelcontextprotocol/clientCapabilities": {},
               "io.modelcontextprotocol/clientInfo": {"name": "t", "version": "0"},
               "io.modelcontextprotocol/logLevel": "info"}


async def _direct(on_request: Any) -> dict[str, Any]:
    """Calls through an official ``DirectDispatcher`` pair, as the official in-process
    ``Client`` does: what comes back, the progress and the notifications."""
    from mcp.shared.direct_dispatcher import create_direct_dispatcher_pair
    from mcp.shared.exceptions import MCPDeprecationWarning

    client, server = create_direct_dispatcher_pair(raise_handler_exceptions=False)
    notes: list[Any] = []
    progress: list[Any] = []

    async def on_notify(dctx: Any, method: str, params: Any) -> None:
        notes.append((method, params))

    async def no_request(dctx: Any, method: str, params: Any) -> Any:
        raise AssertionError(method)

    async def on_progress(p: float, total: float | None, message: str | None) -> None:
        progress.append((p, total, message))

    out: dict[str, Any] = {}
    with anyio.fail_after(30), warnings.catch_warnings():
        # mcp 2.x flags the handler's log message (logging is deprecated at 2026-07-28).
        warnings.simplefilter("ignore", MCPDeprecationWarning)
        async with anyio.create_task_group() as tg:
            await tg.start(server.run, on_request, on_notify)
            await tg.start(client.run, no_request, on_notify)
            out["tools"] = await client.send_raw_request("tools/list", {"_meta": MODERN_META})
            out["call"] = await client.send_raw_request(
                "tools/call", {"name": "state", "arguments": {}, "_meta": MODERN_META},
                {"on_progress": on_progress})
            server.close()
            client.close()
    out["progress"] = progress
    out["notes"] = notes
    return out


@needs_mcp2
async def test_modern_on_request_matches_the_official() -> None:
    from mcp.server.runner import modern_on_request as official

    from ferromcp.server.runner import modern_on_request as ours

    state = {"given": "by the caller"}
    theirs = await _direct(official(_official_server(), state))
    mine = await _direct(ours(_ferromcp_server(), state))
    # The DirectDispatcher numbers its requests: tools/list was 1, this call 2.
    assert mine["call"]["content"][0]["text"] == repr(([("given", "by the caller")], 2))
    assert mine["progress"] == [(1.0, 2.0, "half")]
    assert mine["notes"] == [("notifications/message", {"level": "info", "data": "hello"})]
    # Results (cache hints and serverInfo stamp included), progress and notifications: whole.
    assert mine == theirs


@needs_mcp2
async def test_serve_one_answers_one_modern_request() -> None:
    from mcp.server.connection import Connection

    from ferromcp.server.runner import serve_one

    notes: list[Any] = []
    progress: list[Any] = []

    class Dctx:
        request_id = 7

        async def notify(self, method: str, params: Any, opts: Any = None) -> None:
            notes.append((method, params))

        async def progress(self, *args: Any) -> None:
            progress.append(args)

    dctx = Dctx()
    closed: list[str] = []
    connection = Connection.from_envelope("2026-07-28", {"name": "t", "version": "0"}, {})
    connection.exit_stack.callback(closed.append, "closed")
    with anyio.fail_after(30):
        result = await serve_one(_ferromcp_server(), dctx, "tools/call",
                                 {"name": "state", "arguments": {},
                                  "_meta": {"io.modelcontextprotocol/logLevel": "info"}},
                                 connection=connection, lifespan_state={"one": 1})
    assert result["content"][0]["text"] == repr(([("one", 1)], 7))
    assert result["resultType"] == "complete"
    assert progress == [(1.0, 2.0, "half")]
    assert notes == [("notifications/message", {"level": "info", "data": "hello"})]
    assert closed == ["closed"]

    # One request of a handshake connection needs that connection's handshake: refused.
    handshake = Connection.for_loop(None)  # type: ignore[arg-type]
    handshake.exit_stack.callback(closed.append, "closed again")
    with pytest.raises(ValueError, match="serve_loop"):
        await serve_one(_ferromcp_server(), dctx, "tools/list", {}, connection=handshake,
                        lifespan_state={})
    assert closed == ["closed", "closed again"]


@needs_mcp2
async def test_an_official_server_is_not_served() -> None:
    from ferromcp.server.runner import modern_on_request, serve_loop

    with pytest.raises(TypeError, match="official mcp.server.runner"):
        modern_on_request(_official_server(), {})
    with pytest.raises(TypeError, match="not a ferromcp server"):
        await serve_loop(_official_server(), None, None, lifespan_state={})


@needs_mcp2
@pytest.mark.parametrize("mode", ["legacy", "2026-07-28", "auto"])
async def test_the_in_process_client_in_each_mode(mode: str) -> None:
    from ferromcp import Client

    entered: list[str] = []

    from contextlib import asynccontextmanager

    from ferromcp import types
    from ferromcp.server.lowlevel import Server

    @asynccontextmanager
    async def lifespan(server: Any) -> Any:
        entered.append("entered")
        yield {"own": True}

    async def call_tool(ctx: Any, params: Any) -> Any:
        return types.CallToolResult(content=[types.TextContent(
            type="text", text=repr(ctx.lifespan_context))])

    async def list_tools(ctx: Any, params: Any) -> Any:
        return types.ListToolsResult(tools=[types.Tool(name="x", input_schema={
            "type": "object"})])

    server = Server("in-process", lifespan=lifespan, on_call_tool=call_tool,
                    on_list_tools=list_tools)
    with anyio.fail_after(30):
        async with Client(server, mode=mode) as client:
            assert client.protocol_version == ("2025-11-25" if mode == "legacy" else "2026-07-28")
            result = await client.call_tool("x", {})
    assert result.content[0].text == repr({"own": True})
    assert entered == ["entered"]


@needs_mcp2
def test_the_names_resolve_to_ferromcp_under_the_alias(tmp_path: Any) -> None:
    import subprocess

    script = tmp_path / "names.py"
    script.write_text(
        "import mcp.server.runner as r\n"
        "import mcp.server.lowlevel.server as s\n"
        "import mcp.server.context as c\n"
        "print(r.serve_loop.__module__, s.serve_dual_era_loop is r.serve_dual_era_loop,\n"
        "      r.modern_on_request.__module__, r.serve_one.__module__,\n"
        "      r.aclose_shielded.__module__, r.CallNext is c.CallNext,\n"
        "      r.ServerMiddleware is c.ServerMiddleware, c.__name__)\n"
        "import mcp.server.streamable_http_manager as m\n"
        "print(r.ServerRunner.__module__, m.serve_connection is r.serve_connection,\n"
        "      m.handle_modern_request.__module__)\n")
    done = subprocess.run([sys.executable, "-m", "ferromcp", "run", str(script)], cwd=str(ROOT),
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["ferromcp.server.runner", "True", "ferromcp.server.runner",
                                   "ferromcp.server.runner", "ferromcp.server.runner", "True",
                                   "True", "ferromcp.server.context",
                                   "ferromcp.server.runner", "True",
                                   "ferromcp.server.streamable_http_manager"]


async def test_serve_dual_era_loop_over_memory_streams() -> None:
    """In either environment: the stream loop over the in-memory streams, the official
    handshake client on the other end."""
    from mcp import ClientSession

    from ferromcp import types
    from ferromcp.server.lowlevel import Server
    from ferromcp.server.runner import serve_dual_era_loop
    from ferromcp.shared.memory import create_client_server_memory_streams

    server = Server("memory")

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="state", inputSchema={"type": "object"})]

    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        return [types.TextContent(type="text", text=repr(
            server.request_context.lifespan_context))]

    with anyio.fail_after(30):
        async with create_client_server_memory_streams() as (client_streams, server_streams):
            async with anyio.create_task_group() as tg:
                tg.start_soon(lambda: serve_dual_era_loop(
                    server, *server_streams, lifespan_state={"memory": True}))
                async with ClientSession(*client_streams) as session:
                    await session.initialize()
                    result = await session.call_tool("state", {})
                    assert result.content[0].text == repr({"memory": True})
                tg.cancel_scope.cancel()


def _kernel_server(server_cls: Any, types: Any) -> Any:
    """A 2.x server whose tools use what a connection carries: progress and a log on the
    request's stream, a sampling round trip, a list change outside any request."""
    async def list_tools(ctx: Any, params: Any) -> Any:
        return types.ListToolsResult(tools=[types.Tool(name=n, input_schema={
            "type": "object", "properties": {}}) for n in ("state", "ask", "changed", "boom")])

    async def call_tool(ctx: Any, params: Any) -> Any:
        if params.name == "state":
            await ctx.session.report_progress(1, 2, "half")
            await ctx.session.send_log_message("info", "hello",
                                               related_request_id=ctx.request_id)
            text = repr((sorted(ctx.lifespan_context.items()), ctx.request_id))
        elif params.name == "ask":
            answer = await ctx.session.create_message(
                messages=[types.SamplingMessage(role="user", content=types.TextContent(
                    type="text", text="name a colour"))], max_tokens=5)
            text = f"the model said {answer.content.text}"
        elif params.name == "changed":
            await ctx.session.send_tool_list_changed()
            text = "changed"
        else:
            raise ValueError("boom")
        return types.CallToolResult(content=[types.TextContent(type="text", text=text)])

    return server_cls("kernel", version="1.0.0", on_list_tools=list_tools,
                      on_call_tool=call_tool)


async def _through_a_dispatcher(serve_connection: Any, server: Any) -> dict[str, Any]:
    """The official client and the official ``JSONRPCDispatcher`` over in-memory streams,
    ``serve_connection`` between them: what the client saw, and the connection afterwards."""
    from mcp import ClientSession, types
    from mcp.server.connection import Connection
    from mcp.shared.exceptions import MCPDeprecationWarning, MCPError
    from mcp.shared.jsonrpc_dispatcher import JSONRPCDispatcher
    from mcp.shared.memory import create_client_server_memory_streams

    seen: dict[str, Any] = {"progress": [], "notes": [], "asked": []}

    async def on_progress(p: float, total: float | None, message: str | None) -> None:
        seen["progress"].append((p, total, message))

    async def on_message(message: Any) -> None:
        if isinstance(message, types.ServerNotification):
            seen["notes"].append(message.method)

    async def on_log(params: Any) -> None:
        seen["notes"].append(("log", params.level, params.data))

    async def sampling(context: Any, params: Any) -> Any:
        seen["asked"].append(params.messages[0].content.text)
        return types.CreateMessageResult(role="assistant", model="m", content=types.TextContent(
            type="text", text="teal"))

    def text(result: Any) -> Any:
        return (result.content[0].text, result.is_error)

    with anyio.fail_after(30), warnings.catch_warnings():
        # mcp 2.x flags the handler's log message (logging is deprecated at 2026-07-28).
        warnings.simplefilter("ignore", MCPDeprecationWarning)
        async with create_client_server_memory_streams() as (client_streams, server_streams):
            dispatcher = JSONRPCDispatcher(*server_streams,
                                           inline_methods=frozenset({"initialize"}))
            connection = Connection.for_loop(dispatcher)
            closed: list[str] = []
            connection.exit_stack.callback(closed.append, "closed")
            async with anyio.create_task_group() as tg:
                await tg.start(lambda task_status: serve_connection(
                    server, dispatcher, connection=connection,
                    lifespan_state={"given": "by the host"}, task_status=task_status))
                async with ClientSession(*client_streams, sampling_callback=sampling,
                                         logging_callback=on_log,
                                         message_handler=on_message) as session:
                    init = await session.initialize()
                    seen["init"] = (init.protocol_version, init.server_info.name)
                    seen["tools"] = [t.name for t in (await session.list_tools()).tools]
                    seen["state"] = text(await session.call_tool(
                        "state", {}, progress_callback=on_progress))
                    seen["ask"] = text(await session.call_tool("ask", {}))
                    seen["changed"] = text(await session.call_tool("changed", {}))
                    try:
                        seen["boom"] = text(await session.call_tool("boom", {}))
                    except MCPError as exc:  # 2.x low-level: a JSON-RPC error
                        seen["boom"] = (exc.error.code, exc.error.message)
                    seen["connection"] = (connection.client_params.client_info.name,
                                          connection.protocol_version,
                                          connection.initialized.is_set())
                tg.cancel_scope.cancel()
    seen["closed"] = closed
    return seen


@needs_mcp2
async def test_serve_connection_matches_the_official() -> None:
    from mcp import types as official_types
    from mcp.server.lowlevel import Server as OfficialServer
    from mcp.server.runner import serve_connection as official

    from ferromcp import types
    from ferromcp.server.lowlevel import Server
    from ferromcp.server.runner import serve_connection as ours

    theirs = await _through_a_dispatcher(official, _kernel_server(OfficialServer,
                                                                  official_types))
    mine = await _through_a_dispatcher(ours, _kernel_server(Server, types))
    # The request id is the client's (tools/call "state" was its third request, counted
    # from 1).
    assert mine["state"] == (repr(([("given", "by the host")], 3)), False)
    assert mine["ask"] == ("the model said teal", False)
    assert mine["progress"] == [(1.0, 2.0, "half")]
    assert mine["connection"] == ("mcp", "2025-11-25", True)
    assert mine["closed"] == ["closed"]
    # Everything else, whole: the handshake, lists, the failing tool's answer, notifications.
    assert mine == theirs


@needs_mcp2
async def test_a_server_runner_is_driven_directly() -> None:
    """``ServerRunner``'s callbacks, called as a dispatcher of one's own would call them."""
    from mcp.server.connection import Connection
    from mcp.shared.exceptions import MCPError

    from ferromcp.server.runner import ServerRunner

    notes: list[Any] = []

    class Dctx:
        def __init__(self, request_id: Any) -> None:
            self.request_id = request_id

        async def notify(self, method: str, params: Any, opts: Any = None) -> None:
            notes.append((self.request_id, method))

        async def progress(self, *args: Any) -> None:
            notes.append((self.request_id, "progress", args))

    class Standalone:
        async def notify(self, method: str, params: Any, opts: Any = None) -> None:
            notes.append((None, method))

    connection = Connection.for_loop(Standalone())  # type: ignore[arg-type]
    runner = ServerRunner(_ferromcp_server(), connection, {"direct": True})
    assert runner.on_request == runner.on_request  # one callback per runner, as the official
    with anyio.fail_after(30):
        with pytest.raises(MCPError) as refused:  # before the handshake
            await runner.on_request(Dctx(1), "tools/list", None)
        assert refused.value.error.code in (-32600, -32602)
        init = await runner.on_request(Dctx(2), "initialize", {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "direct", "version": "0"}})
        assert init["protocolVersion"] == "2025-06-18"
        assert connection.protocol_version == "2025-06-18"
        assert connection.client_params.client_info.name == "direct"
        assert not connection.initialized.is_set()
        await runner.on_notify(Dctx(None), "notifications/initialized", None)
        assert connection.initialized.is_set()
        result = await runner.on_request(Dctx("three"), "tools/call",
                                         {"name": "state", "arguments": {}})
        assert result["content"][0]["text"] == repr(([("direct", True)], "three"))
        with pytest.raises(MCPError) as unknown:
            await runner.on_request(Dctx(4), "no/such", {})
        assert unknown.value.error.code == -32601
    assert ("three", "progress", (1.0, 2.0, "half")) in notes
    assert ("three", "notifications/message") in notes
    await connection.exit_stack.aclose()  # closes the runner's core connection
    with pytest.raises(RuntimeError, match="closed"):
        await runner.on_request(Dctx(5), "tools/list", None)


async def _asgi(handler: Any, method: str, headers: dict[str, str],
                body: dict[str, Any] | None) -> tuple[int, dict[str, str], bytes]:
    """One ASGI request to ``handler``, in process: its status, headers and body."""
    raw = json.dumps(body).encode() if body is not None else b""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": "/mcp", "raw_path": b"/mcp",
             "root_path": "", "query_string": b"", "server": ("127.0.0.1", 8000),
             "client": ("127.0.0.1", 50000),
             "headers": [(k.encode(), v.encode()) for k, v in
                         {"host": "127.0.0.1:8000", **headers}.items()]}
    sent = [{"type": "http.request", "body": raw, "more_body": False}]
    out: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        if sent:
            return sent.pop()
        await anyio.sleep_forever()
        raise AssertionError  # pragma: no cover

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            out["headers"] = {k.decode().lower(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    with anyio.fail_after(30):
        await handler(scope, receive, send)
    return out["status"], out["headers"], out["body"]


@needs_mcp2
async def test_handle_modern_request_matches_the_official() -> None:
    """The manager's entry for one 2026-07-28 POST, as a host's ASGI route calls it, with the
    official one beside it."""
    from mcp.server.streamable_http_manager import handle_modern_request as official

    from ferromcp.server.streamable_http_manager import handle_modern_request as ours

    headers = {"accept": "application/json, text/event-stream",
               "content-type": "application/json", "mcp-protocol-version": "2026-07-28",
               "mcp-method": "tools/call", "mcp-name": "state"}
    body = {"jsonrpc": "2.0", "id": 9, "method": "tools/call",
            "params": {"name": "state", "arguments": {}, "_meta": MODERN_META}}
    state = {"held": "by the host"}
    seen = {}
    for name, handle, server in (("official", official, _official_server()),
                                 ("ferromcp", ours, _ferromcp_server())):
        def handler(scope: Any, receive: Any, send: Any, handle: Any = handle,
                    server: Any = server) -> Any:
            return handle(server, None, True, state, scope, receive, send)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the handler's log (deprecated at 2026-07-28)
            status, answer_headers, answer = await _asgi(handler, "POST", headers, body)
            refused = await _asgi(handler, "GET", headers, None)
        seen[name] = (status, answer_headers.get("content-type"),
                      "mcp-session-id" in answer_headers, json.loads(answer), refused[0])
    status, kind, session, answer, refused_status = seen["ferromcp"]
    assert (status, kind, session, refused_status) == (200, "application/json", False, 405)
    assert answer["result"]["content"][0]["text"] == repr(([("held", "by the host")], 9))
    assert seen["ferromcp"] == seen["official"]


@needs_mcp2
async def test_a_cancelled_request_cancels_its_handler() -> None:
    """The dispatcher cancels ``on_request`` (the client's ``notifications/cancelled``): the
    handler is cancelled too, and the runner keeps serving."""
    from mcp.server.connection import Connection

    from ferromcp import types
    from ferromcp.server.lowlevel import Server
    from ferromcp.server.runner import ServerRunner

    started = anyio.Event()
    ended: list[str] = []

    async def call_tool(ctx: Any, params: Any) -> Any:
        if params.name == "wait":
            started.set()
            try:
                await anyio.sleep_forever()
            except BaseException:
                ended.append("cancelled")
                raise
        return types.CallToolResult(content=[types.TextContent(type="text", text="quick")])

    class Dctx:
        def __init__(self, request_id: Any) -> None:
            self.request_id = request_id

    runner = ServerRunner(Server("cancel", on_call_tool=call_tool), Connection.for_loop(None),
                          None)  # type: ignore[arg-type]
    with anyio.fail_after(30):
        await runner.on_request(Dctx(0), "initialize", {
            "protocolVersion": "2025-11-25", "capabilities": {},
            "clientInfo": {"name": "t", "version": "0"}})
        await runner.on_notify(Dctx(None), "notifications/initialized", None)
        async with anyio.create_task_group() as tg:
            tg.start_soon(runner.on_request, Dctx(1), "tools/call",
                          {"name": "wait", "arguments": {}})
            await started.wait()
            tg.cancel_scope.cancel()
        while not ended:
            await anyio.sleep(0.01)
        quick = await runner.on_request(Dctx(2), "tools/call", {"name": "quick",
                                                               "arguments": {}})
    assert ended == ["cancelled"]
    assert quick["content"][0]["text"] == "quick"
    await runner.connection.exit_stack.aclose()
