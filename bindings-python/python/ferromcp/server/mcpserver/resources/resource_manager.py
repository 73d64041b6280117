"""``ResourceManager`` (``mcp.server.mcpserver.resources.resource_manager``)."""

from ferromcp.server.fastmcp.resources.resource_manager import (
    Annotations,
    Icon,
    Resource,
    ResourceManager,
    ResourceTemplate,
    get_logger,
)
from ferromcp.server.mcpserver.exceptions import ResourceNotFoundError
from ferromcp.server.mcpserver.resources.templates import ResourceSecurity, ResourceSecurityError
from ferromcp.types import InputRequiredResult

__all__ = ["ResourceManager", "Resource", "ResourceTemplate", "Annotations", "Icon",
           "get_logger", "ResourceNotFoundError", "InputRequiredResult", "ResourceSecurity",
           "ResourceSecurityError"]
