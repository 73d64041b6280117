"""``fastmcp.exceptions``."""

from ferromcp.exceptions import (
    FastMCPError,
    InvalidSignature,
    McpError,
    NotFoundError,
    PromptError,
    ResourceError,
    ToolError,
    ValidationError,
)

__all__ = ["FastMCPError", "ToolError", "ResourceError", "PromptError", "ValidationError",
           "NotFoundError", "McpError", "InvalidSignature"]
