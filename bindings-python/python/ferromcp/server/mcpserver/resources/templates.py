"""``ResourceTemplate`` (``mcp.server.mcpserver.resources.templates``)."""

from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from typing import Any

from ferromcp import _core
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
           "UnexpectedResourceError", "MCPError", "InputRequiredResult", "func_metadata",
           "ResourceSecurity", "ResourceSecurityError", "DEFAULT_RESOURCE_SECURITY"]


@dataclass(frozen=True)
class ResourceSecurity:
    """What a resource template's variables may not hold once decoded: ``..`` climbing above
    the start, an absolute path, a NUL. ``MCPServer`` holds every template to
    :data:`DEFAULT_RESOURCE_SECURITY` unless given another (``MCPServer(resource_security=...)``,
    ``@mcp.resource(uri, security=...)``); a URI that fails is an unknown resource, and no later
    template gets it. ferromcp's core applies the rules where it matches the URI."""

    reject_path_traversal: bool = True
    reject_absolute_paths: bool = True
    reject_null_bytes: bool = True
    exempt_params: Set[str] = field(default_factory=frozenset)

    def validate(self, params: Mapping[str, str | list[str]]) -> str | None:
        """The name of the first parameter whose value (or one of its values) fails, or
        None."""
        return _core.refused_variable(dict(params), self)


#: Traversal, absolute paths and NUL refused: every template's policy unless given another.
DEFAULT_RESOURCE_SECURITY = ResourceSecurity()


class ResourceSecurityError(ValueError):
    """A URI matched a template but a parameter failed its :class:`ResourceSecurity`."""

    def __init__(self, template: str, param: str) -> None:
        super().__init__(f"Parameter {param!r} of template {template!r} failed security "
                         "validation")
        self.template = template
        self.param = param


#: Names of the official module that come from the official package's shared helpers.
_OFFICIAL = {"UriTemplate": "mcp.shared.uri_template",
             "contains_path_traversal": "mcp.shared.path_security",
             "is_absolute_path": "mcp.shared.path_security"}


def __getattr__(name: str) -> Any:
    if name in _OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, _OFFICIAL[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
