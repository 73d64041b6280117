"""A fastmcp 4 server using the names published fastmcp servers import beyond ``FastMCP``:
middleware, ``get_context``, ``Tool.from_function``, ``ToolResult``, resource objects and
templates, ``ResourceSecurity``, ``Prompt.from_function`` and ``Message``, ``Image``.

It runs unmodified on the real fastmcp and under ``python -m ferromcp run``
(``tests/python/test_fastmcp_names.py`` compares the answers)."""

from __future__ import annotations

import os
from typing import Any

from fastmcp import FastMCP
from fastmcp.exceptions import ToolError
from fastmcp.prompts import Message, Prompt
from fastmcp.resources import (
    FunctionResource,
    ResourceSecurity,
    ResourceTemplate,
    TextResource,
)
from fastmcp.server.context import Context
from fastmcp.server.dependencies import get_context, get_http_headers
from fastmcp.server.middleware import CallNext, Middleware, MiddlewareContext
from fastmcp.tools import Tool, ToolResult
from fastmcp.utilities.types import Image

#: What the middleware saw, in order (read back by the ``seen`` tool).
SEEN: list[str] = []


class Recorder(Middleware):
    """Records the hooks it runs, outermost."""

    async def on_message(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any]
                         ) -> Any:
        SEEN.append(f"message:{context.method}")
        return await call_next(context)

    async def on_request(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any]
                         ) -> Any:
        SEEN.append(f"request:{context.method}")
        return await call_next(context)

    async def on_call_tool(self, context: MiddlewareContext[Any],
                           call_next: CallNext[Any, Any]) -> Any:
        SEEN.append(f"call:{context.message.name}")
        return await call_next(context)


class Policy(Middleware):
    """Hides tools tagged ``hidden``, rewrites arguments, decorates results, answers failures."""

    async def on_list_tools(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Any:
        tools = await call_next(context)
        return [t for t in tools if "hidden" not in t.tags]

    async def on_call_tool(self, context: MiddlewareContext[Any],
                           call_next: CallNext[Any, Any]) -> Any:
        message = context.message
        if message.name == "blocked":
            raise ToolError("blocked by policy")
        if message.name == "shout":
            args = dict(message.arguments or {})
            args["text"] = args.get("text", "") + "!"
            context = context.copy(message=message.model_copy(update={"arguments": args}))
        try:
            result = await call_next(context)
        except ToolError as e:
            if message.name == "recovered":
                text = f"recovered from: {e}"
                return ToolResult(content=text, structured_content={"result": text})
            raise
        if message.name == "shout":
            result.content[0].text = result.content[0].text.upper()
        return result

    async def on_list_prompts(self, context: MiddlewareContext[Any],
                              call_next: CallNext[Any, Any]) -> Any:
        prompts = await call_next(context)
        return sorted(prompts, key=lambda p: p.name)

    async def on_read_resource(self, context: MiddlewareContext[Any],
                               call_next: CallNext[Any, Any]) -> Any:
        result = await call_next(context)
        if str(context.message.uri) == "text://motto":
            result.contents[0].content = result.contents[0].content + " (checked)"
        return result


#: ``NAMES_NO_SECURITY=1``: templates unchecked (``resource_security=None``).
SECURITY: dict[str, Any] = (
    {"resource_security": None} if os.environ.get("NAMES_NO_SECURITY") else {})
mcp = FastMCP("names", middleware=[Recorder()], **SECURITY)
mcp.add_middleware(Policy())


@mcp.tool
def shout(text: str) -> str:
    """Echoes text."""
    return text


@mcp.tool
def nothing_found():  # noqa: ANN201 - unannotated on purpose: no output schema
    """An empty list: no content blocks at all."""
    return []


@mcp.tool
async def remember(value: str, ctx: Context) -> str:
    """Keeps a value for the session (and one for this request only)."""
    await ctx.set_state("value", {"kept": value, "as": ("a", "tuple")})
    await ctx.set_state("client", object(), serializable=False)
    assert await ctx.get_state("client") is not None
    return "kept"


@mcp.tool
async def recall(ctx: Context) -> str:
    """What the session kept; the request-only value is gone."""
    return repr([await ctx.get_state("value"), await ctx.get_state("client"),
                 await ctx.get_state("never set"), len(ctx.session_id) > 0])


@mcp.tool
async def forget(ctx: Context) -> str:
    """Deletes the kept value."""
    await ctx.delete_state("value")
    return repr(await ctx.get_state("value"))


@mcp.tool
async def about_request(ctx: Context) -> str:
    """fastmcp's extra Context members."""
    return repr([ctx.transport, ctx.origin_request_id, ctx.is_background_task, ctx.task_id,
                 ctx.client_supports_extension("io.example/none"),
                 ctx.client_extension_settings("io.example/none"),
                 sorted(str(r.uri) for r in await ctx.list_resources()),
                 sorted(p.name for p in await ctx.list_prompts()),
                 (await ctx.get_prompt("review", {"code": "x = 1"})).messages[0].role])


@mcp.tool
async def remember_unserializable(ctx: Context) -> str:
    """A value the store cannot keep."""
    await ctx.set_state("bad", object())
    return "never"


@mcp.tool(tags={"hidden"})
def secret() -> str:
    """Not listed."""
    return "s"


@mcp.tool
def blocked() -> str:
    """Refused by middleware."""
    return "never"


@mcp.tool
def recovered() -> str:
    """Fails; middleware answers instead."""
    raise ToolError("tool broke")


@mcp.tool
def broken() -> str:
    """Fails."""
    raise ValueError("plain failure")


@mcp.tool
def seen() -> list[str]:
    """What the middleware saw so far."""
    return list(SEEN)


@mcp.tool
async def whoami(ctx: Context) -> str:
    """Asks the context through get_context()."""
    same = get_context().request_id == ctx.request_id
    return f"{get_context().fastmcp.name}:{same}:{get_http_headers()}"


@mcp.tool
def rich(n: int) -> ToolResult:
    """Answers a ToolResult."""
    return ToolResult(content=f"n={n}", structured_content={"n": n, "double": n * 2},
                      meta={"origin": "rich"})


@mcp.tool
def picture() -> str:
    """A data URI of a tiny image."""
    return Image(data=b"\x89PNG", format="png").to_data_uri()


def multiply(a: int, b: int = 2) -> int:
    """Multiplies a by b."""
    return a * b


mcp.add_tool(Tool.from_function(multiply, name="times", tags={"math"}))

mcp.add_resource(TextResource(uri="text://motto", name="motto", text="be quick",
                              description="The motto."))


def _config() -> dict[str, Any]:
    return {"mode": "fast"}


mcp.add_resource(FunctionResource.from_function(_config, uri="data://config", name="config"))


def _file(path: str) -> str:
    return f"contents of {path}"


mcp.add_template(ResourceTemplate.from_function(_file, uri_template="file://docs/{path}",
                                                name="doc"))


@mcp.resource("git://diff/{ref}", security=ResourceSecurity(exempt_params={"ref"}))
def diff(ref: str) -> str:
    """A diff (refs may hold ``..``)."""
    return f"diff {ref}"


def _review(code: str) -> list[Message]:
    """Review some code."""
    return [Message(f"Please review: {code}"),
            Message({"verdict": "pending"}, role="assistant")]


mcp.add_prompt(Prompt.from_function(_review, name="review"))


@mcp.prompt
def ask(topic: str) -> str:
    """Ask about a topic."""
    return f"Tell me about {topic}"


if __name__ == "__main__":
    mcp.run()
