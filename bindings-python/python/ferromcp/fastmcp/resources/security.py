"""``fastmcp.resources.security``."""

from ferromcp.fastmcp._components import (
    DEFAULT_RESOURCE_SECURITY,
    INHERIT_SECURITY,
    BinaryResource,
    FunctionResource,
    Resource,
    ResourceContent,
    ResourceResult,
    ResourceSecurity,
    ResourceTemplate,
    TextResource,
)

__all__ = ["Resource", "TextResource", "BinaryResource", "FunctionResource",
           "ResourceTemplate", "ResourceContent", "ResourceResult", "ResourceSecurity",
           "DEFAULT_RESOURCE_SECURITY", "INHERIT_SECURITY"]
