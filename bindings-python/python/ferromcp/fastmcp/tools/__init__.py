"""``fastmcp.tools``: ``Tool`` (``Tool.from_function``, ``Tool.from_tool``), ``FunctionTool``
and ``ToolResult``; ``forward`` and ``forward_raw`` (for a ``transform_fn``) are the fastmcp
package's own."""

from typing import Any

from ferromcp.fastmcp._components import FunctionTool, Tool, ToolResult

__all__ = ["Tool", "FunctionTool", "ToolResult", "forward", "forward_raw"]


def __getattr__(name: str) -> Any:
    if name in ("forward", "forward_raw"):
        from ferromcp import _official

        return getattr(_official.module("fastmcp.tools.tool_transform"), name)
    raise AttributeError(f"module 'fastmcp.tools' has no attribute {name!r}")
