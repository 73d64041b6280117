"""``fastmcp.server.middleware``: ``Middleware``, ``MiddlewareContext`` and ``CallNext``
(see :mod:`ferromcp.fastmcp._middleware`)."""

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["CallNext", "Middleware", "MiddlewareContext"]
