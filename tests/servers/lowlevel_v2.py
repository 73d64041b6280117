"""The low-level test server again, in the ``mcp`` 2.x style: ``Server(name, on_*=...)`` with
``async (ctx, params)`` handlers returning whole result models, imports changed to ``ferromcp``.

Same tools, resources and prompts as ``lowlevel_v1.py`` (see there for how tests use ``slow``,
``wait_for``/``release`` and ``stats``). Where the generations answer differently on the wire
(a tool that raises), this server answers as ``mcp`` 2.x does.
"""

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from ferromcp import types
from ferromcp.server import Server, ServerRequestContext
from ferromcp.server.stdio import stdio_server
from ferromcp.shared.exceptions import MCPError

LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]

STATE: dict[str, Any] = {
    "started": 0, "finished": 0, "cancelled": 0, "active": 0, "peak": 0,
    "subscribed": [], "unsubscribed": [], "level": None, "client_progress": [],
    "waiting": 0,
}
GATES: dict[str, asyncio.Event] = {}


def gate(key: str) -> asyncio.Event:
    if key not in GATES:
        GATES[key] = asyncio.Event()
    return GATES[key]


@asynccontextmanager
async def lifespan(server: Server) -> AsyncIterator[dict[str, Any]]:
    yield {"db": "connected-v2", "state": STATE}


SUM_SCHEMA = {"type": "object", "properties": {"sum": {"type": "integer"}}, "required": ["sum"]}
AB_SCHEMA = {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
             "required": ["a", "b"]}
NO_ARGS: dict[str, Any] = {"type": "object", "properties": {}}


def text(value: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=value)])


TOOLS = [
    types.Tool(name="echo", description="Echoes text",
               input_schema={"type": "object", "properties": {"text": {"type": "string"}},
                             "required": ["text"]}),
    types.Tool(name="add", description="Adds two integers", input_schema=AB_SCHEMA),
    types.Tool(name="fail", description="Raises ValueError", input_schema=NO_ARGS),
    types.Tool(name="mcp_error", description="Raises MCPError", input_schema=NO_ARGS),
    types.Tool(name="is_error", description="Returns an isError result", input_schema=NO_ARGS),
    types.Tool(name="slow", description="Sleeps",
               input_schema={"type": "object", "properties": {"seconds": {"type": "number"},
                                                              "tag": {"type": "string"}},
                             "required": ["seconds"]}),
    types.Tool(name="wait_for", description="Waits until released",
               input_schema={"type": "object", "properties": {"key": {"type": "string"},
                                                              "timeout": {"type": "number"}},
                             "required": ["key"]}),
    types.Tool(name="release", description="Releases wait_for(key)",
               input_schema={"type": "object", "properties": {"key": {"type": "string"}},
                             "required": ["key"]}),
    types.Tool(name="stats", description="Server-side counters", input_schema=NO_ARGS),
    types.Tool(name="progress", description="Reports progress",
               input_schema={"type": "object", "properties": {"steps": {"type": "integer"}},
                             "required": ["steps"]}),
    types.Tool(name="log", description="Logs at every level", input_schema=NO_ARGS),
    types.Tool(name="structured", description="Structured sum", input_schema=AB_SCHEMA,
               output_schema=SUM_SCHEMA),
    types.Tool(name="bad_structured", description="Breaks its outputSchema",
               input_schema=NO_ARGS, output_schema=SUM_SCHEMA),
    types.Tool(name="sample", description="Asks the client's model",
               input_schema={"type": "object", "properties": {"prompt": {"type": "string"}},
                             "required": ["prompt"]}),
    types.Tool(name="elicit", description="Asks the user", input_schema=NO_ARGS),
    types.Tool(name="notify_update", description="Sends resources/updated",
               input_schema={"type": "object", "properties": {"uri": {"type": "string"}},
                             "required": ["uri"]}),
    types.Tool(name="lifespan", description="Reads the lifespan context", input_schema=NO_ARGS),
    types.Tool(name="context", description="Reports the request context", input_schema=NO_ARGS),
    types.Tool(name="arguments", description="Reports the arguments it got",
               input_schema=NO_ARGS),
    types.Tool(name="roots", description="Asks the client for its roots", input_schema=NO_ARGS),
    types.Tool(name="as_dict", description="Returns a plain dict result", input_schema=NO_ARGS),
    types.Tool(name="bare_list", description="Returns a bare content list (not a result)",
               input_schema=NO_ARGS),
    types.Tool(name="returns_str", description="Returns a str (not a result)",
               input_schema=NO_ARGS),
    types.Tool(name="returns_none", description="Returns None (not a CallToolResult)",
               input_schema=NO_ARGS),
    types.Tool(name="no_content", description="Returns a dict without content",
               input_schema=NO_ARGS),
]


async def list_tools(ctx: ServerRequestContext, params: types.PaginatedRequestParams | None
                     ) -> types.ListToolsResult:
    return types.ListToolsResult(tools=TOOLS)


async def call_tool(ctx: ServerRequestContext, params: types.CallToolRequestParams
                    ) -> types.CallToolResult:
    name, args = params.name, params.arguments or {}
    if name == "echo":
        return text(args["text"])
    if name == "add":
        return text(str(args["a"] + args["b"]))
    if name == "fail":
        raise ValueError("kaboom")
    if name == "mcp_error":
        raise MCPError(code=-32602, message="bad input", data={"x": 1})
    if name == "is_error":
        return types.CallToolResult(content=[types.TextContent(type="text", text="nope")],
                                    is_error=True)
    if name == "slow":
        state = ctx.lifespan_context["state"]
        state["started"] += 1
        state["active"] += 1
        state["peak"] = max(state["peak"], state["active"])
        try:
            await ctx.session.send_log_message(
                level="info", data={"event": "started", "requestId": ctx.request_id,
                                    "tag": args.get("tag")}, logger="slow")
            await asyncio.sleep(args["seconds"])
        except asyncio.CancelledError:
            state["cancelled"] += 1
            raise
        finally:
            state["active"] -= 1
        state["finished"] += 1
        return text(f"slept {args.get('tag')}")
    if name == "wait_for":
        STATE["waiting"] += 1
        try:
            await asyncio.wait_for(gate(args["key"]).wait(), args.get("timeout", 30))
        except asyncio.TimeoutError:
            return types.CallToolResult(content=[types.TextContent(type="text", text="timed out")],
                                        is_error=True)
        finally:
            STATE["waiting"] -= 1
        return text(f"released {args['key']}")
    if name == "release":
        gate(args["key"]).set()
        return text("ok")
    if name == "stats":
        return text(json.dumps(STATE))
    if name == "progress":
        steps = args["steps"]
        for i in range(1, steps + 1):
            await ctx.session.report_progress(i, total=steps, message=f"step {i}")
        token = ctx.meta.get("progress_token") if ctx.meta is not None else None
        return text(f"done token={token is not None}")
    if name == "log":
        for level in LEVELS:
            await ctx.session.send_log_message(level=level, data=f"{level} message",
                                               logger="lowlevel")
        return text("logged")
    if name == "structured":
        total = args["a"] + args["b"]
        return types.CallToolResult(content=[types.TextContent(type="text", text=str(total))],
                                    structured_content={"sum": total})
    if name == "bad_structured":
        return types.CallToolResult(content=[types.TextContent(type="text", text="?")],
                                    structured_content={"sum": "not a number"})
    if name == "sample":
        result = await ctx.session.create_message(
            messages=[types.SamplingMessage(
                role="user", content=types.TextContent(type="text", text=args["prompt"]))],
            max_tokens=64, system_prompt="Be brief.")
        reply = result.content.text if result.content.type == "text" else "?"
        return text(f"{result.model}: {reply}")
    if name == "elicit":
        result = await ctx.session.elicit(
            message="What is your name?",
            requested_schema={"type": "object", "properties": {"name": {"type": "string"}},
                              "required": ["name"]})
        return text(json.dumps({"action": result.action, "content": result.content}))
    if name == "notify_update":
        await ctx.session.send_resource_updated(args["uri"])
        return text("sent")
    if name == "lifespan":
        return text(ctx.lifespan_context["db"])
    if name == "context":
        meta = ctx.meta
        return text(json.dumps({
            "requestId": ctx.request_id,
            "progressToken": meta.get("progress_token") if meta is not None else None,
            "hasToken": meta is not None and "progress_token" in meta,
            "method": ctx.method,
            "protocolVersion": ctx.protocol_version,
        }))
    if name == "arguments":
        return text(json.dumps({"arguments": params.arguments}))
    if name == "as_dict":
        return {"content": [{"type": "text", "text": "from a dict"}], "isError": False}
    if name == "bare_list":
        return [types.TextContent(type="text", text="not a result")]
    if name == "returns_str":
        return "not a result"
    if name == "returns_none":
        return None
    if name == "no_content":
        return {"isError": False}
    if name == "roots":
        result = await ctx.session.list_roots()
        return text(json.dumps([{"uri": str(root.uri), "name": root.name}
                                for root in result.roots]))
    raise ValueError(f"Unknown tool: {name}")


# --- resources ---------------------------------------------------------------------------------

async def list_resources(ctx: ServerRequestContext, params: types.PaginatedRequestParams | None
                         ) -> types.ListResourcesResult:
    return types.ListResourcesResult(resources=[
        types.Resource(uri="memo://text", name="text", description="Markdown text",
                       mime_type="text/markdown"),
        types.Resource(uri="memo://binary", name="binary", mime_type="image/png"),
    ])


async def list_resource_templates(ctx: ServerRequestContext,
                                  params: types.PaginatedRequestParams | None
                                  ) -> types.ListResourceTemplatesResult:
    return types.ListResourceTemplatesResult(resource_templates=[types.ResourceTemplate(
        uri_template="users://{id}/profile", name="profile", description="A user's profile",
        mime_type="application/json")])


async def read_resource(ctx: ServerRequestContext, params: types.ReadResourceRequestParams
                        ) -> types.ReadResourceResult:
    uri = str(params.uri)
    if uri == "memo://text":
        return types.ReadResourceResult(contents=[types.TextResourceContents(
            uri=uri, mime_type="text/markdown", text="# hello")])
    if uri == "memo://binary":
        return types.ReadResourceResult(contents=[types.BlobResourceContents(
            uri=uri, mime_type="image/png", blob="iVBORwD/")])
    if uri.startswith("users://") and uri.endswith("/profile"):
        user_id = uri[len("users://"):-len("/profile")]
        return types.ReadResourceResult(contents=[types.TextResourceContents(
            uri=uri, mime_type="application/json", text=json.dumps({"id": user_id}))])
    raise MCPError(code=-32602, message=f"Unknown resource: {uri}", data={"uri": uri})


async def subscribe(ctx: ServerRequestContext, params: types.SubscribeRequestParams
                    ) -> types.EmptyResult:
    STATE["subscribed"].append(str(params.uri))
    return types.EmptyResult()


async def unsubscribe(ctx: ServerRequestContext, params: types.UnsubscribeRequestParams
                      ) -> types.EmptyResult:
    STATE["unsubscribed"].append(str(params.uri))
    return types.EmptyResult()


# --- prompts and completion --------------------------------------------------------------------

async def list_prompts(ctx: ServerRequestContext, params: types.PaginatedRequestParams | None
                       ) -> types.ListPromptsResult:
    return types.ListPromptsResult(prompts=[
        types.Prompt(name="greet", description="Greets someone", arguments=[
            types.PromptArgument(name="name", description="Who to greet", required=True),
            types.PromptArgument(name="style", description="How", required=False),
        ]),
    ])


async def get_prompt(ctx: ServerRequestContext, params: types.GetPromptRequestParams
                     ) -> types.GetPromptResult:
    if params.name != "greet":
        raise ValueError(f"Unknown prompt: {params.name}")
    arguments = params.arguments or {}
    if "name" not in arguments:
        raise MCPError(code=-32602, message="Missing required argument: name")
    style = arguments.get("style", "friendly")
    return types.GetPromptResult(
        description=f"A {style} greeting",
        messages=[types.PromptMessage(role="user", content=types.TextContent(
            type="text", text=f"Greet {arguments['name']} in a {style} way."))],
    )


STYLES = ["formal", "friendly", "funny"]


async def complete(ctx: ServerRequestContext, params: types.CompleteRequestParams
                   ) -> types.CompleteResult:
    ref, argument = params.ref, params.argument
    if isinstance(ref, types.PromptReference) and ref.name == "greet" and argument.name == "style":
        values = [s for s in STYLES if s.startswith(argument.value)]
        return types.CompleteResult(completion=types.Completion(values=values, total=len(values),
                                                                has_more=False))
    if isinstance(ref, types.ResourceTemplateReference) and argument.name == "id":
        known = (params.context.arguments or {}) if params.context is not None else {}
        return types.CompleteResult(completion=types.Completion(
            values=[f"{argument.value}{known.get('suffix', '')}"]))
    return types.CompleteResult(completion=types.Completion(values=[]))


async def set_level(ctx: ServerRequestContext, params: types.SetLevelRequestParams
                    ) -> types.EmptyResult:
    STATE["level"] = params.level
    return types.EmptyResult()


async def on_progress(ctx: ServerRequestContext, params: types.ProgressNotificationParams) -> None:
    STATE["client_progress"].append([params.progress_token, params.progress, params.total,
                                     params.message])


server = Server(
    "lowlevel-v2",
    version="2.0.0",
    title="Low-level 2.x",
    description="Answers the test suite in the 2.x style.",
    instructions="Low-level 2.x test server.",
    lifespan=lifespan,
    on_list_tools=list_tools,
    on_call_tool=call_tool,
    on_list_resources=list_resources,
    on_list_resource_templates=list_resource_templates,
    on_read_resource=read_resource,
    on_subscribe_resource=subscribe,
    on_unsubscribe_resource=unsubscribe,
    on_list_prompts=list_prompts,
    on_get_prompt=get_prompt,
    on_completion=complete,
    on_set_logging_level=set_level,
    on_progress=on_progress,
)


async def main() -> None:
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


if __name__ == "__main__":
    print("lowlevel_v2 starting", file=sys.stderr)  # noqa: T201 - stderr noise must be harmless
    asyncio.run(main())
