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


class ServerToolManager:
    """``server._tool_manager`` of a ``FastMCP`` (1.x) or ``MCPServer`` (2.x): the tools the
    server registered, as ``Tool`` objects, made when a server first asks for them.

    Adding and removing go through the server (so the client hears of it). What a server
    changes on a ``Tool`` — ``parameters`` and ``output_schema`` (in place or replaced),
    ``fn_metadata.arg_model``, ``description``, ``title``, ``annotations``, ``meta``, ``fn`` — is
    what it serves from the next ``run()`` on (see ``HighLevelServer._sync_tool_objects``).
    """

    def __init__(self, server: Any, tool_class: type[Tool]) -> None:
        self._server = server
        self._tool_class = tool_class
        self._tools: dict[str, Tool] = {}
        self.warn_on_duplicate_tools = bool(getattr(server.settings, "warn_on_duplicate_tools",
                                                    True))
        for name, (fn, fs, definition) in server._tools.items():
            self._added(name, fn, fs, definition)

    def _added(self, name: str, fn: Callable[..., Any], fs: Any,
               definition: dict[str, Any]) -> None:
        self._tools[name] = self._tool_class(
            fn=fn, name=name, title=definition.get("title"),
            description=definition.get("description", ""), parameters=fs.input_schema,
            fn_metadata=fs, is_async=fs.is_async, context_kwarg=fs.context_param,
            annotations=definition.get("annotations"), icons=definition.get("icons"),
            meta=definition.get("_meta"), **self._resolver_fields(name))

    def _resolver_fields(self, name: str) -> dict[str, Any]:
        """A 2.x tool's resolved parameters and resolver plans, as the server registered them."""
        resolvers = self._server._resolvers.get(name)
        if resolvers is None:
            return {}
        return {"resolved_params": resolvers.params, "resolver_plans": resolvers.plans}

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
                 **_: Any) -> Tool:
        """Registers ``fn`` on the server as ``@server.tool()`` does; a name already taken keeps
        its tool, which is returned."""
        existing = self._tools.get(name or getattr(fn, "__name__", ""))
        if existing is not None:
            if self.warn_on_duplicate_tools:
                _log.warning("Tool already exists: %s", existing.name)
            return existing
        self._server.add_tool(fn, name=name, title=title, description=description,
                              annotations=annotations, icons=icons, meta=meta,
                              structured_output=structured_output)
        return self._tools[name or fn.__name__]

    def remove_tool(self, name: str) -> None:
        """Removes a tool from the server.

        Raises:
            ToolError: there is no tool of that name.
        """
        self._server.remove_tool(name)

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None,
                        convert_result: bool = False) -> Any:
        """Runs the tool named ``name`` in process (see ``Tool.run``).

        Raises:
            ToolError: there is no tool of that name, or it failed.
        """
        tool = self.get_tool(name)
        if tool is None:
            raise ToolError(f"Unknown tool: {name}")
        return await tool.run(arguments, context=context, convert_result=convert_result)
