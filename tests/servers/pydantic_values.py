"""A 1.x low-level server whose handlers return values pydantic serialises for the official
SDK — URL types, datetimes, UUIDs, paths, decimals, enums, bytes, sets, tuples, dataclasses —
inside ferromcp.types objects."""

import asyncio
import dataclasses
import datetime
import decimal
import enum
import pathlib
import uuid

import pydantic

import ferromcp.types as types
from ferromcp.server.lowlevel import Server
from ferromcp.server.stdio import stdio_server

server = Server("pydantic-values")


class Color(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: int


@server.list_resources()
async def list_resources() -> list[types.Resource]:
    return [types.Resource(uri=pydantic.AnyUrl("file:///tmp/report.txt"), name="report")]


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [types.Tool(name="values", inputSchema={"type": "object"})]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text="values")],
        structuredContent={
            "when": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
            "day": datetime.date(2026, 1, 2),
            "id": uuid.UUID(int=5),
            "path": pathlib.Path("/tmp/x"),
            "price": decimal.Decimal("1.50"),
            "color": Color.RED,
            "raw": b"hi",
            "tags": ("a", "b"),
            "point": Point(1, 2),
            "url": pydantic.AnyUrl("https://example.org/a"),
        })


async def main() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


if __name__ == "__main__":
    asyncio.run(main())
