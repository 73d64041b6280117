"""Resource objects (``mcp.server.fastmcp.resources``), for ``mcp.add_resource()`` and
``ResourceManager``."""

from ferromcp.server.fastmcp.resources.base import Resource
from ferromcp.server.fastmcp.resources.resource_manager import ResourceManager
from ferromcp.server.fastmcp.resources.templates import ResourceTemplate
from ferromcp.server.fastmcp.resources.types import (
    BinaryResource,
    DirectoryResource,
    FileResource,
    FunctionResource,
    HttpResource,
    TextResource,
)

__all__ = ["TextResource", "BinaryResource", "FunctionResource", "FileResource", "HttpResource",
           "DirectoryResource", "ResourceTemplate", "Resource", "ResourceManager"]
