"""``fastmcp.server.middleware.rate_limiting``: ``RateLimitingMiddleware`` (a token bucket per
client, or one for all) and ``SlidingWindowRateLimitingMiddleware`` (at most N requests in a
sliding window), refusing a request over the limit with ``RateLimitError`` (JSON-RPC -32000,
fastmcp's texts).

These run on the middleware chain rather than on the core's guard (``ferromcp._guards``): the
guard answers a refused request in its own words and counts every client message, where
fastmcp counts requests only (``initialize`` and ``ping`` included) and answers
``Rate limit exceeded for client: <id>``.

No step here suspends (asyncio runs them one at a time, so the limiters need no locks): a
request goes on to the core in the loop iteration it arrived in."""

from __future__ import annotations

import inspect
import time
import warnings
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext
from ferromcp.shared.exceptions import McpError

__all__ = ["RateLimitError", "RateLimitingMiddleware", "SlidingWindowRateLimiter",
           "SlidingWindowRateLimitingMiddleware", "TokenBucketRateLimiter"]

L = TypeVar("L")
ClientId = Callable[[MiddlewareContext[Any]], str] | Callable[[MiddlewareContext[Any]],
                                                               Awaitable[str]]


class RateLimitError(McpError):
    """A request over the rate limit (JSON-RPC -32000)."""

    def __init__(self, message: str = "Rate limit exceeded") -> None:
        super().__init__(-32000, message)


class TokenBucketRateLimiter:
    """A bucket of ``capacity`` tokens refilled at ``refill_rate`` tokens a second."""

    def __init__(self, capacity: int, refill_rate: float) -> None:
        self.capacity = capacity
        self.refill_rate = refill_rate
        self.tokens: float = capacity
        self.last_refill = time.monotonic()

    async def consume(self, tokens: int = 1) -> bool:
        """Takes ``tokens`` if the bucket holds them; says whether it did."""
        now = time.monotonic()
        self.tokens = min(self.capacity,
                          self.tokens + (now - self.last_refill) * self.refill_rate)
        self.last_refill = now
        if self.tokens < tokens:
            return False
        self.tokens -= tokens
        return True


class SlidingWindowRateLimiter:
    """At most ``max_requests`` in any ``window_seconds``."""

    def __init__(self, max_requests: int, window_seconds: int) -> None:
        self.max_requests = max_requests
        self.window_seconds = window_seconds
        self.requests: deque[float] = deque()

    async def is_allowed(self) -> bool:
        """Counts a request if the window has room; says whether it did."""
        now = time.monotonic()
        while self.requests and self.requests[0] < now - self.window_seconds:
            self.requests.popleft()
        if len(self.requests) >= self.max_requests:
            return False
        self.requests.append(now)
        return True


class _Limiters(Generic[L]):
    """One limiter per client id, made when first needed; a client's limiter is dropped once it
    has been idle for ``idle_timeout`` seconds (when it would be back to its initial state)."""

    def __init__(self, make: Callable[[], L], idle_timeout: float | None) -> None:
        self._make = make
        self._idle_timeout = idle_timeout
        self.limiters: dict[str, L] = {}
        self._used: OrderedDict[str, float] = OrderedDict()
        self._active: dict[str, int] = {}

    def _drop_idle(self, now: float) -> None:
        if self._idle_timeout is None:
            return
        for _ in range(64):
            if not self._used:
                return
            client, used = next(iter(self._used.items()))
            if self._active.get(client):
                self._used.move_to_end(client)
                self._used[client] = now
                continue
            if used >= now - self._idle_timeout:
                return
            del self._used[client]
            self.limiters.pop(client, None)

    async def acquire(self, client: str) -> L:
        now = time.monotonic()
        self._drop_idle(now)
        limiter = self.limiters.get(client)
        if limiter is None:
            limiter = self.limiters[client] = self._make()
        self._used[client] = now
        self._used.move_to_end(client)
        self._active[client] = self._active.get(client, 0) + 1
        return limiter

    async def release(self, client: str) -> None:
        self._used[client] = time.monotonic()
        self._used.move_to_end(client)
        left = self._active.get(client, 0) - 1
        if left > 0:
            self._active[client] = left
        else:
            self._active.pop(client, None)


async def _client_of(get_client_id: ClientId | None, context: MiddlewareContext[Any]) -> str:
    if get_client_id is None:
        return "global"
    client = get_client_id(context)
    if inspect.isawaitable(client):
        client = await client
    return client  # type: ignore[return-value]


class RateLimitingMiddleware(Middleware):
    """A token bucket per client (``get_client_id(context)``, sync or async; all clients are
    ``"global"`` without one), or one bucket for every request with ``global_limit=True``:
    ``max_requests_per_second`` sustained, bursts up to ``burst_capacity`` (default twice the
    rate, at least 1 for a positive rate)."""

    def __init__(self, max_requests_per_second: float = 10.0, burst_capacity: int | None = None,
                 get_client_id: ClientId | None = None, global_limit: bool = False) -> None:
        if burst_capacity is not None and burst_capacity < 1:
            hint = ("Pass burst_capacity=1 for no bursting beyond the steady rate."
                    if max_requests_per_second > 0 else
                    "To reject every request, omit burst_capacity: with "
                    "max_requests_per_second=0 the default capacity is 0.")
            warnings.warn(
                f"RateLimitingMiddleware(burst_capacity={burst_capacity!r}) is deprecated and "
                "will raise a ValueError in FastMCP 5: a bucket that holds less than one token "
                "can't admit a request, so 0 falls back to the default and other values "
                f"reject every request. {hint}", DeprecationWarning, stacklevel=2)
        self.max_requests_per_second = max_requests_per_second
        default = int(max_requests_per_second * 2)
        if max_requests_per_second > 0:
            default = max(default, 1)
        self.burst_capacity = burst_capacity or default
        self.get_client_id = get_client_id
        self.global_limit = global_limit
        idle: float | None
        if self.burst_capacity <= 0:
            idle = 0
        elif max_requests_per_second > 0:
            idle = self.burst_capacity / max_requests_per_second
        else:
            idle = None
        self._client_limiters = _Limiters(self._bucket, idle)
        self.limiters = self._client_limiters.limiters
        if global_limit:
            self.global_limiter = self._bucket()

    def _bucket(self) -> TokenBucketRateLimiter:
        return TokenBucketRateLimiter(self.burst_capacity, self.max_requests_per_second)

    async def _get_client_identifier(self, context: MiddlewareContext[Any]) -> str:
        return await _client_of(self.get_client_id, context)

    async def on_request(self, context: MiddlewareContext[Any],
                         call_next: CallNext[Any, Any]) -> Any:
        if self.global_limit:
            if not await self.global_limiter.consume():
                raise RateLimitError("Global rate limit exceeded")
            return await call_next(context)
        client = await self._get_client_identifier(context)
        limiter = await self._client_limiters.acquire(client)
        try:
            allowed = await limiter.consume()
        finally:
            await self._client_limiters.release(client)
        if not allowed:
            raise RateLimitError(f"Rate limit exceeded for client: {client}")
        return await call_next(context)


class SlidingWindowRateLimitingMiddleware(Middleware):
    """At most ``max_requests`` per client in any ``window_minutes`` minutes."""

    def __init__(self, max_requests: int, window_minutes: int = 1,
                 get_client_id: ClientId | None = None) -> None:
        self.max_requests = max_requests
        self.window_seconds = window_minutes * 60
        self.get_client_id = get_client_id
        self._client_limiters = _Limiters(
            lambda: SlidingWindowRateLimiter(self.max_requests, self.window_seconds),
            max(0, self.window_seconds))
        self.limiters = self._client_limiters.limiters

    async def _get_client_identifier(self, context: MiddlewareContext[Any]) -> str:
        return await _client_of(self.get_client_id, context)

    async def on_request(self, context: MiddlewareContext[Any],
                         call_next: CallNext[Any, Any]) -> Any:
        client = await self._get_client_identifier(context)
        limiter = await self._client_limiters.acquire(client)
        try:
            allowed = await limiter.is_allowed()
        finally:
            await self._client_limiters.release(client)
        if not allowed:
            raise RateLimitError(
                f"Rate limit exceeded: {self.max_requests} requests per "
                f"{self.window_seconds // 60} minutes for client: {client}")
        return await call_next(context)
