"""fastmcp's module tree, served by ferromcp: under ``python -m ferromcp run``, ``import fastmcp``
and ``fastmcp.<module>`` resolve here (``fastmcp.server.middleware``, ``fastmcp.tools``,
``fastmcp.resources``, ``fastmcp.prompts``, ``fastmcp.server.dependencies`` …). A name this tree
does not hold is looked up on :mod:`ferromcp` itself."""

from __future__ import annotations

from typing import Any

from ferromcp._fastmcp import FastMCP
from ferromcp.server._highlevel import Context

__all__ = ["FastMCP", "Context", "Client", "settings"]


def __getattr__(name: str) -> Any:
    if name == "settings":
        from ferromcp.fastmcp.settings import settings

        return settings
    if name == "Client":  # fastmcp's own, which connects in process to a ferromcp server too
        from ferromcp.fastmcp._client import client_class

        return client_class()
    if name == "__version__":
        from ferromcp._fastmcp import installed_version

        return installed_version()
    import ferromcp

    try:
        return getattr(ferromcp, name)
    except AttributeError:
        raise AttributeError(f"module 'fastmcp' has no attribute {name!r}") from None
