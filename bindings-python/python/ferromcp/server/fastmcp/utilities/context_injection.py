"""Finding and filling a function's ``Context`` parameter
(``mcp.server.fastmcp.utilities.context_injection``)."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Any

__all__ = ["find_context_parameter", "inject_context"]


def _is_context_class(value: Any) -> bool:
    if not inspect.isclass(value):
        return False
    from ferromcp.server._highlevel import Context

    return issubclass(value, Context) or any(
        c.__name__ == "Context" and c.__module__.split(".")[0] in ("mcp", "fastmcp")
        for c in value.__mro__)


def find_context_parameter(fn: Callable[..., Any]) -> str | None:
    """The name of the parameter annotated with ``Context`` (or ``Context | None``,
    ``Context[...]``), or None."""
    try:
        hints = typing.get_type_hints(fn)
    except Exception:  # noqa: BLE001 - unresolvable hints: no context parameter to find
        return None
    for name, annotation in hints.items():
        if _is_context_class(annotation) or _is_context_class(typing.get_origin(annotation)):
            return name
        if any(_is_context_class(a) or _is_context_class(typing.get_origin(a))
               for a in typing.get_args(annotation)):
            return name
    return None


def inject_context(fn: Callable[..., Any], kwargs: dict[str, Any], context: Any | None,
                   context_kwarg: str | None) -> dict[str, Any]:
    """``kwargs`` with ``context`` added under ``context_kwarg`` (when both are given)."""
    if context_kwarg is not None and context is not None:
        return {**kwargs, context_kwarg: context}
    return kwargs
