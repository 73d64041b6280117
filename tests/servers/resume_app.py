"""A FastMCP server with resumable Streamable HTTP streams, for tests/python/test_http_resume.py:
``resume_app.py --port N --store memory|custom``. ``memory`` is ferromcp's ``InMemoryEventStore``
(kept in the core); ``custom`` is an ``EventStore`` written here, as a server author would (its
coroutines run on the server's loop)."""

import argparse
import asyncio
from collections import deque

from ferromcp.server.fastmcp import Context, FastMCP
from ferromcp.server.streamable_http import EventMessage, EventStore, InMemoryEventStore

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--store", choices=["memory", "custom"], default="memory")
args = parser.parse_args()


class ListStore(EventStore):
    """Every event in one list; ids are positions in it."""

    def __init__(self) -> None:
        self.events: deque[tuple[str, str, object]] = deque(maxlen=10_000)
        self.stored = 0

    async def store_event(self, stream_id, message):
        self.stored += 1
        event_id = f"e{self.stored}"
        self.events.append((event_id, stream_id, message))
        await asyncio.sleep(0)
        return event_id

    async def replay_events_after(self, last_event_id, send_callback):
        ids = [e[0] for e in self.events]
        if last_event_id not in ids:
            return None
        at = ids.index(last_event_id)
        stream_id = self.events[at][1]
        for event_id, stream, message in list(self.events)[at + 1:]:
            if stream == stream_id and message is not None:
                await send_callback(EventMessage(message, event_id))
        return stream_id


store = ListStore() if args.store == "custom" else InMemoryEventStore(max_events_per_stream=100)
mcp = FastMCP("resume-app", port=args.port, event_store=store, retry_interval=50)


@mcp.tool()
def echo(text: str) -> str:
    """Echoes text."""
    return text


@mcp.tool()
async def poll(steps: int, ctx: Context) -> str:
    """Logs and reports progress; closes its stream after the first step, so the client
    reconnects and gets the rest from the event store."""
    for i in range(steps):
        await ctx.info(f"step {i}")
        await ctx.report_progress(i + 1, steps)
        if i == 0:
            await ctx.close_sse_stream()
        await asyncio.sleep(0.02)
    return "polled"


@mcp.tool()
def stored() -> int:
    """How many events the custom store took (-1 for the built-in store)."""
    return store.stored if isinstance(store, ListStore) else -1


mcp.run(transport="streamable-http")
