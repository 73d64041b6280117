"""``ServerSession``: what a handler uses to talk back to the client.

Notifications go straight to the core's session (it filters log messages by the client's
level); requests to the client (sampling, elicitation, roots)
resolve when the client answers.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from ferromcp import _official
from ferromcp import types as t
from ferromcp.shared.exceptions import McpError

__all__ = ["ServerSession", "InitializationState"]


class InitializationState(Enum):
    """Where a connection is in the MCP handshake (the core tracks it; kept for servers that
    name the states)."""

    NotInitialized = 1
    Initializing = 2
    Initialized = 3


# The official session's stream plumbing (``BaseSession``, ``RequestResponder``,
# ``SessionMessage`` …) comes from the official package: ferromcp's session lives in the core,
# these classes serve type hints and code that builds its own streams. The sampling validators
# are ferromcp's own.
__getattr__ = _official.names_getattr(__name__, (
    "BaseSession", "RequestResponder", "ServerRequestResponder", "ServerMessageMetadata",
    "SessionMessage", "ExperimentalServerSessionFeatures", "check_tasks_capability"), {
    "InitializationOptions": "ferromcp.server.models",
    "validate_sampling_tools": "ferromcp.server.validation",
    "validate_tool_use_result_messages": "ferromcp.server.validation"})


def _data(value: Any) -> Any:
    if value is None or isinstance(value, dict | list | str | int | float | bool):
        return value
    if isinstance(value, t._Model) or hasattr(value, "model_dump"):
        return value
    return str(value)


class ServerSession:
    """A client connection, as handlers see it."""

    def __init__(self, core: Any, core_ctx: Any = None) -> None:
        self._core = core
        self._ctx = core_ctx

    # --- what the client told us ---------------------------------------------------------------

    @property
    def client_params(self) -> t.InitializeRequestParams:
        """The client's ``initialize`` parameters."""
        p = self._core.client_params
        return t.InitializeRequestParams(
            protocolVersion=p["protocolVersion"],
            capabilities=t.ClientCapabilities(**(p["capabilities"] or {})),
            clientInfo=t.Implementation(**(p["clientInfo"] or {"name": "", "version": ""})),
        )

    @property
    def client_capabilities(self) -> t.ClientCapabilities:
        """The capabilities the client declared."""
        return t.ClientCapabilities(**(self._core.client_params["capabilities"] or {}))

    @property
    def protocol_version(self) -> str | None:
        """The negotiated protocol revision."""
        return self._core.protocol_version

    def check_client_capability(self, capability: Any) -> bool:
        """True when the client declared every capability set in ``capability``."""
        wanted = capability if isinstance(capability, dict) else (
            capability.model_dump(exclude_none=True) if hasattr(capability, "model_dump") else {})
        return all(self._core.client_supports(k) for k, v in wanted.items() if v is not None)

    # --- notifications -------------------------------------------------------------------------

    async def send_log_message(self, level: str, data: Any, logger: str | None = None,
                               related_request_id: Any = None) -> None:
        """Sends ``notifications/message`` (dropped below the client's chosen level)."""
        self._core.log(level, _data(data), logger)

    async def send_progress_notification(self, progress_token: Any, progress: float,
                                         total: float | None = None, message: str | None = None,
                                         related_request_id: Any = None) -> None:
        """Sends ``notifications/progress`` for ``progress_token``."""
        self._core.progress(progress_token, progress, total, message)

    async def report_progress(self, progress: float, total: float | None = None,
                              message: str | None = None) -> None:
        """Reports progress for the request being served (no-op without a progress token)."""
        if self._ctx is not None:
            self._ctx.report_progress(progress, total, message)

    async def send_resource_updated(self, uri: Any) -> None:
        """Sends ``notifications/resources/updated`` for ``uri``.

        Sent whether or not the client subscribed to ``uri``, as both official generations do
        (``mcp`` 1.x and 2.x leave it to the server to track subscriptions).
        """
        self._core.notify("notifications/resources/updated", {"uri": str(uri)})

    async def send_resource_list_changed(self) -> None:
        """Sends ``notifications/resources/list_changed``."""
        self._core.notify("notifications/resources/list_changed")

    async def send_tool_list_changed(self) -> None:
        """Sends ``notifications/tools/list_changed``."""
        self._core.notify("notifications/tools/list_changed")

    async def send_prompt_list_changed(self) -> None:
        """Sends ``notifications/prompts/list_changed``."""
        self._core.notify("notifications/prompts/list_changed")

    async def send_notification(self, notification: Any, related_request_id: Any = None) -> None:
        """Sends any notification (a model with ``method`` and ``params``, or a dict)."""
        n = notification.model_dump() if hasattr(notification, "model_dump") else notification
        n = getattr(n, "root", n)
        self._core.notify(n["method"], n.get("params"))

    # --- requests to the client ----------------------------------------------------------------

    async def send_request(self, request: Any, result_type: Any = None, **_: Any) -> Any:
        """Sends a request to the client and returns its result (as ``result_type``)."""
        r = request.model_dump(by_alias=True, exclude_none=True) if hasattr(
            request, "model_dump") else request
        r = r.get("root", r) if isinstance(r, dict) else r
        ok, value = await self._core.request(r["method"], r.get("params"))
        if not ok:
            raise McpError(int(value["code"]), value.get("message", ""), value.get("data"))
        if result_type is not None and isinstance(result_type, type) and issubclass(
                result_type, t._Model):
            return result_type(**value)
        if result_type is not None and hasattr(result_type, "model_validate"):
            return result_type.model_validate(value)
        return value

    async def send_ping(self) -> t.EmptyResult:
        """Pings the client."""
        await self.send_request({"method": "ping"})
        return t.EmptyResult()

    async def create_message(self, messages: list[Any], *, max_tokens: int,
                             system_prompt: str | None = None,
                             include_context: str | None = None,
                             temperature: float | None = None,
                             stop_sequences: list[str] | None = None,
                             metadata: dict[str, Any] | None = None,
                             model_preferences: Any = None, **_: Any) -> t.CreateMessageResult:
        """Asks the client to sample from its model (``sampling/createMessage``)."""
        params: dict[str, Any] = {"messages": messages, "maxTokens": max_tokens}
        for key, value in (("systemPrompt", system_prompt), ("includeContext", include_context),
                           ("temperature", temperature), ("stopSequences", stop_sequences),
                           ("metadata", metadata), ("modelPreferences", model_preferences)):
            if value is not None:
                params[key] = value
        return await self.send_request({"method": "sampling/createMessage", "params": params},
                                       t.CreateMessageResult)

    async def elicit(self, message: str, requested_schema: dict[str, Any] | None = None,
                     related_request_id: Any = None, *,
                     requestedSchema: dict[str, Any] | None = None) -> t.ElicitResult:  # noqa: N803
        """Asks the user for input through the client (``elicitation/create``, form mode).
        ``requestedSchema`` is the 1.x keyword, ``requested_schema`` the 2.x one."""
        return await self.elicit_form(message, requested_schema or requestedSchema or {})

    async def elicit_form(self, message: str, requested_schema: dict[str, Any] | None = None,
                          related_request_id: Any = None, *,
                          requestedSchema: dict[str, Any] | None = None  # noqa: N803
                          ) -> t.ElicitResult:
        """Form-mode elicitation."""
        requested_schema = requested_schema or requestedSchema or {}
        params = {"mode": "form", "message": message, "requestedSchema": requested_schema}
        if (self.protocol_version or "") < "2025-11-25":
            params.pop("mode")
        return await self.send_request({"method": "elicitation/create", "params": params},
                                       t.ElicitResult)

    async def list_roots(self) -> t.ListRootsResult:
        """Asks the client for its roots."""
        return await self.send_request({"method": "roots/list"}, t.ListRootsResult)
