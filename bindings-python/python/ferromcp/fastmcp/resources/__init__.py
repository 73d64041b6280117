"""``fastmcp.resources``: ``Resource`` and its kinds, ``ResourceTemplate`` and (fastmcp 4)
``ResourceSecurity``; the fastmcp package's own ``FileResource``, ``DirectoryResource`` and
``HttpResource``, which ``add_resource`` serves as they read."""

from typing import Any

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


def __getattr__(name: str) -> Any:
    from ferromcp import _official

    return _official.fallback_attribute("fastmcp.resources", name)
