"""``fastmcp.server.middleware.response_limiting``: ``ResponseLimitingMiddleware`` caps the size
of tool answers. An answer whose JSON (as fastmcp measures it) is over ``max_size`` bytes is
replaced by one text block: its texts joined by blank lines (or the whole JSON when it has
none), cut at a UTF-8 boundary to fit, and ``truncation_suffix``; its ``_meta`` and ``isError``
are kept. Limited tools are listed without an ``outputSchema``, since a cut answer no longer
matches it."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from ferromcp.fastmcp._components import ToolResult
from ferromcp.fastmcp._middleware import CallNext, Middleware, MiddlewareContext

__all__ = ["ResponseLimitingMiddleware"]

logger = logging.getLogger("fastmcp.server.middleware.response_limiting")

#: What fastmcp allows for the JSON around the text of a cut answer.
_WRAPPER = 50


def _measured(result: ToolResult) -> bytes:
    """The answer's JSON as fastmcp sizes it: its model's fields, each block with its
    ``annotations`` and ``_meta`` (null when absent)."""
    wire = result._wire()
    blocks = [{**b, "annotations": b.get("annotations"), "_meta": b.get("_meta")}
              for b in wire["content"]]
    doc = {"content": blocks, "structured_content": wire.get("structuredContent"),
           "meta": wire.get("_meta"), "is_error": bool(wire.get("isError"))}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


class ResponseLimitingMiddleware(Middleware):
    """Caps tool answers at ``max_size`` bytes (default 1 000 000), for the ``tools`` named
    (all when None)."""

    def __init__(self, *, max_size: int = 1_000_000,
                 truncation_suffix: str = "\n\n[Response truncated due to size limit]",
                 tools: list[str] | None = None) -> None:
        if max_size <= 0:
            raise ValueError(f"max_size must be positive, got {max_size}")
        self.max_size = max_size
        self.truncation_suffix = truncation_suffix
        self.tools = set(tools) if tools is not None else None

    def _limits_tool(self, name: str) -> bool:
        return self.tools is None or name in self.tools

    def _truncate_to_result(self, text: str, meta: dict[str, Any] | None = None,
                            is_error: bool = False) -> ToolResult:
        room = self.max_size - len(self.truncation_suffix.encode()) - _WRAPPER
        if room <= 0:
            cut = self.truncation_suffix
        else:
            data = text.encode()
            kept = text if len(data) <= room else data[:room].decode(errors="ignore")
            cut = kept + self.truncation_suffix
        return ToolResult(content=[{"type": "text", "text": cut}], meta=meta,
                          is_error=is_error)

    async def on_list_tools(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Sequence[Any]:
        tools = await call_next(context)
        listed = [tool.model_copy(update={"output_schema": None})
                  if self._limits_tool(tool.name) and tool.output_schema is not None else tool
                  for tool in tools]
        raw = getattr(tools, "raw", None)
        if raw is not None:
            from ferromcp.fastmcp._middleware import _Listed

            return _Listed(listed, raw)
        return listed

    async def on_call_tool(self, context: MiddlewareContext[Any],
                           call_next: CallNext[Any, Any]) -> Any:
        result = await call_next(context)
        if not isinstance(result, ToolResult) or not self._limits_tool(context.message.name):
            return result
        measured = _measured(result)
        if len(measured) <= self.max_size:
            return result
        logger.warning("Tool %r response exceeds size limit: %d bytes > %d bytes, truncating",
                       context.message.name, len(measured), self.max_size)
        texts = [getattr(b, "text", None) for b in result.content
                 if getattr(b, "type", None) == "text"]
        text = "\n\n".join(t for t in texts if t is not None) if texts \
            else measured.decode(errors="replace")
        return self._truncate_to_result(text, meta=result.meta, is_error=result.is_error)
