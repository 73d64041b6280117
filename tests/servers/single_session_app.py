"""A low-level server behind the official single-session ``StreamableHTTPServerTransport``, in
an author's own Starlette route served by uvicorn, for ``test_single_session_transport.py``.
Written against the official ``mcp`` (1.x decorators or 2.x ``on_*`` handlers, whichever is
installed): ``python single_session_app.py --port N`` runs it on the official SDK, ``python -m
ferromcp run single_session_app.py --port N`` on ferromcp, unmodified.

``--stateless``: one transport without a session id serves every request; otherwise each
``initialize`` (a POST without ``mcp-session-id``) gets a transport of its own, kept by its
session id until its ``server.run`` ends. ``--json``: JSON answers instead of SSE streams.
``--events``: the transports keep events in an event store of the file's own.

``GET /admin?op=...&session=...`` is the author's own control of the transports: ``state``
(the sessions kept, each with ``is_terminated``), ``terminate`` (``transport.terminate()``),
``close-get`` (``transport.close_standalone_sse_stream()``).
"""

import argparse
import contextlib
import importlib.metadata
from typing import Any
from uuid import uuid4

import anyio
import uvicorn
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.streamable_http import EventMessage, EventStore, StreamableHTTPServerTransport
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--stateless", action="store_true")
parser.add_argument("--json", action="store_true")
parser.add_argument("--events", action="store_true")
args = parser.parse_args()

MCP2 = importlib.metadata.version("mcp").startswith("2.")

TOOL = types.Tool(name="work", description="Logs and reports progress for each step",
                  inputSchema={"type": "object", "properties": {"steps": {"type": "integer"}},
                               "required": ["steps"]})


async def work(session: Any, request_id: Any, token: Any, steps: int) -> str:
    for i in range(1, steps + 1):
        await session.send_log_message(level="info", data=f"step {i}", logger="work",
                                       related_request_id=request_id)
        if token is not None:
            await session.send_progress_notification(token, i, total=steps,
                                                     message=f"step {i}",
                                                     related_request_id=str(request_id))
    return f"did {steps} steps"


if MCP2:
    async def list_tools(ctx: Any, params: Any) -> Any:
        return types.ListToolsResult(tools=[TOOL])

    async def call_tool(ctx: Any, params: Any) -> Any:
        token = ctx.meta.get("progress_token") if ctx.meta is not None else None
        done = await work(ctx.session, ctx.request_id, token, params.arguments["steps"])
        return types.CallToolResult(content=[types.TextContent(type="text", text=done)])

    server: Any = Server("single-session", version="1.0", on_list_tools=list_tools,
                         on_call_tool=call_tool)
else:
    server = Server("single-session", version="1.0")

    @server.list_tools()
    async def _list_tools() -> list[types.Tool]:
        return [TOOL]

    @server.call_tool()
    async def _call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        ctx = server.request_context
        token = ctx.meta.progressToken if ctx.meta is not None else None
        done = await work(ctx.session, ctx.request_id, token, arguments["steps"])
        return [types.TextContent(type="text", text=done)]


class Events(EventStore):
    """Every event in a list, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, Any]] = []

    async def store_event(self, stream_id: str, message: Any) -> str:
        event_id = str(len(self.events) + 1)
        self.events.append((event_id, stream_id, message))
        return event_id

    async def replay_events_after(self, last_event_id: str, send_callback: Any) -> Any:
        stream = next((s for e, s, _ in self.events if e == last_event_id), None)
        if stream is None:
            return None
        after = False
        for event_id, stream_id, message in self.events:
            if after and stream_id == stream and message is not None:
                await send_callback(EventMessage(message, event_id))
            after = after or event_id == last_event_id
        return stream


transports: dict[str, StreamableHTTPServerTransport] = {}
task_group: Any = None


async def start(transport: StreamableHTTPServerTransport) -> None:
    """Serves ``transport`` with the server in the app's task group, until the session ends."""

    async def run(*, task_status: Any = anyio.TASK_STATUS_IGNORED) -> None:
        async with transport.connect() as (read_stream, write_stream):
            task_status.started()
            options = server.create_initialization_options()
            if args.stateless and not MCP2:
                await server.run(read_stream, write_stream, options, stateless=True)
            else:
                await server.run(read_stream, write_stream, options)
        if transport.mcp_session_id is not None:
            transports.pop(transport.mcp_session_id, None)

    await task_group.start(run)


async def plain(send: Any, status: int, message: str) -> None:
    body = ('{"jsonrpc": "2.0", "id": "server-error", "error": {"code": -32600, '
            f'"message": "{message}"}}}}').encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


class Endpoint:
    """The ``/mcp`` route: finds the request's transport (or makes one for a new session)."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if args.stateless:
            await transports["stateless"].handle_request(scope, receive, send)
            return
        headers = dict(scope["headers"])
        session_id = headers.get(b"mcp-session-id")
        if session_id is None:
            if scope["method"] != "POST":
                await plain(send, 400, "Bad Request: No valid session ID provided")
                return
            transport = StreamableHTTPServerTransport(
                mcp_session_id=uuid4().hex, is_json_response_enabled=args.json,
                event_store=Events() if args.events else None, security_settings=None)
            assert transport.mcp_session_id is not None
            transports[transport.mcp_session_id] = transport
            await start(transport)
            await transport.handle_request(scope, receive, send)
            return
        known = transports.get(session_id.decode())
        if known is None:
            await plain(send, 404, "Session not found")
            return
        await known.handle_request(scope, receive, send)


async def admin(request: Request) -> JSONResponse:
    op, session_id = request.query_params.get("op"), request.query_params.get("session", "")
    transport = transports.get(session_id)
    if op == "terminate" and transport is not None:
        await transport.terminate()
    elif op == "close-get" and transport is not None:
        transport.close_standalone_sse_stream()
    return JSONResponse({"sessions": {k: t.is_terminated for k, t in transports.items()}})


@contextlib.asynccontextmanager
async def lifespan(app: Any) -> Any:
    global task_group
    async with anyio.create_task_group() as tg:
        task_group = tg
        if args.stateless:
            transports["stateless"] = StreamableHTTPServerTransport(
                mcp_session_id=None, is_json_response_enabled=args.json)
            await start(transports["stateless"])
        yield
        for transport in list(transports.values()):
            await transport.terminate()
        tg.cancel_scope.cancel()


app = Starlette(routes=[Route("/mcp", endpoint=Endpoint(), methods=["GET", "POST", "DELETE"]),
                        Route("/admin", endpoint=admin)],
                lifespan=lifespan)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
