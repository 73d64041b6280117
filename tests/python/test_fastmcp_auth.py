"""fastmcp's auth providers protecting a server's HTTP endpoint, differential:
``tests/servers/fastmcp_auth.py`` (``FastMCP(auth=StaticTokenVerifier(...))``, a
``JWTVerifier`` checking RS256 tokens made here, a ``RemoteAuthProvider``) runs unmodified on
the real fastmcp 4.1.7 and under ``python -m ferromcp run`` with fastmcp installed beside
ferromcp (``.venv-fastmcp``; the providers are fastmcp's own classes there), over real HTTP on
127.0.0.1. Every refusal (status, ``WWW-Authenticate``, body) — no credentials, another scheme,
an unknown, expired, foreign-audience or under-scoped token — the RFC 9728 metadata, and
what a handler reads from ``get_access_token()`` through the official client must be the same.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import anyio
import pytest
from httpproc import free_port, listening

from peer import CLIENT, ROOT, connect_http, fastmcp_python

pytestmark = [pytest.mark.anyio,
              pytest.mark.skipif(CLIENT == "mcp2", reason="one client generation suffices")]
APP = ROOT / "tests" / "servers" / "fastmcp_auth.py"
#: Every wait on a server is bounded by this many seconds.
BOUND = 60

#: A script run in .venv-fastmcp (it has the `cryptography` fastmcp needs): an RSA key pair and
#: RS256 tokens signed with it, printed as JSON.
TOKENS = r"""
import json, time
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from authlib.jose import JsonWebToken

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                       serialization.PublicFormat.SubjectPublicKeyInfo).decode()
jwt = JsonWebToken(["RS256"])
now = int(time.time())

def token(**over):
    claims = {"iss": "https://issuer.test", "aud": "ferromcp-tests", "sub": "carol",
              "client_id": "carol-app", "scope": "read write", "iat": now, "exp": now + 600}
    claims.update(over)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": "RS256"}, claims, private).decode()

print(json.dumps({"public": public, "good": token(), "expired": token(exp=now - 60),
                  "audience": token(aud="someone-else"), "unscoped": token(scope="write"),
                  "issuer": token(iss="https://elsewhere.test")}))
"""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _jwt_material(python: str) -> dict[str, str]:
    out = subprocess.run([python, "-c", TOKENS], capture_output=True, text=True, timeout=60,
                         check=True)
    return json.loads(out.stdout)


def _answer(port: int, method: str, path: str, headers: dict[str, str],
            body: bytes | None = None) -> dict[str, Any]:
    import httpx

    r = httpx.request(method, f"http://127.0.0.1:{port}{path}", headers=headers, content=body,
                      timeout=30)
    # The two servers listen on different ports.
    at = f":{port}"
    challenge = r.headers.get("www-authenticate")
    out: dict[str, Any] = {"status": r.status_code,
                           "www-authenticate": challenge and challenge.replace(at, ":<port>")}
    if r.status_code != 200 or "json" in r.headers.get("content-type", ""):
        out["body"] = r.text.replace(at, ":<port>")
    return out


INIT = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {},
    "clientInfo": {"name": "t", "version": "1"}}}).encode()
HEADERS = {"content-type": "application/json", "accept": "application/json, text/event-stream"}


async def _collect(command: list[str], mode: str, tokens: dict[str, str],
                   env: dict[str, str]) -> dict[str, Any]:
    port = free_port()
    out: dict[str, Any] = {}
    with listening(command, port, env={**env, "PORT": str(port), "AUTH_MODE": mode},
                   timeout=BOUND):
        for label, value in (("none", None), ("basic", "Basic YWxhZGRpbjpvcGVu"),
                             ("unknown", "Bearer nope"),
                             *((name, f"Bearer {t}") for name, t in tokens.items())):
            headers = dict(HEADERS)
            if value is not None:
                headers["authorization"] = value
            out[f"POST {label}"] = _answer(port, "POST", "/mcp", headers, INIT)
        if mode == "remote":
            for path in ("/.well-known/oauth-protected-resource/mcp",
                         "/.well-known/oauth-protected-resource"):
                out[f"GET {path}"] = _answer(port, "GET", path, {})
        good = tokens.get("good")
        if good is not None:
            with anyio.fail_after(BOUND):
                async with connect_http(f"http://127.0.0.1:{port}/mcp",
                                        headers={"authorization": f"Bearer {good}"}) as peer:
                    out["whoami"] = (await peer.call_tool("whoami", {}))["content"]
    return out


@pytest.mark.parametrize("mode", ["static", "remote", "jwt"])
async def test_fastmcp_auth_providers_answer_as_fastmcp(mode: str, tmp_path: Path) -> None:
    python = fastmcp_python(with_ferromcp=True)
    env = {}
    if mode == "jwt":
        material = _jwt_material(python)
        env["JWT_PUBLIC_KEY"] = material.pop("public")
        tokens = material
    else:
        tokens = {"good": "good", "reader": "reader"}
    official = await _collect([python, str(APP)], mode, tokens, env)
    ferro = await _collect([python, "-m", "ferromcp", "run", str(APP)], mode, tokens, env)
    # What fastmcp answers, spelled out, then everything compared.
    assert official["POST none"]["status"] == 401
    assert official["POST good"]["status"] == 200
    assert official["whoami"][0]["text"].startswith(("AccessToken alice", "AccessToken carol"))
    if mode == "remote":
        assert official["GET /.well-known/oauth-protected-resource/mcp"]["status"] == 200
        assert "resource_metadata=" in official["POST none"]["www-authenticate"]
    for key in official:
        assert ferro[key] == official[key], key


def test_an_authorization_server_provider_is_refused_at_start(tmp_path: Path) -> None:
    # ferromcp is the resource server only: a provider hosting OAuth endpoints stops the
    # server at start, saying why, rather than serving it unprotected.
    python = fastmcp_python(with_ferromcp=True)
    app = tmp_path / "proxy_server.py"
    app.write_text(
        "from fastmcp import FastMCP\n"
        "from fastmcp.server.auth.providers.in_memory import InMemoryOAuthProvider\n"
        "mcp = FastMCP('as', auth=InMemoryOAuthProvider(base_url='http://127.0.0.1:1'))\n"
        "mcp.run(transport='http', host='127.0.0.1', port=1)\n")
    started = time.monotonic()
    done = subprocess.run([python, "-m", "ferromcp", "run", str(app)], capture_output=True,
                          text=True, timeout=BOUND)
    assert done.returncode != 0
    assert "does not host an OAuth authorization server" in done.stderr
    assert time.monotonic() - started < BOUND

