"""A server whose tools answer with what they see of the HTTP request that carried their call,
for ``test_http_request.py``: the same file runs on the official SDK (``--sdk mcp``) and on
ferromcp.

``http_request_app.py --port N [--sdk ferromcp|mcp] [--flavor fastmcp1|mcpserver2|lowlevel2]
[--transport streamable-http|sse] [--mode run|asgi] [--stateless] [--json]``

The ``seen`` tools read ``ctx.request_context.request`` (2.x low-level: ``ctx.request``); the
2.x servers' middleware records what it sees of the request in ``ctx.request`` too, and
``middleware_seen`` answers with it.
"""

import json
from typing import Any

from http_modes import arguments, one_tool_server, serve

args = arguments()


def described(request: Any) -> str:
    """What a tool reports of ``request``: the parts that do not change between runs."""
    if request is None:
        return "null"
    return json.dumps({
        "type": type(request).__name__,
        "method": request.method,
        "path": request.url.path,
        "q": request.query_params.get("q"),
        "tenant": request.headers.get("x-tenant"),
        "tenant_any_case": request.headers.get("X-Tenant"),
        "client_host": request.client.host if request.client else None,
    }, sort_keys=True)


#: What the middleware saw of the latest request, by method.
middleware_saw: dict[str, str] = {}


async def record(ctx: Any, call_next: Any) -> Any:
    """2.x server middleware: notes the request each method came in."""
    middleware_saw[ctx.method] = described(ctx.request)
    return await call_next(ctx)


def decorator_server() -> Any:
    if args.flavor == "fastmcp1":
        if args.sdk == "mcp":
            from mcp.server.fastmcp import Context, FastMCP
        else:
            from ferromcp.server.fastmcp import Context, FastMCP
        mcp = FastMCP("request-app", port=args.port, stateless_http=args.stateless,
                      json_response=args.json)
    else:
        if args.sdk == "mcp":
            from mcp.server.mcpserver import Context, MCPServer
        else:
            from ferromcp.server.mcpserver import Context, MCPServer
        mcp = MCPServer("request-app", middleware=[record])

    @mcp.tool()
    async def seen(ctx: Context) -> str:
        """What the request context shows of the HTTP request."""
        return described(ctx.request_context.request)

    @mcp.tool()
    def seen_sync(ctx: Context) -> str:
        """The same from a plain function (run on a worker thread)."""
        return described(ctx.request_context.request)

    if args.flavor != "fastmcp1":
        @mcp.tool()
        def middleware_seen() -> str:
            """What the middleware saw of the `tools/call` request."""
            return middleware_saw.get("tools/call", "missing")

    return mcp


def lowlevel_app() -> Any:
    """The 2.x low-level ``Server`` behind its ``streamable_http_app()``."""
    server = one_tool_server(args, "request-app", "seen", lambda ctx: described(ctx.request))
    server.middleware.append(record)
    return server.streamable_http_app(stateless_http=args.stateless, json_response=args.json)


if __name__ == "__main__":
    serve(args, decorator_server, lowlevel_app)
