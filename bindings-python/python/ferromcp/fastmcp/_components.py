"""fastmcp's component objects: ``Tool`` / ``FunctionTool`` / ``ToolResult``, ``Resource`` and its
kinds, ``ResourceTemplate``, ``ResourceSecurity``, ``Prompt`` / ``FunctionPrompt`` / ``Message``.

They are light objects holding what a server registers: ``FastMCP.add_tool(tool)``,
``add_resource``, ``add_template`` and ``add_prompt`` hand a function component to the same
registration ``@mcp.tool`` / ``@mcp.resource`` / ``@mcp.prompt`` use, so it is listed and
answered exactly as the decorated function would be. A component of one's own (a ``Tool``
subclass with ``run()``, a ``Resource`` subclass with ``read()``) is served through those
methods. Middleware sees the listed components as these objects too (``on_list_tools`` …).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field
from typing import Any

from ferromcp import _core
from ferromcp import types as t
from ferromcp.server._highlevel import INHERIT_SECURITY
from ferromcp.server._highlevel import Message as _BaseMessage

__all__ = ["Tool", "FunctionTool", "ToolResult", "Resource", "TextResource", "BinaryResource",
           "FunctionResource", "ResourceTemplate", "ResourceContent", "ResourceResult",
           "ResourceSecurity", "DEFAULT_RESOURCE_SECURITY", "INHERIT_SECURITY", "Prompt",
           "FunctionPrompt", "PromptArgument", "PromptMessage", "PromptResult", "Message"]


def _dump(value: Any) -> Any:
    """A content block or other model as wire JSON (camelCase keys, no None values)."""
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(by_alias=True, exclude_none=True, mode="json")
    return value


def _tag_set(tags: Any) -> set[str]:
    return set(tags or ())


def _tags_of(definition: Mapping[str, Any]) -> set[str]:
    """The tags fastmcp writes into a listed component's ``_meta``."""
    meta = definition.get("_meta") or {}
    for key in ("fastmcp", "_fastmcp"):
        entry = meta.get(key)
        if isinstance(entry, dict) and "tags" in entry:
            return set(entry["tags"])
    return set()


class _Component:
    """What every component has: name, title, description, icons, tags, meta."""

    #: wire key → attribute, for the fields a listing carries beside ``name``.
    _FIELDS: tuple[tuple[str, str], ...] = (
        ("title", "title"), ("description", "description"), ("icons", "icons"),
        ("_meta", "meta"))

    name: str
    title: str | None = None
    description: str | None = None
    icons: list[Any] | None = None
    tags: set[str]
    meta: dict[str, Any] | None = None
    #: The entry as ``*/list`` listed it (kept so an unchanged component lists the same).
    _definition: dict[str, Any] | None = None

    #: fastmcp's component type (``tool:…`` keys), and the listing field naming it.
    _TYPE = ("tool", "name")

    def enable(self) -> None:
        """fastmcp 2: serves this component again (of the server that made it)."""
        self._visible(True)

    def disable(self) -> None:
        """fastmcp 2: stops serving this component: not listed, unknown to calls."""
        self._visible(False)

    def _visible(self, shown: bool) -> None:
        server = self.__dict__.get("_server")
        if server is None:
            raise RuntimeError(f"{self.name!r} is not registered with a server")
        kind, field = self._TYPE
        key = (self._definition or {}).get(field) or getattr(
            self, {"uriTemplate": "uri_template"}.get(field, field), self.name)
        (server.enable if shown else server.disable)(keys={f"{kind}:{key}@"})

    def _fill(self, definition: Mapping[str, Any]) -> None:
        self._definition = dict(definition)
        self.name = definition.get("name", "")
        for key, attr in self._FIELDS:
            setattr(self, attr, definition.get(key))
        self.tags = _tags_of(definition)

    def _listing(self) -> dict[str, Any]:
        out = dict(self._definition or {})
        out["name"] = self.name
        for key, attr in self._FIELDS:
            value = getattr(self, attr, None)
            if value is None:
                out.pop(key, None)
            else:
                out[key] = _dump(value) if not isinstance(value, list) else [
                    _dump(v) for v in value]
        return out

    def model_copy(self, *, update: Mapping[str, Any] | None = None,
                   deep: bool = False) -> Any:
        """A copy with the attributes in ``update`` replaced (as pydantic's)."""
        import copy

        out = copy.deepcopy(self) if deep else copy.copy(self)
        for attr, value in (update or {}).items():
            setattr(out, attr, value)
        return out

    def __repr__(self) -> str:
        # As fastmcp writes a component: its key, then name, title, description and tags.
        key = getattr(self, "uri_template", None) or getattr(self, "uri", None)
        head = "" if key is None else (
            f"uri_template={key!r}, " if hasattr(self, "uri_template") else f"uri={key!r}, ")
        title = "" if hasattr(self, "uri") or hasattr(self, "uri_template") else (
            f"title={self.title!r}, ")
        return (f"{type(self).__name__}({head}name={self.name!r}, {title}"
                f"description={self.description!r}, tags={getattr(self, 'tags', set())!r})")


# --- tools -------------------------------------------------------------------------------------

class ToolResult:
    """What a tool answers: ``content`` blocks (anything a tool may return is converted as
    fastmcp converts it), ``structured_content`` (a dict), ``meta`` and ``is_error``.

    Args:
        content: content blocks, or any value to convert into them; ``structured_content``
            when None.
        structured_content: the ``structuredContent`` object.
        meta: the result's ``_meta``.
        is_error: send the result as a failure (``isError``).

    Raises:
        ValueError: neither ``content`` nor ``structured_content`` was given, or the
            structured content is not an object.
    """

    __ferromcp_tool_result__ = True

    def __init__(self, content: Any = None, structured_content: Any = None,
                 meta: dict[str, Any] | None = None, is_error: bool = False) -> None:
        from ferromcp._schema import _jsonable, _to_content

        if content is None and structured_content is None:
            raise ValueError("Either content or structured_content must be provided")
        if content is None:
            content = structured_content
        if isinstance(content, list) and all(_is_block(c) for c in content):
            blocks = list(content)
        else:
            blocks = _to_content(content, True)
        self.content = [_block(c) for c in blocks]
        if structured_content is not None:
            if hasattr(structured_content, "model_dump"):
                structured_content = structured_content.model_dump(mode="json")
            structured_content = _jsonable(structured_content)
            if not isinstance(structured_content, dict):
                raise ValueError(
                    "structured_content must be a dict or None. Got "
                    f"{type(structured_content).__name__}: {structured_content!r}. Tools "
                    "should wrap non-dict values based on their output_schema.")
        self.structured_content = structured_content
        self.meta = meta
        self.is_error = is_error

    @classmethod
    def _from_wire(cls, result: Mapping[str, Any]) -> ToolResult:
        out = cls.__new__(cls)
        out.content = [_block(c) for c in result.get("content") or ()]
        out.structured_content = result.get("structuredContent")
        out.meta = result.get("_meta")
        out.is_error = bool(result.get("isError"))
        return out

    def _wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"content": [_dump(c) for c in self.content],
                               "isError": self.is_error}
        if self.structured_content is not None:
            out["structuredContent"] = self.structured_content
        if self.meta is not None:
            out["_meta"] = self.meta
        return out

    def model_dump(self, **_: Any) -> dict[str, Any]:
        """The ``tools/call`` result on the wire."""
        return self._wire()

    def to_mcp_result(self) -> Any:
        """The result as the official ``CallToolResult``."""
        return t.CallToolResult(**self._wire())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ToolResult) and self._wire() == other._wire()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"ToolResult(content={self.content!r}, "
                f"structured_content={self.structured_content!r}, meta={self.meta!r}, "
                f"is_error={self.is_error})")


def _is_block(value: Any) -> bool:
    from ferromcp._schema import _is_content_block

    return _is_content_block(value) or (isinstance(value, dict) and "type" in value)


def _block(value: Any) -> Any:
    """A content block as a ``ferromcp.types`` object."""
    if isinstance(value, dict):
        from ferromcp.server._highlevel import _content_model

        return _content_model(value)
    return value


class Tool(_Component):
    """A tool as fastmcp describes it. Subclass and define ``async run(arguments) ->
    ToolResult`` (or any value a tool may return) to serve a tool of one's own with
    ``FastMCP.add_tool``; :meth:`from_function` makes one from a function."""

    _FIELDS = (*_Component._FIELDS, ("inputSchema", "parameters"),
               ("outputSchema", "output_schema"), ("annotations", "annotations"))

    def __init__(self, name: str, *, parameters: dict[str, Any] | None = None,
                 description: str | None = None, title: str | None = None,
                 output_schema: dict[str, Any] | None = None, annotations: Any = None,
                 tags: Set[str] | None = None, meta: dict[str, Any] | None = None,
                 icons: list[Any] | None = None, **_: Any) -> None:
        self.name = name
        self.parameters = parameters if parameters is not None else {
            "type": "object", "properties": {}}
        self.description = description
        self.title = title
        self.output_schema = output_schema
        self.annotations = annotations
        self.tags = _tag_set(tags)
        self.meta = meta
        self.icons = icons

    parameters: dict[str, Any]
    output_schema: dict[str, Any] | None = None
    annotations: Any = None

    @classmethod
    def from_function(cls, fn: Callable[..., Any], *, name: str | None = None,
                      title: str | None = None, description: str | None = None,
                      icons: list[Any] | None = None, tags: Set[str] | None = None,
                      annotations: Any = None, output_schema: Any = None,
                      meta: dict[str, Any] | None = None, **_: Any) -> FunctionTool:
        """A :class:`FunctionTool` calling ``fn``; its schemas are derived from the signature
        as ``@mcp.tool`` derives them."""
        return FunctionTool(fn, name=name, title=title, description=description, icons=icons,
                            tags=tags, annotations=annotations, meta=meta)

    @classmethod
    def from_tool(cls, tool: Any, **kwargs: Any) -> Any:
        """fastmcp's ``TransformedTool`` of ``tool`` (a ``Tool`` or a function): renamed,
        redescribed, its arguments renamed, described, defaulted or hidden
        (``transform_args={...: ArgTransform(...)}``), or run through ``transform_fn`` (which
        calls ``forward(...)``) — made by the fastmcp package, served as the server's tool by
        ``mcp.add_tool``."""
        from ferromcp.fastmcp._transform import from_tool

        return from_tool(tool, **kwargs)

    @classmethod
    def _from_listing(cls, definition: Mapping[str, Any]) -> Tool:
        tool = cls.__new__(cls)
        tool._fill(definition)
        return tool

    def to_mcp_tool(self, **overrides: Any) -> t.Tool:
        """The tool as ``tools/list`` lists it."""
        return t.Tool(**{**self._listing(), **overrides})

    async def run(self, arguments: dict[str, Any]) -> Any:
        """Runs the tool (a subclass serves it)."""
        raise NotImplementedError("Subclasses must implement run()")


class FunctionTool(Tool):
    """A tool calling a Python function (``Tool.from_function``)."""

    def __init__(self, fn: Callable[..., Any], *, name: str | None = None,
                 title: str | None = None, description: str | None = None,
                 icons: list[Any] | None = None, tags: Set[str] | None = None,
                 annotations: Any = None, meta: dict[str, Any] | None = None) -> None:
        from ferromcp._fastmcp import tool_definition

        self.fn = fn
        self._given = {"name": name, "title": title, "description": description,
                       "icons": icons, "annotations": annotations, "meta": meta,
                       "tags": tags}
        definition = tool_definition(fn, **self._given)
        self._fill(definition)
        self.tags = _tag_set(tags)

    @classmethod
    def from_function(cls, fn: Callable[..., Any], **kw: Any) -> FunctionTool:  # type: ignore[override]
        """A tool calling ``fn``."""
        return super().from_function(fn, **kw)

    async def run(self, arguments: dict[str, Any]) -> Any:
        """Calls the function with ``arguments``."""
        import inspect

        value = self.fn(**arguments)
        return await value if inspect.isawaitable(value) else value


# --- resources ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ResourceSecurity:
    """What a resource template's variables may not hold once decoded (fastmcp 4): ``..``
    climbing above the start, an absolute path, a NUL. ``FastMCP`` holds every template to
    :data:`DEFAULT_RESOURCE_SECURITY` unless given another (``FastMCP(resource_security=...)``;
    ``None`` turns it off) or the template has its own (``security=``). A URI that fails is
    an unknown resource. ``exempt_params`` names variables not checked, in either spelling
    (``git-ref`` or ``git_ref``). ferromcp's core applies the rules where it matches the URI."""

    reject_path_traversal: bool = True
    reject_absolute_paths: bool = True
    reject_null_bytes: bool = True
    exempt_params: Set[str] = field(default_factory=frozenset)

    def _for_core(self) -> Any:
        """The rules as the core takes them, with both spellings of each exempt name."""
        from ferromcp.server.mcpserver.resources.templates import (
            ResourceSecurity as CoreRules,
        )

        names = {v for n in self.exempt_params for v in (n, n.replace("-", "_"),
                                                         n.replace("_", "-"))}
        return CoreRules(self.reject_path_traversal, self.reject_absolute_paths,
                         self.reject_null_bytes, frozenset(names))

    def validate(self, params: Mapping[str, object]) -> str | None:
        """The name of the first variable whose value (or one of its values) fails, or
        None."""
        checked = {k: v for k, v in params.items()
                   if isinstance(v, str) or (isinstance(v, list | tuple) and all(
                       isinstance(i, str) for i in v))}
        return _core.refused_variable({k: list(v) if isinstance(v, tuple) else v
                                       for k, v in checked.items()}, self._for_core())


#: Traversal, absolute paths and NUL refused: every template's policy unless given another.
DEFAULT_RESOURCE_SECURITY = ResourceSecurity()




class ResourceContent:
    """One content of a read: text or bytes, with its MIME type and ``_meta``."""

    def __init__(self, content: Any, mime_type: str | None = None,
                 meta: dict[str, Any] | None = None) -> None:
        if not isinstance(content, str | bytes):
            content = json.dumps(content.model_dump(mode="json") if hasattr(
                content, "model_dump") else content, default=str)
            mime_type = mime_type or "application/json"
        self.content = content
        self.mime_type = mime_type
        self.meta = meta

    def __repr__(self) -> str:
        return (f"ResourceContent(content={self.content!r}, mime_type={self.mime_type!r}, "
                f"meta={self.meta!r})")


class ResourceResult:
    """What a resource read answers: its contents (a string, bytes, or a list of
    :class:`ResourceContent`)."""

    def __init__(self, contents: Any, meta: dict[str, Any] | None = None) -> None:
        if isinstance(contents, str | bytes):
            contents = [ResourceContent(contents)]
        self.contents: list[ResourceContent] = [
            c if isinstance(c, ResourceContent) else ResourceContent(c) for c in contents]
        self.meta = meta

    def __repr__(self) -> str:
        return f"ResourceResult(contents={self.contents!r}, meta={self.meta!r})"

    # The contents, as a sequence: what ``ctx.read_resource`` answers on the official SDKs (a
    # list of ``ReadResourceContents``, which each content also reads as), so code written for
    # them keeps working on a fastmcp 3/4 server.
    def __iter__(self) -> Any:
        return iter(self.contents)

    def __len__(self) -> int:
        return len(self.contents)

    def __getitem__(self, index: Any) -> Any:
        return self.contents[index]

    @classmethod
    def _from_wire(cls, result: Mapping[str, Any]) -> ResourceResult:
        import base64

        out = []
        for c in result.get("contents") or ():
            body = base64.b64decode(c["blob"]) if "blob" in c else c.get("text", "")
            item = ResourceContent(body, c.get("mimeType"), c.get("_meta"))
            item.__dict__["_uri"] = c.get("uri")
            out.append(item)
        return cls(out, result.get("_meta"))

    def _wire(self, uri: str) -> dict[str, Any]:
        import base64

        contents = []
        for c in self.contents:
            entry: dict[str, Any] = {"uri": c.__dict__.get("_uri") or uri}
            if isinstance(c.content, bytes):
                entry["blob"] = base64.b64encode(c.content).decode()
                entry["mimeType"] = c.mime_type or "application/octet-stream"
            else:
                entry["text"] = c.content
                entry["mimeType"] = c.mime_type or "text/plain"
            if c.meta is not None:
                entry["_meta"] = c.meta
            contents.append(entry)
        out: dict[str, Any] = {"contents": contents}
        if self.meta is not None:
            out["_meta"] = self.meta
        return out


class Resource(_Component):
    """A resource at a fixed URI. Subclass and define ``async read()`` (returning text,
    bytes or a :class:`ResourceResult`) to serve one of one's own with
    ``FastMCP.add_resource``."""

    _TYPE = ("resource", "uri")

    _FIELDS = (*_Component._FIELDS, ("mimeType", "mime_type"), ("annotations", "annotations"))

    def __init__(self, uri: Any, name: str | None = None, *, title: str | None = None,
                 description: str | None = None, mime_type: str = "text/plain",
                 tags: Set[str] | None = None, meta: dict[str, Any] | None = None,
                 annotations: Any = None, icons: list[Any] | None = None, **_: Any) -> None:
        self.uri = str(uri)
        self.name = name or self.uri
        self.title = title
        self.description = description
        self.mime_type = mime_type
        self.tags = _tag_set(tags)
        self.meta = meta
        self.annotations = annotations
        self.icons = icons

    uri: str
    mime_type: str | None = "text/plain"
    annotations: Any = None

    def _fill(self, definition: Mapping[str, Any]) -> None:
        super()._fill(definition)
        self.uri = definition.get("uri", "")

    @classmethod
    def _from_listing(cls, definition: Mapping[str, Any]) -> Resource:
        r = cls.__new__(cls)
        r._fill(definition)
        return r

    def _listing(self) -> dict[str, Any]:
        return {**super()._listing(), "uri": self.uri}

    def to_mcp_resource(self, **overrides: Any) -> t.Resource:
        """The resource as ``resources/list`` lists it."""
        return t.Resource(**{**self._listing(), **overrides})

    @classmethod
    def from_function(cls, fn: Callable[..., Any], uri: Any, **kw: Any) -> FunctionResource:
        """A :class:`FunctionResource` reading ``fn()``."""
        return FunctionResource(fn, uri, **kw)

    async def read(self) -> Any:
        """The resource's content (a subclass serves it)."""
        raise NotImplementedError("Subclasses must implement read()")


class TextResource(Resource):
    """A resource whose content is the given ``text``."""

    def __init__(self, uri: Any, name: str | None = None, *, text: str, **kw: Any) -> None:
        super().__init__(uri, name, **kw)
        self.text = text

    async def read(self) -> str:
        """The text."""
        return self.text


class BinaryResource(Resource):
    """A resource whose content is the given ``data``."""

    def __init__(self, uri: Any, name: str | None = None, *, data: bytes, **kw: Any) -> None:
        kw.setdefault("mime_type", "application/octet-stream")
        super().__init__(uri, name, **kw)
        self.data = data

    async def read(self) -> bytes:
        """The bytes."""
        return self.data


class FunctionResource(Resource):
    """A resource read by calling a function (``Resource.from_function``)."""

    def __init__(self, fn: Callable[..., Any], uri: Any, *, name: str | None = None,
                 mime_type: str | None = None, **kw: Any) -> None:
        super().__init__(uri, name or fn.__name__, mime_type=mime_type or "text/plain", **kw)
        self.fn = fn
        self._mime_given = mime_type

    @classmethod
    def from_function(cls, fn: Callable[..., Any], uri: Any,  # type: ignore[override]
                      **kw: Any) -> FunctionResource:
        """A resource reading ``fn()``."""
        return cls(fn, uri, **kw)

    async def read(self) -> Any:
        """Calls the function."""
        import inspect

        value = self.fn()
        return await value if inspect.isawaitable(value) else value


class ResourceTemplate(_Component):
    """A resource template: an RFC 6570 ``uri_template`` whose variables are a function's
    parameters (``ResourceTemplate.from_function``); ``security`` holds its variables to a
    :class:`ResourceSecurity` (fastmcp 4; by default the server's)."""

    _TYPE = ("template", "uriTemplate")

    _FIELDS = (*_Component._FIELDS, ("mimeType", "mime_type"), ("annotations", "annotations"))

    def __init__(self, fn: Callable[..., Any] | None, uri_template: str, *,
                 name: str | None = None, title: str | None = None,
                 description: str | None = None, mime_type: str | None = None,
                 tags: Set[str] | None = None, meta: dict[str, Any] | None = None,
                 annotations: Any = None, icons: list[Any] | None = None,
                 security: Any = INHERIT_SECURITY, **_: Any) -> None:
        self.fn = fn
        self.uri_template = uri_template
        self.name = name or (fn.__name__ if fn is not None else uri_template)
        self.title = title
        self.description = description
        self.mime_type = mime_type or "text/plain"
        self._mime_given = mime_type
        self.tags = _tag_set(tags)
        self.meta = meta
        self.annotations = annotations
        self.icons = icons
        self.security = security

    uri_template: str
    mime_type: str | None = "text/plain"
    annotations: Any = None
    fn: Callable[..., Any] | None = None
    security: Any = INHERIT_SECURITY

    @classmethod
    def from_function(cls, fn: Callable[..., Any], uri_template: str,
                      **kw: Any) -> ResourceTemplate:
        """A template reading ``fn(**variables)``."""
        return cls(fn, uri_template, **kw)

    @classmethod
    def _from_listing(cls, definition: Mapping[str, Any]) -> ResourceTemplate:
        r = cls.__new__(cls)
        r._fill(definition)
        r.uri_template = definition.get("uriTemplate", "")
        return r

    def _listing(self) -> dict[str, Any]:
        return {**super()._listing(), "uriTemplate": self.uri_template}

    def to_mcp_template(self, **overrides: Any) -> t.ResourceTemplate:
        """The template as ``resources/templates/list`` lists it."""
        return t.ResourceTemplate(**{**self._listing(), **overrides})

    def resolve_security(self, server_default: ResourceSecurity | None
                         ) -> ResourceSecurity | None:
        """The template's own rules, or ``server_default`` when it has none (``None`` of its
        own turns checking off)."""
        return server_default if self.security is INHERIT_SECURITY else self.security


# --- prompts -----------------------------------------------------------------------------------

PromptMessage = t.PromptMessage


class Message(_BaseMessage):
    """A prompt message: a string is its text; a content block is sent as it is; any other
    value (a dict, a list, a model) is written as compact JSON text."""

    def __init__(self, content: Any, role: str = "user", **_: Any) -> None:
        if not isinstance(content, str) and not _is_block(content):
            from ferromcp._schema import _jsonable

            data = content.model_dump(mode="json") if hasattr(content, "model_dump") else content
            content = json.dumps(_jsonable(data), ensure_ascii=False, separators=(",", ":"))
        super().__init__(content, role)

    def to_mcp_prompt_message(self) -> t.PromptMessage:
        """The message as the official ``PromptMessage``."""
        return t.PromptMessage(role=self.role, content=self.content)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"Message(role={self.role!r}, content={self.content!r})"


@dataclass
class PromptArgument:
    """An argument a prompt takes."""

    name: str
    description: str | None = None
    required: bool = False


class PromptResult:
    """What a prompt answers: its messages (a string is one user message), a description
    and ``_meta``."""

    def __init__(self, messages: Any, description: str | None = None,
                 meta: dict[str, Any] | None = None) -> None:
        if isinstance(messages, str):
            messages = [Message(messages)]
        self.messages = list(messages)
        self.description = description
        self.meta = meta

    def __repr__(self) -> str:
        return (f"PromptResult(messages={self.messages!r}, description={self.description!r}, "
                f"meta={self.meta!r})")

    @classmethod
    def _from_wire(cls, result: Mapping[str, Any]) -> PromptResult:
        messages = [Message(_block(m.get("content")), m.get("role", "user"))
                    for m in result.get("messages") or ()]
        return cls(messages, result.get("description"), result.get("_meta"))

    def _wire(self) -> dict[str, Any]:
        from ferromcp.server._highlevel import _prompt_message

        messages = []
        for m in self.messages:
            shaped = _prompt_message(m)
            if not isinstance(shaped, dict):
                shaped = _dump(shaped)
            messages.append({"role": shaped["role"], "content": _dump(shaped["content"])})
        out: dict[str, Any] = {"messages": messages}
        if self.description is not None:
            out["description"] = self.description
        if self.meta is not None:
            out["_meta"] = self.meta
        return out

    def model_dump(self, **_: Any) -> dict[str, Any]:
        """The ``prompts/get`` result on the wire."""
        return self._wire()


class Prompt(_Component):
    """A prompt as fastmcp describes it; :meth:`from_function` makes one from a function."""

    _TYPE = ("prompt", "name")

    arguments: list[PromptArgument] | None = None

    @classmethod
    def from_function(cls, fn: Callable[..., Any], *, name: str | None = None,
                      title: str | None = None, description: str | None = None,
                      icons: list[Any] | None = None, tags: Set[str] | None = None,
                      meta: dict[str, Any] | None = None, **_: Any) -> FunctionPrompt:
        """A :class:`FunctionPrompt` rendering ``fn``."""
        return FunctionPrompt(fn, name=name, title=title, description=description,
                              icons=icons, tags=tags, meta=meta)

    @classmethod
    def _from_listing(cls, definition: Mapping[str, Any]) -> Prompt:
        p = cls.__new__(cls)
        p._fill(definition)
        p.arguments = [PromptArgument(a["name"], a.get("description"),
                                      bool(a.get("required")))
                       for a in definition.get("arguments") or ()]
        return p

    def _listing(self) -> dict[str, Any]:
        out = super()._listing()
        if self.arguments is not None:
            out["arguments"] = [{k: v for k, v in (("name", a.name),
                                                   ("description", a.description),
                                                   ("required", a.required)) if v is not None}
                                for a in self.arguments]
        return out

    def to_mcp_prompt(self, **overrides: Any) -> t.Prompt:
        """The prompt as ``prompts/list`` lists it."""
        return t.Prompt(**{**self._listing(), **overrides})


class FunctionPrompt(Prompt):
    """A prompt rendered by calling a function (``Prompt.from_function``)."""

    def __init__(self, fn: Callable[..., Any], *, name: str | None = None,
                 title: str | None = None, description: str | None = None,
                 icons: list[Any] | None = None, tags: Set[str] | None = None,
                 meta: dict[str, Any] | None = None) -> None:
        self.fn = fn
        self.name = name or fn.__name__
        self.title = title
        self.description = description
        self.icons = icons
        self.tags = _tag_set(tags)
        self.meta = meta

    @classmethod
    def from_function(cls, fn: Callable[..., Any], **kw: Any) -> FunctionPrompt:  # type: ignore[override]
        """A prompt rendering ``fn``."""
        return cls(fn, **kw)
