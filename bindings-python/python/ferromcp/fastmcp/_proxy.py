"""fastmcp proxies on ferromcp: ``create_proxy(target)``, ``FastMCP.as_proxy(backend)``
(fastmcp 2/3), ``FastMCPProxy(client_factory=...)`` and a ``ProxyProvider`` given to
``add_provider``.

A proxy serves what its backend serves, as fastmcp's does. Each list request asks the backend
and the core then lists what it answered — the backend's own definitions, schemas and tags,
after the proxy's own components. A call, read or prompt goes to the backend through a fresh
client (the lists it was found in are kept ``cache_ttl`` seconds for it, 300 by default) and the
backend's answer passes through as it is, an error result included; what the backend sends
while serving it (progress, log messages, sampling, elicitation and roots requests) reaches the
client on the request's own stream. The
backend speaks the protocol era the client negotiated with the proxy. ``ping`` is forwarded,
and the backend's instructions are the proxy's when it has none of its own.

The clients are fastmcp's own (``fastmcp.Client``), from the fastmcp package installed beside
ferromcp: any target fastmcp's client takes — a URL, a script, an ``MCPConfig``, a server in
this process, a ``Client`` — can be proxied.
"""

from __future__ import annotations

import inspect
import time
from typing import Any

from ferromcp._fastmcp import FastMCP
from ferromcp.fastmcp._middleware import Middleware

__all__ = ["FastMCPProxy", "create_proxy", "is_proxy_provider", "proxy_backend", "proxy_provider"]

#: How long the lists a call is looked up in are kept, in seconds (fastmcp's default).
DEFAULT_CACHE_TTL = 300.0

#: Request ``_meta`` keys that describe the client's connection to the proxy, not the call:
#: the backend connection has its own. A progress token is the proxy's to report on.
_CONNECTION_META = frozenset({
    "io.modelcontextprotocol/protocolVersion", "io.modelcontextprotocol/clientInfo",
    "io.modelcontextprotocol/clientCapabilities", "progressToken"})
#: Result ``_meta`` keys of the backend connection, and what the core stamps for the revision.
_RESULT_DROPPED = frozenset({"io.modelcontextprotocol/serverInfo",
                             "io.modelcontextprotocol/protocolVersion"})
_REVISION_FIELDS = ("resultType", "ttlMs", "cacheScope")

#: A list request's kind → (the core registry's kind, the fastmcp client's list method).
_KINDS = {
    "tools/list": ("tools", "list_tools"),
    "resources/list": ("resources", "list_resources"),
    "resources/templates/list": ("resourceTemplates", "list_resource_templates"),
    "prompts/list": ("prompts", "list_prompts"),
}
#: What a call, read or prompt is looked up in.
_LOOKUPS = {"tools/call": ("tools/list",), "prompts/get": ("prompts/list",),
            "resources/read": ("resources/list", "resources/templates/list")}


def _fastmcp(module: str) -> Any:
    from ferromcp import _official

    return _official.module(f"fastmcp.{module}")


def _dumped(value: Any) -> dict[str, Any]:
    out = value.model_dump(by_alias=True, exclude_none=True, mode="json")
    for key in _REVISION_FIELDS:
        out.pop(key, None)
    meta = out.get("_meta")
    if isinstance(meta, dict):
        for key in _RESULT_DROPPED:
            meta.pop(key, None)
        if not meta:
            del out["_meta"]
    return out  # type: ignore[no-any-return]


def _forwarded_meta(params: dict[str, Any]) -> dict[str, Any] | None:
    meta = params.get("_meta")
    if not isinstance(meta, dict):
        return None
    return {k: v for k, v in meta.items() if k not in _CONNECTION_META} or None


def _key(kind: str, definition: dict[str, Any]) -> str:
    return str(definition.get({"tools": "name", "prompts": "name", "resources": "uri",
                               "resourceTemplates": "uriTemplate"}[kind]))


# --- clients --------------------------------------------------------------------------------

def _front_era(core_ctx: Any) -> str | None:
    """The backend ``mode`` mirroring the era the client negotiated with the proxy."""
    session = getattr(core_ctx, "session", None)
    version = getattr(session, "protocol_version", None)
    if not version:
        return None
    return version if version >= "2026-07-28" else "legacy"


def _forwarding(core_ctx: Any) -> dict[str, Any]:
    """The fastmcp client handlers that pass what the backend sends while serving a request —
    progress, log messages, sampling, elicitation and roots requests — on to the client of that
    request, on its stream."""
    if core_ctx is None:
        return {}
    official = _fastmcp_mcp("mcp.types")
    session = core_ctx.session

    async def ask(method: str, params: Any) -> Any:
        ok, value = await session.request(method, _dumped(params) if params is not None
                                          else None)
        if not ok:
            raise RuntimeError(value.get("message", ""))
        return value

    async def progress(progress: float, total: float | None, message: str | None) -> None:
        core_ctx.report_progress(progress, total, message)

    async def log(message: Any) -> None:
        session.log(message.level, message.data, message.logger)

    async def sampling(messages: Any, params: Any, context: Any) -> Any:
        return official.CreateMessageResult.model_validate(
            await ask("sampling/createMessage", params))

    async def elicitation(message: str, response_type: Any, params: Any, context: Any) -> Any:
        return official.ElicitResult.model_validate(await ask("elicitation/create", params))

    async def roots(context: Any) -> Any:
        listed = await ask("roots/list", None)
        return [official.Root.model_validate(root) for root in listed.get("roots") or ()]

    return {"progress_handler": progress, "log_handler": log, "sampling_handler": sampling,
            "elicitation_handler": elicitation, "roots": roots}


def _is_proxy_client(client: Any) -> bool:
    """Whether ``client`` is fastmcp's ``ProxyClient``, whose own forwarding reads fastmcp's
    request context: ferromcp connects to its transport with forwarding of its own."""
    return any(c.__name__ == "ProxyClient" for c in type(client).__mro__)


def _forwarding_client(target: Any, mode: str | None) -> Any:
    """A fastmcp client of ``target`` for the request being served: passing on what the
    backend sends, speaking the front's era unless ``mode`` pins one."""
    from ferromcp.server.lowlevel.server import request_ctx

    client_cls = _fastmcp("client").Client
    core_ctx = request_ctx.get(None)
    kwargs = _forwarding(core_ctx)
    era = mode if mode is not None else _front_era(core_ctx)
    if era is not None and "mode" in inspect.signature(client_cls.__init__).parameters:
        kwargs["mode"] = era
    return client_cls(target, **kwargs)


def _client_factory(target: Any, mode: str | None) -> Any:
    """fastmcp's session strategy: a connected ``Client`` is reused, a disconnected one copied
    for each request; anything else gets a fresh client per request."""
    if isinstance(target, _fastmcp("client").Client) and not _is_proxy_client(target):
        if target.is_connected():
            return lambda: target
        return target.new
    if _is_proxy_client(target):
        return lambda: _forwarding_client(target.transport, mode)
    return lambda: _forwarding_client(target, mode)


# --- the backend, as the core serves it ------------------------------------------------------

class _Backend:
    """One proxied backend of a server: what it lists, registered with the server's core."""

    def __init__(self, server: Any, client_factory: Any, cache_ttl: float | None,
                 provider: Any = None) -> None:
        self.server = server
        self.provider = provider
        self.factory = client_factory
        self.ttl = DEFAULT_CACHE_TTL if cache_ttl is None else cache_ttl
        self.fetched: dict[str, float] = {}
        self.generation: dict[str, int] = {}
        self.served: dict[str, list[str]] = {}

    async def client(self) -> Any:
        client = self.factory()
        if inspect.isawaitable(client):
            client = await client
        if _is_proxy_client(client):
            client = _forwarding_client(client.transport, None)
        return client

    async def fresh(self, method: str) -> None:
        """Lists ``method``'s kind again when it was not listed within the cache time."""
        for lookup in _LOOKUPS.get(method, ()):
            at = self.fetched.get(lookup)
            if at is None or time.monotonic() - at >= self.ttl:
                await self.refresh(lookup)

    async def refresh(self, method: str) -> None:
        """Asks the backend for ``method``'s list and serves what it answers."""
        kind, lister = _KINDS[method]
        generation = self.generation[method] = self.generation.get(method, 0) + 1
        error_cls = _fastmcp_error()
        try:
            async with await self.client() as client:
                listed = [_dumped(item) for item in await getattr(client, lister)()]
        except error_cls as exc:
            if getattr(getattr(exc, "error", None), "code", None) != -32601:
                raise
            listed = []  # a backend without that capability lists nothing
        if generation != self.generation[method]:
            return  # a newer listing is on its way
        self._serve(kind, listed)
        self.fetched[method] = time.monotonic()

    def _serve(self, kind: str, listed: list[dict[str, Any]]) -> None:
        registry = self.server._registry
        for key in self.served.get(kind, ()):
            registry.remove(kind, key)
        own = {_key(kind, d) for d in registry.list(kind)}
        served = []
        for definition in listed:
            key = _key(kind, definition)
            if key in own or key in served:
                continue  # the proxy's own component comes first, as in fastmcp
            served.append(key)
            tags = ((definition.get("_meta") or {}).get("fastmcp") or {}).get("tags")
            self.server._visible(definition, tags, {"tools": "tool", "prompts": "prompt",
                                                    "resources": "resource",
                                                    "resourceTemplates": "template"}[kind])
            if kind == "tools":
                registry.add_tool_unchecked(
                    definition, self.server._middleware_runner(key, self._runner(self._call)))
            elif kind == "prompts":
                registry.add_prompt(definition, self._runner(self._prompt))
            else:
                registry.add_resource(definition, self._runner(self._read))
        self.served[kind] = served

    def _runner(self, answer: Any) -> Any:
        async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
            try:
                result = await answer(params)
            except Exception as exc:  # noqa: BLE001 - the core answers it
                slot.raised(_mapped(exc))
                return
            slot.done(result)
        return runner

    async def _call(self, params: dict[str, Any]) -> dict[str, Any]:
        async with await self.client() as client:
            return _dumped(await client.call_tool_mcp(
                name=params["name"], arguments=params.get("arguments") or {},
                meta=_forwarded_meta(params)))

    async def _read(self, params: dict[str, Any]) -> dict[str, Any]:
        async with await self.client() as client:
            return _dumped(await client.read_resource_mcp(params["uri"],
                                                          meta=_forwarded_meta(params)))

    async def _prompt(self, params: dict[str, Any]) -> dict[str, Any]:
        async with await self.client() as client:
            return _dumped(await client.get_prompt_mcp(
                params["name"], params.get("arguments") or {}, meta=_forwarded_meta(params)))


def _fastmcp_error() -> type:
    """The error the official client raises for a JSON-RPC error (``McpError`` / ``MCPError``)."""
    exceptions = _fastmcp_mcp("mcp.shared.exceptions")
    return getattr(exceptions, "MCPError", None) or exceptions.McpError  # type: ignore[no-any-return]


def _fastmcp_mcp(name: str) -> Any:
    from ferromcp import _official

    return _official.module(name)


def _mapped(exc: Exception) -> Exception:
    """A backend's JSON-RPC error, answered to the client with its code, message and data."""
    error = getattr(exc, "error", None)
    code = getattr(error, "code", None)
    if isinstance(exc, _fastmcp_error()) and isinstance(code, int):
        from ferromcp.shared.exceptions import McpError
        from ferromcp.types import ErrorData

        return McpError(ErrorData(code=code, message=error.message, data=error.data))
    return exc


class _Forward(Middleware):
    """What a proxy puts first in its middleware: lists asked of the backend before the core
    lists, the lists a call is looked up in kept fresh, ``ping`` and instructions forwarded."""

    def __init__(self, backend: _Backend) -> None:
        self.backend = backend

    async def on_request(self, context: Any, call_next: Any) -> Any:
        method = context.method or ""
        if method in _KINDS:
            await self.backend.refresh(method)
        elif method in _LOOKUPS:
            await self.backend.fresh(method)
        elif method == "ping":
            async with await self.backend.client() as client:
                await client.ping()
        return await call_next(context)

    async def on_initialize(self, context: Any, call_next: Any) -> Any:
        result = await call_next(context)
        if isinstance(result, dict) and self.backend.server.instructions is None:
            async with await self.backend.client() as client:
                init = getattr(client, "initialize_result", None)
                instructions = getattr(init, "instructions", None)
            if instructions is not None:
                result["instructions"] = instructions
        return result


def proxy_backend(server: Any, client_factory: Any, cache_ttl: float | None = None,
                  provider: Any = None) -> None:
    """Makes ``server`` serve what the backend ``client_factory`` connects to provides."""
    backend = _Backend(server, client_factory, cache_ttl, provider)
    server.__dict__.setdefault("_proxy_backends", []).append(backend)
    server.middleware.append(_Forward(backend))


def proxy_provider(server: Any, provider: Any) -> None:
    """Serves fastmcp's ``ProxyProvider`` ``provider`` (given to ``add_provider``)."""
    proxy_backend(server, provider.client_factory, getattr(provider, "_cache_ttl", None),
                  provider)


def is_proxy_provider(provider: Any) -> bool:
    """Whether ``provider`` is fastmcp's ``ProxyProvider``."""
    cls = type(provider)
    return any(c.__name__ == "ProxyProvider" and "proxy" in c.__module__ for c in cls.__mro__)


# --- fastmcp's names -------------------------------------------------------------------------

class FastMCPProxy(FastMCP):
    """A fastmcp server serving what a backend MCP server serves (see the module);
    ``client_factory`` makes a fastmcp ``Client`` of the backend (sync or async)."""

    def __init__(self, *, client_factory: Any, provider_error_strategy: str = "warn",
                 identity: str = "proxy", cache_ttl: float | None = None,
                 **settings: Any) -> None:
        super().__init__(**settings)
        self.client_factory = client_factory
        self.provider_error_strategy = provider_error_strategy
        self.identity = identity
        proxy_backend(self, client_factory, cache_ttl)

    async def _get_client(self) -> Any:
        client = self.client_factory()
        return await client if inspect.isawaitable(client) else client


def create_proxy(target: Any, *, mode: str | None = None, **settings: Any) -> FastMCPProxy:
    """A proxy server for ``target``: anything fastmcp's ``Client`` connects to (a URL, a script
    path, an ``MCPConfig`` or dict, a server in this process, a transport) or a ``Client``."""
    return FastMCPProxy(client_factory=_client_factory(target, mode), **settings)
