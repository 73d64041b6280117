"""``fastmcp.server.middleware.dereference``: ``DereferenceRefsMiddleware`` writes the
``$defs`` of listed tool schemas in place of the ``$ref``s to them, for clients that do not
follow ``$ref`` (what ``FastMCP(dereference_schemas=True)`` does for every listing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["DereferenceRefsMiddleware"]


def _has_ref(schema: Any) -> bool:
    if isinstance(schema, list):
        return any(_has_ref(s) for s in schema)
    if not isinstance(schema, dict):
        return False
    return "$ref" in schema or any(_has_ref(v) for v in schema.values())


def _needs(schema: Any) -> bool:
    return isinstance(schema, dict) and ("$defs" in schema or _has_ref(schema))


class DereferenceRefsMiddleware(Middleware):
    """Inlines ``$ref`` definitions in listed tool schemas (and resource templates'
    ``parameters``), so that each is self-contained."""

    async def on_list_tools(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Sequence[Any]]) -> Sequence[Any]:
        from ferromcp._fastmcp import _dereferenced

        tools = await call_next(context)
        out = []
        for tool in tools:
            updates = {attr: _dereferenced(getattr(tool, attr)) for attr in
                       ("parameters", "output_schema") if _needs(getattr(tool, attr, None))}
            out.append(tool.model_copy(update=updates) if updates else tool)
        return _same_page(tools, out)

    async def on_list_resource_templates(self, context: MiddlewareContext[Any],
                                         call_next: CallNext[Any, Sequence[Any]]
                                         ) -> Sequence[Any]:
        from ferromcp._fastmcp import _dereferenced

        templates = await call_next(context)
        out = [t.model_copy(update={"parameters": _dereferenced(t.parameters)})
               if _needs(getattr(t, "parameters", None)) else t for t in templates]
        return _same_page(templates, out)


def _same_page(given: Sequence[Any], items: list[Any]) -> Sequence[Any]:
    """``items`` keeping the page fields (``nextCursor``) of the list they replace."""
    raw = getattr(given, "raw", None)
    if raw is None:
        return items
    from ferromcp.fastmcp._middleware import _Listed

    return _Listed(items, raw)
