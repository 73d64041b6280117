"""``fastmcp.server.middleware.error_handling``: ``ErrorHandlingMiddleware`` (logs every failure,
counts them, and turns exceptions into JSON-RPC errors) and ``RetryMiddleware`` (retries a request
that failed with a transient error, backing off exponentially).

``ErrorHandlingMiddleware`` classifies an error by its cause when it has one (a tool's failure
reaches middleware as a ``ToolError`` caused by what the tool raised), as fastmcp does:

======================================================  =======  ========================
raised                                                  code     message
======================================================  =======  ========================
``ValueError``, ``TypeError``, ``ValidationError``      -32602   ``Invalid params: …``
``FileNotFoundError``, ``KeyError``, ``NotFoundError``  -32002   ``Resource not found: …``
(for ``resources/*``), else                             -32001   ``Not found: …``
``PermissionError``                                     -32000   ``Permission denied: …``
``TimeoutError``                                        -32000   ``Request timeout: …``
anything else                                           -32603   ``Internal error: …``
======================================================  =======  ========================

An ``MCPError`` passes unchanged, and so does everything when ``transform_errors=False``."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import anyio

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext
from ferromcp.server._highlevel import ValidationError
from ferromcp.shared.exceptions import McpError

__all__ = ["ErrorHandlingMiddleware", "RetryMiddleware"]


def _not_found_types() -> tuple[type[BaseException], ...]:
    from ferromcp.exceptions import NotFoundError

    return (FileNotFoundError, KeyError, NotFoundError)


def _json_rpc_error(error: Exception, method: str) -> McpError:
    kind = type(error.__cause__) if error.__cause__ else type(error)
    if issubclass(kind, ValueError | TypeError | ValidationError):
        return McpError(-32602, f"Invalid params: {error}")
    if issubclass(kind, _not_found_types()):
        if method.startswith("resources/"):
            return McpError(-32002, f"Resource not found: {error}")
        return McpError(-32001, f"Not found: {error}")
    if issubclass(kind, PermissionError):
        return McpError(-32000, f"Permission denied: {error}")
    if issubclass(kind, TimeoutError):
        return McpError(-32000, f"Request timeout: {error}")
    return McpError(-32603, f"Internal error: {error}")


class ErrorHandlingMiddleware(Middleware):
    """Logs each failure (to ``fastmcp.errors`` unless ``logger`` is given, with the traceback
    when ``include_traceback``), calls ``error_callback(error, context)``, counts failures by
    ``"<ErrorType>:<method>"`` (:meth:`get_error_stats`), and re-raises the failure as a
    JSON-RPC error (see the module's table) unless ``transform_errors=False``."""

    def __init__(self, logger: logging.Logger | None = None, include_traceback: bool = False,
                 error_callback: Callable[[Exception, MiddlewareContext[Any]], None]
                 | None = None,
                 transform_errors: bool = True) -> None:
        self.logger = logger or logging.getLogger("fastmcp.errors")
        self.include_traceback = include_traceback
        self.error_callback = error_callback
        self.transform_errors = transform_errors
        self.error_counts: dict[str, int] = {}

    def _log_error(self, error: Exception, context: MiddlewareContext[Any]) -> None:
        kind = type(error).__name__
        method = context.method or "unknown"
        key = f"{kind}:{method}"
        self.error_counts[key] = self.error_counts.get(key, 0) + 1
        line = f"Error in {method}: {kind}: {error}"
        if self.include_traceback:
            line = f"{line}\n{traceback.format_exc()}"
        self.logger.error(line)
        if self.error_callback is not None:
            try:
                self.error_callback(error, context)
            except Exception as failed:  # noqa: BLE001 - a callback's failure is only logged
                self.logger.error(f"Error in error callback: {failed}")

    def _transform_error(self, error: Exception, context: MiddlewareContext[Any]) -> Exception:
        if isinstance(error, McpError) or not self.transform_errors:
            return error
        return _json_rpc_error(error, context.method or "")

    async def on_message(self, context: MiddlewareContext[Any],
                         call_next: CallNext[Any, Any]) -> Any:
        try:
            return await call_next(context)
        except Exception as error:
            self._log_error(error, context)
            replacement = self._transform_error(error, context)
            if replacement is error:
                raise
            raise replacement from error

    def get_error_stats(self) -> dict[str, int]:
        """How many failures of each ``"<ErrorType>:<method>"`` were seen."""
        return dict(self.error_counts)


class RetryMiddleware(Middleware):
    """Retries a request up to ``max_retries`` times when it fails with one of
    ``retry_exceptions`` (itself or as its direct cause), waiting
    ``base_delay * backoff_multiplier ** attempt`` seconds (at most ``max_delay``) between tries
    and logging a warning (to ``fastmcp.retry`` unless ``logger`` is given) before each."""

    def __init__(self, max_retries: int = 3, base_delay: float = 1.0, max_delay: float = 60.0,
                 backoff_multiplier: float = 2.0,
                 retry_exceptions: tuple[type[Exception], ...] = (ConnectionError, TimeoutError),
                 logger: logging.Logger | None = None) -> None:
        self.max_retries = max_retries
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.backoff_multiplier = backoff_multiplier
        self.retry_exceptions = retry_exceptions
        self.logger = logger or logging.getLogger("fastmcp.retry")

    def _should_retry(self, error: Exception) -> bool:
        return isinstance(error, self.retry_exceptions) or isinstance(
            error.__cause__, self.retry_exceptions)

    def _calculate_delay(self, attempt: int) -> float:
        return min(self.base_delay * self.backoff_multiplier ** attempt, self.max_delay)

    async def on_request(self, context: MiddlewareContext[Any],
                         call_next: CallNext[Any, Any]) -> Any:
        attempts = self.max_retries + 1
        attempt = 0
        while True:
            try:
                return await call_next(context)
            except Exception as error:
                if attempt >= self.max_retries or not self._should_retry(error):
                    raise
                delay = self._calculate_delay(attempt)
                self.logger.warning(
                    f"Request {context.method} failed (attempt {attempt + 1}/{attempts}): "
                    f"{type(error).__name__}: {error}. Retrying in {delay:.1f}s...")
            await anyio.sleep(delay)
            attempt += 1
