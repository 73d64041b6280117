"""``FastMCP`` as ``mcp`` 1.x spells it: constructor settings, 1.x error texts and results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from ferromcp.server._highlevel import Context, HighLevelServer

__all__ = ["FastMCP", "Context"]


class FastMCP(HighLevelServer):
    """A decorator-API server, as ``mcp.server.fastmcp.FastMCP`` (1.x).

    Args:
        name: server name (default ``"FastMCP"``).
        instructions: instructions for the client's model.
        website_url: ``serverInfo.websiteUrl``.
        icons: ``serverInfo.icons``.
        tools: functions to register as tools.
        lifespan: ``lifespan(server)`` → async context manager; its value is
            ``ctx.request_context.lifespan_context``.
        mask_error_details: hide the text of unexpected tool exceptions (the 2.x behaviour).
        **settings: the 1.x settings (``host``, ``port``, ``log_level``, …), kept in
            ``mcp.settings``.
    """

    _generation = 1

    def __init__(self, name: str | None = None, instructions: str | None = None,
                 website_url: str | None = None, icons: list[Any] | None = None,
                 auth_server_provider: Any = None, token_verifier: Any = None,
                 event_store: Any = None, retry_interval: int | None = None, *,
                 tools: Sequence[Callable[..., Any]] | None = None,
                 lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
                 mask_error_details: bool | None = None, version: str | None = None,
                 **settings: Any) -> None:
        defaults = {"debug": False, "log_level": "INFO", "host": "127.0.0.1", "port": 8000,
                    "mount_path": "/", "sse_path": "/sse", "message_path": "/messages/",
                    "streamable_http_path": "/mcp", "json_response": False,
                    "stateless_http": False, "dependencies": ()}
        defaults.update(settings)
        self._setup(name, instructions=instructions, website_url=website_url, icons=icons,
                    lifespan=lifespan, tools=tools, mask_error_details=mask_error_details,
                    version=version, settings=defaults)
