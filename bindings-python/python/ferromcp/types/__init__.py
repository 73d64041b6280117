"""MCP types as light Python objects.

Every model accepts the official constructor keywords in camelCase (``inputSchema``, ``mcp`` 1.x)
and snake_case (``input_schema``, 2.x), and answers to both attribute spellings. Fields are kept
under their wire names, so the core serialises a model without a detour; unset optional fields
are left out on the wire, and unknown keywords are kept (as ``mcp`` 1.x does). No pydantic.

Every public name of the official ``mcp.types`` (1.30) and ``mcp_types`` (2.3) is here. The ones a
server uses all the time are defined in this module; the rest (client and task capabilities,
tasks, sampling with tools, the 2026-07-28 era's results, the JSON-RPC envelopes, the unions such
as ``ServerResult`` and the 2.x ``*_adapter`` objects) live in ``_extra`` and load the first time
one of them is used, so ``import ferromcp`` stays cheap. The submodules ``version`` and ``jsonrpc``
mirror ``mcp.types.version`` and ``mcp.types.jsonrpc`` (2.x).
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import Any, ClassVar, Literal, TypeAlias

from ferromcp._core import InitSpec, ModelBase

_IMPORTED = frozenset(globals())

LATEST_PROTOCOL_VERSION = "2025-11-25"
DEFAULT_NEGOTIATED_VERSION = "2025-03-26"

# JSON-RPC error codes.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
CONNECTION_CLOSED = -32000
REQUEST_TIMEOUT = -32001
RESOURCE_NOT_FOUND = -32002
URL_ELICITATION_REQUIRED = -32042


class ErrorCode(IntEnum):
    """The JSON-RPC error codes by name, in both common spellings."""

    PARSE_ERROR = PARSE_ERROR
    INVALID_REQUEST = INVALID_REQUEST
    METHOD_NOT_FOUND = METHOD_NOT_FOUND
    INVALID_PARAMS = INVALID_PARAMS
    INTERNAL_ERROR = INTERNAL_ERROR
    CONNECTION_CLOSED = CONNECTION_CLOSED
    REQUEST_TIMEOUT = REQUEST_TIMEOUT
    ParseError = PARSE_ERROR
    InvalidRequest = INVALID_REQUEST
    MethodNotFound = METHOD_NOT_FOUND
    InvalidParams = INVALID_PARAMS
    InternalError = INTERNAL_ERROR
    ConnectionClosed = CONNECTION_CLOSED
    RequestTimeout = REQUEST_TIMEOUT


Role: TypeAlias = Literal["user", "assistant"]
LoggingLevel: TypeAlias = Literal[
    "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"
]
RequestId: TypeAlias = "int | str"
ProgressToken: TypeAlias = "int | str"
Cursor: TypeAlias = str

_REQUIRED = object()
_EMPTY_LIST = object()
_LITERALS: dict[str, Any] = {"False": False, "True": True, "[]": _EMPTY_LIST}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
_INTEGER = re.compile(r"-?[0-9]+")


def _snake(wire: str) -> str:
    if wire == "_meta":
        return "meta"
    return _CAMEL.sub("_", wire).lower()


class _Model(ModelBase):
    """Base of every type here. Subclasses declare ``_spec``: wire names, ``?`` marks optional,
    ``=value`` gives a literal default (e.g. ``"type=text text"``; ``True``, ``False``, ``[]``
    and integers are read as such)."""

    __mcp_model__: ClassVar[bool] = True
    _spec: ClassVar[str] = ""
    _fields: ClassVar[tuple[tuple[str, str, Any], ...]] = ()
    _aliases: ClassVar[dict[str, str]] = {}
    _init_spec: ClassVar[InitSpec] = InitSpec([], None)

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        fields: list[tuple[str, str, Any]] = []
        for base in reversed(cls.__mro__[1:]):
            for f in getattr(base, "_fields", ()):
                if f[0] not in [x[0] for x in fields]:
                    fields.append(f)
        for tok in cls.__dict__.get("_spec", "").split():
            if "=" in tok:
                wire, default = tok.split("=", 1)
                default = _LITERALS.get(default, default)
                if isinstance(default, str) and _INTEGER.fullmatch(default):
                    default = int(default)
            elif tok.endswith("?"):
                wire, default = tok[:-1], None
            else:
                wire, default = tok, _REQUIRED
            fields = [f for f in fields if f[0] != wire]
            fields.append((wire, _snake(wire), default))
        cls._fields = tuple(fields)
        cls._aliases = {s: w for w, s, _ in fields if s != w}
        cls._init_spec = _init_spec(cls)
        for snake, wire in cls._aliases.items():
            setattr(cls, snake, property(
                lambda self, _w=wire: self.__dict__.get(_w),
                lambda self, v, _w=wire: self.__dict__.__setitem__(_w, v),
            ))

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """Builds the model from a dict (wire or snake_case keys) or returns a model as is."""
        if isinstance(data, cls):
            return data
        if isinstance(data, dict):
            return cls(**data)
        return cls(**_dump(data))

    def model_dump(self, *, by_alias: bool = True, exclude_none: bool = False,
                   mode: str = "python", **_: Any) -> dict[str, Any]:
        """The fields as a dict (wire names with ``by_alias``)."""
        out: dict[str, Any] = {}
        for k, v in self.__dict__.items():
            if v is None and exclude_none:
                continue
            key = k if by_alias else _snake(k)
            out[key] = _dump(v, by_alias=by_alias, exclude_none=exclude_none)
        return out

    def model_dump_json(self, *, by_alias: bool = True, exclude_none: bool = True,
                        indent: int | None = None, **_: Any) -> str:
        """The fields as JSON text (wire names, unset fields left out, as on the wire)."""
        import json

        return json.dumps(self.model_dump(by_alias=by_alias, exclude_none=exclude_none),
                          indent=indent, default=str)

    @classmethod
    def model_validate_json(cls, data: str | bytes, **_: Any) -> Any:
        """Builds the model from JSON text."""
        import json

        return cls.model_validate(json.loads(data))

    def model_copy(self, *, update: dict[str, Any] | None = None, **_: Any) -> Any:
        """A shallow copy with ``update`` applied."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        for k, v in (update or {}).items():
            new.__dict__[type(self)._aliases.get(k, k)] = v
        return new

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, Any]:
        # Pickle and copy by the fields alone (the native base holds nothing).
        return self.__dict__

    def __repr__(self) -> str:
        inner = ", ".join(f"{_snake(k)}={v!r}" for k, v in self.__dict__.items() if v is not None)
        return f"{type(self).__name__}({inner})"


# How InitSpec fills a field no keyword gave (its Rust side has the same three).
_HOW_REQUIRED, _HOW_DEFAULT, _HOW_EMPTY_LIST = 0, 1, 2


def _init_spec(cls: type) -> InitSpec:
    """The field table ``ModelBase.__init__`` (in ``ferromcp._core``) builds instances from:
    both spellings of each field, how a missing one is filled, the converter for nested values.
    Built once per class because models are built on every request."""
    rows = []
    for wire, snake, default in cls._fields:  # type: ignore[attr-defined]
        if default is _REQUIRED:
            how, value = _HOW_REQUIRED, None
        elif default is _EMPTY_LIST:
            how, value = _HOW_EMPTY_LIST, None
        else:
            how, value = _HOW_DEFAULT, default
        conv = cls.__dict__.get("_nested", {}).get(wire) or _inherited_nested(cls, wire)
        rows.append((wire, snake if snake != wire else None, how, value, conv))
    return InitSpec(rows, _missing)


def _inherited_nested(cls: type, wire: str) -> Any:
    for base in cls.__mro__[1:]:
        conv = base.__dict__.get("_nested", {}).get(wire)
        if conv is not None:
            return conv
    return None


def _one(kind: Any) -> Any:
    """Converter (run by ``ModelBase.__init__``): a dict becomes ``kind(dict)``; anything else
    is kept."""
    return ("one", kind)


def _many(kind: Any) -> Any:
    """Converter for lists (run by ``ModelBase.__init__``): dict items become ``kind(item)``."""
    return ("many", kind)


def _content(d: dict[str, Any]) -> Any:
    cls = _CONTENT_TYPES.get(d.get("type"))  # type: ignore[arg-type]
    return cls(**d) if cls is not None else d


def _resource_contents(d: dict[str, Any]) -> Any:
    if "blob" in d:
        return BlobResourceContents(**d)
    if "text" in d:
        return TextResourceContents(**d)
    return d


def _model(name: str) -> Any:
    """Builds ``name`` (a class of this module, resolved late) from a dict."""
    def build(d: dict[str, Any]) -> Any:
        return globals()[name](**d)
    return build


def _missing(self: Any, wire: str) -> Any:
    raise TypeError(f"{type(self).__name__}: missing required field {wire!r}")


def _dump(v: Any, **kw: Any) -> Any:
    if isinstance(v, _Model):
        return v.model_dump(**kw)
    if isinstance(v, list | tuple):
        return [_dump(x, **kw) for x in v]
    if isinstance(v, dict):
        return {k: _dump(x, **kw) for k, x in v.items()}
    if hasattr(v, "model_dump"):
        return v.model_dump(by_alias=True, exclude_none=True)
    return v


# --- base shapes -------------------------------------------------------------------------------

class Result(_Model):
    """A result object."""

    _spec = "_meta?"


class EmptyResult(Result):
    """The empty result of ping, subscribe, setLevel."""


class RequestParams(_Model):
    """Request parameters."""

    _spec = "_meta?"


class PaginatedRequestParams(RequestParams):
    """Parameters of a list request."""

    _spec = "cursor?"


class NotificationParams(_Model):
    """Notification parameters."""

    _spec = "_meta?"


class Request(_Model):
    """A request (method and params). The official generic spelling ``Request[Params, Method]``
    (in annotations) is this class."""

    _spec = "method params?"

    def __class_getitem__(cls, item: Any) -> type:
        return cls


class Notification(_Model):
    """A notification (method and params). ``Notification[Params, Method]`` is this class."""

    _spec = "method params?"

    def __class_getitem__(cls, item: Any) -> type:
        return cls


class PaginatedResult(Result):
    """A page of a list result."""

    _spec = "nextCursor?"


# --- common ------------------------------------------------------------------------------------

class Icon(_Model):
    """An icon for a server, tool, resource or prompt."""

    _spec = "src mimeType? sizes? theme?"


class Implementation(_Model):
    """Name and version of a client or server."""

    _spec = "name version title? description? websiteUrl? icons?"


class Annotations(_Model):
    """Hints about how content is meant to be used."""

    _spec = "audience? priority? lastModified?"


class ErrorData(_Model):
    """A JSON-RPC error object."""

    _spec = "code message data?"


# --- content -----------------------------------------------------------------------------------

class TextContent(_Model):
    """Text content."""

    _spec = "type=text text annotations? _meta?"


class ImageContent(_Model):
    """An image, base64-encoded."""

    _spec = "type=image data mimeType annotations? _meta?"


class AudioContent(_Model):
    """Audio, base64-encoded."""

    _spec = "type=audio data mimeType annotations? _meta?"


class ResourceContents(_Model):
    """The contents of a resource."""

    _spec = "uri mimeType? _meta?"


class TextResourceContents(ResourceContents):
    """Text contents of a resource."""

    _spec = "text"


class BlobResourceContents(ResourceContents):
    """Binary contents of a resource, base64-encoded."""

    _spec = "blob"


class EmbeddedResource(_Model):
    """A resource embedded in content."""

    _spec = "type=resource resource annotations? _meta?"
    _nested = {"resource": _one(_resource_contents)}


class ResourceLink(_Model):
    """A link to a resource, as content."""

    _spec = ("type=resource_link uri name title? description? mimeType? size? icons? "
             "annotations? _meta?")


_CONTENT_TYPES: dict[str, Any] = {}

ContentBlock: TypeAlias = (
    "TextContent | ImageContent | AudioContent | ResourceLink | EmbeddedResource"
)
Content = ContentBlock


class ToolUseContent(_Model):
    """A model's request to call a tool, in a sampling message."""

    _spec = "type=tool_use name id input _meta?"


class ToolResultContent(_Model):
    """The result of a tool call, in a sampling message."""

    _spec = "type=tool_result toolUseId content=[] structuredContent? isError? _meta?"
    _nested = {"content": _many(_content)}


_CONTENT_TYPES.update({"text": TextContent, "image": ImageContent, "audio": AudioContent,
                       "resource": EmbeddedResource, "resource_link": ResourceLink,
                       "tool_use": ToolUseContent, "tool_result": ToolResultContent})

SamplingContent: TypeAlias = "TextContent | ImageContent | AudioContent"
SamplingMessageContentBlock: TypeAlias = (
    "TextContent | ImageContent | AudioContent | ToolUseContent | ToolResultContent"
)


# --- tools -------------------------------------------------------------------------------------

class ToolAnnotations(_Model):
    """Hints about a tool's behaviour."""

    _spec = "title? readOnlyHint? destructiveHint? idempotentHint? openWorldHint?"


class ToolExecution(_Model):
    """How a tool may be executed (tasks)."""

    _spec = "taskSupport?"


class Tool(_Model):
    """A tool definition."""

    _spec = ("name title? description? inputSchema outputSchema? icons? annotations? "
             "execution? _meta?")
    _nested = {"annotations": _one(_model("ToolAnnotations"))}


class ListToolsResult(PaginatedResult):
    """The result of tools/list."""

    _spec = "tools"
    _nested = {"tools": _many(_model("Tool"))}


class CallToolRequestParams(RequestParams):
    """Parameters of tools/call (a retry after an input-required result carries the client's
    ``inputResponses`` and the ``requestState``)."""

    _spec = "inputResponses? requestState? name arguments? task?"


class CallToolResult(Result):
    """The result of tools/call."""

    _spec = "content=[] structuredContent? isError=False"
    _nested = {"content": _many(_content)}


# --- resources ---------------------------------------------------------------------------------

class Resource(_Model):
    """A resource the server can read."""

    _spec = "uri name title? description? mimeType? size? icons? annotations? _meta?"


class ResourceTemplate(_Model):
    """A parameterised resource (RFC 6570 URI template)."""

    _spec = "uriTemplate name title? description? mimeType? icons? annotations? _meta?"


class ListResourcesResult(PaginatedResult):
    """The result of resources/list."""

    _spec = "resources"


class ListResourceTemplatesResult(PaginatedResult):
    """The result of resources/templates/list."""

    _spec = "resourceTemplates"


class ReadResourceRequestParams(RequestParams):
    """Parameters of resources/read."""

    _spec = "inputResponses? requestState? uri"


class ReadResourceResult(Result):
    """The result of resources/read."""

    _spec = "contents"
    _nested = {"contents": _many(_resource_contents)}


class SubscribeRequestParams(RequestParams):
    """Parameters of resources/subscribe."""

    _spec = "uri"


class UnsubscribeRequestParams(RequestParams):
    """Parameters of resources/unsubscribe."""

    _spec = "uri"


# --- prompts -----------------------------------------------------------------------------------

class PromptArgument(_Model):
    """An argument a prompt takes."""

    _spec = "name title? description? required?"


class Prompt(_Model):
    """A prompt template."""

    _spec = "name title? description? arguments? icons? _meta?"
    _nested = {"arguments": _many(_model("PromptArgument"))}


class PromptMessage(_Model):
    """One message of a prompt."""

    _spec = "role content"
    _nested = {"content": _one(_content)}


class ListPromptsResult(PaginatedResult):
    """The result of prompts/list."""

    _spec = "prompts"


class GetPromptRequestParams(RequestParams):
    """Parameters of prompts/get."""

    _spec = "inputResponses? requestState? name arguments?"


def _input_response(value: Any) -> Any:
    """One answer of ``inputResponses`` as the typed result it is (``ElicitResult``,
    ``ListRootsResult`` or ``CreateMessageResult``)."""
    if isinstance(value, dict):
        if "action" in value:
            return ElicitResult(**value)
        if "roots" in value:
            return ListRootsResult(**value)
        if "role" in value and "content" in value:
            return CreateMessageResult(**value)
    return value


def _typed_input_responses(self: Any) -> Any:
    raw = self.__dict__.get("inputResponses")
    if not isinstance(raw, dict):
        return raw
    return {key: _input_response(value) for key, value in raw.items()}


for _carrier in (CallToolRequestParams, GetPromptRequestParams, ReadResourceRequestParams):
    _carrier.input_responses = property(  # type: ignore[attr-defined]
        _typed_input_responses,
        lambda self, v: self.__dict__.__setitem__("inputResponses", v))


class GetPromptResult(Result):
    """The result of prompts/get."""

    _spec = "description? messages"
    _nested = {"messages": _many(_model("PromptMessage"))}


# --- completion --------------------------------------------------------------------------------

class PromptReference(_Model):
    """A reference to a prompt, for completion."""

    _spec = "type=ref/prompt name title?"


class ResourceTemplateReference(_Model):
    """A reference to a resource template, for completion."""

    _spec = "type=ref/resource uri"


ResourceReference = ResourceTemplateReference


class CompletionArgument(_Model):
    """The argument being completed."""

    _spec = "name value"


class CompletionContext(_Model):
    """Values of arguments already given."""

    _spec = "arguments?"


class Completion(_Model):
    """Completion values."""

    _spec = "values total? hasMore?"


class CompleteRequestParams(RequestParams):
    """Parameters of completion/complete."""

    _spec = "ref argument context?"


class CompleteResult(Result):
    """The result of completion/complete."""

    _spec = "completion"
    _nested = {"completion": _one(_model("Completion"))}


# --- logging, progress -------------------------------------------------------------------------

class SetLevelRequestParams(RequestParams):
    """Parameters of logging/setLevel."""

    _spec = "level"


class LoggingMessageNotificationParams(NotificationParams):
    """Parameters of notifications/message."""

    _spec = "level logger? data"


class ProgressNotificationParams(NotificationParams):
    """Parameters of notifications/progress."""

    _spec = "progressToken progress total? message?"


class CancelledNotificationParams(NotificationParams):
    """Parameters of notifications/cancelled."""

    _spec = "requestId? reason?"


# --- capabilities ------------------------------------------------------------------------------

class PromptsCapability(_Model):
    """The prompts capability."""

    _spec = "listChanged?"


class ResourcesCapability(_Model):
    """The resources capability."""

    _spec = "subscribe? listChanged?"


class ToolsCapability(_Model):
    """The tools capability."""

    _spec = "listChanged?"


class LoggingCapability(_Model):
    """The logging capability."""


class CompletionsCapability(_Model):
    """The completions capability."""


class ServerCapabilities(_Model):
    """What the server offers."""

    _spec = "experimental? logging? prompts? resources? tools? completions? tasks? extensions?"


class ClientCapabilities(_Model):
    """What the client offers."""

    _spec = "experimental? sampling? elicitation? roots? tasks? extensions?"


class InitializeRequestParams(RequestParams):
    """Parameters of initialize."""

    _spec = "protocolVersion capabilities clientInfo"
    _nested = {"capabilities": _one(_model("ClientCapabilities")),
               "clientInfo": _one(_model("Implementation"))}


class InitializeResult(Result):
    """The result of initialize."""

    _spec = "protocolVersion capabilities serverInfo instructions?"


# --- server → client ---------------------------------------------------------------------------

class ModelHint(_Model):
    """A model name hint for sampling."""

    _spec = "name?"


class ModelPreferences(_Model):
    """Preferences for model selection in sampling."""

    _spec = "hints? costPriority? speedPriority? intelligencePriority?"


class SamplingMessage(_Model):
    """A message for sampling."""

    _spec = "role content _meta?"
    _nested = {"content": _one(_content)}

    @property
    def content_as_list(self) -> list[Any]:
        """``content`` as a list of blocks, whether one block or several were given."""
        content = self.__dict__.get("content")
        return list(content) if isinstance(content, list | tuple) else [content]


class CreateMessageResult(Result):
    """The client's answer to sampling/createMessage."""

    _spec = "role content model stopReason?"
    _nested = {"content": _one(_content)}


class ElicitResult(Result):
    """The client's answer to elicitation/create."""

    _spec = "action content?"


class Root(_Model):
    """A root the client exposes."""

    _spec = "uri name? _meta?"


class ListRootsResult(Result):
    """The client's answer to roots/list."""

    _spec = "roots"
    _nested = {"roots": _many(_model("Root"))}


# --- requests and notifications (1.x handler signatures take these) ----------------------------

def _request(name: str, method: str, params: type[_Model] | None,
             base: type[Request] = Request) -> type[Request]:
    cls = type(name, (base,), {"_spec": f"method={method} params?", "__doc__": f"{method}."})
    cls.params_type = params  # type: ignore[attr-defined]
    return cls


def _notification(name: str, method: str, params: type[_Model] | None) -> type[Notification]:
    cls = type(name, (Notification,), {"_spec": f"method={method} params?",
                                       "__doc__": f"{method}."})
    cls.params_type = params  # type: ignore[attr-defined]
    return cls


class PaginatedRequest(Request):
    """A list request (``params`` may carry a cursor). ``PaginatedRequest[Method]`` is this
    class."""

    params_type: ClassVar[type[_Model]] = PaginatedRequestParams


PingRequest = _request("PingRequest", "ping", RequestParams)
InitializeRequest = _request("InitializeRequest", "initialize", InitializeRequestParams)
ListToolsRequest = _request("ListToolsRequest", "tools/list", PaginatedRequestParams,
                            PaginatedRequest)
CallToolRequest = _request("CallToolRequest", "tools/call", CallToolRequestParams)
ListResourcesRequest = _request("ListResourcesRequest", "resources/list", PaginatedRequestParams,
                                PaginatedRequest)
ListResourceTemplatesRequest = _request(
    "ListResourceTemplatesRequest", "resources/templates/list", PaginatedRequestParams,
    PaginatedRequest)
ReadResourceRequest = _request(
    "ReadResourceRequest", "resources/read", ReadResourceRequestParams)
SubscribeRequest = _request("SubscribeRequest", "resources/subscribe", SubscribeRequestParams)
UnsubscribeRequest = _request(
    "UnsubscribeRequest", "resources/unsubscribe", UnsubscribeRequestParams)
ListPromptsRequest = _request("ListPromptsRequest", "prompts/list", PaginatedRequestParams,
                              PaginatedRequest)
GetPromptRequest = _request("GetPromptRequest", "prompts/get", GetPromptRequestParams)
CompleteRequest = _request("CompleteRequest", "completion/complete", CompleteRequestParams)
SetLevelRequest = _request("SetLevelRequest", "logging/setLevel", SetLevelRequestParams)
ProgressNotification = _notification("ProgressNotification", "notifications/progress",
                                     ProgressNotificationParams)
# --- JSON-RPC envelopes ------------------------------------------------------------------------

JSONRPC_VERSION = "2.0"
# mcp 2.x error codes (2026-07-28).
HEADER_MISMATCH = -32020
MISSING_REQUIRED_CLIENT_CAPABILITY = -32021
UNSUPPORTED_PROTOCOL_VERSION = -32022


def __getattr__(name: str) -> Any:
    # `from mcp.types import McpError` appears in tutorials; the class lives with the exceptions.
    if name in ("McpError", "MCPError"):
        from ferromcp.shared import exceptions

        return getattr(exceptions, name)
    if name in ("version", "jsonrpc"):  # `mcp.types.version.X` without importing it first
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    if name == "__all__" or not name.startswith("_"):
        # The less used types are defined in `_extra`, loaded the first time one is asked for;
        # it then adds its names to this module.
        import importlib

        _extra = importlib.import_module(f"{__name__}._extra")

        if name == "__all__":
            return sorted(n for n in globals() if n not in _IMPORTED and not n.startswith("_"))
        if name in _extra.__all__:
            return getattr(_extra, name)
    raise AttributeError(f"module 'ferromcp.types' has no attribute {name!r}")
