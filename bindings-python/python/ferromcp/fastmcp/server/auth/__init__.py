"""``fastmcp.server.auth``: the authorization checks (``require_scopes``, ``restrict_tag``,
``require_roles``, ``run_auth_checks``, ``AuthContext``) of
:mod:`ferromcp.fastmcp.utilities.authorization`."""

from ferromcp.fastmcp.utilities.authorization import (
    AuthCheck,
    AuthContext,
    require_roles,
    require_scopes,
    restrict_tag,
    run_auth_checks,
)

__all__ = ["AuthCheck", "AuthContext", "require_roles", "require_scopes", "restrict_tag",
           "run_auth_checks"]
