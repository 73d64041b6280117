"""``fastmcp.tools.tool``."""

from ferromcp.fastmcp._components import FunctionTool, Tool, ToolResult

__all__ = ["Tool", "FunctionTool", "ToolResult"]
