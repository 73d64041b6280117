"""Exceptions as ``fastmcp.exceptions`` names them (for fastmcp-style servers)."""

from ferromcp._schema import InvalidSignature
from ferromcp.server._highlevel import (
    FastMCPError,
    PromptError,
    ResourceError,
    ToolError,
    ValidationError,
)
from ferromcp.server._highlevel import ResourceNotFoundError as NotFoundError
from ferromcp.shared.exceptions import McpError

__all__ = ["FastMCPError", "ToolError", "ResourceError", "PromptError", "ValidationError",
           "NotFoundError",
           "McpError", "InvalidSignature"]
