"""The ASGI apps of the decorator APIs and the 2.x low-level ``Server``:
``streamable_http_app()``, ``sse_app()`` and fastmcp's ``http_app()``, built as the official SDKs
build them (a Starlette app when Starlette is installed) on the core's HTTP service
(``ferromcp.server._http``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ferromcp.server._http import LOOPBACK_HOSTS, Route, build_app

logger = logging.getLogger("ferromcp.server.http")

#: The official SDKs' settings when they turn DNS-rebinding protection on by themselves.
_LOOPBACK_ALLOWED = {"allowed_hosts": ["127.0.0.1:*", "localhost:*", "[::1]:*"],
                     "allowed_origins": ["http://127.0.0.1:*", "http://localhost:*",
                                         "http://[::1]:*"]}


def _lowlevel(server: Any) -> Any:
    return server._lowlevel if hasattr(server, "_lowlevel") else server


def auth_options(settings: dict[str, Any]) -> dict[str, Any] | None:
    """The core's bearer-token options for the settings' ``auth``, ``token_verifier`` and
    ``auth_server_provider`` (None: the app is not protected).

    Raises:
        NotImplementedError: ``auth_server_provider`` was given (see ``ferromcp.server._auth``).
    """
    from ferromcp.server._auth import core_options

    provider = settings.get("fastmcp_auth")
    if provider is not None:
        from ferromcp.fastmcp._auth import core_options as fastmcp_options

        path = (settings.get("streamable_http_path") or settings.get("path")
                or settings.get("sse_path") or "/mcp")
        return fastmcp_options(provider, path)
    return core_options(settings.get("auth"), settings.get("token_verifier"),
                        settings.get("auth_server_provider"))


def _metadata_routes(auth: dict[str, Any] | None) -> list[Route]:
    """The RFC 9728 metadata routes of a protected app that names its resource server URL (the
    official apps add them beside the MCP endpoints); the core answers them."""
    if not auth or auth.get("resourceServerUrl") is None:
        return []
    from ferromcp import _core
    from ferromcp.server._http import not_found, route_path

    metadata = _core.ResourceMetadata(auth)

    async def answer(scope: dict[str, Any], receive: Callable[[], Any],
                     send: Callable[[Any], Any]) -> None:
        found = metadata.answer(scope["method"], route_path(scope), scope.get("headers") or ())
        if found is None:
            await not_found(send)
            return
        status, headers, body = found
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return [Route(path, answer) for path in metadata.paths()]


def _security(settings: dict[str, Any]) -> Any:
    """The transport security the official SDKs use: the one given, else protection on with the
    loopback names when ``host`` is a loopback name."""
    from ferromcp.server.transport_security import TransportSecuritySettings

    security = settings.get("transport_security")
    if security is None and settings.get("host", "127.0.0.1") in LOOPBACK_HOSTS:
        security = TransportSecuritySettings(enable_dns_rebinding_protection=True,
                                             **_LOOPBACK_ALLOWED)
    return security


def _normalize_path(mount_path: str, endpoint: str) -> str:
    """``mount_path`` + ``endpoint`` (1.x ``sse_app(mount_path)``)."""
    if mount_path == "/":
        return endpoint
    if not endpoint.startswith("/"):
        endpoint = "/" + endpoint
    return mount_path.rstrip("/") + endpoint


def streamable_http_app(server: Any, settings: dict[str, Any], *, generation: Any,
                        custom_routes: Any = (), middleware: Any = None,
                        manager_overrides: dict[str, Any] | None = None) -> Any:
    """Streamable HTTP on ``streamable_http_path`` with a lifespan running the session
    manager. 1.x makes the session manager once; 2.x makes a new one per call."""
    from ferromcp.server.streamable_http_manager import (
        DEFAULT_MAX_SESSIONS,
        DEFAULT_SESSION_IDLE_TIMEOUT,
        StreamableHTTPASGIApp,
        StreamableHTTPSessionManager,
    )
    from ferromcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE

    auth = auth_options(settings)
    lowlevel = _lowlevel(server)
    manager = getattr(lowlevel, "_session_manager", None) if generation == 1 else None
    if manager is None:
        manager = StreamableHTTPSessionManager(
            app=lowlevel,
            event_store=settings.get("event_store"),
            retry_interval=settings.get("retry_interval"),
            json_response=bool(settings.get("json_response")),
            stateless=bool(settings.get("stateless_http")),
            security_settings=_security(settings),
            max_request_body_size=settings.get("max_request_body_size")
            or DEFAULT_MAX_REQUEST_BODY_SIZE,
            session_idle_timeout=settings.get("session_idle_timeout",
                                              DEFAULT_SESSION_IDLE_TIMEOUT),
            max_sessions=settings.get("max_sessions", DEFAULT_MAX_SESSIONS))
        overrides = dict(manager_overrides or {})
        if auth is not None:
            overrides["auth"] = auth
        if overrides:
            manager._overrides = overrides
        lowlevel._session_manager = manager
    path = settings.get("streamable_http_path") or "/mcp"
    routes = [Route(path, StreamableHTTPASGIApp(manager)), *_metadata_routes(auth)]
    return build_app(routes, manager.run, debug=bool(settings.get("debug")),
                     middleware=middleware, extra_routes=custom_routes)


def sse_app(server: Any, settings: dict[str, Any], *, mount_path: str | None = None,
            custom_routes: Any = (), middleware: Any = None) -> Any:
    """The legacy HTTP+SSE pair: ``GET sse_path`` and ``POST message_path``."""
    from ferromcp.server.sse import SseServerTransport
    from ferromcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE

    auth = auth_options(settings)
    sse_path = settings.get("sse_path") or "/sse"
    message_path = settings.get("message_path") or "/messages/"
    endpoint = _normalize_path(mount_path or settings.get("mount_path") or "/", message_path)
    sse = SseServerTransport(endpoint, security_settings=_security(settings),
                             max_request_body_size=settings.get("max_request_body_size")
                             or DEFAULT_MAX_REQUEST_BODY_SIZE)
    # The core checks the bearer token of the stream and of every message.
    sse._service.settings.auth = auth
    lowlevel = _lowlevel(server)

    async def handle_sse(scope: dict[str, Any], receive: Callable[[], Any],
                         send: Callable[[Any], Any]) -> None:
        async with sse.connect_sse(scope, receive, send) as streams:
            await lowlevel.run(streams[0], streams[1], lowlevel.create_initialization_options())

    async def handle_message(scope: dict[str, Any], receive: Callable[[], Any],
                             send: Callable[[Any], Any]) -> None:
        if auth is None or sse._service.core is not None:
            await sse.handle_post_message(scope, receive, send)
            return
        # No stream is open, so no service runs: start it for this message, so that its
        # token is checked (401/403) before the session is looked for, as the official app's
        # authentication runs before its transport.
        await sse._service.acquire(lowlevel, lowlevel.create_initialization_options())
        try:
            await sse.handle_post_message(scope, receive, send)
        finally:
            sse._service.release()

    routes = [Route(sse_path, handle_sse, methods=("GET",)),
              Route(message_path, handle_message, prefix=True), *_metadata_routes(auth)]
    return build_app(routes, None, debug=bool(settings.get("debug")), middleware=middleware,
                     extra_routes=custom_routes)


def http_app(server: Any, *, path: str | None = None, middleware: Any = None,
             json_response: bool | None = None, stateless_http: bool | None = None,
             transport: str = "http", event_store: Any = None, retry_interval: int | None = None,
             host_origin_protection: bool | None = None, allowed_hosts: list[str] | None = None,
             allowed_origins: list[str] | None = None,
             session_idle_timeout: float | None = None, custom_routes: Any = ()) -> Any:
    """fastmcp's ``http_app``: Streamable HTTP (``transport="http"``) or the legacy pair
    (``"sse"``); the app has ``.lifespan`` for a host app to run.

    Host/Origin protection: ``host_origin_protection=False`` turns it off; ``True``, or the
    lists given, turn it on; by default it is on when the request arrived on a loopback
    address (the loopback names are allowed)."""
    from ferromcp.server.transport_security import TransportSecuritySettings

    security = None
    overrides: dict[str, Any] = {}
    if host_origin_protection is False:
        security = TransportSecuritySettings(enable_dns_rebinding_protection=False)
    elif host_origin_protection or allowed_hosts or allowed_origins:
        security = TransportSecuritySettings(allowed_hosts=allowed_hosts,
                                             allowed_origins=allowed_origins)
    else:
        overrides["dns_rebinding_protection"] = None
    settings: dict[str, Any] = {"transport_security": security, "host": None,
                                "event_store": event_store, "retry_interval": retry_interval,
                                "json_response": json_response,
                                "stateless_http": stateless_http,
                                "fastmcp_auth": getattr(server, "auth", None)}
    if session_idle_timeout is not None:
        settings["session_idle_timeout"] = session_idle_timeout
    if transport in ("http", "streamable-http", "streamable_http"):
        settings["streamable_http_path"] = path or "/mcp"
        return streamable_http_app(server, settings, generation="fastmcp",
                                   custom_routes=custom_routes, middleware=middleware,
                                   manager_overrides=overrides)
    if transport == "sse":
        settings["sse_path"] = path or "/sse"
        if overrides:
            settings["transport_security"] = None
        app = sse_app(server, settings, custom_routes=custom_routes, middleware=middleware)
        return app
    raise ValueError(f"Unknown transport: {transport}")
