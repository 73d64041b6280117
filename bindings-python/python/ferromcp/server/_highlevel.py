"""The decorator API shared by ``FastMCP`` (``mcp`` 1.x), ``MCPServer`` (``mcp`` 2.x) and the
fastmcp-style ``ferromcp.FastMCP``.

Each ``@tool()`` / ``@resource()`` / ``@prompt()`` is turned, once, into a definition and a runner
that go to the core's registry: the core lists them, validates tool arguments against the
schema derived from the signature, matches resource templates, and calls the runner. The
runner converts arguments, injects ``Context``, calls the function (plain ``def`` functions on a
worker thread, so they never block the loop) and shapes the result.

Where the official generations answer differently, ``_generation`` decides:

| situation | 1.x ``FastMCP`` | 2.x ``MCPServer`` | fastmcp style |
|---|---|---|---|
| tool raises ``ValueError("x")`` | isError ``Error executing tool t: x`` | ``… tool t`` | as 1.x |
| tool raises ``ToolError("x")`` | isError ``Error executing tool t: x`` | the same | the same |
| tool raises ``McpError`` | isError with its message | JSON-RPC error | JSON-RPC error |
| unknown resource | error code 0 | error -32602, ``data.uri`` | error -32602 |

``mask_error_details=True`` masks other exceptions the 2.x way in any generation.
"""

from __future__ import annotations

import asyncio
import base64
import inspect
import json
import re
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from typing import Any, TypeVar

from ferromcp import _core
from ferromcp import types as t
from ferromcp._generic import Parameterized
from ferromcp.server._middleware import chain as _middleware_chain
from ferromcp.server.lowlevel.server import (
    RequestContext,
    Server,
    _context,
    _is_async_def,
    _ref,
    _v1_completion,
    _v1_runner,
    guard_options,
    request_ctx,
)

__all__ = ["HighLevelServer", "Context", "ToolError", "ResourceError", "FastMCPError"]


class FastMCPError(Exception):
    """Base of the decorator API's errors (``MCPServerError`` in 2.x)."""


class ToolError(FastMCPError):
    """Raise in a tool to report a failure whose text the client should see."""


class ResourceError(FastMCPError):
    """A resource could not be read."""


class PromptError(FastMCPError):
    """A prompt could not be rendered (fastmcp's; its text is what the client sees)."""


class ValidationError(FastMCPError):
    """Arguments or definitions are not valid."""


class ResourceNotFoundError(ResourceError):
    """No resource serves the URI."""


class UnexpectedToolError(ToolError):
    """A tool failed with an exception that is not a ToolError (2.x)."""


class _RejectedArguments(ToolError):
    """Arguments the schema let through but conversion refused (``url: AnyUrl`` given ``"not a
    url"``): answered as the official SDKs answer pydantic's validation error, a ``ToolError``
    whose text (``1 validation error for fetchArguments …``) is shown even where unexpected
    exceptions are masked."""


_T = TypeVar("_T")


# --- elicitation results ------------------------------------------------------------------------

class AcceptedElicitation(Parameterized):
    """The user accepted and supplied ``data`` (``AcceptedElicitation[Model]``)."""

    action = "accept"

    def __init__(self, data: Any) -> None:
        self.data = data

    def __repr__(self) -> str:
        return f"AcceptedElicitation(data={self.data!r})"


class DeclinedElicitation:
    """The user declined."""

    action = "decline"


class CancelledElicitation:
    """The user cancelled."""

    action = "cancel"


#: What an elicitation came to; ``ElicitationResult[Model]`` names the accepted data's type.
ElicitationResult = AcceptedElicitation[_T] | DeclinedElicitation | CancelledElicitation


_LEVELS = frozenset(("debug", "info", "notice", "warning", "error", "critical", "alert",
                     "emergency"))


def _official_log(level: str, message: Any = None, *, logger_name: str | None = None,
                  extra: Any = None, data: Any = None) -> None: ...


def _fastmcp_log(message: Any, level: str | None = None, logger_name: str | None = None,
                 extra: Any = None) -> None: ...


def _is_level(value: Any) -> bool:
    return isinstance(value, str) and value in _LEVELS


#: How ``Context.log`` is called: the official SDKs' order, and fastmcp's.
_OFFICIAL_LOG = inspect.signature(_official_log)
_FASTMCP_LOG = inspect.signature(_fastmcp_log)


class Context(Parameterized):
    """Injected into a tool, resource or prompt that annotates a parameter with ``Context``
    (1.x ``Context[ServerSession, Lifespan]``, 2.x ``Context[Lifespan]``)."""

    __type_arguments__ = range(1, 4)

    def __init__(self, core_ctx: Any = None, server: Any = None,
                 params: dict[str, Any] | None = None) -> None:
        self._core_ctx = core_ctx
        self._server = server
        self._params = params
        self._request_context: RequestContext[Any, Any] | None = None

    # --- where we are ----------------------------------------------------------------------------

    @property
    def request_context(self) -> RequestContext[Any, Any]:
        """The low-level request context (``lifespan_context``, ``meta``, ``session``)."""
        if self._request_context is None:
            if self._core_ctx is None:
                raise ValueError("Context is not available outside of a request")
            self._request_context = _context(self._core_ctx)
        return self._request_context

    @property
    def request_id(self) -> str:
        """The id of the request being served, as a string."""
        return str(self.request_context.request_id)

    # --- fastmcp's extra members (``import fastmcp``) -----------------------------------------

    @property
    def origin_request_id(self) -> str | None:
        """fastmcp: the id of the request this runs for, as a string."""
        return str(self.request_context.request_id)

    @property
    def is_background_task(self) -> bool:
        """fastmcp: whether this runs as a background task (a Docket worker's); ferromcp runs
        every handler for its request, so never."""
        return False

    @property
    def task_id(self) -> str | None:
        """fastmcp: the background task's id; None (see :attr:`is_background_task`)."""
        return None

    @property
    def transport(self) -> str | None:
        """fastmcp: how the server was started — ``stdio``, ``streamable-http`` or ``sse``."""
        return getattr(self._server, "_run_transport", None)

    def client_extension_settings(self, identifier: str) -> dict[str, Any] | None:
        """fastmcp: the settings this request's ``_meta`` declares for extension
        ``identifier`` (SEP-2133, 2026-07-28), or None when it does not opt in."""
        meta = (self._params or {}).get("_meta")
        caps = meta.get("io.modelcontextprotocol/clientCapabilities") if isinstance(
            meta, dict) else None
        extensions = caps.get("extensions") if isinstance(caps, dict) else None
        settings = extensions.get(identifier) if isinstance(extensions, dict) else None
        return settings if isinstance(settings, dict) else None

    def client_supports_extension(self, extension_id: str) -> bool:
        """fastmcp: whether the client declared extension ``extension_id``."""
        try:
            caps = self.session.client_capabilities
        except (RuntimeError, ValueError):  # outside a request
            return False
        extensions = (caps.get("extensions") if isinstance(caps, dict)
                      else getattr(caps, "extensions", None)) if caps else None
        return isinstance(extensions, dict) and extension_id in extensions

    # The server's own in-process API answers fastmcp's objects (fastmcp 3/4); these answer the
    # protocol's types, as fastmcp's Context does.
    async def list_resources(self) -> list[Any]:
        """fastmcp: the resources the server lists."""
        return await HighLevelServer.list_resources(self._server)

    async def list_prompts(self) -> list[Any]:
        """fastmcp: the prompts the server lists."""
        return await HighLevelServer.list_prompts(self._server)

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        """fastmcp: prompt ``name`` rendered with ``arguments``."""
        return await HighLevelServer.get_prompt(self._server, name, arguments)

    async def send_notification(self, notification: Any) -> None:
        """fastmcp: sends ``notification`` now, on this request's stream."""
        await self.request_context.session.send_notification(
            notification, related_request_id=self.request_context.request_id)

    # --- fastmcp's per-session visibility (``import fastmcp``) ---------------------------------

    async def enable_components(self, *, names: set[str] | None = None,
                                keys: set[str] | None = None, version: Any = None,
                                tags: set[str] | None = None, components: set[str] | None = None,
                                match_all: bool = False) -> None:
        """fastmcp: shows the components matching every criterion given to this session only
        (over the server's rules; later rules win), and tells it their lists changed."""
        await self._visibility_rule(True, names=names, keys=keys, version=version, tags=tags,
                                    components=components, match_all=match_all)

    async def disable_components(self, *, names: set[str] | None = None,
                                 keys: set[str] | None = None, version: Any = None,
                                 tags: set[str] | None = None,
                                 components: set[str] | None = None,
                                 match_all: bool = False) -> None:
        """fastmcp: hides the components matching every criterion given from this session
        only, and tells it their lists changed."""
        await self._visibility_rule(False, names=names, keys=keys, version=version, tags=tags,
                                    components=components, match_all=match_all)

    async def reset_visibility(self) -> None:
        """fastmcp: drops this session's own rules; every list may have changed."""
        self._server._visibility.sessions.pop(self.session_id, None)
        await self._session_visibility_changed(None)

    async def _visibility_rule(self, enabled: bool, *, components: set[str] | None,
                               tags: set[str] | None, **criteria: Any) -> None:
        from ferromcp.fastmcp._visibility import Rule

        components = components or None
        rule = Rule.of(enabled, tags=tags or None, components=components, **criteria)
        self._server._visibility.sessions.setdefault(self.session_id, []).append(rule)
        await self._session_visibility_changed(components)

    async def _session_visibility_changed(self, components: set[str] | None) -> None:
        """Hands the session's view to the core and announces the lists that may differ, on
        this request's stream (fastmcp's order: tools, resources, prompts)."""
        session = self._core_ctx.session
        session.set_visibility(self._server._visibility.session_entries(self.session_id))
        for method, types in (("notifications/tools/list_changed", ("tool",)),
                              ("notifications/resources/list_changed", ("resource", "template")),
                              ("notifications/prompts/list_changed", ("prompt",))):
            if components is None or any(t in components for t in types):
                await self.send_notification({"method": method})

    # --- fastmcp's session state (``import fastmcp``) ------------------------------------------

    @property
    def session_id(self) -> str:
        """fastmcp: the id of the client's session — the ``Mcp-Session-Id`` over Streamable
        HTTP, one per process over stdio, one per request where each request is its own
        (stateless HTTP, 2026-07-28).

        Raises:
            RuntimeError: outside a request.
        """
        from ferromcp.fastmcp._state import session_id

        return session_id(self)

    async def set_state(self, key: str, value: Any, *, serializable: bool = True) -> None:
        """fastmcp: keeps ``value`` for this session under ``key`` (as JSON; a day), or, with
        ``serializable=False``, for this request only.

        Raises:
            TypeError: a ``serializable`` value that cannot be serialized.
        """
        from ferromcp.fastmcp._state import store_of, stored_form

        scoped = f"{self.session_id}:{key}"
        local = self.__dict__.setdefault("_fastmcp_request_state", {})
        if not serializable:
            local[scoped] = value
            return
        local.pop(scoped, None)
        store_of(self._server).put(scoped, stored_form(key, value))

    async def get_state(self, key: str) -> Any:
        """fastmcp: the value kept under ``key`` (this request's first), or None."""
        from ferromcp.fastmcp._state import store_of

        scoped = f"{self.session_id}:{key}"
        local = self.__dict__.get("_fastmcp_request_state", {})
        if scoped in local:
            return local[scoped]
        return store_of(self._server).get(scoped)

    async def delete_state(self, key: str) -> None:
        """fastmcp: forgets the value kept under ``key``."""
        from ferromcp.fastmcp._state import store_of

        scoped = f"{self.session_id}:{key}"
        self.__dict__.get("_fastmcp_request_state", {}).pop(scoped, None)
        store_of(self._server).delete(scoped)

    @property
    def client_id(self) -> str | None:
        """``params._meta.client_id`` when the client sent one."""
        meta = self._core_ctx.meta if self._core_ctx is not None else None
        return meta.get("client_id") if isinstance(meta, dict) else None

    @property
    def session(self) -> Any:
        """The client session."""
        return self.request_context.session

    @property
    def lifespan_context(self) -> Any:
        """What the server's lifespan yielded."""
        return self.request_context.lifespan_context

    @property
    def fastmcp(self) -> Any:
        """The server (1.x name)."""
        return self._server

    @property
    def mcp_server(self) -> Any:
        """The server (2.x name)."""
        return self._server

    @property
    def protocol_version(self) -> str | None:
        """The negotiated protocol revision."""
        return self.session.protocol_version

    @property
    def client_capabilities(self) -> t.ClientCapabilities:
        """What the client declared."""
        return self.session.client_capabilities

    @property
    def input_responses(self) -> dict[str, Any] | None:
        """What the client answered to this call's earlier input-required result (2026-07-28),
        by the keys the result asked with: ``ElicitResult``, ``CreateMessageResult`` or
        ``ListRootsResult``; None when it answered nothing."""
        raw = (self._params or {}).get("inputResponses")
        if not isinstance(raw, dict):
            return None
        return {key: _input_response(value) for key, value in raw.items()}

    @property
    def request_state(self) -> str | None:
        """The state this call's earlier input-required result handed the client, as the
        handler wrote it (ferromcp checks the seal before the handler runs)."""
        state = (self._params or {}).get("requestState")
        return state if isinstance(state, str) else None

    async def notify_tools_changed(self) -> None:
        """Publishes that the tool list changed, for the open ``subscriptions/listen``
        requests (2026-07-28) that asked; on the server's bus when it has one."""
        from ferromcp.server.subscriptions import ToolsListChanged

        await self._publish(ToolsListChanged(), "notifications/tools/list_changed")

    async def notify_prompts_changed(self) -> None:
        """Publishes that the prompt list changed (see :meth:`notify_tools_changed`)."""
        from ferromcp.server.subscriptions import PromptsListChanged

        await self._publish(PromptsListChanged(), "notifications/prompts/list_changed")

    async def notify_resources_changed(self) -> None:
        """Publishes that the resource list changed (see :meth:`notify_tools_changed`)."""
        from ferromcp.server.subscriptions import ResourcesListChanged

        await self._publish(ResourcesListChanged(), "notifications/resources/list_changed")

    async def notify_resource_updated(self, uri: Any) -> None:
        """Publishes that the resource ``uri`` changed, for the listens that named it."""
        from ferromcp.server.subscriptions import ResourceUpdated

        await self._publish(ResourceUpdated(uri=str(uri)), "notifications/resources/updated",
                            {"uri": str(uri)})

    async def _publish(self, event: Any, method: str, params: Any = None) -> None:
        bus = self._server._bus() if self._server is not None else None
        if bus is not None:
            await bus.publish(event)
        else:
            self._core_ctx.session.notify(method, params)

    # --- talking back ----------------------------------------------------------------------------

    async def log(self, *args: Any, **kwargs: Any) -> None:
        """Sends a log message to the client (dropped below the level it asked for):
        ``log(level, message, *, logger_name=None)`` as the official SDKs spell it (2.x names
        the message ``data``).

        On a fastmcp-style server it takes fastmcp's order, ``log(message, level=None,
        logger_name=None, extra=None)`` (level ``info`` when left out), and sends fastmcp's
        ``{"msg": message, "extra": extra}``; a call in the official order still works there
        when its message is not a level's name."""
        fastmcp = getattr(self._server, "_fastmcp_major", None) is not None
        if fastmcp and not (len(args) >= 2 and _is_level(args[0]) and not _is_level(args[1])):
            bound = _FASTMCP_LOG.bind(*args, **kwargs).arguments
            await self._log(bound.get("level") or "info", bound["message"],
                            bound.get("logger_name"), bound.get("extra"))
            return
        bound = _OFFICIAL_LOG.bind(*args, **kwargs).arguments
        message = bound["message"] if "message" in bound else bound.get("data")  # 2.x: data
        await self._log(bound["level"], message, bound.get("logger_name"), bound.get("extra"))

    async def _log(self, level: str, message: Any, logger_name: str | None,
                   extra: Any) -> None:
        if getattr(self._server, "_fastmcp_major", None) is not None:
            data = {"msg": message, "extra": extra}
        else:
            data = {"msg": message, "extra": extra} if extra else message
        self._core_ctx.session.log(level, data, logger_name)

    async def debug(self, message: Any, logger_name: str | None = None,
                    extra: Any = None) -> None:
        """Logs at debug level."""
        await self._log("debug", message, logger_name, extra)

    async def info(self, message: Any, logger_name: str | None = None,
                   extra: Any = None) -> None:
        """Logs at info level."""
        await self._log("info", message, logger_name, extra)

    async def warning(self, message: Any, logger_name: str | None = None,
                      extra: Any = None) -> None:
        """Logs at warning level."""
        await self._log("warning", message, logger_name, extra)

    async def error(self, message: Any, logger_name: str | None = None,
                    extra: Any = None) -> None:
        """Logs at error level."""
        await self._log("error", message, logger_name, extra)

    async def list_roots(self) -> list[Any]:
        """fastmcp 2/3: the roots the client lists."""
        return list((await self.session.list_roots()).roots)

    async def sample(self, messages: Any, *, system_prompt: str | None = None,
                     temperature: float | None = None, max_tokens: int | None = None,
                     model_preferences: Any = None, tools: Any = None,
                     result_type: Any = None, **_: Any) -> Any:
        """fastmcp 2/3: asks the client's model (one ``sampling/createMessage``): ``messages``
        a string or a list of strings and ``SamplingMessage``s, ``max_tokens`` 512 unless
        given, ``model_preferences`` a model name or a list of them. Answers fastmcp's
        ``SamplingResult`` (``text``, ``result``, ``history``); fastmcp releases before it
        answered the content block, which ``.text`` reads the same.

        Raises:
            NotImplementedError: ``tools`` or a structured ``result_type``, which need
                fastmcp's sampling loop.
        """
        if tools or result_type not in (None, str):
            raise NotImplementedError("ferromcp's ctx.sample sends one sampling request: "
                                      "tools and a structured result_type are not served")
        history = [t.SamplingMessage(role="user", content=t.TextContent(type="text", text=m))
                   if isinstance(m, str) else m
                   for m in ([messages] if isinstance(messages, str) else messages)]
        if isinstance(model_preferences, str):
            model_preferences = [model_preferences]
        if isinstance(model_preferences, list):
            model_preferences = t.ModelPreferences(
                hints=[t.ModelHint(name=name) for name in model_preferences])
        result = await self.session.create_message(
            history, max_tokens=max_tokens if max_tokens is not None else 512,
            system_prompt=system_prompt, temperature=temperature,
            model_preferences=model_preferences)
        content = result.content
        text = getattr(content, "text", None)
        history.append(t.SamplingMessage(role="assistant", content=content))
        return _sampling_result(text, history, content)

    async def report_progress(self, progress: float, total: float | None = None,
                              message: str | None = None) -> None:
        """Reports progress; a no-op when the client sent no progress token."""
        self._core_ctx.report_progress(progress, total, message)

    async def close_sse_stream(self) -> None:
        """Closes this request's SSE stream while the request goes on; the client reconnects
        with ``Last-Event-ID`` after the retry interval and gets every event it missed (SSE
        polling). A no-op unless served over Streamable HTTP with an event store to a
        2025-11-25 client."""
        self._core_ctx.close_stream(False)

    async def close_standalone_sse_stream(self) -> None:
        """Closes the session's standalone (GET) SSE stream; its events are kept for the
        client to resume. A no-op without an event store."""
        self._core_ctx.close_stream(True)

    async def read_resource(self, uri: Any) -> Any:
        """Reads one of this server's resources: a list of ``ReadResourceContents`` (fastmcp 3
        and 4: fastmcp's ``ResourceResult``)."""
        if getattr(self._server, "_fastmcp_major", 0) >= 3:
            from ferromcp.fastmcp._local import read_resource

            return await read_resource(self._server, str(uri))
        return await self._server._read_resource_contents(str(uri), self)

    async def elicit(self, message: str, schema: Any = None, *, response_type: Any = None,
                     **fastmcp: Any) -> ElicitationResult:
        """Asks the user, through the client, for data shaped like ``schema`` (a pydantic model,
        dataclass or TypedDict). Returns an accepted (with typed ``data``), declined or cancelled
        result.

        On a fastmcp-style server with fastmcp installed, fastmcp's ``response_type`` forms too
        (``str``, ``int``, ``bool``, ``Literal``, an ``Enum``, ``["a", "b"]`` choices, lists of
        them; ``response_title=``, ``response_description=``), shaped and answered by fastmcp's
        own elicitation helpers."""
        from ferromcp import _schema

        if getattr(self._server, "_fastmcp_major", None) is not None:
            helpers = _fastmcp_elicitation()
            if helpers is not None:
                return await self._fastmcp_elicit(helpers, message,
                                                  schema if schema is not None
                                                  else response_type, fastmcp)
        shape = schema if schema is not None else response_type
        requested, build = _schema.elicitation_schema(shape)
        result = await self.session.elicit(message, requested)
        action = getattr(result, "action", None)
        if action == "accept":
            return AcceptedElicitation(build(getattr(result, "content", None) or {}))
        if action == "decline":
            return DeclinedElicitation()
        return CancelledElicitation()

    async def _fastmcp_elicit(self, helpers: Any, message: str, response_type: Any,
                              metadata: dict[str, Any]) -> Any:
        import inspect as _inspect

        takes = _inspect.signature(helpers.parse_elicit_response_type).parameters
        config = helpers.parse_elicit_response_type(
            response_type, **{k: v for k, v in metadata.items() if k in takes})
        result = await self.session.elicit(message, config.schema)
        action = getattr(result, "action", None)
        if action == "accept":
            return helpers.handle_elicit_accept(config, getattr(result, "content", None))
        if action == "decline":
            return helpers.DeclinedElicitation()
        if action == "cancel":
            return helpers.CancelledElicitation()
        raise ValueError(f"Unexpected elicitation action: {action}")


def _sampling_result(text: str | None, history: list[Any], content: Any) -> Any:
    """fastmcp's ``SamplingResult`` (the installed fastmcp's when it has one; fastmcp before
    2.14 answered the content block itself)."""
    from ferromcp import _official

    try:
        official = _official.module("fastmcp.server.sampling.run").SamplingResult
    except ImportError:
        try:
            _official.module("fastmcp")
        except ImportError:
            return SamplingResult(text, text, history)
        return content  # an older fastmcp, installed
    return official(text=text, result=text, history=history)


class SamplingResult:
    """What ``ctx.sample`` answers: the reply's ``text``, the ``result`` (the same text) and the
    ``history`` of the exchange (the messages sent, then the reply)."""

    def __init__(self, text: str | None, result: Any, history: list[Any]) -> None:
        self.text = text
        self.result = result
        self.history = history

    def __repr__(self) -> str:
        return f"SamplingResult(text={self.text!r}, result={self.result!r})"


def _fastmcp_elicitation() -> Any:
    """fastmcp's own elicitation helpers (``fastmcp.server.elicitation``), or None without
    fastmcp."""
    from ferromcp import _official

    try:
        return _official.module("fastmcp.server.elicitation")
    except ImportError:
        return None


_input_response = t._input_response


def _asks_for_input(value: Any) -> bool:
    """Whether a handler's return value is an input-required result (2026-07-28)."""
    kind = getattr(value, "resultType", None) or getattr(value, "result_type", None)
    if kind is None and isinstance(value, dict):
        kind = value.get("resultType")
    return kind == "input_required"


def _signature(fn: Callable[..., Any]) -> inspect.Signature:
    """The signature with string annotations (``from __future__ import annotations``) resolved."""
    try:
        return inspect.signature(fn, eval_str=True)
    except (NameError, TypeError):
        return inspect.signature(fn)


def _is_context_annotation(annotation: Any) -> bool:
    from ferromcp import _schema

    if isinstance(annotation, str):
        return annotation.split("[")[0].split(".")[-1].strip() == "Context"
    return _schema._default_is_context(annotation)


def _text(s: str) -> dict[str, Any]:
    return {"type": "text", "text": s}


class _InheritSecurity:
    """A resource template's ``security`` when none was given: the server's applies."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INHERIT_SECURITY"


INHERIT_SECURITY: Any = _InheritSecurity()


class HighLevelServer:
    """The implementation behind FastMCP, MCPServer and ferromcp.FastMCP."""

    _generation: Any = 1

    def __class_getitem__(cls, item: Any) -> Any:
        """``FastMCP[Lifespan]``, as the official classes (generic in their lifespan) allow."""
        import types as _types

        return _types.GenericAlias(cls, item)

    _bare_decorators = False
    _default_name = "FastMCP"
    #: The ``_meta`` entry naming component versions, when the server serves several versions
    #: of one component.
    _version_meta: str | None = None
    #: The registry's class (fastmcp's records registrations, for mounting).
    _registry_class: Any = _core.Registry

    def _setup(self, name: str | None, *, instructions: str | None = None,
               website_url: str | None = None, icons: list[Any] | None = None,
               version: str | None = None, title: str | None = None,
               description: str | None = None,
               lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
               tools: Sequence[Any] | None = None, mask_error_details: bool | None = None,
               list_page_size: int | None = None, settings: dict[str, Any] | None = None,
               ) -> None:
        extra = _check_keywords(self._generation, dict(settings or {}))
        self.name = name or self._default_name
        self.instructions = instructions
        self.website_url = website_url
        self.icons = icons
        self.version = version
        self.title = title
        self.description = description
        self.settings = _Settings(extra.pop("settings"))
        if "dependencies" in self.settings.__dict__:
            self.dependencies = self.settings.dependencies
        #: Keywords of the official constructor that ferromcp keeps without acting on them yet
        #: (2.x ``middleware``, fastmcp ``providers`` …), under the official attribute names.
        self.__dict__.update(extra)
        self._mask = bool(mask_error_details) if mask_error_details is not None else (
            self._generation == 2)
        # 2.x matches RFC 6570 templates, where a variable may be empty; 1.x and fastmcp 4
        # need a value.
        empty_variables = self._generation == 2 or (
            self._generation == "fastmcp" and getattr(self, "_fastmcp_major", 4) != 4)
        self._registry = self._registry_class(list_page_size, empty_variables,
                                              versions=self._version_meta)
        self._tools: dict[str, Any] = {}
        self._resolvers: dict[str, _Resolvers] = {}
        self._resources: dict[str, Any] = {}
        self._prompts: dict[str, Any] = {}
        self._lowlevel = Server(self.name, version, instructions, website_url, icons,
                                lifespan=_wrap_lifespan(lifespan, self), title=title,
                                description=description,
                                cache_hints=getattr(self, "_cache_hints", None))
        if self._generation != 1:
            # The same list object on both, as the official servers share it.
            self._lowlevel.middleware = self.middleware
        # What serves the low-level server over HTTP finds this server's registry through it
        # (`StreamableHTTPSessionManager(app=mcp._mcp_server)`).
        self._lowlevel._highlevel = self  # type: ignore[attr-defined]
        self._custom_starlette_routes: list[Any] = []
        for tool in tools or ():
            self.add_tool(tool)
        for resource in getattr(self, "_initial_resources", None) or ():
            self.add_resource(resource)
        if self._generation == 2:
            self._apply_extensions(getattr(self, "_extensions", None) or ())

    # --- extensions (2.x, SEP-2133) ------------------------------------------------------------

    def _apply_extensions(self, given: Sequence[Any]) -> None:
        """Takes each extension's tools, resources and methods, announces its settings under
        ``capabilities.extensions``, and wraps ``tools/call`` in the interceptors of those that
        override ``intercept_tool_call`` (innermost, under the author's middleware)."""
        from ferromcp.server.extension import validate_extension_identifier

        self._extensions: list[Any] = []
        self._extension_settings: dict[str, Any] = {}
        for extension in given:
            identifier = getattr(extension, "identifier", None)
            validate_extension_identifier(identifier, owner=type(extension).__name__)
            if identifier in self._extension_settings:
                raise ValueError(f"Extension {identifier!r} is already registered")
            self._extensions.append(extension)
            for tool in extension.tools():
                self.add_tool(tool.fn, meta=tool.meta, **tool.kwargs)
            for resource in extension.resources():
                self.add_resource(resource.resource)
            for method in extension.methods():
                if method.method in self._lowlevel._runners or method.method in (
                        "tools/list", "tools/call", "resources/list", "resources/read",
                        "resources/templates/list", "prompts/list", "prompts/get"):
                    raise ValueError(
                        f"Extension {identifier!r} binds method {method.method!r}, which is "
                        "already registered; extension methods are additive and cannot replace "
                        "another handler")
                self._lowlevel.add_request_handler(method.method, None, _extension_method(method))
            self._extension_settings[identifier] = extension.settings()
        if any(_overrides_intercept(e) for e in self._extensions):
            self._lowlevel._innermost = [_tool_call_interceptor(self._extensions)]

    def _set_auth(self, auth_server_provider: Any, token_verifier: Any) -> None:
        """Keeps the OAuth objects the constructor was given, checked as the official
        constructors check them (``auth=`` is in ``settings``).

        Raises:
            ValueError: a combination the official constructors refuse.
        """
        from ferromcp.server._auth import _settings, check_arguments

        auth = getattr(self.settings, "auth", None)
        check_arguments(auth, token_verifier, auth_server_provider)
        if isinstance(auth, dict):
            self.settings.auth = _settings(auth)
        self._auth_server_provider = auth_server_provider
        self._token_verifier = token_verifier

    # --- tools ---------------------------------------------------------------------------------

    def _decorator(self, what: str, fn: Any, register: Callable[[Any], Any]) -> Any:
        if callable(fn) and not isinstance(fn, str):
            if self._bare_decorators:
                return register(fn)
            raise TypeError(f"The @{what} decorator was used incorrectly. Did you forget to call "
                            f"it? Use @{what}() instead of @{what}")
        return register

    def tool(self, name: Any = None, title: str | None = None, description: str | None = None,
             annotations: Any = None, icons: list[Any] | None = None,
             meta: dict[str, Any] | None = None, structured_output: bool | None = None,
             **_: Any) -> Any:
        """Registers the decorated function as a tool."""
        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self.add_tool(fn, name=name if isinstance(name, str) else None, title=title,
                          description=description, annotations=annotations, icons=icons,
                          meta=meta, structured_output=structured_output, tags=_.get("tags"),
                          version=_.get("version"),
                          **{k: _[k] for k in ("output_schema", "timeout", "exclude_args",
                                               "enabled") if k in _})
            return fn
        return self._decorator("tool", name, register)

    def add_tool(self, fn: Callable[..., Any], name: str | None = None, title: str | None = None,
                 description: str | None = None, annotations: Any = None,
                 icons: list[Any] | None = None, meta: dict[str, Any] | None = None,
                 structured_output: bool | None = None, **_: Any) -> None:
        """Registers ``fn`` as a tool; its schemas are derived from the signature now."""
        tool_name, definition, fs, resolved = self._tool_definition(
            fn, name=name, title=title, description=description, annotations=annotations,
            icons=icons, meta=meta, structured_output=structured_output, tags=_.get("tags"),
            version=_.get("version"), **{k: _[k] for k in ("output_schema",) if k in _})
        resolvers = _Resolvers(fn, fs, resolved) if resolved else None
        runner = self._tool_runner(tool_name, fn, fs, self._result_meta(fs), resolvers)
        self._registry.add_tool(definition, runner, True)
        self._tools[tool_name] = (fn, fs, definition)
        if resolvers is not None:
            self._resolvers[tool_name] = resolvers
        else:
            self._resolvers.pop(tool_name, None)
        objects = self.__dict__.get("_tool_objects")
        if objects is not None:
            objects._added(tool_name, fn, fs, definition)

    def _tool_definition(self, fn: Callable[..., Any], *, name: str | None = None,
                         title: str | None = None, description: str | None = None,
                         annotations: Any = None, icons: list[Any] | None = None,
                         meta: dict[str, Any] | None = None,
                         structured_output: bool | None = None, tags: Any = None,
                         version: Any = None, **shaping: Any,
                         ) -> tuple[str, dict[str, Any], Any, dict[str, Any] | None]:
        """``(name, tools/list entry, FunctionSchema, resolved parameters)`` of ``fn``; touches
        no registry."""
        from ferromcp import _schema

        tool_name = name or fn.__name__
        if tool_name == "<lambda>":
            raise ValueError("You must provide a name for lambda functions")
        resolved = _resolved_parameters(fn, tool_name) if self._generation == 2 else None
        fs = _schema.inspect_function(fn, name=tool_name, structured_output=structured_output,
                                      generation=1 if self._generation == 1 else 2,
                                      bare_dict_output=self._generation == "fastmcp",
                                      skip_names=tuple(resolved or ()))
        definition: dict[str, Any] = {
            "name": tool_name,
            "description": description if description is not None else fs.description,
            "inputSchema": fs.input_schema,
        }
        if title is not None:
            definition["title"] = title
        if fs.output_schema is not None:
            definition["outputSchema"] = fs.output_schema
        if annotations is not None:
            definition["annotations"] = annotations
        if icons:
            definition["icons"] = icons
        if meta:
            definition["_meta"] = meta
        if self._generation == "fastmcp":
            definition = self._shape_tool(definition, fn, fs, title=title,
                                          description=description, annotations=annotations,
                                          meta=meta, tags=tags, version=version, **shaping)
        return tool_name, definition, fs, resolved

    def remove_tool(self, name: str) -> None:
        """Removes a tool (``ToolError`` if there is none of that name)."""
        if not self._registry.remove("tools", name):
            raise ToolError(f"Unknown tool: {name}")
        self._tools.pop(name, None)
        self._resolvers.pop(name, None)
        objects = self.__dict__.get("_tool_objects")
        if objects is not None:
            objects._tools.pop(name, None)

    @property
    def _tool_manager(self) -> Any:
        """The official servers' ``_tool_manager`` (1.x ``FastMCP``, 2.x ``MCPServer``): the
        registered tools as ``Tool`` objects, made on first use — a server that never asks
        keeps its tools as plain registrations. What a server changes on them is served from
        the next ``run()`` on (:meth:`_sync_tool_objects`)."""
        objects = self.__dict__.get("_tool_objects")
        if objects is None:
            if self._generation == 1:
                from ferromcp.server.fastmcp.tools.base import Tool
            elif self._generation == 2:
                from ferromcp.server.mcpserver.tools.base import Tool  # type: ignore[assignment]
            else:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute "
                                     "'_tool_manager'")
            from ferromcp.server.fastmcp.tools.tool_manager import ServerToolManager

            objects = self.__dict__["_tool_objects"] = ServerToolManager(self, Tool)
        return objects

    def _sync_tool_objects(self) -> None:
        """Registers again, as they now are, the tools a server got through ``_tool_manager``:
        their definitions (``parameters``, ``output_schema`` … changed in place or replaced)
        and, when ``fn_metadata.arg_model`` was replaced, that model converting the arguments.

        Such a tool's arguments are not checked against its ``inputSchema`` by the core: the
        official SDKs let the model alone validate them, and the server's model answers bad
        arguments in its own words. Its schema is still listed as given.
        """
        objects = self.__dict__.get("_tool_objects")
        if objects is None:
            return
        for name, tool in objects._tools.items():
            definition: dict[str, Any] = {"name": name, "description": tool.description or "",
                                          "inputSchema": tool.parameters}
            for key, value in (("title", tool.title), ("outputSchema", tool.output_schema),
                               ("annotations", tool.annotations), ("icons", tool.icons),
                               ("_meta", tool.meta)):
                if value is not None:
                    definition[key] = value
            fs = tool.fn_metadata
            runner = self._tool_runner(name, tool.fn, fs, None, self._resolvers.get(name))
            if fs.arg_model_replaced:
                self._registry.add_tool_unchecked(definition, runner)
            else:
                self._registry.add_tool(definition, runner, True)
            self._tools[name] = (tool.fn, fs, definition)

    async def _invoke(self, fn: Callable[..., Any], fs: Any, args: dict[str, Any],
                      core_ctx: Any, params: dict[str, Any] | None = None,
                      resolvers: _Resolvers | None = None) -> Any:
        kwargs = _convert_arguments(fs, args)
        if resolvers is not None:
            ctx = Context(core_ctx, self, params)
            resolved = await resolvers.resolve(kwargs, ctx)
            if _asks_for_input(resolved):
                return resolved  # the tool runs once the client has answered
            if fs.context_param:
                kwargs[fs.context_param] = ctx
            kwargs.update(resolved)
        elif fs.context_param:
            kwargs[fs.context_param] = Context(core_ctx, self, params)
        if fs.is_async:
            return await fn(**kwargs)
        result = await asyncio.to_thread(fn, **kwargs)
        if self._generation == "fastmcp" and inspect.isawaitable(result):
            # fastmcp awaits what a plain `def` tool returns; mcp 1.x and 2.x do not.
            result = await result
        return result

    @property
    def _flavor(self) -> str:
        """Whose answer rules the core applies (``ferromcp_core::policy::Flavor``)."""
        return {1: "fastmcp1", 2: "mcpserver2"}.get(self._generation, "fastmcp")  # type: ignore[call-overload]

    # --- the fastmcp flavour's shapes (``ferromcp._fastmcp.FastMCP`` overrides these) ----------

    def _shape_tool(self, definition: dict[str, Any], fn: Callable[..., Any], fs: Any,
                    **given: Any) -> dict[str, Any]:
        """The ``tools/list`` entry as the framework generation lists it."""
        return definition

    async def _on_start(self, stack: AsyncExitStack) -> None:
        """Called inside the server's lifespan when it starts serving (what else serves with
        it enters ``stack``)."""

    def _shape_listing(self, definition: dict[str, Any], tags: Any,
                       version: Any = None) -> dict[str, Any]:
        """A resource, template or prompt entry as the framework generation lists it."""
        return definition

    def _result_meta(self, fs: Any) -> dict[str, Any] | None:
        """``_meta`` of every successful ``tools/call`` result of a tool, or None."""
        return None

    def _announced_capabilities(self, transport: str) -> dict[str, Any] | None:
        """The capabilities to announce as they are, or None to derive them."""
        return None

    #: How a resource's value that is neither text nor bytes is written (``_resource_contents``).
    _resource_json: str | None = None

    def _tool_runner(self, name: str, fn: Callable[..., Any], fs: Any,
                     result_meta: dict[str, Any] | None = None,
                     resolvers: _Resolvers | None = None) -> Any:
        # The common case inline (a coroutine function without a context parameter or resolved
        # parameters): one coroutine less per call than going through ``_invoke``. An
        # ``async def`` of that kind is called and driven by the core binding itself
        # (``__ferromcp_direct__``); it writes a string result itself, with ``result_meta``.
        from ferromcp._schema import scalar_result

        direct = fs.is_async and not fs.context_param and resolvers is None

        def convert(args: dict[str, Any]) -> dict[str, Any]:
            return _convert_arguments(fs, args)
        plain = fs.plain_arguments
        scalar = fs.scalar_output

        def fail(slot: Any, exc: Exception) -> None:
            slot.raised(exc)

        def done(slot: Any, result: Any) -> None:
            try:
                if type(result) is scalar:
                    if result_meta is not None:
                        slot.done({**scalar_result(result), "_meta": result_meta})
                        return
                    slot.done(scalar_result(result))
                    return
                if fs.is_passthrough(result):
                    fs.check_passthrough(result)
                    slot.done(result)
                    return
                content, structured = fs.serialize_result(result)
            except Exception as exc:  # noqa: BLE001 - every failure becomes an answer
                fail(slot, exc)
                return
            out: dict[str, Any] = {"content": content, "isError": False}
            if structured is not None:
                out["structuredContent"] = structured
            if result_meta is not None:
                out["_meta"] = result_meta
            slot.done(out)

        async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
            request_ctx.set(core_ctx)
            try:
                if direct:
                    args = params.get("arguments") or {}
                    result = await fn(**(args if plain(args) else convert(args)))
                else:
                    result = await self._invoke(fn, fs, params.get("arguments") or {}, core_ctx,
                                                params, resolvers)
            except Exception as exc:  # noqa: BLE001 - every failure becomes an answer
                fail(slot, exc)
                return
            done(slot, result)
        if direct and _is_async_def(fn):
            runner.__ferromcp_direct__ = {  # type: ignore[attr-defined]
                "function": fn, "var": request_ctx, "call": "keywords",
                "plain": plain, "convert": convert, "finish": "tool",
                "text_output": scalar is str, "done": done, "result_meta": result_meta}
        return runner

    async def list_tools(self) -> list[t.Tool]:
        """The registered tools as ``Tool`` objects."""
        return [t.Tool(**d) for d in self._registry.list("tools")]

    async def call_tool(self, name: str, arguments: dict[str, Any] | None = None,
                        context: Any = None) -> Any:
        """Calls a tool in process: 1.x returns the content (or ``(content, structured)``),
        2.x a ``CallToolResult``."""
        if name not in self._tools:
            raise ToolError(f"Unknown tool: {name}")
        fn, fs, _ = self._tools[name]
        core_ctx = getattr(context, "_core_ctx", None)
        try:
            result = await self._invoke(fn, fs, arguments or {}, core_ctx,
                                        getattr(context, "_params", None),
                                        self._resolvers.get(name))
            if _asks_for_input(result):
                return result
        except Exception as exc:
            code, message = _core.tool_failure(self._flavor, self._mask, name, exc)
            if code is not None:
                raise
            if isinstance(exc, ToolError) or self._generation == 1:
                raise ToolError(message) from exc
            raise UnexpectedToolError(message) from exc
        content, structured = fs.serialize_result(result)
        blocks = [_content_model(c) for c in content]
        if self._generation == 1:
            return (blocks, structured) if structured is not None else blocks
        return t.CallToolResult(content=blocks, structuredContent=structured)

    # --- resources -----------------------------------------------------------------------------

    def resource(self, uri: str, *, name: str | None = None, title: str | None = None,
                 description: str | None = None, mime_type: str | None = None,
                 icons: list[Any] | None = None, annotations: Any = None,
                 meta: dict[str, Any] | None = None, **_: Any) -> Any:
        """Registers the decorated function as a resource; ``{param}`` in ``uri`` makes a
        template whose variables are the function's parameters."""
        if callable(uri):
            raise TypeError("The @resource decorator was used incorrectly. Did you forget to "
                            "call it? Use @resource('uri') instead of @resource")

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self._add_function_resource(fn, uri, name=name, title=title, description=description,
                                        mime_type=mime_type, icons=icons,
                                        annotations=annotations, meta=meta, tags=_.get("tags"),
                                        version=_.get("version"),
                                        security=_.get("security", INHERIT_SECURITY))
            return fn
        return register

    def _add_function_resource(self, fn: Callable[..., Any], uri: str, *, name: str | None,
                               title: str | None, description: str | None,
                               mime_type: str | None, icons: Any, annotations: Any,
                               meta: Any, tags: Any = None,
                               security: Any = INHERIT_SECURITY, version: Any = None) -> None:
        sig = _signature(fn)
        ctx_param = next((p.name for p in sig.parameters.values()
                          if _is_context_annotation(p.annotation)), None)
        fn_params = {p for p in sig.parameters if p != ctx_param}
        is_template = "{" in uri and "}" in uri
        definition: dict[str, Any] = {"name": name or fn.__name__}
        if is_template:
            import re
            uri_params = set(re.findall(r"{[+#./;?&]?([^}*:]+)", uri))
            uri_params = {n.strip() for part in uri_params for n in part.split(",")}
            if uri_params != fn_params and not uri.count("{?"):
                raise ValueError(f"Mismatch between URI parameters {uri_params} and function "
                                 f"parameters {fn_params}")
            definition["uriTemplate"] = uri
        else:
            if fn_params:
                raise ValueError("A resource function with parameters needs a URI template with "
                                 "matching {parameters}")
            definition["uri"] = uri
        for key, value in (("title", title), ("description",
                                              description or inspect.getdoc(fn) or None),
                           ("mimeType", mime_type or "text/plain"),
                           ("icons", icons), ("annotations", annotations), ("_meta", meta)):
            if value is not None:
                definition[key] = value
        entry = _FunctionResource(fn, ctx_param, definition.get("mimeType") or mime_type, meta)
        if self._generation == "fastmcp":
            definition = self._shape_listing(definition, tags, version)
        self._registry.add_resource(definition, self._resource_runner(entry),
                                    self._template_security(security) if is_template else None)
        self._resources[uri] = entry

    def _template_security(self, given: Any) -> Any:
        """The path rules a template's variables are held to (``given``: the template's own,
        or :data:`INHERIT_SECURITY`): ``mcp`` 2.x's ``ResourceSecurity``, the template's own
        or the server's (secure by default there; None is the server's); fastmcp 4's, the
        template's own or the server's (secure by default; None turns them off). Earlier
        generations have none."""
        if self._generation == 2:
            if given is not None and given is not INHERIT_SECURITY:
                return given
            from ferromcp.server.mcpserver.resources.templates import DEFAULT_RESOURCE_SECURITY

            chosen = getattr(self, "_resource_security", None)
            return DEFAULT_RESOURCE_SECURITY if chosen is None else chosen
        if self._generation != "fastmcp" or getattr(self, "_fastmcp_major", 4) != 4:
            return None
        chosen = getattr(self, "_resource_security", INHERIT_SECURITY) if (
            given is INHERIT_SECURITY) else given
        if chosen is INHERIT_SECURITY:
            from ferromcp.fastmcp._components import DEFAULT_RESOURCE_SECURITY as DEFAULT

            chosen = DEFAULT
        if chosen is None:
            return None
        to_core = getattr(chosen, "_for_core", None)
        return to_core() if to_core is not None else chosen

    def add_resource(self, resource: Any) -> None:
        """Registers a resource object (with ``uri``, ``name`` and an async or sync ``read()``)."""
        definition = {"uri": str(resource.uri), "name": getattr(resource, "name", None)
                      or str(resource.uri)}
        for attr, key in (("title", "title"), ("description", "description"),
                          ("mime_type", "mimeType"), ("icons", "icons"),
                          ("annotations", "annotations"), ("meta", "_meta")):
            value = getattr(resource, attr, None)
            if value is not None:
                definition[key] = value
        entry = _ObjectResource(resource, definition.get("mimeType"))
        if self._generation == "fastmcp":
            definition = self._shape_listing(definition, getattr(resource, "tags", None))
        self._registry.add_resource(definition, self._resource_runner(entry))
        self._resources[definition["uri"]] = entry

    def _resource_runner(self, entry: Any) -> Any:
        async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
            request_ctx.set(core_ctx)
            uri = params["uri"]
            try:
                value = await entry.read(params.get("arguments") or {},
                                         Context(core_ctx, self, params))
                if _asks_for_input(value):
                    slot.done(value)
                    return
                if _is_fastmcp_result(value, "ResourceResult"):
                    # fastmcp: a resource may answer its whole result (several contents).
                    slot.done(value._wire(uri))
                    return
                contents = [_resource_contents(uri, value, entry.mime_type,
                                               self._resource_json)]
                # The official SDKs send the resource's `_meta` with what was read.
                if entry.meta is not None and self._generation in (1, 2):
                    contents[0]["_meta"] = entry.meta
            except Exception as exc:  # noqa: BLE001 - the core answers it (policy.rs)
                slot.raised(exc)
                return
            slot.done({"contents": contents})
        return runner

    async def _read_resource_contents(self, uri: str, ctx: Context | None) -> list[Any]:
        from ferromcp.server.lowlevel.server import ReadResourceContents

        entry, args = self._find_resource(uri)
        value = await entry.read(args, ctx)
        c = _resource_contents(uri, value, entry.mime_type, self._resource_json)
        content = base64.b64decode(c["blob"]) if "blob" in c else c["text"]
        return [ReadResourceContents(content=content, mime_type=c.get("mimeType"))]

    def _find_resource(self, uri: str) -> tuple[Any, dict[str, Any]]:
        if uri in self._resources:
            return self._resources[uri], {}
        match = self._registry.resolve(uri)
        if match is None:
            raise ResourceError(f"Unknown resource: {uri}")
        key, args = match
        return self._resources[key], args

    async def read_resource(self, uri: Any) -> Any:
        """Reads a resource in process (an iterable of ``ReadResourceContents``)."""
        return await self._read_resource_contents(str(uri), None)

    async def list_resources(self) -> list[t.Resource]:
        """The registered resources."""
        return [t.Resource(**d) for d in self._registry.list("resources")]

    async def list_resource_templates(self) -> list[t.ResourceTemplate]:
        """The registered resource templates."""
        return [t.ResourceTemplate(**d) for d in self._registry.list("resourceTemplates")]

    # --- prompts -------------------------------------------------------------------------------

    def prompt(self, name: Any = None, title: str | None = None,
               description: str | None = None, icons: list[Any] | None = None,
               **_: Any) -> Any:
        """Registers the decorated function as a prompt."""
        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self._add_function_prompt(fn, name if isinstance(name, str) else None, title,
                                      description, icons, _.get("tags"), _.get("version"))
            return fn
        return self._decorator("prompt", name, register)

    def _add_function_prompt(self, fn: Callable[..., Any], name: str | None, title: str | None,
                             description: str | None, icons: Any, tags: Any = None,
                             version: Any = None) -> None:
        from ferromcp import _schema

        # The arguments come from the same model a tool's schema does, as in the official SDKs
        # (`Field(description=...)` gives an argument its description).
        fs = _schema.inspect_function(fn, name=name, structured_output=False,
                                      generation=1 if self._generation == 1 else 2,
                                      is_context=_is_context_annotation)
        schema = fs.input_schema
        required = set(schema.get("required", ()))
        fastmcp = self._generation == "fastmcp"
        major = getattr(self, "_fastmcp_major", 4)
        doc, param_docs = ((inspect.getdoc(fn), {}) if major == 2 else
                           _parse_docstring(fn, needs_parameters=major == 3)) if fastmcp else (
            None, {})
        arguments = []
        for key, prop in schema.get("properties", {}).items():
            arg: dict[str, Any] = {"name": key}
            text = prop.get("description")
            if fastmcp:
                text = _fastmcp_argument_description(fn, key, text or param_docs.get(key),
                                                     major)
            if text is not None:
                arg["description"] = text
            arg["required"] = key in required
            arguments.append(arg)
        definition: dict[str, Any] = {"name": fs.name, "arguments": arguments}
        if fastmcp:
            # fastmcp: the docstring's text before its Args/Returns/... sections, or nothing.
            text = description if description is not None else doc
        else:
            # mcp 1.x and 2.x: the docstring as written (indentation and all), or "".
            text = description or fn.__doc__ or ""
        for key, value in (("title", title), ("description", text), ("icons", icons)):
            if value is not None:
                definition[key] = value
        if fastmcp:
            definition = self._shape_listing(definition, tags, version)
        prompt = _FunctionPrompt(fn, fs, definition)
        self._registry.add_prompt(definition, self._prompt_runner(prompt))
        self._prompts[definition["name"]] = prompt

    def add_prompt(self, prompt: Any) -> None:
        """Registers a prompt object (with ``name``, ``arguments`` and a callable ``fn``)."""
        fn = getattr(prompt, "fn", None)
        if fn is None:
            raise TypeError("add_prompt() needs a prompt with a callable `fn`")
        self._add_function_prompt(fn, getattr(prompt, "name", None),
                                  getattr(prompt, "title", None),
                                  getattr(prompt, "description", None),
                                  getattr(prompt, "icons", None))

    def remove_prompt(self, name: str) -> None:
        """Removes a prompt."""
        self._registry.remove("prompts", name)
        self._prompts.pop(name, None)

    def _prompt_runner(self, prompt: Any) -> Any:
        async def runner(slot: Any, core_ctx: Any, params: dict[str, Any]) -> None:
            request_ctx.set(core_ctx)
            try:
                result = await prompt.render(params.get("arguments") or {},
                                             Context(core_ctx, self, params))
            except Exception as exc:  # noqa: BLE001 - the core answers it (policy.rs)
                slot.raised(exc)
                return
            slot.done(result)
        return runner

    async def list_prompts(self) -> list[t.Prompt]:
        """The registered prompts."""
        return [t.Prompt(**d) for d in self._registry.list("prompts")]

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        """Renders a prompt in process."""
        if name not in self._prompts:
            raise ValueError(f"Unknown prompt: {name}")
        r = await self._prompts[name].render(arguments or {}, None)
        return t.GetPromptResult(**r)

    # --- completion ----------------------------------------------------------------------------

    def completion(self) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorates ``async (ref, argument, context) -> Completion | None``."""
        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            def args(p: dict[str, Any]) -> tuple[Any, ...]:
                ctx = p.get("context")
                return (_ref(p["ref"]), t.CompletionArgument(**p["argument"]),
                        t.CompletionContext(**ctx) if ctx is not None else None)
            self._lowlevel._runners["completion/complete"] = _v1_runner(fn, args, _v1_completion)
            return fn
        return register

    # --- running -------------------------------------------------------------------------------

    def _core_options(self, transport: str = "stdio") -> dict[str, Any]:
        self._sync_tool_objects()
        return {
            "capabilities": self._announced_capabilities(transport),
            "name": self.name,
            "version": self.version if self.version is not None else _default_version(
                self._generation),
            "title": self.title,
            "description": self.description,
            "websiteUrl": self.website_url,
            "icons": self.icons,
            "instructions": self.instructions,
            # Derived by the core from what is registered; 1.x also announces `experimental`,
            # fastmcp what `experimental_capabilities=` gave it.
            "experimental": {} if self._generation == 1 else (
                getattr(self, "experimental_capabilities", None) or None),
            "extensions": getattr(self, "_extension_settings", None) or None,
            "flavor": self._flavor,
            "maskErrorDetails": self._mask,
            "middleware": _middleware_chain(self._lowlevel),
            **self._era_options(),
            **guard_options(self._lowlevel),
        }

    def _bus(self) -> Any:
        """The bus listens are fed from: the one given as ``subscriptions=``, one of ferromcp's
        own by default, none with ``subscriptions=False`` (or on a 1.x server)."""
        given = getattr(self, "_subscriptions", None)
        if self._generation == 1 or given is False:
            return None
        if given is None:
            from ferromcp.server.subscriptions import InMemorySubscriptionBus

            given = self._subscriptions = InMemorySubscriptionBus()
        return given

    def _era_options(self) -> dict[str, Any]:
        """How 2026-07-28 clients are served: cache hints, listens fed from the server's bus
        (``subscriptions=False`` turns them off), and 2.x's sealing of ``requestState``."""
        if self._generation == 1:
            return {}
        from ferromcp.server.caching import core_cache_hints

        bus = self._bus()
        out: dict[str, Any] = {
            "cacheHints": core_cache_hints(getattr(self, "_cache_hints", None)),
            "subscriptions": bus is not None,
            "subscriptionBus": bus,
        }
        security = getattr(self, "_request_state_security", None)
        if security is None:
            out["requestState"] = {"keys": []}
        else:
            out.update(security.core_options())
        return out

    async def run_stdio_async(self, *_: Any, **__: Any) -> None:
        """Serves on stdin/stdout until the client closes them."""
        from ferromcp.server.stdio import stdio_server

        async with stdio_server() as (read, write):
            await self._lowlevel._serve(read, write, self._core_options(), self._registry)

    def run(self, transport: str = "stdio", mount_path: str | None = None, **kw: Any) -> None:
        """Runs the server (blocking) on ``stdio``, ``streamable-http`` (fastmcp: ``http``) or
        ``sse``. HTTP is served by ferromcp's own HTTP server; ``kw`` are the official HTTP
        settings (``host``, ``port``, ``streamable_http_path`` / ``path``, ``json_response``,
        ``stateless_http``, ``sse_path``, ``message_path``, ``transport_security``), over those
        given to the constructor."""
        self._run_transport = ("streamable-http" if transport in ("http", "streamable_http")
                               else transport)
        if transport == "stdio":
            asyncio.run(self.run_stdio_async())
        elif transport in ("streamable-http", "http", "streamable_http"):
            asyncio.run(self.run_streamable_http_async(**kw))
        elif transport == "sse":
            asyncio.run(self.run_sse_async(mount_path, **kw))
        else:
            raise ValueError(f"Unknown transport: {transport}")

    async def run_streamable_http_async(self, **kw: Any) -> None:
        """Serves Streamable HTTP (and the legacy HTTP+SSE endpoints) until cancelled."""
        await self._serve_http(self._http_settings(kw))

    async def run_sse_async(self, mount_path: str | None = None, **kw: Any) -> None:
        """Serves the legacy HTTP+SSE transport (``/sse`` + ``/messages/``) until cancelled."""
        settings = self._http_settings(kw)
        if mount_path:
            prefix = mount_path.rstrip("/")
            settings.sse_path = prefix + settings.sse_path
            settings.message_path = prefix + settings.message_path
        await self._serve_http(settings)

    async def run_http_async(self, transport: str = "http", host: str | None = None,
                             port: int | None = None, path: str | None = None,
                             **kw: Any) -> None:
        """fastmcp's spelling: serves HTTP (``transport="sse"``: the legacy pair)."""
        for key, value in (("host", host), ("port", port), ("path", path)):
            if value is not None:
                kw[key] = value
        settings = self._http_settings(kw)
        await self._serve_http(settings)

    def _http_settings(self, kw: dict[str, Any]) -> Any:
        """The HTTP settings: the constructor's (1.x keeps them in ``settings``), then ``kw``."""
        from ferromcp.server._asgi import auth_options
        from ferromcp.server._http import HttpSettings

        merged = self._app_settings(kw)
        s = HttpSettings(auth=auth_options(merged))
        for name, key in (("host", "host"), ("port", "port"), ("path", "streamable_http_path"),
                          ("path", "path"), ("sse_path", "sse_path"),
                          ("message_path", "message_path"),
                          ("json_response", "json_response"), ("stateless", "stateless_http"),
                          ("max_body", "max_request_body_size"), ("max_sessions", "max_sessions"),
                          ("session_idle_timeout", "session_idle_timeout"),
                          ("event_store", "event_store"), ("retry_interval", "retry_interval"),
                          ("redis_url", "redis_url")):
            # None is a value for these two (no limit, never idle), the default for the rest.
            if merged.get(key) is not None or (
                    key in ("max_sessions", "session_idle_timeout") and key in merged):
                setattr(s, name, merged[key])
        security = merged.get("transport_security")
        if security is not None:
            s.dns_rebinding_protection = bool(
                getattr(security, "enable_dns_rebinding_protection", True))
            s.allowed_hosts = list(getattr(security, "allowed_hosts", None) or [])
            s.allowed_origins = list(getattr(security, "allowed_origins", None) or [])
        return s

    async def _serve_http(self, settings: Any) -> None:
        from ferromcp.server._http import logger, serve_http

        if self._custom_starlette_routes:
            logger.warning("custom routes are served by the ASGI apps (streamable_http_app(), "
                           "sse_app()), not by ferromcp's own HTTP server: %s",
                           ", ".join(getattr(r, "path", "?") for r in
                                     self._custom_starlette_routes))
        await serve_http(self._lowlevel, self._core_options("http"), self._registry, settings)

    # --- ASGI apps ----------------------------------------------------------------------------

    def custom_route(self, path: str, methods: list[str], name: str | None = None,
                     include_in_schema: bool = True) -> Callable[[Any], Any]:
        """Adds a Starlette route (``async (request) -> Response``) to the ASGI apps, beside
        the MCP endpoints (not authenticated)."""
        def decorator(fn: Any) -> Any:
            from starlette.routing import Route

            self._custom_starlette_routes.append(Route(
                path, endpoint=fn, methods=methods, name=name,
                include_in_schema=include_in_schema))
            return fn
        return decorator

    def _app_settings(self, kw: dict[str, Any]) -> dict[str, Any]:
        """The constructor's settings (1.x), then ``kw`` (2.x passes them to run() and the
        apps), with the OAuth objects and the event store the constructor was given."""
        given = {"event_store": getattr(self, "_event_store", None),
                 "retry_interval": getattr(self, "_retry_interval", None)}
        return {"token_verifier": getattr(self, "_token_verifier", None),
                "auth_server_provider": getattr(self, "_auth_server_provider", None),
                **{k: v for k, v in given.items() if v is not None}, **vars(self.settings),
                **kw}

    def streamable_http_app(self, **kw: Any) -> Any:
        """An ASGI app serving Streamable HTTP on ``streamable_http_path`` (``/mcp``): a
        Starlette app when Starlette is installed, with a lifespan running
        ``session_manager.run()``. Mounted in another app, run that in the host's lifespan.
        ``kw``: the 2.x keywords (``streamable_http_path``, ``json_response``,
        ``stateless_http``, ``transport_security``, ``host``, ``session_idle_timeout``,
        ``max_sessions``, ``max_request_body_size``), over the 1.x constructor settings."""
        from ferromcp.server._asgi import streamable_http_app

        return streamable_http_app(self, self._app_settings(kw), generation=self._generation,
                                   custom_routes=self._custom_starlette_routes)

    def sse_app(self, mount_path: str | None = None, **kw: Any) -> Any:
        """An ASGI app serving the legacy HTTP+SSE transport: ``GET sse_path`` (``/sse``) and
        ``POST message_path`` (``/messages/``). ``mount_path`` (1.x) prefixes the message
        endpoint the clients are told."""
        from ferromcp.server._asgi import sse_app

        if mount_path is not None and self._generation == 1:
            self.settings.mount_path = mount_path
        return sse_app(self, self._app_settings(kw), mount_path=mount_path,
                       custom_routes=self._custom_starlette_routes)

    def http_app(self, path: str | None = None, middleware: Any = None,
                 json_response: bool | None = None, stateless_http: bool | None = None,
                 transport: str = "http", event_store: Any = None,
                 retry_interval: int | None = None, host_origin_protection: bool | None = None,
                 allowed_hosts: list[str] | None = None,
                 allowed_origins: list[str] | None = None,
                 session_idle_timeout: float | None = None) -> Any:
        """fastmcp's ASGI app: Streamable HTTP on ``path`` (``/mcp``), or the legacy pair
        (``transport="sse"``). Its ``lifespan`` runs the server; give it to the host app
        (``FastAPI(lifespan=app.lifespan)``) when mounting."""
        from ferromcp.server._asgi import http_app

        return http_app(self, path=path, middleware=middleware, json_response=json_response,
                        stateless_http=stateless_http, transport=transport,
                        event_store=event_store, retry_interval=retry_interval,
                        host_origin_protection=host_origin_protection,
                        allowed_hosts=allowed_hosts, allowed_origins=allowed_origins,
                        session_idle_timeout=session_idle_timeout,
                        custom_routes=self._custom_starlette_routes)

    @property
    def session_manager(self) -> Any:
        """The ``StreamableHTTPSessionManager`` of ``streamable_http_app()``; run it in the
        host app's lifespan (``async with mcp.session_manager.run(): yield``).

        Raises:
            RuntimeError: ``streamable_http_app()`` was not called yet.
        """
        return self._lowlevel.session_manager

    # 1.x exposes the low-level server as _mcp_server, 2.x as _lowlevel_server.
    @property
    def _mcp_server(self) -> Server[Any, Any]:
        return self._lowlevel

    @property
    def _lowlevel_server(self) -> Server[Any, Any]:
        return self._lowlevel

    def get_context(self) -> Context:
        """The context of the request being served (1.x)."""
        try:
            core_ctx = request_ctx.get()
        except LookupError:
            core_ctx = None
        return Context(core_ctx, self)


def _resolved_parameters(fn: Callable[..., Any], tool_name: str) -> dict[str, Any] | None:
    """The 2.x resolved parameters of ``fn`` (``Annotated[T, Resolve(f)]``), or None.

    Raises:
        InvalidSignature: a ``Resolve`` is misplaced, or the tool also returns an
            ``InputRequiredResult`` itself.
    """
    from ferromcp._schema import InvalidSignature
    from ferromcp.server.mcpserver import resolve

    found = resolve.find_resolved_parameters(fn)
    if not found:
        return None
    if resolve.returns_input_required(fn):
        raise InvalidSignature(
            f"Tool {tool_name!r} combines Resolve(...) parameters with an InputRequiredResult "
            "return; a call has one input_required channel, so the multi-round flow is driven "
            "either by resolvers or by the tool body, not both")
    return found


class _Resolvers:
    """A tool's resolved parameters and the plans of its resolvers, made at registration."""

    __slots__ = ("defaults", "params", "plans")

    def __init__(self, fn: Callable[..., Any], fs: Any, params: dict[str, Any]) -> None:
        from ferromcp.server.mcpserver import resolve

        self.params = params
        self.plans = resolve.build_resolver_plans(params, set(fs.parameters))
        # A resolver taking a tool argument by name gets its default when the client left it out.
        self.defaults = {p.name: p.default for p in _signature(fn).parameters.values()
                         if p.name in fs.parameters and p.default is not p.empty}

    async def resolve(self, kwargs: dict[str, Any], ctx: Context) -> Any:
        from ferromcp.server.mcpserver import resolve

        return await resolve.resolve_arguments(self.params, self.plans,
                                               {**self.defaults, **kwargs}, ctx)


def _convert_arguments(fs: Any, args: dict[str, Any]) -> dict[str, Any]:
    """``fs.convert_arguments(args)``, a refusal raised as :class:`_RejectedArguments`."""
    try:
        return fs.convert_arguments(args)
    except ValueError as exc:
        from ferromcp._schema import ArgumentError

        if isinstance(exc, ArgumentError):
            raise _RejectedArguments(str(exc)) from exc
        raise


# The keywords each official constructor takes beyond those the ferromcp classes spell out
# (their ``**settings``), so a misspelt or removed one raises as it does there.

#: ``mcp`` 1.30 ``FastMCP``: all of them are ``mcp.settings`` fields, with these defaults.
_V1_SETTINGS: dict[str, Any] = {
    "debug": False, "log_level": "INFO", "host": "127.0.0.1", "port": 8000, "mount_path": "/",
    "sse_path": "/sse", "message_path": "/messages/", "streamable_http_path": "/mcp",
    "json_response": False, "stateless_http": False, "max_request_body_size": 4 * 1024 * 1024,
    "session_idle_timeout": 1800, "max_sessions": 10000, "warn_on_duplicate_resources": True,
    "warn_on_duplicate_tools": True, "warn_on_duplicate_prompts": True, "dependencies": (),
    "auth": None, "transport_security": None,
}
#: ``mcp`` 2.3 ``MCPServer``: these are ``mcp.settings`` fields …
_V2_SETTINGS: dict[str, Any] = {
    "debug": False, "log_level": "INFO", "warn_on_duplicate_resources": True,
    "warn_on_duplicate_tools": True, "warn_on_duplicate_prompts": True, "dependencies": None,
    "auth": None,
}
#: … and these are kept as attributes (keyword → attribute).
_V2_ATTRIBUTES: dict[str, str] = {
    "resources": "_initial_resources", "extensions": "_extensions",
    "resource_security": "_resource_security", "request_state_security":
    "_request_state_security", "cache_hints": "_cache_hints", "subscriptions": "_subscriptions",
    "middleware": "middleware",
}
#: fastmcp 4 ``FastMCP`` (keyword → attribute, as fastmcp names them).
_FASTMCP_ATTRIBUTES: dict[str, str] = {
    "auth": "auth", "middleware": "middleware", "providers": "providers",
    "transforms": "_transforms", "on_duplicate": "_on_duplicate",
    "dereference_schemas": "_dereference_schemas",
    "strict_input_validation": "strict_input_validation",
    "resource_security": "_resource_security", "request_state_security":
    "_request_state_security", "cache_ttl": "_cache_ttl", "cache_scope": "_cache_scope",
    "tasks": "_support_tasks_by_default", "session_state_store": "_state_storage",
    "client_log_level": "client_log_level", "experimental_capabilities":
    "experimental_capabilities",
}
#: fastmcp 4 refuses these with a hint (``_fastmcp.py`` already refuses the transport ones).
_FASTMCP_REMOVED: dict[str, str] = {
    "on_duplicate_tools": "Use `on_duplicate=` instead.",
    "on_duplicate_resources": "Use `on_duplicate=` instead.",
    "on_duplicate_prompts": "Use `on_duplicate=` instead.",
    "tool_serializer": "Return ToolResult from your tools instead.",
    "include_tags": "Use `server.enable(tags=..., only=True)` after creating the server.",
    "exclude_tags": "Use `server.disable(tags=...)` after creating the server.",
    "tool_transformations": "Use `server.add_transform(ToolTransform(...))` after creating "
                            "the server.",
    "sampling_handler": "Call an LLM directly from your tool.",
    "sampling_handler_behavior": "Call an LLM directly from your tool.",
}


def _check_keywords(generation: Any, given: dict[str, Any]) -> dict[str, Any]:
    """Checks the constructor keywords ``given`` beyond the named ones against the official
    constructor of ``generation``; returns ``{"settings": {...}}`` plus the attributes to set.

    Raises:
        TypeError: a keyword the official constructor does not take, worded as it words it.
    """
    if generation == 1:
        settings = dict(_V1_SETTINGS)
        unknown = [k for k in given if k not in settings]
        if unknown:
            raise TypeError(f"FastMCP.__init__() got an unexpected keyword argument "
                            f"{unknown[0]!r}")
        settings.update(given)
        settings["dependencies"] = list(settings["dependencies"])
        return {"settings": settings}
    if generation == 2:
        settings = dict(_V2_SETTINGS)
        out: dict[str, Any] = {_V2_ATTRIBUTES[k]: None for k in _V2_ATTRIBUTES}
        for key, value in given.items():
            if key in settings:
                settings[key] = value
            elif key in _V2_ATTRIBUTES:
                out[_V2_ATTRIBUTES[key]] = value
            else:
                raise TypeError(f"MCPServer.__init__() got an unexpected keyword argument "
                                f"{key!r}")
        settings["dependencies"] = list(settings["dependencies"] or [])
        out["middleware"] = list(out["middleware"] or ())
        out["_extensions"] = list(out["_extensions"] or ())
        out["settings"] = settings
        return out
    for key in given:
        if key in _FASTMCP_REMOVED:
            raise TypeError(f"FastMCP() no longer accepts `{key}`. {_FASTMCP_REMOVED[key]}")
    unknown = [k for k in given if k not in _FASTMCP_ATTRIBUTES]
    if unknown:
        raise TypeError("FastMCP() got unexpected keyword argument(s): "
                        f"{', '.join(repr(k) for k in unknown)}")
    out = {attr: given.get(key) for key, attr in _FASTMCP_ATTRIBUTES.items()}
    out["middleware"] = list(out["middleware"] or ())
    out["providers"] = list(out["providers"] or ())
    out["_transforms"] = list(out["_transforms"] or ())
    out["_on_duplicate"] = out["_on_duplicate"] or "warn"
    out["_dereference_schemas"] = given.get("dereference_schemas", True)
    out["_support_tasks_by_default"] = bool(out["_support_tasks_by_default"])
    out["experimental_capabilities"] = out["experimental_capabilities"] or {}
    # Not given: fastmcp 4's default rules; None: none.
    out["_resource_security"] = given.get("resource_security", INHERIT_SECURITY)
    out["settings"] = {}
    return out


class _Settings:
    """``mcp.settings``: the constructor's transport and behaviour settings as attributes."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _default_version(generation: Any) -> str:
    if generation == 2:
        return ""
    from ferromcp import __version__
    return __version__


def _wrap_lifespan(lifespan: Any, server: Any) -> Any:
    @asynccontextmanager
    async def wrapped(_: Any) -> AsyncIterator[Any]:
        async with AsyncExitStack() as stack:
            value = {} if lifespan is None else await stack.enter_async_context(
                lifespan(server))
            # A mounted server's lifespan runs inside its parent's (fastmcp's mount).
            for link in server.__dict__.get("_mounts", ()):
                child = link.child
                await stack.enter_async_context(child._lowlevel.lifespan(child._lowlevel))
            await server._on_start(stack)
            yield value
    return wrapped


def _content_model(c: Any) -> Any:
    if isinstance(c, dict):
        kind = c.get("type")
        cls = {"text": t.TextContent, "image": t.ImageContent, "audio": t.AudioContent,
               "resource": t.EmbeddedResource, "resource_link": t.ResourceLink}.get(kind)
        return cls(**c) if cls else c
    return c


def _is_fastmcp_result(value: Any, name: str) -> bool:
    """Whether ``value`` is fastmcp's ``ResourceResult`` / ``PromptResult`` (ferromcp's)."""
    return type(value).__name__ == name and hasattr(value, "_wire")


def _resource_contents(uri: str, value: Any, mime_type: str | None,
                       style: str | None = None) -> dict[str, Any]:
    """The contents of a read. ``style`` is how a value that is neither text nor bytes is
    written: indented JSON (the official SDKs); ``"compact"`` (fastmcp 2); ``"dumps"``
    (``json.dumps`` as it is, fastmcp 4); ``"dumps-json"`` (the same, sent as
    ``application/json`` whatever the resource lists, fastmcp 3)."""
    if isinstance(value, bytes):
        return {"uri": uri, "blob": base64.b64encode(value).decode(),
                "mimeType": mime_type or "application/octet-stream"}
    if isinstance(value, str):
        return {"uri": uri, "text": value, "mimeType": mime_type or "text/plain"}
    if style is not None:
        data = value.model_dump(mode="json") if hasattr(value, "model_dump") else value
        if style == "compact":
            from ferromcp._schema import _jsonable

            text = json.dumps(_jsonable(data), ensure_ascii=False, separators=(",", ":"))
        else:
            text = json.dumps(data, default=str)
        if style == "dumps-json":
            mime_type = "application/json"
    elif hasattr(value, "model_dump_json"):
        text = value.model_dump_json(indent=2)
    else:
        text = json.dumps(value, indent=2, default=str)
    return {"uri": uri, "text": text, "mimeType": mime_type or "application/json"}


class _FunctionResource:
    def __init__(self, fn: Callable[..., Any], ctx_param: str | None,
                 mime_type: str | None, meta: dict[str, Any] | None = None) -> None:
        self.meta = meta
        self.fn = fn
        self.ctx_param = ctx_param
        self.mime_type = mime_type
        self.is_async = inspect.iscoroutinefunction(fn)

    async def read(self, args: dict[str, Any], ctx: Context | None) -> Any:
        kwargs = dict(args)
        if self.ctx_param:
            kwargs[self.ctx_param] = ctx if ctx is not None else Context(None, None)
        if self.is_async:
            return await self.fn(**kwargs)
        value = await asyncio.to_thread(self.fn, **kwargs)
        if inspect.isawaitable(value):
            value = await value
        return value


class _ObjectResource:
    def __init__(self, resource: Any, mime_type: str | None) -> None:
        self.resource = resource
        self.mime_type = mime_type
        self.meta = getattr(resource, "meta", None)

    async def read(self, args: dict[str, Any], ctx: Context | None) -> Any:
        value = self.resource.read()
        if inspect.isawaitable(value):
            value = await value
        return value


class MissingArguments(ValueError):
    """A prompt was asked for without its required arguments."""


class _FunctionPrompt:
    def __init__(self, fn: Callable[..., Any], fs: Any, definition: dict[str, Any]) -> None:
        self.fn = fn
        self.fs = fs
        self.ctx_param = fs.context_param
        self.definition = definition
        self.required = [a["name"] for a in definition["arguments"] if a["required"]]

    async def render(self, arguments: dict[str, Any], ctx: Context | None) -> dict[str, Any]:
        from ferromcp._schema import ArgumentError

        missing = [n for n in self.required if n not in arguments]
        if missing:
            raise MissingArguments(f"Missing required arguments: {set(missing)}")
        try:
            # Arguments arrive as strings; the official SDKs convert them to the annotated
            # types (pydantic's `validate_call`, whose error names the function).
            kwargs = self.fs.convert_arguments(arguments)
        except ArgumentError as exc:
            raise ArgumentError(self.fs.fn_name, exc.issues) from None
        if self.ctx_param:
            kwargs[self.ctx_param] = ctx if ctx is not None else Context(None, None)
        value = self.fn(**kwargs)
        if inspect.isawaitable(value):
            value = await value
        if _asks_for_input(value):
            return value
        if _is_fastmcp_result(value, "PromptResult"):
            # fastmcp: a prompt may answer its whole result (messages, description, _meta).
            out = value._wire()
            if "description" not in out and self.definition.get("description") is not None:
                out["description"] = self.definition["description"]
            return out  # type: ignore[no-any-return]
        messages = [_prompt_message(m) for m in (value if isinstance(value, list | tuple)
                                                 else [value])]
        out: dict[str, Any] = {"messages": messages}
        if self.definition.get("description") is not None:
            out["description"] = self.definition["description"]
        return out


_GOOGLE_PARAMS = frozenset(("args", "arguments", "params", "parameters", "keyword args",
                            "keyword arguments", "other args", "other arguments", "other params",
                            "other parameters"))
_GOOGLE_SECTION = re.compile(r"^([A-Za-z][A-Za-z ]*):\s*$")
_GOOGLE_PARAM = re.compile(r"^(\*{0,2}\w+)(?:\s*\(.*\))?\s*:\s*(.*)$")
_SPHINX_FIELD = re.compile(r"^:(\w+)(?:\s+(?:[^:]*?\s+)?(\w+))?:\s*(.*)$")


def _parse_docstring(fn: Callable[..., Any], *, needs_parameters: bool = False
                     ) -> tuple[str | None, dict[str, str]]:
    """fastmcp's reading of a docstring (Google, NumPy or Sphinx style): the text before the
    first structured section, and the parameter descriptions. A docstring with no section is
    the description as a whole; no docstring is None. ``needs_parameters`` (fastmcp 3): only a
    style that describes parameters counts, else the whole docstring is the description."""
    doc = inspect.getdoc(fn)
    if not doc:
        return None, {}
    lines = doc.splitlines()
    for parse in (_google_sections, _numpy_sections, _sphinx_fields):
        found = parse(lines)
        if found is not None and (found[1] or not needs_parameters):
            start, params = found
            text = "\n".join(lines[:start]).strip()
            return text or None, params
    return doc, {}


def _indented_block(lines: list[str], start: int) -> tuple[list[str], int]:
    block, i = [], start
    while i < len(lines) and (not lines[i].strip() or lines[i][:1] in " \t"):
        block.append(lines[i])
        i += 1
    while block and not block[-1].strip():
        block.pop()
    return block, i


def _google_sections(lines: list[str]) -> tuple[int, dict[str, str]] | None:
    first: int | None = None
    params: dict[str, str] = {}
    i = 0
    while i < len(lines):
        m = _GOOGLE_SECTION.match(lines[i])
        if m and i + 1 < len(lines) and lines[i + 1][:1] in " \t" and lines[i + 1].strip():
            first = i if first is None else first
            block, i = _indented_block(lines, i + 1)
            if m.group(1).strip().lower() in _GOOGLE_PARAMS:
                params.update(_entries(inspect.cleandoc("\n".join(block)).splitlines()))
            continue
        i += 1
    return (first, params) if first is not None else None


def _entries(block: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    name: str | None = None
    for line in block:
        m = _GOOGLE_PARAM.match(line) if line[:1] not in " \t" else None
        if m:
            name = m.group(1).lstrip("*")
            out[name] = m.group(2).strip()
        elif name is not None and line.strip():
            out[name] = f"{out[name]}\n{line.strip()}".strip()
    return out


def _numpy_sections(lines: list[str]) -> tuple[int, dict[str, str]] | None:
    first: int | None = None
    params: dict[str, str] = {}
    for i in range(len(lines) - 1):
        underline = lines[i + 1].strip()
        if lines[i].strip() and underline and set(underline) == {"-"}:
            first = i if first is None else first
            if lines[i].strip().lower() in ("parameters", "other parameters"):
                name: str | None = None
                for line in lines[i + 2:]:
                    if line.strip() and set(line.strip()) == {"-"}:
                        break
                    if line[:1] not in " \t" and line.strip():
                        name = line.split(":")[0].strip()
                        params[name] = ""
                    elif name is not None and line.strip():
                        params[name] = f"{params[name]}\n{line.strip()}".strip()
    return (first, params) if first is not None else None


def _sphinx_fields(lines: list[str]) -> tuple[int, dict[str, str]] | None:
    """A field's text runs to the next line opening a field; its continuation lines lose
    their common indentation (none when an unindented line is among them)."""
    import textwrap

    first: int | None = None
    params: dict[str, str] = {}
    starts = [i for i, line in enumerate(lines) if _SPHINX_FIELD.match(line)]
    for n, i in enumerate(starts):
        m = _SPHINX_FIELD.match(lines[i])
        assert m is not None
        first = i if first is None else first
        if m.group(1) in ("param", "parameter", "arg", "argument", "key", "keyword"):
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            rest = textwrap.dedent("\n".join(lines[i + 1:end]))
            text = m.group(3).strip() + ("\n" + rest if rest.strip() else "")
            params[m.group(2) or ""] = text.strip()
    return (first, params) if first is not None else None


def _fastmcp_argument_description(fn: Callable[..., Any], name: str,
                                  text: str | None, major: int = 4) -> str | None:
    """fastmcp tells clients how to encode a prompt argument that is not a plain string: the
    argument's JSON Schema is appended to its description (when pydantic can build it)."""
    try:
        param = inspect.signature(fn).parameters.get(name)
    except (TypeError, ValueError):
        return text
    # fastmcp tests the annotation as written: under `from __future__ import annotations` the
    # string "str" is not `str`, so a plain string argument gets the hint too.
    if param is None or param.annotation is inspect.Parameter.empty or param.annotation is str:
        return text
    try:
        from pydantic import TypeAdapter

        annotation = _signature(fn).parameters[name].annotation
        schema = TypeAdapter(annotation).json_schema()
    except Exception:  # noqa: BLE001 - fastmcp leaves the description as it is then
        return text
    compact = json.dumps(schema, separators=(",", ":"))
    if major < 4:  # fastmcp 2 and 3 word it so
        note = f"Provide as a JSON string matching the following schema: {compact}"
    else:
        note = (f"Provide a value matching the following JSON schema: {compact}. Encode "
                "non-string values as JSON.")
    return f"{text}\n\n{note}" if text else note


def _prompt_message(m: Any) -> Any:
    if isinstance(m, str):
        return {"role": "user", "content": _text(m)}
    if isinstance(m, dict):
        if "role" in m:
            return m
        return {"role": "user", "content": m}
    if isinstance(m, Message):
        return {"role": m.role, "content": m.content}
    if isinstance(m, t.PromptMessage) or hasattr(m, "role"):
        return m
    return {"role": "user", "content": _text(json.dumps(m, default=str))}


class Message:
    """A prompt message (``mcp.server.fastmcp.prompts.base.Message``)."""

    def __init__(self, content: Any, role: str = "user", **_: Any) -> None:
        self.role = role
        self.content = t.TextContent(text=content) if isinstance(content, str) else content


class UserMessage(Message):
    """A message from the user."""

    def __init__(self, content: Any, role: str = "user", **kw: Any) -> None:
        super().__init__(content, role, **kw)


class AssistantMessage(Message):
    """A message from the assistant."""

    def __init__(self, content: Any, role: str = "assistant", **kw: Any) -> None:
        super().__init__(content, role, **kw)


def _overrides_intercept(extension: Any) -> bool:
    """Whether an extension (ferromcp's base class or the official one) wraps ``tools/call``."""
    method = getattr(type(extension), "intercept_tool_call", None)
    base = next((getattr(c, "intercept_tool_call", None) for c in type(extension).__mro__
                 if c.__name__ == "Extension" and "intercept_tool_call" in c.__dict__), None)
    return method is not None and method is not base


def _tool_call_interceptor(extensions: list[Any]) -> Any:
    """The innermost middleware layer that runs ``tools/call`` through the extensions'
    interceptors, with the params validated first."""
    from ferromcp.server.extension import compose_tool_call_handler

    async def layer(ctx: Any, call_next: Any) -> Any:
        if ctx.method != "tools/call":
            return await call_next(ctx)
        params = t.CallToolRequestParams.model_validate(dict(ctx.params or {}))

        async def handler(inner: Any, _params: Any) -> Any:
            return await call_next(inner)
        return await compose_tool_call_handler(extensions, handler)(ctx, params)
    return layer


def _extension_method(binding: Any) -> Callable[..., Any]:
    """An extension's request method as a 2.x handler: the params validated as its
    ``params_type``, and refused (-32601) at revisions it does not admit."""
    from ferromcp.shared.exceptions import MCPError

    async def handler(ctx: Any, params: Any) -> Any:
        versions = binding.protocol_versions
        if versions is not None and ctx.protocol_version not in versions:
            raise MCPError(code=-32601, message="Method not found", data=binding.method)
        raw = params if isinstance(params, dict) else (
            params.model_dump(by_alias=True, exclude_none=True) if params is not None else {})
        try:
            typed = _extension_params(binding.params_type, raw)
        except (ValueError, TypeError):
            raise MCPError(code=-32602, message="Invalid request parameters", data="") from None
        return await binding.handler(ctx, typed)
    return handler


def _extension_params(params_type: Any, raw: dict[str, Any]) -> Any:
    """``raw`` as ``params_type``: a pydantic model validates itself; a subclass of one of
    ferromcp's types (``class P(RequestParams): name: str``) gets its own annotated fields
    from ``raw``, a missing one without a default refused."""
    if not isinstance(params_type, type) or not issubclass(params_type, t._Model):
        validate = getattr(params_type, "model_validate", None)
        return validate(raw) if validate is not None else raw
    typed = params_type.model_validate(raw)
    for klass in params_type.__mro__:
        if klass is t._Model or not issubclass(klass, t._Model):
            break
        for name in getattr(klass, "__annotations__", {}):
            if name.startswith("_") or name in typed.__dict__:
                continue
            if name in raw:
                setattr(typed, name, raw[name])
            elif not hasattr(klass, name):
                raise ValueError(f"{name} is required")
    return typed
