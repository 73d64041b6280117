"""The rest of ``ferromcp.types``, loaded on first use of one of its names (``import
ferromcp`` stays cheap): the client-side and task capabilities, sampling with tools, elicitation
parameters, tasks, the 2026-07-28 era's results, the notifications and requests a server sends or
rarely handles, the JSON-RPC envelopes, the unions (``ServerResult``, ``ClientRequest``,
``JSONRPCMessage`` …) and mcp 2.x's ``TypeAdapter`` stand-ins. Import them from
``ferromcp.types``; this module is private.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, ClassVar, Literal, TypeAlias, TypedDict

from ferromcp.types import (  # noqa: F401 - union members are looked up by name
    _REQUIRED,
    CallToolRequest,
    CallToolResult,
    CancelledNotificationParams,
    CompleteRequest,
    CompleteResult,
    CreateMessageResult,
    ElicitResult,
    EmptyResult,
    ErrorData,
    GetPromptRequest,
    GetPromptResult,
    InitializeRequest,
    InitializeResult,
    ListPromptsRequest,
    ListPromptsResult,
    ListResourcesRequest,
    ListResourcesResult,
    ListResourceTemplatesRequest,
    ListResourceTemplatesResult,
    ListRootsResult,
    ListToolsRequest,
    ListToolsResult,
    LoggingMessageNotificationParams,
    ModelPreferences,
    NotificationParams,
    PaginatedRequest,
    PaginatedRequestParams,
    PaginatedResult,
    PingRequest,
    ProgressNotification,
    ReadResourceRequest,
    ReadResourceResult,
    RequestParams,
    Result,
    SamplingMessage,
    SetLevelRequest,
    SubscribeRequest,
    Tool,
    UnsubscribeRequest,
    _content,
    _dump,
    _many,
    _Model,
    _model,
    _notification,
    _one,
    _request,
)

_IMPORTED = frozenset(globals())


# --- more capabilities ------------------------------------------------------------------------

class RootsCapability(_Model):
    """The client's roots capability."""

    _spec = "listChanged?"


class SamplingContextCapability(_Model):
    """Sampling may include context from the client's servers."""


class SamplingToolsCapability(_Model):
    """Sampling may use tools."""


class SamplingCapability(_Model):
    """The client's sampling capability."""

    _spec = "context? tools?"


class FormElicitationCapability(_Model):
    """Form-mode elicitation."""


class UrlElicitationCapability(_Model):
    """URL-mode elicitation."""


class ElicitationCapability(_Model):
    """The client's elicitation capability."""

    _spec = "form? url?"


class TasksListCapability(_Model):
    """``tasks/list`` is supported."""


class TasksCancelCapability(_Model):
    """``tasks/cancel`` is supported."""


class TasksCallCapability(_Model):
    """``tools/call`` may run as a task."""


class TasksCreateMessageCapability(_Model):
    """``sampling/createMessage`` may run as a task."""


class TasksCreateElicitationCapability(_Model):
    """``elicitation/create`` may run as a task."""


class TasksToolsCapability(_Model):
    """Which tool requests may run as tasks."""

    _spec = "call?"


class TasksSamplingCapability(_Model):
    """Which sampling requests may run as tasks."""

    _spec = "createMessage?"


class TasksElicitationCapability(_Model):
    """Which elicitation requests may run as tasks."""

    _spec = "create?"


class ClientTasksRequestsCapability(_Model):
    """Which of the client's requests may run as tasks."""

    _spec = "sampling? elicitation?"


class ClientTasksCapability(_Model):
    """The client's tasks capability."""

    _spec = "list? cancel? requests?"


class ServerTasksRequestsCapability(_Model):
    """Which of the server's requests may run as tasks."""

    _spec = "tools?"


class ServerTasksCapability(_Model):
    """The server's tasks capability."""

    _spec = "list? cancel? requests?"


# --- sampling, elicitation ---------------------------------------------------------------------

IncludeContext: TypeAlias = Literal["none", "thisServer", "allServers"]
StopReason: TypeAlias = "Literal['endTurn', 'stopSequence', 'maxTokens', 'toolUse'] | str"
ElicitRequestedSchema: TypeAlias = dict[str, Any]


class ToolChoice(_Model):
    """How the model should use the tools offered in a sampling request."""

    _spec = "mode?"


class CreateMessageRequestParams(RequestParams):
    """Parameters of sampling/createMessage."""

    _spec = ("messages modelPreferences? systemPrompt? includeContext? temperature? maxTokens "
             "stopSequences? metadata? tools? toolChoice?")
    _nested = {"messages": _many(_model("SamplingMessage")),
               "modelPreferences": _one(_model("ModelPreferences")),
               "tools": _many(_model("Tool")), "toolChoice": _one(_model("ToolChoice"))}


class CreateMessageResultWithTools(Result):
    """The client's answer to sampling/createMessage when tools were offered."""

    _spec = "role content model stopReason?"
    _nested = {"content": _one(_content)}


class ElicitRequestFormParams(RequestParams):
    """Parameters of elicitation/create in form mode."""

    _spec = "mode=form message requestedSchema"


class ElicitRequestURLParams(RequestParams):
    """Parameters of elicitation/create in URL mode."""

    _spec = "mode=url message url elicitationId"


ElicitRequestParams: TypeAlias = "ElicitRequestURLParams | ElicitRequestFormParams"


class ElicitCompleteNotificationParams(NotificationParams):
    """Parameters of notifications/elicitation/complete."""

    _spec = "elicitationId"


class ElicitationRequiredErrorData(_Model):
    """The ``data`` of a URL-elicitation-required error (-32042)."""

    _spec = "elicitations"
    _nested = {"elicitations": _many(_model("ElicitRequestURLParams"))}


class ResourceUpdatedNotificationParams(NotificationParams):
    """Parameters of notifications/resources/updated."""

    _spec = "uri"


class BaseMetadata(_Model):
    """A name and an optional display title."""

    _spec = "name title?"


AnyFunction: TypeAlias = Callable[..., Any]


# --- tasks -------------------------------------------------------------------------------------

TaskExecutionMode: TypeAlias = Literal["forbidden", "optional", "required"]
TASK_FORBIDDEN: TaskExecutionMode = "forbidden"
TASK_OPTIONAL: TaskExecutionMode = "optional"
TASK_REQUIRED: TaskExecutionMode = "required"

TaskStatus: TypeAlias = Literal["working", "input_required", "completed", "failed", "cancelled"]
TASK_STATUS_WORKING: TaskStatus = "working"
TASK_STATUS_INPUT_REQUIRED: TaskStatus = "input_required"
TASK_STATUS_COMPLETED: TaskStatus = "completed"
TASK_STATUS_FAILED: TaskStatus = "failed"
TASK_STATUS_CANCELLED: TaskStatus = "cancelled"


class TaskMetadata(_Model):
    """Asks for a request to run as a task (``params.task``)."""

    _spec = "ttl?"


class RelatedTaskMetadata(_Model):
    """The task a message belongs to (in ``_meta``)."""

    _spec = "taskId"


class Task(_Model):
    """The state of a task."""

    _spec = "taskId status statusMessage? createdAt lastUpdatedAt ttl pollInterval?"


class CreateTaskResult(Result):
    """A request was accepted as a task."""

    _spec = "task"
    _nested = {"task": _one(_model("Task"))}


class GetTaskRequestParams(RequestParams):
    """Parameters of tasks/get."""

    _spec = "taskId"


class GetTaskResult(Task, Result):
    """The result of tasks/get."""


class GetTaskPayloadRequestParams(RequestParams):
    """Parameters of tasks/result."""

    _spec = "taskId"


class GetTaskPayloadResult(Result):
    """The result of tasks/result: the task's own result, whatever its fields."""


class CancelTaskRequestParams(RequestParams):
    """Parameters of tasks/cancel."""

    _spec = "taskId"


class CancelTaskResult(Task, Result):
    """The result of tasks/cancel."""


class ListTasksResult(PaginatedResult):
    """The result of tasks/list."""

    _spec = "tasks"
    _nested = {"tasks": _many(_model("Task"))}


class TaskStatusNotificationParams(Task, NotificationParams):
    """Parameters of notifications/tasks/status."""


# --- 2026-07-28 era (mcp 2.x) ------------------------------------------------------------------

PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion"
CLIENT_INFO_META_KEY = "io.modelcontextprotocol/clientInfo"
CLIENT_CAPABILITIES_META_KEY = "io.modelcontextprotocol/clientCapabilities"
LOG_LEVEL_META_KEY = "io.modelcontextprotocol/logLevel"
SERVER_INFO_META_KEY = "io.modelcontextprotocol/serverInfo"

ResultType: TypeAlias = "Literal['complete', 'input_required'] | str"
CORE_RESULT_TYPES: frozenset[str] = frozenset({"complete", "input_required"})
IconTheme: TypeAlias = Literal["light", "dark"]


class RequestParamsMeta(TypedDict, total=False):
    """The ``_meta`` of request params, as mcp 2.x types it (an open dict)."""

    progress_token: int | str


class CacheableResult(Result):
    """A result with client-side caching directives (2026-07-28)."""

    _spec = "ttlMs=0 cacheScope=private"


class DiscoverResult(CacheableResult):
    """The result of server/discover (2026-07-28)."""

    _spec = "supportedVersions capabilities instructions? resultType=complete"


class InputRequiredResult(Result):
    """The server needs input from the client before it can answer (2026-07-28)."""

    _spec = "resultType=input_required inputRequests? requestState?"


class InputResponseRequestParams(RequestParams):
    """Parameters of a request retried with the client's input (2026-07-28)."""

    _spec = "inputResponses? requestState?"


InputRequest: TypeAlias = "CreateMessageRequest | ListRootsRequest | ElicitRequest"
InputRequests: TypeAlias = "dict[str, InputRequest]"
InputResponse: TypeAlias = (
    "CreateMessageResult | CreateMessageResultWithTools | ListRootsResult | ElicitResult"
)
InputResponses: TypeAlias = "dict[str, InputResponse]"


class MissingRequiredClientCapabilityErrorData(_Model):
    """The ``data`` of a missing-client-capability error (-32021)."""

    _spec = "requiredCapabilities"


class UnsupportedProtocolVersionErrorData(_Model):
    """The ``data`` of an unsupported-protocol-version error (-32022)."""

    _spec = "supported requested"


class SubscriptionFilter(_Model):
    """Which notifications a subscriptions/listen stream carries (2026-07-28)."""

    _spec = "toolsListChanged? promptsListChanged? resourcesListChanged? resourceSubscriptions?"


class SubscriptionsListenRequestParams(RequestParams):
    """Parameters of subscriptions/listen (2026-07-28)."""

    _spec = "notifications"


class SubscriptionsListenResult(Result):
    """The result of subscriptions/listen (2026-07-28)."""

    _spec = "resultType=complete"


class SubscriptionsAcknowledgedNotificationParams(NotificationParams):
    """Parameters of notifications/subscriptions/acknowledged (2026-07-28)."""

    _spec = "notifications"


# --- requests and notifications ----------------------------------------------------------------

CreateMessageRequest = _request(
    "CreateMessageRequest", "sampling/createMessage", CreateMessageRequestParams)
ListRootsRequest = _request("ListRootsRequest", "roots/list", RequestParams)
ElicitRequest = _request("ElicitRequest", "elicitation/create", ElicitRequestFormParams)
GetTaskRequest = _request("GetTaskRequest", "tasks/get", GetTaskRequestParams)
GetTaskPayloadRequest = _request("GetTaskPayloadRequest", "tasks/result",
                                 GetTaskPayloadRequestParams)
ListTasksRequest = _request("ListTasksRequest", "tasks/list", PaginatedRequestParams,
                            PaginatedRequest)
CancelTaskRequest = _request("CancelTaskRequest", "tasks/cancel", CancelTaskRequestParams)
DiscoverRequest = _request("DiscoverRequest", "server/discover", RequestParams)
SubscriptionsListenRequest = _request("SubscriptionsListenRequest", "subscriptions/listen",
                                      SubscriptionsListenRequestParams)

CancelledNotification = _notification("CancelledNotification", "notifications/cancelled",
                                      CancelledNotificationParams)
InitializedNotification = _notification("InitializedNotification", "notifications/initialized",
                                        NotificationParams)
LoggingMessageNotification = _notification(
    "LoggingMessageNotification", "notifications/message", LoggingMessageNotificationParams)
ResourceUpdatedNotification = _notification(
    "ResourceUpdatedNotification", "notifications/resources/updated",
    ResourceUpdatedNotificationParams)
ResourceListChangedNotification = _notification(
    "ResourceListChangedNotification", "notifications/resources/list_changed",
    NotificationParams)
ToolListChangedNotification = _notification(
    "ToolListChangedNotification", "notifications/tools/list_changed", NotificationParams)
PromptListChangedNotification = _notification(
    "PromptListChangedNotification", "notifications/prompts/list_changed", NotificationParams)
RootsListChangedNotification = _notification(
    "RootsListChangedNotification", "notifications/roots/list_changed", NotificationParams)
ElicitCompleteNotification = _notification(
    "ElicitCompleteNotification", "notifications/elicitation/complete",
    ElicitCompleteNotificationParams)
TaskStatusNotification = _notification("TaskStatusNotification", "notifications/tasks/status",
                                       TaskStatusNotificationParams)
SubscriptionsAcknowledgedNotification = _notification(
    "SubscriptionsAcknowledgedNotification", "notifications/subscriptions/acknowledged",
    SubscriptionsAcknowledgedNotificationParams)


# --- JSON-RPC envelopes ------------------------------------------------------------------------

class JSONRPCRequest(_Model):
    """A JSON-RPC request."""

    _spec = "jsonrpc=2.0 id method params?"


class JSONRPCNotification(_Model):
    """A JSON-RPC notification."""

    _spec = "jsonrpc=2.0 method params?"


class JSONRPCResponse(_Model):
    """A successful JSON-RPC response."""

    _spec = "jsonrpc=2.0 id result"


class JSONRPCError(_Model):
    """A JSON-RPC error response (``id`` is None when the request's id was unreadable)."""

    _spec = "jsonrpc=2.0 id? error"
    _nested = {"error": _one(_model("ErrorData"))}


# --- unions --------------------------------------------------------------------------------------

class _UnionMeta(type):
    """``isinstance(x, ServerResult)`` holds for an instance of any member, as it does for the
    mcp 2.x unions; the wrapper objects themselves (1.x ``RootModel`` style) count too."""

    def __instancecheck__(cls, obj: Any) -> bool:
        return type.__instancecheck__(cls, obj) or isinstance(obj, cls._members())


class _Union(metaclass=_UnionMeta):
    """One of several message types: ``ServerResult(CallToolResult(...)).root`` as in mcp 1.x
    (``RootModel``), ``isinstance(x, ServerResult)`` and ``ServerResult.model_validate(d)``
    (which picks the member) for both generations."""

    __mcp_model__: ClassVar[bool] = True
    _member_names: ClassVar[tuple[str, ...]] = ()
    _by_method: ClassVar[bool] = True
    __slots__ = ("root",)

    def __init__(self, root: Any) -> None:
        self.root = root if isinstance(root, _Model) else type(self)._pick(root)

    @classmethod
    def _members(cls) -> tuple[type, ...]:
        return tuple(globals()[n] for n in cls._member_names)

    @classmethod
    def _pick(cls, data: Any) -> Any:
        """The member ``data`` (a dict) is: by its ``method`` for requests and notifications;
        for results, an ``input_required`` one by its ``resultType``, else the first member
        whose identifying fields it has, else the last member (``EmptyResult``)."""
        if isinstance(data, _Model) or not isinstance(data, dict):
            return data
        members = cls._members()
        if cls._by_method:
            for member in members:
                if _method_of(member) == data.get("method"):
                    return member(**data)
            raise ValueError(f"{cls.__name__}: unknown method {data.get('method')!r}")
        if data.get("resultType") == "input_required" and InputRequiredResult in members:
            return InputRequiredResult(**data)
        for member in members:
            keys = _KEYS.get(member.__name__) or tuple(
                w for w, _, d in member._fields if d is _REQUIRED)
            if keys and all(k in data for k in keys):
                return member(**data)
        return members[-1](**data)

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """Wraps ``data`` (a member, or a dict the right member is built from)."""
        return data if isinstance(data, cls) and type(data) is cls else cls(data)

    @classmethod
    def model_validate_json(cls, data: str | bytes, **_: Any) -> Any:
        """Wraps the member built from JSON text."""
        return cls(json.loads(data))

    def model_dump(self, **kw: Any) -> Any:
        """The member's fields (as ``RootModel.model_dump`` gives them)."""
        return _dump(self.root, **kw)

    def model_dump_json(self, **kw: Any) -> str:
        """The member as JSON text."""
        return self.root.model_dump_json(**kw) if isinstance(self.root, _Model) else json.dumps(
            self.root)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.root, name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Union):
            return self.root == other.root
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(root={self.root!r})"


#: The fields that identify a result whose fields all have defaults.
_KEYS = {"CallToolResult": ("content",)}


def _method_of(member: type) -> Any:
    return next((d for w, _, d in member._fields if w == "method"), None)  # type: ignore[attr-defined]


def _union(name: str, members: str, doc: str, by_method: bool = True) -> type[_Union]:
    return type(name, (_Union,), {"_member_names": tuple(members.split()),
                                  "_by_method": by_method, "__doc__": doc, "__slots__": ()})


ClientRequest = _union("ClientRequest", """PingRequest InitializeRequest CompleteRequest
    SetLevelRequest GetPromptRequest ListPromptsRequest ListResourcesRequest
    ListResourceTemplatesRequest ReadResourceRequest SubscribeRequest UnsubscribeRequest
    CallToolRequest ListToolsRequest GetTaskRequest GetTaskPayloadRequest ListTasksRequest
    CancelTaskRequest DiscoverRequest SubscriptionsListenRequest""", "A request a client sends.")
ServerRequest = _union("ServerRequest", """PingRequest CreateMessageRequest ListRootsRequest
    ElicitRequest GetTaskRequest GetTaskPayloadRequest ListTasksRequest CancelTaskRequest""",
                       "A request a server sends.")
ClientNotification = _union("ClientNotification", """CancelledNotification ProgressNotification
    InitializedNotification RootsListChangedNotification TaskStatusNotification""",
                            "A notification a client sends.")
ServerNotification = _union("ServerNotification", """CancelledNotification ProgressNotification
    LoggingMessageNotification ResourceUpdatedNotification ResourceListChangedNotification
    ToolListChangedNotification PromptListChangedNotification ElicitCompleteNotification
    TaskStatusNotification SubscriptionsAcknowledgedNotification""",
                            "A notification a server sends.")
ClientResult = _union("ClientResult", """CreateMessageResult CreateMessageResultWithTools
    ListRootsResult ElicitResult GetTaskResult CancelTaskResult ListTasksResult CreateTaskResult
    GetTaskPayloadResult EmptyResult""", "A result a client sends.", by_method=False)
ServerResult = _union("ServerResult", """InitializeResult DiscoverResult CompleteResult
    GetPromptResult ListPromptsResult ListResourcesResult ListResourceTemplatesResult
    ReadResourceResult CallToolResult ListToolsResult SubscriptionsListenResult
    InputRequiredResult GetTaskResult CancelTaskResult ListTasksResult CreateTaskResult
    GetTaskPayloadResult EmptyResult""", "A result a server sends.", by_method=False)


class JSONRPCMessage(_Union):
    """Any JSON-RPC message: request, notification, response or error."""

    __slots__ = ()
    _member_names = ("JSONRPCRequest", "JSONRPCNotification", "JSONRPCResponse", "JSONRPCError")

    @classmethod
    def _pick(cls, data: Any) -> Any:
        if isinstance(data, _Model) or not isinstance(data, dict):
            return data
        if "method" in data:
            return (JSONRPCRequest if "id" in data else JSONRPCNotification)(**data)
        if "error" in data:
            return JSONRPCError(**data)
        return JSONRPCResponse(**data)


# mcp 1.x names for the unions' member types.
ClientRequestType: TypeAlias = ClientRequest
ServerRequestType: TypeAlias = ServerRequest
ClientNotificationType: TypeAlias = ClientNotification
ServerNotificationType: TypeAlias = ServerNotification
ClientResultType: TypeAlias = ClientResult
ServerResultType: TypeAlias = ServerResult


class _Adapter:
    """What mcp 2.x's ``TypeAdapter`` objects for the unions do: validate into the right
    member, dump a member back."""

    def __init__(self, union: type[_Union]) -> None:
        self._union = union

    def validate_python(self, data: Any, **_: Any) -> Any:
        """The member ``data`` (a dict, or a member already) is."""
        return self._union._pick(data.root if isinstance(data, _Union) else data)

    def validate_json(self, data: str | bytes, **_: Any) -> Any:
        """The member the JSON text is."""
        return self._union._pick(json.loads(data))

    def dump_python(self, value: Any, *, by_alias: bool = True, exclude_none: bool = True,
                    **_: Any) -> Any:
        """The member's fields as a dict."""
        return _dump(value, by_alias=by_alias, exclude_none=exclude_none)

    def dump_json(self, value: Any, **kw: Any) -> bytes:
        """The member as JSON bytes."""
        return json.dumps(self.dump_python(value, **kw), default=str).encode()

    def __repr__(self) -> str:
        return f"TypeAdapter({self._union.__name__})"


client_request_adapter = _Adapter(ClientRequest)
client_notification_adapter = _Adapter(ClientNotification)
client_result_adapter = _Adapter(ClientResult)
server_request_adapter = _Adapter(ServerRequest)
server_notification_adapter = _Adapter(ServerNotification)
server_result_adapter = _Adapter(ServerResult)
jsonrpc_message_adapter = _Adapter(JSONRPCMessage)


__all__ = sorted(n for n in globals() if n not in _IMPORTED and not n.startswith("_"))

# The package resolves these names itself from now on (and its `_model("Task")` converters
# find them).
vars(sys.modules["ferromcp.types"]).update({n: globals()[n] for n in __all__})
