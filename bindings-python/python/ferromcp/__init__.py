"""ferromcp: Model Context Protocol servers on a Rust core.

Change ``mcp`` to ``ferromcp`` in a server's imports and it runs on ferromcp; or run it unchanged
with ``python -m ferromcp run server.py``.
"""

from __future__ import annotations

from typing import Any

from ferromcp._core import __version__
from ferromcp.shared.exceptions import MCPError, McpError
from ferromcp.types import ErrorData, Tool  # noqa: F401 - common names at top level

__all__ = ["__version__", "McpError", "MCPError", "ErrorData", "Tool", "stdio_server", "Server",
           "FastMCP", "Context"]


def __getattr__(name: str) -> Any:
    # Heavier pieces load on first use, keeping `import ferromcp` cheap.
    if name == "stdio_server":
        from ferromcp.server.stdio import stdio_server
        return stdio_server
    if name == "Server":
        from ferromcp.server import Server
        return Server
    if name == "FastMCP":
        from ferromcp._fastmcp import FastMCP
        return FastMCP
    if name == "Context":
        from ferromcp.server._highlevel import Context
        return Context
    from ferromcp import types
    if hasattr(types, name):
        return getattr(types, name)
    raise AttributeError(f"module 'ferromcp' has no attribute {name!r}")
