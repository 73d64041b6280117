"""How the core calls an author's ``EventStore``: the coroutines it runs on the server's loop,
with the official types on the author's side and JSON text on the core's."""

from __future__ import annotations

import json
from typing import Any

from ferromcp.types import JSONRPCMessage


def wire(message: Any) -> bytes:
    """A JSON-RPC message (a ``JSONRPCMessage``, one of its members, or a dict) as JSON."""
    if isinstance(message, dict):
        return json.dumps(message, separators=(",", ":")).encode()
    return message.model_dump_json(by_alias=True, exclude_unset=True).encode()


async def store(event_store: Any, args: tuple[str, bytes | None]) -> str:
    """Stores one event (no message: a priming event); its id."""
    stream_id, message = args
    parsed = None if message is None else JSONRPCMessage.model_validate_json(message)
    event_id = await event_store.store_event(stream_id, parsed)
    if not isinstance(event_id, str):
        raise TypeError(f"store_event() returned {type(event_id).__name__}, not an event id")
    return event_id


async def replay(event_store: Any,
                 last_event_id: str) -> tuple[str, list[tuple[str, bytes]]] | None:
    """The stream of ``last_event_id`` and the events after it, as the store replays them."""
    events: list[tuple[str, bytes]] = []

    async def send(event: Any) -> None:
        if event.event_id is None:
            return
        events.append((str(event.event_id), wire(event.message)))

    stream_id = await event_store.replay_events_after(last_event_id, send)
    if stream_id is None:
        return None
    return str(stream_id), events
