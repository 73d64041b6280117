"""An OAuth-protected server for ``test_http_auth.py``: the resource-server side of MCP
authorization, with a token verifier that checks HS256-signed JWTs.

``auth_app.py --port N [--sdk ferromcp|mcp] [--flavor fastmcp1|mcpserver2|lowlevel2]
[--transport streamable-http|sse] [--mode run|asgi] [--stateless] [--json]``

* ``--sdk mcp`` runs the same server on the official SDK (the imports are the only difference);
  ``fastmcp1`` needs ``mcp`` 1.x there, ``mcpserver2`` and ``lowlevel2`` need 2.x.
* ``--mode run``: the server's own ``run()``; ``asgi``: its ``streamable_http_app()`` /
  ``sse_app()`` served by uvicorn.

The verifier accepts a token signed with :data:`SECRET` whose header names HS256, and reports its
``aud`` as the token's resource, ``exp`` as its expiry, ``scope`` as its scopes, ``sub`` and
``iss``: expiry, audience and scopes are the server's checks (``validate_token_resource``); the
token ``explode`` makes it raise. The ``whoami`` tools answer with what ``get_access_token()``
sees.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from http_modes import arguments, one_tool_server, serve

args = arguments()

if args.sdk == "mcp":
    from mcp.server.auth.middleware.auth_context import get_access_token
    from mcp.server.auth.provider import AccessToken
    from mcp.server.auth.settings import AuthSettings
else:
    from ferromcp.server.auth.middleware.auth_context import get_access_token
    from ferromcp.server.auth.provider import AccessToken
    from ferromcp.server.auth.settings import AuthSettings

SECRET = b"ferromcp-auth-test-secret"
ISSUER = "http://127.0.0.1:9000"
RESOURCE = f"http://127.0.0.1:{args.port}/mcp"


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class JwtVerifier:
    """A ``TokenVerifier``: HS256 JWTs signed with :data:`SECRET`."""

    async def verify_token(self, token: str) -> AccessToken | None:
        if token == "explode":
            raise RuntimeError("the verifier failed")
        parts = token.split(".")
        if len(parts) != 3:
            return None
        signed = f"{parts[0]}.{parts[1]}".encode()
        expected = hmac.new(SECRET, signed, hashlib.sha256).digest()
        try:
            if not hmac.compare_digest(_unb64(parts[2]), expected):
                return None
            header, claims = json.loads(_unb64(parts[0])), json.loads(_unb64(parts[1]))
        except ValueError:
            return None
        if header.get("alg") != "HS256":
            return None
        return AccessToken(token=token, client_id=claims["client_id"],
                           scopes=claims.get("scope", "").split(), expires_at=claims.get("exp"),
                           resource=claims.get("aud"), subject=claims.get("sub"),
                           claims={"iss": claims.get("iss")})


AUTH = AuthSettings(issuer_url=ISSUER, resource_server_url=RESOURCE,
                    required_scopes=["mcp:read"], validate_token_resource=True)


def whoami_text() -> str:
    token = get_access_token()
    if token is None:
        return "null"
    return json.dumps({"client_id": token.client_id, "scopes": token.scopes,
                       "subject": token.subject, "iss": (token.claims or {}).get("iss")})


def decorator_server() -> Any:
    if args.flavor == "fastmcp1":
        if args.sdk == "mcp":
            from mcp.server.fastmcp import FastMCP
        else:
            from ferromcp.server.fastmcp import FastMCP
        mcp = FastMCP("auth-app", token_verifier=JwtVerifier(), auth=AUTH, port=args.port,
                      stateless_http=args.stateless, json_response=args.json)
    else:
        if args.sdk == "mcp":
            from mcp.server.mcpserver import MCPServer
        else:
            from ferromcp.server.mcpserver import MCPServer
        mcp = MCPServer("auth-app", token_verifier=JwtVerifier(), auth=AUTH)

    @mcp.tool()
    async def whoami() -> str:
        """What get_access_token() sees."""
        return whoami_text()

    @mcp.tool()
    def whoami_sync() -> str:
        """The same from a plain function (run on a worker thread)."""
        return whoami_text()

    return mcp


def lowlevel_app() -> Any:
    """The 2.x low-level ``Server`` with ``streamable_http_app(auth=, token_verifier=)``."""
    server = one_tool_server(args, "auth-app", "whoami", lambda _ctx: whoami_text())
    return server.streamable_http_app(auth=AUTH, token_verifier=JwtVerifier(),
                                      stateless_http=args.stateless, json_response=args.json)


if __name__ == "__main__":
    serve(args, decorator_server, lowlevel_app)
