"""``fastmcp.resources``: ``Resource`` and its kinds, ``ResourceTemplate`` and (fastmcp 4)
``ResourceSecurity``."""

from ferromcp.fastmcp._components import (
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
           "ResourceTemplate", "ResourceContent", "ResourceResult", "ResourceSecurity"]
