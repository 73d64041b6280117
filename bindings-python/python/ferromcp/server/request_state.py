"""Sealed ``requestState`` of input-required results (``mcp.server.request_state``).

A tool that asks the client for input (``InputRequiredResult``) may hand it state to echo on the
retry. ``MCPServer`` always seals it: ferromcp's core signs what the handler returned
(HMAC-SHA256) bound to the method, the tool/prompt/resource, the arguments, the caller its
access token names (unless ``bind_principal=None``; the core binds the token's subject, or its
client id, whatever function is given), an expiry and an audience, and checks the seal before
the handler sees the retry; a forged, replayed or expired state is answered ``-32602 Invalid or
expired requestState``. Without ``keys`` the key is made
per process; give every replica the same ``keys`` (``keys[0]`` seals, each unseals, for
rotation). The state is signed, not encrypted: keep secrets out of it.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["InvalidRequestState", "RequestStateSecurity", "authenticated_principal"]


class InvalidRequestState(Exception):
    """A sealed ``requestState`` failed verification (the reason is logged, never sent)."""


def authenticated_principal(ctx: Any = None) -> str | None:
    """The authenticated caller (client id and subject of the access token), or None on a
    transport without authorization."""
    from ferromcp.server._auth import get_access_token

    token = get_access_token()
    if token is None:
        return None
    return f"{token.client_id}:{getattr(token, 'subject', None) or ''}"


class RequestStateSecurity:
    """How ``requestState`` is sealed: ``keys`` (each at least 32 bytes; ``keys[0]`` seals),
    ``ttl`` in seconds, and the ``audience`` (default: the server's name)."""

    def __init__(self, *, keys: Sequence[bytes | bytearray | str] | None = None,
                 codec: Any = None, ttl: float = 600.0,
                 bind_principal: Callable[[Any], str | None] | None = authenticated_principal,
                 audience: str | None = None) -> None:
        if codec is not None:
            raise ValueError("ferromcp seals requestState in its core (HMAC-SHA256); pass "
                             "keys=, not codec=")
        if not (math.isfinite(ttl) and ttl > 0):
            raise ValueError(f"request-state ttl must be a positive finite number, got {ttl!r}")
        raw = [k.encode() if isinstance(k, str) else bytes(k) for k in (keys or ())]
        if keys is not None and not raw:
            raise ValueError("keys= needs at least one key")
        short = [i for i, k in enumerate(raw) if len(k) < 32]
        if short:
            raise ValueError(f"request-state keys must be at least 32 bytes (key {short[0]})")
        self.keys = raw
        self.ttl = ttl
        self.bind_principal = bind_principal
        self.audience = audience

    @classmethod
    def ephemeral(cls, ttl: float = 600.0) -> RequestStateSecurity:
        """A policy whose key is made per process (what ``MCPServer`` uses by default)."""
        return cls(ttl=ttl)

    def core_options(self) -> dict[str, Any]:
        """The policy as the core takes it."""
        out: dict[str, Any] = {"keys": [base64.b64encode(k).decode() for k in self.keys],
                               "ttl": self.ttl,
                               "bindPrincipal": self.bind_principal is not None}
        if self.audience is not None:
            out["audience"] = self.audience
        return out
