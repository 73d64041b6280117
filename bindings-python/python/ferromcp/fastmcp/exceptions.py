"""``fastmcp.exceptions``."""

from __future__ import annotations

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
           "NotFoundError", "McpError", "InvalidSignature", "AuthorizationError",
           "InsufficientScopeError"]


class AuthorizationError(FastMCPError):
    """An authorization check refused the caller. Raised in a tool call it is the call's
    ``isError`` text; raised for a read or a prompt, a -32603 error with it."""


class InsufficientScopeError(AuthorizationError):
    """Refused because the caller's token lacks OAuth scopes: ``required_scopes`` names those
    still missing (not those already granted).

    Args:
        required_scopes: the scopes the token lacks.
        message: the text; by default ``Insufficient scope. Required: a, b``.
    """

    def __init__(self, required_scopes: list[str], *, message: str | None = None) -> None:
        self.required_scopes = list(required_scopes)
        if message is None:
            message = ("Insufficient scope. Required: "
                       + (", ".join(self.required_scopes) or "(unknown)"))
        super().__init__(message)
