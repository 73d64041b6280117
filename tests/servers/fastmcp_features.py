"""A decorator-API server exercising the features of `tests/python/test_fastmcp.py`, written the
way a migrated user writes it: every import comes from `ferromcp`.

Usage: ``python fastmcp_features.py FLAVOR [OPTION...]``

* FLAVOR ``v1``: ``ferromcp.server.fastmcp.FastMCP`` (the ``mcp`` 1.x class);
  ``v2``: ``ferromcp.server.mcpserver.MCPServer`` (the ``mcp`` 2.x class);
  ``fastmcp``: ``ferromcp.FastMCP`` (fastmcp 4 style, bare decorators).
* OPTION ``unmasked``: ``mask_error_details=False``; ``masked``: ``mask_error_details=True``.

The same functions are registered in each flavor; only the class, the helper imports and the
exceptions differ.
"""

from __future__ import annotations

import asyncio
import enum
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Optional

from pydantic import AnyUrl, BaseModel, Field
from typing_extensions import TypedDict

from ferromcp.types import (
    Completion,
    PromptReference,
    ResourceTemplateReference,
    SamplingMessage,
    TextContent,
    ToolAnnotations,
)

FLAVOR = sys.argv[1] if len(sys.argv) > 1 else "v1"
OPTIONS = set(sys.argv[2:])
MASK: dict[str, Any] = {}
if "unmasked" in OPTIONS:
    MASK["mask_error_details"] = False
if "masked" in OPTIONS:
    MASK["mask_error_details"] = True


@asynccontextmanager
async def lifespan(server: Any) -> AsyncIterator[dict[str, Any]]:
    yield {"db": "connected", "server_name": server.name}


INSTRUCTIONS = f"Features server ({FLAVOR})."

if FLAVOR == "v1":
    from ferromcp.server.fastmcp import Context, FastMCP, Image
    from ferromcp.server.fastmcp.exceptions import ResourceError, ToolError
    from ferromcp.shared.exceptions import McpError
    from ferromcp.types import ErrorData

    def rpc_error(code: int, message: str) -> Exception:
        return McpError(ErrorData(code=code, message=message))

    mcp = FastMCP("features-v1", instructions=INSTRUCTIONS, lifespan=lifespan, **MASK)
elif FLAVOR == "v2":
    from ferromcp.server.mcpserver import Context, Image, MCPServer
    from ferromcp.server.mcpserver.exceptions import ResourceError, ToolError
    from ferromcp.shared.exceptions import MCPError

    def rpc_error(code: int, message: str) -> Exception:
        return MCPError(code, message)

    mcp = MCPServer("features-v2", instructions=INSTRUCTIONS, version="2.0.7", lifespan=lifespan,
                    description="The features, 2.x style.", **MASK)
elif FLAVOR == "fastmcp":
    # fastmcp 4 users import Image from fastmcp.utilities.types and ToolError from
    # fastmcp.exceptions; ferromcp keeps them with the other generations' helpers.
    from ferromcp import Context, FastMCP, McpError
    from ferromcp.server.fastmcp.exceptions import ResourceError, ToolError
    from ferromcp.server.mcpserver import Image

    def rpc_error(code: int, message: str) -> Exception:
        return McpError(code, message)

    mcp = FastMCP("features-fastmcp", instructions=INSTRUCTIONS, version="4.0.1",
                  lifespan=lifespan, **MASK)
else:  # pragma: no cover - a test bug
    raise SystemExit(f"unknown flavor {FLAVOR!r}")


# --- argument and return types ------------------------------------------------------------------

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


class Contact(BaseModel):
    """What `ask` elicits as a pydantic model."""

    name: str
    subscribe: bool = False


@dataclass
class Size:
    """What `ask` elicits as a dataclass."""

    width: int
    unit: str = "cm"


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@mcp.tool()
def describe(
    name: str,
    count: int = 1,
    ratio: float = 0.5,
    flag: bool = False,
    tag: Optional[str] = None,  # noqa: UP045 - the typing.Optional spelling is under test
    mode: Literal["fast", "slow"] = "fast",
    color: Color = Color.RED,
    items: list[int] = [],  # noqa: B006 - the default is part of the schema under test
    extra: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Describe the arguments as they arrived (with their Python types)."""
    return {"name": name, "count": count, "ratio": ratio, "flag": flag, "tag": tag, "mode": mode,
            "color": color.value, "color_is_enum": isinstance(color, Color), "items": items,
            "extra": extra, "types": [type(v).__name__ for v in (count, ratio, flag)]}


@mcp.tool()
def point_sum(p: Point) -> int:
    """Sum a point's coordinates (TypedDict argument)."""
    return p["x"] + p["y"]


@mcp.tool()
def area(box: Box) -> float:
    """Area of a box (dataclass argument)."""
    assert isinstance(box, Box)
    return box.width * box.height


@mcp.tool()
def shout(text: Annotated[str, Field(description="What to shout", max_length=5)]) -> str:
    """Upper-case a short text (Annotated Field argument)."""
    return text.upper()


@mcp.tool()
def older(user: User) -> User:
    """Return the user a year older (pydantic model in and out)."""
    assert isinstance(user, User)
    return User(name=user.name, age=user.age + 1)


@mcp.tool()
def numbers(n: int) -> list[int]:
    """The numbers below n (list output)."""
    return list(range(n))


@mcp.tool()
def make_point(x: int, y: int) -> Point:
    """A TypedDict output."""
    return {"x": x, "y": y}


@mcp.tool()
def word_lengths(words: list[str]) -> dict[str, int]:
    """A dict[str, int] output."""
    return {w: len(w) for w in words}


@mcp.tool()
def bare_dict(key: str) -> dict:  # type: ignore[type-arg] - a bare dict: no output schema
    """A bare dict output."""
    return {"key": key, "nested": {"n": 1}}


@mcp.tool()
def no_annotation(text: str):  # unannotated: unstructured output
    """No return annotation."""
    return f"plain {text}"


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


@mcp.tool()
def image() -> Image:
    """An Image helper result."""
    return Image(data=PNG, format="png")


@mcp.tool(name="renamed", description="A tool registered under another name.")
def original_name(x: int) -> int:
    return x * 10


@mcp.tool(title="A Titled Tool", annotations=ToolAnnotations(readOnlyHint=True))
def titled() -> str:
    """Has a title and annotations."""
    return "t"


@mcp.tool()
def maybe(text: Optional[str] = None) -> Optional[str]:  # noqa: UP045
    """An Optional result: None is wrapped too."""
    return text


@mcp.tool(structured_output=False)
def unstructured(n: int) -> int:
    """structured_output=False: text only."""
    return n * 2


# --- errors --------------------------------------------------------------------------------------

@mcp.tool()
def boom() -> str:
    """Raises ValueError."""
    raise ValueError("kaboom")


@mcp.tool()
def tool_error() -> str:
    """Raises ToolError."""
    raise ToolError("told you")


@mcp.tool()
def rpc_fail() -> str:
    """Raises the SDK's McpError/MCPError."""
    raise rpc_error(-32602, "bad input")


async def _later(text: str) -> str:
    return f"later {text}"


@mcp.tool()
def sync_coroutine(text: str) -> str:
    """A plain def that returns a coroutine: fastmcp awaits it, mcp 1.x and 2.x do not."""
    return _later(text)  # type: ignore[return-value]


@mcp.tool()
def fetch(url: AnyUrl) -> str:
    """An argument the schema lets through ("format": "uri") but conversion may refuse."""
    return str(url)


# --- sync tools on worker threads ----------------------------------------------------------------

STARTED = threading.Event()
RELEASE = threading.Event()


@mcp.tool()
def slow_sync(timeout: float) -> str:
    """Blocks its thread until `release` is called (or `timeout` seconds pass)."""
    STARTED.set()
    released = RELEASE.wait(timeout)
    STARTED.clear()
    RELEASE.clear()
    return "released" if released else "timed out"


@mcp.tool()
async def wait_started(timeout: float) -> bool:
    """Waits, on the event loop, until `slow_sync` is running (bounded by `timeout`)."""
    for _ in range(int(timeout * 100)):
        if STARTED.is_set():
            return True
        await asyncio.sleep(0.01)
    return STARTED.is_set()


@mcp.tool()
async def release() -> str:
    """Releases `slow_sync`."""
    RELEASE.set()
    return "ok"


@mcp.tool()
async def quick(text: str) -> str:
    """An async tool that answers at once."""
    return f"quick {text}"


@mcp.tool()
def thread_kind() -> str:
    """Which thread a sync tool runs on."""
    return "main" if threading.current_thread() is threading.main_thread() else "worker"


# --- context --------------------------------------------------------------------------------------

@mcp.tool()
async def lifespan_value(ctx: Context) -> str:
    """What the lifespan yielded."""
    lc = ctx.request_context.lifespan_context
    return f"{lc['db']} {lc['server_name']}"


@mcp.tool()
async def log_all(ctx: Context) -> str:
    """One message at each level."""
    await ctx.debug("debug msg")
    await ctx.info("info msg")
    await ctx.warning("warning msg")
    await ctx.error("error msg")
    return "logged"


@mcp.tool()
async def log_named(ctx: Context) -> str:
    """A log message with a logger name."""
    await ctx.log("warning", "named msg", logger_name="my.logger")
    return "logged"


@mcp.tool()
async def progress(steps: int, ctx: Context) -> str:
    """Reports progress `steps` times."""
    for i in range(steps):
        await ctx.report_progress(i + 1, steps, f"step {i + 1}")
        await asyncio.sleep(0)
    return "done"


@mcp.tool()
async def read_config(ctx: Context) -> str:
    """Reads this server's own resources through the context."""
    fixed = list(await ctx.read_resource("config://app"))
    templ = list(await ctx.read_resource("users://7/profile"))
    return f"{fixed[0].content}|{templ[0].content}"


@mcp.tool()
async def ask(kind: str, ctx: Context) -> dict[str, Any]:
    """Elicits a Contact (kind='model') or a Size (kind='dataclass')."""
    schema = Contact if kind == "model" else Size
    result = await ctx.elicit(message=f"Please fill in a {schema.__name__}", schema=schema)
    out: dict[str, Any] = {"action": result.action}
    if result.action == "accept":
        data = result.data
        out["type"] = type(data).__name__
        out["data"] = data.model_dump() if isinstance(data, BaseModel) else vars(data)
    return out


@mcp.tool()
async def sample(prompt: str, ctx: Context) -> str:
    """Asks the client's model through `ctx.session.create_message`."""
    result = await ctx.session.create_message(
        messages=[SamplingMessage(role="user", content=TextContent(type="text", text=prompt))],
        max_tokens=50, system_prompt="Be brief.")
    content = result.content
    return f"{result.model}: {content.text}"


@mcp.tool()
async def whoami(ctx: Context) -> dict[str, Any]:
    """The request id and whether a session is attached."""
    return {"request_id": ctx.request_id, "request_id_type": type(ctx.request_id).__name__,
            "has_session": ctx.session is not None,
            "same_as_request_context": ctx.session is ctx.request_context.session}


# --- registration at run time --------------------------------------------------------------------

def multiply(a: int, b: int) -> int:
    """Added with add_tool."""
    return a * b


def doomed() -> str:
    """Added and then removed before the server starts."""
    return "should not be callable"


mcp.add_tool(multiply)
mcp.add_tool(doomed)
mcp.remove_tool("doomed")


def _late(text: str) -> str:
    """Added while the server runs."""
    return f"late {text}"


@mcp.tool()
def register_late() -> str:
    """Adds the tool `late`."""
    mcp.add_tool(_late, name="late")
    return "added"


@mcp.tool()
def unregister_late() -> str:
    """Removes the tool `late`."""
    mcp.remove_tool("late")
    return "removed"


# --- resources ------------------------------------------------------------------------------------

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
    return b"\x00\x01\x02\xff"


@mcp.resource("data://settings", mime_type="application/json")
async def settings() -> dict[str, Any]:
    """A JSON resource from an async function."""
    return {"theme": "dark", "size": 3}


@mcp.resource("data://broken")
def broken() -> str:
    """Always fails."""
    raise ValueError("disk on fire")


@mcp.resource("data://gone")
def gone() -> str:
    """Fails with the SDK's ResourceError."""
    raise ResourceError("gone away")


# --- prompts and completion -----------------------------------------------------------------------

@mcp.prompt()
def review(code: str, language: str = "python") -> str:
    """Review some code."""
    return f"Please review this {language} code:\n{code}"


@mcp.prompt(name="greeting", description="Greets someone.")
def greeting_prompt(who: str) -> list[dict[str, Any]]:
    return [{"role": "user", "content": {"type": "text", "text": f"Hello {who}"}},
            {"role": "assistant", "content": {"type": "text", "text": "Hi!"}}]


@mcp.prompt()
def bad_prompt() -> str:
    """Always fails."""
    raise ValueError("prompt on fire")


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


LANGUAGES = ["go", "python", "rust", "ruby"]


@mcp.completion()
async def complete(ref: Any, argument: Any, context: Any) -> Completion | None:
    if isinstance(ref, PromptReference) and ref.name == "review" and argument.name == "language":
        return Completion(values=[x for x in LANGUAGES if x.startswith(argument.value)],
                          total=len(LANGUAGES), hasMore=False)
    if isinstance(ref, ResourceTemplateReference) and argument.name == "user_id":
        prefix = (context.arguments or {}).get("prefix", "") if context is not None else ""
        return Completion(values=[f"{prefix}{argument.value}1", f"{prefix}{argument.value}2"])
    return None


if __name__ == "__main__":
    mcp.run()
