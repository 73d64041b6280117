"""OAuth-protected HTTP: the resource-server side of MCP 2025-11-25 authorization.

The author writes what the official SDK takes: ``AuthSettings`` (``mcp.server.auth.settings``)
and a token verifier (an object with ``async verify_token(token) -> AccessToken | None``,
``mcp.server.auth.provider.TokenVerifier``). Here they become the core's auth options; the core
checks the bearer token of every request to an MCP endpoint, answers 401/403 as the official
``RequireAuthMiddleware`` does, and serves the RFC 9728 protected-resource metadata. A handler
of an authorized request runs with the official ``auth_context_var`` set, so the official
``get_access_token()`` answers in it (``ferromcp.server.auth.middleware.auth_context`` is the same
module).

Hosting an authorization server (``auth_server_provider=``) is not supported: ferromcp is the
resource server only.
"""

from __future__ import annotations

import contextvars
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

__all__ = ["check_arguments", "core_options", "context_var", "authenticated_user",
           "get_access_token"]

_AUTH = "mcp.server.auth"


def _official(name: str) -> ModuleType:
    from ferromcp import _official

    return _official.module(name)


def check_arguments(auth: Any, token_verifier: Any, auth_server_provider: Any) -> None:
    """The official constructors' checks of their OAuth arguments.

    Raises:
        ValueError: both a provider and a verifier; ``auth`` without either; either without
            ``auth``.
    """
    if auth is not None:
        if auth_server_provider and token_verifier:
            raise ValueError("Cannot specify both auth_server_provider and token_verifier")
        if not auth_server_provider and not token_verifier:
            raise ValueError(
                "Must specify either auth_server_provider or token_verifier when auth is enabled")
    elif auth_server_provider or token_verifier:
        raise ValueError(
            "Cannot specify auth_server_provider or token_verifier without auth settings")


def _settings(auth: Any) -> Any:
    """``auth`` as ``AuthSettings`` (a dict is validated into one, as the official settings do)."""
    if isinstance(auth, dict):
        return _official(_AUTH + ".settings").AuthSettings.model_validate(auth)
    return auth


def core_options(auth: Any, token_verifier: Any, auth_server_provider: Any = None
                 ) -> dict[str, Any] | None:
    """The core's auth options for ``auth`` (``AuthSettings``) and ``token_verifier``; None
    when the server is not protected (no verifier).

    The options mirror the official wiring: ``required_scopes`` are required and advertised as
    ``scopes_supported``; ``resource_server_url`` names the metadata (served at its path-aware
    well-known URL) and, with ``validate_token_resource``, is the only audience accepted;
    ``issuer_url`` is the one authorization server.

    Raises:
        NotImplementedError: ``auth_server_provider`` was given.
    """
    if auth_server_provider is not None:
        raise NotImplementedError(
            "ferromcp does not host an OAuth authorization server (auth_server_provider= was "
            "given): run the authorization server separately and protect this server as a "
            "resource server, with auth=AuthSettings(issuer_url=..., resource_server_url=...) "
            "and token_verifier=")
    if token_verifier is None:
        return None
    settings = _settings(auth)
    required = getattr(settings, "required_scopes", None)
    resource = getattr(settings, "resource_server_url", None)
    options: dict[str, Any] = {
        "verifier": token_verifier,
        "requiredScopes": list(required or ()),
        "validateResource": bool(getattr(settings, "validate_token_resource", None))
        and resource is not None,
    }
    if resource is not None:
        issuer = getattr(settings, "issuer_url", None)
        options.update({
            "resourceServerUrl": str(resource),
            "authorizationServers": [str(issuer)] if issuer is not None else [],
            "scopesSupported": list(required) if required is not None else None,
        })
    return options


# --- the token, as handlers see it -------------------------------------------------------------

#: ferromcp's own context variable, used only when the official package is not installed.
_fallback_var: contextvars.ContextVar[Any] = contextvars.ContextVar("auth_context", default=None)
_classes: tuple[Any, Any] | None = None


def context_var() -> contextvars.ContextVar[Any]:
    """The context variable holding the authenticated user of the request being served: the
    official ``auth_context_var`` (read by ``get_access_token()``) when the official package
    is installed."""
    try:
        return _official(_AUTH + ".middleware.auth_context").auth_context_var
    except ImportError:
        return _fallback_var


class _Token:
    """The access token without the official package: its members as attributes."""

    def __init__(self, members: dict[str, Any]) -> None:
        self.__dict__.update(members)

    def __repr__(self) -> str:
        return f"AccessToken({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


class _User:
    """The authenticated user without the official package (``AuthenticatedUser``'s shape)."""

    def __init__(self, token: Any) -> None:
        self.access_token = token
        self.scopes = token.scopes
        self.username = token.client_id


def authenticated_user(token: dict[str, Any]) -> Any:
    """The official ``AuthenticatedUser`` holding the official ``AccessToken`` built from the
    token's JSON (what the core recorded when it verified the request)."""
    global _classes
    if _classes is None:
        try:
            _classes = (_official(_AUTH + ".provider").AccessToken,
                        _official(_AUTH + ".middleware.bearer_auth").AuthenticatedUser)
        except ImportError:
            _classes = (_Token, _User)
    access_token, user = _classes
    if access_token is _Token:
        return user(_Token(token))
    return user(access_token.model_validate(token))


def get_access_token() -> Any:
    """The access token of the request being served, or None (``get_access_token()`` of
    ``mcp.server.auth.middleware.auth_context``)."""
    user = context_var().get()
    return user.access_token if user is not None else None


# --- ferromcp.server.auth.* is the official mcp.server.auth.* -----------------------------------

class _Proxy(ModuleType):
    """``ferromcp.server.auth.x``: the official module ``mcp.server.auth.x``'s names, found on
    it at first use (the same objects: the same context variable, classes and functions)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        official = _official("mcp" + self.__name__[len("ferromcp"):])
        return getattr(official, name)

    def __dir__(self) -> list[str]:
        return dir(_official("mcp" + self.__name__[len("ferromcp"):]))


class _AuthModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``ferromcp.server.auth[.x.y]`` as a proxy of the official module, so a server
    whose imports were changed from ``mcp`` to ``ferromcp`` keeps its OAuth imports. Under
    ``python -m ferromcp run`` it finds nothing: ``mcp.server.auth`` is the official package's
    there (``ferromcp._official``)."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None
                  ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "ferromcp.server.auth" and not fullname.startswith("ferromcp.server.auth."):
            return None
        from ferromcp import _official

        if _official.aliased:
            return None
        official = _official.locate("mcp" + fullname[len("ferromcp"):])
        if official is None:
            return None
        return importlib.machinery.ModuleSpec(
            fullname, self, is_package=official.submodule_search_locations is not None)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = _Proxy(spec.name)
        if spec.submodule_search_locations is not None:
            module.__path__ = []
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the names are the official module's."""


def install_modules() -> None:
    """Makes ``ferromcp.server.auth[.x.y]`` importable (once per process)."""
    if not any(isinstance(f, _AuthModules) for f in sys.meta_path):
        sys.meta_path.append(_AuthModules())
