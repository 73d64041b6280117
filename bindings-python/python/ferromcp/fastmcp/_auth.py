"""``FastMCP(auth=...)``: fastmcp's token verifiers protecting ferromcp's HTTP endpoints.

fastmcp's providers (``JWTVerifier``, ``StaticTokenVerifier``, ``RemoteAuthProvider``,
``MultiAuth`` of verifiers, ``IntrospectionTokenVerifier``, the vendors' verifiers …) are the
fastmcp package's own classes, loaded from it (see :mod:`ferromcp.fastmcp.server.auth`). Here a
provider becomes the core's bearer-token options: the core calls its ``verify_token`` for every
request to an MCP endpoint, requires its ``required_scopes``, serves the RFC 9728 metadata a
``RemoteAuthProvider`` describes, and words refusals as fastmcp does (a bare 401 without
credentials, ``scope`` in every challenge).

A provider that is itself an OAuth authorization server (``OAuthProvider``, ``OAuthProxy``,
``OIDCProxy``, the vendors' proxies, ``MultiAuth(server=...)``) is refused when the server
starts: ferromcp is the resource server only, and never serves unprotected what the author
meant to protect.
"""

from __future__ import annotations

from typing import Any

__all__ = ["core_options"]


def _hosts_authorization_server(provider: Any) -> bool:
    """Whether ``provider`` serves OAuth authorization endpoints (``/authorize``, ``/token``)."""
    if getattr(provider, "server", None) is not None:  # MultiAuth(server=...)
        return True
    return any(callable(getattr(provider, m, None))
               for m in ("authorize", "exchange_authorization_code", "register_client"))


def core_options(provider: Any, mcp_path: str) -> dict[str, Any] | None:
    """The core's auth options for fastmcp's ``auth`` provider, the MCP endpoint at
    ``mcp_path``; None without a provider.

    Raises:
        TypeError: ``auth`` cannot verify tokens.
        NotImplementedError: ``auth`` is an OAuth authorization server.
    """
    if provider is None:
        return None
    if not callable(getattr(provider, "verify_token", None)):
        raise TypeError(f"auth= needs a fastmcp auth provider with verify_token(), got "
                        f"{type(provider).__name__}")
    if _hosts_authorization_server(provider):
        raise NotImplementedError(
            f"ferromcp does not host an OAuth authorization server ({type(provider).__name__} "
            "is one): run the authorization server separately and protect this server with "
            "a token verifier (JWTVerifier, IntrospectionTokenVerifier) or a "
            "RemoteAuthProvider naming that server")
    set_path = getattr(provider, "set_mcp_path", None)
    if callable(set_path):
        set_path(mcp_path)
    required = list(getattr(provider, "required_scopes", None) or ())
    challenge = getattr(provider, "challenge_scopes", None)
    options: dict[str, Any] = {
        "verifier": provider,
        "requiredScopes": required,
        "validateResource": False,
        "wording": "fastmcp",
        "challengeScopes": list(required if challenge is None else challenge),
    }
    # Metadata is served, and named in challenges, only by providers that describe the
    # authorization servers issuing their tokens, as in fastmcp.
    servers = getattr(provider, "authorization_servers", None)
    resource_url = getattr(provider, "_get_resource_url", lambda _p: None)(mcp_path)
    if servers is not None and resource_url is not None:
        options.update({
            "resourceServerUrl": str(resource_url),
            "authorizationServers": [str(s) for s in servers],
            "scopesSupported": list(getattr(provider, "scopes_supported", None) or ()),
            "metadataAtRoot": False,
        })
        for attr, key in (("resource_name", "resourceName"),
                          ("resource_documentation", "resourceDocumentation")):
            value = getattr(provider, attr, None)
            if value is not None:
                options[key] = str(value)
    return options
