"""Cache hints for the results a 2026-07-28 client may keep (``mcp.server.caching``).

``MCPServer(cache_hints={"tools/list": CacheHint(ttl_ms=60_000, scope="public")})``: ferromcp's
core writes ``ttlMs`` and ``cacheScope`` on every cacheable result of a sessionless request —
the hint's values where the handler set none, ``0`` and ``"private"`` without a hint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

__all__ = ["CACHEABLE_METHODS", "CacheHint", "CacheableMethod", "apply_cache_hint",
           "validate_cache_hints"]

CacheableMethod: TypeAlias = Literal["server/discover", "tools/list", "resources/list",
                                     "resources/templates/list", "prompts/list", "resources/read"]
#: The methods whose results carry ``ttlMs``/``cacheScope``.
CACHEABLE_METHODS: frozenset[str] = frozenset(
    ("server/discover", "tools/list", "resources/list", "resources/templates/list",
     "prompts/list", "resources/read"))


@dataclass(frozen=True, slots=True)
class CacheHint:
    """How long a client may keep a method's results (``ttl_ms``, milliseconds) and whether
    caches shared between users may keep them (``scope``)."""

    ttl_ms: int = 0
    scope: Literal["public", "private"] = "private"

    def __post_init__(self) -> None:
        if self.ttl_ms < 0:
            raise ValueError(f"ttl_ms must be >= 0, got {self.ttl_ms}")
        if self.scope not in ("public", "private"):
            raise ValueError(f"scope must be 'public' or 'private', got {self.scope!r}")


def apply_cache_hint(result: Any, hint: CacheHint) -> Any:
    """``result`` with the hint's values for the fields it does not set itself."""
    update: dict[str, Any] = {}
    if getattr(result, "ttlMs", None) is None and getattr(result, "ttl_ms", None) is None:
        update["ttl_ms"] = hint.ttl_ms
    if getattr(result, "cacheScope", None) is None and getattr(result, "cache_scope", None) is None:
        update["cache_scope"] = hint.scope
    if not update:
        return result
    return result.model_copy(update=update)


def validate_cache_hints(cache_hints: Mapping[Any, Any] | None) -> dict[str, CacheHint]:
    """The hints as a plain dict; ``ValueError`` for a method whose results are not cacheable,
    ``TypeError`` for a value that is not a :class:`CacheHint`."""
    if cache_hints is None:
        return {}
    unknown = sorted(repr(m) for m in cache_hints if m not in CACHEABLE_METHODS)
    if unknown:
        raise ValueError("cache_hints keys must be cacheable methods (see CacheableMethod); "
                         f"got: {', '.join(unknown)}")
    out: dict[str, CacheHint] = {}
    for method, hint in cache_hints.items():
        if not isinstance(hint, CacheHint):
            raise TypeError(f"cache_hints[{method!r}] must be a CacheHint, "
                            f"got {type(hint).__name__}")
        out[method] = hint
    return out


def core_cache_hints(cache_hints: Mapping[str, CacheHint] | None) -> dict[str, Any]:
    """The hints as the core takes them."""
    return {m: {"ttlMs": h.ttl_ms, "scope": h.scope}
            for m, h in validate_cache_hints(cache_hints).items()}
