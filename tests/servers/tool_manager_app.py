"""A decorator-API server that reaches into ``_tool_manager`` the way excel-mcp-server 2.2.2
does: it swaps a tool's ``fn_metadata.arg_model`` for a subclass that answers bad arguments in
its own words, and slims ``parameters`` / ``output_schema`` in place. Written for the official
SDK (imports ``mcp``); the differential test runs it there and under ``python -m ferromcp run``.

DIFF_APP_GENERATION=1 (default): ``mcp.server.fastmcp.FastMCP``; 2: ``MCPServer``.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

if os.environ.get("DIFF_APP_GENERATION", "1") == "1":
    from mcp.server.fastmcp import FastMCP as App
    from mcp.server.fastmcp.exceptions import ToolError
else:
    from mcp.server.mcpserver import MCPServer as App
    from mcp.server.mcpserver.exceptions import ToolError

app = App("tool-manager")


class _Rejected:
    def __init__(self, message: str) -> None:
        self.message = message

    def model_dump_one_level(self) -> dict[str, Any]:
        return {"rejected": self.message}


class _Strict(BaseModel):
    """Unknown fields are errors; a failure is reported in the server's own words."""

    model_config = ConfigDict(extra="forbid")
    tool_name: ClassVar[str]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Any:
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['type']}"
                                 for e in error.errors())
            return _Rejected(f"bad arguments for {cls.tool_name}: {problems}")


def _slim(schema: dict[str, Any]) -> None:
    schema.pop("title", None)
    for sub in schema.get("properties", {}).values():
        _slim(sub)


def _guarded(fn: Any) -> Any:
    def wrapper(**kwargs: Any) -> Any:
        if "rejected" in kwargs:
            raise ToolError(kwargs["rejected"])
        return fn(**kwargs)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__signature__ = __import__("inspect").signature(fn)  # type: ignore[attr-defined]
    return wrapper


def scale(value: float, factor: int = 2) -> dict[str, float]:
    """Multiplies a value."""
    return {"scaled": value * factor}


def label(text: str, upper: bool = False) -> str:
    """Labels a text."""
    return text.upper() if upper else text


def gone(x: int) -> int:
    """Removed again through the tool manager."""
    return x


app.tool()(_guarded(scale))
app.tool()(label)
app.tool()(gone)

tool = app._tool_manager.get_tool("scale")
assert tool is not None and tool.name == "scale" and tool.is_async is False
arguments = tool.fn_metadata.arg_model
tool.fn_metadata.arg_model = type(arguments.__name__, (_Strict, arguments),
                                  {"tool_name": "scale"})
_slim(tool.parameters)
assert tool.output_schema is not None
_slim(tool.output_schema)

# Only the listing changes here; the arguments keep the model the SDK made.
described = app._tool_manager.get_tool("label")
assert described is not None
described.parameters["properties"]["text"]["description"] = "The text to label."
described.description = "Labels a text (described through the tool manager)."

app._tool_manager.remove_tool("gone")
assert app._tool_manager.get_tool("gone") is None
assert [t.name for t in app._tool_manager.list_tools()] == ["scale", "label"]

if __name__ == "__main__":
    app.run()
