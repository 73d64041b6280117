"""Benchmark server on the mcp 1.x low-level ``Server`` (decorator style).

Tools: ``echo(text)``, ``validate20`` (20-field input schema), ``big`` (100 000
characters), ``sleep`` (awaits ``asyncio.sleep(0.001)``) and ``tool_000``..``tool_199``
(each returns its own name). The tool list is built once, at import.

Run: ``python lowlevel_v1.py`` (mcp==1.30.0) or ``python -m ferromcp run lowlevel_v1.py``.
"""

import asyncio
from typing import Any

from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

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

TOOLS: list[types.Tool] = [
    types.Tool(
        name="echo",
        description="Return the text unchanged.",
        inputSchema={
            "type": "object",
            "properties": {"text": {"type": "string"}},
            "required": ["text"],
        },
    ),
    types.Tool(
        name="validate20", description="Accept a 20-field object.", inputSchema=VALIDATE20_SCHEMA
    ),
    types.Tool(name="big", description="Return 100 000 characters.", inputSchema=EMPTY_SCHEMA),
    types.Tool(name="sleep", description="Sleep 1 ms, then return ok.", inputSchema=EMPTY_SCHEMA),
    *(
        types.Tool(name=name, description=f"Filler tool {name}.", inputSchema=EMPTY_SCHEMA)
        for name in FILLER_NAMES
    ),
]
FILLERS = frozenset(FILLER_NAMES)

server: Server = Server("bench-lowlevel-v1")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    """List every benchmark tool."""
    return TOOLS


@server.call_tool()
async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
    """Dispatch a tool call by name."""
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
        raise ValueError(f"Unknown tool: {name}")
    return [types.TextContent(type="text", text=text)]


async def main() -> None:
    """Serve on stdio until stdin closes."""
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
