"""fastmcp 3/4's in-process API on a server: ``await mcp.list_tools()`` (and the other lists)
as fastmcp's component objects, ``get_tool`` / ``get_resource`` / ``get_resource_template`` /
``get_prompt`` (the component, or None), ``call_tool`` → ``ToolResult``, ``read_resource`` →
``ResourceResult``, ``render_prompt`` → ``PromptResult`` — what a server's own test suite calls.

Everything is looked up as the core serves it: lists are the core's listing (mounted and
provider components, the highest version, visibility), and a call runs the runner the core
would run, so the answer is the one a client gets, turned into fastmcp's objects. A failure
raises as fastmcp raises it: ``NotFoundError`` for an unknown name, ``ToolError`` with the
client's text for a failing tool, ``ResourceError`` / ``PromptError`` for a failing read or
prompt. The server's fastmcp middleware runs around them unless ``run_middleware=False``, as in
fastmcp (:func:`ferromcp.fastmcp._middleware.in_process`); the core's argument check does not.
"""

from __future__ import annotations

import functools
from typing import Any

from ferromcp import _core

__all__ = ["call_tool", "component", "listed", "read_resource", "render_prompt"]

#: fastmcp's component type per registry kind, and the listing key.
_CLASSES = {"tools": "Tool", "resources": "Resource", "resourceTemplates": "ResourceTemplate",
            "prompts": "Prompt"}


def _object(server: Any, kind: str, definition: dict[str, Any]) -> Any:
    """A listing entry as fastmcp's object (a tool's title only when it was given one: the
    title fastmcp 4 derives from the name is added on the wire)."""
    from ferromcp.fastmcp import _components as c

    # A component made from a function is fastmcp's Function* class, holding the function.
    key = definition.get("uri") or definition.get("uriTemplate") or definition.get("name")
    own = server.__dict__.get("_fastmcp_own_tools") or {}
    if kind == "tools" and key in own:
        return own[key]  # fastmcp's own (a transformed tool)
    fn = None
    if kind == "tools" and key in server._tools:
        fn = server._tools[key][0]
    elif kind == "prompts" and key in server._prompts:
        fn = getattr(server._prompts[key], "fn", None)
    elif kind == "resources":
        fn = getattr(server._resources.get(key), "fn", None)
    cls = getattr(c, ("Function" if fn is not None else "") + _CLASSES[kind])
    made = cls._from_listing(definition)
    if fn is not None:
        made.fn = fn
    if kind == "tools" and definition.get("name") in server.__dict__.get(
            "_fastmcp_named_titles", ()):
        made.title = None
    if kind == "resourceTemplates":
        # A function template's parameters, as fastmcp describes them (its function's schema).
        entry = server._resources.get(definition.get("uriTemplate"))
        fn = getattr(entry, "fn", None)
        if fn is not None:
            from ferromcp._fastmcp import tool_definition

            made.parameters = tool_definition(fn)["inputSchema"]
    return made


def listed(server: Any, kind: str, with_hidden: bool = False) -> list[Any]:
    """Every component of ``kind`` the server serves, as fastmcp's objects: each version of a
    versioned one (a client's list shows the highest), the server's own first, then what it
    mounted, hidden ones left out unless ``with_hidden`` (fastmcp 2's ``get_tools()`` & co.
    answer disabled components too)."""
    hidden = set() if with_hidden else server._visibility.hidden.get(kind, set())
    mounted = {key for link in server.__dict__.get("_mounts", ()) for k, key in link.served
               if k == kind}
    shown = [(key, entry[1]) for (k, key, v), entry in server._registry.entries.items()
             if k == kind and (key if v is None else f"{key}@{v}") not in hidden]
    ordered = ([e for e in shown if e[0] not in mounted]
               + [e for e in shown if e[0] in mounted])
    return [_object(server, kind, definition) for _, definition in ordered]


def _spec_matches(spec: Any, version: str | None) -> bool:
    if spec is None:
        return True
    if isinstance(spec, str):
        return version is not None and _core.compare_versions(version, spec,
                                                              spelling=False) == 0
    return bool(spec.matches(version))


def _entry(server: Any, kind: str, key: str, version: Any = None) -> Any:
    """``(definition, runner)`` of what the core serves as ``key``: the highest version (of
    those ``version`` matches) that is shown."""
    hidden = server._visibility.hidden.get(kind, set())
    found = [(v, entry) for (k, name, v), entry in server._registry.entries.items()
             if k == kind and name == key and _spec_matches(version, v)
             and (name if v is None else f"{name}@{v}") not in hidden]
    if not found:
        return None
    order = functools.cmp_to_key(lambda a, b: _core.compare_versions(a[0], b[0]))
    _, (_method, definition, runner, _extra) = max(found, key=order)
    return definition, runner


def component(server: Any, kind: str, key: str, version: Any = None) -> Any:
    """The component served as ``key``, as fastmcp's object, or None."""
    entry = _entry(server, kind, key, version)
    if entry is None:
        return None
    listing = next((d for d in server._registry.list(kind)
                    if d.get({"resources": "uri", "resourceTemplates": "uriTemplate"}.get(
                        kind, "name")) == key), entry[0])
    return _object(server, kind, listing if version is None else entry[0])


async def _run(runner: Any, params: dict[str, Any]) -> tuple[Any, BaseException | None]:
    from ferromcp.fastmcp._middleware import _Answer

    slot = _Answer()
    await runner(slot, None, params)
    return slot.result, slot.exc


def _wire(value: Any) -> Any:
    from ferromcp.fastmcp._middleware import _plain

    if isinstance(value, dict) or value is None:
        return value
    to_wire = getattr(value, "_wire", None)
    return to_wire() if to_wire is not None else _plain(value)


async def call_tool(server: Any, name: str, arguments: dict[str, Any] | None,
                    version: Any = None) -> Any:
    from ferromcp.fastmcp import _components as c
    from ferromcp.fastmcp._middleware import _tool_error
    from ferromcp.fastmcp.exceptions import NotFoundError

    entry = _entry(server, "tools", name, version)
    if entry is None:
        raise NotFoundError(f"Unknown tool: {name!r}")
    params: dict[str, Any] = {"name": name, "arguments": dict(arguments or {})}
    if isinstance(version, str):
        params["_meta"] = {"fastmcp": {"version": version}}
    result, exc = await _run(entry[1], params)
    if exc is not None:
        raise_tool_failure(server, name, exc)
    result = _wire(result)
    if isinstance(result, dict) and result.get("isError"):
        raise _tool_error(result)
    return c.ToolResult._from_wire(result)


def raise_tool_failure(server: Any, name: str, exc: BaseException) -> None:
    """Raises what tool ``name`` raised as fastmcp raises it to its caller and middleware:
    a ``ToolError`` with the client's text (caused by it), ``ValidationError`` for arguments
    the tool's model refused; an MCP error or a ``ToolError`` as it is."""
    from ferromcp.fastmcp.exceptions import ToolError, ValidationError
    from ferromcp.server._highlevel import _RejectedArguments

    if isinstance(exc, _RejectedArguments):
        raise ValidationError(str(exc)) from exc.__cause__
    code, message = _core.tool_failure(server._flavor, server._mask, name, exc)
    if code is not None or isinstance(exc, ToolError):
        raise exc
    raise ToolError(message) from exc


async def read_resource(server: Any, uri: str, version: Any = None) -> Any:
    from ferromcp.fastmcp import _components as c
    from ferromcp.fastmcp.exceptions import NotFoundError, ResourceError

    resolved = server._registry.resolve(uri)
    entry = None
    if resolved is not None:
        key, variables = resolved
        kind = "resourceTemplates" if variables or key != uri else "resources"
        entry = _entry(server, kind, key, version)
    if entry is None:
        raise NotFoundError(f"Unknown resource: {uri!r}")
    result, exc = await _run(entry[1], {"uri": uri, "arguments": variables})
    if exc is not None:
        if isinstance(exc, ResourceError | NotFoundError):
            raise exc
        raise ResourceError(f"Error reading resource {uri!r}: {exc}") from exc
    return c.ResourceResult._from_wire(_wire(result))


async def render_prompt(server: Any, name: str, arguments: dict[str, Any] | None,
                        version: Any = None) -> Any:
    from ferromcp.fastmcp import _components as c
    from ferromcp.fastmcp.exceptions import NotFoundError, PromptError

    entry = _entry(server, "prompts", name, version)
    if entry is None:
        raise NotFoundError(f"Unknown prompt: {name!r}")
    result, exc = await _run(entry[1], {"name": name, "arguments": dict(arguments or {})})
    if exc is not None:
        from ferromcp.fastmcp.exceptions import ValidationError
        from ferromcp.server._highlevel import MissingArguments

        if isinstance(exc, PromptError | NotFoundError):
            raise exc
        if isinstance(exc, MissingArguments) and server._fastmcp_major >= 4:
            raise ValidationError(str(exc)) from None
        raise PromptError(f"Error rendering prompt {name!r}: {exc}") from exc
    return c.PromptResult._from_wire(_wire(result))
