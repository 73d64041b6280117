"""Exceptions as ``fastmcp.exceptions`` names them (for fastmcp-style servers)."""

from ferromcp._schema import InvalidSignature
from ferromcp.server._highlevel import (
    FastMCPError,
    PromptError,
    ResourceError,
    ResourceNotFoundError,
    ToolError,
    ValidationError,
)
from ferromcp.shared.exceptions import McpError

__all__ = ["FastMCPError", "ToolError", "ResourceError", "PromptError", "ValidationError",
           "NotFoundError",
           "McpError", "InvalidSignature"]


class NotFoundError(ResourceNotFoundError):
    """fastmcp's: no tool, resource or prompt goes by that name (a ``ResourceNotFoundError``
    too, as ferromcp's own code catches those)."""
