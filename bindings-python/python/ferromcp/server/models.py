"""Initialization options, as ``mcp.server.models`` has them."""

from __future__ import annotations

from typing import Any

from ferromcp.types import Icon, ServerCapabilities

__all__ = ["InitializationOptions"]


class InitializationOptions:
    """What the server announces in its ``initialize`` result.

    Args:
        server_name: ``serverInfo.name``.
        server_version: ``serverInfo.version``.
        capabilities: the capabilities to announce.
        instructions: instructions for the client's model.
        website_url: ``serverInfo.websiteUrl``.
        icons: ``serverInfo.icons``.
        title: ``serverInfo.title``.
        description: ``serverInfo.description``.
    """

    def __init__(self, server_name: str, server_version: str,
                 capabilities: ServerCapabilities | dict[str, Any] | None = None,
                 instructions: str | None = None, website_url: str | None = None,
                 icons: list[Icon] | None = None, title: str | None = None,
                 description: str | None = None) -> None:
        self.server_name = server_name
        self.server_version = server_version
        self.capabilities = capabilities
        self.instructions = instructions
        self.website_url = website_url
        self.icons = icons
        self.title = title
        self.description = description

    def __repr__(self) -> str:
        return (f"InitializationOptions(server_name={self.server_name!r}, "
                f"server_version={self.server_version!r})")
