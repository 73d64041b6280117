"""``fastmcp.server.middleware.middleware``."""

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["CallNext", "Middleware", "MiddlewareContext"]
