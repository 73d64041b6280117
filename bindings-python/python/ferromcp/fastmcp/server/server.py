"""``fastmcp.server.server``: ``FastMCP``."""

from ferromcp._fastmcp import FastMCP
from ferromcp.server._highlevel import Context

__all__ = ["FastMCP", "Context"]


def __getattr__(name: str) -> object:
    if name == "create_proxy":  # fastmcp 3/4
        from ferromcp.fastmcp._proxy import create_proxy

        return create_proxy
    raise AttributeError(f"module 'fastmcp.server.server' has no attribute {name!r}")
