"""``fastmcp.tools``: ``Tool`` (``Tool.from_function``), ``FunctionTool`` and ``ToolResult``."""

from ferromcp.fastmcp._components import FunctionTool, Tool, ToolResult

__all__ = ["Tool", "FunctionTool", "ToolResult"]
