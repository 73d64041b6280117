"""``Resource``, the base of resource objects (``mcp.server.fastmcp.resources.base``): what
``mcp.add_resource()`` takes."""

from __future__ import annotations

import abc
from typing import Any

from ferromcp.server.lowlevel.helper_types import AnyUrl
from ferromcp.types import Annotations, Icon

__all__ = ["Resource", "Annotations", "Icon"]


class Resource(abc.ABC):
    """A resource: its ``uri``, listing fields, and an async :meth:`read`.

    ``name`` defaults to the URI; ``mime_type`` to ``text/plain``.

    Raises:
        ValueError: no ``uri`` was given.
    """

    _default_mime_type = "text/plain"

    def __init__(self, *, uri: Any, name: str | None = None, title: str | None = None,
                 description: str | None = None, mime_type: str | None = None,
                 icons: list[Icon] | None = None, annotations: Annotations | None = None,
                 meta: dict[str, Any] | None = None) -> None:
        if not uri:
            raise ValueError("Either name or uri must be provided")
        self.uri = AnyUrl(str(uri))
        self.name = name or str(uri)
        self.title = title
        self.description = description
        self.mime_type = mime_type or self._default_mime_type
        self._mime_type_given = mime_type is not None
        self.icons = icons
        self.annotations = annotations
        self.meta = meta

    @abc.abstractmethod
    async def read(self) -> str | bytes:
        """The resource's content: text, or bytes for binary content."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(uri={str(self.uri)!r}, name={self.name!r})"
