"""``create_call_wrapper``: how a 1.x list handler wants its request (``mcp.server.lowlevel``).

A ``@server.list_tools()`` handler may be written ``async def f()`` (the older style) or take the
request: ``async def f(request: ListToolsRequest)``, positionally or by keyword. The wrapper
returned here calls the handler whichever way it was written.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["create_call_wrapper"]

R = TypeVar("R")


def create_call_wrapper(func: Callable[..., R], request_type: type[Any]) -> Callable[[Any], R]:
    """A one-argument callable that calls ``func`` with the request when ``func`` has a
    parameter annotated ``request_type`` without a default (positional-only parameters first,
    then named ones, passed by name), and with no arguments otherwise."""
    try:
        params = inspect.signature(func).parameters.values()
        hints = typing.get_type_hints(func)
    except (TypeError, ValueError, NameError):
        return lambda _request: func()
    positional = [p for p in params if p.kind is inspect.Parameter.POSITIONAL_ONLY]
    named = [p for p in params if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                             inspect.Parameter.KEYWORD_ONLY)]
    for group, by_name in ((positional, False), (named, True)):
        for p in group:
            if hints.get(p.name) != request_type:
                continue
            if p.default is not inspect.Parameter.empty:
                return lambda _request: func()
            if by_name:
                return lambda request, _name=p.name: func(**{_name: request})
            return lambda request: func(request)
    return lambda _request: func()
