"""A decorator-API server written for the official SDK (imports `mcp`), used by the differential
tests: the same file runs under official `mcp` and, through `python -m ferromcp run`, on ferromcp.

With DIFF_APP_GENERATION=1 (default) it uses `mcp.server.fastmcp.FastMCP` (mcp 1.x); with 2,
`mcp.server.mcpserver.MCPServer` (mcp 2.x). ferromcp has both, so the test picks.
"""

from __future__ import annotations

import asyncio
import enum
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AnyUrl, BaseModel, Field

if os.environ.get("DIFF_APP_GENERATION", "1") == "1":
    from mcp.server.fastmcp import Context
    from mcp.server.fastmcp import FastMCP as App
    from mcp.server.fastmcp.exceptions import ToolError
    from mcp.shared.exceptions import McpError as _Err

    def mcp_error(code: int, message: str) -> Exception:
        from mcp.types import ErrorData

        return _Err(ErrorData(code=code, message=message))
else:  # mcp 2.x
    from mcp.server.mcpserver import Context
    from mcp.server.mcpserver import MCPServer as App
    from mcp.server.mcpserver.exceptions import ToolError
    from mcp.shared.exceptions import MCPError as _Err

    def mcp_error(code: int, message: str) -> Exception:
        return _Err(code, message)

try:
    from typing_extensions import TypedDict
except ImportError:  # pragma: no cover
    from typing import TypedDict


@asynccontextmanager
async def lifespan(server: object) -> AsyncIterator[dict[str, str]]:
    yield {"db": "connected"}


mcp = App("diff-app", instructions="Use the tools.", lifespan=lifespan)


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Point(TypedDict):
    x: int
    y: int


@dataclass
class Box:
    width: float
    height: float = 1.0


class User(BaseModel):
    name: str
    age: int = Field(ge=0, description="Age in years")


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@mcp.tool()
async def echo(text: str) -> str:
    """Echo the text."""
    return text


@mcp.tool()
def describe(
    name: str,
    count: int = 1,
    ratio: float = 0.5,
    flag: bool = False,
    tag: str | None = None,
    mode: Literal["fast", "slow"] = "fast",
    color: Color = Color.RED,
    items: list[int] = [],  # noqa: B006 - the default is part of the schema under test
    extra: dict[str, str] | None = None,
    label: Annotated[str, Field(description="A label", max_length=20)] = "x",
) -> dict[str, object]:
    """Describe the arguments as they arrived."""
    return {"name": name, "count": count, "ratio": ratio, "flag": flag, "tag": tag,
            "mode": mode, "color": color.value, "items": items, "extra": extra, "label": label}


@mcp.tool()
def point_sum(p: Point) -> int:
    """Sum a point's coordinates."""
    return p["x"] + p["y"]


@mcp.tool()
def area(box: Box) -> float:
    """Area of a box."""
    return box.width * box.height


@mcp.tool()
def greet(user: User) -> User:
    """Return the user, a year older."""
    return User(name=user.name, age=user.age + 1)


@mcp.tool()
def numbers(n: int) -> list[int]:
    """The numbers below n."""
    return list(range(n))


@mcp.tool()
def plain(text: str):  # noqa: ANN201 - no annotation: unstructured output
    """No return annotation."""
    return f"plain {text}"


@mcp.tool()
def boom() -> str:
    """Raises ValueError."""
    raise ValueError("kaboom")


@mcp.tool()
def tool_error() -> str:
    """Raises ToolError."""
    raise ToolError("told you")


@mcp.tool()
def rpc_error() -> str:
    """Raises the SDK's McpError/MCPError."""
    raise mcp_error(-32602, "bad input")


@mcp.tool()
async def async_boom(text: str) -> str:
    """An async tool that raises."""
    raise ValueError(f"async kaboom {text}")


@mcp.tool()
async def async_tool_error() -> str:
    """An async tool that raises ToolError."""
    raise ToolError("async told you")


@mcp.tool()
async def nap(text: str) -> str:
    """Suspends once, then echoes."""
    await asyncio.sleep(0)
    return text.upper()


@mcp.tool()
async def half(x: float, exact: bool = False) -> float:
    """A float parameter (an integer argument is converted) and a float result."""
    return x / 2 if not exact else float(int(x) // 2)


@mcp.tool()
async def count_words(text: str) -> int:
    """An int result."""
    await asyncio.sleep(0)
    return len(text.split())


@mcp.tool()
async def tags(names: list[str]) -> list[str]:
    """A list parameter and result."""
    return sorted(names)


@mcp.tool()
def thread_name() -> str:
    """Which thread a sync tool runs on."""
    return "main" if threading.current_thread() is threading.main_thread() else "worker"


@mcp.tool()
async def uses_context(steps: int, ctx: Context) -> str:
    """Logs, reports progress and reads the lifespan."""
    await ctx.info(f"starting {steps}")
    for i in range(steps):
        await ctx.report_progress(i + 1, steps)
        await asyncio.sleep(0)
    return str(ctx.request_context.lifespan_context["db"])


@mcp.tool()
async def read_own(ctx: Context) -> str:
    """Reads one of this server's resources through the context."""
    contents = list(await ctx.read_resource("config://app"))
    return contents[0].content


@mcp.tool()
def fetch(url: AnyUrl) -> str:
    """The schema lets any string through ("format": "uri"); conversion refuses a non-URL."""
    return str(url)


async def _later(text: str) -> str:
    return f"later {text}"


@mcp.tool()
def sync_coroutine(text: str) -> str:
    """A plain def returning a coroutine (not awaited by mcp 1.x or 2.x)."""
    return _later(text)  # type: ignore[return-value]


@mcp.resource("config://app")
def config() -> str:
    """The app configuration."""
    return "debug=true"


@mcp.resource("users://{user_id}/profile")
def profile(user_id: str) -> str:
    """A user's profile."""
    return f"profile of {user_id}"


@mcp.resource("data://blob", mime_type="application/octet-stream")
def blob() -> bytes:
    """Some bytes."""
    return b"\x00\x01\x02"


@mcp.prompt()
def review(code: str, language: str = "python") -> str:
    """Review some code."""
    return f"Please review this {language} code:\n{code}"


@mcp.prompt()
def described(code: Annotated[str, Field(description="The code to review")],
              language: str = "python") -> str:
    """Review some code.

    Args:
        code: the code (from the docstring)
        language: which language (from the docstring)
    """
    return f"{language}: {code}"


@mcp.prompt()
def typed_prompt(n: int, flag: bool = False) -> str:
    return f"{n!r} {flag!r}"


if __name__ == "__main__":
    mcp.run()
