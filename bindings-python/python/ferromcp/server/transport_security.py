"""``mcp.server.transport_security``: the DNS-rebinding settings of the HTTP transports.

The checks themselves run in the core (``Host`` not allowed: 421, ``Origin`` present and not
allowed: 403, before a request is read), for the built-in server and the ASGI apps alike.
``TransportSecurityMiddleware`` and ``RequestBodyLimitMiddleware``, the official Starlette
helpers that do these checks in Python, come from the official package when it is installed.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["DEFAULT_MAX_REQUEST_BODY_SIZE", "TransportSecuritySettings"]

DEFAULT_MAX_REQUEST_BODY_SIZE: Final = 4 * 1024 * 1024
"""Default maximum HTTP request body size in bytes (4 MiB)."""

#: Names that come from the official module (Starlette middleware, not served by the core).
_OFFICIAL = ("TransportSecurityMiddleware", "RequestBodyLimitMiddleware")


class TransportSecuritySettings:
    """DNS-rebinding protection for the HTTP transports, as the official settings model.

    Args:
        enable_dns_rebinding_protection: check ``Host`` and ``Origin`` (default True).
        allowed_hosts: accepted ``Host`` values; ``name:*`` accepts any port. Empty: the
            loopback names (``127.0.0.1:*``, ``localhost:*``, ``[::1]:*``).
        allowed_origins: accepted ``Origin`` values (``http://name:*`` accepts any port).
            Empty: the loopback origins. A request without ``Origin`` passes.
    """

    def __init__(self, *, enable_dns_rebinding_protection: bool = True,
                 allowed_hosts: list[str] | None = None,
                 allowed_origins: list[str] | None = None) -> None:
        self.enable_dns_rebinding_protection = enable_dns_rebinding_protection
        self.allowed_hosts = list(allowed_hosts or [])
        self.allowed_origins = list(allowed_origins or [])

    def model_dump(self, **_: Any) -> dict[str, Any]:
        """The settings as a dict."""
        return {"enable_dns_rebinding_protection": self.enable_dns_rebinding_protection,
                "allowed_hosts": list(self.allowed_hosts),
                "allowed_origins": list(self.allowed_origins)}

    def model_copy(self, *, update: dict[str, Any] | None = None, **_: Any
                   ) -> TransportSecuritySettings:
        """A copy, with ``update`` applied."""
        return TransportSecuritySettings(**{**self.model_dump(), **(update or {})})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TransportSecuritySettings):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    def __repr__(self) -> str:
        return "TransportSecuritySettings(" + ", ".join(
            f"{k}={v!r}" for k, v in self.model_dump().items()) + ")"


def __getattr__(name: str) -> Any:
    if name in _OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, "mcp.server.transport_security")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
