"""The MCP Apps extension (``io.modelcontextprotocol/ui``, ``mcp.server.apps``): tools bound to
``ui://`` HTML resources that a host renders in a sandboxed frame. Register UI-bound tools with
``@apps.tool(resource_uri=...)`` and their HTML with ``apps.add_html_resource(...)``, then pass
the instance to ``MCPServer(extensions=[apps])``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

from ferromcp.server._highlevel import Context
from ferromcp.server.context import ServerRequestContext
from ferromcp.server.extension import Extension, ResourceBinding, ToolBinding
from ferromcp.server.fastmcp.resources import Resource, TextResource

__all__ = ["APP_MIME_TYPE", "EXTENSION_ID", "Apps", "Context", "Resource", "ResourceCsp",
           "ResourcePermissions", "ServerRequestContext", "TextResource", "Visibility",
           "client_supports_apps"]

#: The extension's identifier.
EXTENSION_ID = "io.modelcontextprotocol/ui"
#: What a `ui://` resource is served as; hosts render nothing else.
APP_MIME_TYPE = "text/html;profile=mcp-app"
#: Where a UI-bound tool shows (`_meta.ui.visibility`).
Visibility = Literal["model", "app"]

_CallableT = TypeVar("_CallableT", bound=Callable[..., Any])


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


class _UiSettings:
    """Fields written camelCase, the unset ones left out (`model_dump`)."""

    _fields: tuple[str, ...] = ()

    def __init__(self, **given: Any) -> None:
        for name in self._fields:
            setattr(self, name, given.pop(name, given.pop(_camel(name), None)))
        if given:
            raise TypeError(f"{type(self).__name__} got unexpected fields: {', '.join(given)}")

    def model_dump(self, *, by_alias: bool = False, exclude_none: bool = False,
                   **_: Any) -> dict[str, Any]:
        out = {(_camel(n) if by_alias else n): getattr(self, n) for n in self._fields}
        return {k: v for k, v in out.items() if v is not None} if exclude_none else out


class ResourcePermissions(_UiSettings):
    """Frame permissions a `ui://` resource asks for (`_meta.ui.permissions`)."""

    _fields = ("camera", "microphone", "geolocation", "clipboard_write")


class ResourceCsp(_UiSettings):
    """Content-Security-Policy domains of a `ui://` resource (`_meta.ui.csp`)."""

    _fields = ("connect_domains", "resource_domains", "frame_domains", "base_uri_domains")


def _require_ui_scheme(uri: Any) -> None:
    if not str(uri).startswith("ui://"):
        raise ValueError(f"MCP Apps URIs must use the ui:// scheme, got {str(uri)!r}")


class Apps(Extension):
    """The MCP Apps extension: tools bound to `ui://` UI resources."""

    identifier = EXTENSION_ID

    def __init__(self) -> None:
        self._tools: list[tuple[ToolBinding, str]] = []
        self._resources: list[ResourceBinding] = []

    def tool(self, *, resource_uri: str, visibility: Sequence[Visibility] | None = None,
             meta: dict[str, Any] | None = None, **tool_kwargs: Any
             ) -> Callable[[_CallableT], _CallableT]:
        """Registers the decorated function as a tool bound to `resource_uri`
        (`_meta.ui.resourceUri`, and `visibility` when given); `tool_kwargs` go to
        ``add_tool``, `meta` is merged beside the `ui` entry."""
        _require_ui_scheme(resource_uri)
        if meta and "ui" in meta:
            raise ValueError("Apps.tool() owns _meta['ui']; pass resource_uri=/visibility= "
                             "instead of a 'ui' meta key")
        ui: dict[str, Any] = {"resourceUri": resource_uri}
        if visibility is not None:
            ui["visibility"] = list(visibility)

        def decorator(fn: _CallableT) -> _CallableT:
            binding = ToolBinding(fn=fn, meta={**(meta or {}), "ui": ui}, kwargs=tool_kwargs)
            self._tools.append((binding, resource_uri))
            return fn
        return decorator

    def add_html_resource(self, uri: str, html: str, *, name: str | None = None,
                          title: str | None = None, description: str | None = None,
                          csp: ResourceCsp | None = None,
                          permissions: ResourcePermissions | None = None,
                          domain: str | None = None, prefers_border: bool | None = None
                          ) -> None:
        """Registers a `ui://` HTML document served as ``text/html;profile=mcp-app``, its
        `csp`, `permissions`, `domain` and `prefers_border` in its `_meta.ui`."""
        ui: dict[str, Any] = {}
        if csp is not None:
            ui["csp"] = csp.model_dump(by_alias=True, exclude_none=True)
        if permissions is not None:
            ui["permissions"] = permissions.model_dump(by_alias=True, exclude_none=True)
        if domain is not None:
            ui["domain"] = domain
        if prefers_border is not None:
            ui["prefersBorder"] = prefers_border
        self.add_resource(TextResource(uri=uri, name=name or uri, title=title,
                                       description=description, mime_type=APP_MIME_TYPE,
                                       meta={"ui": ui} if ui else None, text=html))

    def add_resource(self, resource: Resource) -> None:
        """Registers a `ui://` resource built elsewhere (served as
        ``text/html;profile=mcp-app`` unless it names that type itself; any other is refused)."""
        _require_ui_scheme(resource.uri)
        if not getattr(resource, "_mime_type_given", True):
            resource.mime_type = APP_MIME_TYPE
        elif resource.mime_type != APP_MIME_TYPE:
            raise ValueError(f"MCP Apps resources are served as {APP_MIME_TYPE!r}, "
                             f"got {resource.mime_type!r}")
        self._resources.append(ResourceBinding(resource=resource))

    def tools(self) -> Sequence[ToolBinding]:
        """The bound tools; one whose `resource_uri` names no resource registered here is a
        misconfiguration, refused when the server takes the extension."""
        registered = {str(b.resource.uri) for b in self._resources}
        for tool, uri in self._tools:
            if uri not in registered:
                raise ValueError(
                    f"Apps tool {tool.fn.__name__!r} binds resource_uri {uri!r}, but no such "
                    "resource is registered; add it with add_html_resource() or add_resource()")
        return [tool for tool, _ in self._tools]

    def resources(self) -> Sequence[ResourceBinding]:
        return self._resources


def client_supports_apps(ctx: Context | ServerRequestContext[Any, Any]) -> bool:
    """Whether the client declared the extension with ``text/html;profile=mcp-app`` among its
    `mimeTypes` (a `Context` or a `ServerRequestContext`)."""
    capabilities = getattr(ctx, "client_capabilities", None)
    if capabilities is None and getattr(ctx, "session", None) is not None:
        capabilities = ctx.session.client_capabilities
    extensions = (capabilities.get("extensions") if isinstance(capabilities, dict)
                  else getattr(capabilities, "extensions", None)) if capabilities else None
    settings = extensions.get(EXTENSION_ID) if extensions else None
    if settings is None:
        return False
    mime_types = settings.get("mimeTypes")
    return isinstance(mime_types, list | tuple) and APP_MIME_TYPE in mime_types
