"""Benchmark server on the mcp 2.x ``MCPServer`` (``mcp.server.mcpserver``), ``@mcp.tool()`` style.

Tools: ``echo(text)``, ``validate20`` (20 typed parameters), ``big`` (100 000
characters), ``sleep`` (awaits ``asyncio.sleep(0.001)``) and ``tool_000``..``tool_199``
(each returns its own name, registered in a loop).

Run: ``python mcpserver_v2.py`` (mcp==2.3.0) or ``python -m ferromcp run mcpserver_v2.py``
(stdio); add ``--port N [--json] [--stateless]`` for Streamable HTTP on 127.0.0.1:N.
"""

import asyncio
from collections.abc import Awaitable, Callable

from mcp.server.mcpserver import MCPServer

try:  # pydantic needs typing_extensions.TypedDict before Python 3.12
    from typing_extensions import TypedDict
except ImportError:  # pragma: no cover
    from typing import TypedDict

BIG_TEXT = "0123456789" * 10_000

mcp = MCPServer("bench-mcpserver-v2")


class Address(TypedDict):
    """The nested object of ``validate20``."""

    street: str
    zip: str
    number: int


@mcp.tool()
async def echo(text: str) -> str:
    """Return the text unchanged."""
    return text


@mcp.tool()
async def validate20(
    name: str,
    email: str,
    city: str,
    country: str,
    tag: str,
    note: str,
    age: int,
    count: int,
    limit: int,
    offset: int,
    year: int,
    priority: int,
    active: bool,
    verified: bool,
    admin: bool,
    archived: bool,
    subscribed: bool,
    locked: bool,
    address: Address,
    items: list[int],
) -> str:
    """Accept a 20-field object."""
    return "ok"


@mcp.tool()
async def big() -> str:
    """Return 100 000 characters."""
    return BIG_TEXT


@mcp.tool()
async def sleep() -> str:
    """Sleep 1 ms, then return ok."""
    await asyncio.sleep(0.001)
    return "ok"


def _filler(name: str) -> Callable[[], Awaitable[str]]:
    """Make the handler of one filler tool."""

    async def filler() -> str:
        return name

    filler.__doc__ = f"Filler tool {name}."
    return filler


for _i in range(200):
    _name = f"tool_{_i:03d}"
    mcp.tool(name=_name)(_filler(_name))


if __name__ == "__main__":
    # No arguments: stdio. `--port N [--json] [--stateless]`: Streamable HTTP on 127.0.0.1:N.
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int)
    parser.add_argument("--json", action="store_true", help="answer as application/json")
    parser.add_argument("--stateless", action="store_true", help="no sessions")
    args = parser.parse_args()
    if args.port is None:
        mcp.run()
    else:
        mcp.run(transport="streamable-http", host="127.0.0.1", port=args.port,
                json_response=args.json, stateless_http=args.stateless)
