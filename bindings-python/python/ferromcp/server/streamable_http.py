"""``mcp.server.streamable_http``: the Streamable HTTP transport's names.

The transport itself is the core's (sessions, POST/GET/DELETE, SSE and JSON answers, the
``Mcp-Session-Id`` and ``MCP-Protocol-Version`` checks); servers reach it through
``StreamableHTTPSessionManager`` or the apps (``streamable_http_app()``). The official
``StreamableHTTPServerTransport`` — one session's transport, the official manager's building
block — is not provided: the core's service owns every session.

An ``EventStore`` given to the session manager or the apps makes streams resumable: every event
is stored before it leaves, and a client that lost a stream gets what it missed with
``Last-Event-ID``. ``InMemoryEventStore`` is ferromcp's bounded store, kept in the core.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ferromcp.server.transport_security import TransportSecuritySettings
from ferromcp.types import (
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    PARSE_ERROR,
    ErrorData,
    JSONRPCError,
    JSONRPCMessage,
    JSONRPCRequest,
    JSONRPCResponse,
)

__all__ = ["CONTENT_TYPE_JSON", "CONTENT_TYPE_SSE", "ErrorData", "EventCallback", "EventId",
           "EventMessage", "EventStore", "GET_STREAM_KEY", "INTERNAL_ERROR", "INVALID_PARAMS",
           "INVALID_REQUEST", "JSONRPCError", "JSONRPCMessage", "JSONRPCRequest",
           "JSONRPCResponse", "LAST_EVENT_ID_HEADER", "MCP_PROTOCOL_VERSION_HEADER",
           "MCP_SESSION_ID_HEADER", "PARSE_ERROR", "REQUEST_CANCELLED",
           "REQUEST_STREAM_BUFFER_SIZE", "SESSION_ID_PATTERN", "SSEEvent", "StreamId",
           "TransportSecuritySettings", "DEFAULT_NEGOTIATED_VERSION", "InMemoryEventStore"]

MCP_SESSION_ID_HEADER = "mcp-session-id"
MCP_PROTOCOL_VERSION_HEADER = "mcp-protocol-version"
LAST_EVENT_ID_HEADER = "last-event-id"
CONTENT_TYPE_JSON = "application/json"
CONTENT_TYPE_SSE = "text/event-stream"
GET_STREAM_KEY = "_GET_stream"
REQUEST_STREAM_BUFFER_SIZE = 16
DEFAULT_NEGOTIATED_VERSION = "2025-03-26"
REQUEST_CANCELLED = -32800
#: Session ids are visible ASCII (0x21–0x7E), as the specification requires.
SESSION_ID_PATTERN = re.compile(r"^[\x21-\x7E]+$")

StreamId = str
EventId = str
SSEEvent = dict[str, Any]

#: Names that come from the official package (its message plumbing, Starlette middleware).
_OFFICIAL = {"SessionMessage": "mcp.shared.message",
             "ServerMessageMetadata": "mcp.shared.message",
             "TransportSecurityMiddleware": "mcp.server.transport_security",
             # 2.x stream types and request-checking helpers (type hints, standalone use).
             **dict.fromkeys(("ContextReceiveStream", "ContextSendStream", "ReadStream",
                              "WriteStream", "check_accept_headers", "create_context_streams",
                              "is_version_at_least"), "mcp.server.streamable_http")}


@dataclass
class EventMessage:
    """A JSON-RPC message with the id of the event that carried it (for resumption)."""

    message: Any
    event_id: str | None = None


EventCallback = Callable[[EventMessage], Awaitable[None]]


class EventStore(ABC):
    """Storage of the events of SSE streams, for resumption with ``Last-Event-ID``."""

    @abstractmethod
    async def store_event(self, stream_id: StreamId, message: Any) -> EventId:
        """Stores ``message`` (None: a priming event) for ``stream_id``; returns its event id."""

    @abstractmethod
    async def replay_events_after(self, last_event_id: EventId,
                                  send_callback: EventCallback) -> StreamId | None:
        """Sends the events after ``last_event_id`` to ``send_callback``; returns their stream."""


class InMemoryEventStore(EventStore):
    """ferromcp's event store: in memory, bounded, and kept in the core, so that storing an
    event costs no call into Python.

    Args:
        max_events_per_stream: events kept per stream (the oldest dropped first); a client
            resuming from a dropped event gets nothing replayed.
        max_streams: streams kept (the oldest dropped first).
    """

    def __init__(self, max_events_per_stream: int = 1000, max_streams: int = 10_000) -> None:
        from ferromcp import _core

        if max_events_per_stream <= 0 or max_streams <= 0:
            raise ValueError("max_events_per_stream and max_streams must be positive")
        self._core = _core.MemoryEventStore(max_events_per_stream, max_streams)

    async def store_event(self, stream_id: StreamId, message: Any) -> EventId:
        from ferromcp.server._resume import wire

        return self._core.store(stream_id, None if message is None else wire(message))

    async def replay_events_after(self, last_event_id: EventId,
                                  send_callback: EventCallback) -> StreamId | None:
        found = self._core.replay(last_event_id)
        if found is None:
            return None
        stream_id, events = found
        for event_id, message in events:
            await send_callback(EventMessage(JSONRPCMessage.model_validate_json(message),
                                             event_id))
        return stream_id


def __getattr__(name: str) -> Any:
    if name in _OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, _OFFICIAL[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
