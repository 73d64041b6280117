"""``mcp.server.streamable_http_manager``: Streamable HTTP for a low-level server mounted in an
ASGI app, served by the core's HTTP service.

As with the official manager::

    session_manager = StreamableHTTPSessionManager(app=server, json_response=False)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        async with session_manager.run():
            yield

    starlette_app = Starlette(routes=[Mount("/mcp", app=session_manager.handle_request)],
                              lifespan=lifespan)

Differences: the server's lifespan is entered once, when ``run()`` starts (as 2.x does; 1.x
entered it per session). With an ``event_store``, streams are resumable with ``Last-Event-ID``;
the core serves ``InMemoryEventStore`` (``ferromcp.server.streamable_http``) without calling
into Python, and runs any other store's coroutines on the server's loop.

The manager's two entries into a server's dispatch, for a host that routes requests itself:
``handle_modern_request(app, security_settings, json_response, lifespan_state, scope, receive,
send)`` answers one 2026-07-28 POST (sessionless: no ``Mcp-Session-Id``) with the lifespan
value the caller holds, and ``serve_connection`` is ``ferromcp.server.runner``'s.
"""

from __future__ import annotations

import logging
import math
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Final

from ferromcp.server._http import HttpSettings, running, serve_asgi
from ferromcp.server._http import security_settings as _security_settings
from ferromcp.server.streamable_http import (
    MCP_SESSION_ID_HEADER,
    EventStore,
    StreamableHTTPServerTransport,
)
from ferromcp.server.transport_security import (
    DEFAULT_MAX_REQUEST_BODY_SIZE,
    TransportSecuritySettings,
)
from ferromcp.types import INTERNAL_ERROR, INVALID_REQUEST, ErrorData, JSONRPCError

__all__ = ["DEFAULT_MAX_REQUEST_BODY_SIZE", "DEFAULT_MAX_SESSIONS",
           "DEFAULT_SESSION_IDLE_TIMEOUT", "StreamableHTTPSessionManager",
           "StreamableHTTPASGIApp", "handle_modern_request"]

logger = logging.getLogger(__name__)

DEFAULT_SESSION_IDLE_TIMEOUT: Final = 30 * 60
"""Idle seconds after which a stateful session is ended (30 minutes)."""

DEFAULT_MAX_SESSIONS: Final = 10_000
"""Most stateful sessions open at once."""

#: Names that come from the official package.
_OFFICIAL = {"RequestBodyLimitMiddleware": "mcp.server.transport_security",
             "AuthenticatedUser": "mcp.server.auth.middleware.bearer_auth",
             "AuthorizationContext": "mcp.server.auth.middleware.bearer_auth",
             "authorization_context": "mcp.server.auth.middleware.bearer_auth",
             # 2.x: what the official dispatch loop hands its handlers (type hints only here).
             "Connection": "mcp.server.streamable_http_manager",
             "TransportContext": "mcp.server.streamable_http_manager",
             # 2.x's shared plumbing the official module imports (the client uses them too):
             # the official objects, which drive no server of their own.
             "JSONRPCDispatcher": "mcp.shared.jsonrpc_dispatcher",
             "resync_tracer": "mcp.shared._compat"}

# Re-exported as the official module has them.
_ = (MCP_SESSION_ID_HEADER, EventStore, StreamableHTTPServerTransport, TransportSecuritySettings,
     INTERNAL_ERROR, INVALID_REQUEST, ErrorData, JSONRPCError)


class StreamableHTTPSessionManager:
    """Serves Streamable HTTP for ``app`` inside a host ASGI app.

    Args:
        app: the low-level ``Server`` (or the one a ``FastMCP`` / ``MCPServer`` wraps).
        event_store: keeps the events of SSE streams: a client that lost one resumes it with
            ``Last-Event-ID``.
        json_response: answer with one JSON body instead of an SSE stream.
        stateless: no sessions; every request stands alone (no ``Mcp-Session-Id``).
        security_settings: DNS-rebinding protection (``None``: off, as the official manager).
        retry_interval: milliseconds a client waits before reconnecting (the ``retry:`` field
            of priming events, sent with an event store).
        session_idle_timeout: seconds after which an idle session ends (``None``: never).
        max_request_body_size: the largest request body; larger ones are answered 413.
        max_sessions: most sessions open at once (``None``: no limit); more are answered 503.

    Raises:
        ValueError: a timeout, size or limit that is not positive.
    """

    def __init__(self, app: Any, event_store: EventStore | None = None,
                 json_response: bool = False, stateless: bool = False,
                 security_settings: TransportSecuritySettings | None = None,
                 retry_interval: int | None = None,
                 session_idle_timeout: float | None = DEFAULT_SESSION_IDLE_TIMEOUT,
                 max_request_body_size: int = DEFAULT_MAX_REQUEST_BODY_SIZE,
                 max_sessions: int | None = DEFAULT_MAX_SESSIONS) -> None:
        if session_idle_timeout is not None and not (
                math.isfinite(session_idle_timeout) and session_idle_timeout > 0):
            raise ValueError("session_idle_timeout must be a positive, finite number of seconds")
        if max_request_body_size <= 0:
            raise ValueError("max_request_body_size must be a positive number of bytes")
        if max_sessions is not None and max_sessions <= 0:
            raise ValueError("max_sessions must be a positive number of sessions or None")
        self.app = app
        self.event_store = event_store
        self.json_response = json_response
        self.stateless = stateless
        self.security_settings = security_settings
        self.retry_interval = retry_interval
        self.session_idle_timeout = session_idle_timeout
        self.max_request_body_size = max_request_body_size
        self.max_sessions = max_sessions
        self._has_started = False
        self._core: Any = None
        #: HttpSettings fields set over the ones derived above (fastmcp's ``http_app``).
        self._overrides: dict[str, Any] = {}

    def _settings(self) -> HttpSettings:
        s = HttpSettings(json_response=self.json_response, stateless=self.stateless,
                         max_body=self.max_request_body_size, max_sessions=self.max_sessions,
                         session_idle_timeout=None if self.stateless
                         else self.session_idle_timeout, legacy_sse=False,
                         event_store=self.event_store, retry_interval=self.retry_interval)
        _security_settings(s, self.security_settings)
        for name, value in self._overrides.items():
            setattr(s, name, value)
        return s

    @asynccontextmanager
    async def run(self) -> AsyncIterator[None]:
        """Serves from entering to leaving: put it in the host app's lifespan
        (``async with session_manager.run(): yield``). Leaving ends every session.

        Raises:
            RuntimeError: ``run()`` was entered before on this manager.
        """
        if self._has_started:
            raise RuntimeError(
                "StreamableHTTPSessionManager .run() can only be called "
                "once per instance. Create a new instance if you need to run again.")
        self._has_started = True
        async with running(self.app, self._settings()) as core:
            self._core = core
            logger.info("StreamableHTTP session manager started")
            try:
                yield
            finally:
                logger.info("StreamableHTTP session manager shutting down")
                self._core = None

    async def handle_request(self, scope: dict[str, Any], receive: Callable[[], Any],
                             send: Callable[[Any], Any]) -> None:
        """Answers one ASGI request (whatever its path: the route chose this endpoint).

        Raises:
            RuntimeError: ``run()`` is not running.
        """
        core = self._core
        if core is None:
            raise RuntimeError("Task group is not initialized. Make sure to use run().")
        await serve_asgi(core, scope, receive, send, path="/mcp",
                         max_body=self.max_request_body_size)

    @property
    def asgi_app(self) -> Callable[..., Any]:
        """The ASGI callable answering requests (2.x)."""
        return self.handle_request


class StreamableHTTPASGIApp:
    """The session manager as an ASGI app (a Starlette route endpoint)."""

    def __init__(self, session_manager: StreamableHTTPSessionManager) -> None:
        self.session_manager = session_manager

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Any],
                       send: Callable[[Any], Any]) -> None:
        """The ASGI entry point."""
        await self.session_manager.handle_request(scope, receive, send)


async def handle_modern_request(app: Any, security_settings: TransportSecuritySettings | None,
                                json_response: bool, lifespan_state: Any,
                                scope: dict[str, Any], receive: Callable[[], Any],
                                send: Callable[[Any], Any]) -> None:
    """Answers one ASGI request of the 2026-07-28 revision (a POST standing alone: no session)
    for ``app``, whose handlers see ``lifespan_state`` (the server's own lifespan is not
    entered: the caller holds it).

    Args:
        app: the low-level ``Server`` (or the one a ``FastMCP`` / ``MCPServer`` wraps).
        security_settings: DNS-rebinding protection (``None``: off).
        json_response: answer with one JSON body instead of an SSE stream.
        lifespan_state: the value handlers see as their lifespan context.
        scope: the ASGI scope.
        receive: the ASGI receive callable.
        send: the ASGI send callable.
    """
    settings = HttpSettings(json_response=json_response, stateless=True, legacy_sse=False,
                            session_idle_timeout=None)
    _security_settings(settings, security_settings)
    async with running(app, settings, lifespan_state=lifespan_state) as core:
        await serve_asgi(core, scope, receive, send, path="/mcp",
                         max_body=DEFAULT_MAX_REQUEST_BODY_SIZE)


def __getattr__(name: str) -> Any:
    # The official module imports these; ferromcp's run ferromcp's Server.
    if name in ("serve_loop", "serve_connection"):
        from ferromcp.server import runner

        return getattr(runner, name)
    if name in _OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, _OFFICIAL[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
