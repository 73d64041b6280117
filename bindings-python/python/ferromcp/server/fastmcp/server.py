"""``FastMCP`` as ``mcp`` 1.x spells it: constructor settings, 1.x error texts and results."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from ferromcp._generic import Parameterized
from ferromcp.server._highlevel import Context, HighLevelServer

__all__ = ["FastMCP", "Context", "Settings", "default_lifespan", "lifespan_wrapper"]

#: Names this module re-exports, loaded on first use (module → name there).
_LAZY = {
    "Tool": "ferromcp.server.fastmcp.tools", "ToolManager": "ferromcp.server.fastmcp.tools",
    "Resource": "ferromcp.server.fastmcp.resources",
    "FunctionResource": "ferromcp.server.fastmcp.resources",
    "ResourceManager": "ferromcp.server.fastmcp.resources",
    "Prompt": "ferromcp.server.fastmcp.prompts",
    "PromptManager": "ferromcp.server.fastmcp.prompts",
    "get_logger": "ferromcp.server.fastmcp.utilities.logging",
    "configure_logging": "ferromcp.server.fastmcp.utilities.logging",
    "find_context_parameter": "ferromcp.server.fastmcp.utilities.context_injection",
    "elicit_with_validation": "ferromcp.server.elicitation",
    "ResourceError": "ferromcp.server.fastmcp.exceptions",
    "ReadResourceContents": "ferromcp.server.lowlevel.helper_types",
    "RequestContext": "ferromcp.server.lowlevel.server",
    "ServerSession": "ferromcp.server.session",
    "stdio_server": "ferromcp.server.stdio",
    "Annotations": "ferromcp.types", "Icon": "ferromcp.types", "ToolAnnotations": "ferromcp.types",
    "GetPromptResult": "ferromcp.types",
    "SseServerTransport": "ferromcp.server.sse",
    "StreamableHTTPSessionManager": "ferromcp.server.streamable_http_manager",
    "StreamableHTTPASGIApp": "ferromcp.server.streamable_http_manager",
    "TransportSecuritySettings": "ferromcp.server.transport_security",
    "EventStore": "ferromcp.server.streamable_http",
}
#: The official module's aliases of protocol types and of the low-level server.
_RENAMED = {"MCPTool": ("ferromcp.types", "Tool"), "MCPResource": ("ferromcp.types", "Resource"),
            "MCPResourceTemplate": ("ferromcp.types", "ResourceTemplate"),
            "MCPPrompt": ("ferromcp.types", "Prompt"),
            "MCPPromptArgument": ("ferromcp.types", "PromptArgument"),
            "MCPServer": ("ferromcp.server.lowlevel.server", "Server")}


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

        return _official.attribute(name, "mcp.server.fastmcp.server")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _RENAMED:
        module, attr = _RENAMED[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SETTINGS: dict[str, Any] = {
    "debug": False, "log_level": "INFO", "host": "127.0.0.1", "port": 8000, "mount_path": "/",
    "sse_path": "/sse", "message_path": "/messages/", "streamable_http_path": "/mcp",
    "json_response": False, "stateless_http": False, "warn_on_duplicate_resources": True,
    "warn_on_duplicate_tools": True, "warn_on_duplicate_prompts": True, "dependencies": [],
    "lifespan": None, "auth": None, "transport_security": None,
}


def _env_value(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(raw)
    return raw


class Settings(Parameterized):
    """FastMCP's settings (1.x): the defaults, then ``FASTMCP_<NAME>`` environment variables,
    then the keywords given. ``FastMCP(...)`` keeps its own in ``mcp.settings``.

    Raises:
        ValueError: an environment variable does not parse as its setting's type.
    """

    def __init__(self, **values: Any) -> None:
        for name, default in _SETTINGS.items():
            raw = os.environ.get(f"FASTMCP_{name.upper()}")
            value = _env_value(raw, default) if raw is not None and default is not None else (
                raw if raw is not None else default)
            setattr(self, name, list(value) if isinstance(value, list) else value)
        for name, value in values.items():
            setattr(self, name, value)

    def model_dump(self, **_: Any) -> dict[str, Any]:
        """The settings as a dict."""
        return dict(self.__dict__)

    def __repr__(self) -> str:
        return f"Settings({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


@asynccontextmanager
async def default_lifespan(server: Any) -> AsyncIterator[dict[str, Any]]:
    """The lifespan of a server given none: yields an empty dict."""
    yield {}


def lifespan_wrapper(app: Any, lifespan: Callable[[Any], AbstractAsyncContextManager[Any]]
                     ) -> Callable[[Any], AbstractAsyncContextManager[Any]]:
    """A low-level server lifespan that runs ``lifespan(app)`` (the FastMCP server) instead of
    the low-level server it is given."""
    @asynccontextmanager
    async def wrap(_: Any) -> AsyncIterator[Any]:
        async with lifespan(app) as context:
            yield context
    return wrap


class FastMCP(HighLevelServer):
    """A decorator-API server, as ``mcp.server.fastmcp.FastMCP`` (1.x).

    Args:
        name: server name (default ``"FastMCP"``).
        instructions: instructions for the client's model.
        website_url: ``serverInfo.websiteUrl``.
        icons: ``serverInfo.icons``.
        tools: functions to register as tools.
        lifespan: ``lifespan(server)`` → async context manager; its value is
            ``ctx.request_context.lifespan_context``.
        mask_error_details: hide the text of unexpected tool exceptions (the 2.x behaviour).
        **settings: the 1.x settings (``host``, ``port``, ``log_level``, …), kept in
            ``mcp.settings``.
    """

    _generation = 1

    def __init__(self, name: str | None = None, instructions: str | None = None,
                 website_url: str | None = None, icons: list[Any] | None = None,
                 auth_server_provider: Any = None, token_verifier: Any = None,
                 event_store: Any = None, retry_interval: int | None = None, *,
                 tools: Sequence[Callable[..., Any]] | None = None,
                 lifespan: Callable[[Any], AbstractAsyncContextManager[Any]] | None = None,
                 mask_error_details: bool | None = None, version: str | None = None,
                 **settings: Any) -> None:
        defaults = {"debug": False, "log_level": "INFO", "host": "127.0.0.1", "port": 8000,
                    "mount_path": "/", "sse_path": "/sse", "message_path": "/messages/",
                    "streamable_http_path": "/mcp", "json_response": False,
                    "stateless_http": False, "dependencies": ()}
        defaults.update(settings)
        self._setup(name, instructions=instructions, website_url=website_url, icons=icons,
                    lifespan=lifespan, tools=tools, mask_error_details=mask_error_details,
                    version=version, settings=defaults)
        #: Streamable HTTP resumability (1.x takes it here; 2.x at run() and in the apps).
        self._event_store = event_store
        self._retry_interval = retry_interval
        self._set_auth(auth_server_provider, token_verifier)
