"""``ResourceManager``: resources by URI and templates
(``mcp.server.fastmcp.resources.resource_manager``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ferromcp.server.fastmcp.resources.base import Resource
from ferromcp.server.fastmcp.resources.templates import ResourceTemplate
from ferromcp.server.fastmcp.utilities.logging import get_logger
from ferromcp.types import Annotations, Icon

__all__ = ["ResourceManager", "Resource", "ResourceTemplate", "Annotations", "Icon",
           "get_logger"]

_log = logging.getLogger(__name__)


class ResourceManager:
    """Concrete resources by URI, and templates; :meth:`get_resource` finds either.

    Args:
        warn_on_duplicate_resources: log a warning when a URI is added twice (the first stays).
    """

    def __init__(self, warn_on_duplicate_resources: bool = True) -> None:
        self._resources: dict[str, Resource] = {}
        self._templates: dict[str, ResourceTemplate] = {}
        self.warn_on_duplicate_resources = warn_on_duplicate_resources

    def add_resource(self, resource: Resource) -> Resource:
        """Adds ``resource``; a URI already taken keeps its resource, which is returned."""
        existing = self._resources.get(str(resource.uri))
        if existing is not None:
            if self.warn_on_duplicate_resources:
                _log.warning("Resource already exists: %s", resource.uri)
            return existing
        self._resources[str(resource.uri)] = resource
        return resource

    def add_template(self, fn: Callable[..., Any], uri_template: str, name: str | None = None,
                     title: str | None = None, description: str | None = None,
                     mime_type: str | None = None, icons: list[Icon] | None = None,
                     annotations: Annotations | None = None,
                     meta: dict[str, Any] | None = None) -> ResourceTemplate:
        """Adds a template made from ``fn`` (see :meth:`ResourceTemplate.from_function`)."""
        template = ResourceTemplate.from_function(
            fn, uri_template=uri_template, name=name, title=title, description=description,
            mime_type=mime_type, icons=icons, annotations=annotations, meta=meta)
        self._templates[template.uri_template] = template
        return template

    async def get_resource(self, uri: Any, context: Any = None) -> Resource | None:
        """The resource at ``uri``: a concrete one first, else one a template makes.

        Raises:
            ValueError: nothing matches ``uri``, or the template's function failed.
        """
        key = str(uri)
        if key in self._resources:
            return self._resources[key]
        for template in self._templates.values():
            params = template.matches(key)
            if params:
                return await template.create_resource(key, params, context=context)
        raise ValueError(f"Unknown resource: {uri}")

    def list_resources(self) -> list[Resource]:
        """The concrete resources."""
        return list(self._resources.values())

    def list_templates(self) -> list[ResourceTemplate]:
        """The templates."""
        return list(self._templates.values())
