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

``server`` is a ferromcp low-level ``Server`` (1.x or 2.x style), or an ``MCPServer`` /
``FastMCP`` or the low-level server behind one (``mcp._lowlevel_server``), served with its
tools, resources and prompts. The official ``ServerRunner`` and ``serve_connection`` drive an
official ``Dispatcher`` with the official dispatch kernel; ferromcp does not have them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Mapping
from typing import Any

from ferromcp import _core, _official
from ferromcp.server.context import CallNext, ServerMiddleware

__all__ = ["CallNext", "ServerMiddleware", "aclose_shielded", "modern_on_request",
           "serve_dual_era_loop", "serve_loop", "serve_one"]

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
    from ferromcp.server.lowlevel.server import _lifespan_ctx

    lowlevel, options, registry = _served(server, None)
    options["sessionless"] = True
    token = params["_meta"]["progressToken"]
    # The handler sees the caller's request id, as with the official runner.
    request_id = getattr(dctx, "request_id", None)
    if not isinstance(request_id, str | int) or isinstance(request_id, bool):
        request_id = _REQUEST_ID
    loop = asyncio.get_running_loop()
    outgoing: asyncio.Queue[bytes] = asyncio.Queue()
    scope = _lifespan_ctx.set(lifespan_state)
    try:
        conn = _core.StdioConnection(options, lowlevel._runners, lowlevel._notifications, loop,
                                     -1, -1, loop.create_future(), registry, outgoing.put_nowait)
        conn.set_drain_callback(conn.drain)
        try:
            conn.feed(json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method,
                                  "params": params}).encode() + b"\n")
            while True:
                for line in (await outgoing.get()).splitlines():
                    if not line:
                        continue
                    message = json.loads(line)
                    if "method" not in message:
                        if message.get("id") == request_id:
                            return _result(message)
                    elif "id" in message:
                        # A 2026-07-28 server asks for input with a result, never a request.
                        conn.feed(json.dumps({"jsonrpc": "2.0", "id": message["id"], "error": {
                            "code": -32601, "message": "no requests to the client at 2026-07-28",
                        }}).encode() + b"\n")
                    else:
                        await _relay(dctx, message, token)
        finally:
            conn.close()
    finally:
        _lifespan_ctx.reset(scope)


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
    import logging

    import anyio

    logger = logging.getLogger(__name__)
    with anyio.move_on_after(_CLOSE_TIMEOUT, shield=True) as scope:
        try:
            await connection.exit_stack.aclose()
        except Exception:  # noqa: BLE001 - cleanup must not mask the caller's own outcome
            logger.exception("connection exit_stack cleanup raised")
    if scope.cancelled_caught:
        logger.warning("connection exit_stack cleanup exceeded %s seconds; abandoning it",
                       _CLOSE_TIMEOUT)
