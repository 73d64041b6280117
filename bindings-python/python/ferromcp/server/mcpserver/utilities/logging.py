"""Logging helpers (``mcp.server.mcpserver.utilities.logging``)."""

from ferromcp.server.fastmcp.utilities.logging import configure_logging, get_logger

__all__ = ["get_logger", "configure_logging"]
