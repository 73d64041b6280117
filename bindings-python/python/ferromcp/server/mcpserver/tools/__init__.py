"""Tools as objects (``mcp.server.mcpserver.tools``): ``Tool`` and ``ToolManager``."""

from ferromcp.server.mcpserver.tools.base import Tool
from ferromcp.server.mcpserver.tools.tool_manager import ToolManager

__all__ = ["Tool", "ToolManager"]
