"""``FastMCP``, the ``mcp`` 1.x decorator API (``mcp.server.fastmcp``), on ferromcp."""

from ferromcp.server.fastmcp.server import Context, FastMCP
from ferromcp.types import Icon

__all__ = ["FastMCP", "Context", "Image", "Audio", "Icon"]


def __getattr__(name: str):  # noqa: ANN202 - lazy helpers
    if name in ("Image", "Audio"):
        from ferromcp import _schema

        return getattr(_schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
