"""Running a server's middleware chain for the core (``ferromcp_core::intercept``). The core
hands every inbound message to ``chain(server)``'s callables only when the server has
middleware; ``call_next`` continues into the core's own dispatch."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from ferromcp.server.context import ServerRequestContext
from ferromcp.server.request_state import RequestStateBoundary
from ferromcp.server.session import ServerSession

logger = logging.getLogger("ferromcp.server.middleware")


def _apply(middleware: Any, call_next: Any, ctx: ServerRequestContext[Any, Any]) -> Any:
    return middleware(ctx, call_next)


def _compose(middleware: list[Any], inner: Any) -> Any:
    call = inner
    for m in reversed(middleware):
        call = partial(_apply, m, call)
    return call


def _context(core_session: Any, request_id: Any, method: str,
             params: dict[str, Any] | None) -> ServerRequestContext[Any, Any]:
    from ferromcp.server._http import request_of
    from ferromcp.server.lowlevel.server import _lifespan_ctx, _Meta

    raw_meta = params.get("_meta") if isinstance(params, dict) else None
    return ServerRequestContext(
        session=ServerSession(core_session, None),
        lifespan_context=_lifespan_ctx.get(None),
        protocol_version=core_session.protocol_version or "",
        method=method,
        params=params,
        request_id=request_id,
        meta=_Meta(raw_meta) if isinstance(raw_meta, dict) else None,
        request=request_of(core_session.http_request),
    )


class _Inbound:
    """A request as the core will hand it to its handler, for the middleware that runs first:
    what fastmcp's ``get_context()``, ``get_http_request()`` and a ``Context`` read (the request
    id, ``_meta``, the session, the HTTP request, progress)."""

    cancelled = False

    def __init__(self, core_session: Any, request_id: Any, method: str,
                 params: dict[str, Any] | None) -> None:
        self.session = core_session
        self.request_id = request_id
        self.method = method
        meta = params.get("_meta") if isinstance(params, dict) else None
        self.meta = meta if isinstance(meta, dict) else None

    @property
    def progress_token(self) -> Any:
        return (self.meta or {}).get("progressToken")

    @property
    def http_request(self) -> Any:
        return self.session.http_request

    def report_progress(self, progress: float, total: float | None = None,
                        message: str | None = None) -> None:
        if self.progress_token is not None:
            self.session.progress(self.progress_token, progress, total, message)

    def can_close_stream(self, standalone: bool = False) -> bool:
        return False

    def close_stream(self, standalone: bool = False) -> bool:
        return False


def _layers(server: Any) -> list[Any]:
    # The author's middleware, then ferromcp's own innermost layers (the `tools/call`
    # interceptors of an MCPServer's extensions), which the author's list does not show. A
    # request-state boundary is the core's work (`boundary_options`), not a layer.
    return [*(m for m in getattr(server, "middleware", None) or ()
              if not isinstance(m, RequestStateBoundary)),
            *getattr(server, "_innermost", ())]


def boundary_options(server: Any) -> dict[str, Any]:
    """The core's request-state options for the first ``RequestStateBoundary`` in the server's
    middleware; none without one."""
    for m in getattr(server, "middleware", None) or ():
        if isinstance(m, RequestStateBoundary):
            return m.core_options()
    return {}


def chain(server: Any) -> tuple[Any, Any] | None:
    """``(run, notify)`` for the core, or None when the server has no middleware."""
    if not _layers(server):
        return None

    async def run(slot: Any, core_session: Any, request_id: Any, method: str,
                  params: dict[str, Any] | None, call_next: Any) -> None:
        from ferromcp.server.lowlevel.server import request_ctx

        ctx = _context(core_session, request_id, method, params)
        # In this task only: the handler's task sets its own.
        request_ctx.set(_Inbound(core_session, request_id, method, params))

        async def inner(c: ServerRequestContext[Any, Any]) -> Any:
            return await call_next(c.method, dict(c.params) if c.params is not None else None)

        try:
            result = await _compose(_layers(server), inner)(ctx)
        except Exception as exc:  # noqa: BLE001 - the core answers it
            slot.raised(exc)
            return
        slot.done_v2(result)

    async def notify(core_session: Any, method: str, params: dict[str, Any] | None,
                     call_next: Any) -> None:
        # Started as a task whose first step runs at once, so a notification reaches the
        # server before the messages that follow it, as it would without middleware.
        ctx = _context(core_session, None, method, params)

        async def inner(c: ServerRequestContext[Any, Any]) -> None:
            call_next(c.method, dict(c.params) if c.params is not None else None)

        try:
            await _compose(_layers(server), inner)(ctx)
        except Exception:
            logger.exception("middleware for notification %r raised", method)

    return run, notify
