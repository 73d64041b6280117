"""``from ferromcp import FastMCP``: the fastmcp spelling of the decorator API, answering as the
fastmcp major version a server was written for.

Under ``python -m ferromcp run``, ``import fastmcp`` resolves here. The major version is the one
of the ``fastmcp`` distribution installed beside ferromcp (the one the server's requirements
pinned), else 4; ``FERROMCP_FASTMCP_MAJOR=2|3|4`` overrides it. What follows the version:

* ``initialize`` capabilities over stdio: 2.x ``experimental: {}`` and ``tools.listChanged``;
  3.x the same with ``logging: {}`` and the MCP Apps extension (``extensions``); 4.x
  ``logging: {}`` and every ``listChanged`` (over HTTP every version announces them all).
* ``_meta`` of tools, resources, templates and prompts: ``{"_fastmcp": {"tags": [...]}}`` in
  2.x, ``{"fastmcp": {"tags": [...]}}`` in 3.x and 4.x.
* A tool's description without ``description=``: the docstring, dedented (2.x); the text before
  the docstring's parameter section (3.x) or before its first section (4.x). 3.x and 4.x also
  take parameter descriptions from the docstring, and close input schemas
  (``additionalProperties: false``), so unexpected arguments are refused.
* Wrapped results (``{"result": value}``) carry ``_meta: {"fastmcp": {"wrap_result": true}}``
  in 3.x and 4.x.

In every version ``$defs`` are written in place of their ``$ref``s, titles are pruned from the
schemas (4.x keeps those set with ``Field(title=...)``), a non-object output schema carries
``x-fastmcp-wrap-result``, a tool whose annotations have a ``title`` is listed with it (4.x
titles every tool, from its name when nothing else gives one), and a returned value is written
as compact JSON, a returned list as one JSON text.

Failures and unknown names are answered by the core, with the rules of each version
(``ferromcp_core::policy::Flavor::FastMcpV2``, ``FastMcpV3``, ``FastMcp``): an unknown tool is
``Unknown tool: x`` (2.x) or ``Unknown tool: 'x'``; an unknown resource code 0 (2.x), -32002
(3.x) or -32602 with the URI (4.x); an unknown prompt code 0 or -32602 (4.x); a failing resource
or prompt code 0 before 4.x and -32603 in 4.x.

fastmcp 2.x and 3.x announce SEP-1686 task support (``capabilities.tasks``: in 3.x only when
``pydocket`` is installed). ferromcp does not serve tasks (``tasks/list``, task-augmented calls),
so it does not announce them: a client believing the announcement would send requests nothing
answers.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from ferromcp.server._highlevel import HighLevelServer, _parse_docstring

__all__ = ["FastMCP"]

_MOVED = ("host", "port", "sse_path", "message_path", "streamable_http_path", "json_response",
          "stateless_http", "debug", "log_level")

#: Keywords fastmcp 2.14 takes beyond those :class:`FastMCP` names (kept as attributes).
_V2_KEYWORDS = frozenset((
    "auth", "middleware", "tool_transformations", "tool_serializer", "include_tags",
    "exclude_tags", "include_fastmcp_meta", "on_duplicate_tools", "on_duplicate_resources",
    "on_duplicate_prompts", "strict_input_validation", "tasks", "sampling_handler",
    "sampling_handler_behavior", *_MOVED))
#: … and fastmcp 3.4.
_V3_KEYWORDS = frozenset((
    "auth", "middleware", "providers", "transforms", "on_duplicate", "dereference_schemas",
    "strict_input_validation", "tasks", "session_state_store", "sampling_handler",
    "sampling_handler_behavior", "client_log_level", "experimental_capabilities"))

#: The MCP Apps extension fastmcp 3 announces.
_UI_EXTENSION = "io.modelcontextprotocol/ui"


def _injected(fn: Any) -> Any:
    if not callable(fn):
        return fn
    from ferromcp.fastmcp.server.dependencies import without_injected_parameters

    return without_injected_parameters(fn)


def _bare_sequence_output(fn: Any, fs: Any) -> None:
    """fastmcp 2/3: a bare ``-> list`` / ``-> tuple`` return is published wrapped, as an array
    of anything (fastmcp 4 and the official SDKs publish none)."""
    from ferromcp import _schema

    try:
        returns = inspect.signature(fn, eval_str=True).return_annotation
    except (NameError, TypeError):
        return
    if returns not in (list, tuple):
        return
    plan = _schema._output_plan(fs.fn_name, list[Any], None, 1, {})
    if plan is not None:
        fs._output = plan
        fs.output_schema, fs.wrap_output, fs.scalar_output = plan.schema, plan.wrap, plan.scalar


def _without_arguments(fn: Any, excluded: Any) -> Any:
    """``fn`` without the parameters ``excluded`` (fastmcp 2's ``exclude_args``): left out of
    the schema, each given its default.

    Raises:
        ValueError: an excluded parameter has no default, as in fastmcp.
    """
    signature = inspect.signature(fn)
    names = set(excluded)
    for name in names:
        param = signature.parameters.get(name)
        if param is not None and param.default is inspect.Parameter.empty:
            raise ValueError(f"Parameter {name!r} in exclude_args must have a default value.")
    is_async = inspect.iscoroutinefunction(fn)

    async def without(**arguments: Any) -> Any:
        # A client naming an excluded parameter is not heard (fastmcp 2 passes it on).
        value = fn(**{k: v for k, v in arguments.items() if k not in names})
        return await value if is_async or inspect.isawaitable(value) else value

    from ferromcp.fastmcp.server.dependencies import _dressed_like

    return _dressed_like(without, fn, dropped=names)


def _timed(fn: Any, name: str, timeout: float) -> Any:
    """``fn`` answering fastmcp's error (-32000, ``Tool 'x' execution timed out after Ns``)
    when a call outlasts ``timeout`` seconds (``@mcp.tool(timeout=...)``, fastmcp 3/4); a
    function that is not a coroutine runs on a worker thread."""
    import asyncio
    import logging

    is_async = inspect.iscoroutinefunction(fn)

    async def timed(**arguments: Any) -> Any:
        call = fn(**arguments) if is_async else asyncio.to_thread(fn, **arguments)
        try:
            return await asyncio.wait_for(call, timeout)
        except asyncio.TimeoutError:
            from ferromcp.shared.exceptions import McpError

            logging.getLogger("fastmcp.tools.function_tool").warning(
                "Tool '%s' timed out after %ss. Consider using task=True for long-running "
                "operations. See https://gofastmcp.com/servers/tasks", name, timeout)
            raise McpError(-32000, f"Tool '{name}' execution timed out after {timeout}s"
                           ) from None

    from ferromcp.fastmcp.server.dependencies import _dressed_like

    return _dressed_like(timed, fn)


def installed_major() -> int:
    """The fastmcp major version servers here are written for: ``FERROMCP_FASTMCP_MAJOR``, else
    the installed ``fastmcp`` distribution's, else 4."""
    wanted = os.environ.get("FERROMCP_FASTMCP_MAJOR", "").strip()
    if not wanted:
        from importlib import metadata

        try:
            wanted = metadata.version("fastmcp").split(".")[0]
        except metadata.PackageNotFoundError:
            return 4
    try:
        major = int(wanted)
    except ValueError:
        return 4
    return major if major in (2, 3, 4) else 4


def installed_version() -> str:
    """The installed ``fastmcp`` distribution's version, else ferromcp's."""
    from importlib import metadata

    try:
        return metadata.version("fastmcp")
    except metadata.PackageNotFoundError:
        from ferromcp import __version__

        return __version__


class FastMCP(HighLevelServer):
    """A fastmcp-style server: decorators may be used bare (``@mcp.tool``); unexpected tool
    errors (``McpError`` too) are ``isError`` results that show their text unless
    ``mask_error_details=True``. Lists and answers take the shapes of the fastmcp major version
    in use (see the module), failures and unknown names included."""

    _generation = "fastmcp"
    _bare_decorators = True

    def __init__(self, name: str | None = None, instructions: str | None = None, *,
                 version: str | None = None, website_url: str | None = None,
                 icons: list[Any] | None = None,
                 lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
                 tools: Sequence[Callable[..., Any]] | None = None,
                 mask_error_details: bool | None = None, list_page_size: int | None = None,
                 **kwargs: Any) -> None:
        self._fastmcp_major = major = installed_major()
        self._resource_json = {2: "compact", 3: "dumps-json"}.get(major, "dumps")
        if major == 4:
            moved = [k for k in kwargs if k in _MOVED]
            if moved:
                raise TypeError(f"FastMCP() no longer takes {', '.join(moved)}: pass transport "
                                "settings to run() / run_http_async() instead")
        else:
            # Keywords of the older constructor are kept as given; ferromcp does not act on
            # those fastmcp 4 removed.
            known = _V2_KEYWORDS if major == 2 else _V3_KEYWORDS
            unknown = [k for k in kwargs if k not in known]
            if unknown:
                raise TypeError(f"FastMCP.__init__() got an unexpected keyword argument "
                                f"{unknown[0]!r}")
            self._include_fastmcp_meta = kwargs.pop("include_fastmcp_meta", None) is not False
            older = {k: kwargs.pop(k) for k in list(kwargs) if k not in _FOUR_KEYWORDS}
            self.__dict__.update({f"_{k}": v for k, v in older.items()})
        self._setup(name, instructions=instructions, version=version, website_url=website_url,
                    icons=icons, lifespan=lifespan, tools=tools,
                    mask_error_details=bool(mask_error_details), list_page_size=list_page_size,
                    settings=kwargs)
        self._tags_rules()
        if not isinstance(getattr(self, "middleware", None), list):
            self.middleware = list(getattr(self, "middleware", None) or ())
        from ferromcp.fastmcp._middleware import ChainList

        # fastmcp middleware runs as one entry of the low-level server's chain.
        self._lowlevel.middleware = ChainList(self)  # type: ignore[assignment]
        for provider in list(self.__dict__.get("providers") or ()):
            self._proxied(provider)
        for transform in list(self.__dict__.get("_transforms") or ()):  # fastmcp 3/4
            self.add_transform(transform)
        if self.__dict__.get("_tool_transformations"):  # fastmcp 2
            from ferromcp.fastmcp import _transform

            _transform.add_configs(self, self._tool_transformations)

    # --- visibility ----------------------------------------------------------------------------

    @property
    def _visibility(self) -> Any:
        """The server's visibility rules and the components they apply to."""
        v = self.__dict__.get("_visibility_state")
        if v is None:
            from ferromcp.fastmcp._visibility import Visibility

            v = self.__dict__["_visibility_state"] = Visibility()
        return v

    def enable(self, *, names: set[str] | None = None, keys: set[str] | None = None,
               version: Any = None, tags: set[str] | None = None,
               components: set[str] | None = None, only: bool = False) -> FastMCP:
        """Shows the components matching every criterion given (a later rule overrides an
        earlier one); ``only=True`` hides every other component first (an allowlist)."""
        from ferromcp.fastmcp._visibility import Rule

        if only:
            self._visibility.add_rule(self._registry, Rule.of(False, match_all=True))
        self._visibility.add_rule(self._registry, Rule.of(
            True, names=names, keys=keys, version=version, tags=tags or None,
            components=components or None))
        return self

    def disable(self, *, names: set[str] | None = None, keys: set[str] | None = None,
                version: Any = None, tags: set[str] | None = None,
                components: set[str] | None = None) -> FastMCP:
        """Hides the components matching every criterion given: not listed, and unknown to
        calls, until a later ``enable`` shows them."""
        from ferromcp.fastmcp._visibility import Rule

        self._visibility.add_rule(self._registry, Rule.of(
            False, names=names, keys=keys, version=version, tags=tags or None,
            components=components or None))
        return self

    def _tags_rules(self) -> None:
        """fastmcp 2's ``include_tags`` (only components with one of them are served) and
        ``exclude_tags`` (none with one of them is), as rules."""
        from ferromcp.fastmcp._visibility import Rule

        include = self.__dict__.get("_include_tags")
        exclude = self.__dict__.get("_exclude_tags")
        if include:
            self._visibility.add_rule(self._registry, Rule.of(False, match_all=True))
            self._visibility.add_rule(self._registry, Rule.of(True, tags=include))
        if exclude:
            self._visibility.add_rule(self._registry, Rule.of(False, tags=exclude))

    # --- composition ---------------------------------------------------------------------------

    @property
    def _registry_class(self) -> Any:  # type: ignore[override]
        from ferromcp.fastmcp._mount import Recorded

        return Recorded

    def mount(self, server: FastMCP, namespace: str | None = None,
              tool_names: dict[str, str] | None = None, *, prefix: str | None = None,
              as_proxy: bool | None = None) -> None:
        """Serves ``server``'s tools, resources, templates and prompts here, live: tools and
        prompts as ``namespace_name``, resources and templates as ``protocol://namespace/path``
        (``tool_names`` renames tools first); ``server``'s lifespan runs inside this one's.
        fastmcp 2's ``prefix=`` is the namespace."""
        from ferromcp.fastmcp._mount import Mount

        if server is self:
            raise ValueError("Cannot mount a server onto itself")
        link = Mount(self, server, namespace if namespace is not None else prefix, tool_names)
        self.__dict__.setdefault("_mounts", []).append(link)
        link.start()

    async def import_server(self, server: FastMCP, prefix: str | None = None,
                            **_: Any) -> None:
        """fastmcp 2 and 3: copies ``server``'s components here once, named as
        :meth:`mount` names them; later changes to ``server`` are not seen."""
        from ferromcp.fastmcp._mount import Mount

        if server is self:
            raise ValueError("Cannot import a server into itself")
        link = Mount(self, server, prefix, None)
        for (kind, key, _v), entry in list(server._registry.entries.items()):
            link.added(kind, key, entry)

    # --- in process (fastmcp 3/4: its objects; see ferromcp.fastmcp._local) ---------------------

    async def list_tools(self, *, run_middleware: bool = True) -> Any:  # type: ignore[override]
        if self._fastmcp_major < 3:
            return await super().list_tools()
        return await self._listed("tools/list", "tools", run_middleware)

    async def list_resources(self, *, run_middleware: bool = True) -> Any:  # type: ignore[override]
        if self._fastmcp_major < 3:
            return await super().list_resources()
        return await self._listed("resources/list", "resources", run_middleware)

    async def list_resource_templates(  # type: ignore[override]
            self, *, run_middleware: bool = True) -> Any:
        if self._fastmcp_major < 3:
            return await super().list_resource_templates()
        return await self._listed("resources/templates/list", "resourceTemplates", run_middleware)

    async def list_prompts(self, *, run_middleware: bool = True) -> Any:  # type: ignore[override]
        if self._fastmcp_major < 3:
            return await super().list_prompts()
        return await self._listed("prompts/list", "prompts", run_middleware)

    async def _listed(self, method: str, kind: str, run_middleware: bool) -> Any:
        await self._provided()
        from ferromcp.fastmcp._local import listed

        async def inner(params: dict[str, Any]) -> Any:
            return listed(self, kind)
        return await self._in_process(method, {}, inner, run_middleware)

    async def _in_process(self, method: str, params: dict[str, Any], inner: Any,
                          run_middleware: bool) -> Any:
        if not run_middleware:
            return await inner(params)
        from ferromcp.fastmcp._middleware import in_process

        return await in_process(self, method, params, inner)

    async def _provided(self) -> None:
        """What the server's providers provide, registered, and its tool transforms applied
        (before it serves, the in-process API asks them itself)."""
        if self.__dict__.get("providers"):
            from ferromcp.fastmcp._providers import register

            await register(self)
        if self.__dict__.get("_tool_transforms"):
            from ferromcp.fastmcp import _transform

            _transform.apply(self)

    def add_transform(self, transform: Any) -> None:
        """fastmcp 3/4: applies ``transform`` (fastmcp's ``ToolTransform``) to the server's
        tools (see :mod:`ferromcp.fastmcp._transform`)."""
        from ferromcp.fastmcp import _transform

        _transform.add(self, transform)

    def _component(self, kind: str, key: str, version: Any, what: str) -> Any:
        """The component served as ``key``: None when there is none (fastmcp 3/4), fastmcp 2
        raises ``NotFoundError``."""
        from ferromcp.fastmcp._local import component

        found = component(self, kind, key, None if self._fastmcp_major < 3 else version)
        if found is None and self._fastmcp_major < 3:
            from ferromcp.fastmcp.exceptions import NotFoundError

            raise NotFoundError(f"Unknown {what}: {key}")
        return found

    async def get_tool(self, name: str, version: Any = None) -> Any:
        """The tool served as ``name`` (fastmcp's ``Tool``), or None."""
        await self._provided()
        return self._component("tools", name, version, "tool")

    async def get_resource(self, uri: str, version: Any = None) -> Any:
        """The resource served at ``uri`` (fastmcp's ``Resource``), or None."""
        await self._provided()
        return self._component("resources", str(uri), version, "resource")

    async def get_resource_template(self, uri: str, version: Any = None) -> Any:
        """The template ``uri`` (fastmcp's ``ResourceTemplate``), or None."""
        await self._provided()
        return self._component("resourceTemplates", str(uri), version, "resource template")

    async def get_prompt(self, name: str, version: Any = None,  # type: ignore[override]
                         **kw: Any) -> Any:
        """The prompt ``name`` (fastmcp's ``Prompt``), or None."""
        await self._provided()
        return self._component("prompts", name, version, "prompt")

    # fastmcp 2: every component of a kind, by name or URI.
    async def get_tools(self) -> dict[str, Any]:
        await self._provided()
        from ferromcp.fastmcp._local import listed

        return {c.name: c for c in listed(self, "tools", with_hidden=True)}

    async def get_resources(self) -> dict[str, Any]:
        await self._provided()
        from ferromcp.fastmcp._local import listed

        return {str(c.uri): c for c in listed(self, "resources", with_hidden=True)}

    async def get_resource_templates(self) -> dict[str, Any]:
        await self._provided()
        from ferromcp.fastmcp._local import listed

        return {c.uri_template: c
                for c in listed(self, "resourceTemplates", with_hidden=True)}

    async def get_prompts(self) -> dict[str, Any]:
        await self._provided()
        from ferromcp.fastmcp._local import listed

        return {c.name: c for c in listed(self, "prompts", with_hidden=True)}

    async def call_tool(self, name: str, arguments: dict[str, Any] | None = None,  # type: ignore[override]
                        *, version: Any = None, run_middleware: bool = True,
                        **kw: Any) -> Any:
        """Calls tool ``name`` in process: fastmcp 3/4's ``ToolResult``."""
        if self._fastmcp_major < 3:
            return await super().call_tool(name, arguments, **kw)
        await self._provided()
        from ferromcp.fastmcp._local import call_tool

        async def inner(params: dict[str, Any]) -> Any:
            return await call_tool(self, params.get("name", name), params.get("arguments"),
                                   version)
        return await self._in_process("tools/call",
                                      {"name": name, "arguments": dict(arguments or {})},
                                      inner, run_middleware)

    async def read_resource(self, uri: Any, *, version: Any = None,  # type: ignore[override]
                            run_middleware: bool = True, **_: Any) -> Any:
        """Reads ``uri`` in process: fastmcp 3/4's ``ResourceResult``."""
        if self._fastmcp_major < 3:
            return await super().read_resource(uri)
        await self._provided()
        from ferromcp.fastmcp._local import read_resource

        async def inner(params: dict[str, Any]) -> Any:
            return await read_resource(self, str(params.get("uri", uri)), version)
        return await self._in_process("resources/read", {"uri": str(uri)}, inner,
                                      run_middleware)

    async def render_prompt(self, name: str, arguments: dict[str, Any] | None = None, *,
                            version: Any = None, run_middleware: bool = True,
                            **_: Any) -> Any:
        """Renders prompt ``name`` in process: fastmcp's ``PromptResult``."""
        await self._provided()
        from ferromcp.fastmcp._local import render_prompt

        async def inner(params: dict[str, Any]) -> Any:
            return await render_prompt(self, params.get("name", name), params.get("arguments"),
                                       version)
        return await self._in_process("prompts/get",
                                      {"name": name, "arguments": dict(arguments or {})},
                                      inner, run_middleware)

    def add_provider(self, provider: Any) -> None:
        """Serves what a fastmcp provider (the fastmcp package's own, e.g. ``OpenAPIProvider``)
        provides, from when the server starts (see :mod:`ferromcp.fastmcp._providers`)."""
        if not isinstance(getattr(self, "providers", None), list):
            self.providers = list(getattr(self, "providers", None) or ())
        self.providers.append(provider)
        self._proxied(provider)

    def _proxied(self, provider: Any) -> None:
        # A ProxyProvider's backend is asked at each list, as fastmcp asks it.
        from ferromcp.fastmcp import _proxy

        if _proxy.is_proxy_provider(provider):
            _proxy.proxy_provider(self, provider)

    @classmethod
    def as_proxy(cls, backend: Any, **settings: Any) -> Any:
        """fastmcp 2/3: a proxy server for ``backend`` (see ``create_proxy``)."""
        from ferromcp.fastmcp._proxy import create_proxy

        return create_proxy(backend, **settings)

    async def _on_start(self, stack: Any) -> None:
        from ferromcp.fastmcp._providers import enter

        await enter(self, stack)
        await self._provided()

    @classmethod
    def from_openapi(cls, openapi_spec: dict[str, Any], client: Any = None,
                     name: str = "OpenAPI Server", route_maps: Any = None,
                     route_map_fn: Any = None, mcp_component_fn: Any = None,
                     mcp_names: dict[str, str] | None = None, tags: set[str] | None = None,
                     validate_output: bool = True, **settings: Any) -> FastMCP:
        """A server whose tools, resources and templates are the operations of an OpenAPI
        document, called through ``client``: fastmcp's own ``OpenAPIProvider`` (the
        ``fastmcp`` package installed beside ferromcp) served by ferromcp."""
        from ferromcp.fastmcp._providers import official

        provider = official("server.providers.openapi").OpenAPIProvider(
            openapi_spec=openapi_spec, client=client, route_maps=route_maps,
            route_map_fn=route_map_fn, mcp_component_fn=mcp_component_fn,
            mcp_names=mcp_names, tags=tags, validate_output=validate_output)
        return cls(name=name, providers=[provider], **settings)

    @classmethod
    def from_fastapi(cls, app: Any, name: str | None = None, route_maps: Any = None,
                     route_map_fn: Any = None, mcp_component_fn: Any = None,
                     mcp_names: dict[str, str] | None = None,
                     httpx_client_kwargs: dict[str, Any] | None = None,
                     tags: set[str] | None = None, **settings: Any) -> FastMCP:
        """:meth:`from_openapi` of a FastAPI app, called in process (fastmcp's own
        conversion)."""
        from ferromcp.fastmcp._providers import official

        httpx2 = __import__("httpx2")
        client = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app),
                                    **{"base_url": "http://fastapi", **(httpx_client_kwargs
                                                                       or {})})
        provider = official("server.providers.openapi").OpenAPIProvider(
            openapi_spec=app.openapi(), client=client, route_maps=route_maps,
            route_map_fn=route_map_fn, mcp_component_fn=mcp_component_fn,
            mcp_names=mcp_names, tags=tags)
        return cls(name=name or app.title, providers=[provider], **settings)

    async def run_async(self, transport: str | None = None, show_banner: bool | None = None,
                        **kw: Any) -> None:
        """Serves until cancelled: ``stdio`` (the default), ``http`` / ``streamable-http`` or
        ``sse`` (``host``, ``port``, ``path`` …)."""
        transport = transport or "stdio"
        self._run_transport = ("streamable-http" if transport in ("http", "streamable_http")
                               else transport)
        if transport == "stdio":
            await self.run_stdio_async()
        elif transport in ("http", "streamable-http", "streamable_http", "sse"):
            await self.run_http_async(transport, **kw)
        else:
            raise ValueError(f"Unknown transport: {transport}")

    # --- components ----------------------------------------------------------------------------

    def add_middleware(self, middleware: Any) -> None:
        """Adds ``middleware`` innermost (it runs after those added before it)."""
        self.middleware.append(middleware)

    def _tool_runner(self, name: str, fn: Any, fs: Any, result_meta: Any = None,
                     resolvers: Any = None) -> Any:
        return self._middleware_runner(
            name, super()._tool_runner(name, fn, fs, result_meta, resolvers))

    def _middleware_runner(self, name: str, runner: Any) -> Any:
        """A tool's runner as registered: one telling fastmcp middleware what the tool raised
        when the server has middleware (see :func:`ferromcp.fastmcp._middleware.recording`),
        else the runner itself (which the core may call more directly)."""
        from ferromcp.fastmcp._middleware import recording

        runners = self.__dict__.setdefault("_fastmcp_runners", {})
        runners[name] = runner
        recorded = self.__dict__.setdefault("_fastmcp_recorded", set())
        version = self.__dict__.get("_fastmcp_versioned", {}).get(name)
        if version is not None:
            # One version of several: told what it raises from the start (registering it
            # again later would need every version's definition).
            runners[f"{name}@{version}"] = runner
            recorded.add(name)
            return recording(runner)
        if not getattr(self, "middleware", None):
            recorded.discard(name)
            return runner
        recorded.add(name)
        return recording(runner)

    def _sync_tool_objects(self) -> None:
        super()._sync_tool_objects()
        if getattr(self, "middleware", None):
            self._record_tool_failures()
            # Mounted tools registered before the middleware: again, told what they raise.
            for link in self.__dict__.get("_mounts", ()):
                for (kind, key, _v), entry in list(link.child._registry.entries.items()):
                    if kind == "tools" and link.key(kind, key) not in self.__dict__.get(
                            "_fastmcp_recorded", ()):
                        link.added(kind, key, entry)

    def _record_tool_failures(self) -> None:
        """Registers again, telling middleware what they raise, the tools registered before
        the server had middleware."""
        runners = self.__dict__.get("_fastmcp_runners", {})
        recorded = self.__dict__.setdefault("_fastmcp_recorded", set())
        pending = [n for n in runners if n not in recorded]
        if not pending:
            return
        from ferromcp.fastmcp._middleware import recording

        served = {d.get("name") for d in self._registry.list("tools")}
        served |= self._visibility.hidden.get("tools", set())
        objects = self.__dict__.get("_fastmcp_object_tools", {})
        for name in pending:
            if name not in served:
                continue
            entry = self._tools.get(name)
            definition = entry[2] if entry is not None else objects.get(name)
            if definition is None:
                continue
            if entry is not None and getattr(entry[1], "arg_model_replaced", False):
                self._registry.add_tool_unchecked(definition, recording(runners[name]))
            else:
                self._registry.add_tool(definition, recording(runners[name]), True)
            recorded.add(name)

    def add_tool(self, tool: Any, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        """Registers a ``Tool`` (``Tool.from_function(fn)``, or a ``Tool`` subclass with
        ``run()``) or a function; returns the ``Tool``."""
        from ferromcp.fastmcp import _transform
        from ferromcp.fastmcp._components import FunctionTool, Tool

        if _transform.is_fastmcp_tool(tool):  # fastmcp's own: a transformed tool
            _transform.serve(self, tool)
            return tool
        if isinstance(tool, FunctionTool):
            super().add_tool(tool.fn, **{k: v for k, v in tool._given.items()
                                         if k != "name"}, name=tool.name)
            return tool
        if isinstance(tool, Tool):
            self._add_tool_object(tool)
            return tool
        name = kw.get("name") or (args[0] if args else None) or tool.__name__
        if not self._may_add("tool", name, self._tools):
            return self._tools_as_objects(name, self._tools[name][0])
        fn = _injected(tool)
        if kw.get("exclude_args"):  # fastmcp 2: parameters the client never sets
            fn = _without_arguments(fn, kw["exclude_args"])
        if kw.get("timeout") is not None and self._fastmcp_major >= 3:
            fn = _timed(fn, name, kw["timeout"])
        super().add_tool(fn, *args, **kw)
        if kw.get("enabled") is False:  # fastmcp 2: registered, not served until enabled
            self.disable(keys={f"tool:{name}@"})
        return self._tools_as_objects(kw.get("name") or (args[0] if args else None) or
                                      tool.__name__, tool)

    # fastmcp 2's decorators answer the component they registered (``add.fn``, ``disable()``);
    # fastmcp 3 and 4's answer the function.
    def tool(self, name: Any = None, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        return self._decorated("tools", name, super().tool(name, *args, **kw))

    def resource(self, uri: Any, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        return self._decorated("resources", None, super().resource(uri, *args, **kw))

    def prompt(self, name: Any = None, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        return self._decorated("prompts", name, super().prompt(name, *args, **kw))

    def _decorated(self, kind: str, first: Any, made: Any) -> Any:
        if self._fastmcp_major != 2:
            return made
        if callable(first) and not isinstance(first, str):
            return self._registered_object(kind, made)  # bare: ``made`` is the function
        return lambda fn: self._registered_object(kind, made(fn))

    def _registered_object(self, kind: str, fn: Any) -> Any:
        """The component ``fn`` was just registered as, bound to this server."""
        from ferromcp.fastmcp._local import component

        def made_of(registered: Any) -> bool:
            return registered is fn or getattr(registered, "__wrapped_injected__", None) is fn

        if kind == "tools":
            key = next(n for n, e in reversed(self._tools.items()) if made_of(e[0]))
        elif kind == "prompts":
            key = next(n for n, e in reversed(self._prompts.items())
                       if made_of(getattr(e, "fn", None)))
        else:
            key = next(u for u, e in reversed(self._resources.items())
                       if made_of(getattr(e, "fn", None)))
            if "{" in key:
                kind = "resourceTemplates"
        found = component(self, kind, key)
        if found is None:  # hidden by a rule already
            return fn
        found._server = self
        return found

    # Functions with dependency parameters (``Depends(...)``, ``CurrentContext()``) are served
    # without them; the dependencies are resolved for each call.
    def _add_function_resource(self, fn: Any, *args: Any, **kw: Any) -> Any:
        return super()._add_function_resource(_injected(fn), *args, **kw)

    def _add_function_prompt(self, fn: Any, *args: Any, **kw: Any) -> Any:
        return super()._add_function_prompt(_injected(fn), *args, **kw)

    def _may_add(self, kind: str, key: str, existing: Any) -> bool:
        """fastmcp's ``on_duplicate`` (fastmcp 2: ``on_duplicate_tools`` …) for a component
        registered again: ``error`` raises, ``ignore`` keeps the first, ``warn`` (the default)
        and ``replace`` replace it."""
        if key not in existing:
            return True
        behavior = (self.__dict__.get(f"_on_duplicate_{kind}s")
                    or self.__dict__.get("on_duplicate") or self.__dict__.get("_on_duplicate")
                    or "warn")
        what = (f"Component already exists: {kind}:{key}@" if self._fastmcp_major >= 3
                else f"{kind.title()} already exists: {key}")
        if behavior == "error":
            raise ValueError(what)
        if behavior == "warn":
            import logging

            logging.getLogger("fastmcp").warning(what)
        return behavior != "ignore"

    def _tools_as_objects(self, name: str, fn: Any) -> Any:
        from ferromcp.fastmcp._components import FunctionTool

        entry = self._tools.get(name)
        made = FunctionTool.__new__(FunctionTool)
        made.fn = fn
        made._given = {"name": name}
        made._fill(entry[2] if entry else {"name": name})
        return made

    def _add_tool_object(self, tool: Any) -> None:
        """Serves a ``Tool`` of the server's own: listed as it describes itself, called
        through its ``run(arguments)``."""
        from ferromcp.fastmcp._components import ToolResult

        definition = tool._listing()
        definition.setdefault("inputSchema", {"type": "object", "properties": {}})
        if self._fastmcp_major == 4 and "title" not in definition:
            definition["title"] = _title_of(tool.name)
            self.__dict__.setdefault("_fastmcp_named_titles", set()).add(tool.name)
        definition = self._shape_listing(definition, tool.tags)

        async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
            from ferromcp.server.lowlevel.server import request_ctx

            request_ctx.set(core_ctx)
            try:
                value = await tool.run(params.get("arguments") or {})
                if not isinstance(value, ToolResult):
                    value = ToolResult(value)
            except Exception as exc:  # noqa: BLE001 - the core answers it
                slot.raised(exc)
                return
            slot.done(value._wire())
        self.__dict__.setdefault("_fastmcp_object_tools", {})[tool.name] = definition
        self._registry.add_tool(definition, self._middleware_runner(tool.name, runner), True)

    def add_resource(self, resource: Any) -> Any:  # type: ignore[override]
        """Registers a ``Resource`` (``TextResource``, ``FunctionResource`` …, or one of the
        fastmcp package's own: ``FileResource``, ``DirectoryResource`` …); returns it."""
        from ferromcp.fastmcp._components import FunctionResource, ResourceTemplate
        from ferromcp.fastmcp._providers import fastmcp_kind, serve_component

        if fastmcp_kind(resource) is not None:
            serve_component(self, resource)
            return resource
        if isinstance(resource, ResourceTemplate):
            return self.add_template(resource)
        if isinstance(resource, FunctionResource):
            self._add_function_resource(
                resource.fn, resource.uri, name=resource.name, title=resource.title,
                description=resource.description, mime_type=resource._mime_given,
                icons=resource.icons, annotations=resource.annotations, meta=resource.meta,
                tags=resource.tags)
            return resource
        super().add_resource(resource)
        return resource

    def add_template(self, template: Any) -> Any:
        """Registers a ``ResourceTemplate`` (``ResourceTemplate.from_function``); returns it."""
        from ferromcp.fastmcp._providers import fastmcp_kind, serve_component

        if fastmcp_kind(template) is not None:
            serve_component(self, template)
            return template
        if template.fn is None:
            raise TypeError("add_template() needs a template made from a function")
        self._add_function_resource(
            template.fn, template.uri_template, name=template.name, title=template.title,
            description=template.description, mime_type=template._mime_given,
            icons=template.icons, annotations=template.annotations, meta=template.meta,
            tags=template.tags, security=template.security)
        return template

    def add_prompt(self, prompt: Any) -> Any:  # type: ignore[override]
        """Registers a ``Prompt`` (``Prompt.from_function(fn)``) or a function; returns it."""
        from ferromcp.fastmcp._providers import fastmcp_kind, serve_component

        if fastmcp_kind(prompt) is not None:
            serve_component(self, prompt)
            return prompt
        fn = getattr(prompt, "fn", None)
        if fn is None and callable(prompt):
            fn, prompt = prompt, None
        if fn is None:
            raise TypeError("add_prompt() needs a prompt with a callable `fn`")
        self._add_function_prompt(fn, getattr(prompt, "name", None),
                                  getattr(prompt, "title", None),
                                  getattr(prompt, "description", None),
                                  getattr(prompt, "icons", None), getattr(prompt, "tags", None))
        return prompt

    def _app_settings(self, kw: dict[str, Any]) -> dict[str, Any]:
        # fastmcp's ``auth=`` provider protects the HTTP endpoints.
        return {**super()._app_settings(kw), "fastmcp_auth": self.__dict__.get("auth")}

    def _core_options(self, transport: str = "stdio") -> dict[str, Any]:
        global _serving
        _serving = self
        if not self.__dict__.get("_mounts_relisted"):
            # Once, before serving: the server's own components listed first, then each
            # mount's, as fastmcp lists them.
            self.__dict__["_mounts_relisted"] = True
            for link in self.__dict__.get("_mounts", ()):
                link.relist()
        return super()._core_options(transport)

    @property
    def _flavor(self) -> str:
        """The core's answer rules for this major version (``Flavor::FastMcpV2`` …)."""
        return {2: "fastmcp2", 3: "fastmcp3"}.get(self._fastmcp_major, "fastmcp")

    # --- shapes --------------------------------------------------------------------------------

    @property
    def _version_meta(self) -> str | None:  # type: ignore[override]
        # fastmcp 3 and 4 serve several versions of a component (``version=``).
        return "fastmcp" if self._fastmcp_major >= 3 else None

    def _meta_for(self, meta: Any, tags: Any, version: Any = None) -> dict[str, Any] | None:
        """``_meta`` with fastmcp's own entry: the component's tags, sorted, and its version."""
        out = dict(meta) if isinstance(meta, dict) else {}
        if self._fastmcp_major == 2:
            if not getattr(self, "_include_fastmcp_meta", True):
                return out or None
            key = "_fastmcp"
            upstream = out.get(key) if isinstance(out.get(key), dict) else {}
        else:
            key = "fastmcp"
            upstream = {k: v for k, v in (out.get(key) or {}).items() if not k.startswith("_")}
        own: dict[str, Any] = {"tags": sorted(tags or ())}
        version = _version_text(version)
        if version is not None and self._fastmcp_major >= 3:
            own["version"] = version
        out[key] = {**upstream, **own}
        return out

    def _shape_tool(self, definition: dict[str, Any], fn: Callable[..., Any], fs: Any,
                    **given: Any) -> dict[str, Any]:
        major = self._fastmcp_major
        fs.compact_json = True
        out = dict(definition)
        if given.get("description") is None:
            if major == 2:
                doc, params = inspect.getdoc(fn), {}
            else:
                doc, params = _parse_docstring(fn, needs_parameters=major == 3)
            if doc is None:
                out.pop("description", None)
            else:
                out["description"] = doc
        else:
            params = {} if major == 2 else _parse_docstring(fn, needs_parameters=major == 3)[1]
        out["inputSchema"] = _input_schema(fs.input_schema, params, major)
        if major < 4 and fs.output_schema is None and "output_schema" not in given:
            _bare_sequence_output(fn, fs)
        if fs.output_schema is not None:
            schema = _pruned(_dereferenced(fs.output_schema))
            if fs.wrap_output:
                if major == 2:
                    schema = {"description": "Generic wrapper for non-object return types.",
                              **schema}
                schema["x-fastmcp-wrap-result"] = True
            out["outputSchema"] = schema
        if "output_schema" in given:
            # fastmcp's `output_schema=`: the schema listed as given (results wrapped when it
            # says so), or None for none.
            schema = given["output_schema"]
            fs.output_schema = schema
            if schema is None:
                fs._output = fs.scalar_output = None
                fs.wrap_output = False
                out.pop("outputSchema", None)
            else:
                fs.wrap_output = bool(schema.get("x-fastmcp-wrap-result"))
                out["outputSchema"] = schema
        annotations = given.get("annotations")
        if given.get("title") is None:
            title = (annotations.get("title") if isinstance(annotations, dict)
                     else getattr(annotations, "title", None))
            if title is None and major == 4:
                # fastmcp 4 titles every tool (some clients drop a tool without one), from the
                # name it is served under (a mount renames it).
                title = _title_of(definition["name"])
                self.__dict__.setdefault("_fastmcp_named_titles", set()).add(definition["name"])
            if title is not None:
                out["title"] = title
        meta = self._meta_for(given.get("meta"), given.get("tags"), given.get("version"))
        if meta is not None:
            out["_meta"] = meta
            version = meta.get("fastmcp", {}).get("version")
            if version is not None:
                self.__dict__.setdefault("_fastmcp_versioned", {})[definition["name"]] = version
        self._visible(out, given.get("tags"), "tool")
        return out

    def _shape_listing(self, definition: dict[str, Any], tags: Any,
                       version: Any = None) -> dict[str, Any]:
        meta = self._meta_for(definition.get("_meta"), tags, version)
        out = {**definition, "_meta": meta} if meta is not None else definition
        self._visible(out, tags)
        return out

    def _visible(self, definition: dict[str, Any], tags: Any, kind: str | None = None) -> None:
        """Records a component being registered, for the visibility rules (hidden at once when
        they say so)."""
        from ferromcp.fastmcp._visibility import component_of

        version = (definition.get("_meta") or {}).get("fastmcp", {}).get("version")
        # A component shaped before the server has its registry (``Tool.from_function``) waits
        # for the first rule.
        self._visibility.add_component(self.__dict__.get("_registry"),
                                       component_of(definition, tags, kind, version))

    def _result_meta(self, fs: Any) -> dict[str, Any] | None:
        if self._fastmcp_major >= 3 and fs.wrap_output:
            return {"fastmcp": {"wrap_result": True}}
        return None

    def _announced_capabilities(self, transport: str) -> dict[str, Any] | None:
        major = self._fastmcp_major
        runners = self._lowlevel._runners
        # Over stdio fastmcp 2 and 3 announce only tool-list changes; over HTTP, and always in
        # fastmcp 4, changes of every list.
        every = major == 4 or transport != "stdio"
        caps: dict[str, Any] = {}
        experimental = getattr(self, "experimental_capabilities", None) or getattr(
            self, "_experimental_capabilities", None)
        if major < 4 or experimental:
            caps["experimental"] = dict(experimental or {})
        if major >= 3 or "logging/setLevel" in runners:
            caps["logging"] = {}
        if "completion/complete" in runners:
            caps["completions"] = {}
        caps["prompts"] = {"listChanged": every}
        caps["resources"] = {"subscribe": False, "listChanged": every}
        caps["tools"] = {"listChanged": True}
        if major == 3:
            caps["extensions"] = {_UI_EXTENSION: {}}
        return caps


#: The server serving last: what ``get_context()`` names when no request says otherwise.
_serving: FastMCP | None = None


def tool_definition(fn: Callable[..., Any], **given: Any) -> dict[str, Any]:
    """The ``tools/list`` entry ``@mcp.tool`` would give ``fn`` (``Tool.from_function``)."""
    shaper = FastMCP.__new__(FastMCP)
    shaper._fastmcp_major = installed_major()
    return shaper._tool_definition(fn, **given)[1]


#: The keywords the fastmcp 4 check (``_highlevel._check_keywords``) takes.
_FOUR_KEYWORDS = frozenset((
    "auth", "middleware", "providers", "transforms", "on_duplicate", "dereference_schemas",
    "strict_input_validation", "resource_security", "request_state_security", "cache_ttl",
    "cache_scope", "tasks", "session_state_store", "client_log_level",
    "experimental_capabilities"))


def _title_of(name: str) -> str:
    """fastmcp 4's title of a tool that has none: its name in words."""
    return name.replace("_", " ").replace("-", " ").title()


def _version_text(v: Any) -> str | None:
    """A component's version as fastmcp keeps it: text (an int or float written as text)."""
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise TypeError(f"Version must be a string, int, or float, got {type(v).__name__}: "
                        f"{v!r}")
    text = str(v)
    if "@" in text:
        raise ValueError(f"Version string cannot contain '@' (used as key delimiter): {text!r}")
    return text


def _pruned(schema: Any, kept: dict[str, str] | None = None) -> Any:
    """A copy of ``schema`` without ``title`` keywords (property names called ``title`` stay);
    ``kept`` gives titles to keep on the top level's properties."""
    if isinstance(schema, list):
        return [_pruned(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "title" and isinstance(value, str):
            continue
        if key in ("properties", "$defs", "definitions", "patternProperties") and isinstance(
                value, dict):
            out[key] = {name: _pruned(sub) for name, sub in value.items()}
            if key == "properties" and kept:
                for name, title in kept.items():
                    if isinstance(out[key].get(name), dict):
                        out[key][name] = {"title": title, **out[key][name]}
        else:
            out[key] = _pruned(value)
    return out


def _dereferenced(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its ``$defs`` written in place of the ``$ref``s to them, as fastmcp lists
    schemas (a ``$ref``'s sibling keywords, such as ``default``, stay beside what it names); a
    recursive definition leaves the schema as it is."""
    defs = schema.get("$defs")
    if not isinstance(defs, dict) or not defs:
        return schema

    class _Recursive(Exception):
        pass

    def inline(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(n, seen) for n in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs:
            name = ref[8:]
            if name in seen:
                raise _Recursive
            target = inline(defs[name], (*seen, name))
            return {**target, **{k: inline(v, seen) for k, v in node.items() if k != "$ref"}}
        return {k: inline(v, seen) for k, v in node.items() if k != "$defs"}

    try:
        return inline(schema, ())  # type: ignore[no-any-return]
    except _Recursive:
        return schema


def _input_schema(schema: dict[str, Any], params: dict[str, str], major: int) -> dict[str, Any]:
    from ferromcp._schema import _title

    # fastmcp 4 keeps a title the author wrote (one pydantic would not derive from the name).
    kept = {name: prop["title"] for name, prop in schema.get("properties", {}).items()
            if major == 4 and isinstance(prop, dict) and isinstance(prop.get("title"), str)
            and prop["title"] != _title(name)}
    out = _pruned(_dereferenced(schema), kept)
    properties = out.get("properties", {})
    for name, text in params.items():
        if name in properties and "description" not in properties[name]:
            properties[name]["description"] = text
    if major >= 3:
        out = {"additionalProperties": False, **out}
    return out
