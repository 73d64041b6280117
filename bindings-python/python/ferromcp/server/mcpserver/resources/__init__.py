"""Resource objects (``mcp.server.mcpserver.resources``): the same classes as
``ferromcp.server.fastmcp.resources``."""

from ferromcp.server.fastmcp.resources import (
    BinaryResource,
    DirectoryResource,
    FileResource,
    FunctionResource,
    HttpResource,
    Resource,
    ResourceManager,
    ResourceTemplate,
    TextResource,
)

__all__ = ["TextResource", "BinaryResource", "FunctionResource", "FileResource", "HttpResource",
           "DirectoryResource", "ResourceTemplate", "Resource", "ResourceManager"]
