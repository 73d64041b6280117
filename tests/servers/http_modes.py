"""The ways the HTTP test servers (``auth_app.py``, ``http_request_app.py``) are served, from
the same command line: ``--port N [--sdk ferromcp|mcp] [--flavor fastmcp1|mcpserver2|lowlevel2]
[--transport streamable-http|sse] [--mode run|asgi] [--stateless] [--json]``.

* ``--mode run``: the server's own ``run()``; ``asgi``: its ``streamable_http_app()`` /
  ``sse_app()`` served by uvicorn. The 2.x low-level flavor is always an app under uvicorn.
"""

import argparse
from collections.abc import Callable
from typing import Any


def arguments() -> argparse.Namespace:
    """The command line above."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--sdk", default="ferromcp")
    parser.add_argument("--flavor", default="mcpserver2")
    parser.add_argument("--transport", default="streamable-http")
    parser.add_argument("--mode", default="run")
    parser.add_argument("--stateless", action="store_true")
    parser.add_argument("--json", action="store_true")
    return parser.parse_args()


def one_tool_server(args: argparse.Namespace, name: str, tool: str,
                    text_of: Callable[[Any], str]) -> Any:
    """A 2.x low-level ``Server`` (of the SDK ``args.sdk`` names) called ``name`` with one tool,
    ``tool``, answering ``text_of(ctx)`` as text."""
    if args.sdk == "mcp":
        from mcp import types
        from mcp.server import Server
    else:
        from ferromcp import types
        from ferromcp.server import Server

    async def list_tools(_ctx: Any, _params: Any) -> Any:
        return types.ListToolsResult(tools=[types.Tool(
            name=tool, input_schema={"type": "object", "properties": {}})])

    async def call_tool(ctx: Any, _params: Any) -> Any:
        return types.CallToolResult(content=[types.TextContent(type="text", text=text_of(ctx))])

    return Server(name, on_list_tools=list_tools, on_call_tool=call_tool)


def serve(args: argparse.Namespace, decorator_server: Callable[[], Any],
          lowlevel_app: Callable[[], Any]) -> None:
    """Serves the flavor ``args`` names until the process is stopped."""
    if args.flavor == "lowlevel2":
        import uvicorn

        uvicorn.run(lowlevel_app(), host="127.0.0.1", port=args.port, log_level="warning")
    elif args.mode == "asgi":
        import uvicorn

        server = decorator_server()
        if args.transport == "sse":
            app = server.sse_app()
        elif args.flavor == "fastmcp1":
            app = server.streamable_http_app()
        else:
            app = server.streamable_http_app(stateless_http=args.stateless,
                                             json_response=args.json)
        uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    elif args.flavor == "fastmcp1":
        decorator_server().run(transport=args.transport)
    elif args.transport == "sse":
        decorator_server().run(transport="sse", port=args.port)
    else:
        decorator_server().run(transport=args.transport, port=args.port,
                               stateless_http=args.stateless, json_response=args.json)
