"""A fastmcp 4 server protected by fastmcp's own auth providers, unmodified:
``StaticTokenVerifier`` (``AUTH_MODE=static``), a ``JWTVerifier`` with an RSA key
(``AUTH_MODE=jwt``, the public key in ``JWT_PUBLIC_KEY``), or a ``RemoteAuthProvider`` naming
its authorization server (``AUTH_MODE=remote``: RFC 9728 metadata served). Serves Streamable
HTTP on ``127.0.0.1:$PORT``. Runs on the real fastmcp and under ``python -m ferromcp run``;
``tests/python/test_fastmcp_auth.py`` compares them.
"""

import os

from fastmcp import FastMCP
from fastmcp.server.auth import RemoteAuthProvider
from fastmcp.server.auth.providers.jwt import JWTVerifier, StaticTokenVerifier
from fastmcp.server.dependencies import get_access_token

MODE = os.environ.get("AUTH_MODE", "static")
PORT = int(os.environ["PORT"])

if MODE == "jwt":
    auth = JWTVerifier(public_key=os.environ["JWT_PUBLIC_KEY"], issuer="https://issuer.test",
                       audience="ferromcp-tests", required_scopes=["read"])
else:
    auth = StaticTokenVerifier(tokens={
        "good": {"client_id": "alice", "scopes": ["read", "write"]},
        "reader": {"client_id": "bob", "scopes": ["read"]},
    }, required_scopes=["read"])
    if MODE == "remote":
        auth = RemoteAuthProvider(token_verifier=auth,
                                  authorization_servers=["https://auth.example.com"],
                                  base_url=f"http://127.0.0.1:{PORT}", resource_name="Demo")

mcp = FastMCP("authdemo", auth=auth)


@mcp.tool
def whoami() -> str:
    """Who the bearer token says the caller is."""
    token = get_access_token()
    return f"{type(token).__name__} {token.client_id} {sorted(token.scopes)} {token.claims}"


if __name__ == "__main__":
    mcp.run(transport="http", host="127.0.0.1", port=PORT)
