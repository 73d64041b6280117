"""Extensions of an ``MCPServer`` (SEP-2133, ``mcp.server.extension``): an opt-in bundle of
behaviour named by a reverse-DNS identifier, given as ``MCPServer(extensions=[...])``. The
server takes what the extension declares — tools, resources, new request methods, one
``tools/call`` interceptor — and announces ``capabilities.extensions[identifier]`` with the
extension's settings."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ferromcp.server.context import CallNext, HandlerResult, ServerRequestContext
from ferromcp.types import CallToolRequestParams

__all__ = ["Extension", "MethodBinding", "RequestHandler", "ResourceBinding", "ToolBinding",
           "compose_tool_call_handler", "validate_extension_identifier"]

RequestHandler = Callable[[ServerRequestContext[Any, Any], Any], Awaitable[HandlerResult]]

#: The request methods of the specification: an extension adds methods, it never binds these.
SPEC_CLIENT_METHODS = frozenset({
    "completion/complete", "initialize", "logging/setLevel", "ping", "prompts/get",
    "prompts/list", "resources/list", "resources/read", "resources/subscribe",
    "resources/templates/list", "resources/unsubscribe", "server/discover",
    "subscriptions/listen", "tools/call", "tools/list"})

# Dot-separated labels (a letter first, a letter or digit last), `/`, then a name that starts
# and ends alphanumeric: the `_meta` key grammar with its prefix made mandatory.
_LABEL = r"[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_IDENTIFIER = re.compile(rf"{_LABEL}(?:\.{_LABEL})*/{_NAME}")


def validate_extension_identifier(identifier: Any, *, owner: str) -> None:
    """Raises ``TypeError`` unless ``identifier`` is a ``vendor-prefix/name`` string."""
    if not isinstance(identifier, str) or not _IDENTIFIER.fullmatch(identifier):
        raise TypeError(f"{owner}.identifier must be a `vendor-prefix/name` string "
                        f"(reverse-DNS prefix required), got {identifier!r}")


@dataclass(frozen=True)
class ToolBinding:
    """A tool an extension adds: the function, ``_meta`` for it, ``add_tool`` keywords."""

    fn: Callable[..., Any]
    meta: dict[str, Any] | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ResourceBinding:
    """A resource object an extension adds."""

    resource: Any


@dataclass(frozen=True)
class MethodBinding:
    """A request method an extension serves: ``handler(ctx, params)`` with ``params`` validated
    as ``params_type`` first; with ``protocol_versions``, only at those revisions (others get
    -32601)."""

    method: str
    params_type: Any
    handler: RequestHandler
    protocol_versions: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.method in SPEC_CLIENT_METHODS:
            raise ValueError(
                f"MethodBinding cannot bind spec method {self.method!r}; extension methods are "
                "additive — use Extension.intercept_tool_call or Server.middleware to wrap "
                "core behaviour")
        if self.protocol_versions is not None and not self.protocol_versions:
            raise ValueError(
                f"MethodBinding for {self.method!r} has an empty protocol_versions set, so it "
                "could never be served; use None to admit every version")


class Extension:
    """Base of an extension: set ``identifier``, override what the extension adds."""

    #: Reverse-DNS identifier, announced under ``capabilities.extensions``.
    identifier: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        identifier = cls.__dict__.get("identifier")
        if identifier is not None:
            validate_extension_identifier(identifier, owner=cls.__name__)

    def settings(self) -> dict[str, Any]:
        """What ``capabilities.extensions[identifier]`` carries."""
        return {}

    def tools(self) -> Sequence[ToolBinding]:
        return ()

    def resources(self) -> Sequence[ResourceBinding]:
        return ()

    def methods(self) -> Sequence[MethodBinding]:
        return ()

    async def intercept_tool_call(self, params: CallToolRequestParams,
                                  ctx: ServerRequestContext[Any, Any],
                                  call_next: CallNext) -> HandlerResult:
        """Wraps ``tools/call`` (``params`` validated): answer without ``call_next`` or pass
        on. By default passes on."""
        return await call_next(ctx)


def compose_tool_call_handler(extensions: Sequence[Any], handler: RequestHandler
                              ) -> RequestHandler:
    """``handler`` (``tools/call``) wrapped in every extension's interceptor, the first
    extension outermost."""
    async def wrapped(ctx: ServerRequestContext[Any, Any], params: Any) -> HandlerResult:
        async def innermost(inner: ServerRequestContext[Any, Any]) -> HandlerResult:
            return await handler(inner, params)

        chain: CallNext = innermost
        for extension in reversed(extensions):
            chain = _bound(extension, params, chain)
        return await chain(ctx)

    return wrapped


def _bound(extension: Any, params: Any, call_next: CallNext) -> CallNext:
    async def call(ctx: ServerRequestContext[Any, Any]) -> HandlerResult:
        return await extension.intercept_tool_call(params, ctx, call_next)
    return call
