"""Benchmark server on the mcp 2.x low-level ``Server`` (``on_*`` handler style).

Tools: ``echo(text)``, ``validate20`` (20-field input schema), ``big`` (100 000
characters), ``sleep`` (awaits ``asyncio.sleep(0.001)``) and ``tool_000``..``tool_199``
(each returns its own name). The tool list is built once, at import.

Run: ``python lowlevel_v2.py`` (mcp==2.3.0) or ``python -m ferromcp run lowlevel_v2.py``.
"""

import asyncio
from typing import Any

from mcp.server import Server, ServerRequestContext
from mcp.server.stdio import stdio_server
from mcp.types import (
    CallToolRequestParams,
    CallToolResult,
    ListToolsResult,
    PaginatedRequestParams,
    TextContent,
    Tool,
)

BIG_TEXT = "0123456789" * 10_000
FILLER_NAMES = [f"tool_{i:03d}" for i in range(200)]

ADDRESS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "street": {"type": "string"},
        "zip": {"type": "string"},
        "number": {"type": "integer"},
    },
    "required": ["street", "zip", "number"],
}
# 20 required fields: 6 strings, 6 integers, 6 booleans, a nested object, an array.
VALIDATE20_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        **{
            name: {"type": "string"} for name in ("name", "email", "city", "country", "tag", "note")
        },
        **{
            name: {"type": "integer"}
            for name in ("age", "count", "limit", "offset", "year", "priority")
        },
        **{
            name: {"type": "boolean"}
            for name in ("active", "verified", "admin", "archived", "subscribed", "locked")
        },
        "address": ADDRESS_SCHEMA,
        "items": {"type": "array", "items": {"type": "integer"}},
    },
}
VALIDATE20_SCHEMA["required"] = list(VALIDATE20_SCHEMA["properties"])
EMPTY_SCHEMA: dict[str, Any] = {"type": "object", "properties": {}}

TOOLS_RESULT = ListToolsResult(
    tools=[
        Tool(
            name="echo",
            description="Return the text unchanged.",
            input_schema={
                "type": "object",
                "properties": {"text": {"type": "string"}},
                "required": ["text"],
            },
        ),
        Tool(
            name="validate20",
            description="Accept a 20-field object.",
            input_schema=VALIDATE20_SCHEMA,
        ),
        Tool(name="big", description="Return 100 000 characters.", input_schema=EMPTY_SCHEMA),
        Tool(name="sleep", description="Sleep 1 ms, then return ok.", input_schema=EMPTY_SCHEMA),
        *(
            Tool(name=name, description=f"Filler tool {name}.", input_schema=EMPTY_SCHEMA)
            for name in FILLER_NAMES
        ),
    ]
)
FILLERS = frozenset(FILLER_NAMES)


async def list_tools(
    ctx: ServerRequestContext, params: PaginatedRequestParams | None
) -> ListToolsResult:
    """List every benchmark tool."""
    return TOOLS_RESULT


async def call_tool(ctx: ServerRequestContext, params: CallToolRequestParams) -> CallToolResult:
    """Dispatch a tool call by name."""
    name = params.name
    arguments = params.arguments or {}
    if name == "echo":
        text = arguments["text"]
    elif name == "validate20":
        text = "ok"
    elif name == "big":
        text = BIG_TEXT
    elif name == "sleep":
        await asyncio.sleep(0.001)
        text = "ok"
    elif name in FILLERS:
        text = name
    else:
        return CallToolResult(content=[TextContent(text=f"Unknown tool: {name}")], is_error=True)
    return CallToolResult(content=[TextContent(text=text)])


server = Server("bench-lowlevel-v2", on_list_tools=list_tools, on_call_tool=call_tool)


async def main() -> None:
    """Serve on stdio until stdin closes."""
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
