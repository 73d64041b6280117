"""Concrete resources (``mcp.server.mcpserver.resources.types``)."""

from ferromcp.server.fastmcp.resources.types import (
    Annotations,
    BinaryResource,
    DirectoryResource,
    FileResource,
    FunctionResource,
    HttpResource,
    Icon,
    Resource,
    TextResource,
)
from ferromcp.server.fastmcp.tools.base import is_async_callable
from ferromcp.types import InputRequiredResult

__all__ = ["is_async_callable", "TextResource", "BinaryResource", "FunctionResource",
           "FileResource", "HttpResource", "DirectoryResource", "Resource", "Annotations", "Icon",
           "InputRequiredResult"]
