"""fastmcp's middleware (``fastmcp.server.middleware``): ``Middleware`` with its ``on_*`` hooks,
``MiddlewareContext`` and ``CallNext``, run on ferromcp's one middleware chain.

A ``FastMCP`` server with middleware (``FastMCP(middleware=[...])``, ``add_middleware``) puts
one entry on the low-level server's chain (:mod:`ferromcp.server._middleware`), which the core
runs around every inbound message. That entry runs the fastmcp middleware as fastmcp orders
them: the first listed is outermost, and each runs ``on_message``, then ``on_request`` or
``on_notification``, then the hook of the method (``on_call_tool``, ``on_list_tools``,
``on_read_resource``, ``on_get_prompt``, ``on_list_resources``,
``on_list_resource_templates``, ``on_list_prompts``, ``on_initialize``). A hook sees what
fastmcp hands it — ``context.message`` is the request's params (``CallToolRequestParams`` …)
and ``call_next`` answers with fastmcp objects: a ``ToolResult``, a list of ``Tool`` /
``Resource`` / ``ResourceTemplate`` / ``Prompt``, a ``ResourceResult``, a ``PromptResult`` —
which a hook may change or replace. A failing tool reaches the middleware as a raised
``ToolError`` carrying the tool's error text and caused by what the tool raised (a server with
middleware registers its tools' runners through :func:`recording` for that); an unknown tool,
resource or prompt as a ``NotFoundError``, a resource or prompt that failed as a
``ResourceError`` / ``PromptError`` caused by what it raised, arguments the core refused as a
``ValidationError`` — as fastmcp raises them. If no middleware handles it, the client gets the
answer it would have got without middleware. ``call_next`` called again for a ``tools/call``
(``RetryMiddleware``) runs the tool's runner again in process (the core dispatches a request
once). With no middleware the request path does not change at all.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Generic, Literal, Protocol, TypeVar, runtime_checkable

from ferromcp import types as t

__all__ = ["CallNext", "Middleware", "MiddlewareContext", "in_process"]

T = TypeVar("T")
R = TypeVar("R", covariant=True)


@runtime_checkable
class CallNext(Protocol[T, R]):
    """The rest of the chain: ``await call_next(context)``."""

    def __call__(self, context: MiddlewareContext[T]) -> Awaitable[R]: ...


@dataclass(kw_only=True, frozen=True)
class MiddlewareContext(Generic[T]):
    """One inbound message as fastmcp middleware sees it."""

    message: T
    fastmcp_context: Any = None
    source: Literal["client", "server"] = "client"
    type: Literal["request", "notification"] = "request"
    method: str | None = None
    timestamp: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    #: ferromcp's: the low-level request context (its ``session`` is the connection's).
    _request: Any = field(default=None, repr=False, compare=False)

    def copy(self, **kwargs: Any) -> MiddlewareContext[T]:
        """This context with ``kwargs`` replaced."""
        return replace(self, **kwargs)


def _hooked(hook: Callable[..., Awaitable[Any]], call_next: Any) -> Any:
    async def wrapper(context: MiddlewareContext[Any]) -> Any:
        return await hook(context, call_next=call_next)
    return wrapper


#: The hook of each method fastmcp types.
_METHOD_HOOKS = {
    "initialize": "on_initialize", "server/discover": "on_discover",
    "tools/call": "on_call_tool", "resources/read": "on_read_resource",
    "prompts/get": "on_get_prompt", "tools/list": "on_list_tools",
    "resources/list": "on_list_resources",
    "resources/templates/list": "on_list_resource_templates",
    "prompts/list": "on_list_prompts",
}


class Middleware:
    """Base class of fastmcp middleware: override the ``on_*`` hooks of interest (each
    ``async (context, call_next)``), or ``__call__`` to see every message as it is."""

    async def __call__(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any]
                       ) -> Any:
        """Runs this middleware's hooks for ``context``, innermost the method's own."""
        handler: Any = call_next
        hook = _METHOD_HOOKS.get(context.method or "")
        if hook is not None:
            handler = _hooked(getattr(self, hook), handler)
        handler = _hooked(self.on_request if context.type == "request"
                          else self.on_notification, handler)
        handler = _hooked(self.on_message, handler)
        return await handler(context)

    async def on_message(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any]
                         ) -> Any:
        """Every message."""
        return await call_next(context)

    async def on_request(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any]
                         ) -> Any:
        """Every request."""
        return await call_next(context)

    async def on_notification(self, context: MiddlewareContext[Any],
                              call_next: CallNext[Any, Any]) -> Any:
        """Every notification."""
        return await call_next(context)

    async def on_initialize(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Any:
        """``initialize``."""
        return await call_next(context)

    async def on_discover(self, context: MiddlewareContext[Any],
                          call_next: CallNext[Any, Any]) -> Any:
        """``server/discover``."""
        return await call_next(context)

    async def on_call_tool(self, context: MiddlewareContext[Any],
                           call_next: CallNext[Any, Any]) -> Any:
        """``tools/call``: ``context.message`` has ``name`` and ``arguments``; answers a
        ``ToolResult``."""
        return await call_next(context)

    async def check_resource_access(self, context: MiddlewareContext[Any]) -> None:
        """Raise to refuse a ``resources/read`` before it is read."""

    async def on_read_resource(self, context: MiddlewareContext[Any],
                               call_next: CallNext[Any, Any]) -> Any:
        """``resources/read``: answers a ``ResourceResult``."""
        await self.check_resource_access(context)
        return await call_next(context)

    async def on_get_prompt(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Any:
        """``prompts/get``: answers a ``PromptResult``."""
        return await call_next(context)

    async def on_list_tools(self, context: MiddlewareContext[Any],
                            call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """``tools/list``: answers the ``Tool`` objects."""
        return await call_next(context)  # type: ignore[no-any-return]

    async def on_list_resources(self, context: MiddlewareContext[Any],
                                call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """``resources/list``: answers the ``Resource`` objects."""
        return await call_next(context)  # type: ignore[no-any-return]

    async def on_list_resource_templates(self, context: MiddlewareContext[Any],
                                         call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """``resources/templates/list``: answers the ``ResourceTemplate`` objects."""
        return await call_next(context)  # type: ignore[no-any-return]

    async def on_list_prompts(self, context: MiddlewareContext[Any],
                              call_next: CallNext[Any, Any]) -> Sequence[Any]:
        """``prompts/list``: answers the ``Prompt`` objects."""
        return await call_next(context)  # type: ignore[no-any-return]


# --- on ferromcp's chain -----------------------------------------------------------------------

class _ToolFailed(Exception):
    """How a tool's ``isError`` answer travels through fastmcp middleware: raised, as fastmcp
    raises the tool's failure; the answer made of it is kept for the client."""


def _tool_error(result: dict[str, Any]) -> Exception:
    from ferromcp.server._highlevel import ToolError

    text = "".join(c.get("text", "") for c in result.get("content") or ()
                   if isinstance(c, dict) and c.get("type") == "text")
    exc = ToolError(text)
    exc.__ferromcp_tool_answer__ = result  # type: ignore[attr-defined]
    return exc


#: How each method's params look to middleware, and how they go back to the core.
_LISTS = {"tools/list": ("tools", "Tool"), "resources/list": ("resources", "Resource"),
          "resources/templates/list": ("resourceTemplates", "ResourceTemplate"),
          "prompts/list": ("prompts", "Prompt")}


def _message(method: str, params: dict[str, Any] | None) -> Any:
    p = dict(params or {})
    if method == "tools/call":
        return t.CallToolRequestParams(**p)
    if method == "resources/read":
        return t.ReadResourceRequestParams(**p)
    if method == "prompts/get":
        return t.GetPromptRequestParams(**p)
    if method in _LIST_REQUESTS:
        return _LIST_REQUESTS[method](method, p)
    # Every other message is handed over as its params, as fastmcp does.
    return p


class _Params:
    """The params of a request fastmcp hands middleware as the whole request."""

    def __init__(self, method: str, params: dict[str, Any]) -> None:
        self.method = method
        self.params = params

    def __repr__(self) -> str:
        return f"{self.method}({self.params!r})"


#: A list request as the class fastmcp names it (``type(context.message).__name__``).
_LIST_REQUESTS: dict[str, type[_Params]] = {
    m: type(n, (_Params,), {"__doc__": f"A ``{m}`` request."})
    for m, n in (("tools/list", "ListToolsRequest"), ("resources/list", "ListResourcesRequest"),
                 ("resources/templates/list", "ListResourceTemplatesRequest"),
                 ("prompts/list", "ListPromptsRequest"), ("initialize", "InitializeRequest"))}


def _params_of(message: Any) -> dict[str, Any] | None:
    if isinstance(message, _Params):
        return message.params
    if isinstance(message, dict):
        return message
    dump = getattr(message, "model_dump", None)
    if dump is not None:
        out = dump(by_alias=True, exclude_none=True, mode="json")
        return out if isinstance(out, dict) else None
    return None


def _typed(method: str, result: Any) -> Any:
    """The core's answer as fastmcp hands it to middleware."""
    from ferromcp.fastmcp import _components as c

    if not isinstance(result, dict):
        return result
    if method == "tools/call":
        if result.get("isError"):
            raise _tool_error(result)
        return c.ToolResult._from_wire(result)
    if method in _LISTS:
        key, cls = _LISTS[method]
        make = getattr(c, cls)._from_listing
        return _Listed([make(d) for d in result.get(key) or ()], result)
    if method == "resources/read":
        return c.ResourceResult._from_wire(result)
    if method == "prompts/get":
        return c.PromptResult._from_wire(result)
    return result


class _Listed(list[Any]):
    """A list answer with the page fields (``nextCursor``) of the core's."""

    def __init__(self, items: list[Any], raw: dict[str, Any]) -> None:
        super().__init__(items)
        self.raw = raw


def _wire(method: str, params: Any, value: Any) -> Any:
    """What middleware answered, as the core sends it."""
    from ferromcp.fastmcp import _components as c

    if method in _LISTS and isinstance(value, list | tuple):
        key, _ = _LISTS[method]
        out = {k: v for k, v in getattr(value, "raw", {}).items() if k != key}
        out[key] = [v._listing() if hasattr(v, "_listing") else _plain(v) for v in value]
        return out
    if isinstance(value, c.ToolResult | c.PromptResult):
        return value._wire()
    if isinstance(value, c.ResourceResult):
        uri = (params or {}).get("uri", "") if isinstance(params, dict) else ""
        return value._wire(str(uri))
    return value


def _plain(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(by_alias=True, exclude_none=True, mode="json") if dump is not None else value


class ChainEntry:
    """The one entry fastmcp middleware puts on the low-level server's chain; runs the
    server's ``middleware`` list as it is at each message."""

    def __init__(self, server: Any) -> None:
        self.server = server

    async def __call__(self, ctx: Any, call_next: Any) -> Any:
        from ferromcp.server._highlevel import Context
        from ferromcp.server.lowlevel.server import request_ctx

        method = ctx.method
        is_request = ctx.request_id is not None
        sync_injected(self.server)
        core_ctx = None
        try:
            core_ctx = request_ctx.get()
        except LookupError:
            pass
        fctx = Context(core_ctx, self.server, dict(ctx.params or {}))
        context: MiddlewareContext[Any] = MiddlewareContext(
            message=_message(method, ctx.params), fastmcp_context=fctx,
            type="request" if is_request else "notification", method=method, _request=ctx)
        state: dict[str, Any] = {}

        async def inner(mctx: MiddlewareContext[Any]) -> Any:
            params = _params_of(mctx.message)
            if not is_request:
                return await call_next(replace(ctx, method=mctx.method or method,
                                               params=params))
            if method == "tools/call":
                return await _call_tool(self.server, ctx, params, call_next, state)
            try:
                result = await call_next(replace(ctx, method=mctx.method or method,
                                                 params=params))
            except Exception as exc:
                failure = _as_fastmcp_error(self.server, method, params, exc)
            else:
                typed = _typed(method, result)
                if method == "tools/list" and self.server.__dict__.get("_fastmcp_injected"):
                    typed = _injected_first(self.server, typed)
                return typed
            # Raised here, with the cause fastmcp gives it (not the core's answer).
            raise failure

        chain: Any = inner
        for mw in reversed(list(self.server.middleware)):
            chain = _bind(mw, chain)
        try:
            value = await chain(context)
        except Exception as exc:
            answer = getattr(exc, "__ferromcp_tool_answer__", None)
            if answer is not None:
                return answer
            if method == "tools/call" and is_request:
                # Raised by middleware around a tool: a tool failure, answered as the
                # server answers a tool that raised it.
                return _failed_call(self.server, ctx.params, exc)
            raise
        return _wire(method, ctx.params, value) if is_request else value


def _not_found(text: str) -> Exception:
    """fastmcp's ``NotFoundError`` (named so in logs; an instance of ferromcp's)."""
    from ferromcp.exceptions import NotFoundError as Exported

    cls = _NOT_FOUND.get("cls")
    if cls is None:
        cls = _NOT_FOUND["cls"] = type("NotFoundError", (Exported,), {
            "__doc__": "A name the server does not serve.", "__module__": "fastmcp.exceptions"})
    return cls(text)  # type: ignore[no-any-return]


_NOT_FOUND: dict[str, type] = {}


# --- what a tool raised, and calling it again -----------------------------------------------

#: ``(request id, tool name)`` → the state of a ``tools/call`` going through the middleware
#: chain, while the core runs it: what the tool raised and its core context (see
#: :func:`recording`).
_PENDING: dict[tuple[Any, str], dict[str, Any]] = {}


def recording(runner: Any) -> Any:
    """``runner`` (a tool's, ``async (slot, core_ctx, params)``) remembering, for the fastmcp
    middleware chain around it, what the tool raised: fastmcp middleware sees a tool's failure
    as a ``ToolError`` caused by it (``ErrorHandlingMiddleware`` and ``RetryMiddleware`` read
    the cause)."""
    async def run(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
        state = None if core_ctx is None else _PENDING.get(
            (core_ctx.request_id, str((params or {}).get("name", ""))))
        if state is None:
            await runner(slot, core_ctx, params)
            return
        state["core_ctx"] = core_ctx
        await runner(_Recorder(slot, state), core_ctx, params)
    flavor = getattr(runner, "__ferromcp_flavor__", None)
    if flavor is not None:
        run.__ferromcp_flavor__ = flavor  # type: ignore[attr-defined]
    return run


class _Recorder:
    """A slot passing everything on, remembering what was raised."""

    def __init__(self, slot: Any, state: dict[str, Any]) -> None:
        self._slot = slot
        self._state = state

    def raised(self, exc: BaseException) -> Any:
        self._state["raised"] = exc
        return self._slot.raised(exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._slot, name)


def _runner_of(server: Any, name: str, params: dict[str, Any] | None) -> Any:
    """The runner of the tool a call names: of the version it asks for, when it asks for one
    of a tool with several."""
    from ferromcp import _core

    runners = getattr(server, "_fastmcp_runners", {})
    versions = [key.rpartition("@")[2] for key in runners if key.rpartition("@")[0] == name]
    if not versions:
        return runners.get(name)
    meta = (params or {}).get("_meta")
    wanted = meta.get("fastmcp") if isinstance(meta, dict) else None
    wanted = wanted.get("version") if isinstance(wanted, dict) else None
    if isinstance(wanted, str) and wanted:
        versions = [v for v in versions if _core.compare_versions(v, wanted, spelling=False) == 0]
    if not versions:
        return None
    highest = max(versions, key=functools.cmp_to_key(_core.compare_versions))
    return runners[f"{name}@{highest}"]


class _Answer:
    """A slot for calling a tool's runner again in process (a retry)."""

    def __init__(self) -> None:
        self.result: Any = None
        self.exc: BaseException | None = None

    def done(self, result: Any) -> None:
        self.result = result

    def raised(self, exc: BaseException) -> None:
        self.exc = exc


async def _call_tool(server: Any, ctx: Any, params: dict[str, Any] | None, call_next: Any,
                     state: dict[str, Any]) -> Any:
    from ferromcp import _core

    name = str((params or {}).get("name", ""))
    state["calls"] = calls = state.get("calls", 0) + 1
    if calls == 1:
        key = (ctx.request_id, name)
        _PENDING[key] = state
        try:
            try:
                result = await call_next(replace(ctx, method="tools/call", params=params))
            except Exception as exc:
                failure = _as_fastmcp_error(server, "tools/call", params, exc)
            else:
                try:
                    return _typed("tools/call", result)
                except Exception as exc:  # the tool's isError answer, raised
                    failure = _explain(server, name, exc, state.get("raised"))
        finally:
            _PENDING.pop(key, None)
        # Raised here, with the cause fastmcp gives it.
        raise failure
    # Called again (``RetryMiddleware``): the core dispatched this request once, so the tool
    # runs again here, with the arguments the core checked.
    runner = _runner_of(server, name, params)
    if runner is None:
        raise RuntimeError("call_next may be called once")
    slot = _Answer()
    await runner(slot, state.get("core_ctx"), dict(params or {}))
    if slot.exc is not None:
        exc = slot.exc
        code, message = _core.tool_failure(server._flavor, server._mask, name, exc)
        if code is not None:
            from ferromcp.shared.exceptions import McpError

            raise McpError(code, message) from exc
        failed = _tool_error({"content": [{"type": "text", "text": message}], "isError": True})
        raise failed from exc
    result = slot.result
    return _typed("tools/call", result if isinstance(result, dict) else _plain(result))


def _explain(server: Any, name: str, exc: Exception, cause: BaseException | None) -> Exception:
    """A tool's failure as fastmcp raises it in middleware: a ``ToolError`` caused by what the
    tool raised, or a ``NotFoundError`` for an unknown tool."""
    if cause is not None:
        if cause is not exc:
            exc.__cause__ = cause
        return exc
    if not _known(server, "tools", "name", name):
        unknown = _not_found(str(exc))
        unknown.__ferromcp_tool_answer__ = exc.__ferromcp_tool_answer__  # type: ignore[attr-defined]
        return unknown
    text = str(exc)
    if text.startswith(_REJECTED):
        # The core refused the arguments before the tool ran: fastmcp's ValidationError.
        from ferromcp.server._highlevel import ValidationError

        rejected = ValidationError(text)
        rejected.__ferromcp_tool_answer__ = exc.__ferromcp_tool_answer__  # type: ignore[attr-defined]
        return rejected
    return exc


#: How the core words a tool call whose arguments do not match the tool's input schema.
_REJECTED = "Input validation error: "


def _known(server: Any, kind: str, key: str, value: str) -> bool:
    if kind == "resources" and server._registry.resolve(value) is not None:
        return True
    return any(d.get(key) == value for d in server._registry.list(kind))


def _as_fastmcp_error(server: Any, method: str, params: dict[str, Any] | None,
                      exc: Exception) -> Exception:
    """A failure the core answered with an error, as fastmcp raises it in middleware: a
    ``ResourceError`` / ``PromptError`` caused by what the handler raised, a ``NotFoundError``
    for an unknown resource or prompt; each keeps the core's answer for the client."""
    from ferromcp.exceptions import FastMCPError, PromptError, ResourceError
    from ferromcp.shared.exceptions import McpError

    p = params or {}
    wrapped: Exception
    if isinstance(exc, McpError) and not hasattr(exc, "__ferromcp_answer__"):
        if method == "resources/read" and not _known(server, "resources", "uri",
                                                      str(p.get("uri", ""))):
            wrapped = _not_found(f"Unknown resource: '{p.get('uri', '')}'")
        elif method == "prompts/get" and not _known(server, "prompts", "name",
                                                     str(p.get("name", ""))):
            wrapped = _not_found(f"Unknown prompt: '{p.get('name', '')}'")
        else:
            return exc
        wrapped.__ferromcp_answer__ = (exc.code, exc.message, exc.data)  # type: ignore[attr-defined]
        return wrapped
    answer = getattr(exc, "__ferromcp_answer__", None)
    if answer is None or isinstance(exc, McpError | FastMCPError):
        return exc
    if method == "resources/read":
        wrapped = ResourceError(answer[1])
    elif method == "prompts/get":
        wrapped = PromptError(answer[1])
    else:
        return exc
    wrapped.__cause__ = exc
    wrapped.__ferromcp_answer__ = answer  # type: ignore[attr-defined]
    return wrapped


async def in_process(server: Any, method: str, params: dict[str, Any], inner: Any) -> Any:
    """``await inner(params)`` — an in-process call's own work (``mcp.call_tool(...)`` and the
    rest of fastmcp 3/4's in-process API), answering fastmcp objects — run inside the server's
    fastmcp middleware, as fastmcp runs it with ``run_middleware=True``: the hooks see the
    request's params and what ``inner`` answers or raises."""
    if not server.middleware:
        return await inner(params)
    from ferromcp.server._highlevel import Context

    context: MiddlewareContext[Any] = MiddlewareContext(
        message=_message(method, params), fastmcp_context=Context(None, server, dict(params)),
        type="request", method=method)

    async def innermost(mctx: MiddlewareContext[Any]) -> Any:
        return await inner(_params_of(mctx.message) or {})

    chain: Any = innermost
    for mw in reversed(list(server.middleware)):
        chain = _bind(mw, chain)
    return await chain(context)


def _bind(mw: Any, call_next: Any) -> Any:
    async def run(context: MiddlewareContext[Any]) -> Any:
        return await mw(context, call_next)
    return run


def _failed_call(server: Any, params: Any, exc: Exception) -> Any:
    from ferromcp import _core
    from ferromcp.shared.exceptions import McpError

    if isinstance(exc, McpError):
        raise exc
    name = (params or {}).get("name", "") if isinstance(params, dict) else ""
    code, message = _core.tool_failure(server._flavor, server._mask, name, exc)
    if code is not None:
        raise exc
    return {"content": [{"type": "text", "text": message}], "isError": True}


class ChainList:
    """What the low-level server's ``middleware`` is on a ``FastMCP``: one :class:`ChainEntry`
    when the server has fastmcp middleware, else nothing (so the request path stays as it is
    without)."""

    def __init__(self, server: Any) -> None:
        self._entry = ChainEntry(server)
        self._server = server

    def __bool__(self) -> bool:
        return bool(self._server.middleware)

    def __len__(self) -> int:
        return 1 if self._server.middleware else 0

    def __iter__(self) -> Any:
        return iter([self._entry] if self._server.middleware else [])


# --- tools a ToolInjectionMiddleware brings ---------------------------------------------------

_INJECTION = "ferromcp.fastmcp.server.middleware.tool_injection"


def injected_tools(server: Any) -> dict[str, Any]:
    """The tools the server's ``ToolInjectionMiddleware`` bring, by name, in listing order
    (the middleware added first wins a name)."""
    import sys

    module = sys.modules.get(_INJECTION)
    out: dict[str, Any] = {}
    if module is None:
        return out
    for mw in server.middleware:
        if isinstance(mw, module.ToolInjectionMiddleware):
            for tool in mw.injected_tools:
                out.setdefault(tool.name, tool)
    return out


def sync_injected(server: Any) -> None:
    """Serves (registers with the core) the tools the server's middleware inject, as they are
    now: a new one takes the place of a registered tool of its name, which comes back when no
    middleware injects that name any more."""
    served: dict[str, Any] = server.__dict__.get("_fastmcp_injected") or {}
    wanted = injected_tools(server)
    if list(wanted) == list(served) and all(wanted[n] is served[n] for n in wanted):
        return
    shadowed: dict[str, Any] = server.__dict__.setdefault("_fastmcp_shadowed", {})
    for name in [n for n in served if n not in wanted]:
        server._registry.remove("tools", name)
        server._tools.pop(name, None)
        server.__dict__.get("_fastmcp_runners", {}).pop(name, None)
        kept = shadowed.pop(name, None)
        if kept is not None:
            _restore(server, name, kept)
    for name, tool in wanted.items():
        if served.get(name) is tool:
            continue
        if name not in served and name not in shadowed:
            shadowed[name] = _registration(server, name)
        server.add_tool(tool)
    server.__dict__["_fastmcp_injected"] = dict(wanted)


def _registration(server: Any, name: str) -> Any:
    """What the server registered as ``name`` (to put back later), or None."""
    runner = server.__dict__.get("_fastmcp_runners", {}).get(name)
    entry = server._tools.get(name)
    definition = entry[2] if entry is not None else server.__dict__.get(
        "_fastmcp_object_tools", {}).get(name)
    if runner is None or definition is None:
        return None
    return (runner, entry, definition)


def _restore(server: Any, name: str, kept: Any) -> None:
    runner, entry, definition = kept
    server.__dict__.setdefault("_fastmcp_runners", {})[name] = runner
    if entry is not None:
        server._tools[name] = entry
    server._registry.add_tool(definition, recording(runner) if server.middleware else runner,
                              True)


def _injected_first(server: Any, tools: Any) -> Any:
    """``tools`` (a listing) with the injected ones first, in injection order."""
    order = {name: i for i, name in enumerate(server.__dict__["_fastmcp_injected"])}
    if not any(getattr(tool, "name", None) in order for tool in tools):
        return tools
    first = sorted((tool for tool in tools if tool.name in order), key=lambda x: order[x.name])
    rest = [tool for tool in tools if tool.name not in order]
    return _Listed([*first, *rest], getattr(tools, "raw", {}))
