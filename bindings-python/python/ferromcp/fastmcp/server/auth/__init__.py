"""``fastmcp.server.auth``: the authorization checks (``require_scopes``, ``restrict_tag``,
``require_roles``, ``run_auth_checks``, ``AuthContext``) of
:mod:`ferromcp.fastmcp.utilities.authorization`, and fastmcp's auth providers.

The providers (``TokenVerifier``, ``JWTVerifier``, ``StaticTokenVerifier``,
``RemoteAuthProvider`` …) and the modules below this one (``fastmcp.server.auth.providers.*``)
are the fastmcp package's own, loaded from it when it is installed: ferromcp serves fastmcp's
server API itself, and a provider given as ``FastMCP(auth=...)`` protects ferromcp's HTTP
endpoints (see :mod:`ferromcp.fastmcp._auth`).
"""

from typing import Any

from ferromcp.fastmcp.utilities.authorization import (
    AuthCheck,
    AuthContext,
    require_roles,
    require_scopes,
    restrict_tag,
    run_auth_checks,
)

#: fastmcp's providers, by the module of the fastmcp package holding each.
_PROVIDERS = {
    "AccessToken": "auth", "AuthProvider": "auth", "MultiAuth": "auth", "OAuthProvider": "auth",
    "RemoteAuthProvider": "auth", "TokenVerifier": "auth",
    "DebugTokenVerifier": "providers.debug", "JWTVerifier": "providers.jwt",
    "StaticTokenVerifier": "providers.jwt", "IdentityAssertion": "identity_assertion",
    "OAuthProxy": "oauth_proxy", "OIDCProxy": "oidc_proxy",
}

__all__ = ["AccessToken", "AuthCheck", "AuthContext", "AuthProvider", "DebugTokenVerifier",
           "IdentityAssertion", "JWTVerifier", "MultiAuth", "OAuthProvider", "OAuthProxy",
           "OIDCProxy", "RemoteAuthProvider", "StaticTokenVerifier", "TokenVerifier",
           "require_roles", "require_scopes", "restrict_tag", "run_auth_checks"]


def __getattr__(name: str) -> Any:
    where = _PROVIDERS.get(name)
    if where is None:
        raise AttributeError(f"module 'fastmcp.server.auth' has no attribute {name!r}")
    from ferromcp import _official

    return getattr(_official.module(f"fastmcp.server.auth.{where}"), name)
