"""One replica of a server run several times behind a load balancer, for
tests/python/test_replicas.py: ``replica_app.py --port N [--stateless]``, with ``REPLICA=<i>`` in
its environment (every answer says which replica gave it) and, for shared sessions,
``FERROMCP_REDIS_URL`` (the operator's setting: no code change here, and no event store, since
with Redis the store is Redis itself). ``--stateless`` serves every request on its own, without
Redis: the harness's self-check."""

import argparse
import asyncio
import os

from ferromcp import types
from ferromcp.server.mcpserver import Context, MCPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--stateless", action="store_true")
args = parser.parse_args()

REPLICA = os.environ["REPLICA"]
mcp = MCPServer("replica-app")


@mcp.tool()
def whoami() -> str:
    """The replica serving this call."""
    return REPLICA


@mcp.tool()
def echo(text: str) -> str:
    """Echoes text."""
    return text


@mcp.tool()
async def progress(steps: int, delay: float, ctx: Context) -> str:
    """Logs and reports progress at each step; returns the replica that ran it."""
    for i in range(steps):
        await ctx.info(f"step {i} on replica {REPLICA}")
        await ctx.report_progress(i + 1, steps, f"step {i + 1}")
        await asyncio.sleep(delay)
    return f"done on replica {REPLICA}"


@mcp.tool()
async def sample(prompt: str, ctx: Context) -> str:
    """Asks the client's model; returns its text and the replica that asked."""
    result = await ctx.session.create_message(
        messages=[types.SamplingMessage(role="user",
                                        content=types.TextContent(type="text", text=prompt))],
        max_tokens=10)
    return f"{result.content.text} via replica {REPLICA}"


@mcp.tool()
async def slow(steps: int, delay: float, ctx: Context) -> str:
    """Reports numbered progress slowly, so a test can kill this replica mid-call; each
    message names the step and the replica (``slow step 3 of 40 on replica 1``)."""
    for i in range(1, steps + 1):
        await ctx.report_progress(i, steps, f"slow step {i} of {steps} on replica {REPLICA}")
        await asyncio.sleep(delay)
    return f"slow done on replica {REPLICA}"


mcp.run(transport="streamable-http", host="127.0.0.1", port=args.port,
        stateless_http=args.stateless)
