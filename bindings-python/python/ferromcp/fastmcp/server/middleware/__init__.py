"""``fastmcp.server.middleware``: ``Middleware``, ``MiddlewareContext``, ``CallNext`` (see
:mod:`ferromcp.fastmcp._middleware`) and ``PingMiddleware``. The built-in middleware are in
the submodules ``timing``, ``logging``, ``error_handling``, ``rate_limiting``, ``ping``,
``response_limiting`` and ``dereference``."""

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext
from ferromcp.fastmcp.server.middleware.ping import PingMiddleware

__all__ = ["CallNext", "Middleware", "MiddlewareContext", "PingMiddleware"]
