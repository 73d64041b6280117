"""The 2.x ``MCPServer`` exceptions."""

from ferromcp._schema import InvalidSignature
from ferromcp.server._highlevel import FastMCPError as MCPServerError
from ferromcp.server._highlevel import (
    ResourceError,
    ResourceNotFoundError,
    ToolError,
    UnexpectedToolError,
)

__all__ = ["InvalidSignature", "MCPServerError", "ToolError", "UnexpectedToolError",
           "ResourceError", "UnexpectedResourceError", "ResourceNotFoundError"]


class UnexpectedResourceError(ResourceError):
    """A resource failed with an exception that is not a ``ResourceError`` (2.x; its text is
    not shown to the client)."""
