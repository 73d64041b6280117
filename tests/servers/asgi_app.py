"""Servers mounted in ASGI apps and served by uvicorn, for ``test_asgi.py``:
``asgi_app.py --port N --layout mounted|toplevel|plain|lowlevel [--flavor mcpserver2|fastmcp1|
fastmcp] [--json] [--stateless] [--lifespan-log FILE]``.

* ``mounted``: a decorator-API server's ``streamable_http_app()`` under ``/api`` and its
  ``sse_app()`` under ``/legacy`` in a Starlette app whose lifespan runs
  ``mcp.session_manager.run()``, as the official docs show; plus a custom route and a plain
  Starlette route beside them.
* ``toplevel``: ``streamable_http_app()`` (fastmcp: ``http_app()``) served as the whole app.
* ``plain``: the same with Starlette hidden from ferromcp, which then returns its own ASGI app.
* ``lowlevel``: a low-level ``Server`` with ``StreamableHTTPSessionManager`` mounted at
  ``/mcp`` and ``SseServerTransport`` at ``/sse`` + ``/messages/``, as the official examples.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from typing import Any

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--layout", default="mounted")
parser.add_argument("--flavor", default="mcpserver2")
parser.add_argument("--json", action="store_true")
parser.add_argument("--stateless", action="store_true")
parser.add_argument("--lifespan-log", default=None)
args = parser.parse_args()


def log_lifespan(event: str) -> None:
    if args.lifespan_log:
        with open(args.lifespan_log, "a", encoding="utf-8") as f:
            f.write(event + "\n")


@contextlib.asynccontextmanager
async def server_lifespan(_server: Any) -> AsyncIterator[dict[str, str]]:
    log_lifespan("server enter")
    try:
        yield {"greeting": "hello from the lifespan"}
    finally:
        log_lifespan("server exit")


if args.layout == "plain":
    # ferromcp must not find Starlette: it returns its own ASGI app then.
    sys.modules["starlette"] = None  # type: ignore[assignment]


try:  # after hiding Starlette
    from ferromcp.server.mcpserver import Context
except ImportError:  # the official 1.x, when this file is checked against it
    from ferromcp.server.fastmcp import Context  # type: ignore[no-redef]


def decorator_server() -> Any:
    if args.flavor == "fastmcp1":
        from ferromcp.server.fastmcp import FastMCP

        mcp: Any = FastMCP("asgi-app", lifespan=server_lifespan, json_response=args.json,
                           stateless_http=args.stateless)
    elif args.flavor == "fastmcp":
        from ferromcp import FastMCP as FastMCP4

        mcp = FastMCP4("asgi-app", lifespan=server_lifespan)
    else:
        from ferromcp.server.mcpserver import MCPServer

        mcp = MCPServer("asgi-app", lifespan=server_lifespan)

    @mcp.tool()
    def echo(text: str) -> str:
        """Echoes text."""
        return text

    @mcp.tool()
    async def add(a: int, b: int) -> int:
        """Adds two integers."""
        return a + b

    @mcp.tool()
    async def progress(steps: int, ctx: Context) -> str:
        """Reports progress and logs on the way."""
        for i in range(steps):
            await ctx.info(f"step {i}")
            await ctx.report_progress(i + 1, steps)
            await asyncio.sleep(0)
        return "done"

    @mcp.tool()
    async def lifespan_value(ctx: Context) -> str:
        """What the server's lifespan yielded."""
        return ctx.request_context.lifespan_context["greeting"]

    @mcp.tool()
    async def sample(prompt: str, ctx: Context) -> str:
        """Asks the client's model."""
        from ferromcp import types

        result = await ctx.session.create_message(
            messages=[types.SamplingMessage(role="user",
                                            content=types.TextContent(type="text", text=prompt))],
            max_tokens=10)
        return result.content.text

    @mcp.resource("memo://hello")
    def hello() -> str:
        """A text resource."""
        return "hello"

    @mcp.prompt()
    def greet(name: str) -> str:
        """A greeting."""
        return f"Hello {name}"

    if args.layout == "mounted":
        from starlette.responses import PlainTextResponse

        @mcp.custom_route("/health", methods=["GET"])
        async def health(_request: Any) -> Any:
            return PlainTextResponse("ok")

    return mcp


def mcp_app(mcp: Any) -> Any:
    if args.flavor == "fastmcp":
        return mcp.http_app(json_response=args.json, stateless_http=args.stateless)
    if args.flavor == "fastmcp1":
        return mcp.streamable_http_app()
    return mcp.streamable_http_app(json_response=args.json, stateless_http=args.stateless)


def mounted() -> Any:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount, Route

    mcp = decorator_server()
    streamable = mcp_app(mcp)
    legacy = mcp.sse_app()

    async def home(_request: Any) -> Any:
        return PlainTextResponse("the host app")

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        log_lifespan("host enter")
        if args.flavor == "fastmcp":
            async with streamable.lifespan(streamable):
                yield
        else:
            async with mcp.session_manager.run():
                yield
        log_lifespan("host exit")

    return Starlette(routes=[Route("/", home), Mount("/api", app=streamable),
                             Mount("/legacy", app=legacy)], lifespan=lifespan)


def lowlevel() -> Any:
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Mount, Route

    import ferromcp.types as types
    from ferromcp.server.lowlevel import Server
    from ferromcp.server.sse import SseServerTransport
    from ferromcp.server.streamable_http_manager import StreamableHTTPSessionManager

    app: Any = Server("lowlevel-asgi", lifespan=server_lifespan)

    @app.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="echo", description="Echoes text.", inputSchema={
            "type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}),
                types.Tool(name="lifespan_value", description="The lifespan's value.",
                           inputSchema={"type": "object"})]

    @app.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        ctx = app.request_context
        if name == "lifespan_value":
            return [types.TextContent(type="text", text=ctx.lifespan_context["greeting"])]
        await ctx.session.send_log_message(level="info", data="echoing",
                                           related_request_id=ctx.request_id)
        return [types.TextContent(type="text", text=arguments["text"])]

    session_manager = StreamableHTTPSessionManager(app=app, json_response=args.json,
                                                   stateless=args.stateless)

    async def handle_streamable_http(scope: Any, receive: Any, send: Any) -> None:
        await session_manager.handle_request(scope, receive, send)

    sse = SseServerTransport("/messages/")

    async def handle_sse(request: Any) -> Any:
        async with sse.connect_sse(request.scope, request.receive,
                                   request._send) as streams:
            await app.run(streams[0], streams[1], app.create_initialization_options())
        return Response()

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        async with session_manager.run():
            yield

    return Starlette(routes=[Mount("/mcp", app=handle_streamable_http),
                             Route("/sse", endpoint=handle_sse, methods=["GET"]),
                             Mount("/messages/", app=sse.handle_post_message)],
                     lifespan=lifespan)


if args.layout == "mounted":
    application = mounted()
elif args.layout == "lowlevel":
    application = lowlevel()
else:
    application = mcp_app(decorator_server())

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(application, host="127.0.0.1", port=args.port, log_level="warning")
