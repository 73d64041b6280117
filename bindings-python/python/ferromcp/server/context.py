"""Server middleware as ``mcp`` 2.x spells it (``mcp.server.context``): ``ServerMiddleware``,
``CallNext``, ``HandlerResult`` and the ``ServerRequestContext`` a middleware receives.

A middleware is ``async (ctx, call_next) -> result``, listed outermost-first on
``Server.middleware`` (or ``MCPServer(middleware=[...])``). It wraps every inbound request and
notification — ``initialize``, the pre-initialization gate, unknown methods, params checks and
the handler all run inside ``call_next(ctx)`` — and may rewrite ``ctx.method`` / ``ctx.params``
(``await call_next(dataclasses.replace(ctx, params=...))``), answer without calling
``call_next``, or observe a failure, which reaches it as a raised ``MCPError``. For a
notification ``ctx.request_id`` is None and ``call_next`` returns None. With no middleware the
request path does not change at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from ferromcp._generic import Parameterized
from ferromcp.server.session import ServerSession
from ferromcp.shared.exceptions import MCPDeprecationWarning

__all__ = ["ServerRequestContext", "ServerMiddleware", "CallNext", "HandlerResult",
           "ServerSession", "MCPDeprecationWarning"]

LifespanContextT = TypeVar("LifespanContextT")
RequestT = TypeVar("RequestT")


@dataclass(kw_only=True)
class ServerRequestContext(Parameterized):
    """One inbound message as middleware sees it: the raw method and params (not validated
    yet), the session to talk back on, and the server's lifespan value."""

    __type_arguments__ = range(1, 3)  # [Lifespan] or [Lifespan, Request]

    session: ServerSession
    lifespan_context: Any
    protocol_version: str
    method: str
    params: Mapping[str, Any] | None = None
    request_id: Any = None
    meta: Any = None
    request: Any = None
    close_sse_stream: Any = None
    close_standalone_sse_stream: Any = None


HandlerResult = Any
"""What a request handler or middleware may return: a model, a dict, or None."""

CallNext = Callable[[ServerRequestContext[Any, Any]], Awaitable[HandlerResult]]
"""Invokes the rest of the chain with the given context."""

_MwLifespanT = TypeVar("_MwLifespanT")


class ServerMiddleware(Protocol[_MwLifespanT]):
    """Context-tier middleware: ``async (ctx, call_next) -> result``."""

    async def __call__(self, ctx: ServerRequestContext[_MwLifespanT, Any],
                       call_next: CallNext) -> HandlerResult: ...


#: The 2.x ``Context`` family of the official runner (``Context``, ``BaseContext``,
#: ``DispatchContext``, ``Connection``, ``TransportContext``, ``allowed_log_levels``): the official
#: package's own. Its runner does not hand ``Context`` to handlers either (they get
#: ``ServerRequestContext``), so these serve type hints and code of one's own.
_FROM_OFFICIAL = ("BaseContext", "Connection", "Context", "DispatchContext", "TransportContext",
                  "allowed_log_levels")


def __getattr__(name: str) -> Any:
    if name == "RequestContext":  # the 1.x name of the handlers' context
        from ferromcp.server.lowlevel.server import RequestContext

        return RequestContext
    if name == "RequestParamsMeta":
        from ferromcp.types import RequestParamsMeta

        return RequestParamsMeta
    if name in _FROM_OFFICIAL:
        from ferromcp import _official

        return _official.attribute(name, "mcp.server.context")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
