"""``mcp.server.sse``: the legacy HTTP+SSE transport (2024-11-05) in an ASGI app, served by
the core's HTTP service.

As with the official transport::

    sse = SseServerTransport("/messages/")

    async def handle_sse(scope, receive, send):
        async with sse.connect_sse(scope, receive, send) as streams:
            await server.run(streams[0], streams[1], server.create_initialization_options())

    routes = [Route("/sse", endpoint=handle_sse, methods=["GET"]),
              Mount("/messages/", app=sse.handle_post_message)]

``connect_sse`` yields two tokens instead of memory streams: ``server.run`` recognises them and
hands the connection to the core, which streams the session's events (the ``endpoint`` event
first) until the client goes away; ``handle_post_message`` hands each POST to the same service.
The connections share one core service, started by the first and stopped after the last; the
server's lifespan is entered once for them (the official transport enters it per connection).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from ferromcp.server._http import HttpSettings, SharedService, not_found
from ferromcp.server._http import security_settings as _security
from ferromcp.server._http import serve_asgi as _serve_asgi
from ferromcp.server.transport_security import (
    DEFAULT_MAX_REQUEST_BODY_SIZE,
    TransportSecuritySettings,
)

__all__ = ["SseServerTransport"]

#: Names that come from the official package.
_OFFICIAL = {"SessionMessage": "mcp.shared.message",
             "ServerMessageMetadata": "mcp.shared.message",
             "TransportSecurityMiddleware": "mcp.server.transport_security",
             "RequestBodyLimitMiddleware": "mcp.server.transport_security",
             "AuthenticatedUser": "mcp.server.auth.middleware.bearer_auth",
             "AuthorizationContext": "mcp.server.auth.middleware.bearer_auth",
             "authorization_context": "mcp.server.auth.middleware.bearer_auth",
             # 2.x stream helpers for a transport of one's own (type hints, standalone use).
             "ContextSendStream": "mcp.server.sse",
             "create_context_streams": "mcp.server.sse"}

_ = (DEFAULT_MAX_REQUEST_BODY_SIZE, TransportSecuritySettings)

_SSE_PATH = "/sse"


class SseConnection:
    """One ``connect_sse`` connection, as the pair of streams ``server.run`` is given."""

    def __init__(self, transport: SseServerTransport, scope: dict[str, Any],
                 receive: Callable[[], Any], send: Callable[[Any], Any]) -> None:
        self.transport = transport
        self.scope, self.receive, self.send = scope, receive, send
        self.served = False

    async def serve(self, server: Any, init_options: Any = None) -> None:
        """Serves the connection for ``server`` until the client goes away."""
        self.served = True
        await self.transport._serve_stream(self, server, init_options)

    def __iter__(self) -> Any:  # pragma: no cover - the streams are tokens
        raise TypeError("ferromcp's SSE streams are served by server.run(), not read")


class SseServerTransport:
    """The legacy HTTP+SSE transport as two ASGI entry points: ``connect_sse`` (the GET
    stream) and ``handle_post_message`` (the messages).

    Args:
        endpoint: the path clients post messages to, relative to where the app is mounted
            (the ``endpoint`` event names it below the mount's ``root_path``).
        security_settings: DNS-rebinding protection (``None``: off, as the official transport).
        max_request_body_size: the largest message body; larger ones are answered 413.

    Raises:
        ValueError: ``endpoint`` is a full URL, or the size is not positive.
    """

    def __init__(self, endpoint: str, security_settings: TransportSecuritySettings | None = None,
                 max_request_body_size: int = DEFAULT_MAX_REQUEST_BODY_SIZE) -> None:
        if max_request_body_size <= 0:
            raise ValueError("max_request_body_size must be a positive number of bytes")
        if "://" in endpoint or endpoint.startswith("//") or "?" in endpoint or "#" in endpoint:
            raise ValueError(
                f"Given endpoint: {endpoint} is not a relative path (e.g., '/messages/'), "
                "expecting a relative path (e.g., '/messages/').")
        if not endpoint.startswith("/"):
            endpoint = "/" + endpoint
        self._endpoint = endpoint
        self._max_body = max_request_body_size
        settings = HttpSettings(sse_path=_SSE_PATH, message_path=endpoint,
                                max_body=max_request_body_size, session_idle_timeout=None)
        _security(settings, security_settings)
        self._service = SharedService(settings)

    @asynccontextmanager
    async def connect_sse(self, scope: dict[str, Any], receive: Callable[[], Any],
                          send: Callable[[Any], Any]) -> AsyncIterator[tuple[Any, Any]]:
        """Yields ``(read, write)`` for ``server.run``, which serves the connection.

        Raises:
            ValueError: the scope is not an HTTP request.
        """
        if scope["type"] != "http":
            raise ValueError("connect_sse can only handle HTTP requests")
        connection = SseConnection(self, scope, receive, send)
        yield (connection, connection)
        if not connection.served:
            # The streams were not handed to server.run: nothing answered the client.
            await not_found(send, 500, b"the SSE connection was not served")

    async def _serve_stream(self, connection: SseConnection, server: Any,
                            init_options: Any) -> None:
        core = await self._service.acquire(server, init_options)
        try:
            await _serve_asgi(core, connection.scope, connection.receive, connection.send,
                              path=_SSE_PATH, max_body=self._max_body)
        finally:
            self._service.release()

    async def handle_post_message(self, scope: dict[str, Any], receive: Callable[[], Any],
                                  send: Callable[[Any], Any]) -> None:
        """The ASGI app of the message endpoint: POST only (others 405)."""
        if scope["method"] != "POST":
            await not_found(send, 405, b"Method Not Allowed", [(b"allow", b"POST")])
            return
        core = self._service.core
        if core is None:
            await not_found(send, 404, b"Could not find session")
            return
        await _serve_asgi(core, scope, receive, send, path=self._endpoint,
                          max_body=self._max_body)


def __getattr__(name: str) -> Any:
    if name in _OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, _OFFICIAL[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
