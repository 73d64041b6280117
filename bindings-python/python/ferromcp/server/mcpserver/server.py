"""``MCPServer`` as ``mcp`` 2.x spells it: keyword settings, masked unexpected errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from ferromcp.server._highlevel import Context, HighLevelServer
from ferromcp.server.extension import (
    Extension,
    MethodBinding,
    compose_tool_call_handler,
    validate_extension_identifier,
)
from ferromcp.server.fastmcp.server import Settings, default_lifespan, lifespan_wrapper

__all__ = ["MCPServer", "Context", "Settings", "default_lifespan", "lifespan_wrapper",
           "Extension", "MethodBinding", "compose_tool_call_handler", "require_client_extension",
           "validate_extension_identifier"]

#: Names this module re-exports, loaded on first use (module → name there).
_LAZY = {
    **dict.fromkeys((
        "Annotations", "BlobResourceContents", "CallToolRequestParams", "CallToolResult",
        "ClientCapabilities", "CompleteRequestParams", "CompleteResult", "Completion",
        "GetPromptRequestParams", "GetPromptResult", "Icon", "InputRequiredResult",
        "ListPromptsResult", "ListResourceTemplatesResult", "ListResourcesResult",
        "ListToolsResult", "MissingRequiredClientCapabilityErrorData", "PaginatedRequestParams",
        "ReadResourceRequestParams", "ReadResourceResult", "TextContent", "TextResourceContents",
        "ToolAnnotations"), "ferromcp.types"),
    "Tool": "ferromcp.server.mcpserver.tools", "ToolManager": "ferromcp.server.mcpserver.tools",
    "CacheHint": "ferromcp.server.caching",
    **dict.fromkeys(("InMemorySubscriptionBus", "ListenHandler", "SubscriptionBus"),
                    "ferromcp.server.subscriptions"),
    "RequestStateSecurity": "ferromcp.server.request_state",
    "RequestStateBoundary": "ferromcp.server.request_state",
    "ResourceSecurity": "ferromcp.server.mcpserver.resources.templates",
    "Resource": "ferromcp.server.fastmcp.resources",
    "FunctionResource": "ferromcp.server.fastmcp.resources",
    "ResourceManager": "ferromcp.server.fastmcp.resources",
    "Prompt": "ferromcp.server.fastmcp.prompts",
    "PromptManager": "ferromcp.server.fastmcp.prompts",
    **dict.fromkeys((
        "ResourceError", "ResourceNotFoundError", "ToolError", "UnexpectedResourceError",
        "UnexpectedToolError"), "ferromcp.server.mcpserver.exceptions"),
    "MCPError": "ferromcp.shared.exceptions",
    "get_logger": "ferromcp.server.fastmcp.utilities.logging",
    "configure_logging": "ferromcp.server.fastmcp.utilities.logging",
    "find_context_parameter": "ferromcp.server.fastmcp.utilities.context_injection",
    "ReadResourceContents": "ferromcp.server.lowlevel.helper_types",
    "Server": "ferromcp.server.lowlevel.server",
    "ServerRequestContext": "ferromcp.server",
    "ServerMiddleware": "ferromcp.server.context",
    "stdio_server": "ferromcp.server.stdio",
    "SseServerTransport": "ferromcp.server.sse",
    "StreamableHTTPSessionManager": "ferromcp.server.streamable_http_manager",
    "TransportSecuritySettings": "ferromcp.server.transport_security",
    "EventStore": "ferromcp.server.streamable_http",
}
#: The official module's aliases of protocol types.
_RENAMED = {"MCPTool": "Tool", "MCPResource": "Resource", "MCPResourceTemplate": "ResourceTemplate",
            "MCPPrompt": "Prompt", "MCPPromptArgument": "PromptArgument"}


#: The OAuth pieces the official module re-exports (``mcp.server.auth``): the official
#: package's own classes. ``auth=`` and ``token_verifier=`` protect the HTTP endpoints through
#: the core (``ferromcp.server._auth``); hosting an authorization server
#: (``auth_server_provider=``) is refused when the HTTP app is built.
_OAUTH = ("AuthContextMiddleware", "AuthSettings", "BearerAuthBackend",
          "OAuthAuthorizationServerProvider", "ProviderTokenVerifier", "RequireAuthMiddleware",
          "TokenVerifier")


def __getattr__(name: str) -> Any:
    import importlib

    if name in _OAUTH:
        from ferromcp import _official

        return _official.attribute(name, "mcp.server.mcpserver.server")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _RENAMED:
        from ferromcp import types

        return getattr(types, _RENAMED[name])
    if name == "UriTemplate":  # RFC 6570 templates: the official package's own class
        from ferromcp import _official

        return _official.attribute(name, "mcp.shared.uri_template")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class MCPServer(HighLevelServer):
    """A decorator-API server, as ``mcp.server.mcpserver.MCPServer`` (2.x).

    Unexpected tool exceptions are masked (``Error executing tool <name>``) unless
    ``mask_error_details=False``; ``ToolError`` text is shown; ``MCPError`` becomes a JSON-RPC
    error. Transport settings go to ``run()`` in 2.x; they are accepted here as well.
    """

    _generation = 2
    _default_name = "mcp-server"

    def __init__(self, name: str | None = None, title: str | None = None,
                 description: str | None = None, instructions: str | None = None,
                 website_url: str | None = None, icons: list[Any] | None = None,
                 version: str = "", auth_server_provider: Any = None,
                 token_verifier: Any = None, *,
                 tools: Sequence[Callable[..., Any]] | None = None,
                 lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
                 mask_error_details: bool | None = None, **settings: Any) -> None:
        self._setup(name, title=title, description=description, instructions=instructions,
                    website_url=website_url, icons=icons, version=version, lifespan=lifespan,
                    tools=tools, mask_error_details=mask_error_details, settings=settings)
        self._set_auth(auth_server_provider, token_verifier)


def require_client_extension(ctx: Any, identifier: str) -> None:
    """Raises ``MCPError`` -32021 (naming the extension in ``requiredCapabilities``) unless the
    client declared the extension ``identifier`` in its capabilities."""
    from ferromcp.shared.exceptions import MCPError

    capabilities = ctx.session.client_capabilities
    declared = (capabilities.get("extensions") if isinstance(capabilities, dict)
                else getattr(capabilities, "extensions", None)) if capabilities else None
    if not declared or identifier not in declared:
        raise MCPError(code=-32021,
                       message=f"Client did not declare required extension {identifier!r}",
                       data={"requiredCapabilities": {"extensions": {identifier: {}}}})
