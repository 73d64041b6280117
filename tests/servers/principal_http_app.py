"""An ``mcp`` 2.x ``MCPServer`` over Streamable HTTP whose sealed request state is bound to the
tenant the HTTP request names (``X-Tenant``), through a ``bind_principal`` of the author's that
reads ``ctx.request``; written for the official SDK and left unmodified, for
tests/python/test_request_state_boundary.py. ``principal_http_app.py --port N``."""

import sys
from typing import Any

from mcp.server.mcpserver import Context, MCPServer, RequestStateSecurity
from mcp.types import ElicitRequest, ElicitRequestFormParams, ElicitResult, InputRequiredResult

KEY = b"principal-http-test-key-0123456789abcdef"


def tenant(ctx: Any) -> str | None:
    """The principal: the tenant header of the HTTP request the call came in."""
    request = getattr(ctx, "request", None)
    return request.headers.get("x-tenant") if request is not None else None


mcp = MCPServer("principal-http-app", request_state_security=RequestStateSecurity(
    keys=[KEY], bind_principal=tenant))


@mcp.tool()
async def greet(ctx: Context) -> str | InputRequiredResult:
    """Asks for a name, then greets."""
    answer = (ctx.input_responses or {}).get("name")
    if ctx.request_state == "asked" and isinstance(answer, ElicitResult):
        return f"Hello, {answer.content['name']}!"
    schema = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    ask = ElicitRequest(params=ElicitRequestFormParams(message="Name?", requested_schema=schema))
    return InputRequiredResult(input_requests={"name": ask}, request_state="asked")


if __name__ == "__main__":
    mcp.run(transport="streamable-http", port=int(sys.argv[sys.argv.index("--port") + 1]))
