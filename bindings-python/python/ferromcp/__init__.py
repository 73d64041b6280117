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
           "FastMCP", "Context", "set_guards"]


#: Names of the official top-level ``mcp`` package that are the client's business: they come from
#: the official package (see ``ferromcp._official``), when it is installed.
_CLIENT_NAMES = frozenset({"ClientSession", "ClientSessionGroup", "StdioServerParameters",
                           "stdio_client", "InputRequiredRoundsExceededError", "UriTemplate",
                           "InvalidUriTemplate"})


def __getattr__(name: str) -> Any:
    # Heavier pieces load on first use, keeping `import ferromcp` cheap.
    if name in _CLIENT_NAMES:
        from ferromcp import _official

        return _official.attribute(name)
    if name == "Client":  # mcp 2.x; also connects in process to a ferromcp server
        from ferromcp._client import client_class

        return client_class()
    if name == "set_guards":
        from ferromcp._guards import set_guards
        return set_guards
    if name == "ServerSession":
        from ferromcp.server.session import ServerSession
        return ServerSession
    if name in ("UrlElicitationRequiredError", "MCPDeprecationWarning"):
        from ferromcp.shared import exceptions
        return getattr(exceptions, name)
    if name == "SamplingRole":
        from ferromcp.types import Role
        return Role
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
