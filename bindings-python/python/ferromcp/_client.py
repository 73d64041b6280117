"""``Client`` (mcp 2.x): the official client, able to connect in process to a ferromcp server too.

``Client(server)`` with an official in-process server uses the official package's own wiring; a
ferromcp ``Server`` / ``FastMCP`` / ``MCPServer`` is connected through in-memory streams
(``ferromcp.shared.memory``) and spoken to over JSON-RPC, in the era the client's ``mode`` opens:
the core decides it from the first request, as on stdio (the official client drives the
2026-07-28 revision in process through ``mcp.server.runner.modern_on_request`` instead; ferromcp's
``modern_on_request`` serves that path too, for callers that wire it themselves).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from ferromcp import _official

__all__ = ["client_class"]

_class: type | None = None


def _is_ferromcp_server(server: Any) -> bool:
    from ferromcp.server._highlevel import HighLevelServer
    from ferromcp.server.lowlevel.server import Server

    return isinstance(server, Server | HighLevelServer)


class _InProcess:
    """A ``Transport`` (async context manager of client streams) running a ferromcp server in
    this process for as long as it is entered."""

    def __init__(self, server: Any, raise_exceptions: bool) -> None:
        self._server = server
        self._raise_exceptions = raise_exceptions
        self._stack: AsyncExitStack | None = None

    @asynccontextmanager
    async def _connect(self) -> AsyncIterator[Any]:
        import anyio

        from ferromcp.shared import memory

        async with memory.create_client_server_memory_streams() as (client, server_streams):
            async with anyio.create_task_group() as tg:
                tg.start_soon(memory._run, self._server, *server_streams, self._raise_exceptions)
                try:
                    yield client
                finally:
                    tg.cancel_scope.cancel()

    async def __aenter__(self) -> Any:
        self._stack = AsyncExitStack()
        return await self._stack.enter_async_context(self._connect())

    async def __aexit__(self, *exc: Any) -> Any:
        stack, self._stack = self._stack, None
        if stack is not None:
            return await stack.__aexit__(*exc)
        return None


def client_class() -> type:
    """The ``Client`` class: a subclass of the official one (built on first use).

    Raises:
        ferromcp._official.OfficialNotInstalled: the official ``mcp`` package is not installed.
        AttributeError: the official package is 1.x, which has no ``Client``.
    """
    global _class
    if _class is None:
        official = _official.attribute("Client")

        class Client(official):  # type: ignore[misc, valid-type]
            __doc__ = official.__doc__

            def __post_init__(self) -> None:
                if _is_ferromcp_server(self.server):
                    self.server = _InProcess(self.server, self.raise_exceptions)
                super().__post_init__()

        Client.__module__ = official.__module__
        Client.__qualname__ = official.__qualname__
        _class = Client
    return _class
