"""``ResourceTemplate``: resources made on demand from a URI template and a function
(``mcp.server.fastmcp.resources.templates``)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

from ferromcp.server.fastmcp.resources.types import FunctionResource, Resource
from ferromcp.server.fastmcp.utilities.context_injection import (
    find_context_parameter,
    inject_context,
)
from ferromcp.server.fastmcp.utilities.func_metadata import func_metadata
from ferromcp.types import Annotations, Icon

__all__ = ["ResourceTemplate", "FunctionResource", "Resource", "Annotations", "Icon",
           "find_context_parameter", "inject_context", "func_metadata"]


class ResourceTemplate:
    """A URI template (``weather://{city}/current``) and the function that makes the resource
    for a matching URI; ``parameters`` is the function's input JSON Schema."""

    def __init__(self, *, uri_template: str, name: str, fn: Callable[..., Any],
                 parameters: dict[str, Any], description: str | None = None,
                 title: str | None = None, mime_type: str = "text/plain",
                 icons: list[Icon] | None = None, annotations: Annotations | None = None,
                 meta: dict[str, Any] | None = None, context_kwarg: str | None = None,
                 fn_metadata: Any = None) -> None:
        self.uri_template = uri_template
        self.name = name
        self.title = title
        self.description = description
        self.mime_type = mime_type
        self.icons = icons
        self.annotations = annotations
        self.meta = meta
        self.fn = fn
        self.parameters = parameters
        self.context_kwarg = context_kwarg
        self._fn_metadata = fn_metadata

    @classmethod
    def from_function(cls, fn: Callable[..., Any], uri_template: str, name: str | None = None,
                      title: str | None = None, description: str | None = None,
                      mime_type: str | None = None, icons: list[Icon] | None = None,
                      annotations: Annotations | None = None,
                      meta: dict[str, Any] | None = None,
                      context_kwarg: str | None = None) -> ResourceTemplate:
        """A template whose resources come from ``fn(**parameters)``.

        Raises:
            ValueError: ``fn`` is a lambda and no ``name`` is given.
        """
        from ferromcp import _schema

        func_name = name or fn.__name__
        if func_name == "<lambda>":
            raise ValueError("You must provide a name for lambda functions")
        if context_kwarg is None:
            context_kwarg = find_context_parameter(fn)
        fs = _schema.inspect_function(
            fn, skip_names=[context_kwarg] if context_kwarg is not None else [])
        return cls(uri_template=uri_template, name=func_name, title=title,
                   description=description or fn.__doc__ or "",
                   mime_type=mime_type or "text/plain", icons=icons, annotations=annotations,
                   meta=meta, fn=fn, parameters=fs.input_schema,
                   context_kwarg=context_kwarg or fs.context_param, fn_metadata=fs)

    def matches(self, uri: str) -> dict[str, Any] | None:
        """The template's parameters taken from ``uri`` (each ``{name}`` matches one path
        segment), or None when it does not match."""
        pattern = "".join(
            f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", self.uri_template) if part)
        match = re.fullmatch(pattern, str(uri))
        return match.groupdict() if match else None

    async def create_resource(self, uri: str, params: dict[str, Any], context: Any = None
                              ) -> Resource:
        """The resource for ``uri``: the function's result for ``params`` (converted to the
        annotated types).

        Raises:
            ValueError: the parameters do not fit, or the function raised.
        """
        try:
            args = (self._fn_metadata.convert_arguments(params)
                    if self._fn_metadata is not None else dict(params))
            result = self.fn(**inject_context(self.fn, args, context, self.context_kwarg))
            if inspect.isawaitable(result):
                result = await result
            return FunctionResource(uri=uri, name=self.name, title=self.title,
                                    description=self.description, mime_type=self.mime_type,
                                    icons=self.icons, annotations=self.annotations,
                                    meta=self.meta, fn=lambda: result)
        except Exception as exc:
            raise ValueError(f"Error creating resource from template: {exc}") from exc

    def __repr__(self) -> str:
        return f"ResourceTemplate(uri_template={self.uri_template!r}, name={self.name!r})"
