"""``fastmcp.server.middleware.tool_injection``: ``ToolInjectionMiddleware``, tools a server
serves because a middleware brings them, and fastmcp 2/3's ``PromptToolMiddleware`` and
``ResourceToolMiddleware`` built on it.

As in fastmcp 4, the server itself serves the injected tools: ``tools/list`` lists them ahead of
its own, and ``tools/call`` finds them by name, so every middleware of the chain (wherever the
injecting one sits) and the core's argument checks apply to them as to registered tools. An
injected tool takes the place of a registered tool of the same name; when several injecting
middleware bring one name, the one added first wins. ferromcp registers them with the core when
the server next handles a message (see :func:`ferromcp.fastmcp._middleware.sync_injected`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from ferromcp.fastmcp._middleware import Middleware
from ferromcp.server._highlevel import Context

__all__ = ["ToolInjectionMiddleware", "PromptToolMiddleware", "ResourceToolMiddleware",
           "list_prompts", "get_prompt", "list_resources", "read_resource"]

logger = logging.getLogger("fastmcp.server.middleware.tool_injection")


class ToolInjectionMiddleware(Middleware):
    """Serves ``tools`` (``Tool`` objects: ``Tool.from_function(fn)`` or a ``Tool`` subclass
    with ``run()``) on the server this middleware is added to."""

    def __init__(self, tools: Sequence[Any]) -> None:
        self._tools_to_inject: Sequence[Any] = tools
        self._tools_to_inject_by_name: dict[str, Any] = {tool.name: tool for tool in tools}

    @property
    def injected_tools(self) -> Sequence[Any]:
        """The injected tools, one per name (the last given of a name)."""
        return list(self._tools_to_inject_by_name.values())

    def get_injected_tool(self, name: str) -> Any:
        """The injected tool named ``name``, or None."""
        return self._tools_to_inject_by_name.get(name)


def _plain(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(by_alias=True, exclude_none=True, mode="json") if dump is not None else value


async def list_prompts(context: Context) -> list[dict[str, Any]]:
    """List prompts available on the server."""
    return [_plain(p) for p in await context.list_prompts()]


async def get_prompt(context: Context, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """Render a prompt available on the server."""
    return _plain(await context.get_prompt(name, arguments))  # type: ignore[no-any-return]


async def list_resources(context: Context) -> list[dict[str, Any]]:
    """List resources available on the server."""
    return [_plain(r) for r in await context.list_resources()]


async def read_resource(context: Context, uri: str) -> list[dict[str, Any]]:
    """Read a resource available on the server."""
    out: list[dict[str, Any]] = []
    for part in await context.read_resource(uri):
        content = getattr(part, "content", part)
        mime = getattr(part, "mime_type", None)
        entry: dict[str, Any] = {"uri": uri}
        if mime is not None:
            entry["mimeType"] = mime
        if isinstance(content, bytes):
            import base64

            entry["blob"] = base64.b64encode(content).decode("ascii")
        else:
            entry["text"] = str(content)
        out.append(entry)
    return out


_MADE: dict[str, Any] = {}


def _tool(fn: Any) -> Any:
    tool = _MADE.get(fn.__name__)
    if tool is None:
        from ferromcp.fastmcp._components import Tool

        tool = _MADE[fn.__name__] = Tool.from_function(fn)
    return tool


class PromptToolMiddleware(ToolInjectionMiddleware):
    """Serves the server's prompts as tools: ``list_prompts`` and ``get_prompt``."""

    def __init__(self) -> None:
        super().__init__(tools=[_tool(list_prompts), _tool(get_prompt)])


class ResourceToolMiddleware(ToolInjectionMiddleware):
    """Serves the server's resources as tools: ``list_resources`` and ``read_resource``."""

    def __init__(self) -> None:
        super().__init__(tools=[_tool(list_resources), _tool(read_resource)])


def __getattr__(name: str) -> Any:
    # fastmcp 2/3 name the tools these middleware inject.
    fns = {"list_prompts_tool": list_prompts, "get_prompt_tool": get_prompt,
           "list_resources_tool": list_resources, "read_resource_tool": read_resource}
    if name in fns:
        return _tool(fns[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
