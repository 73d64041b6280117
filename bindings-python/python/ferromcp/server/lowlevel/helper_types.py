"""Helper types for low-level handlers (``mcp.server.lowlevel.helper_types``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["ReadResourceContents", "AnyUrl"]


@dataclass
class ReadResourceContents:
    """One piece of a resource's contents, as 1.x ``read_resource`` handlers return them."""

    content: str | bytes
    mime_type: str | None = None
    meta: dict[str, Any] | None = None


class AnyUrl(str):
    """The URI a 1.x resource handler receives: a ``str`` (so ``uri == "x://y"`` and
    ``str(uri)`` work) with the URL parts pydantic's ``AnyUrl`` exposes."""

    __slots__ = ()

    @property
    def scheme(self) -> str:
        return urlsplit(self).scheme

    @property
    def host(self) -> str | None:
        return urlsplit(self).hostname

    @property
    def port(self) -> int | None:
        return urlsplit(self).port

    @property
    def path(self) -> str | None:
        return urlsplit(self).path or None

    @property
    def query(self) -> str | None:
        return urlsplit(self).query or None

    @property
    def fragment(self) -> str | None:
        return urlsplit(self).fragment or None

    @property
    def username(self) -> str | None:
        return urlsplit(self).username

    @property
    def password(self) -> str | None:
        return urlsplit(self).password

    def unicode_string(self) -> str:
        """The URL as text (pydantic's spelling)."""
        return str(self)
