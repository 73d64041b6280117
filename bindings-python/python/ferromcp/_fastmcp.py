"""``from ferromcp import FastMCP``: the fastmcp (4.x) spelling of the decorator API."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from ferromcp.server._highlevel import HighLevelServer

__all__ = ["FastMCP"]

_MOVED = ("host", "port", "sse_path", "message_path", "streamable_http_path", "json_response",
          "stateless_http", "debug", "log_level")


class FastMCP(HighLevelServer):
    """A fastmcp-style server: decorators may be used bare (``@mcp.tool``); unexpected tool
    errors are shown unless ``mask_error_details=True``; ``McpError`` is a JSON-RPC error."""

    _generation = "fastmcp"
    _bare_decorators = True

    def __init__(self, name: str | None = None, instructions: str | None = None, *,
                 version: str | None = None, website_url: str | None = None,
                 icons: list[Any] | None = None,
                 lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
                 tools: Sequence[Callable[..., Any]] | None = None,
                 mask_error_details: bool | None = None, list_page_size: int | None = None,
                 **kwargs: Any) -> None:
        moved = [k for k in kwargs if k in _MOVED]
        if moved:
            raise TypeError(f"FastMCP() no longer takes {', '.join(moved)}: pass transport "
                            "settings to run() / run_http_async() instead")
        self._setup(name, instructions=instructions, version=version, website_url=website_url,
                    icons=icons, lifespan=lifespan, tools=tools,
                    mask_error_details=bool(mask_error_details), list_page_size=list_page_size,
                    settings=kwargs)
