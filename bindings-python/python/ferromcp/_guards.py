"""Guards set in code: what ``FERROMCP_TOOL_TIMEOUT`` and its siblings set in the environment
(README, "Guards"), for one server. Applied by the core around every handler it calls."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["set_guards"]


def _seconds(name: str, value: float) -> float:
    if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive number of seconds")
    return float(value)


def set_guards(server: Any, *, tool_timeout: float | None = None,
               tool_timeouts: Mapping[str, float] | None = None,
               timeout_in_listing: bool = False, max_concurrent: int | None = None,
               max_queued: int = 0, rate_limit: float | None = None,
               rate_burst: float | None = None) -> None:
    """Guards ``server`` (a ``FastMCP``, ``MCPServer``, fastmcp ``FastMCP`` or low-level
    ``Server``); call it before the server runs. Each is off unless given; what the environment
    sets applies to the rest.

    Args:
        tool_timeout: seconds a ``tools/call`` handler may run; then it is cancelled and the
            client gets -32001 ``Tool x timed out after N ms``.
        tool_timeouts: per-tool timeouts (tool name → seconds), over ``tool_timeout``.
        timeout_in_listing: show each tool's timeout in ``tools/list``
            (``_meta["io.ferromcp/timeoutMs"]``).
        max_concurrent: requests whose handlers run at once, across sessions.
        max_queued: requests that may wait for a slot; beyond, -32010 ``Server overloaded``.
        rate_limit: requests per second one client may send (its session's, or, behind OAuth,
            its token subject's); beyond, -32011 ``Rate limit exceeded``.
        rate_burst: requests a client may save up (default: ``rate_limit``, at least 1).

    Raises:
        ValueError: a time, count or rate that is not positive.
    """
    guards: dict[str, Any] = {}
    if tool_timeout is not None:
        guards["toolTimeout"] = _seconds("tool_timeout", tool_timeout)
    if tool_timeouts:
        guards["toolTimeouts"] = {str(k): _seconds(f"tool_timeouts[{k!r}]", v)
                                  for k, v in tool_timeouts.items()}
    if timeout_in_listing:
        guards["toolTimeoutInListing"] = True
    if max_concurrent is not None:
        if max_concurrent < 1:
            raise ValueError("max_concurrent must be at least 1")
        guards["maxConcurrent"] = int(max_concurrent)
    if max_queued < 0:
        raise ValueError("max_queued must not be negative")
    if max_queued:
        guards["maxQueued"] = int(max_queued)
    if rate_limit is not None:
        guards["rateLimit"] = _seconds("rate_limit", rate_limit)
        if rate_burst is not None:
            if rate_burst < 1:
                raise ValueError("rate_burst must be at least 1")
            guards["rateBurst"] = float(rate_burst)
    lowlevel = getattr(server, "_lowlevel", server)
    lowlevel._ferromcp_guards = guards


def guard_options(lowlevel: Any) -> dict[str, Any]:
    """The core options ``set_guards`` gave the low-level server (none: ``{}``)."""
    return dict(getattr(lowlevel, "_ferromcp_guards", None) or {})
