"""``fastmcp.server.proxy`` (fastmcp 2, and 3's deprecated spelling): ``FastMCPProxy`` served by
ferromcp (:mod:`ferromcp.fastmcp._proxy`); the clients and the other names are the fastmcp
package's own."""

from __future__ import annotations

from typing import Any

from ferromcp.fastmcp._proxy import FastMCPProxy

__all__ = ["FastMCPProxy"]


def __getattr__(name: str) -> Any:
    from ferromcp import _official

    for where in ("fastmcp.server.proxy", "fastmcp.server.providers.proxy"):
        try:
            return getattr(_official.module(where), name)
        except (ImportError, AttributeError):
            continue
    raise AttributeError(f"module 'fastmcp.server.proxy' has no attribute {name!r}")
