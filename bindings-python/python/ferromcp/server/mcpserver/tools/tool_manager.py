"""``ToolManager`` as mcp 2.x has it (``mcp.server.mcpserver.tools.tool_manager``)."""

from ferromcp.server.fastmcp.tools import tool_manager as _v1
from ferromcp.server.fastmcp.utilities.logging import get_logger
from ferromcp.server.mcpserver.tools.base import Tool, ToolError
from ferromcp.types import Icon, ToolAnnotations

__all__ = ["ToolManager", "Tool", "ToolError", "Icon", "ToolAnnotations", "get_logger"]


class ToolManager(_v1.ToolManager):
    """Tools by name (mcp 2.x ``Tool`` objects). See
    :class:`ferromcp.server.fastmcp.tools.ToolManager`."""

    _tool_class = Tool
