"""A decorator-API server served over HTTP for the HTTP suites: ``http_app.py --port N
[--json] [--stateless] [--flavor fastmcp1|mcpserver2|fastmcp]``."""

import argparse
import asyncio

from ferromcp.server.fastmcp import Context as Context1
from ferromcp.server.fastmcp import FastMCP
from ferromcp.server.mcpserver import MCPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--json", action="store_true")
parser.add_argument("--stateless", action="store_true")
parser.add_argument("--flavor", default="mcpserver2")
args = parser.parse_args()

if args.flavor == "fastmcp1":
    mcp = FastMCP("http-app", port=args.port, json_response=args.json,
                  stateless_http=args.stateless)
else:
    mcp = MCPServer("http-app")


@mcp.tool()
def echo(text: str) -> str:
    """Echoes text."""
    return text


@mcp.tool()
async def add(a: int, b: int) -> int:
    """Adds two integers."""
    return a + b


@mcp.tool()
async def progress(steps: int, ctx: Context1) -> str:
    """Reports progress and logs on the way."""
    for i in range(steps):
        await ctx.info(f"step {i}")
        await ctx.report_progress(i + 1, steps)
        await asyncio.sleep(0)
    return "done"


@mcp.tool()
async def sample(prompt: str, ctx: Context1) -> str:
    """Asks the client's model."""
    from ferromcp import types

    result = await ctx.session.create_message(
        messages=[types.SamplingMessage(role="user",
                                        content=types.TextContent(type="text", text=prompt))],
        max_tokens=10)
    return result.content.text


@mcp.tool()
async def fail() -> str:
    """Raises."""
    raise ValueError("kaboom")


@mcp.resource("memo://hello")
def hello() -> str:
    """A text resource."""
    return "hello"


@mcp.prompt()
def greet(name: str) -> str:
    """A greeting."""
    return f"Hello {name}"


if __name__ == "__main__":
    if args.flavor == "fastmcp1":
        mcp.run(transport="streamable-http")
    else:
        mcp.run(transport="streamable-http", host="127.0.0.1", port=args.port,
                json_response=args.json, stateless_http=args.stateless)
