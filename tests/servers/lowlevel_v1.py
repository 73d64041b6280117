"""A broad low-level server in the ``mcp`` 1.x decorator style, imports changed to ``ferromcp``.

Written the way a server author writes against ``mcp`` 1.x (``@server.call_tool()``,
``server.request_context``, ``stdio_server()`` + ``server.run(...)``), so the test suite can drive
every low-level feature with the official client over real stdio pipes.

Tools that coordinate with the tests:
* ``slow`` logs ``{"event": "started", "requestId": ..., "tag": ...}`` (logger ``slow``) before it
  sleeps, so a test learns the request id it must cancel; ``stats`` reports what ran, finished
  and was cancelled.
* ``wait_for`` blocks until ``release`` opens the same key (or its own timeout passes), so tests
  can prove that requests overlap and are answered as they complete without measuring time.
"""

import asyncio
import itertools
import json
import sys
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import ferromcp.server.stdio
from ferromcp import types
from ferromcp.server import NotificationOptions, Server
from ferromcp.server.models import InitializationOptions
from ferromcp.shared.exceptions import McpError, UrlElicitationRequiredError

try:
    from ferromcp.server.lowlevel.helper_types import ReadResourceContents
except ImportError:  # the official path (mcp.server.lowlevel.helper_types); see the test suite
    from ferromcp.server.lowlevel.server import ReadResourceContents

LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]

STATE: dict[str, Any] = {
    "started": 0, "finished": 0, "cancelled": 0, "active": 0, "peak": 0,
    "subscribed": [], "unsubscribed": [], "level": None, "client_progress": [],
    "waiting": 0,
}
GATES: dict[str, asyncio.Event] = {}
# What ``track`` calls made (their results and tasks): ``tracked`` counts those still alive.
TRACKED: "weakref.WeakValueDictionary[int, Any]" = weakref.WeakValueDictionary()
TRACK_KEYS = itertools.count()


def gate(key: str) -> asyncio.Event:
    if key not in GATES:
        GATES[key] = asyncio.Event()
    return GATES[key]


@asynccontextmanager
async def lifespan(server: Server) -> AsyncIterator[dict[str, Any]]:
    yield {"db": "connected", "state": STATE}


server = Server("lowlevel-v1", instructions="Low-level 1.x test server.", lifespan=lifespan)

SUM_SCHEMA = {
    "type": "object",
    "properties": {"sum": {"type": "integer"}},
    "required": ["sum"],
}
AB_SCHEMA = {
    "type": "object",
    "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
    "required": ["a", "b"],
}
NO_ARGS: dict[str, Any] = {"type": "object", "properties": {}}


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(name="echo", description="Echoes text",
                   inputSchema={"type": "object", "properties": {"text": {"type": "string"}},
                                "required": ["text"]}),
        types.Tool(name="add", description="Adds two integers", inputSchema=AB_SCHEMA),
        types.Tool(name="fail", description="Raises ValueError", inputSchema=NO_ARGS),
        types.Tool(name="mcp_error", description="Raises McpError", inputSchema=NO_ARGS),
        types.Tool(name="slow", description="Sleeps",
                   inputSchema={"type": "object",
                                "properties": {"seconds": {"type": "number"},
                                               "tag": {"type": "string"}},
                                "required": ["seconds"]}),
        types.Tool(name="wait_for", description="Waits until released",
                   inputSchema={"type": "object",
                                "properties": {"key": {"type": "string"},
                                               "timeout": {"type": "number"}},
                                "required": ["key"]}),
        types.Tool(name="release", description="Releases wait_for(key)",
                   inputSchema={"type": "object", "properties": {"key": {"type": "string"}},
                                "required": ["key"]}),
        types.Tool(name="stats", description="Server-side counters", inputSchema=NO_ARGS),
        types.Tool(name="progress", description="Reports progress",
                   inputSchema={"type": "object", "properties": {"steps": {"type": "integer"}},
                                "required": ["steps"]}),
        types.Tool(name="log", description="Logs at every level", inputSchema=NO_ARGS),
        types.Tool(name="structured", description="Structured sum", inputSchema=AB_SCHEMA,
                   outputSchema=SUM_SCHEMA),
        types.Tool(name="bad_structured", description="Breaks its outputSchema",
                   inputSchema=NO_ARGS, outputSchema=SUM_SCHEMA),
        types.Tool(name="sample", description="Asks the client's model",
                   inputSchema={"type": "object", "properties": {"prompt": {"type": "string"}},
                                "required": ["prompt"]}),
        types.Tool(name="elicit", description="Asks the user", inputSchema=NO_ARGS),
        types.Tool(name="notify_update", description="Sends resources/updated",
                   inputSchema={"type": "object", "properties": {"uri": {"type": "string"}},
                                "required": ["uri"]}),
        types.Tool(name="lifespan", description="Reads the lifespan context", inputSchema=NO_ARGS),
        types.Tool(name="context", description="Reports the request context",
                   inputSchema=NO_ARGS),
        types.Tool(name="url_elicit", description="Needs a URL elicitation first",
                   inputSchema=NO_ARGS),
        types.Tool(name="mixed", description="Returns several content blocks",
                   inputSchema=NO_ARGS),
        types.Tool(name="roots", description="Asks the client for its roots",
                   inputSchema=NO_ARGS),
        types.Tool(name="pair", description="Returns (content, structured)", inputSchema=NO_ARGS),
        types.Tool(name="weird", description="Returns an int", inputSchema=NO_ARGS),
        types.Tool(name="whole", description="Returns a CallToolResult", inputSchema=NO_ARGS),
        types.Tool(name="track", description="Remembers its result and task weakly",
                   inputSchema=NO_ARGS),
        types.Tool(name="tracked", description="Counts what track made that is alive",
                   inputSchema=NO_ARGS),
    ]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> Any:
    ctx = server.request_context
    if name == "echo":
        return [types.TextContent(type="text", text=arguments["text"])]
    if name == "add":
        return [types.TextContent(type="text", text=str(arguments["a"] + arguments["b"]))]
    if name == "fail":
        raise ValueError("kaboom")
    if name == "mcp_error":
        raise McpError(types.ErrorData(code=-32602, message="bad input", data={"x": 1}))
    if name == "slow":
        state = ctx.lifespan_context["state"]
        state["started"] += 1
        state["active"] += 1
        state["peak"] = max(state["peak"], state["active"])
        try:
            await ctx.session.send_log_message(
                level="info",
                data={"event": "started", "requestId": ctx.request_id,
                      "tag": arguments.get("tag")},
                logger="slow",
            )
            await asyncio.sleep(arguments["seconds"])
        except asyncio.CancelledError:
            state["cancelled"] += 1
            raise
        finally:
            state["active"] -= 1
        state["finished"] += 1
        return [types.TextContent(type="text", text=f"slept {arguments.get('tag')}")]
    if name == "wait_for":
        STATE["waiting"] += 1
        try:
            await asyncio.wait_for(gate(arguments["key"]).wait(), arguments.get("timeout", 30))
        except asyncio.TimeoutError:
            return types.CallToolResult(
                content=[types.TextContent(type="text", text="timed out")], isError=True)
        finally:
            STATE["waiting"] -= 1
        return [types.TextContent(type="text", text=f"released {arguments['key']}")]
    if name == "release":
        gate(arguments["key"]).set()
        return [types.TextContent(type="text", text="ok")]
    if name == "stats":
        return [types.TextContent(type="text", text=json.dumps(STATE))]
    if name == "progress":
        token = ctx.meta.progressToken if ctx.meta else None
        steps = arguments["steps"]
        if token is not None:
            for i in range(1, steps + 1):
                await ctx.session.send_progress_notification(
                    progress_token=token, progress=i, total=steps, message=f"step {i}",
                    related_request_id=ctx.request_id)
        return [types.TextContent(type="text", text=f"done token={token is not None}")]
    if name == "log":
        for level in LEVELS:
            await ctx.session.send_log_message(level=level, data=f"{level} message",
                                               logger="lowlevel")
        return [types.TextContent(type="text", text="logged")]
    if name == "structured":
        return {"sum": arguments["a"] + arguments["b"]}
    if name == "bad_structured":
        return {"sum": "not a number"}
    if name == "sample":
        result = await ctx.session.create_message(
            messages=[types.SamplingMessage(
                role="user", content=types.TextContent(type="text", text=arguments["prompt"]))],
            max_tokens=64,
            system_prompt="Be brief.",
        )
        text = result.content.text if result.content.type == "text" else "?"
        return [types.TextContent(type="text", text=f"{result.model}: {text}")]
    if name == "elicit":
        result = await ctx.session.elicit(
            message="What is your name?",
            requestedSchema={"type": "object", "properties": {"name": {"type": "string"}},
                             "required": ["name"]},
        )
        return [types.TextContent(type="text",
                                  text=json.dumps({"action": result.action,
                                                   "content": result.content}))]
    if name == "notify_update":
        await ctx.session.send_resource_updated(arguments["uri"])
        return [types.TextContent(type="text", text="sent")]
    if name == "lifespan":
        return [types.TextContent(type="text", text=ctx.lifespan_context["db"])]
    if name == "context":
        meta = ctx.meta
        await asyncio.sleep(0)  # the context outlives a suspension
        return [types.TextContent(type="text", text=json.dumps({
            "requestId": ctx.request_id,
            "afterAwait": server.request_context.request_id,
            "progressToken": meta.progressToken if meta is not None else None,
        }))]
    if name == "url_elicit":
        raise UrlElicitationRequiredError([{"mode": "url", "message": "Sign in",
                                            "url": "https://example.com/login",
                                            "elicitationId": "e1"}])
    if name == "mixed":
        return [
            types.TextContent(type="text", text="first"),
            types.ImageContent(type="image", data="iVBORw0KGgo=", mimeType="image/png"),
            types.EmbeddedResource(type="resource", resource=types.TextResourceContents(
                uri="memo://text", mimeType="text/plain", text="embedded")),
        ]
    if name == "pair":
        return [types.TextContent(type="text", text="unstructured")], {"k": [1, 2]}
    if name == "weird":
        return 5
    if name == "whole":
        return types.CallToolResult(content=[types.TextContent(type="text", text="whole")],
                                    structuredContent={"w": True}, isError=False)
    if name == "track":
        block = types.TextContent(type="text", text="tracked")
        TRACKED[next(TRACK_KEYS)] = block
        TRACKED[next(TRACK_KEYS)] = asyncio.current_task()
        return [block]
    if name == "tracked":
        return [types.TextContent(type="text", text=str(len(TRACKED)))]
    if name == "roots":
        result = await ctx.session.list_roots()
        return [types.TextContent(type="text", text=json.dumps(
            [{"uri": str(root.uri), "name": root.name} for root in result.roots]))]
    raise ValueError(f"Unknown tool: {name}")


# --- resources ---------------------------------------------------------------------------------

@server.list_resources()
async def list_resources() -> list[types.Resource]:
    return [
        types.Resource(uri="memo://text", name="text", description="Markdown text",
                       mimeType="text/markdown"),
        types.Resource(uri="memo://binary", name="binary", mimeType="image/png"),
        types.Resource(uri="memo://str", name="str"),
        types.Resource(uri="memo://bytes", name="bytes"),
        types.Resource(uri="memo://multi", name="multi"),
    ]


@server.list_resource_templates()
async def list_resource_templates() -> list[types.ResourceTemplate]:
    return [types.ResourceTemplate(uriTemplate="users://{id}/profile", name="profile",
                                   description="A user's profile", mimeType="application/json")]


@server.read_resource()
async def read_resource(uri: Any) -> Any:
    if str(uri).startswith("parts://"):
        # mcp 1.x hands read_resource a pydantic AnyUrl; handlers use its parts.
        return f"{uri.scheme} {uri.host} {uri.path} {uri.query}"
    uri = str(uri)
    if uri == "memo://text":
        return [ReadResourceContents(content="# hello", mime_type="text/markdown")]
    if uri == "memo://binary":
        return [ReadResourceContents(content=b"\x89PNG\x00\xff", mime_type="image/png")]
    if uri == "memo://str":
        return "plain str"
    if uri == "memo://bytes":
        return b"\x00\x01raw"
    if uri == "memo://multi":
        return [ReadResourceContents(content="one", mime_type="text/plain"),
                ReadResourceContents(content=b"two", mime_type="application/x-two")]
    if uri == "memo://mcp-error":
        raise McpError(types.ErrorData(code=-32002, message=f"Resource not found: {uri}",
                                       data={"uri": uri}))
    if uri.startswith("users://") and uri.endswith("/profile"):
        user_id = uri[len("users://"):-len("/profile")]
        return [ReadResourceContents(content=json.dumps({"id": user_id}),
                                     mime_type="application/json")]
    raise ValueError(f"Unknown resource: {uri}")


@server.subscribe_resource()
async def subscribe(uri: Any) -> None:
    STATE["subscribed"].append(str(uri))


@server.unsubscribe_resource()
async def unsubscribe(uri: Any) -> None:
    STATE["unsubscribed"].append(str(uri))


# --- prompts and completion --------------------------------------------------------------------

@server.list_prompts()
async def list_prompts() -> list[types.Prompt]:
    return [
        types.Prompt(name="greet", description="Greets someone", arguments=[
            types.PromptArgument(name="name", description="Who to greet", required=True),
            types.PromptArgument(name="style", description="How", required=False),
        ]),
        types.Prompt(name="plain", description="No arguments"),
    ]


@server.get_prompt()
async def get_prompt(name: str, arguments: dict[str, str] | None) -> types.GetPromptResult:
    if name == "greet":
        arguments = arguments or {}
        if "name" not in arguments:
            raise ValueError("Missing required argument: name")
        style = arguments.get("style", "friendly")
        return types.GetPromptResult(
            description=f"A {style} greeting",
            messages=[
                types.PromptMessage(role="user", content=types.TextContent(
                    type="text", text=f"Greet {arguments['name']} in a {style} way.")),
                types.PromptMessage(role="assistant", content=types.TextContent(
                    type="text", text="Sure.")),
            ],
        )
    if name == "plain":
        return types.GetPromptResult(messages=[types.PromptMessage(
            role="user", content=types.TextContent(type="text", text="plain prompt"))])
    raise ValueError(f"Unknown prompt: {name}")


STYLES = ["formal", "friendly", "funny"]
USER_IDS = ["1", "2", "42"]


@server.completion()
async def complete(ref: Any, argument: types.CompletionArgument,
                   context: types.CompletionContext | None) -> types.Completion | None:
    if isinstance(ref, types.PromptReference) and ref.name == "greet":
        if argument.name == "style":
            values = [s for s in STYLES if s.startswith(argument.value)]
            return types.Completion(values=values, total=len(values), hasMore=False)
        if argument.name == "name":
            known = (context.arguments or {}) if context is not None else {}
            base = known.get("style", "")
            return types.Completion(values=[f"{base}-{argument.value}".strip("-")])
    if isinstance(ref, types.ResourceTemplateReference) and ref.uri == "users://{id}/profile":
        return types.Completion(values=[i for i in USER_IDS if i.startswith(argument.value)])
    return None


# --- logging and client progress ---------------------------------------------------------------

@server.set_logging_level()
async def set_level(level: types.LoggingLevel) -> None:
    STATE["level"] = level


@server.progress_notification()
async def on_progress(progress_token: Any, progress: float, total: float | None,
                      message: str | None) -> None:
    STATE["client_progress"].append([progress_token, progress, total, message])


async def main() -> None:
    async with ferromcp.server.stdio.stdio_server() as (read_stream, write_stream):
        await server.run(
            read_stream,
            write_stream,
            InitializationOptions(
                server_name="lowlevel-v1",
                server_version="1.2.3",
                capabilities=server.get_capabilities(
                    notification_options=NotificationOptions(tools_changed=True),
                    experimental_capabilities={"x-test": {"on": True}},
                ),
                instructions="Low-level 1.x test server.",
            ),
        )


if __name__ == "__main__":
    print("lowlevel_v1 starting", file=sys.stderr)  # noqa: T201 - stderr noise must be harmless
    asyncio.run(main())
