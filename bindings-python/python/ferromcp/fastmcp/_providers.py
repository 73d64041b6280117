"""fastmcp 3/4 component providers on ferromcp: ``FastMCP(providers=[...])``,
``mcp.add_provider(...)``, ``FastMCP.from_openapi(...)`` and ``FastMCP.from_fastapi(...)``.

The providers are the fastmcp package's own (``OpenAPIProvider``, ``FileSystemProvider``,
``SkillsDirectoryProvider`` …), loaded from it when it is installed beside ferromcp, as its auth
providers are: ferromcp serves fastmcp's server API itself and does not reimplement the OpenAPI
conversion. When the server starts (inside its lifespan), each provider's lifespan is entered
and its tools, resources, templates and prompts are registered with the core, listed as the
provider lists them (after the server's own) and served by the provider's components: a tool
by its ``run``, a resource or template by its read, a prompt by its ``render``. The core
answers failures and unknown names as for any fastmcp component.

What a provider lists is read once, at start: a provider whose components change while serving
(a proxy of a server that changes its list) is seen as it was then.
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from typing import Any

__all__ = ["enter", "official"]

_DUMP = {"by_alias": True, "exclude_none": True, "mode": "json"}


def official(module: str) -> Any:
    """The fastmcp package's own module ``fastmcp.<module>``."""
    from ferromcp import _official

    return _official.module(f"fastmcp.{module}")


def _dumped(value: Any) -> Any:
    return value.model_dump(**_DUMP) if hasattr(value, "model_dump") else value


#: What the official result models carry for the 2026-07-28 revision: the core stamps it for a
#: client of that revision, as fastmcp does.
_REVISION_FIELDS = ("resultType", "ttlMs", "cacheScope")


def _result(value: Any) -> dict[str, Any]:
    out = _dumped(value)
    for key in _REVISION_FIELDS:
        out.pop(key, None)
    return out


def _tool_result(result: Any) -> dict[str, Any]:
    """A fastmcp ``ToolResult`` as a ``tools/call`` result."""
    wire = result.to_mcp_result()
    if isinstance(wire, tuple):
        content, structured = wire
        return {"content": [_dumped(c) for c in content], "structuredContent": structured}
    if isinstance(wire, list):
        return {"content": [_dumped(c) for c in wire]}
    return _result(wire)


async def enter(server: Any, stack: AsyncExitStack) -> None:
    """Enters the lifespan of each of ``server``'s providers on ``stack`` and registers what
    they provide (once per server; see :func:`register`)."""
    for provider in list(server.__dict__.get("providers") or ()):
        lifespan = getattr(provider, "lifespan", None)
        if callable(lifespan):
            await stack.enter_async_context(lifespan())
    await register(server)


async def register(server: Any) -> None:
    """Registers what ``server``'s providers provide, once: when it starts, or when its
    in-process API is first asked."""
    providers = list(server.__dict__.get("providers") or ())
    done = server.__dict__.setdefault("_providers_registered", set())
    proxied = {id(b.provider) for b in server.__dict__.get("_proxy_backends") or ()}
    for provider in providers:
        if id(provider) in done:
            continue
        done.add(id(provider))
        if id(provider) in proxied:
            continue  # its backend is asked at each list (ferromcp.fastmcp._proxy)
        for tool in await provider.list_tools():
            _serve(server, "tool", tool, _dumped(tool.to_mcp_tool()), _run_tool(tool))
        for resource in await provider.list_resources():
            _serve(server, "resource", resource, _dumped(resource.to_mcp_resource()),
                   _read_resource(resource))
        for template in await provider.list_resource_templates():
            _serve(server, "template", template, _dumped(template.to_mcp_template()),
                   _read_template(template))
        for prompt in await provider.list_prompts():
            _serve(server, "prompt", prompt, _dumped(prompt.to_mcp_prompt()),
                   _render_prompt(prompt))


def fastmcp_kind(component: Any) -> str | None:
    """The kind (``tool``, ``resource``, ``template``, ``prompt``) of a component of the
    fastmcp package's own (an ``OpenAPI`` tool, a ``FileResource`` …), or None for anything
    else (ferromcp's own components included)."""
    for c in type(component).__mro__:
        module = c.__module__ or ""
        if module.startswith("ferromcp.fastmcp") or "fastmcp." not in module + ".":
            continue
        kind = {"Tool": "tool", "Resource": "resource", "ResourceTemplate": "template",
                "Prompt": "prompt"}.get(c.__name__)
        if kind is not None and module.rpartition(".")[0].endswith(
                ("fastmcp.tools", "fastmcp.resources", "fastmcp.prompts")):
            return kind
    return None


def serve_component(server: Any, component: Any) -> None:
    """Serves a component of the fastmcp package's own, given to ``add_tool`` /
    ``add_resource`` / ``add_template`` / ``add_prompt``, as a provider's are served."""
    kind = fastmcp_kind(component)
    if kind == "tool":
        _serve(server, kind, component, _dumped(component.to_mcp_tool()), _run_tool(component))
        server.__dict__.setdefault("_fastmcp_own_tools", {})[component.name] = component
    elif kind == "resource":
        _serve(server, kind, component, _dumped(component.to_mcp_resource()),
               _read_resource(component))
    elif kind == "template":
        _serve(server, kind, component, _dumped(component.to_mcp_template()),
               _read_template(component))
    elif kind == "prompt":
        _serve(server, kind, component, _dumped(component.to_mcp_prompt()),
               _render_prompt(component))
    else:
        raise TypeError(f"not a fastmcp component: {component!r}")


def _serve(server: Any, kind: str, component: Any, definition: dict[str, Any],
           answer: Any) -> None:
    """Registers ``component`` (listed as ``definition``) with the core; ``answer(params)``
    makes its answer, and what it raises the core answers."""
    async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
        try:
            result = await answer(params)
        except Exception as exc:  # noqa: BLE001 - the core answers it
            slot.raised(exc)
            return
        slot.done(result)
    server._visible(definition, getattr(component, "tags", None), kind)
    if kind == "tool":
        # The tool checks its arguments itself, as in fastmcp (an OpenAPI operation's tool
        # sends what it is given; a function tool validates with its own model).
        server._registry.add_tool_unchecked(
            definition, server._middleware_runner(component.name, runner))
    elif kind == "prompt":
        server._registry.add_prompt(definition, runner)
    else:
        server._registry.add_resource(definition, runner)


def _run_tool(tool: Any) -> Any:
    async def answer(params: dict[str, Any]) -> dict[str, Any]:
        return _tool_result(await tool.run(params.get("arguments") or {}))
    return answer


def _read_resource(resource: Any) -> Any:
    async def answer(params: dict[str, Any]) -> dict[str, Any]:
        return _result((await resource._read()).to_mcp_result(params["uri"]))
    return answer


def _read_template(template: Any) -> Any:
    async def answer(params: dict[str, Any]) -> dict[str, Any]:
        result = await template._read(params["uri"], params.get("arguments") or {})
        return _result(result.to_mcp_result(params["uri"]))
    return answer


def _render_prompt(prompt: Any) -> Any:
    async def answer(params: dict[str, Any]) -> dict[str, Any]:
        return _result((await prompt.render(params.get("arguments") or {}))
                       .to_mcp_prompt_result())
    return answer
