"""The 1.x ``FastMCP`` exceptions."""

from ferromcp._schema import InvalidSignature
from ferromcp.server._highlevel import FastMCPError, ResourceError, ToolError, ValidationError

__all__ = ["InvalidSignature", "FastMCPError", "ValidationError", "ResourceError", "ToolError"]
