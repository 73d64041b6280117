"""fastmcp's tool transformation on ferromcp: ``Tool.from_tool(...)`` (renamed, described,
hidden and defaulted arguments, a ``transform_fn`` calling ``forward()``), ``mcp.add_transform(
ToolTransform({...}))`` and the constructors' ``transforms=[...]`` (fastmcp 3/4) and
``tool_transformations={...}`` (fastmcp 2).

The transformation is the fastmcp package's own (``fastmcp.tools.tool_transform``,
``fastmcp.server.transforms``), loaded from it beside ferromcp: a tool of ferromcp's is handed to
it as fastmcp's ``FunctionTool`` of the same function (or wrapped, for a ``Tool`` subclass),
and what it makes is served by the core like a provider's tool — listed as fastmcp lists it,
checking its own arguments, called through its ``run``. A ``ToolTransform`` is applied to the
tools registered when the server starts (or its in-process API is first asked): the
transformed tool takes the original's place in the list.
"""

from __future__ import annotations

from typing import Any

__all__ = ["add", "add_configs", "apply", "from_tool", "is_fastmcp_tool", "official_tool", "serve"]


def _official(module: str) -> Any:
    from ferromcp import _official

    return _official.module(f"fastmcp.{module}")


def is_fastmcp_tool(value: Any) -> bool:
    """Whether ``value`` is a tool of the fastmcp package's own (a ``TransformedTool`` …)."""
    from ferromcp.fastmcp._providers import fastmcp_kind

    return fastmcp_kind(value) == "tool"


def official_tool(tool: Any) -> Any:
    """``tool`` (ferromcp's ``Tool``, a function, or fastmcp's own) as fastmcp's ``Tool``."""
    from ferromcp.fastmcp import _components as c

    if is_fastmcp_tool(tool):
        return tool
    function_tool = _official("tools").FunctionTool
    if isinstance(tool, c.FunctionTool):
        given = tool.__dict__.get("_given") or {
            "name": tool.name, "title": tool.title, "description": tool.description,
            "tags": tool.tags or None, "annotations": tool.annotations}
        return function_tool.from_function(
            tool.fn, **{k: v for k, v in given.items() if v is not None})
    if isinstance(tool, c.Tool):
        return _wrapped(tool)
    return function_tool.from_function(tool)


def _wrapped(tool: Any) -> Any:
    """A ``Tool`` subclass of ferromcp's, as fastmcp's ``Tool`` running it."""
    base = _official("tools")
    ours = tool

    class Wrapped(base.Tool):  # type: ignore[misc, valid-type]
        async def run(self, arguments: dict[str, Any]) -> Any:
            from ferromcp.fastmcp._components import ToolResult

            value = await ours.run(arguments)
            wire = (value if isinstance(value, ToolResult) else ToolResult(value))._wire()
            return base.ToolResult(content=wire.get("content") or [],
                                   structured_content=wire.get("structuredContent"),
                                   meta=wire.get("_meta"))

    return Wrapped(name=tool.name, title=tool.title, description=tool.description,
                   parameters=tool.parameters, output_schema=tool.output_schema,
                   annotations=tool.annotations, tags=set(tool.tags or ()), meta=tool.meta)


def from_tool(tool: Any, **kwargs: Any) -> Any:
    """fastmcp's ``Tool.from_tool``: a ``TransformedTool`` of ``tool``."""
    return _official("tools.tool_transform").TransformedTool.from_tool(official_tool(tool),
                                                                        **kwargs)


def serve(server: Any, tool: Any) -> None:
    """Serves fastmcp's own ``tool`` (a transformed tool) as the server's, after the rest."""
    from ferromcp.fastmcp._providers import serve_component

    serve_component(server, tool)


# --- ToolTransform ------------------------------------------------------------------------------

def add(server: Any, transform: Any) -> None:
    """``mcp.add_transform(transform)``: kept to be applied (see :func:`apply`)."""
    if not any(c.__name__ == "ToolTransform" for c in type(transform).__mro__):
        raise NotImplementedError(
            f"ferromcp serves fastmcp's ToolTransform; {type(transform).__name__} is not "
            "served yet")
    server.__dict__.setdefault("_tool_transforms", []).append(transform._transforms)


def add_configs(server: Any, configs: dict[str, Any]) -> None:
    """fastmcp 2's ``tool_transformations={name: ToolTransformConfig}``."""
    server.__dict__.setdefault("_tool_transforms", []).append(dict(configs))


def apply(server: Any) -> None:
    """Applies the server's ``ToolTransform``s to the tools registered now, once each."""
    configs: dict[str, Any] = {}
    for transforms in server.__dict__.get("_tool_transforms") or ():
        configs.update(transforms)
    done: set[str] = server.__dict__.setdefault("_tool_transforms_done", set())
    for name, config in configs.items():
        if name in done:
            continue
        original = _registered_tool(server, name)
        if original is None:
            continue
        done.add(name)
        _replace(server, name, config.apply(original))


def _registered_tool(server: Any, name: str) -> Any:
    """The tool registered as ``name``, as fastmcp's ``Tool``, or None."""
    own = server.__dict__.get("_fastmcp_own_tools") or {}
    if name in own:
        return own[name]
    entry = server._tools.get(name)
    if entry is None or not any(k[0] == "tools" and k[1] == name
                                for k in server._registry.entries):
        return None
    fn, _, definition = entry
    titled = name not in server.__dict__.get("_fastmcp_named_titles", ())
    return _official("tools").FunctionTool.from_function(
        fn, name=name, description=definition.get("description"),
        title=definition.get("title") if titled else None,
        tags=set(((definition.get("_meta") or {}).get("fastmcp") or {}).get("tags") or ()),
        annotations=definition.get("annotations"))


def _replace(server: Any, name: str, tool: Any) -> None:
    """Serves ``tool`` in the place of the tool registered as ``name``."""
    registry = server._registry
    keys = [k for k in registry.entries if k[0] == "tools"]
    at = next(i for i, k in enumerate(keys) if k[1] == name)
    later = [(k, registry.entries[k]) for k in keys[at + 1:] if k[1] != name]
    registry.remove("tools", name)
    for key, _ in later:
        registry.remove("tools", key[1], key[2])
    serve(server, tool)
    for _, (method, definition, runner, extra) in later:
        if method == "add_tool":
            registry.add_tool(definition, runner, *extra)
        else:
            registry.add_tool_unchecked(definition, runner, extra[1])
