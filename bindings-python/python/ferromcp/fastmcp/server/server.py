"""``fastmcp.server.server``: ``FastMCP``."""

from ferromcp._fastmcp import FastMCP
from ferromcp.server._highlevel import Context

__all__ = ["FastMCP", "Context"]
