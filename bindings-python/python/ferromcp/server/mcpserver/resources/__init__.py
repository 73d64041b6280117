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
from ferromcp.server.mcpserver.resources.templates import (
    DEFAULT_RESOURCE_SECURITY,
    ResourceSecurity,
    ResourceSecurityError,
)

__all__ = ["DEFAULT_RESOURCE_SECURITY", "ResourceSecurity", "ResourceSecurityError",
           "TextResource", "BinaryResource", "FunctionResource", "FileResource", "HttpResource",
           "DirectoryResource", "ResourceTemplate", "Resource", "ResourceManager"]
