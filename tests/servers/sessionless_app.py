"""An ``mcp`` 2.x ``MCPServer`` written for the official SDK, unmodified, for
tests/python/test_sessionless.py: run as it is (the official SDK) or with ``python -m ferromcp
run`` (ferromcp), over stdio or Streamable HTTP (``--port N``). Its tools stream progress and
logs, ask the client for input across rounds with sealed state, and announce list changes."""

import argparse
import asyncio

from mcp.server.mcpserver import Context, MCPServer, RequestStateSecurity
from mcp.server.subscriptions import InMemorySubscriptionBus, ResourceUpdated
from mcp.types import (
    ElicitRequest,
    ElicitRequestFormParams,
    ElicitResult,
    InputRequiredResult,
)

bus = InMemorySubscriptionBus()
mcp = MCPServer("sessionless-app", version="1.0.0", instructions="Answers both eras.",
                request_state_security=RequestStateSecurity(keys=[b"k" * 32]), subscriptions=bus)
pending: set[asyncio.Task[None]] = set()


@mcp.tool()
async def echo(text: str, ctx: Context) -> str:
    """Echoes, reporting progress and logging on the way."""
    await ctx.report_progress(1, 2, "half")
    await ctx.info(f"echo {text}")
    return text


@mcp.tool()
async def greet(ctx: Context) -> str | InputRequiredResult:
    """Asks for a name, then for a greeting word, then greets."""
    answers = ctx.input_responses or {}
    state = ctx.request_state
    if state is None:
        return InputRequiredResult(input_requests={"name": _ask("Name?", "name")},
                                   request_state="asked-name")
    if state == "asked-name" and isinstance(answers.get("name"), ElicitResult):
        name = answers["name"].content["name"]
        return InputRequiredResult(input_requests={"word": _ask("Greeting?", "word")},
                                   request_state=f"name={name}")
    if state.startswith("name=") and isinstance(answers.get("word"), ElicitResult):
        return f"{answers['word'].content['word']}, {state[5:]}!"
    return InputRequiredResult(input_requests={"name": _ask("Name?", "name")},
                               request_state="asked-name")


@mcp.tool()
async def change(ctx: Context) -> str:
    """Announces that the tool list changed."""
    await ctx.notify_tools_changed()
    return "changed"


@mcp.tool()
async def touch_later() -> str:
    """Announces, after answering, that res://a changed: a publish outside any request."""
    async def later() -> None:
        await asyncio.sleep(0.05)
        await bus.publish(ResourceUpdated(uri="res://a"))
    task = asyncio.get_running_loop().create_task(later())
    pending.add(task)
    task.add_done_callback(pending.discard)
    return "later"


@mcp.resource("res://a")
def resource_a() -> str:
    return "A"


def _ask(message: str, field: str) -> ElicitRequest:
    schema = {"type": "object", "properties": {field: {"type": "string"}}, "required": [field]}
    return ElicitRequest(params=ElicitRequestFormParams(message=message, requested_schema=schema))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    if args.port is None:
        mcp.run()
    else:
        mcp.run("streamable-http", host="127.0.0.1", port=args.port)
