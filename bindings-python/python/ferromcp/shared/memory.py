"""In-memory connections between a ferromcp server and the official client, in one process
(``mcp.shared.memory``), as servers' own test suites use them.

The client side is the official package's (``ClientSession`` and its streams); what the server
writes is turned into the official message objects that client reads, so this works under
``python -m ferromcp run`` too, where ``mcp.types`` is ferromcp's. Names of the official module
that are the client's business (``ClientSession``, the callback types, ``SessionMessage`` …) come
from the official package.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from ferromcp import _official

__all__ = ["create_client_server_memory_streams", "create_connected_server_and_client_session"]


def _session_message_parser() -> tuple[type, Any]:
    """The official ``SessionMessage`` class and a dict → official JSON-RPC message function."""
    message_cls = _official.attribute("SessionMessage", "mcp.shared.message")
    official_types = _official.module("mcp.types")
    adapter = getattr(official_types, "jsonrpc_message_adapter", None)
    if adapter is not None:  # mcp 2.x
        return message_cls, adapter.validate_python
    return message_cls, official_types.JSONRPCMessage.model_validate  # mcp 1.x (a RootModel)


class _ServerWriteStream:
    """The server's end of the server → client stream: each message ferromcp's ``Server``
    sends is handed on as the official ``SessionMessage`` the official client expects (one the
    official package built already passes as it is)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._message_cls, self._parse = _session_message_parser()

    def _official(self, item: Any) -> Any:
        if isinstance(item, Exception):
            return item
        message = getattr(item, "message", item)
        if isinstance(item, self._message_cls) and not getattr(message, "__mcp_model__", False):
            return item
        return self._message_cls(self._parse(message.model_dump(by_alias=True,
                                                                exclude_none=True)))

    async def send(self, item: Any) -> None:
        """Sends ``item`` on, as the official message."""
        await self._inner.send(self._official(item))

    def send_nowait(self, item: Any) -> None:
        """Sends ``item`` on without waiting, as the official message."""
        self._inner.send_nowait(self._official(item))

    async def aclose(self) -> None:
        """Closes the stream."""
        await self._inner.aclose()

    def close(self) -> None:
        """Closes the stream."""
        self._inner.close()

    async def __aenter__(self) -> _ServerWriteStream:
        await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> Any:
        return await self._inner.__aexit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@asynccontextmanager
async def create_client_server_memory_streams() -> AsyncIterator[tuple[Any, Any]]:
    """A pair of connected in-memory stream pairs: ``(client_streams, server_streams)``, each
    ``(read_stream, write_stream)``. Run ``server.run(*server_streams, ...)`` next to the
    official ``ClientSession(*client_streams)``.

    Raises:
        ferromcp._official.OfficialNotInstalled: the official ``mcp`` package is not installed.
    """
    official = _official.module("mcp.shared.memory")
    async with official.create_client_server_memory_streams() as (client_streams, server_streams):
        server_read, server_write = server_streams
        yield client_streams, (server_read, _ServerWriteStream(server_write))


@asynccontextmanager
async def create_connected_server_and_client_session(
        server: Any, read_timeout_seconds: Any = None, sampling_callback: Any = None,
        list_roots_callback: Any = None, logging_callback: Any = None,
        message_handler: Any = None, client_info: Any = None, raise_exceptions: bool = False,
        elicitation_callback: Any = None) -> AsyncIterator[Any]:
    """An initialized official ``ClientSession`` connected in memory to ``server`` (a low-level
    ``Server``, ``FastMCP`` or ``MCPServer``), which runs until the block ends.

    Raises:
        ferromcp._official.OfficialNotInstalled: the official ``mcp`` package is not installed.
    """
    import anyio

    client_session = _official.attribute("ClientSession", "mcp.client.session")
    options = {k: v for k, v in (
        ("read_timeout_seconds", read_timeout_seconds), ("sampling_callback", sampling_callback),
        ("list_roots_callback", list_roots_callback), ("logging_callback", logging_callback),
        ("message_handler", message_handler), ("client_info", client_info),
        ("elicitation_callback", elicitation_callback)) if v is not None}
    async with create_client_server_memory_streams() as (client_streams, server_streams):
        async with anyio.create_task_group() as tg:
            tg.start_soon(_run, server, *server_streams, raise_exceptions)
            try:
                async with client_session(*client_streams, **options) as session:
                    await session.initialize()
                    yield session
            finally:
                tg.cancel_scope.cancel()


async def _run(server: Any, read_stream: Any, write_stream: Any, raise_exceptions: bool) -> None:
    registry = getattr(server, "_registry", None)
    if registry is not None:  # FastMCP / MCPServer: the low-level server with their registry
        await server._lowlevel._serve(read_stream, write_stream, server._core_options(), registry)
    else:
        await server.run(read_stream, write_stream, server.create_initialization_options(),
                         raise_exceptions=raise_exceptions)


def __getattr__(name: str) -> Any:
    # The rest of the official module (ClientSession, the callback types, SessionMessage, the
    # 2.x context streams …) belongs to the client side.
    if name == "Server":
        from ferromcp.server import Server

        return Server
    if name == "FastMCP":
        from ferromcp.server.fastmcp import FastMCP

        return FastMCP
    if name == "ClientSession":
        return _official.attribute(name, "mcp.client.session")
    if not name.startswith("_"):
        official = _official.module("mcp.shared.memory")
        if hasattr(official, name):
            return getattr(official, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
