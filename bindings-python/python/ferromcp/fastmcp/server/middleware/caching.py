"""``fastmcp.server.middleware.caching``: ``ResponseCachingMiddleware``, answers kept for a
time and given again without running the tool, resource or prompt.

As in fastmcp: ``tools/list``, ``resources/list`` and ``prompts/list`` are kept 5 minutes,
``tools/call``, ``resources/read`` and ``prompts/get`` an hour, each configurable (``ttl``,
``enabled``; for calls ``included_tools`` / ``excluded_tools``). A call is keyed by the tool's
name, its arguments and the version asked for, a read by its URI, a prompt by name and
arguments — and every key by the caller's access token, so callers with different rights never
share an answer (everyone unauthenticated, stdio included, shares one). A failed call, a
continuation of an earlier input-required round and an answer larger than ``max_item_size``
bytes (as JSON) are not kept.

The store is ``cache_storage`` when given (any ``key_value.aio`` ``AsyncKeyValue``: ``get`` /
``put`` with ``collection`` and ``ttl``), else ``key_value``'s ``MemoryStore`` when the package
is installed, else ferromcp's :class:`MemoryStore`, which keeps the same promises (entries
expire after their TTL; optionally a bound on entries per collection). Values are stored as the
wire JSON of the answer, lists as ``{"items": [...]}``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, SupportsFloat, TypedDict

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["ResponseCachingMiddleware", "ResponseCachingStatistics", "SharedMethodSettings",
           "ListToolsSettings", "ListResourcesSettings", "ListPromptsSettings",
           "CallToolSettings", "ReadResourceSettings", "GetPromptSettings", "MemoryStore",
           "ONE_HOUR_IN_SECONDS", "FIVE_MINUTES_IN_SECONDS", "ONE_MB_IN_BYTES",
           "ANONYMOUS_AUTH_KEY", "DEFAULT_VERSION_CACHE_KEY"]

logger = logging.getLogger("fastmcp.server.middleware.caching")

ONE_HOUR_IN_SECONDS = 3600
FIVE_MINUTES_IN_SECONDS = 300
ONE_MB_IN_BYTES = 1024 * 1024
ANONYMOUS_AUTH_KEY = "__anonymous__"
DEFAULT_VERSION_CACHE_KEY = "__default__"


class SharedMethodSettings(TypedDict, total=False):
    """What every cached method takes: ``ttl`` (seconds) and ``enabled``."""

    ttl: int
    enabled: bool


class ListToolsSettings(SharedMethodSettings, total=False):
    """``tools/list`` caching."""


class ListResourcesSettings(SharedMethodSettings, total=False):
    """``resources/list`` caching."""


class ListPromptsSettings(SharedMethodSettings, total=False):
    """``prompts/list`` caching."""


class CallToolSettings(SharedMethodSettings, total=False):
    """``tools/call`` caching; ``included_tools`` (only these) and ``excluded_tools``."""

    included_tools: list[str]
    excluded_tools: list[str]


class ReadResourceSettings(SharedMethodSettings, total=False):
    """``resources/read`` caching."""


class GetPromptSettings(SharedMethodSettings, total=False):
    """``prompts/get`` caching."""


# --- statistics ----------------------------------------------------------------------------------

@dataclass
class _Count:
    count: int = 0


@dataclass
class _HitMiss(_Count):
    hit: int = 0
    miss: int = 0

    def add(self, hit: bool) -> None:
        self.count += 1
        if hit:
            self.hit += 1
        else:
            self.miss += 1


@dataclass
class CollectionStatistics(_Count):
    """One collection's operations, as ``key_value``'s ``KVStoreCollectionStatistics``
    counts them (``get`` hits and misses, ``put``; its own ``count`` stays 0)."""

    get: _HitMiss = field(default_factory=_HitMiss)
    ttl: _HitMiss = field(default_factory=_HitMiss)
    put: _Count = field(default_factory=_Count)
    delete: _HitMiss = field(default_factory=_HitMiss)
    exists: _HitMiss = field(default_factory=_HitMiss)


@dataclass
class ResponseCachingStatistics:
    """The cache's operations per method (None for a method it has not seen)."""

    list_tools: CollectionStatistics | None = None
    list_resources: CollectionStatistics | None = None
    list_prompts: CollectionStatistics | None = None
    read_resource: CollectionStatistics | None = None
    get_prompt: CollectionStatistics | None = None
    call_tool: CollectionStatistics | None = None


# --- the store ---------------------------------------------------------------------------------

class MemoryStore:
    """ferromcp's in-memory ``AsyncKeyValue``: JSON objects by collection and key, each
    expiring ``ttl`` seconds after it was put (never without one); with
    ``max_entries_per_collection`` the oldest entries of a full collection make room."""

    def __init__(self, *, max_entries_per_collection: int | None = None) -> None:
        self._max = max_entries_per_collection
        self._data: dict[str, OrderedDict[str, tuple[str, float | None]]] = {}

    def _entry(self, key: str, collection: str | None) -> tuple[str, float | None] | None:
        entries = self._data.get(collection or "default_collection")
        if entries is None:
            return None
        entry = entries.get(key)
        if entry is not None and entry[1] is not None and entry[1] <= time.monotonic():
            del entries[key]
            return None
        return entry

    async def get(self, key: str, *, collection: str | None = None) -> dict[str, Any] | None:
        """The value, or None (absent or expired)."""
        entry = self._entry(key, collection)
        return None if entry is None else json.loads(entry[0])  # type: ignore[no-any-return]

    async def ttl(self, key: str, *, collection: str | None = None
                  ) -> tuple[dict[str, Any] | None, float | None]:
        """The value and the seconds it has left."""
        entry = self._entry(key, collection)
        if entry is None:
            return None, None
        left = None if entry[1] is None else max(entry[1] - time.monotonic(), 0.0)
        return json.loads(entry[0]), left

    async def put(self, key: str, value: Mapping[str, Any], *, collection: str | None = None,
                  ttl: SupportsFloat | None = None) -> None:
        """Keeps ``value`` (a copy) for ``ttl`` seconds."""
        entries = self._data.setdefault(collection or "default_collection", OrderedDict())
        expires = None if ttl is None else time.monotonic() + float(ttl)
        entries.pop(key, None)
        entries[key] = (json.dumps(dict(value)), expires)
        if self._max is not None:
            while len(entries) > self._max:
                entries.popitem(last=False)

    async def delete(self, key: str, *, collection: str | None = None) -> bool:
        """Forgets ``key``; whether it was there."""
        present = self._entry(key, collection) is not None
        if present:
            del self._data[collection or "default_collection"][key]
        return present


def _default_store() -> Any:
    try:
        from key_value.aio.stores.memory import MemoryStore as KeyValueMemoryStore
    except Exception:  # noqa: BLE001 - not installed, or not importable here
        return MemoryStore()
    return KeyValueMemoryStore()


class _Limited:
    """The store as the middleware uses it: puts over ``max_size`` bytes of JSON are dropped
    silently, and each collection's operations are counted."""

    def __init__(self, backend: Any, max_size: int) -> None:
        self.backend = backend
        self.max_size = max_size
        self.collections: dict[str, CollectionStatistics] = {}

    def _stats(self, collection: str) -> CollectionStatistics:
        return self.collections.setdefault(collection, CollectionStatistics())

    async def get(self, key: str, collection: str) -> dict[str, Any] | None:
        value = await self.backend.get(key=key, collection=collection)
        self._stats(collection).get.add(value is not None)
        return value  # type: ignore[no-any-return]

    async def put(self, key: str, value: dict[str, Any], collection: str, ttl: float) -> None:
        if len(json.dumps(value, sort_keys=True)) <= self.max_size:
            await self.backend.put(key=key, value=value, collection=collection, ttl=ttl)
        self._stats(collection).put.count += 1


# --- keys ----------------------------------------------------------------------------------------

def _arguments_key(arguments: Any) -> str:
    if arguments is None:
        return "null"
    try:
        return json.dumps(arguments, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                          default=str)
    except TypeError:
        return repr(arguments)


def _hashed(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _auth_key() -> str:
    from ferromcp.fastmcp.server.dependencies import get_access_token

    token = get_access_token()
    return ANONYMOUS_AUTH_KEY if token is None else _hashed(str(token.token))


def _meta_of(message: Any) -> Any:
    if isinstance(message, Mapping):
        return message.get("_meta")
    return getattr(message, "meta", None)


def _version_key(message: Any) -> str:
    meta = _meta_of(message)
    entry = meta.get("fastmcp") if isinstance(meta, Mapping) else None
    version = entry.get("version") if isinstance(entry, Mapping) else None
    if version is None:
        return DEFAULT_VERSION_CACHE_KEY
    return f"__version__:{_arguments_key({'version': version})}"


def _field(message: Any, name: str) -> Any:
    if isinstance(message, Mapping):
        return message.get(name)
    return getattr(message, name, None)


def _continuing(context: MiddlewareContext[Any]) -> bool:
    """Whether the request answers an earlier input-required round: never served from, nor
    kept in, the cache (its key is that of a fresh request)."""
    ctx = context.fastmcp_context
    if ctx is None:
        return False
    return (getattr(ctx, "input_responses", None) is not None
            or getattr(ctx, "request_state", None) is not None)


# --- the middleware ------------------------------------------------------------------------------

_LIST_KINDS = {"tools/list": "Tool", "resources/list": "Resource", "prompts/list": "Prompt"}


class ResponseCachingMiddleware(Middleware):
    """Caches list, call, read and prompt answers (see the module).

    Args:
        cache_storage: the store (an ``AsyncKeyValue``); in memory when None.
        list_tools_settings: ``tools/list`` (5 minutes by default).
        list_resources_settings: ``resources/list`` (5 minutes).
        list_prompts_settings: ``prompts/list`` (5 minutes).
        read_resource_settings: ``resources/read`` (an hour).
        get_prompt_settings: ``prompts/get`` (an hour).
        call_tool_settings: ``tools/call`` (an hour).
        max_item_size: the largest answer kept, in bytes of JSON (1 MB).
    """

    def __init__(self, cache_storage: Any = None,
                 list_tools_settings: ListToolsSettings | None = None,
                 list_resources_settings: ListResourcesSettings | None = None,
                 list_prompts_settings: ListPromptsSettings | None = None,
                 read_resource_settings: ReadResourceSettings | None = None,
                 get_prompt_settings: GetPromptSettings | None = None,
                 call_tool_settings: CallToolSettings | None = None,
                 max_item_size: int = ONE_MB_IN_BYTES) -> None:
        self._backend = cache_storage if cache_storage is not None else _default_store()
        self._store = _Limited(self._backend, max_item_size)
        self._list_tools_settings = list_tools_settings or ListToolsSettings()
        self._list_resources_settings = list_resources_settings or ListResourcesSettings()
        self._list_prompts_settings = list_prompts_settings or ListPromptsSettings()
        self._read_resource_settings = read_resource_settings or ReadResourceSettings()
        self._get_prompt_settings = get_prompt_settings or GetPromptSettings()
        self._call_tool_settings = call_tool_settings or CallToolSettings()

    # --- lists -------------------------------------------------------------------------------

    async def _list(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any],
                    settings: Mapping[str, Any]) -> Any:
        from ferromcp.fastmcp import _components as c
        from ferromcp.fastmcp._middleware import _Listed

        if settings.get("enabled") is False:
            return await call_next(context)
        method = context.method or ""
        make = getattr(c, _LIST_KINDS[method])._from_listing
        key = _auth_key()
        cursor = _field(getattr(context.message, "params", None) or {}, "cursor")
        if cursor is not None:
            # A later page of the core's is a list of its own.
            key = _hashed(f"{key}:{cursor}")
        cached = await self._store.get(key, method)
        if cached is not None:
            return _Listed([make(d) for d in cached.get("items") or ()], cached.get("page") or {})
        items = await call_next(context)
        listed = [item._listing() if hasattr(item, "_listing") else item for item in items]
        page = {k: v for k, v in (getattr(items, "raw", None) or {}).items()
                if k == "nextCursor"}
        await self._store.put(key, {"items": listed, "page": page} if page else
                              {"items": listed}, method,
                              settings.get("ttl", FIVE_MINUTES_IN_SECONDS))
        return items

    async def on_list_tools(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """The tool list, from the cache when it has it."""
        return await self._list(context, call_next,  # type: ignore[no-any-return]
                                self._list_tools_settings)

    async def on_list_resources(self, context: MiddlewareContext[Any],
                                call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """The resource list, from the cache when it has it."""
        return await self._list(context, call_next,  # type: ignore[no-any-return]
                                self._list_resources_settings)

    async def on_list_prompts(self, context: MiddlewareContext[Any],
                              call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """The prompt list, from the cache when it has it."""
        return await self._list(context, call_next,  # type: ignore[no-any-return]
                                self._list_prompts_settings)

    # --- calls, reads, prompts ---------------------------------------------------------------

    def _matches_tool_cache_settings(self, tool_name: str) -> bool:
        included = self._call_tool_settings.get("included_tools")
        if included and tool_name not in included:
            return False
        excluded = self._call_tool_settings.get("excluded_tools")
        return not (excluded and tool_name in excluded)

    async def on_call_tool(self, context: MiddlewareContext[Any],
                           call_next: CallNext[Any, Any]) -> Any:
        """The tool's answer, from the cache when it has it; a failure is not kept."""
        from ferromcp.fastmcp._components import ToolResult

        msg = context.message
        name = str(_field(msg, "name"))
        if (self._call_tool_settings.get("enabled") is False
                or not self._matches_tool_cache_settings(name) or _continuing(context)):
            return await call_next(context)
        key = _hashed(f"{_auth_key()}:{_version_key(msg)}:{name}:"
                      f"{_arguments_key(_field(msg, 'arguments'))}")
        cached = await self._store.get(key, "tools/call")
        if cached:
            return ToolResult._from_wire(cached)
        result = await call_next(context)
        if not isinstance(result, ToolResult) or result.is_error or _asks_for_input(result):
            return result
        wire = result._wire()
        await self._store.put(key, wire, "tools/call",
                              self._call_tool_settings.get("ttl", ONE_HOUR_IN_SECONDS))
        return ToolResult._from_wire(wire)

    async def on_read_resource(self, context: MiddlewareContext[Any],
                               call_next: CallNext[Any, Any]) -> Any:
        """The resource's contents, from the cache when it has them."""
        from ferromcp.fastmcp._components import ResourceResult

        if self._read_resource_settings.get("enabled") is False or _continuing(context):
            return await call_next(context)
        uri = str(_field(context.message, "uri"))
        key = _hashed(f"{_auth_key()}:{_version_key(context.message)}:{uri}")
        cached = await self._store.get(key, "resources/read")
        if cached:
            return ResourceResult._from_wire(cached)
        result = await call_next(context)
        if not isinstance(result, ResourceResult) or _asks_for_input(result):
            return result
        wire = result._wire(uri)
        await self._store.put(key, wire, "resources/read",
                              self._read_resource_settings.get("ttl", ONE_HOUR_IN_SECONDS))
        return ResourceResult._from_wire(wire)

    async def on_get_prompt(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Any:
        """The rendered prompt, from the cache when it has it."""
        from ferromcp.fastmcp._components import PromptResult

        if self._get_prompt_settings.get("enabled") is False or _continuing(context):
            return await call_next(context)
        msg = context.message
        key = _hashed(f"{_auth_key()}:{_version_key(msg)}:{_field(msg, 'name')}:"
                      f"{_arguments_key(_field(msg, 'arguments'))}")
        cached = await self._store.get(key, "prompts/get")
        if cached:
            return PromptResult._from_wire(cached)
        result = await call_next(context)
        if not isinstance(result, PromptResult) or _asks_for_input(result):
            return result
        wire = result._wire()
        await self._store.put(key, wire, "prompts/get",
                              self._get_prompt_settings.get("ttl", ONE_HOUR_IN_SECONDS))
        return PromptResult._from_wire(wire)

    def statistics(self) -> ResponseCachingStatistics:
        """What the cache did, per method."""
        seen = self._store.collections
        return ResponseCachingStatistics(
            list_tools=seen.get("tools/list"), list_resources=seen.get("resources/list"),
            list_prompts=seen.get("prompts/list"), read_resource=seen.get("resources/read"),
            get_prompt=seen.get("prompts/get"), call_tool=seen.get("tools/call"))


def _asks_for_input(result: Any) -> bool:
    """Whether ``result`` asks the client for input (2026-07-28): a question, not an answer."""
    wire = getattr(result, "raw", None)
    return isinstance(wire, Mapping) and wire.get("resultType") == "input_required"
