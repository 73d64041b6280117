"""``func_metadata``: a function's tool signature (``mcp.server.fastmcp.utilities.func_metadata``).

ferromcp derives a tool's schemas and argument converters without pydantic on the request path
(:mod:`ferromcp._schema`); ``func_metadata(fn)`` returns that same object, which is what a tool's
``fn_metadata`` holds. It offers the official ``FuncMetadata`` surface: ``arg_model`` (the
pydantic model, built on first use), ``output_schema``, ``wrap_output``, ``pre_parse_json``,
``call_fn_with_arg_validation`` and ``convert_result``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from ferromcp._schema import Audio, FunctionSchema, Image, InvalidSignature, inspect_function
from ferromcp.server.fastmcp.utilities.logging import get_logger
from ferromcp.types import CallToolResult, TextContent

__all__ = ["func_metadata", "FuncMetadata", "InvalidSignature", "Audio", "Image", "CallToolResult",
           "TextContent", "get_logger"]

#: A function's tool signature: what :func:`func_metadata` returns.
FuncMetadata = FunctionSchema

_GENERATION = 1


def func_metadata(func: Callable[..., Any], skip_names: Sequence[str] = (),
                  structured_output: bool | None = None) -> FunctionSchema:
    """The tool signature of ``func``: its input schema and argument converters, and its output
    schema (derived from the return annotation unless ``structured_output`` is False).

    Args:
        func: the function (sync or async).
        skip_names: parameters the caller fills itself, left out of the arguments.
        structured_output: None derives it from the return annotation; True requires it.

    Raises:
        InvalidSignature: the signature cannot be used.
    """
    return inspect_function(func, structured_output=structured_output,
                            generation=_GENERATION, skip_names=skip_names)


@functools.cache
def _strict_json_schema() -> type:
    from pydantic.json_schema import GenerateJsonSchema

    class StrictJsonSchema(GenerateJsonSchema):
        """A pydantic JSON Schema generator that raises ValueError where pydantic would only
        warn (a type it cannot describe)."""

        def emit_warning(self, kind: Any, detail: str) -> None:
            raise ValueError(f"JSON schema warning: {kind} - {detail}")

    return StrictJsonSchema


def __getattr__(name: str) -> Any:
    # Both need pydantic, which ferromcp loads only when asked.
    if name == "ArgModelBase":
        from ferromcp._schema import arg_model_base

        return arg_model_base()
    if name == "StrictJsonSchema":
        return _strict_json_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
