"""``ToolManager``: a name → ``Tool`` table (``mcp.server.fastmcp.tools.tool_manager``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ferromcp.server._highlevel import ToolError
from ferromcp.server.fastmcp.tools.base import Tool
from ferromcp.server.fastmcp.utilities.logging import get_logger
from ferromcp.types import Icon, ToolAnnotations

__all__ = ["ToolManager", "Tool", "ToolError", "Icon", "ToolAnnotations", "get_logger"]

_log = logging.getLogger(__name__)


class ToolManager:
    """Tools by name: add, look up, list, remove and call them.

    Args:
        warn_on_duplicate_tools: log a warning when a name is added twice (the first stays).
        tools: tools to start with.
    """

    _tool_class: type[Tool] = Tool

    def __init__(self, warn_on_duplicate_tools: bool = True, *,
                 tools: list[Tool] | None = None) -> None:
        self._tools: dict[str, Tool] = {}
        self.warn_on_duplicate_tools = warn_on_duplicate_tools
        for tool in tools or ():
            if warn_on_duplicate_tools and tool.name in self._tools:
                _log.warning("Tool already exists: %s", tool.name)
            self._tools[tool.name] = tool

    def get_tool(self, name: str) -> Tool | None:
        """The tool named ``name``, or None."""
        return self._tools.get(name)

    def list_tools(self) -> list[Tool]:
        """Every tool, in the order they were added."""
        return list(self._tools.values())

    def add_tool(self, fn: Callable[..., Any], name: str | None = None,
                 title: str | None = None, description: str | None = None,
                 annotations: ToolAnnotations | None = None, icons: list[Icon] | None = None,
                 meta: dict[str, Any] | None = None, structured_output: bool | None = None,
                 **kw: Any) -> Tool:
        """Adds ``fn`` as a tool (see :meth:`Tool.from_function`); a name already taken keeps
        its tool, which is returned."""
        tool = self._tool_class.from_function(
            fn, name=name, title=title, description=description, annotations=annotations,
            icons=icons, meta=meta, structured_output=structured_output, **kw)
        existing = self._tools.get(tool.name)
        if existing is not None:
            if self.warn_on_duplicate_tools:
                _log.warning("Tool already exists: %s", tool.name)
            return existing
        self._tools[tool.name] = tool
        return tool

    def remove_tool(self, name: str) -> None:
        """Removes a tool.

        Raises:
            ToolError: there is no tool of that name.
        """
        if name not in self._tools:
            raise ToolError(f"Unknown tool: {name}")
        del self._tools[name]

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None,
                        convert_result: bool = False) -> Any:
        """Runs the tool named ``name`` (see :meth:`Tool.run`).

        Raises:
            ToolError: there is no tool of that name, or it failed.
        """
        tool = self.get_tool(name)
        if tool is None:
            raise ToolError(f"Unknown tool: {name}")
        return await tool.run(arguments, context=context, convert_result=convert_result)
