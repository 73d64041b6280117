"""fastmcp's ``Client`` (``fastmcp.Client``, ``fastmcp.client.*``): the fastmcp package's own,
loaded from it beside ferromcp, as its auth providers are.

``Client(mcp)`` with a ferromcp server connects in process, as fastmcp's tests do with a
fastmcp server: the server runs on in-memory streams for as long as the client is connected,
spoken to over JSON-RPC by the official ``ClientSession`` the client drives. Every other target
(a URL, a script, an ``MCPConfig``, a transport) is fastmcp's own business.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

__all__ = ["adapt_transports", "client_class"]


def client_class() -> type:
    """fastmcp's ``Client`` class.

    Raises:
        ferromcp._official.OfficialNotInstalled: fastmcp is not installed.
    """
    from ferromcp import _official

    return _official.module("fastmcp.client").Client  # type: ignore[no-any-return]


def _is_ferromcp_server(target: Any) -> bool:
    from ferromcp.server._highlevel import HighLevelServer
    from ferromcp.server.lowlevel.server import Server

    return isinstance(target, HighLevelServer | Server)


def adapt_transports(module: ModuleType) -> None:
    """Teaches the module defining fastmcp's ``infer_transport`` (``fastmcp.client.transports``
    in fastmcp 2, ``….transports.inference`` in 3 and 4) to connect to a ferromcp server."""
    infer = module.infer_transport
    in_process = _in_process_transport(module.ClientTransport)

    def infer_transport(transport: Any) -> Any:
        if _is_ferromcp_server(transport):
            return in_process(transport)
        return infer(transport)

    infer_transport.__doc__ = infer.__doc__
    # Loaded without ferromcp's alias, the client's modules may have bound the function already.
    for loaded in list(sys.modules.values()):
        if getattr(loaded, "infer_transport", None) is infer:
            loaded.infer_transport = infer_transport  # type: ignore[attr-defined]


def _in_process_transport(base: type) -> type:
    class FerromcpTransport(base):  # type: ignore[misc, valid-type]
        """A ferromcp server run in this process for each connection of a fastmcp client."""

        def __init__(self, server: Any, raise_exceptions: bool = False) -> None:
            self.server = server
            self.raise_exceptions = raise_exceptions

        @asynccontextmanager
        async def connect_session(self, *, transport_options: Any = None,
                                  **session_kwargs: Any) -> AsyncIterator[Any]:
            import anyio

            from ferromcp import _official
            from ferromcp.shared import memory

            session_class = (getattr(transport_options, "session_class", None)
                             or _official.attribute("ClientSession", "mcp"))
            async with memory.create_client_server_memory_streams() as (client, server):
                async with anyio.create_task_group() as tg:
                    tg.start_soon(memory._run, self.server, *server, self.raise_exceptions)
                    try:
                        async with session_class(*client, **session_kwargs) as session:
                            yield session
                    finally:
                        tg.cancel_scope.cancel()

        def __repr__(self) -> str:
            return f"<FerromcpTransport(server={getattr(self.server, 'name', None)!r})>"

    return FerromcpTransport
