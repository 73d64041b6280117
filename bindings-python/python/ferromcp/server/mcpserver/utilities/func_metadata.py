"""``func_metadata`` as ``mcp`` 2.x spells it (``mcp.server.mcpserver.utilities.func_metadata``):
the same signature object as the 1.x module, with 2.x output rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ferromcp._schema import Audio, FunctionSchema, Image, InvalidSignature, inspect_function
from ferromcp.server.fastmcp.utilities import func_metadata as _v1
from ferromcp.server.fastmcp.utilities.logging import get_logger
from ferromcp.shared.exceptions import MCPDeprecationWarning
from ferromcp.types import CallToolResult, InputRequiredResult, TextContent

__all__ = ["func_metadata", "FuncMetadata", "InvalidSignature", "Audio", "Image", "CallToolResult",
           "TextContent", "InputRequiredResult", "MCPDeprecationWarning", "get_logger"]

FuncMetadata = FunctionSchema


def func_metadata(func: Callable[..., Any], skip_names: Sequence[str] = (),
                  structured_output: bool | None = None) -> FunctionSchema:
    """The tool signature of ``func``, by the rules of ``MCPServer`` (TypedDict returns as they
    are, no output schema for content-block returns). See the 1.x module."""
    return inspect_function(func, structured_output=structured_output, generation=2,
                            skip_names=skip_names)


def __getattr__(name: str) -> Any:
    return _v1.__getattr__(name)
