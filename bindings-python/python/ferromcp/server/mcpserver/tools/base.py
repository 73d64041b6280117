"""``Tool`` as mcp 2.x has it (``mcp.server.mcpserver.tools.base``): 2.x schema rules, and a
failing call raises ``ToolError`` for expected failures, ``UnexpectedToolError`` (text masked)
for crashes, and passes ``MCPError`` on."""

from __future__ import annotations

import inspect
from typing import Any

from ferromcp._schema import ArgumentError, InvalidSignature
from ferromcp.server._highlevel import ResourceError, ToolError, UnexpectedToolError
from ferromcp.server.fastmcp.tools import base as _v1
from ferromcp.server.fastmcp.utilities.context_injection import find_context_parameter
from ferromcp.server.mcpserver.exceptions import UnexpectedResourceError
from ferromcp.server.mcpserver.utilities.func_metadata import FuncMetadata, func_metadata
from ferromcp.shared.exceptions import MCPError
from ferromcp.types import Icon, InputRequiredResult, ToolAnnotations

__all__ = ["Tool", "ToolError", "UnexpectedToolError", "ResourceError", "UnexpectedResourceError",
           "InvalidSignature", "MCPError", "InputRequiredResult", "Icon", "ToolAnnotations",
           "find_context_parameter", "validate_and_warn_tool_name", "is_async_callable",
           "FuncMetadata", "func_metadata"]

validate_and_warn_tool_name = _v1.validate_and_warn_tool_name
is_async_callable = _v1.is_async_callable


class Tool(_v1.Tool):
    """A registered tool (mcp 2.x rules). See :class:`ferromcp.server.fastmcp.tools.Tool`."""

    _generation = 2

    async def run(self, arguments: dict[str, Any], context: Any = None,
                  convert_result: bool = False) -> Any:
        """Calls the function with ``arguments`` (converted to the annotated types).

        Raises:
            ToolError: the arguments do not fit, or the function raised ``ToolError`` or
                ``ResourceError`` (its text is kept).
            UnexpectedToolError: the function raised anything else (its text is not shown).
            MCPError: raised by the function, passed on.
        """
        try:
            kwargs = self.fn_metadata.convert_arguments(arguments)
        except ArgumentError as exc:
            raise ToolError(f"Error executing tool {self.name}: {exc}") from exc
        if self.context_kwarg is not None:
            kwargs[self.context_kwarg] = context
        try:
            result = self.fn(**kwargs)
            if inspect.isawaitable(result):
                result = await result
            return self._convert(result) if convert_result else result
        except MCPError:
            raise
        except (ToolError, ResourceError) as exc:
            raise ToolError(f"Error executing tool {self.name}: {exc}") from exc
        except Exception as exc:
            raise UnexpectedToolError(f"Error executing tool {self.name}") from exc


def __getattr__(name: str) -> Any:
    # Checks a tool's input schema for `x-mcp-header` declarations the 2.x HTTP transport
    # would refuse; a pure function of the schema, the official package's own.
    if name == "find_invalid_x_mcp_header":
        from ferromcp import _official

        return _official.attribute(name, "mcp.shared.inbound")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
