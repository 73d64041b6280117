"""An ``mcp`` 2.x low-level ``Server`` that seals its request state with the official
``RequestStateBoundary``, bound to a principal of its own (the tenant a request names in its
``_meta``), written for the official SDK and left unmodified, for
tests/python/test_request_state_boundary.py.

``boundary_app.py [--plain]``: ``--plain`` leaves the boundary out (the state then travels as the
handler wrote it, on both SDKs). The tenant ``boom`` makes the principal function raise.
"""

import sys
from typing import Any

from mcp import types
from mcp.server import Server
from mcp.server.request_state import RequestStateBoundary, RequestStateSecurity

KEY = b"boundary-app-test-key-0123456789abcdef"


def tenant(ctx: Any) -> str | None:
    """The principal: the tenant the request's ``_meta`` names."""
    name = ((ctx.params or {}).get("_meta") or {}).get("example.com/tenant")
    if name == "boom":
        raise RuntimeError("no tenant directory")
    return name


async def list_tools(_ctx: Any, _params: Any) -> types.ListToolsResult:
    return types.ListToolsResult(tools=[types.Tool(
        name="greet", input_schema={"type": "object", "properties": {}})])


async def call_tool(ctx: Any, params: Any) -> Any:
    answer = (params.input_responses or {}).get("name")
    if params.request_state == "asked" and answer is not None:
        return types.CallToolResult(content=[types.TextContent(
            type="text", text=f"Hello, {answer.content['name']}!")])
    schema = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    ask = types.ElicitRequest(params=types.ElicitRequestFormParams(
        message="Name?", requested_schema=schema))
    return types.InputRequiredResult(input_requests={"name": ask}, request_state="asked")


server = Server("boundary-app", on_list_tools=list_tools, on_call_tool=call_tool)
if "--plain" not in sys.argv:
    server.middleware.append(RequestStateBoundary(
        RequestStateSecurity(keys=[KEY], bind_principal=tenant), default_audience="boundary-app"))


if __name__ == "__main__":
    import anyio
    from mcp.server.stdio import stdio_server

    async def main() -> None:
        async with stdio_server() as (read, write):
            await server.run(read, write, server.create_initialization_options())

    anyio.run(main)
