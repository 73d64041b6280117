"""Servers: the low-level ``Server`` (1.x decorators and 2.x ``on_*`` keywords)."""

from ferromcp.server import _auth
from ferromcp.server.caching import CacheHint
from ferromcp.server.context import ServerRequestContext
from ferromcp.server.lowlevel.server import NotificationOptions, RequestContext, Server
from ferromcp.server.models import InitializationOptions

__all__ = ["CacheHint", "Server", "NotificationOptions", "InitializationOptions",
           "ServerRequestContext", "RequestContext",
           "FastMCP", "MCPServer"]

# `ferromcp.server.auth.*`: the official OAuth modules, under ferromcp's name.
_auth.install_modules()


def __getattr__(name: str):  # noqa: ANN202 - the decorator APIs load on first use
    if name == "FastMCP":
        from ferromcp.server.fastmcp import FastMCP
        return FastMCP
    if name == "MCPServer":
        from ferromcp.server.mcpserver import MCPServer
        return MCPServer
    raise AttributeError(f"module 'ferromcp.server' has no attribute {name!r}")
