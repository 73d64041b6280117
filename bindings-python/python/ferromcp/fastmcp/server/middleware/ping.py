"""``fastmcp.server.middleware.ping``: ``PingMiddleware`` sends the client a ``ping`` every
``interval_ms`` milliseconds, from the first message of a connection until it ends (the first
ping that cannot be sent)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import anyio

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["PingMiddleware"]


def _connection_of(context: MiddlewareContext[Any]) -> tuple[Any, Any] | None:
    """``(key, session)`` of the connection a message came on. The core hands each message a
    session object of its own, so a connection is told by its HTTP session id (one stdio
    connection per process otherwise)."""
    request = getattr(context, "_request", None)
    session = getattr(request, "session", None)
    if session is None:
        return None
    core = getattr(session, "_core", None)
    http = getattr(core, "http_request", None) if core is not None else None
    headers = (http or {}).get("headers") or {} if isinstance(http, dict) else {}
    if isinstance(headers, dict):
        sid = next((v for k, v in headers.items() if str(k).lower() == "mcp-session-id"),
                   None)
    else:
        sid = None
    return ("http", sid) if http else ("stdio", None), session


class PingMiddleware(Middleware):
    """Keeps connections alive with a server-to-client ``ping`` every ``interval_ms``
    (default 30 000; it must be positive)."""

    def __init__(self, interval_ms: int = 30000) -> None:
        if interval_ms <= 0:
            raise ValueError("interval_ms must be positive")
        self.interval_ms = interval_ms
        self._active_sessions: set[Any] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def on_message(self, context: MiddlewareContext[Any],
                         call_next: CallNext[Any, Any]) -> Any:
        found = _connection_of(context)
        if found is not None and found[0] != ("http", None):
            key, session = found
            if key not in self._active_sessions:
                self._active_sessions.add(key)
                task = asyncio.get_running_loop().create_task(
                    self._ping_loop(session, key), name=f"ping-keepalive-{key}")
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        return await call_next(context)

    async def _ping_loop(self, session: Any, key: Any) -> None:
        try:
            while True:
                await anyio.sleep(self.interval_ms / 1000)
                with contextlib.suppress(asyncio.TimeoutError):
                    try:
                        await session.send_ping()
                    except Exception:  # noqa: BLE001 - the connection is gone
                        return
        finally:
            self._active_sessions.discard(key)
