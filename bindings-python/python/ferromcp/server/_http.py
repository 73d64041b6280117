"""Serving a server over HTTP with the core's own HTTP server: Streamable HTTP on one endpoint
(default ``/mcp``) and the legacy HTTP+SSE pair (``/sse`` + ``/messages/``), both from the same
core service. Requests are parsed and routed on the core's HTTP threads; handlers run on the
asyncio loop that called ``serve_http``, reached in batches (one wake-up of the loop for a burst
of requests) — no uvicorn, no Starlette on the request path.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass, field
from typing import Any

from ferromcp import _core

logger = logging.getLogger("ferromcp.server.http")


@dataclass
class HttpSettings:
    """Where and how a server is served over HTTP (the official SDKs' settings, one place).

    Args:
        host: address to bind (``127.0.0.1``; a loopback address turns DNS-rebinding protection
            on by default).
        port: TCP port (``8000``; ``0`` picks a free one).
        path: the Streamable HTTP endpoint.
        sse_path: the legacy HTTP+SSE stream endpoint.
        message_path: where legacy HTTP+SSE clients post their messages.
        json_response: answer requests as ``application/json`` instead of an SSE stream.
        stateless: no sessions; every request stands alone (for load-balanced deployments).
        dns_rebinding_protection: check ``Host`` and ``Origin``; ``None`` decides by ``host``.
        allowed_hosts: ``Host`` values accepted (``name:port``, ``name:*``).
        allowed_origins: ``Origin`` values accepted.
        max_body: the largest request body in bytes.
        max_sessions: most sessions alive at once.
        session_idle_timeout: seconds without a request or open stream after which a session
            ends (``None``: never).
    """

    host: str = "127.0.0.1"
    port: int = 8000
    path: str = "/mcp"
    sse_path: str = "/sse"
    message_path: str = "/messages/"
    json_response: bool = False
    stateless: bool = False
    dns_rebinding_protection: bool | None = None
    allowed_hosts: list[str] = field(default_factory=list)
    allowed_origins: list[str] = field(default_factory=list)
    max_body: int = 4 * 1024 * 1024
    max_sessions: int = 10_000
    session_idle_timeout: float | None = 3600.0

    def to_core(self) -> dict[str, Any]:
        """The settings as the core's HTTP options (camelCase keys)."""
        return {
            "host": self.host, "port": self.port, "path": self.path, "ssePath": self.sse_path,
            "messagePath": self.message_path, "jsonResponse": self.json_response,
            "stateless": self.stateless, "dnsRebindingProtection": self.dns_rebinding_protection,
            "allowedHosts": list(self.allowed_hosts), "allowedOrigins": list(self.allowed_origins),
            "maxBody": self.max_body, "maxSessions": self.max_sessions,
            "sessionIdleTimeout": self.session_idle_timeout,
        }


async def serve_http(server: Any, options: dict[str, Any], registry: Any,
                     settings: HttpSettings,
                     ready: asyncio.Future[tuple[str, int]] | None = None) -> None:
    """Serves the low-level ``server`` (its runners, notification handlers and lifespan, plus a
    decorator server's ``registry``) over HTTP until cancelled or the listener fails."""
    from ferromcp.server.lowlevel.server import _lifespan_ctx

    loop = asyncio.get_running_loop()
    async with server.lifespan(server) as lifespan_context:
        token = _lifespan_ctx.set(lifespan_context)
        stopped: asyncio.Future[None] = loop.create_future()
        core = _core.HttpServer(options, server._runners, server._notifications, loop, stopped,
                                registry, settings.to_core())
        core.set_drain_callback(core.drain)
        core.set_context(contextvars.copy_context())
        wake = core.wake_fd()
        if wake is not None:
            loop.add_reader(wake, core.drain)
        try:
            host, port = core.start()
            logger.info("serving MCP on http://%s:%d%s", host, port, settings.path)
            if ready is not None and not ready.done():
                ready.set_result((host, port))
            await stopped
        finally:
            if wake is not None:
                loop.remove_reader(wake)
            core.close()
            _lifespan_ctx.reset(token)
