"""``fastmcp.server.middleware.timing``: ``TimingMiddleware`` (one line per request) and
``DetailedTimingMiddleware`` (one line per tool call, read, prompt and listing), logging how long
the rest of the chain took, in milliseconds with two decimals, as fastmcp words it."""

from __future__ import annotations

import logging
import time
from typing import Any

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["DetailedTimingMiddleware", "TimingMiddleware"]


async def _timed(logger: logging.Logger, level: int, what: str, context: MiddlewareContext[Any],
                 call_next: CallNext[Any, Any]) -> Any:
    started = time.perf_counter()
    try:
        result = await call_next(context)
    except Exception as exc:
        elapsed = (time.perf_counter() - started) * 1000
        logger.log(level, f"{what} failed after {elapsed:.2f}ms: {exc}")
        raise
    elapsed = (time.perf_counter() - started) * 1000
    logger.log(level, f"{what} completed in {elapsed:.2f}ms")
    return result


class TimingMiddleware(Middleware):
    """Logs the time each request takes (notifications are not timed); by default to the
    ``fastmcp.timing`` logger at INFO."""

    def __init__(self, logger: logging.Logger | None = None,
                 log_level: int = logging.INFO) -> None:
        self.logger = logger or logging.getLogger("fastmcp.timing")
        self.log_level = log_level

    async def on_request(self, context: MiddlewareContext[Any],
                         call_next: CallNext[Any, Any]) -> Any:
        return await _timed(self.logger, self.log_level,
                            f"Request {context.method or 'unknown'}", context, call_next)


class DetailedTimingMiddleware(Middleware):
    """Logs the time of each operation by kind (``Tool 'name'``, ``Resource 'uri'``,
    ``Prompt 'name'``, ``List tools`` …); by default to ``fastmcp.timing.detailed`` at INFO."""

    def __init__(self, logger: logging.Logger | None = None,
                 log_level: int = logging.INFO) -> None:
        self.logger = logger or logging.getLogger("fastmcp.timing.detailed")
        self.log_level = log_level

    async def _time_operation(self, context: MiddlewareContext[Any],
                              call_next: CallNext[Any, Any], operation_name: str) -> Any:
        return await _timed(self.logger, self.log_level, operation_name, context, call_next)

    async def on_call_tool(self, context: MiddlewareContext[Any],
                           call_next: CallNext[Any, Any]) -> Any:
        name = getattr(context.message, "name", "unknown")
        return await self._time_operation(context, call_next, f"Tool '{name}'")

    async def on_read_resource(self, context: MiddlewareContext[Any],
                               call_next: CallNext[Any, Any]) -> Any:
        uri = getattr(context.message, "uri", "unknown")
        return await self._time_operation(context, call_next, f"Resource '{uri}'")

    async def on_get_prompt(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Any:
        name = getattr(context.message, "name", "unknown")
        return await self._time_operation(context, call_next, f"Prompt '{name}'")

    async def on_list_tools(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Any:
        return await self._time_operation(context, call_next, "List tools")

    async def on_list_resources(self, context: MiddlewareContext[Any],
                                call_next: CallNext[Any, Any]) -> Any:
        return await self._time_operation(context, call_next, "List resources")

    async def on_list_resource_templates(self, context: MiddlewareContext[Any],
                                         call_next: CallNext[Any, Any]) -> Any:
        return await self._time_operation(context, call_next, "List resource templates")

    async def on_list_prompts(self, context: MiddlewareContext[Any],
                              call_next: CallNext[Any, Any]) -> Any:
        return await self._time_operation(context, call_next, "List prompts")
