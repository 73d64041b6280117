"""A 2.x server with middleware, importing `mcp` so the same file runs on official mcp 2.x and
under `python -m ferromcp run`. The middleware records every method it sees (and awaits before
continuing), rewrites one tool's arguments, answers one method itself, and turns one handler's
failure into its own result; `seen` reports what it recorded."""

import asyncio
import dataclasses
from typing import Any

from mcp.server.mcpserver import MCPServer

seen: list[str] = []


async def record(ctx: Any, call_next: Any) -> Any:
    seen.append(ctx.method)
    # A middleware that awaits before continuing (an auth lookup, a lock): the request goes on
    # from another step of the loop.
    await asyncio.sleep(0)
    return await call_next(ctx)


async def rewrite(ctx: Any, call_next: Any) -> Any:
    params = ctx.params
    if ctx.method == "tools/call" and params and params.get("name") == "echo":
        args = dict(params.get("arguments") or {})
        args["text"] = "rewritten: " + str(args.get("text"))
        ctx = dataclasses.replace(ctx, params={**params, "arguments": args})
    if ctx.method == "tools/call" and params and params.get("name") == "short":
        return {"content": [{"type": "text", "text": "answered by middleware"}],
                "structuredContent": {"result": "answered by middleware"}, "isError": False}
    try:
        return await call_next(ctx)
    except Exception as exc:
        if ctx.method == "prompts/get":
            return {"messages": [{"role": "user", "content": {
                "type": "text", "text": f"middleware saw: {type(exc).__name__}"}}]}
        raise


mcp = MCPServer("middleware-app", middleware=[record, rewrite])


@mcp.tool()
def echo(text: str) -> str:
    """Echoes text."""
    return text


@mcp.tool()
def short() -> str:
    """Never runs: the middleware answers."""
    return "handler"


@mcp.tool()
def methods() -> list[str]:
    """What the middleware has seen so far."""
    return list(seen)


@mcp.prompt()
def broken() -> str:
    """Raises."""
    raise ValueError("nope")


if __name__ == "__main__":
    mcp.run()
