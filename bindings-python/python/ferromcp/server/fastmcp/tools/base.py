"""``Tool``: a function with the schemas derived from its signature
(``mcp.server.fastmcp.tools.base``), usable on its own or through ``ToolManager``."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from ferromcp import types as t
from ferromcp.server._highlevel import ToolError
from ferromcp.server.fastmcp.utilities.context_injection import find_context_parameter
from ferromcp.server.fastmcp.utilities.func_metadata import FuncMetadata, func_metadata
from ferromcp.shared.exceptions import UrlElicitationRequiredError
from ferromcp.types import Icon, ToolAnnotations

__all__ = ["Tool", "ToolError", "Icon", "ToolAnnotations", "UrlElicitationRequiredError",
           "find_context_parameter", "validate_and_warn_tool_name", "is_async_callable",
           "FuncMetadata", "func_metadata"]


def validate_and_warn_tool_name(name: str) -> bool:
    """Whether ``name`` follows SEP-986 (1-128 of ``A-Za-z0-9_-.``); logs a warning if not, as
    the official SDK does (the tool is registered either way)."""
    import logging
    import re

    ok = re.fullmatch(r"[A-Za-z0-9_.\-]{1,128}", name) is not None
    if not ok:
        logging.getLogger(__name__).warning(
            "Tool name %r does not follow SEP-986 (1-128 characters of A-Z, a-z, 0-9, _, -, .)",
            name)
    return ok


def is_async_callable(fn: Any) -> bool:
    """Whether calling ``fn`` returns a coroutine (an ``async def``, a partial of one, or an
    object whose ``__call__`` is one)."""
    while isinstance(fn, functools.partial):
        fn = fn.func
    call = next((c.__dict__["__call__"] for c in type(fn).__mro__ if "__call__" in c.__dict__),
                None)
    return inspect.iscoroutinefunction(fn) or inspect.iscoroutinefunction(call)


class Tool:
    """A registered tool: the function, its name and description, and ``parameters`` (the input
    JSON Schema, as the server advertises it).

    Build one with :meth:`from_function`; :meth:`run` calls the function with JSON arguments,
    converted the way the server converts them.
    """

    _generation = 1

    def __init__(self, *, fn: Callable[..., Any], name: str, description: str,
                 parameters: dict[str, Any], is_async: bool, title: str | None = None,
                 context_kwarg: str | None = None, annotations: ToolAnnotations | None = None,
                 icons: list[Icon] | None = None, meta: dict[str, Any] | None = None,
                 fn_metadata: Any = None, **_: Any) -> None:
        self.fn = fn
        self.name = name
        self.title = title
        self.description = description
        self.parameters = parameters
        self.fn_metadata = fn_metadata
        self.is_async = is_async
        self.context_kwarg = context_kwarg
        self.annotations = annotations
        self.icons = icons
        self.meta = meta

    @property
    def output_schema(self) -> dict[str, Any] | None:
        """The ``outputSchema`` (None without structured output): ``fn_metadata.output_schema``,
        so a change to either is the other's."""
        return self.fn_metadata.output_schema if self.fn_metadata is not None else None

    @output_schema.setter
    def output_schema(self, schema: dict[str, Any] | None) -> None:
        self.fn_metadata.output_schema = schema

    @classmethod
    def from_function(cls, fn: Callable[..., Any], name: str | None = None,
                      title: str | None = None, description: str | None = None,
                      context_kwarg: str | None = None,
                      annotations: ToolAnnotations | None = None,
                      icons: list[Icon] | None = None, meta: dict[str, Any] | None = None,
                      structured_output: bool | None = None, **_: Any) -> Tool:
        """A tool for ``fn``; its schemas come from the signature, as ``@mcp.tool()`` derives them.

        Raises:
            ValueError: ``fn`` is a lambda and no ``name`` is given.
            ferromcp.server.fastmcp.exceptions.InvalidSignature: the signature cannot be used.
        """
        from ferromcp import _schema

        func_name = name or fn.__name__
        validate_and_warn_tool_name(func_name)
        if func_name == "<lambda>":
            raise ValueError("You must provide a name for lambda functions")
        if context_kwarg is None:
            context_kwarg = find_context_parameter(fn)
        fs = _schema.inspect_function(
            fn, name=func_name, structured_output=structured_output,
            generation=cls._generation,
            skip_names=[context_kwarg] if context_kwarg is not None else [])
        return cls(fn=fn, name=func_name, title=title,
                   description=description or fn.__doc__ or "", parameters=fs.input_schema,
                   fn_metadata=fs, is_async=is_async_callable(fn),
                   context_kwarg=context_kwarg or fs.context_param, annotations=annotations,
                   icons=icons, meta=meta)

    def to_mcp_tool(self) -> t.Tool:
        """The ``tools/list`` entry for this tool."""
        return t.Tool(name=self.name, title=self.title, description=self.description,
                      inputSchema=self.parameters, outputSchema=self.output_schema,
                      annotations=self.annotations, icons=self.icons, _meta=self.meta)

    async def run(self, arguments: dict[str, Any], context: Any = None,
                  convert_result: bool = False) -> Any:
        """Calls the function with ``arguments`` (JSON values, converted to the annotated types).

        With ``convert_result`` the return value becomes what ``tools/call`` sends: a list of
        content blocks, or ``(content, structured)`` when the tool has an output schema (a
        returned ``CallToolResult`` stays as it is).

        Raises:
            ToolError: the arguments do not fit, or the function raised.
            UrlElicitationRequiredError: raised by the function, passed on.
        """
        try:
            kwargs = self.fn_metadata.convert_arguments(arguments)
            if self.context_kwarg is not None:
                kwargs[self.context_kwarg] = context
            result = self.fn(**kwargs)
            if inspect.isawaitable(result):
                result = await result
            if convert_result:
                result = self._convert(result)
            return result
        except UrlElicitationRequiredError:
            raise
        except Exception as exc:
            raise ToolError(f"Error executing tool {self.name}: {exc}") from exc

    def _convert(self, result: Any) -> Any:
        if self.fn_metadata.is_passthrough(result):
            return result
        content, structured = self.fn_metadata.serialize_result(result)
        blocks = t.CallToolResult(content=list(content)).content
        return blocks if self.output_schema is None else (blocks, structured)

    def __repr__(self) -> str:
        return f"Tool(name={self.name!r}, description={self.description!r})"
