"""A fastmcp server over HTTP whose middleware reads the request it serves (an API-key or
tenant check's way: ``get_http_headers()``, ``get_http_request()``, the middleware context's
``fastmcp_context``), written with ``import fastmcp`` and left unmodified, for
tests/python/test_fastmcp_names.py. ``fastmcp_http_headers.py --port N``."""

import json
import sys

from fastmcp import FastMCP
from fastmcp.server.dependencies import get_http_headers, get_http_request
from fastmcp.server.middleware import Middleware

seen: dict[str, object] = {}


class Tenant(Middleware):
    """Notes what it can read of the HTTP request before the tool runs."""

    async def on_call_tool(self, context, call_next):  # noqa: ANN001, ANN201
        headers = get_http_headers()
        request = get_http_request()
        ctx = context.fastmcp_context
        seen.update({
            "tenant": headers.get("x-tenant"),
            "path": request.url.path,
            "context request tenant": ctx.request_context.request.headers.get("x-tenant"),
            "has session": ctx.session is not None,
        })
        return await call_next(context)


mcp = FastMCP("headers-app")
mcp.add_middleware(Tenant())


@mcp.tool
def middleware_saw() -> str:
    """What the middleware read of this call's request."""
    return json.dumps(seen, sort_keys=True)


if __name__ == "__main__":
    mcp.run(transport="http", port=int(sys.argv[sys.argv.index("--port") + 1]),
            show_banner=False)
