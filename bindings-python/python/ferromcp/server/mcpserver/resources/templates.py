"""``ResourceTemplate`` (``mcp.server.mcpserver.resources.templates``)."""

from typing import Any

from ferromcp.server.fastmcp.resources.templates import (
    Annotations,
    FunctionResource,
    Icon,
    Resource,
    ResourceTemplate,
    find_context_parameter,
    inject_context,
)
from ferromcp.server.fastmcp.tools.base import is_async_callable
from ferromcp.server.mcpserver.exceptions import ResourceError, UnexpectedResourceError
from ferromcp.server.mcpserver.utilities.func_metadata import func_metadata
from ferromcp.shared.exceptions import MCPError
from ferromcp.types import InputRequiredResult

__all__ = ["is_async_callable", "ResourceTemplate", "FunctionResource", "Resource", "Annotations",
           "Icon", "find_context_parameter", "inject_context", "ResourceError",
           "UnexpectedResourceError", "MCPError", "InputRequiredResult", "func_metadata"]


#: Names of the official module that come from the official package's shared helpers.
_OFFICIAL = {"UriTemplate": "mcp.shared.uri_template",
             "contains_path_traversal": "mcp.shared.path_security",
             "is_absolute_path": "mcp.shared.path_security"}


def __getattr__(name: str) -> Any:
    if name in _OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, _OFFICIAL[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
