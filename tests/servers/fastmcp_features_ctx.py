"""Resources and prompts that take a ``Context``, in a module using
``from __future__ import annotations`` (so every annotation is a string until resolved), plus
prompts returning message objects. Used by ``tests/python/test_fastmcp.py``.

Usage: ``python fastmcp_features_ctx.py FLAVOR`` with FLAVOR ``v1``, ``v2`` or ``fastmcp``.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

FLAVOR = sys.argv[1] if len(sys.argv) > 1 else "v1"


@asynccontextmanager
async def lifespan(server: Any) -> AsyncIterator[dict[str, Any]]:
    yield {"db": "connected"}


if FLAVOR == "v1":
    from ferromcp.server.fastmcp import Context, FastMCP
    from ferromcp.server.fastmcp.prompts.base import AssistantMessage, UserMessage

    mcp = FastMCP("ctx-v1", lifespan=lifespan)
elif FLAVOR == "v2":
    from ferromcp.server.mcpserver import AssistantMessage, Context, MCPServer, UserMessage

    mcp = MCPServer("ctx-v2", lifespan=lifespan)
elif FLAVOR == "fastmcp":
    from ferromcp import Context, FastMCP
    from ferromcp.server.mcpserver import AssistantMessage, UserMessage

    mcp = FastMCP("ctx-fastmcp", lifespan=lifespan)
else:  # pragma: no cover - a test bug
    raise SystemExit(f"unknown flavor {FLAVOR!r}")


@mcp.resource("ctx://{name}")
async def templated(name: str, ctx: Context) -> str:
    """A templated resource that uses its Context."""
    return f"{name} {ctx.request_context.lifespan_context['db']}"


@mcp.prompt()
async def chat(topic: str, ctx: Context) -> list[Any]:
    """Message objects from an async prompt with a Context."""
    return [UserMessage(f"Tell me about {topic}"),
            AssistantMessage(f"{topic} ({ctx.request_context.lifespan_context['db']})")]


@mcp.tool()
async def ping(ctx: Context) -> str:
    """A tool, so the server has one of each."""
    return "pong"


if __name__ == "__main__":
    mcp.run()
