"""Tools as objects (``mcp.server.fastmcp.tools``): ``Tool`` and ``ToolManager``."""

from ferromcp.server.fastmcp.tools.base import Tool
from ferromcp.server.fastmcp.tools.tool_manager import ToolManager

__all__ = ["Tool", "ToolManager"]
