"""``Tool`` as mcp 2.x has it (``mcp.server.mcpserver.tools.base``): 2.x schema rules, and a
failing call raises ``ToolError`` for expected failures, ``UnexpectedToolError`` (text masked)
for crashes, and passes ``MCPError`` on."""

from __future__ import annotations

import inspect
from typing import Any

from ferromcp._schema import ArgumentError, InvalidSignature
from ferromcp.server._highlevel import ResourceError, ToolError, UnexpectedToolError
from ferromcp.server.fastmcp.tools import base as _v1
from ferromcp.server.fastmcp.utilities.context_injection import find_context_parameter
from ferromcp.server.mcpserver.exceptions import UnexpectedResourceError
from ferromcp.server.mcpserver.resolve import (
    build_resolver_plans,
    find_resolved_parameters,
    resolve_arguments,
    returns_input_required,
)
from ferromcp.server.mcpserver.utilities.func_metadata import FuncMetadata, func_metadata
from ferromcp.shared.exceptions import MCPError
from ferromcp.types import Icon, InputRequiredResult, ToolAnnotations

__all__ = ["Tool", "ToolError", "UnexpectedToolError", "ResourceError", "UnexpectedResourceError",
           "InvalidSignature", "MCPError", "InputRequiredResult", "Icon", "ToolAnnotations",
           "find_context_parameter", "validate_and_warn_tool_name", "is_async_callable",
           "FuncMetadata", "func_metadata", "build_resolver_plans", "find_resolved_parameters",
           "resolve_arguments", "returns_input_required"]

validate_and_warn_tool_name = _v1.validate_and_warn_tool_name
is_async_callable = _v1.is_async_callable


class Tool(_v1.Tool):
    """A registered tool (mcp 2.x rules). See :class:`ferromcp.server.fastmcp.tools.Tool`.

    ``resolved_params`` are the parameters its resolvers fill (``Annotated[T, Resolve(fn)]``,
    left out of ``parameters``), ``resolver_plans`` those resolvers, analysed once.
    """

    _generation = 2

    def __init__(self, *, resolved_params: dict[str, Any] | None = None,
                 resolver_plans: dict[Any, Any] | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.resolved_params = dict(resolved_params or {})
        self.resolver_plans = dict(resolver_plans or {})

    @classmethod
    def from_function(cls, fn: Any, name: str | None = None, title: str | None = None,
                      description: str | None = None, context_kwarg: str | None = None,
                      annotations: ToolAnnotations | None = None,
                      icons: list[Icon] | None = None, meta: dict[str, Any] | None = None,
                      structured_output: bool | None = None, **_: Any) -> Tool:
        """A tool for ``fn``, as ``@mcp.tool()`` derives it; resolved parameters are left out of
        its schema.

        Raises:
            ValueError: ``fn`` is a lambda and no ``name`` is given.
            InvalidSignature: the signature cannot be used, or a resolver cannot be planned.
        """
        from ferromcp import _schema

        func_name = name or fn.__name__
        validate_and_warn_tool_name(func_name)
        if func_name == "<lambda>":
            raise ValueError("You must provide a name for lambda functions")
        if context_kwarg is None:
            context_kwarg = find_context_parameter(fn)
        resolved = find_resolved_parameters(fn)
        if resolved and returns_input_required(fn):
            raise InvalidSignature(
                f"Tool {func_name!r} combines Resolve(...) parameters with an "
                "InputRequiredResult return; a call has one input_required channel, so the "
                "multi-round flow is driven either by resolvers or by the tool body, not both")
        skip = [context_kwarg] if context_kwarg is not None else []
        fs = _schema.inspect_function(fn, name=func_name, structured_output=structured_output,
                                      generation=2, skip_names=[*skip, *resolved])
        return cls(fn=fn, name=func_name, title=title,
                   description=description or fn.__doc__ or "", parameters=fs.input_schema,
                   fn_metadata=fs, is_async=is_async_callable(fn),
                   context_kwarg=context_kwarg or fs.context_param, annotations=annotations,
                   icons=icons, meta=meta, resolved_params=resolved,
                   resolver_plans=build_resolver_plans(resolved, set(fs.parameters)))

    async def run(self, arguments: dict[str, Any], context: Any = None,
                  convert_result: bool = False) -> Any:
        """Calls the function with ``arguments`` (converted to the annotated types), after its
        resolvers filled the resolved parameters; while they wait for the client (2026-07-28)
        the ``InputRequiredResult`` asking it is returned instead.

        Raises:
            ToolError: the arguments do not fit, or the function or a resolver raised
                ``ToolError`` or ``ResourceError`` (its text is kept).
            UnexpectedToolError: the function or a resolver raised anything else (its text is
                not shown).
            MCPError: raised by the function or a resolver, passed on.
        """
        try:
            kwargs = self.fn_metadata.convert_arguments(arguments)
        except ArgumentError as exc:
            raise ToolError(f"Error executing tool {self.name}: {exc}") from exc
        try:
            if self.context_kwarg is not None:
                kwargs[self.context_kwarg] = context
            if self.resolved_params:
                defaults = {p.name: p.default
                            for p in inspect.signature(self.fn).parameters.values()
                            if p.name in self.fn_metadata.parameters
                            and p.default is not p.empty}
                resolved = await resolve_arguments(self.resolved_params, self.resolver_plans,
                                                   {**defaults, **kwargs}, context)
                if isinstance(resolved, InputRequiredResult):
                    return resolved
                kwargs.update(resolved)
            result = self.fn(**kwargs)
            if inspect.isawaitable(result):
                result = await result
            return self._convert(result) if convert_result else result
        except MCPError:
            raise
        except (ToolError, ResourceError) as exc:
            raise ToolError(f"Error executing tool {self.name}: {exc}") from exc
        except Exception as exc:
            raise UnexpectedToolError(f"Error executing tool {self.name}") from exc


def __getattr__(name: str) -> Any:
    # Checks a tool's input schema for `x-mcp-header` declarations the 2.x HTTP transport
    # would refuse; a pure function of the schema, the official package's own.
    if name == "find_invalid_x_mcp_header":
        from ferromcp import _official

        return _official.attribute(name, "mcp.shared.inbound")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
