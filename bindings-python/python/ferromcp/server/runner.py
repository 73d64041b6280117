"""The entry points of ``mcp.server.runner`` (``mcp`` 2.x) that serve a server with a lifespan
value the caller already holds, on ferromcp's core.

* ``serve_loop(server, read, write, *, lifespan_state)`` serves a stream pair in the handshake
  era; ``serve_dual_era_loop(...)`` lets the client's first request decide the era (an
  ``initialize`` opens the handshake, a request carrying the 2026-07-28 ``_meta`` envelope the
  sessionless revision), as ``Server.run`` does. Both serve the pair through the same core
  connection ``Server.run`` uses (the stdio fast path for ``stdio_server()``'s streams), with
  handlers seeing ``lifespan_state`` as their lifespan value; the server's own ``lifespan`` is
  not entered again.
* ``modern_on_request(server, lifespan_state)`` is the ``OnRequest`` callback an in-process
  2026-07-28 peer calls (the official ``Client`` wires it to a ``DirectDispatcher``);
  ``serve_one(server, dctx, method, params, *, connection, lifespan_state)`` answers one
  2026-07-28 request. Each request is answered by a core connection of its own: the request
  crosses as JSON, and what the server sends while serving it comes back through ``dctx``
  (progress to ``dctx.progress``, other notifications to ``dctx.notify``). A request without a
  progress token is given one so that reported progress can reach ``dctx.progress`` (the
  handler's ``ctx.meta`` shows it; the official in-process path passes none).
* ``aclose_shielded(connection)`` unwinds an official ``Connection``'s exit stack, shielded and
  bounded, as the official one does (it never touches a server).

* ``ServerRunner(server, connection, lifespan_state)`` gives an official ``Dispatcher`` the
  ``on_request`` / ``on_notify`` callbacks of one client connection, and
  ``serve_connection(server, dispatcher, connection=…, lifespan_state=…)`` runs a dispatcher
  with them until its channel closes: for a host that brings its own official dispatcher
  (a transport of its own, the official ``JSONRPCDispatcher`` over a stream pair). The
  connection's requests are served by one core connection of the runner's, which keeps the
  session (the handshake, log level, subscriptions); what the server sends while serving a
  request goes back through that request's ``dctx`` (server→client requests with
  ``dctx.send_raw_request``), the rest through the official ``Connection``, and the handshake
  is written into the ``Connection`` (``client_params``, ``protocol_version``,
  ``initialized``) as the official kernel writes it. Differences: the init gate, parameter
  checks and error answers are the core's (the same as over stdio); a request without a
  progress token is given one, as for ``serve_one``.

``server`` is a ferromcp low-level ``Server`` (1.x or 2.x style), or an ``MCPServer`` /
``FastMCP`` or the low-level server behind one (``mcp._lowlevel_server``), served with its
tools, resources and prompts.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import KW_ONLY, dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar

from ferromcp import _core, _official
from ferromcp.server.context import CallNext, ServerMiddleware

logger = logging.getLogger(__name__)

__all__ = ["CallNext", "ServerMiddleware", "ServerRunner", "aclose_shielded",
           "modern_on_request", "serve_connection", "serve_dual_era_loop", "serve_loop",
           "serve_one"]

#: The request envelope's keys (2026-07-28, ``params._meta``).
_VERSION_KEY = "io.modelcontextprotocol/protocolVersion"
_CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities"
_INFO_KEY = "io.modelcontextprotocol/clientInfo"
#: The revision a request without a version in its envelope is served at (as the official
#: ``modern_on_request`` does).
_LATEST_MODERN = "2026-07-28"
#: The progress token this module puts on a request that has none, so what the handler reports
#: reaches ``dctx.progress`` (the in-process peer passes no token: progress rides ``dctx``).
_PROGRESS_TOKEN = "ferromcp-runner-progress"
#: The id a single request is sent to its core connection with when the caller's has none.
_REQUEST_ID = "ferromcp-runner"


def _served(server: Any, init_options: Any) -> tuple[Any, dict[str, Any], Any]:
    """``(low-level server, core options, registry)`` for ``server``.

    Raises:
        TypeError: ``server`` is not a ferromcp server (an official ``Server`` belongs to the
            official ``mcp.server.runner``).
    """
    from ferromcp.server._highlevel import HighLevelServer
    from ferromcp.server.lowlevel.server import Server

    highlevel = server if isinstance(server, HighLevelServer) else getattr(
        server, "_highlevel", None)
    if isinstance(highlevel, HighLevelServer):
        options = highlevel._core_options()
        if init_options is not None:
            options.update(_identity(init_options))
        return highlevel._lowlevel, options, highlevel._registry
    if isinstance(server, Server):
        return server, server._core_options(init_options), None
    raise TypeError(
        f"{type(server).__module__}.{type(server).__qualname__} is not a ferromcp server: "
        "ferromcp's runner serves ferromcp's Server, MCPServer and FastMCP (an official "
        "mcp Server is served by the official mcp.server.runner)")


def _identity(init: Any) -> dict[str, Any]:
    """The core options an ``InitializationOptions`` sets: what ``initialize`` answers."""
    out = {"name": init.server_name, "version": init.server_version,
           "instructions": init.instructions, "capabilities": init.capabilities}
    for option, attr in (("title", "title"), ("description", "description"),
                         ("websiteUrl", "website_url"), ("icons", "icons")):
        value = getattr(init, attr, None)
        if value is not None:
            out[option] = value
    return out


async def serve_loop(server: Any, read_stream: Any, write_stream: Any, *, lifespan_state: Any,
                     session_id: str | None = None, init_options: Any = None,
                     raise_exceptions: bool = False) -> None:
    """Serves ``server`` over a stream pair in the handshake era until the client closes it.

    Args:
        server: a ferromcp ``Server`` (or ``MCPServer`` / ``FastMCP``, or the low-level server
            behind one).
        read_stream: what the client sends (``SessionMessage``s, or ``stdio_server()``'s).
        write_stream: where the server's messages go.
        lifespan_state: the value handlers see as their lifespan context; the server's own
            ``lifespan`` is not entered.
        session_id: accepted for the official signature; a stream pair has no session id.
        init_options: what ``initialize`` answers (the server's own options by default).
        raise_exceptions: accepted for the official signature; the core answers a handler's
            exception on the wire as the server's generation does.

    Raises:
        TypeError: ``server`` is not a ferromcp server.
    """
    del session_id, raise_exceptions
    lowlevel, options, registry = _served(server, init_options)
    options["sessionless"] = False
    await lowlevel._serve(read_stream, write_stream, options, registry, lifespan_state)


async def serve_dual_era_loop(server: Any, read_stream: Any, write_stream: Any, *,
                              lifespan_state: Any, session_id: str | None = None,
                              init_options: Any = None, raise_exceptions: bool = False) -> None:
    """Serves ``server`` over a stream pair in the era the client's first request opens.

    ``initialize`` opens the handshake era; a request carrying the 2026-07-28 ``_meta``
    envelope opens the sessionless one, and later requests of the other era are refused. The
    streams are closed when the client leaves. Arguments as for :func:`serve_loop`.

    Raises:
        TypeError: ``server`` is not a ferromcp server.
    """
    del session_id, raise_exceptions
    try:
        lowlevel, options, registry = _served(server, init_options)
        options["sessionless"] = True
        await lowlevel._serve(read_stream, write_stream, options, registry, lifespan_state)
    finally:
        for stream in (write_stream, read_stream):
            aclose = getattr(stream, "aclose", None)
            if aclose is not None:
                with contextlib.suppress(Exception):
                    await aclose()


def modern_on_request(server: Any, lifespan_state: Any) -> Any:
    """The ``OnRequest`` callback ``async (dctx, method, params) -> result`` serving each
    2026-07-28 request it is given (``params._meta`` carries the envelope; a missing version
    means 2026-07-28).

    Raises whatever the request's answer is as the official ``MCPError``; the dispatcher that
    calls it maps it to the caller.

    Raises:
        TypeError: ``server`` is not a ferromcp server.
    """
    _served(server, None)  # refuse a foreign server now, not on the first request

    async def handle(dctx: Any, method: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
        return await _answer_one(server, dctx, method, _enveloped(params, {}), lifespan_state)

    return handle


async def serve_one(server: Any, dctx: Any, method: str, params: Mapping[str, Any] | None, *,
                    connection: Any, lifespan_state: Any) -> dict[str, Any]:
    """Answers one 2026-07-28 request of ``connection`` and returns its result.

    The envelope the request is served with is the connection's (``protocol_version``,
    ``client_params.client_info``, ``client_capabilities``) where ``params._meta`` lacks it.
    The connection's exit stack is unwound on the way out, as the official ``serve_one`` does.

    Raises:
        MCPError: the official class; the request's error answer.
        ValueError: ``connection`` speaks a handshake-era revision: one request of a
            handshake connection is not served on its own (serve the connection's stream
            with ``serve_loop``).
        TypeError: ``server`` is not a ferromcp server.
    """
    try:
        version = connection.protocol_version
        if not isinstance(version, str) or version < _LATEST_MODERN:
            raise ValueError(
                f"serve_one answers a 2026-07-28 request on its own; this connection speaks "
                f"{version!r}, whose requests need the connection's handshake: serve its stream "
                "with serve_loop or serve_dual_era_loop")
        envelope: dict[str, Any] = {_VERSION_KEY: version}
        capabilities = getattr(connection, "client_capabilities", None)
        if capabilities is not None:
            envelope[_CAPABILITIES_KEY] = _plain(capabilities)
        client_params = getattr(connection, "client_params", None)
        if client_params is not None:
            envelope[_INFO_KEY] = _plain(client_params.client_info)
        return await _answer_one(server, dctx, method, _enveloped(params, envelope),
                                 lifespan_state)
    finally:
        await aclose_shielded(connection)


#: The method of the wrapper a routed core connection puts around what belongs to a request
#: (``{"id": <request id>, "message": <the message>}``).
_ROUTED = "ferromcp/routed"


#: The lifespan value's type (``ServerRunner[T]``, as the official class is generic).
LifespanT = TypeVar("LifespanT")


@dataclass
class ServerRunner(Generic[LifespanT]):
    """The per-connection handler callbacks an official ``Dispatcher`` runs: ``on_request``
    answers each request, ``on_notify`` takes each notification, both served by ``server`` on
    a core connection of this runner's (made on first use, closed with ``connection``'s exit
    stack).

    Args:
        server: a ferromcp ``Server`` (or ``MCPServer`` / ``FastMCP``, or the low-level server
            behind one).
        connection: the official ``Connection`` of the client: the handshake is written into
            it, and what the server sends outside any request goes out through it.
        lifespan_state: the value handlers see as their lifespan context; the server's own
            ``lifespan`` is not entered.
        init_options: what ``initialize`` answers (the server's own options by default).

    Raises:
        TypeError: ``server`` is not a ferromcp server (when the first message arrives).
    """

    server: Any
    connection: Any
    lifespan_state: LifespanT
    _: KW_ONLY
    init_options: Any = None

    @cached_property
    def on_request(self) -> Any:
        """``async (dctx, method, params) -> result``; raises the official ``MCPError``."""
        return self._on_request

    @cached_property
    def on_notify(self) -> Any:
        """``async (dctx, method, params) -> None``."""
        return self._on_notify

    @cached_property
    def _link(self) -> _Link:
        link = _Link(self.server, self.connection, self.lifespan_state, self.init_options)
        exit_stack = getattr(self.connection, "exit_stack", None)
        if exit_stack is not None:
            exit_stack.callback(link.close)
        return link

    async def _on_request(self, dctx: Any, method: str,
                          params: Mapping[str, Any] | None) -> dict[str, Any]:
        return await self._link.request(dctx, method, params)

    async def _on_notify(self, dctx: Any, method: str, params: Mapping[str, Any] | None) -> None:
        self._link.notify(method, params)


class _Link:
    """One core connection serving what an official dispatcher hands a ``ServerRunner``."""

    def __init__(self, server: Any, connection: Any, lifespan_state: Any,
                 init_options: Any, *, sessionless: bool | None = None) -> None:
        lowlevel, options, registry = _served(server, init_options)
        if sessionless is None:
            # A connection born in the sessionless era takes its requests' envelopes;
            # otherwise the handshake opens the session, as on a stream pair.
            version = getattr(connection, "protocol_version", None)
            sessionless = isinstance(version, str) and version >= _LATEST_MODERN
        options["sessionless"] = sessionless
        self._connection = connection
        self._lifespan_state = lifespan_state
        self._loop = asyncio.get_running_loop()
        self._output: asyncio.Queue[bytes] = asyncio.Queue()
        #: Request id → (its answer, its dispatch context, the progress token it carries).
        self._pending: dict[Any, tuple[asyncio.Future[dict[str, Any]], Any, Any]] = {}
        self._numbers = itertools.count(1)
        self._asking: set[asyncio.Task[None]] = set()
        with _lifespan_value(lifespan_state):
            self._conn = _core.StdioConnection(
                options, lowlevel._runners, lowlevel._notifications, self._loop, -1, -1,
                self._loop.create_future(), registry, self._output.put_nowait, routed=True)
        self._conn.set_drain_callback(self._conn.drain)
        self._pump = self._loop.create_task(self._relay_output())
        self._closed = False

    async def request(self, dctx: Any, method: str,
                      params: Mapping[str, Any] | None) -> dict[str, Any]:
        """Serves one request; its answer, or its error raised as the official ``MCPError``."""
        if self._closed:
            raise RuntimeError("this runner's connection is closed")
        request_id = getattr(dctx, "request_id", None)
        if (not isinstance(request_id, str | int) or isinstance(request_id, bool)
                or request_id in self._pending):
            request_id = f"{_REQUEST_ID}-{next(self._numbers)}"
        sent = dict(params or {})
        meta = dict(sent.get("_meta") or {})
        if "progressToken" not in meta:
            meta["progressToken"] = f"{_PROGRESS_TOKEN}-{request_id}"
        sent["_meta"] = meta
        answer: asyncio.Future[dict[str, Any]] = self._loop.create_future()
        self._pending[request_id] = (answer, dctx, meta["progressToken"])
        try:
            self._feed({"jsonrpc": "2.0", "id": request_id, "method": method, "params": sent})
            try:
                message = await answer
            except asyncio.CancelledError:
                # The dispatcher gave up on the request (the client cancelled it): so does
                # the handler.
                if not self._closed:
                    self.notify("notifications/cancelled", {"requestId": request_id})
                raise
        finally:
            self._pending.pop(request_id, None)
        result = _result(message)
        if method == "initialize":
            self._commit_handshake(params, result)
        return result

    def notify(self, method: str, params: Mapping[str, Any] | None) -> None:
        """Hands one notification to the server."""
        if method == "notifications/initialized":
            self._connection.initialized.set()
        if self._closed:
            return
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = dict(params)
        self._feed(message)

    def close(self) -> None:
        """Ends the core connection: handlers still running are cancelled."""
        if self._closed:
            return
        self._closed = True
        self._pump.cancel()
        for task in self._asking:
            task.cancel()
        self._conn.close()
        for answer, _, _ in self._pending.values():
            answer.cancel()

    def _commit_handshake(self, params: Mapping[str, Any] | None,
                          result: dict[str, Any]) -> None:
        """Writes the accepted handshake into the official ``Connection``."""
        init_params = _official.attribute("InitializeRequestParams", "mcp.types")
        self._connection.client_params = init_params.model_validate(dict(params or {}))
        self._connection.protocol_version = result.get("protocolVersion",
                                                       self._connection.protocol_version)

    def _feed(self, message: dict[str, Any]) -> None:
        with _lifespan_value(self._lifespan_state):
            self._conn.feed(json.dumps(message).encode() + b"\n")

    async def _relay_output(self) -> None:
        """Hands what the server sends to where it belongs, in the order it was sent."""
        while True:
            chunk = await self._output.get()
            for line in chunk.splitlines():
                if not line:
                    continue
                try:
                    await self._route(json.loads(line))
                except Exception:  # noqa: BLE001 - a peer gone mid-relay must not stop answers
                    logger.debug("a message of the server could not be relayed", exc_info=True)

    async def _route(self, message: dict[str, Any]) -> None:
        if "method" not in message:
            pending = self._pending.get(message.get("id"))
            if pending is not None and not pending[0].done():
                pending[0].set_result(message)
            return
        if message["method"] == _ROUTED:
            routed = message["params"]
            pending = self._pending.get(routed["id"])
            message = routed["message"]
            if pending is not None:
                _, dctx, token = pending
                if "id" in message:
                    self._ask(dctx, message)
                else:
                    await _relay(dctx, message, token)
                return
        # Not tied to a request (or its request is answered): the connection's own channel.
        if "id" in message:
            self._ask(self._connection, message)
        else:
            await self._connection.notify(message["method"], message.get("params"))

    def _ask(self, peer: Any, request: dict[str, Any]) -> None:
        """Sends a server→client request through ``peer`` and gives the server its answer."""
        async def ask() -> None:
            reply: dict[str, Any] = {"jsonrpc": "2.0", "id": request["id"]}
            try:
                reply["result"] = await peer.send_raw_request(request["method"],
                                                              request.get("params"))
            except Exception as exc:  # noqa: BLE001 - every failure is the server's answer
                error = getattr(exc, "error", None)
                if error is not None and hasattr(error, "code"):
                    reply["error"] = {"code": error.code, "message": error.message}
                    if getattr(error, "data", None) is not None:
                        reply["error"]["data"] = error.data
                else:
                    reply["error"] = {"code": -32603, "message": str(exc)}
            if not self._closed:
                self._feed(reply)

        task = self._loop.create_task(ask())
        self._asking.add(task)
        task.add_done_callback(self._asking.discard)


async def serve_connection(server: Any, dispatcher: Any, *, connection: Any,
                           lifespan_state: Any, init_options: Any = None,
                           task_status: Any = None) -> None:
    """Runs ``dispatcher`` (an official ``Dispatcher``) with a :class:`ServerRunner`'s
    callbacks until its channel closes, then unwinds ``connection``'s exit stack.

    Args:
        server: a ferromcp ``Server`` (or ``MCPServer`` / ``FastMCP``, or the low-level server
            behind one).
        dispatcher: the official dispatcher of the client's channel.
        connection: its official ``Connection``.
        lifespan_state: the value handlers see as their lifespan context.
        init_options: what ``initialize`` answers (the server's own options by default).
        task_status: handed to ``dispatcher.run`` (``task_group.start`` sets it).

    Raises:
        TypeError: ``server`` is not a ferromcp server.
    """
    _served(server, init_options)  # refuse a foreign server before the dispatcher runs
    runner = ServerRunner(server, connection, lifespan_state, init_options=init_options)
    try:
        if task_status is None:
            await dispatcher.run(runner.on_request, runner.on_notify)
        else:
            await dispatcher.run(runner.on_request, runner.on_notify, task_status=task_status)
    finally:
        await aclose_shielded(connection)


@contextlib.contextmanager
def _lifespan_value(value: Any) -> Iterator[None]:
    """Handlers started inside see ``value`` as their lifespan context."""
    from ferromcp.server.lowlevel.server import _lifespan_ctx

    token = _lifespan_ctx.set(value)
    try:
        yield
    finally:
        _lifespan_ctx.reset(token)


def _plain(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(by_alias=True, mode="json", exclude_none=True) if dump is not None else value


def _enveloped(params: Mapping[str, Any] | None, envelope: dict[str, Any]) -> dict[str, Any]:
    """``params`` with a whole envelope (the request's own keys win) and a progress token."""
    out = dict(params or {})
    meta = dict(out.get("_meta") or {})
    for key, value in envelope.items():
        meta.setdefault(key, value)
    meta.setdefault(_VERSION_KEY, _LATEST_MODERN)
    meta.setdefault(_CAPABILITIES_KEY, {})
    meta.setdefault("progressToken", _PROGRESS_TOKEN)
    out["_meta"] = meta
    return out


async def _answer_one(server: Any, dctx: Any, method: str, params: dict[str, Any],
                      lifespan_state: Any) -> dict[str, Any]:
    """Serves ``method`` on a core connection of its own; relays what the server sends on the
    way through ``dctx`` and returns the result."""
    link = _Link(server, _Exchange(dctx), lifespan_state, None, sessionless=True)
    try:
        return await link.request(dctx, method, params)
    finally:
        link.close()


class _Exchange:
    """The connection of one 2026-07-28 request: what the server sends outside the request
    goes to the request's ``dctx`` too (the revision has no requests to the client)."""

    def __init__(self, dctx: Any) -> None:
        self._dctx = dctx

    async def notify(self, method: str, params: Any) -> None:
        await self._dctx.notify(method, params)

    async def send_raw_request(self, method: str, params: Any) -> Any:
        raise _official.attribute("MCPError", "mcp.shared.exceptions")(
            code=-32601, message="no requests to the client at 2026-07-28")


def _result(message: dict[str, Any]) -> dict[str, Any]:
    error = message.get("error")
    if error is None:
        return message.get("result") or {}
    mcp_error = _official.attribute("MCPError", "mcp.shared.exceptions")
    raise mcp_error(code=error.get("code", -32603), message=error.get("message", ""),
                    data=error.get("data"))


async def _relay(dctx: Any, message: dict[str, Any], token: Any) -> None:
    method, params = message["method"], message.get("params")
    if method == "notifications/progress" and (params or {}).get("progressToken") == token:
        await dctx.progress(params.get("progress"), params.get("total"), params.get("message"))
    else:
        await dctx.notify(method, params)


#: How long ``aclose_shielded`` lets a connection's cleanup run (as the official one).
_CLOSE_TIMEOUT = 5.0


async def aclose_shielded(connection: Any) -> None:
    """Unwinds ``connection.exit_stack`` (an official ``Connection``'s) shielded from
    cancellation and bounded in time; a raising cleanup callback is logged, not raised."""
    import anyio

    with anyio.move_on_after(_CLOSE_TIMEOUT, shield=True) as scope:
        try:
            await connection.exit_stack.aclose()
        except Exception:  # noqa: BLE001 - cleanup must not mask the caller's own outcome
            logger.exception("connection exit_stack cleanup raised")
    if scope.cancelled_caught:
        logger.warning("connection exit_stack cleanup exceeded %s seconds; abandoning it",
                       _CLOSE_TIMEOUT)
