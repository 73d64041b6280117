"""fastmcp 3/4 component versions, unmodified: several versions of a tool, a resource, a
template and a prompt; lists show the highest with every version, a request's
``_meta.fastmcp.version`` picks one. ``VERSIONS_MODE=hide`` hides the 2.x versions by a rule
(``mcp.disable(version=VersionSpec(gte="2"))``); ``VERSIONS_MODE=middleware`` puts a middleware
around every call. Runs on the real fastmcp and under ``python -m ferromcp run``;
``tests/python/test_fastmcp_versions.py`` compares them.
"""

import os

from fastmcp import FastMCP
from fastmcp.server.middleware import Middleware
from fastmcp.utilities.versions import VersionSpec

mcp = FastMCP("versions")
MODE = os.environ.get("VERSIONS_MODE", "")
SEEN: list[str] = []


@mcp.tool(version="1.0")
def convert(amount: int) -> str:
    """Converts, first edition."""
    return f"v1 {amount}"


@mcp.tool(version="2.0")
def convert(amount: int, currency: str = "EUR") -> str:  # noqa: F811
    """Converts, second edition."""
    return f"v2 {amount} {currency}"


@mcp.tool(version="v10")
def shout(text: str) -> str:
    return text.upper() + "!!"


@mcp.tool(version=2)
def shout(text: str) -> str:  # noqa: F811
    return text.upper()


@mcp.tool
def plain() -> str:
    return "plain"


@mcp.tool
def seen() -> list[str]:
    """What the middleware saw."""
    return SEEN


@mcp.resource("data://notes", version="1")
def notes_v1() -> str:
    return "notes one"


@mcp.resource("data://notes", version="3")
def notes_v3() -> str:
    return "notes three"


@mcp.resource("data://item/{key}", version="1")
def item_v1(key: str) -> str:
    return f"item one {key}"


@mcp.resource("data://item/{key}", version="2")
def item_v2(key: str) -> str:
    return f"item two {key}"


@mcp.prompt(version="1")
def greet(name: str) -> str:
    return f"Hello {name}"


@mcp.prompt(version="2")
def greet(name: str, tone: str = "warm") -> str:  # noqa: F811
    return f"Hello {name}, {tone}ly"


class Recorder(Middleware):
    async def on_call_tool(self, context, call_next):
        result = await call_next(context)
        if context.message.name != "seen":
            SEEN.append(f"{context.message.name}: {result.content[0].text}")
        return result


if MODE == "hide":
    mcp.disable(version=VersionSpec(gte="2", lt="5"))
elif MODE == "middleware":
    mcp.add_middleware(Recorder())

if __name__ == "__main__":
    mcp.run()
