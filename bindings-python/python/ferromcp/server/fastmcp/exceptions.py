"""The 1.x ``FastMCP`` exceptions."""

from ferromcp.server._highlevel import FastMCPError, ResourceError, ToolError, ValidationError

__all__ = ["FastMCPError", "ValidationError", "ResourceError", "ToolError"]
