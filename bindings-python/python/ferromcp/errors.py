"""ferromcp's error classes, one per kind in the core's error table.

Every class derives from ``McpError`` (also importable as ``MCPError``); protocol kinds carry
their JSON-RPC code. ``SchemaError`` (a bad schema at registration) is also a ``ValueError``
and ``TransportError`` an ``OSError``. Raising a protocol-kind class in a handler answers the
request with that JSON-RPC error.
"""

from __future__ import annotations

from typing import Any

from ferromcp import _core
from ferromcp.shared.exceptions import MCPError, McpError

__all__ = ["McpError", "MCPError", "ParseError", "InvalidRequestError", "MethodNotFoundError",
           "InvalidParamsError", "InternalError", "ResourceNotFoundError", "SchemaError",
           "TransportError", "CLASSES"]

_CODES: dict[str, int | None] = dict(_core.error_kinds())


class _KindError(McpError):
    kind: str = ""

    def __init__(self, message: str = "", data: Any = None) -> None:
        code = _CODES.get(self.kind)
        super().__init__(code if code is not None else 0, message, data)


class ParseError(_KindError):
    """The bytes received are not JSON (-32700)."""

    kind = "parse_error"


class InvalidRequestError(_KindError):
    """JSON that is not a valid JSON-RPC request (-32600)."""

    kind = "invalid_request"


class MethodNotFoundError(_KindError):
    """Unknown method (-32601)."""

    kind = "method_not_found"


class InvalidParamsError(_KindError):
    """Malformed parameters (-32602)."""

    kind = "invalid_params"


class InternalError(_KindError):
    """The server failed (-32603)."""

    kind = "internal_error"


class ResourceNotFoundError(_KindError):
    """The resource does not exist (-32002)."""

    kind = "resource_not_found"


class SchemaError(_KindError, ValueError):
    """A schema given at registration is not a valid JSON Schema (raised locally)."""

    kind = "schema_invalid"


class TransportError(_KindError, OSError):
    """Transport I/O failed (raised locally)."""

    kind = "transport"


#: kind name → class, for every kind of the core's table except cancellation (which is
#: ``asyncio.CancelledError``).
CLASSES: dict[str, type[McpError]] = {c.kind: c for c in (
    ParseError, InvalidRequestError, MethodNotFoundError, InvalidParamsError, InternalError,
    ResourceNotFoundError, SchemaError, TransportError)}
