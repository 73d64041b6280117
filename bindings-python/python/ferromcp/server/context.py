"""``ServerRequestContext`` (the 2.x name of the request context handlers receive)."""

from ferromcp.server.lowlevel.server import RequestContext

ServerRequestContext = RequestContext

__all__ = ["ServerRequestContext", "RequestContext"]
