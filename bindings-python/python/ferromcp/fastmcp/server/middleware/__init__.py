"""``fastmcp.server.middleware``: ``Middleware``, ``MiddlewareContext``, ``CallNext`` (see
:mod:`ferromcp.fastmcp._middleware`), ``PingMiddleware`` and ``AuthMiddleware``. The built-in
middleware are in the submodules ``timing``, ``logging``, ``error_handling``, ``rate_limiting``,
``ping``, ``response_limiting``, ``dereference``, ``tool_injection``, ``caching`` and
``authorization``."""

from typing import Any

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext
from ferromcp.fastmcp.server.middleware.ping import PingMiddleware

__all__ = ["AuthMiddleware", "CallNext", "Middleware", "MiddlewareContext", "PingMiddleware"]


def __getattr__(name: str) -> Any:
    # Imported on first use: most servers never authorize.
    if name == "AuthMiddleware":
        from ferromcp.fastmcp.server.middleware.authorization import AuthMiddleware

        return AuthMiddleware
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
