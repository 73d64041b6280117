"""Serving a server over HTTP from the core's HTTP service: Streamable HTTP on one endpoint
(default ``/mcp``) and the legacy HTTP+SSE pair (``/sse`` + ``/messages/``).

Two ways in, one service:

* ``serve_http``: the core's own HTTP server, on the asyncio loop that called it: the loop
  watches the listening socket and the connections, and each request is parsed, routed,
  handled and answered there, crossing no thread — no uvicorn, no Starlette on the request
  path.
* ASGI (``serve_asgi`` and the apps built on it): a host server (uvicorn, hypercorn) and
  framework (Starlette, FastAPI) own the sockets; each request is handed to the same core
  service (``_core.HttpApp``) whole, and its response streams back as the core produces it,
  for as long as the core keeps it open (an SSE stream ends when the core ends it or the client
  goes away). The service's futures are polled on the loop's thread, so a request crosses no
  thread; the service's own thread only keeps its timers.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from ferromcp import _core

logger = logging.getLogger("ferromcp.server.http")


@dataclass
class HttpSettings:
    """Where and how a server is served over HTTP (the official SDKs' settings, one place).

    Args:
        host: address to bind (``127.0.0.1``; a loopback address turns DNS-rebinding protection
            on by default).
        port: TCP port (``8000``; ``0`` picks a free one).
        path: the Streamable HTTP endpoint.
        sse_path: the legacy HTTP+SSE stream endpoint.
        message_path: where legacy HTTP+SSE clients post their messages.
        json_response: answer requests as ``application/json`` instead of an SSE stream.
        stateless: no sessions; every request stands alone (for load-balanced deployments).
        dns_rebinding_protection: check ``Host`` and ``Origin``; ``None`` decides by ``host``.
        allowed_hosts: ``Host`` values accepted (``name:port``, ``name:*``).
        allowed_origins: ``Origin`` values accepted.
        max_body: the largest request body in bytes.
        max_sessions: most sessions alive at once (``None``: no limit).
        session_idle_timeout: seconds without a request or open stream after which a session
            ends (``None``: never).
        legacy_sse: serve the legacy HTTP+SSE endpoints too.
        event_store: an ``EventStore`` keeping the events of SSE streams, so that a client that
            lost one resumes it with ``Last-Event-ID`` (``None``: not resumable).
        retry_interval: milliseconds clients are told to wait before reconnecting (the
            ``retry:`` field of priming events; ``None``: their own).
        redis_url: replicas share sessions through this Redis (``redis://host:port/db``;
            default: ``$FERROMCP_REDIS_URL``): any replica serves any session's request, and
            streams are kept there, resumable on any replica.
        auth: bearer-token authorization of the MCP endpoints, the core's options with the
            author's verifier (``ferromcp.server._auth.core_options``); ``None``: none.
        session_id: serve one session with this id (the single-session
            ``StreamableHTTPServerTransport``); ``None``: the core issues ids.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    path: str = "/mcp"
    sse_path: str = "/sse"
    message_path: str = "/messages/"
    json_response: bool = False
    stateless: bool = False
    dns_rebinding_protection: bool | None = None
    allowed_hosts: list[str] = field(default_factory=list)
    allowed_origins: list[str] = field(default_factory=list)
    max_body: int = 4 * 1024 * 1024
    max_sessions: int | None = 10_000
    session_idle_timeout: float | None = 1800.0
    legacy_sse: bool = True
    event_store: Any = None
    retry_interval: int | None = None
    auth: dict[str, Any] | None = None
    session_id: str | None = None
    redis_url: str | None = field(
        default_factory=lambda: os.environ.get("FERROMCP_REDIS_URL") or None)

    def to_core(self) -> dict[str, Any]:
        """The settings as the core's HTTP options (camelCase keys)."""
        core = {
            "host": self.host, "port": self.port, "path": self.path, "ssePath": self.sse_path,
            "messagePath": self.message_path, "jsonResponse": self.json_response,
            "stateless": self.stateless, "dnsRebindingProtection": self.dns_rebinding_protection,
            "allowedHosts": list(self.allowed_hosts), "allowedOrigins": list(self.allowed_origins),
            "maxBody": self.max_body, "maxSessions": self.max_sessions,
            "sessionIdleTimeout": self.session_idle_timeout, "legacySse": self.legacy_sse,
            "eventStore": self.event_store, "retryInterval": self.retry_interval,
            "redisUrl": None if self.stateless else self.redis_url,
        }
        if self.auth is not None:
            core["auth"] = self.auth
        if self.session_id is not None:
            core["sessionId"] = self.session_id
        return core


async def serve_http(server: Any, options: dict[str, Any], registry: Any,
                     settings: HttpSettings,
                     ready: asyncio.Future[tuple[str, int]] | None = None) -> None:
    """Serves the low-level ``server`` (its runners, notification handlers and lifespan, plus a
    decorator server's ``registry``) over HTTP until cancelled or the listener fails."""
    from ferromcp.server.lowlevel.server import _lifespan_ctx

    loop = asyncio.get_running_loop()
    async with server.lifespan(server) as lifespan_context:
        token = _lifespan_ctx.set(lifespan_context)
        stopped: asyncio.Future[None] = loop.create_future()
        core = _core.HttpServer(options, server._runners, server._notifications, loop, stopped,
                                registry, settings.to_core())
        core.set_drain_callback(core.drain)
        core.set_context(contextvars.copy_context())
        wake = core.wake_fd()
        if wake is not None:
            loop.add_reader(wake, core.drain)
        # Connections woken off the loop's thread (timers, other replicas) are run from here.
        tasks = core.tasks_fd()
        loop.add_reader(tasks, core.on_wake)
        try:
            host, port = core.start()
            logger.info("serving MCP on http://%s:%d%s", host, port, settings.path)
            if ready is not None and not ready.done():
                ready.set_result((host, port))
            await stopped
        finally:
            if wake is not None:
                loop.remove_reader(wake)
            loop.remove_reader(tasks)
            core.close()
            _lifespan_ctx.reset(token)


# --- ASGI -----------------------------------------------------------------------------------

#: Host names for which the official SDKs turn DNS-rebinding protection on by themselves.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def security_settings(settings: HttpSettings, security: Any) -> None:
    """Applies an official-style ``TransportSecuritySettings`` (any object with its attributes)
    to ``settings``; without one, protection is off, as the official session manager and
    ``SseServerTransport`` have it (the apps decide by their ``host`` before they get here)."""
    if security is None:
        settings.dns_rebinding_protection = False
        settings.allowed_hosts, settings.allowed_origins = [], []
        return
    settings.dns_rebinding_protection = bool(
        getattr(security, "enable_dns_rebinding_protection", True))
    settings.allowed_hosts = list(getattr(security, "allowed_hosts", None) or [])
    settings.allowed_origins = list(getattr(security, "allowed_origins", None) or [])


def serving_parts(app: Any) -> tuple[Any, dict[str, Any], Any]:
    """What the core serves for ``app``: the low-level server (runners, notification handlers,
    lifespan), the server options, and the registry of a decorator-API server. ``app`` may be
    a low-level ``Server``, the one a ``FastMCP`` / ``MCPServer`` wraps (``mcp._mcp_server``), or
    the decorator-API server itself."""
    owner = app if hasattr(app, "_lowlevel") else getattr(app, "_highlevel", None)
    if owner is not None:
        return owner._lowlevel, owner._core_options("http"), owner._registry
    return app, app._core_options(None), None


def _settle(future: asyncio.Future[Any], value: Any) -> None:
    """Resolves ``future`` (the core calls it on the loop's thread); a response whose requester
    is gone is closed at once."""
    if future.done():
        if isinstance(value, tuple):
            value[2].close()
        return
    future.set_result(value)


#: ``running``'s default: enter the server's own lifespan.
_ENTER_LIFESPAN: Any = object()


@asynccontextmanager
async def running(app: Any, settings: HttpSettings, init_options: Any = None,
                  lifespan_state: Any = _ENTER_LIFESPAN) -> AsyncIterator[Any]:
    """The core HTTP service for ``app`` (a ``_core.HttpApp``), alive inside the server's
    lifespan on the running loop: handlers see the lifespan's value, idle sessions are ended,
    and leaving ends every session and open stream. With ``lifespan_state``, handlers see that
    value instead and the server's lifespan is not entered (the caller holds it)."""
    from ferromcp.server.lowlevel.server import _lifespan_ctx

    lowlevel, options, registry = serving_parts(app)
    if init_options is not None and registry is None:
        options = lowlevel._core_options(init_options)
    loop = asyncio.get_running_loop()
    lifespan = (lowlevel.lifespan(lowlevel) if lifespan_state is _ENTER_LIFESPAN
                else nullcontext(lifespan_state))
    async with lifespan as lifespan_context:
        token = _lifespan_ctx.set(lifespan_context)
        stopped: asyncio.Future[None] = loop.create_future()
        core = _core.HttpApp(options, lowlevel._runners, lowlevel._notifications, loop, stopped,
                             _settle, registry, settings.to_core())
        core.set_drain_callback(core.drain)
        core.set_context(contextvars.copy_context())
        # The service's futures run on this loop; what wakes them arrives on this descriptor.
        wake_fd = core.wake_fd()
        loop.add_reader(wake_fd, core.on_wake)
        watcher = loop.create_task(_end_streams_on_shutdown(core))
        try:
            yield core
        finally:
            watcher.cancel()
            loop.remove_reader(wake_fd)
            core.close()
            _lifespan_ctx.reset(token)


def _host_server_exiting() -> bool:
    """Whether the ASGI server this process runs (uvicorn) began shutting down: its signal
    handler is a method of its ``Server``, whose ``should_exit`` says so."""
    try:
        handler = signal.getsignal(signal.SIGTERM)
    except ValueError:  # not the main thread's interpreter
        return False
    server = getattr(handler, "__self__", None)
    return bool(getattr(server, "should_exit", False))


async def _end_streams_on_shutdown(core: Any) -> None:
    """Ends the open GET and SSE streams once the host server begins shutting down: it waits
    for every connection to close before it runs the lifespan's shutdown, and those streams
    would otherwise stay open until their clients leave (the official servers' sse-starlette
    does the same)."""
    while not _host_server_exiting():
        await asyncio.sleep(0.5)
    logger.debug("the host server is shutting down: ending the open streams")
    core.end_streams()


def route_path(scope: dict[str, Any]) -> str:
    """The request's path below the mount it reached (``path`` without ``root_path``)."""
    path: str = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root) and (len(path) == len(root) or path[len(root)] == "/"):
        return path[len(root):] or "/"
    return path


def _declared_length(headers: Any) -> int | None:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read_body(receive: Callable[[], Any], limit: int, headers: Any) -> bytes | None:
    """The request's body, up to one byte past ``limit`` (the core answers 413 from there, or
    from a declared length over it without anything read); None when the client went away."""
    declared = _declared_length(headers)
    if declared is not None and declared > limit:
        return b""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        kind = message["type"]
        if kind == "http.disconnect":
            return None
        if kind != "http.request":
            continue
        chunk = message.get("body", b"")
        if chunk:
            chunks.append(chunk)
            size += len(chunk)
        if not message.get("more_body", False) or size > limit:
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class _Gone:
    """Watches ``receive`` for the client's disconnect while a response streams."""

    def __init__(self, receive: Callable[[], Any], body: Any) -> None:
        self.gone = False
        self._task = asyncio.get_running_loop().create_task(self._watch(receive, body))

    async def _watch(self, receive: Callable[[], Any], body: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                self.gone = True
                body.close()
                return

    def cancel(self) -> None:
        self._task.cancel()


async def serve_asgi(core: Any, scope: dict[str, Any], receive: Callable[[], Any],
                     send: Callable[[Any], Any], *, path: str | None = None,
                     base: str | None = None, max_body: int = 4 * 1024 * 1024) -> None:
    """Answers one ASGI HTTP request with the core service ``core``.

    Args:
        core: the ``_core.HttpApp``.
        scope: the ASGI scope (``type`` ``http``).
        receive: the ASGI receive callable.
        send: the ASGI send callable.
        path: the endpoint path to hand the core (the route already chose it); default: the
            request's path below its mount.
        base: the mount the client sees (default ``root_path``): the legacy transport's
            ``endpoint`` event names it.
        max_body: the largest body read (the core answers 413 beyond it).
    """
    headers = scope.get("headers") or ()
    body = await _read_body(receive, max_body, headers)
    if body is None:
        return
    loop = asyncio.get_running_loop()
    head: asyncio.Future[Any] = loop.create_future()
    server = scope.get("server")
    local = None
    if isinstance(server, tuple | list) and len(server) == 2 and isinstance(server[1], int):
        local = (str(server[0]), server[1])
    core.handle(head, scope["method"], path if path is not None else route_path(scope),
                scope.get("query_string") or b"", headers, body, local,
                base if base is not None else scope.get("root_path", ""), scope)
    status, response_headers, reader = await head
    gone: _Gone | None = None
    try:
        data, more = reader.read()
        if not more and not any(name == b"content-length" for name, _ in response_headers):
            # A body whole at once goes with its length, as the built-in server sends it.
            response_headers.append((b"content-length", str(len(data)).encode()))
        await send({"type": "http.response.start", "status": status,
                    "headers": response_headers})
        while True:
            if not more:
                if gone is None or not gone.gone:
                    await send({"type": "http.response.body", "body": data, "more_body": False})
                return
            if data:
                await send({"type": "http.response.body", "body": data, "more_body": True})
            else:
                if gone is None:
                    gone = _Gone(receive, reader)
                more_ready: asyncio.Future[None] = loop.create_future()
                if reader.wait(more_ready):
                    await more_ready
            data, more = reader.read()
    except OSError:
        # The client went away mid-write (servers that raise instead of dropping the write).
        return
    finally:
        reader.close()
        if gone is not None:
            gone.cancel()


async def not_found(send: Callable[[Any], Any], status: int = 404,
                    text: bytes = b"Not Found", headers: list[tuple[bytes, bytes]] | None = None
                    ) -> None:
    """A plain-text answer."""
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(text)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": text})


async def lifespan_protocol(receive: Callable[[], Any], send: Callable[[Any], Any],
                            lifespan: Callable[[], AbstractAsyncContextManager[Any]] | None
                            ) -> None:
    """Answers an ASGI ``lifespan`` scope, running ``lifespan()`` between startup and
    shutdown."""
    message = await receive()
    if message["type"] != "lifespan.startup":
        return
    cm = lifespan() if lifespan is not None else None
    try:
        if cm is not None:
            await cm.__aenter__()
    except BaseException as exc:  # noqa: BLE001 - reported to the server, which stops
        await send({"type": "lifespan.startup.failed", "message": repr(exc)})
        return
    await send({"type": "lifespan.startup.complete"})
    message = await receive()
    try:
        if cm is not None:
            await cm.__aexit__(None, None, None)
    except BaseException as exc:  # noqa: BLE001
        await send({"type": "lifespan.shutdown.failed", "message": repr(exc)})
        return
    await send({"type": "lifespan.shutdown.complete"})


@dataclass
class Route:
    """One endpoint of an app: ``path`` (``prefix``: and everything below it), the ASGI
    callable answering it, and the methods it takes (``None``: any)."""

    path: str
    app: Callable[..., Any]
    methods: tuple[str, ...] | None = None
    prefix: bool = False


class PlainApp:
    """The ASGI app returned where Starlette is not installed: routes by path, answers the
    ``lifespan`` scope itself. Mountable in any ASGI framework."""

    def __init__(self, routes: list[Route],
                 lifespan: Callable[[], AbstractAsyncContextManager[Any]] | None = None) -> None:
        self.routes = routes
        self._lifespan = lifespan

    @property
    def lifespan(self) -> Callable[[Any], AbstractAsyncContextManager[Any]] | None:
        """``lifespan(app)``, for a host app to run (fastmcp's ``app.lifespan``)."""
        lifespan = self._lifespan
        return None if lifespan is None else (lambda _app: lifespan())

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Any],
                       send: Callable[[Any], Any]) -> None:
        """The ASGI entry point."""
        kind = scope["type"]
        if kind == "lifespan":
            await lifespan_protocol(receive, send, self._lifespan)
            return
        if kind != "http":
            return
        path = route_path(scope)
        for r in self.routes:
            hit = (path.startswith(r.path.rstrip("/") + "/") or path == r.path.rstrip("/")
                   ) if r.prefix else path.rstrip("/") == r.path.rstrip("/")
            if not hit:
                continue
            if r.methods is not None and scope["method"] not in r.methods:
                await not_found(send, 405, b"Method Not Allowed",
                                [(b"allow", ", ".join(r.methods).encode())])
                return
            await r.app(scope, receive, send)
            return
        await not_found(send)


def build_app(routes: list[Route],
              lifespan: Callable[[], AbstractAsyncContextManager[Any]] | None = None, *,
              debug: bool = False, middleware: Any = None, extra_routes: Any = ()) -> Any:
    """A Starlette app with ``routes`` (and ``extra_routes``, Starlette routes such as
    ``@mcp.custom_route`` ones) and ``lifespan`` when Starlette is installed, as the official
    SDKs return; otherwise a :class:`PlainApp`."""
    try:
        from starlette.applications import Starlette
        from starlette.routing import Mount
        from starlette.routing import Route as StarletteRoute
    except ImportError:
        if extra_routes:
            raise ImportError("custom routes need Starlette: pip install starlette") from None
        return PlainApp(routes, lifespan)
    built: list[Any] = []
    for r in routes:
        if r.prefix:
            built.append(Mount(r.path, app=r.app))
        else:
            built.append(StarletteRoute(r.path, endpoint=_Endpoint(r.app),
                                        methods=list(r.methods) if r.methods else None))
    built.extend(extra_routes)
    app = Starlette(debug=debug, routes=built, middleware=middleware,
                    lifespan=(lambda _app: lifespan()) if lifespan is not None else None)
    # fastmcp's apps expose their lifespan for a host app to run (`FastAPI(lifespan=...)`).
    app.lifespan = app.router.lifespan_context  # type: ignore[attr-defined]
    return app


class _Endpoint:
    """An ASGI callable as a Starlette ``Route`` endpoint (an instance, so Starlette hands it
    the raw scope instead of a ``Request``)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Any],
                       send: Callable[[Any], Any]) -> None:
        await self.app(scope, receive, send)


class SharedService:
    """A core service shared by the connections that use it, started by the first and stopped
    after the last (the legacy SSE transport, where the official SDK runs the server — and
    enters its lifespan — per connection). The service lives in a task of its own, so its
    lifespan is entered and left in one task whichever connection comes and goes."""

    def __init__(self, settings: HttpSettings) -> None:
        self.settings = settings
        self.app: Any = None
        self.core: Any = None
        self._users = 0
        self._ready: asyncio.Future[Any] | None = None
        self._stop: asyncio.Event | None = None

    async def acquire(self, app: Any, init_options: Any = None) -> Any:
        """The running service for ``app``, started if it is not.

        Raises:
            RuntimeError: the service already serves another server.
        """
        if self.app is not None and self.app is not app and self._users:
            raise RuntimeError("one SseServerTransport serves one server")
        self._users += 1
        if self._ready is None:
            self.app = app
            loop = asyncio.get_running_loop()
            ready: asyncio.Future[Any] = loop.create_future()
            stop = asyncio.Event()
            self._ready, self._stop = ready, stop
            loop.create_task(self._run(app, init_options, ready, stop))
        try:
            return await asyncio.shield(self._ready)
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """One connection fewer; the last one stops the service."""
        self._users -= 1
        if self._users == 0 and self._stop is not None:
            self._stop.set()
            self._ready = self._stop = None
            self.core = None

    async def _run(self, app: Any, init_options: Any, ready: asyncio.Future[Any],
                   stop: asyncio.Event) -> None:
        try:
            async with running(app, self.settings, init_options) as core:
                self.core = core
                ready.set_result(core)
                await stop.wait()
        except BaseException as exc:
            if not ready.done():
                if isinstance(exc, asyncio.CancelledError):
                    ready.cancel()
                else:
                    ready.set_exception(exc)
            else:
                logger.exception("the HTTP service stopped")
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise


# --- the request handlers are handed -----------------------------------------------------------

def request_of(scope: dict[str, Any] | None) -> Any:
    """The request a handler is handed for the HTTP request ``scope`` describes (the core's
    ``http_request``): a Starlette ``Request`` as the official SDKs hand theirs, or, without
    Starlette, a :class:`HttpRequest`; None when no HTTP request carried the message."""
    if scope is None:
        return None
    try:
        from starlette.requests import Request
    except ImportError:
        return HttpRequest(scope)
    return Request(scope)


class HttpRequest:
    """The request's head without Starlette: ``method``, ``url``, ``headers`` (names
    case-insensitive), ``query_params``, ``client`` and ``scope``."""

    def __init__(self, scope: dict[str, Any]) -> None:
        from urllib.parse import parse_qsl

        self.scope = scope
        self.method: str = scope["method"]
        query = scope.get("query_string", b"").decode("latin-1")
        self.url = scope.get("root_path", "") + scope["path"] + (f"?{query}" if query else "")
        self.headers = _Headers(scope.get("headers") or ())
        self.query_params = dict(parse_qsl(query))
        self.client = scope.get("client")


class _Headers(dict[str, str]):
    def __init__(self, raw: Any) -> None:
        super().__init__()
        for name, value in raw:
            key = name.decode("latin-1").lower()
            if not dict.__contains__(self, key):  # the first of a repeated header, as Starlette
                dict.__setitem__(self, key, value.decode("latin-1"))

    def __getitem__(self, key: str) -> str:
        return dict.__getitem__(self, key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and dict.__contains__(self, key.lower())

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return dict.get(self, key.lower(), default)
