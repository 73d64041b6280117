"""fastmcp 4's tool injection, response caching and authorization middleware, unmodified
fastmcp 4 style: runs on the real fastmcp and under ``python -m ferromcp run``
(``tests/python/test_fastmcp_middleware_more.py`` compares them).

``MW_MODE`` picks the chain:

* ``inject`` — ``ToolInjectionMiddleware`` adding ``multiply``, a ``Tool`` of its own
  (``shout``) and an ``add`` that takes the registered ``add``'s place; an outer middleware
  records every call it sees (``seen`` answers them).
* ``cache`` — ``ResponseCachingMiddleware`` with a 1 s TTL for calls (``uncached`` excluded),
  reads and prompts; items over 20 000 bytes are not cached. ``count``, ``data://counter`` and the
  ``counted`` prompt answer how often they ran; ``grow`` registers a tool, which a cached
  ``tools/list`` does not show.
* ``cache-store`` — the same with a store of the server's own (``cache_report`` answers what
  the cache asked of it).
* ``auth`` — ``AuthMiddleware(restrict_tag("admin", scopes=["admin"]))`` then
  ``AuthMiddleware(require_scopes("api"))`` around tools, resources and prompts tagged
  ``admin`` or not, and an injected tool.
* ``auth-tag`` — only the ``restrict_tag`` one.

With ``--port N`` it serves Streamable HTTP on that port, else stdio.
"""

import os
import sys
import time

from fastmcp import FastMCP
from fastmcp.server.middleware import AuthMiddleware, Middleware
from fastmcp.server.middleware.caching import ResponseCachingMiddleware
from fastmcp.server.middleware.tool_injection import ToolInjectionMiddleware
from fastmcp.tools import Tool, ToolResult
from fastmcp.utilities.authorization import require_scopes, restrict_tag

mode = os.environ.get("MW_MODE", "inject")
mcp = FastMCP("middleware-more")
SEEN: list[str] = []
RUNS = {"count": 0, "uncached": 0, "read": 0, "prompt": 0, "big": 0, "fails": 0}


class Recorder(Middleware):
    async def on_call_tool(self, context, call_next):
        SEEN.append(context.message.name)
        return await call_next(context)


def multiply(a: int, b: int) -> int:
    """Multiplies two numbers."""
    return a * b


def subtract_as_add(a: int, b: int) -> str:
    """The injected add."""
    return f"injected {a - b}"


class Shout(Tool):
    async def run(self, arguments):
        return ToolResult(content=arguments.get("text", "").upper() + "!")


class Store:
    """A store of the server's own (``get`` / ``put`` by collection, with TTLs), logging what
    the cache asks of it."""

    def __init__(self):
        self.data = {}
        self.log = []

    async def get(self, key, *, collection=None):
        self.log.append(["get", collection])
        value, expires = self.data.get((collection, key), (None, 0.0))
        return dict(value) if value is not None and expires > time.monotonic() else None

    async def put(self, key, value, *, collection=None, ttl=None):
        self.log.append(["put", collection])
        self.data[(collection, key)] = (dict(value), time.monotonic() + (ttl or 1e9))


STORE = Store()
CACHE = None

INJECTED = [
    Tool.from_function(multiply),
    Tool.from_function(subtract_as_add, name="add"),
    Shout(name="shout", description="Shouts.",
          parameters={"type": "object", "properties": {"text": {"type": "string"}}}),
]

if mode == "inject":
    mcp.add_middleware(Recorder())
    mcp.add_middleware(ToolInjectionMiddleware(tools=INJECTED))
elif mode in ("cache", "cache-store"):
    CACHE = ResponseCachingMiddleware(
        cache_storage=STORE if mode == "cache-store" else None,
        call_tool_settings={"ttl": 1, "excluded_tools": ["uncached", "cache_report"]},
        read_resource_settings={"ttl": 1}, get_prompt_settings={"ttl": 1},
        max_item_size=20_000)
    mcp.add_middleware(CACHE)
elif mode in ("auth", "auth-tag"):
    mcp.add_middleware(AuthMiddleware(auth=restrict_tag("admin", scopes=["admin"])))
    if mode == "auth":
        mcp.add_middleware(AuthMiddleware(auth=require_scopes("api")))
    mcp.add_middleware(ToolInjectionMiddleware(tools=[Tool.from_function(multiply)]))


@mcp.tool
def add(a: int, b: int) -> int:
    """Adds."""
    return a + b


@mcp.tool
def seen() -> list:
    return list(SEEN)


@mcp.tool
def count(step: int = 1) -> dict:
    RUNS["count"] += step
    return {"runs": RUNS["count"]}


@mcp.tool
def uncached() -> int:
    RUNS["uncached"] += 1
    return RUNS["uncached"]


@mcp.tool
def big() -> str:
    RUNS["big"] += 1
    return f"{RUNS['big']} " + "x" * 30_000


@mcp.tool
def fails() -> str:
    RUNS["fails"] += 1
    raise ValueError(f"failure {RUNS['fails']}")


@mcp.tool
def grow() -> str:
    mcp.add_tool(Tool.from_function(multiply, name=f"grown_{len(RUNS)}"))
    RUNS[f"grown_{len(RUNS)}"] = 0
    return "grown"


@mcp.tool
def cache_report() -> dict:
    """What the cache did: its store's kind, the log of a store of the server's own, and the
    call statistics."""
    stats = CACHE.statistics().call_tool if CACHE is not None else None
    log = list(STORE.log)
    STORE.log.clear()
    return {"store": type(CACHE._backend).__module__.split(".")[0] if CACHE else None,
            "log": log,
            "calls": None if stats is None else {
                "get": [stats.get.count, stats.get.hit, stats.get.miss],
                "put": stats.put.count, "count": stats.count}}


@mcp.tool(tags={"admin"})
def wipe() -> str:
    return "wiped"


@mcp.resource("data://counter")
def counter() -> str:
    RUNS["read"] += 1
    return f"read {RUNS['read']}"


@mcp.resource("data://secret", tags={"admin"})
def secret() -> str:
    return "s3cret"


@mcp.resource("data://item/{key}")
def item(key: str) -> str:
    return f"item {key}"


@mcp.prompt
def counted(topic: str) -> str:
    RUNS["prompt"] += 1
    return f"{topic} #{RUNS['prompt']}"


@mcp.prompt(tags={"admin"})
def audit() -> str:
    return "audit"


if __name__ == "__main__":
    if "--port" in sys.argv:
        mcp.run(transport="http", port=int(sys.argv[sys.argv.index("--port") + 1]),
                show_banner=False)
    else:
        mcp.run()
