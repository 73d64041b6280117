"""Benchmark server on fastmcp 4.x ``FastMCP``, ``@mcp.tool()`` style.

Tools: ``echo(text)``, ``validate20`` (20 typed parameters), ``big`` (100 000
characters), ``sleep`` (awaits ``asyncio.sleep(0.001)``) and ``tool_000``..``tool_199``
(each returns its own name, registered in a loop).

Run: ``python fastmcp4.py`` (fastmcp==4.1.7) or ``python -m ferromcp run fastmcp4.py``
(stdio); add ``--port N [--json] [--stateless]`` for Streamable HTTP on 127.0.0.1:N.
"""

import os

# No banner and no network update check (bench/run.py sets these too).
os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

import asyncio
from collections.abc import Awaitable, Callable

from fastmcp import FastMCP

try:  # pydantic needs typing_extensions.TypedDict before Python 3.12
    from typing_extensions import TypedDict
except ImportError:  # pragma: no cover
    from typing import TypedDict

BIG_TEXT = "0123456789" * 10_000

mcp = FastMCP("bench-fastmcp4")


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
        mcp.run(transport="http", host="127.0.0.1", port=args.port,
                json_response=args.json, stateless_http=args.stateless, show_banner=False)
