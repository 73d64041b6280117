"""The low-level ``Server``, serving both official API generations.

* ``mcp`` 1.x: decorators (``@server.list_tools()``, ``@server.call_tool()``, …) with 1.x return
  wrapping and ``server.request_context``;
* ``mcp`` 2.x: ``Server(name, on_list_tools=..., on_call_tool=...)`` with ``(ctx, params)``
  handlers returning whole results.

Each handler is compiled once, at registration, into a *runner* the core starts per request; the
runner calls the author's function, shapes its result and reports back. Where the generations
answer differently on the wire (a tool that raises: ``isError`` in 1.x, an error in 2.x), each
handler follows the generation it was registered with.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import contextvars
import functools
import inspect
import json
import types
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ferromcp import _core
from ferromcp import types as t
from ferromcp._generic import Parameterized
from ferromcp._official import names_getattr as _official_names
from ferromcp.server._middleware import boundary_options as _boundary_options
from ferromcp.server._middleware import chain as _middleware_chain
from ferromcp.server.caching import CacheHint as CacheHint  # the official module exposes it
from ferromcp.server.caching import core_cache_hints, validate_cache_hints
from ferromcp.server.context import (  # noqa: F401 - names the official 2.x module has
    ServerMiddleware,
    ServerRequestContext,
)
from ferromcp.server.lowlevel.helper_types import AnyUrl, ReadResourceContents
from ferromcp.server.models import InitializationOptions
from ferromcp.server.session import ServerSession
from ferromcp.server.stdio import StdioStream
from ferromcp.shared.exceptions import (  # noqa: F401 - names the official module has
    McpError,
    UrlElicitationRequiredError,
)

__all__ = ["Server", "NotificationOptions", "RequestContext", "request_ctx"]

LifespanResultT = TypeVar("LifespanResultT")
RequestT = TypeVar("RequestT")

#: The core request context of the request being served (the 1.x ``request_ctx``).
request_ctx: contextvars.ContextVar[Any] = contextvars.ContextVar("request_ctx")
_lifespan_ctx: contextvars.ContextVar[Any] = contextvars.ContextVar("lifespan_ctx")

_V1, _V2 = 1, 2

#: ``lifespan_state`` of :meth:`Server._serve` when the connection enters the server's own
#: ``lifespan`` (``Server.run``); the 2.x runner entry points pass the value they were given.
ENTER_LIFESPAN: Any = object()


class NotificationOptions:
    """Which list-changed notifications the server announces."""

    def __init__(self, prompts_changed: bool = False, resources_changed: bool = False,
                 tools_changed: bool = False) -> None:
        self.prompts_changed = prompts_changed
        self.resources_changed = resources_changed
        self.tools_changed = tools_changed


class _Meta(dict[str, Any]):
    """``params._meta``: a dict (2.x reads ``meta.get("progress_token")``) that also answers to
    attributes (1.x reads ``meta.progressToken``)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        super().__init__(raw)
        if "progressToken" in raw:
            self["progress_token"] = raw["progressToken"]

    def __getattr__(self, name: str) -> Any:
        if name in self:
            return self[name]
        if name in ("progressToken", "progress_token"):
            return None
        raise AttributeError(name)


@dataclass
class RequestContext(Parameterized):
    """What a handler knows about the request it serves (1.x ``server.request_context`` and the
    2.x ``ctx`` argument)."""

    __type_arguments__ = range(2, 4)  # 1.x: [Session, Lifespan] or [Session, Lifespan, Request]

    request_id: Any
    meta: Any
    session: ServerSession
    lifespan_context: Any
    request: Any = None
    method: str = ""
    params: Any = None
    protocol_version: str | None = None
    close_sse_stream: Any = None
    close_standalone_sse_stream: Any = None
    _core_ctx: Any = field(default=None, repr=False)

    async def report_progress(self, progress: float, total: float | None = None,
                              message: str | None = None) -> None:
        """Reports progress for this request; a no-op when the client sent no token."""
        self._core_ctx.report_progress(progress, total, message)


class _LiveRequestContext(RequestContext[Any, Any]):
    """A RequestContext whose fields are read from the core on first access, so a handler that
    never looks at its context costs nothing for it."""

    def __init__(self, core_ctx: Any) -> None:  # noqa: D107 - fields are lazy
        self._core_ctx = core_ctx

    @property  # type: ignore[override]
    def request_id(self) -> Any:
        return self._core_ctx.request_id

    @property  # type: ignore[override]
    def method(self) -> str:
        return self._core_ctx.method

    @property  # type: ignore[override]
    def meta(self) -> Any:
        raw = self._core_ctx.meta
        return _Meta(raw) if raw is not None else None

    @property  # type: ignore[override]
    def session(self) -> ServerSession:
        s = self.__dict__.get("_session")
        if s is None:
            s = self.__dict__["_session"] = ServerSession(self._core_ctx.session, self._core_ctx)
        return s

    @property  # type: ignore[override]
    def lifespan_context(self) -> Any:
        return _lifespan_ctx.get(None)

    @property  # type: ignore[override]
    def protocol_version(self) -> str | None:
        return self.session.protocol_version

    @property  # type: ignore[override]
    def request(self) -> Any:
        """The HTTP request that carried this one (a Starlette ``Request``); None over stdio."""
        try:
            return self.__dict__["_request"]
        except KeyError:
            from ferromcp.server._http import request_of

            r = self.__dict__["_request"] = request_of(self._core_ctx.http_request)
            return r

    @property  # type: ignore[override]
    def close_sse_stream(self) -> Any:
        """``async () -> None`` closing this request's SSE stream for the client to resume it;
        ``None`` when it cannot (no event store, JSON answers, a client before 2025-11-25)."""
        return _closer(self._core_ctx, False)

    @property  # type: ignore[override]
    def close_standalone_sse_stream(self) -> Any:
        """``async () -> None`` closing the session's GET stream; ``None`` when it cannot."""
        return _closer(self._core_ctx, True)

    def __repr__(self) -> str:
        return f"RequestContext(request_id={self.request_id!r}, method={self.method!r})"


def guard_options(lowlevel: Any) -> dict[str, Any]:
    from ferromcp._guards import guard_options as options

    return options(lowlevel)


def _closer(core_ctx: Any, standalone: bool) -> Any:
    if not core_ctx.can_close_stream(standalone):
        return None

    async def close() -> None:
        core_ctx.close_stream(standalone)
    return close


def _context(core_ctx: Any) -> RequestContext[Any, Any]:
    # What the constructor does, without the cost of calling a Python __init__ (one per request).
    ctx = _new_object(_LiveRequestContext)
    ctx._core_ctx = core_ctx
    return ctx


_new_object = object.__new__


@asynccontextmanager
async def _default_lifespan(_server: Any) -> AsyncIterator[dict[str, Any]]:
    yield {}


# --- error answers -----------------------------------------------------------------------------
# A runner reports what its handler raised with ``slot.raised(exc)``; the core answers it by the
# rules of the generation the handler was registered with, named by ``__ferromcp_flavor__``
# (1.x decorators: ``lowlevel1``; 2.x ``on_*`` handlers: ``lowlevel2``).

def _flavored(runner: Runner, flavor: str) -> Runner:
    runner.__ferromcp_flavor__ = flavor  # type: ignore[attr-defined]
    return runner


_COROUTINE = types.CoroutineType


def _awaitable(value: Any) -> bool:
    """``inspect.isawaitable`` with the common case (a coroutine) answered without a call."""
    return type(value) is _COROUTINE or inspect.isawaitable(value)


async def _call(fn: Callable[..., Any], *args: Any) -> Any:
    r = fn(*args)
    if _awaitable(r):
        r = await r
    return r


# --- 1.x result shaping ------------------------------------------------------------------------

def _v1_tool_result(result: Any) -> Any:
    if type(result) is list:
        return {"content": result, "isError": False}
    if isinstance(result, t.CallToolResult) or type(result).__name__ in (
            "CallToolResult", "CreateTaskResult"):
        return result
    if isinstance(result, tuple) and len(result) == 2:
        unstructured, structured = result
        return {"content": list(unstructured), "structuredContent": structured, "isError": False}
    if isinstance(result, dict):
        return {"content": [{"type": "text", "text": json.dumps(result, indent=2)}],
                "structuredContent": result, "isError": False}
    if isinstance(result, Iterable) and not isinstance(result, str | bytes):
        return {"content": list(result), "isError": False}
    return {"content": [{"type": "text",
                         "text": f"Unexpected return type from tool: {type(result).__name__}"}],
            "isError": True}


def _list_result(key: str) -> Callable[[Any], Any]:
    def shape(result: Any) -> Any:
        if isinstance(result, list | tuple):
            return {key: list(result)}
        return result
    return shape


def _v1_contents(uri: str, result: Any) -> Any:
    """1.x ``read_resource`` returns: str, bytes, or an iterable of ReadResourceContents."""
    if isinstance(result, str):
        return {"contents": [{"uri": uri, "text": result, "mimeType": "text/plain"}]}
    if isinstance(result, bytes):
        return {"contents": [{"uri": uri, "blob": base64.b64encode(result).decode(),
                              "mimeType": "application/octet-stream"}]}
    if isinstance(result, t.ReadResourceResult) or type(result).__name__ == "ReadResourceResult":
        return result
    if isinstance(result, dict) and "contents" in result:
        return result
    contents = []
    for item in result:
        if isinstance(item, ReadResourceContents):
            c = item.content
            entry: dict[str, Any] = {"uri": uri}
            if isinstance(c, bytes):
                entry["blob"] = base64.b64encode(c).decode()
                entry["mimeType"] = item.mime_type or "application/octet-stream"
            else:
                entry["text"] = c
                entry["mimeType"] = item.mime_type or "text/plain"
            if item.meta is not None:
                entry["_meta"] = item.meta
            contents.append(entry)
        else:
            contents.append(item)
    return {"contents": contents}


def _v1_completion(result: Any) -> Any:
    if result is None:
        return {"completion": {"values": []}}
    if isinstance(result, t.CompleteResult) or (
            isinstance(result, dict) and "completion" in result):
        return result
    return {"completion": result}


def _takes_argument(fn: Callable[..., Any]) -> bool:
    try:
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return False
    return len(params) > 0


def _ref(ref: dict[str, Any]) -> Any:
    if ref.get("type") == "ref/prompt":
        return t.PromptReference(**ref)
    return t.ResourceTemplateReference(**ref)


# --- runners -----------------------------------------------------------------------------------
# A runner is ``async def runner(slot, core_ctx, params)`` (2.x: ``(slot, core_ctx, ctx,
# typed_params)``, see ``_v2_runner``); it must report through ``slot``.

Runner = Callable[..., Awaitable[None]]


def _v1_runner(fn: Callable[..., Any], args: Callable[[dict[str, Any]], tuple[Any, ...]],
               shape: Callable[[Any], Any] | None) -> Runner:
    async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
        request_ctx.set(core_ctx)
        try:
            result = fn(*args(params))
            if type(result) is _COROUTINE or _awaitable(result):  # the common case inline
                result = await result
        except Exception as exc:  # noqa: BLE001 - every failure becomes an answer
            slot.raised(exc)
            return
        slot.done(shape(result) if shape is not None else result)
    return runner


def _is_async_def(fn: Callable[..., Any]) -> bool:
    """Whether calling ``fn`` makes a native coroutine (an ``async def`` function or method)."""
    f = getattr(fn, "__func__", fn)
    return isinstance(f, types.FunctionType) and bool(f.__code__.co_flags & inspect.CO_COROUTINE)


# An ``async def`` handler is called and driven by the core binding itself, which does what
# its runner would; ``__ferromcp_direct__`` says how (see ``Direct`` in bindings-python's
# handler.rs). The runner serves the other callables and Python 3.10.

def _v1_call_tool_runner(fn: Callable[..., Any]) -> Runner:
    async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
        request_ctx.set(core_ctx)
        try:
            result = fn(params["name"], params.get("arguments") or {})
            if type(result) is _COROUTINE or _awaitable(result):  # the common case inline
                result = await result
        except Exception as exc:  # noqa: BLE001 - 1.x: any exception is an isError result
            slot.raised(exc)
            return
        slot.done_v1_tool(result, _v1_tool_result)
    if _is_async_def(fn):
        runner.__ferromcp_direct__ = {  # type: ignore[attr-defined]
            "function": fn, "var": request_ctx,
            "call": "name_arguments", "finish": "v1_tool", "shape": _v1_tool_result}
    return runner


def _v2_runner(fn: Callable[..., Any], params_type: type[t._Model] | None) -> Runner:
    # The core binding builds the context and the typed params (``__ferromcp_typed__``).
    async def runner(slot: Any, core_ctx: Any, ctx: Any, typed: Any) -> None:
        request_ctx.set(core_ctx)
        try:
            result = fn(ctx, typed)
            if type(result) is _COROUTINE or _awaitable(result):  # the common case inline
                result = await result
        except Exception as exc:  # noqa: BLE001 - 2.x: every failure is a JSON-RPC error
            slot.raised(exc)
            return
        slot.done_v2(result)
    runner.__ferromcp_typed__ = (params_type, _LiveRequestContext)  # type: ignore[attr-defined]
    if _is_async_def(fn):
        runner.__ferromcp_direct__ = {  # type: ignore[attr-defined]
            "function": fn, "var": request_ctx, "call": "typed", "finish": "v2"}
    return _flavored(runner, "lowlevel2")


_V2_KEYWORDS: dict[str, tuple[str, type[t._Model] | None]] = {
    "on_list_tools": ("tools/list", t.PaginatedRequestParams),
    "on_call_tool": ("tools/call", t.CallToolRequestParams),
    "on_list_resources": ("resources/list", t.PaginatedRequestParams),
    "on_list_resource_templates": ("resources/templates/list", t.PaginatedRequestParams),
    "on_read_resource": ("resources/read", t.ReadResourceRequestParams),
    "on_subscribe_resource": ("resources/subscribe", t.SubscribeRequestParams),
    "on_unsubscribe_resource": ("resources/unsubscribe", t.UnsubscribeRequestParams),
    "on_list_prompts": ("prompts/list", t.PaginatedRequestParams),
    "on_get_prompt": ("prompts/get", t.GetPromptRequestParams),
    "on_completion": ("completion/complete", None),
    "on_set_logging_level": ("logging/setLevel", t.SetLevelRequestParams),
    "on_ping": ("ping", t.RequestParams),
}
_V2_NOTIFICATIONS: dict[str, tuple[str, type[t._Model] | None]] = {
    "on_progress": ("notifications/progress", t.ProgressNotificationParams),
    "on_roots_list_changed": ("notifications/roots/list_changed", t.NotificationParams),
}


class _Decorator:
    """What a bare 1.x decorator factory (``server.list_tools()``) returns: called with a
    function it registers it; awaited it runs the registered handler in process."""

    __slots__ = ("_register", "_run")

    def __init__(self, register: Callable[[Callable[..., Any]], Callable[..., Any]],
                 run: Callable[[], Awaitable[Any]]) -> None:
        self._register = register
        self._run = run

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        return self._register(fn)

    def __await__(self) -> Any:
        return self._run().__await__()



def _listen_options(handler: Any) -> dict[str, Any]:
    """Listens are served (from the handler's bus) when ``on_subscriptions_listen`` is a
    ``ListenHandler``."""
    from ferromcp.server.subscriptions import ListenHandler

    if isinstance(handler, ListenHandler):
        return {"subscriptions": True, "subscriptionBus": handler.bus,
                "maxSubscriptions": handler.max_subscriptions, "listenHandler": handler}
    return {"subscriptions": False}

class Server(Parameterized):
    """A low-level MCP server.

    Args:
        name: ``serverInfo.name``.
        version: ``serverInfo.version`` (defaults to ferromcp's version).
        instructions: instructions for the client's model.
        website_url: ``serverInfo.websiteUrl``.
        icons: ``serverInfo.icons``.
        lifespan: ``lifespan(server)`` → async context manager whose value handlers see as
            ``request_context.lifespan_context``.
        title: ``serverInfo.title``.
        description: ``serverInfo.description``.
        cache_hints: ``{method: CacheHint}``, the ``ttlMs``/``cacheScope`` of cacheable
            results sent to 2026-07-28 clients (``server.cache_hints``).
        get_tool_input_schema: 2.x lookup used for HTTP ``Mcp-Param-*`` header checks (kept as
            ``server.get_tool_input_schema``).
        validate_input: ferromcp's option: whether the core checks ``tools/call`` arguments
            against the tool's ``inputSchema`` before the handler runs. None (the default)
            follows the generation: on for 1.x decorator servers (``mcp`` 1.x validates; see
            also ``call_tool(validate_input=...)``), off for 2.x ``on_call_tool`` servers
            (``mcp`` 2.x does not validate, the handler sees the arguments as sent).
        **handlers: the 2.x ``on_*`` handlers, ``async (ctx, params) -> result``.
    """

    __type_arguments__ = range(1, 3)  # [Lifespan] (both), [Lifespan, Request] (1.x)

    def __init__(
        self,
        name: str,
        version: str | None = None,
        instructions: str | None = None,
        website_url: str | None = None,
        icons: list[t.Icon] | None = None,
        lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] = _default_lifespan,
        *,
        title: str | None = None,
        description: str | None = None,
        cache_hints: Any = None,
        get_tool_input_schema: Callable[[str], Any] | None = None,
        validate_input: bool | None = None,
        **handlers: Any,
    ) -> None:
        self.name = name
        # 2.x servers (on_* handlers) default to an empty version, as the official 2.x does.
        self.version = version if version is not None or not any(
            v is not None for v in handlers.values()) else ""
        self.instructions = instructions
        self.website_url = website_url
        self.icons = icons
        self.lifespan = lifespan
        self.title = title
        self.description = description
        self.cache_hints = validate_cache_hints(cache_hints)
        self.get_tool_input_schema = get_tool_input_schema
        #: 2.x middleware, outermost first (``mcp.server.context.ServerMiddleware``).
        self.middleware: list[Any] = []
        self._validate_option = validate_input
        self._validate_input = True  # `@call_tool(validate_input=...)`, the 1.x spelling
        #: 2.x style: any `on_*` handler given here or through add_request_handler.
        self._v2 = False
        self._runners: dict[str, Runner] = {}
        self._notifications: dict[str, Callable[[Any, Any], Any]] = {}
        #: 1.x handlers as called in process (``await server.call_tool(name, arguments)``).
        self._in_process: dict[str, Callable[..., Awaitable[Any]]] = {}
        #: Handlers by 1.x request type, as ``mcp`` 1.x exposes them.
        self.request_handlers: dict[Any, Any] = {}
        self.notification_handlers: dict[Any, Any] = {}
        for key, fn in handlers.items():
            if fn is None:
                continue
            if key in _V2_KEYWORDS:
                method, params_type = _V2_KEYWORDS[key]
                self.add_request_handler(method, params_type, fn)
            elif key in _V2_NOTIFICATIONS:
                method, params_type = _V2_NOTIFICATIONS[key]
                self.add_notification_handler(method, params_type, fn)
            elif key == "on_subscriptions_listen":
                # A `ListenHandler(bus)`: the core serves the listens from its bus.
                self._v2 = True
                self.on_subscriptions_listen = fn
            else:
                raise TypeError(f"Server.__init__() got an unexpected keyword argument {key!r}")

    # --- 2.x registration ----------------------------------------------------------------------

    def add_request_handler(self, method: str, params_type: Any,
                            handler: Callable[..., Any]) -> None:
        """Serves ``method`` with ``async handler(ctx, params) -> result`` (2.x style)."""
        if method == "initialize":
            raise ValueError("initialize is handled by the server itself")
        self._v2 = True
        pt = params_type if isinstance(params_type, type) and issubclass(
            params_type, t._Model) else None
        if method == "completion/complete":
            self._runners[method] = _v2_completion_runner(handler)
        elif method != "ping":
            self._runners[method] = _v2_runner(handler, pt)

    def add_notification_handler(self, method: str, params_type: Any,
                                 handler: Callable[..., Any]) -> None:
        """Calls ``async handler(ctx, params)`` for notifications named ``method``."""
        self._v2 = True
        pt = params_type if isinstance(params_type, type) and issubclass(
            params_type, t._Model) else None

        def on_notification(core_session: Any, params: dict[str, Any]) -> None:
            ctx = RequestContext(request_id=None, meta=None,
                                 session=ServerSession(core_session, None),
                                 lifespan_context=_lifespan_ctx.get(None), method=method)
            typed = pt(**params) if pt is not None else params
            _spawn(handler, ctx, typed)

        self._notifications[method] = on_notification

    def get_request_handler(self, method: str) -> Any:
        """The runner serving ``method``, or None."""
        return self._runners.get(method)

    # --- 1.x decorators ------------------------------------------------------------------------
    # ``@server.list_tools()`` and friends return the decorator. Called with arguments
    # (``await server.call_tool("read_file", {...})``, ``await server.read_resource(uri)``,
    # ``await server.get_prompt(name, arguments)``), or awaited bare (``await
    # server.list_tools()``), they run the registered function in process and return what it
    # returns: the unit-test style of the seed tutorial, which ``mcp`` 1.x itself cannot run.

    def _register(self, method: str, request_type: Any, runner: Runner,
                  fn: Callable[..., Any],
                  call: Callable[..., Awaitable[Any]] | None = None) -> Callable[..., Any]:
        self._runners[method] = _flavored(runner, "lowlevel1")
        self.request_handlers[request_type] = fn
        self._in_process[method] = call if call is not None else functools.partial(_call, fn)
        return fn

    async def _run_in_process(self, method: str, decorator: str, *args: Any) -> Any:
        call = self._in_process.get(method)
        if call is None:
            raise LookupError(f"no {method} handler: register one with @server.{decorator}()")
        return await call(*args)

    def _list(self, method: str, request_type: Any, key: str, decorator_name: str
              ) -> _Decorator:
        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            if _takes_argument(fn):
                def args(p: dict[str, Any]) -> tuple[Any, ...]:
                    return (request_type(method=method, params=t.PaginatedRequestParams(**p)),)
            else:
                def args(p: dict[str, Any]) -> tuple[Any, ...]:
                    return ()
            return self._register(method, request_type, _v1_runner(fn, args, _list_result(key)),
                                  fn, lambda: _call(fn, *args({})))
        return _Decorator(decorator, lambda: self._run_in_process(method, decorator_name))

    def list_tools(self) -> _Decorator:
        """Decorates ``async () -> list[Tool]`` (or ``(request) -> ListToolsResult``).

        ``await server.list_tools()`` runs the registered function instead.
        """
        return self._list("tools/list", t.ListToolsRequest, "tools", "list_tools")

    def list_resources(self) -> _Decorator:
        """Decorates ``async () -> list[Resource]`` (awaited: runs it)."""
        return self._list("resources/list", t.ListResourcesRequest, "resources",
                          "list_resources")

    def list_resource_templates(self) -> _Decorator:
        """Decorates ``async () -> list[ResourceTemplate]`` (awaited: runs it)."""
        return self._list("resources/templates/list", t.ListResourceTemplatesRequest,
                          "resourceTemplates", "list_resource_templates")

    def list_prompts(self) -> _Decorator:
        """Decorates ``async () -> list[Prompt]`` (awaited: runs it)."""
        return self._list("prompts/list", t.ListPromptsRequest, "prompts", "list_prompts")

    def call_tool(self, name: str | None = None, arguments: dict[str, Any] | None = None, *,
                  validate_input: bool = True) -> Any:
        """Decorates ``async (name, arguments) -> content | dict | CallToolResult``.

        Arguments are checked against the tool's ``inputSchema`` (in the core) before the
        function runs, unless ``validate_input`` is False.

        ``await server.call_tool(name, arguments)`` instead runs the registered function in
        process and returns what it returns (for 1.x handlers usually a list of content); no
        schema check, no result shaping.
        """
        if name is not None:
            return self._run_in_process("tools/call", "call_tool", name, arguments or {})

        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            self._validate_input = validate_input
            return self._register("tools/call", t.CallToolRequest, _v1_call_tool_runner(fn), fn)
        return decorator

    def read_resource(self, uri: Any = None) -> Any:
        """Decorates ``async (uri) -> str | bytes | Iterable[ReadResourceContents]``.

        ``await server.read_resource(uri)`` instead runs the registered function (with
        ``AnyUrl(uri)``) and returns what it returns.
        """
        if uri is not None:
            return self._run_in_process("resources/read", "read_resource", uri)

        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
                request_ctx.set(core_ctx)
                uri = params["uri"]
                try:
                    result = await _call(fn, AnyUrl(uri))
                    shaped = _v1_contents(uri, result)
                except Exception as exc:  # noqa: BLE001
                    slot.raised(exc)
                    return
                slot.done(shaped)
            return self._register("resources/read", t.ReadResourceRequest, runner, fn,
                                  lambda u: _call(fn, AnyUrl(str(u))))
        return decorator

    def _uri_handler(self, method: str, request_type: Any
                     ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            runner = _v1_runner(fn, lambda p: (AnyUrl(p["uri"]),), lambda _r: {})
            return self._register(method, request_type, runner, fn)
        return decorator

    def subscribe_resource(self) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorates ``async (uri) -> None``, called on ``resources/subscribe``."""
        return self._uri_handler("resources/subscribe", t.SubscribeRequest)

    def unsubscribe_resource(self) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorates ``async (uri) -> None``, called on ``resources/unsubscribe``."""
        return self._uri_handler("resources/unsubscribe", t.UnsubscribeRequest)

    def get_prompt(self, name: str | None = None,
                   arguments: dict[str, str] | None = None) -> Any:
        """Decorates ``async (name, arguments) -> GetPromptResult``.

        ``await server.get_prompt(name, arguments)`` instead runs the registered function and
        returns what it returns.
        """
        if name is not None:
            return self._run_in_process("prompts/get", "get_prompt", name, arguments)

        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            runner = _v1_runner(fn, lambda p: (p["name"], p.get("arguments")), None)
            return self._register("prompts/get", t.GetPromptRequest, runner, fn)
        return decorator

    def completion(self) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorates ``async (ref, argument, context) -> Completion | None``."""
        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            def args(p: dict[str, Any]) -> tuple[Any, ...]:
                ctx = p.get("context")
                return (_ref(p["ref"]), t.CompletionArgument(**p["argument"]),
                        t.CompletionContext(**ctx) if ctx is not None else None)
            runner = _v1_runner(fn, args, _v1_completion)
            return self._register("completion/complete", t.CompleteRequest, runner, fn)
        return decorator

    def set_logging_level(self) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorates ``async (level) -> None``; the core also filters log messages by it."""
        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            runner = _v1_runner(fn, lambda p: (p["level"],), lambda _r: {})
            return self._register("logging/setLevel", t.SetLevelRequest, runner, fn)
        return decorator

    def progress_notification(self) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorates ``async (progress_token, progress, total, message) -> None``."""
        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            def on_progress(_session: Any, p: dict[str, Any]) -> None:
                _spawn(fn, p.get("progressToken"), p.get("progress"), p.get("total"),
                       p.get("message"))
            self._notifications["notifications/progress"] = on_progress
            self.notification_handlers[t.ProgressNotification] = fn
            return fn
        return decorator

    # --- context, capabilities, run ------------------------------------------------------------

    @property
    def request_context(self) -> RequestContext[Any, Any]:
        """The context of the request being served (``LookupError`` outside a request)."""
        return _context(request_ctx.get())

    def get_capabilities(self, notification_options: NotificationOptions | None = None,
                         experimental_capabilities: dict[str, Any] | None = None,
                         *_: Any, **__: Any) -> t.ServerCapabilities:
        """The capabilities the registered handlers give.

        ``capabilities.experimental`` is what ``experimental_capabilities`` says. Left out, a
        1.x server announces ``{}`` (``mcp`` 1.x always sends it) and a 2.x server nothing
        (``mcp`` 2.x sends it only when given).
        """
        n = notification_options or NotificationOptions()
        if experimental_capabilities is None and not self._v2:
            experimental_capabilities = {}
        caps = _core.capabilities(
            list(self._runners), n.tools_changed, n.resources_changed, n.prompts_changed,
            experimental_capabilities)
        return t.ServerCapabilities(**caps)

    def create_initialization_options(
            self, notification_options: NotificationOptions | None = None,
            experimental_capabilities: dict[str, Any] | None = None,
            **_: Any) -> InitializationOptions:
        """Initialization options from the server's own settings."""
        return InitializationOptions(
            server_name=self.name,
            server_version=self.version if self.version is not None else _version(),
            capabilities=self.get_capabilities(notification_options, experimental_capabilities),
            instructions=self.instructions,
            website_url=self.website_url,
            icons=self.icons,
            title=self.title,
            description=self.description,
        )

    def _core_options(self, init: InitializationOptions | None) -> dict[str, Any]:
        init = init or self.create_initialization_options()
        return {
            "name": init.server_name,
            "version": init.server_version,
            "title": getattr(init, "title", None) or self.title,
            "description": getattr(init, "description", None),
            "websiteUrl": getattr(init, "website_url", None),
            "icons": getattr(init, "icons", None),
            "instructions": init.instructions,
            "capabilities": init.capabilities,
            "validateInput": self._validates_input(),
            "flavor": "lowlevel1",
            "middleware": _middleware_chain(self),
            # A 2.x server answers 2026-07-28 clients; listens only with a handler for them.
            "sessionless": self._v2,
            **_listen_options(getattr(self, "on_subscriptions_listen", None)),
            "cacheHints": core_cache_hints(self.cache_hints) if self._v2 else {},
            **guard_options(self),
            **_boundary_options(self),
        }

    def _validates_input(self) -> bool:
        """Whether the core checks tool arguments (see ``validate_input`` in the constructor)."""
        if self._validate_option is not None:
            return self._validate_option
        runner = self._runners.get("tools/call")
        if getattr(runner, "__ferromcp_flavor__", None) == "lowlevel2":
            return False
        return self._validate_input

    async def run(self, read_stream: Any, write_stream: Any,
                  initialization_options: InitializationOptions | None = None,
                  raise_exceptions: bool = False, stateless: bool = False) -> None:
        """Serves one connection until the client closes it."""
        from ferromcp.server.sse import SseConnection
        from ferromcp.server.streamable_http import TransportConnection

        if isinstance(read_stream, SseConnection | TransportConnection):
            # A connection of SseServerTransport.connect_sse or of a single-session
            # StreamableHTTPServerTransport: the core's HTTP service serves it.
            await read_stream.serve(self, initialization_options)
            return
        owner = getattr(self, "_highlevel", None)
        if owner is not None:
            # `mcp._mcp_server.run(...)`, as official tests and fastmcp's in-memory transport
            # call it: the decorator server's own options and tools.
            await self._serve(read_stream, write_stream, owner._core_options(), owner._registry)
            return
        await self._serve(read_stream, write_stream, self._core_options(initialization_options),
                          None)

    # --- ASGI (2.x) ----------------------------------------------------------------------------

    def streamable_http_app(self, **settings: Any) -> Any:
        """An ASGI app (Starlette when installed) serving Streamable HTTP on
        ``streamable_http_path`` (``/mcp``), with a lifespan running ``session_manager.run()``.
        Takes the official keywords (``json_response``, ``stateless_http``,
        ``transport_security``, ``host``, ``session_idle_timeout``, ``max_sessions``, …)."""
        from ferromcp.server._asgi import streamable_http_app

        routes = settings.pop("custom_starlette_routes", None) or ()
        return streamable_http_app(self, settings, generation=2, custom_routes=routes)

    @property
    def session_manager(self) -> Any:
        """The ``StreamableHTTPSessionManager`` of the last ``streamable_http_app()``.

        Raises:
            RuntimeError: ``streamable_http_app()`` was not called yet.
        """
        manager = getattr(self, "_session_manager", None)
        if manager is None:
            raise RuntimeError(
                "Session manager can only be accessed after calling streamable_http_app(). "
                "The session manager is created lazily to avoid unnecessary initialization.")
        return manager

    def _lifespan_scope(self, lifespan_state: Any) -> AbstractAsyncContextManager[Any]:
        """``self.lifespan(self)``, or, when the caller already holds the lifespan value (the
        2.x runner's ``lifespan_state=``), a scope that only hands that value on."""
        if lifespan_state is ENTER_LIFESPAN:
            return self.lifespan(self)
        return contextlib.nullcontext(lifespan_state)

    async def _serve(self, read_stream: Any, write_stream: Any, options: dict[str, Any],
                     registry: Any, lifespan_state: Any = ENTER_LIFESPAN) -> None:
        """Serves one stdio connection with the core: this server's handlers plus, for the
        decorator APIs, a registry of tools, resources and prompts.

        Handlers see ``lifespan_state`` as their lifespan value; left out, the server's own
        ``lifespan`` is entered for the connection."""
        if not isinstance(read_stream, StdioStream) or not isinstance(write_stream, StdioStream):
            await self._serve_streams(read_stream, write_stream, options, registry,
                                      lifespan_state)
            return
        loop = asyncio.get_running_loop()
        async with self._lifespan_scope(lifespan_state) as lifespan_context:
            token = _lifespan_ctx.set(lifespan_context)
            closed = loop.create_future()
            conn = _core.StdioConnection(options, self._runners, self._notifications, loop,
                                         read_stream.fd, write_stream.fd, closed, registry)
            conn.set_drain_callback(conn.drain)
            file_reader = None
            try:
                loop.add_reader(read_stream.fd, conn.on_readable)
            except PermissionError:
                # A regular file (`server < requests.jsonl`): epoll cannot watch one, so it is
                # read on a worker thread instead.
                file_reader = loop.create_task(_read_file(loop, read_stream.fd, conn))
            try:
                await closed
            finally:
                if file_reader is not None:
                    file_reader.cancel()
                loop.remove_reader(read_stream.fd)
                conn.close()
                _lifespan_ctx.reset(token)


    async def _serve_streams(self, read_stream: Any, write_stream: Any, options: dict[str, Any],
                             registry: Any, lifespan_state: Any = ENTER_LIFESPAN) -> None:
        """Serves a pair of message streams the caller owns, such as the official SDK's
        in-memory streams (``mcp.shared.memory``): each message crosses as JSON into the same
        core connection stdio uses. ``lifespan_state`` as for :meth:`_serve`."""
        to_message = _message_parser()
        loop = asyncio.get_running_loop()
        outgoing: asyncio.Queue[bytes] = asyncio.Queue()
        async with self._lifespan_scope(lifespan_state) as lifespan_context:
            token = _lifespan_ctx.set(lifespan_context)
            closed = loop.create_future()
            conn = _core.StdioConnection(options, self._runners, self._notifications, loop, -1,
                                         -1, closed, registry, outgoing.put_nowait)
            conn.set_drain_callback(conn.drain)

            async def pump_out() -> None:
                while True:
                    for line in (await outgoing.get()).splitlines():
                        if line:
                            await write_stream.send(to_message(line))

            async def pump_in() -> None:
                try:
                    async for item in read_stream:
                        if isinstance(item, Exception):
                            continue
                        message = getattr(item, "message", item)
                        message = getattr(message, "root", message)
                        conn.feed(message.model_dump_json(by_alias=True, exclude_none=True)
                                  .encode() + b"\n")
                finally:
                    conn.end_of_input()

            writer = loop.create_task(pump_out())
            reader = loop.create_task(pump_in())
            try:
                await closed
            finally:
                reader.cancel()
                conn.close()
                while not outgoing.empty():
                    for line in outgoing.get_nowait().splitlines():
                        if line:
                            await write_stream.send(to_message(line))
                writer.cancel()
                _lifespan_ctx.reset(token)


async def _read_file(loop: asyncio.AbstractEventLoop, fd: int, conn: Any) -> None:
    import os

    while chunk := await loop.run_in_executor(None, os.read, fd, 64 * 1024):
        conn.feed(chunk)
    conn.end_of_input()


def _message_parser() -> Callable[[bytes], Any]:
    """JSON line → the message object the official SDK's streams carry (``SessionMessage``),
    built from the official package's own classes, also under ``python -m ferromcp run``."""
    from ferromcp import _official

    session_message = _official.attribute("SessionMessage", "mcp.shared.message")
    official_types = _official.module("mcp.types")
    adapter = getattr(official_types, "jsonrpc_message_adapter", None)  # 2.x
    validate = (adapter.validate_json if adapter is not None
                else official_types.JSONRPCMessage.model_validate_json)  # 1.x

    def parse(line: bytes) -> Any:
        return session_message(validate(line))
    return parse


def _v2_completion_runner(fn: Callable[..., Any]) -> Runner:
    async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
        request_ctx.set(core_ctx)
        try:
            ctx_arg = params.get("context")
            typed = t.CompleteRequestParams(
                ref=_ref(params["ref"]), argument=t.CompletionArgument(**params["argument"]),
                context=t.CompletionContext(**ctx_arg) if ctx_arg is not None else None,
                _meta=params.get("_meta"))
            result = await _call(fn, _context(core_ctx), typed)
        except Exception as exc:  # noqa: BLE001
            slot.raised(exc)
            return
        slot.done({} if result is None else result)
    return _flavored(runner, "lowlevel2")


_background: set[asyncio.Task[Any]] = set()


def _spawn(fn: Callable[..., Any], *args: Any) -> None:
    """Runs a notification handler as a task, keeping a reference until it ends."""
    async def go() -> None:
        try:
            await _call(fn, *args)
        except Exception:  # noqa: BLE001 - a notification has nobody to answer
            import logging
            logging.getLogger("ferromcp").exception("notification handler failed")
    task = asyncio.get_running_loop().create_task(go())
    _background.add(task)
    task.add_done_callback(_background.discard)


def _version() -> str:
    from ferromcp import __version__
    return __version__


#: Names this module re-exports as the official one has them, loaded on first use.
_REEXPORTED = {
    "StreamableHTTPSessionManager": "ferromcp.server.streamable_http_manager",
    "StreamableHTTPASGIApp": "ferromcp.server.streamable_http_manager",
    "TransportSecuritySettings": "ferromcp.server.transport_security",
    "EventStore": "ferromcp.server.streamable_http",
    # The official module imports these from mcp.shared.exceptions (1.x).
    "McpError": "ferromcp.shared.exceptions",
    "UrlElicitationRequiredError": "ferromcp.shared.exceptions",
}


_REEXPORTED.update({
    "create_call_wrapper": "ferromcp.server.lowlevel.func_inspection",
    "validate_and_warn_tool_name": "ferromcp.server.fastmcp.tools.base",
    "MCPDeprecationWarning": "ferromcp.shared.exceptions",
    # What the official `Server.run` drives; ferromcp's runs this server on the core.
    "serve_dual_era_loop": "ferromcp.server.runner",
})

#: What a 1.x ``@server.call_tool()`` handler may return: content blocks, a dict of structured
#: content, or both as a pair.
StructuredContent = dict[str, Any]
UnstructuredContent = Iterable[t.ContentBlock]
CombinationContent = tuple[UnstructuredContent, StructuredContent]

#: The default lifespan: yields an empty dict, as the official one does.
lifespan = _default_lifespan

#: Names that stay the official package's (loaded on first use from the official module of the
#: same path): its session and stream plumbing, the 1.x experimental tasks classes, the 2.x
#: handler-table types, OpenTelemetry middleware and the OAuth helpers for HTTP.
_FROM_OFFICIAL = (
    "RequestResponder", "ServerMessageMetadata", "SessionMessage", "ReadStream", "WriteStream",
    "Experimental", "ExperimentalHandlers", "HandlerEntry", "RequestHandler",
    "NotificationHandler", "OpenTelemetryMiddleware", "AuthContextMiddleware", "AuthSettings",
    "BearerAuthBackend", "OAuthAuthorizationServerProvider", "RequireAuthMiddleware",
    "TokenVerifier", "build_resource_metadata_url", "create_auth_routes",
    "create_protected_resource_routes")

__getattr__ = _official_names(__name__, _FROM_OFFICIAL, _REEXPORTED)
