"""``fastmcp.server.dependencies``: what a tool, resource or prompt asks about the request it
serves without taking a ``Context`` parameter."""

from __future__ import annotations

from typing import Any

from ferromcp.server._highlevel import Context

__all__ = ["get_context", "get_server", "get_http_request", "get_http_headers",
           "get_access_token"]

#: Headers ``get_http_headers()`` leaves out unless ``include_all`` (or named in ``include``):
#: those about the connection itself and the credentials.
_LEFT_OUT = frozenset((
    "host", "content-length", "content-type", "connection", "transfer-encoding", "upgrade",
    "te", "keep-alive", "expect", "accept", "authorization", "cookie", "proxy-authenticate",
    "proxy-authorization", "proxy-connection", "mcp-session-id"))


def get_context() -> Context:
    """The ``Context`` of the request being served.

    Raises:
        RuntimeError: no request is being served.
    """
    from ferromcp import _fastmcp
    from ferromcp.server.lowlevel.server import request_ctx

    try:
        core_ctx = request_ctx.get()
    except LookupError:
        core_ctx = None
    if core_ctx is None:
        raise RuntimeError("No active context found.")
    return Context(core_ctx, _fastmcp._serving)


def get_server() -> Any:
    """The ``FastMCP`` server serving.

    Raises:
        RuntimeError: no server is serving.
    """
    from ferromcp import _fastmcp

    if _fastmcp._serving is None:
        raise RuntimeError("No FastMCP server instance in context")
    return _fastmcp._serving


def get_http_request() -> Any:
    """The HTTP request (a Starlette ``Request``) the request being served came in.

    Raises:
        RuntimeError: the request did not come over HTTP.
    """
    try:
        request = get_context().request_context.request
    except (RuntimeError, ValueError):
        request = None
    if request is None:
        raise RuntimeError("No active HTTP request found.")
    return request


def get_http_headers(include_all: bool = False, include: set[str] | None = None
                     ) -> dict[str, str]:
    """The headers of the HTTP request being served, lower-cased; ``{}`` without one. Headers
    about the connection and credentials are left out unless ``include_all``, or named in
    ``include``."""
    try:
        source = get_http_request().headers.items()
    except RuntimeError:
        return {}
    left_out = set() if include_all else _LEFT_OUT - {h.lower() for h in include or ()}
    return {name.lower(): str(value) for name, value in source
            if name.lower() not in left_out}


def get_access_token() -> Any:
    """The access token of the request being served, or None."""
    from ferromcp.server._auth import get_access_token as token

    return token()
