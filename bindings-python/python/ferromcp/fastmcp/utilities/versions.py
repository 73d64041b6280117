"""fastmcp's component versions (``fastmcp.utilities.versions``): ``VersionSpec`` for
``mcp.enable(version=...)`` / ``mcp.disable(version=...)``, and the ordering helpers.

Versions are ordered by the core (``ferromcp_core::versions``), the same order it serves them
in: PEP 440 after a leading ``v`` is dropped (``"1"`` equals ``"1.0"``), other text after every
PEP 440 version, unversioned lowest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import total_ordering
from typing import Any, TypeVar

from ferromcp import _core

__all__ = ["VersionKey", "VersionSpec", "compare_versions", "dedupe_with_versions",
           "is_version_greater", "max_version", "min_version", "parse_version_key",
           "version_sort_key"]

C = TypeVar("C")


@total_ordering
class VersionKey:
    """A comparable version (``None``: unversioned, lowest)."""

    __slots__ = ("_raw",)

    def __init__(self, version: str | None) -> None:
        self._raw = version

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VersionKey):
            return NotImplemented
        return _core.compare_versions(self._raw, other._raw, spelling=False) == 0

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, VersionKey):
            return NotImplemented
        return _core.compare_versions(self._raw, other._raw, spelling=False) < 0

    def __repr__(self) -> str:
        return f"VersionKey({self._raw!r})"


def parse_version_key(version: str | None) -> VersionKey:
    """``version`` as a sortable key."""
    return VersionKey(version)


def version_sort_key(component: Any) -> tuple[VersionKey, str]:
    """The order a component's versions are chosen in (``max(..., key=version_sort_key)`` is
    the one served by default); spellings of one version are ordered by their text."""
    return (VersionKey(component.version), component.version or "")


def compare_versions(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 as ``a`` is lower than, the same as or higher than ``b``."""
    return _core.compare_versions(a, b, spelling=False)


def is_version_greater(a: str | None, b: str | None) -> bool:
    return compare_versions(a, b) > 0


def max_version(a: str | None, b: str | None) -> str | None:
    """The higher of two versions (``None`` when both are)."""
    if a is None or b is None:
        return b if a is None else a
    return a if compare_versions(a, b) >= 0 else b


def min_version(a: str | None, b: str | None) -> str | None:
    """The lower of two versions (``None`` when both are)."""
    if a is None or b is None:
        return b if a is None else a
    return a if compare_versions(a, b) <= 0 else b


@dataclass
class VersionSpec:
    """Which versions a rule or lookup means: ``eq`` one version (any spelling of it), else
    those ``>= gte`` and ``< lt``. Unversioned components match unless ``match_none=False``."""

    gte: str | None = None
    lt: str | None = None
    eq: str | None = None

    def matches(self, version: str | None, *, match_none: bool = True) -> bool:
        if version is None:
            return match_none
        if self.eq is not None:
            return compare_versions(version, self.eq) == 0
        if self.gte is not None and compare_versions(version, self.gte) < 0:
            return False
        return self.lt is None or compare_versions(version, self.lt) < 0

    def intersect(self, other: VersionSpec | None) -> VersionSpec:
        """A spec matching only what both match."""
        if other is None:
            return self
        for exact, ranged in ((self, other), (other, self)):
            if exact.eq is not None:
                return exact if ranged.matches(exact.eq) else VersionSpec(eq="__impossible__")
        return VersionSpec(gte=max_version(self.gte, other.gte),
                           lt=min_version(self.lt, other.lt))


def dedupe_with_versions(components: Sequence[C], key_fn: Callable[[C], str]) -> list[C]:
    """One component per key, the highest version, with every version at
    ``meta["fastmcp"]["versions"]`` (highest first) when any is versioned."""
    groups: dict[str, list[Any]] = {}
    for c in components:
        groups.setdefault(key_fn(c), []).append(c)
    out: list[Any] = []
    for group in groups.values():
        highest = max(group, key=version_sort_key)
        versions = sorted((c.version for c in group if c.version is not None),
                          key=lambda v: (VersionKey(v), v), reverse=True)
        if versions:
            meta = dict(getattr(highest, "meta", None) or {})
            meta["fastmcp"] = {**meta.get("fastmcp", {}), "versions": versions}
            copy = getattr(highest, "model_copy", None)
            highest = copy(update={"meta": meta}) if copy is not None else highest
        out.append(highest)
    return out
