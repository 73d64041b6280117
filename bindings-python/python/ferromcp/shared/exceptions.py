"""Exceptions a handler raises to answer with a JSON-RPC error.

``McpError`` (the ``mcp`` 1.x spelling, built from an ``ErrorData``) and ``MCPError`` (the 2.x
spelling, built from ``code, message, data``) are the same class, so either constructor works
wherever the official SDKs accept one.
"""

from __future__ import annotations

from typing import Any

from ferromcp.types import ErrorData

__all__ = ["McpError", "MCPError", "UrlElicitationRequiredError", "NoBackChannelError",
           "MCPDeprecationWarning", "ErrorData"]


class McpError(Exception):
    """A JSON-RPC error raised by a handler.

    Args:
        error: an ``ErrorData`` (1.x) or the integer error code (2.x).
        message: the message, when ``error`` is a code.
        data: optional error data, when ``error`` is a code.
    """

    error: ErrorData

    def __init__(self, error: ErrorData | int | None = None, message: str | None = None,
                 data: Any = None, *, code: int | None = None) -> None:
        if code is not None:
            error = code
        if isinstance(error, ErrorData):
            err = error
        elif isinstance(error, int):
            err = ErrorData(code=int(error), message=message or "", data=data)
        else:  # an official mcp.types.ErrorData or anything shaped like one
            err = ErrorData(code=error.code, message=error.message,
                            data=getattr(error, "data", None))
        super().__init__(err.message)
        self.error = err

    @property
    def code(self) -> int:
        """The JSON-RPC error code."""
        return self.error.code

    @property
    def message(self) -> str:
        """The error message."""
        return self.error.message

    @property
    def data(self) -> Any:
        """The error data, if any."""
        return self.error.data

    @classmethod
    def from_error_data(cls, error: ErrorData) -> McpError:
        """Builds the exception from an ``ErrorData``."""
        return cls(error)

    @classmethod
    def from_jsonrpc_error(cls, error: Any) -> McpError:
        """Builds the exception from a JSON-RPC error response object or dict."""
        e = error.get("error", error) if isinstance(error, dict) else error.error
        if isinstance(e, dict):
            return cls(int(e["code"]), e.get("message", ""), e.get("data"))
        return cls(e)

    def __str__(self) -> str:
        return self.error.message


MCPError = McpError


class UrlElicitationRequiredError(McpError):
    """The request needs a URL-mode elicitation first (JSON-RPC -32042)."""

    def __init__(self, elicitations: list[Any], message: str | None = None) -> None:
        super().__init__(-32042, message or "URL elicitation required",
                         {"elicitations": list(elicitations)})
        self.elicitations = list(elicitations)


class NoBackChannelError(McpError):
    """The connection cannot carry server-to-client requests."""

    def __init__(self, message: str = "This connection has no back channel") -> None:
        super().__init__(-32600, message)


class MCPDeprecationWarning(UserWarning):
    """A feature deprecated by the protocol is in use."""


def __getattr__(name: str) -> Any:
    # Types the official module re-exports; loaded on first use (they live in the part of
    # ferromcp.types that `import ferromcp` does not load).
    if name in ("ElicitRequestURLParams", "JSONRPCError"):
        from ferromcp import types

        return getattr(types, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
