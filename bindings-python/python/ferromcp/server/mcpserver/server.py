"""``MCPServer`` as ``mcp`` 2.x spells it: keyword settings, masked unexpected errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from ferromcp.server._highlevel import HighLevelServer

__all__ = ["MCPServer"]


class MCPServer(HighLevelServer):
    """A decorator-API server, as ``mcp.server.mcpserver.MCPServer`` (2.x).

    Unexpected tool exceptions are masked (``Error executing tool <name>``) unless
    ``mask_error_details=False``; ``ToolError`` text is shown; ``MCPError`` becomes a JSON-RPC
    error. Transport settings go to ``run()`` in 2.x; they are accepted here as well.
    """

    _generation = 2
    _default_name = "mcp-server"

    def __init__(self, name: str | None = None, title: str | None = None,
                 description: str | None = None, instructions: str | None = None,
                 website_url: str | None = None, icons: list[Any] | None = None,
                 version: str = "", auth_server_provider: Any = None,
                 token_verifier: Any = None, *,
                 tools: Sequence[Callable[..., Any]] | None = None,
                 lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
                 mask_error_details: bool | None = None, **settings: Any) -> None:
        self._setup(name, title=title, description=description, instructions=instructions,
                    website_url=website_url, icons=icons, version=version, lifespan=lifespan,
                    tools=tools, mask_error_details=mask_error_details, settings=settings)
