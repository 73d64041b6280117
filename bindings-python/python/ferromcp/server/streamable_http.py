"""``mcp.server.streamable_http``: the Streamable HTTP transport's names.

The transport itself is the core's (sessions, POST/GET/DELETE, SSE and JSON answers, the
``Mcp-Session-Id`` and ``MCP-Protocol-Version`` checks); servers reach it through
``StreamableHTTPSessionManager``, the apps (``streamable_http_app()``), or one session at a
time through ``StreamableHTTPServerTransport``, served by a core service of its own.

An ``EventStore`` given to the session manager or the apps makes streams resumable: every event
is stored before it leaves, and a client that lost a stream gets what it missed with
``Last-Event-ID``. ``InMemoryEventStore`` is ferromcp's bounded store, kept in the core.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
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
           "TransportSecuritySettings", "DEFAULT_NEGOTIATED_VERSION", "InMemoryEventStore",
           "StreamableHTTPServerTransport"]

logger = logging.getLogger(__name__)

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


class TransportConnection:
    """``connect()``'s streams: a token ``server.run`` recognises, handing the transport the
    server it serves (nothing is read from it or written to it)."""

    def __init__(self, transport: StreamableHTTPServerTransport) -> None:
        self.transport = transport

    async def serve(self, server: Any, init_options: Any = None) -> None:
        """Serves the transport's session for ``server`` until it ends."""
        await self.transport._serve(server, init_options)

    def __aiter__(self) -> Any:  # pragma: no cover - the streams are tokens
        raise TypeError("ferromcp's transport streams are served by server.run(), not read")


class StreamableHTTPServerTransport:
    """One session of Streamable HTTP (``mcp_session_id``), or stateless serving (``None``), in
    the author's own ASGI route, as the official transport::

        transport = StreamableHTTPServerTransport(mcp_session_id=uuid4().hex)
        async with transport.connect() as (read_stream, write_stream):
            tg.start_soon(server.run, read_stream, write_stream,
                          server.create_initialization_options())
            ...
        await transport.handle_request(scope, receive, send)   # POST, GET and DELETE

    ``server.run`` starts a core HTTP service for this one session: the core issues
    ``mcp_session_id`` to the client's ``initialize`` (another ``initialize`` is refused while
    the session lives), answers every request as the session manager does (JSON or SSE, the
    GET stream, resumption with an ``event_store``, the header checks; another session id:
    404), and ends it on DELETE; then ``is_terminated`` is true and ``server.run`` returns.
    Without a session id every POST stands alone, as in the manager's stateless mode (GET and
    DELETE: 405).

    Differences: the streams ``connect()`` yields are tokens for ``server.run`` — writing to or
    reading from them is not supported. The server's lifespan is entered per transport, as the
    official ``server.run`` does. ``close_sse_stream`` and ``close_standalone_sse_stream`` end
    only resumable streams (with an ``event_store``), as ``ctx.close_sse_stream()`` does. With
    JSON answers, what a handler sends during a request goes to the session's GET stream when
    the client holds one (the official transport drops it), as the session manager does.

    Args:
        mcp_session_id: the session's id (visible ASCII); ``None``: stateless.
        is_json_response_enabled: answer each POST with one JSON body instead of an SSE stream.
        event_store: keeps the events of SSE streams for resumption with ``Last-Event-ID``.
        security_settings: DNS-rebinding protection (``None``: off).
        retry_interval: milliseconds clients wait before reconnecting (priming events).
        idle_timeout: seconds without a request in flight after which ``idle_scope`` (an anyio
            ``CancelScope``, made by ``connect()``) is cancelled; ``None``: never.

    Raises:
        ValueError: the session id is not visible ASCII, or the timeout is not positive.
    """

    def __init__(self, mcp_session_id: str | None, is_json_response_enabled: bool = False,
                 event_store: EventStore | None = None,
                 security_settings: TransportSecuritySettings | None = None,
                 retry_interval: int | None = None, idle_timeout: float | None = None) -> None:
        if mcp_session_id is not None and not SESSION_ID_PATTERN.fullmatch(mcp_session_id):
            raise ValueError("Session ID must only contain visible ASCII characters (0x21-0x7E)")
        if idle_timeout is not None and not (math.isfinite(idle_timeout) and idle_timeout > 0):
            raise ValueError("idle_timeout must be a positive, finite number of seconds")
        self.mcp_session_id = mcp_session_id
        self.is_json_response_enabled = is_json_response_enabled
        self._event_store = event_store
        self._security_settings = security_settings
        self._retry_interval = retry_interval
        self._idle_timeout = idle_timeout
        self._terminated = False
        self._connected = False
        self._core: Any = None
        self._ready: asyncio.Event | None = None
        self._stop: asyncio.Event | None = None
        self._in_flight = 0
        #: Cancelled after ``idle_timeout`` seconds without a request in flight.
        self.idle_scope: Any = None

    @property
    def is_terminated(self) -> bool:
        """Whether the session was ended (DELETE or ``terminate()``)."""
        return self._terminated

    def _settings(self) -> Any:
        from ferromcp.server._http import HttpSettings, security_settings

        settings = HttpSettings(json_response=self.is_json_response_enabled,
                                stateless=self.mcp_session_id is None,
                                session_id=self.mcp_session_id, max_sessions=1,
                                session_idle_timeout=None, legacy_sse=False,
                                event_store=self._event_store,
                                retry_interval=self._retry_interval, redis_url=None)
        security_settings(settings, self._security_settings)
        return settings

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[tuple[Any, Any]]:
        """Yields ``(read_stream, write_stream)`` for ``server.run``; leaving stops serving."""
        if self._idle_timeout is not None:
            import anyio

            self.idle_scope = anyio.CancelScope()
        self._ready, self._stop = asyncio.Event(), asyncio.Event()
        self._connected = True
        connection = TransportConnection(self)
        try:
            yield (connection, connection)
        finally:
            self._stop.set()

    async def _serve(self, server: Any, init_options: Any) -> None:
        from ferromcp.server._http import running

        ready, stop = self._ready, self._stop
        if ready is None or stop is None:
            raise RuntimeError("server.run() was given streams of a transport not connected")
        if self._terminated or stop.is_set():
            return
        async with running(server, self._settings(), init_options) as core:
            self._core = core
            ready.set()
            try:
                await stop.wait()
            finally:
                self._core = None

    async def handle_request(self, scope: dict[str, Any], receive: Callable[[], Any],
                             send: Callable[[Any], Any]) -> None:
        """Answers one ASGI request of the session (the route chose this transport).

        Raises:
            ValueError: ``connect()`` was not entered.
        """
        if not self._connected or self._ready is None or self._stop is None:
            raise ValueError("No read stream writer available. Ensure connect() is called first.")
        scope_ = self.idle_scope
        if scope_ is None:
            await self._handle(scope, receive, send)
            return
        if scope_.cancel_called:
            await self.terminate()
            await self._handle(scope, receive, send)
            return
        self._in_flight += 1
        scope_.deadline = math.inf
        try:
            await self._handle(scope, receive, send)
        finally:
            self._in_flight -= 1
            if not self._in_flight:
                import anyio

                scope_.deadline = anyio.current_time() + self._idle_timeout

    async def _handle(self, scope: dict[str, Any], receive: Callable[[], Any],
                      send: Callable[[Any], Any]) -> None:
        from ferromcp.server._http import serve_asgi
        from ferromcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE

        ready, stop = self._ready, self._stop
        assert ready is not None and stop is not None
        if not ready.is_set() and not self._terminated and not stop.is_set():
            # server.run may not have started yet: wait for it (or for the end).
            waiters = [asyncio.ensure_future(ready.wait()), asyncio.ensure_future(stop.wait())]
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for w in waiters:
                    w.cancel()
        core = self._core
        if self._terminated or core is None:
            await _terminated(send, self.mcp_session_id)
            return
        status: list[int] = []

        async def watched(message: Any) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await serve_asgi(core, scope, receive, watched, path="/mcp",
                         max_body=DEFAULT_MAX_REQUEST_BODY_SIZE)
        if scope["method"] == "DELETE" and status == [200]:
            await self.terminate()

    async def terminate(self) -> None:
        """Ends the session: its requests in flight are cancelled, its streams end, later
        requests are answered 404, and ``server.run`` returns. Idempotent."""
        if self._terminated:
            return
        self._terminated = True
        logger.info("Terminating session: %s", self.mcp_session_id)
        if self._stop is not None:
            self._stop.set()

    def close_sse_stream(self, request_id: Any) -> None:
        """Ends the SSE stream of request ``request_id`` without ending the request: the
        client resumes it with ``Last-Event-ID`` (with an ``event_store``). No-op without one."""
        core = self._core
        if core is not None and self.mcp_session_id is not None:
            core.close_stream(self.mcp_session_id, request_id)

    def close_standalone_sse_stream(self) -> None:
        """Ends the session's GET stream, for the client to reconnect. No-op without one."""
        core = self._core
        if core is not None and self.mcp_session_id is not None:
            core.close_stream(self.mcp_session_id, None)


async def _terminated(send: Callable[[Any], Any], session_id: str | None) -> None:
    """404 for a request reaching an ended session."""
    import json

    body = json.dumps({"jsonrpc": "2.0", "id": None, "error": {
        "code": INVALID_REQUEST, "message": "Not Found: Session has been terminated"}}).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    if session_id is not None:
        headers.append((b"mcp-session-id", session_id.encode()))
    await send({"type": "http.response.start", "status": 404, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def __getattr__(name: str) -> Any:
    if name in _OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, _OFFICIAL[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
