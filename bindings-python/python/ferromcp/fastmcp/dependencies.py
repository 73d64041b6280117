"""``fastmcp.dependencies`` (fastmcp 3/4): parameter defaults a tool, resource or prompt is
given for each call instead of by the client — ``Depends(fn)``, ``Shared``, ``CallArgument``
(the ``uncalled-for`` engine fastmcp uses), ``CurrentContext()``, ``CurrentFastMCP()``,
``CurrentRequest()``, ``CurrentHeaders()``, ``CurrentAccessToken()``, ``TokenClaim(name)``,
``Progress()``."""

from ferromcp.fastmcp.server.dependencies import (
    CallArgument,
    CurrentAccessToken,
    CurrentContext,
    CurrentFastMCP,
    CurrentHeaders,
    CurrentRequest,
    CycleError,
    Dependency,
    Depends,
    OptionalCurrentContext,
    Progress,
    ProgressLike,
    Shared,
    TokenClaim,
)

__all__ = ["CallArgument", "CurrentAccessToken", "CurrentContext", "CurrentFastMCP",
           "CurrentHeaders", "CurrentRequest", "CycleError", "Dependency", "Depends",
           "OptionalCurrentContext", "Progress", "ProgressLike", "Shared", "TokenClaim"]

