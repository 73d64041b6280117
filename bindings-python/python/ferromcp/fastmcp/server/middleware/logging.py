"""``fastmcp.server.middleware.logging``: ``LoggingMiddleware`` (``key=value`` lines) and
``StructuredLoggingMiddleware`` (one JSON object a line), both on ``BaseLoggingMiddleware``.

Each message of the selected ``methods`` (all when ``None``) is logged as it arrives
(``request_start`` / ``notification_start``, optionally with its payload, the payload's length and
a token estimate of length // 4) and as it ends (``…_success`` with ``duration_ms``, or
``…_error`` with the error's text, at ERROR)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

import pydantic_core

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["BaseLoggingMiddleware", "LoggingMiddleware", "StructuredLoggingMiddleware",
           "default_serializer"]

Entry = dict[str, str | int | float]


def default_serializer(data: Any) -> str:
    """A payload as compact JSON, as fastmcp writes it (anything else as its ``str``)."""
    return pydantic_core.to_json(data, fallback=_as_fastmcp_json).decode()


#: The fields fastmcp's request params models write after ``_meta``, ``inputResponses`` and
#: ``requestState`` (null when absent).
_PARAM_FIELDS = {"CallToolRequestParams": ("name", "arguments", "task"),
                 "ReadResourceRequestParams": ("uri",),
                 "GetPromptRequestParams": ("name", "arguments")}


#: The fields of fastmcp's (``mcp_types``) initialize params, written null when absent.
_CAPABILITIES = ("experimental", "sampling", "elicitation", "roots", "extensions", "tasks")
_CLIENT_INFO = ("name", "title", "version", "description", "websiteUrl", "icons")


def _initialize_params(params: dict[str, Any]) -> dict[str, Any]:
    caps = params.get("capabilities") or {}
    info = params.get("clientInfo") or {}
    out: dict[str, Any] = {"_meta": params.get("_meta"),
                           "protocolVersion": params.get("protocolVersion"),
                           "capabilities": {k: caps.get(k) for k in _CAPABILITIES},
                           "clientInfo": {k: info.get(k) for k in _CLIENT_INFO}}
    out.update((k, v) for k, v in params.items() if k not in out)
    return out


def _as_fastmcp_json(value: Any) -> Any:
    from ferromcp.fastmcp._middleware import _Params

    fields = _PARAM_FIELDS.get(type(value).__name__)
    if fields is not None:
        out: dict[str, Any] = {"_meta": getattr(value, "meta", None),
                               "inputResponses": getattr(value, "inputResponses", None),
                               "requestState": getattr(value, "requestState", None)}
        out.update((f, getattr(value, f, None)) for f in fields)
        return out
    if isinstance(value, _Params):
        if value.method == "initialize":
            return {"method": "initialize", "params": _initialize_params(value.params)}
        return {"method": value.method, "params": value.params or None}
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(by_alias=True, mode="json")
    return str(value)


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


class BaseLoggingMiddleware(Middleware):
    """What both logging middlewares share; subclasses set the attributes below."""

    def _configure(self, logger: logging.Logger, log_level: int, include_payloads: bool,
                   include_payload_length: bool, estimate_payload_tokens: bool,
                   max_payload_length: int | None, methods: list[str] | None,
                   payload_serializer: Callable[[Any], str] | None, *,
                   structured: bool) -> None:
        self.logger = logger
        self.log_level = log_level
        self.include_payloads = include_payloads
        self.include_payload_length = include_payload_length
        self.estimate_payload_tokens = estimate_payload_tokens
        self.max_payload_length = max_payload_length
        self.methods = methods
        self.payload_serializer = payload_serializer
        self.structured_logging = structured

    logger: logging.Logger
    log_level: int
    include_payloads: bool
    include_payload_length: bool
    estimate_payload_tokens: bool
    max_payload_length: int | None
    methods: list[str] | None
    structured_logging: bool
    payload_serializer: Callable[[Any], str] | None

    def _serialize_payload(self, context: MiddlewareContext[Any]) -> str:
        if self.payload_serializer is not None:
            try:
                return self.payload_serializer(context.message)
            except Exception as exc:  # noqa: BLE001 - logged, then the default is used
                self.logger.warning(f"Failed to serialize payload due to {exc}: "
                                    f"{context.type} {context.method} {context.source}.")
        return default_serializer(context.message)

    def _format_message(self, message: Entry) -> str:
        if self.structured_logging:
            return json.dumps(message)
        return " ".join(f"{key}={value}" for key, value in message.items())

    def _head(self, context: MiddlewareContext[Any], event: str) -> Entry:
        return {"event": f"{context.type}_{event}", "method": context.method or "unknown",
                "source": context.source}

    def _create_before_message(self, context: MiddlewareContext[Any]) -> Entry:
        entry = self._head(context, "start")
        if not (self.include_payloads or self.include_payload_length
                or self.estimate_payload_tokens):
            return entry
        payload = self._serialize_payload(context)
        if self.estimate_payload_tokens:
            entry["payload_tokens"] = len(payload) // 4
        if self.include_payload_length:
            entry["payload_length"] = len(payload)
        if self.include_payloads:
            limit = self.max_payload_length
            entry["payload"] = payload[:limit] + "..." if limit and len(payload) > limit \
                else payload
            entry["payload_type"] = type(context.message).__name__
        return entry

    def _create_error_message(self, context: MiddlewareContext[Any], start_time: float,
                              error: Exception) -> Entry:
        entry = self._head(context, "error")
        entry["duration_ms"] = _elapsed_ms(start_time)
        entry["error"] = str(error)
        return entry

    def _create_after_message(self, context: MiddlewareContext[Any],
                              start_time: float) -> Entry:
        entry = self._head(context, "success")
        entry["duration_ms"] = _elapsed_ms(start_time)
        return entry

    def _log_message(self, message: Entry, log_level: int | None = None) -> None:
        self.logger.log(log_level or self.log_level, self._format_message(message))

    async def on_message(self, context: MiddlewareContext[Any],
                         call_next: CallNext[Any, Any]) -> Any:
        if self.methods is not None and context.method not in self.methods:
            return await call_next(context)
        self._log_message(self._create_before_message(context))
        started = time.perf_counter()
        try:
            result = await call_next(context)
        except Exception as exc:
            self._log_message(self._create_error_message(context, started, exc),
                              logging.ERROR)
            raise
        self._log_message(self._create_after_message(context, started))
        return result


class LoggingMiddleware(BaseLoggingMiddleware):
    """``key=value`` log lines; by default to ``fastmcp.middleware.logging`` at INFO, payloads
    cut at ``max_payload_length`` characters."""

    def __init__(self, *, logger: logging.Logger | None = None, log_level: int = logging.INFO,
                 include_payloads: bool = False, include_payload_length: bool = False,
                 estimate_payload_tokens: bool = False, max_payload_length: int = 1000,
                 methods: list[str] | None = None,
                 payload_serializer: Callable[[Any], str] | None = None) -> None:
        self._configure(logger or logging.getLogger("fastmcp.middleware.logging"), log_level,
                        include_payloads, include_payload_length, estimate_payload_tokens,
                        max_payload_length, methods, payload_serializer, structured=False)


class StructuredLoggingMiddleware(BaseLoggingMiddleware):
    """JSON log lines; by default to ``fastmcp.middleware.structured_logging`` at INFO,
    payloads whole."""

    def __init__(self, *, logger: logging.Logger | None = None, log_level: int = logging.INFO,
                 include_payloads: bool = False, include_payload_length: bool = False,
                 estimate_payload_tokens: bool = False, methods: list[str] | None = None,
                 payload_serializer: Callable[[Any], str] | None = None) -> None:
        self._configure(
            logger or logging.getLogger("fastmcp.middleware.structured_logging"), log_level,
            include_payloads, include_payload_length, estimate_payload_tokens, None, methods,
            payload_serializer, structured=True)
