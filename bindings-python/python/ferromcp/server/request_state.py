"""Sealed ``requestState`` of input-required results (``mcp.server.request_state``).

A tool that asks the client for input (``InputRequiredResult``) may hand it state to echo on the
retry. ``MCPServer`` always seals it: ferromcp's core puts what the handler returned in claims
bound to the method, the tool/prompt/resource, the arguments, the caller (``bind_principal``:
by default the subject, else the client id, of the request's access token; a function of the
author's is asked with the request's ``ServerRequestContext``; ``None``: unbound), an expiry and
an audience, seals them with the policy's codec and checks every claim before the handler sees
the retry; a forged, replayed or expired state is answered ``-32602 Invalid or expired
requestState``. A low-level 2.x ``Server`` seals only with a :class:`RequestStateBoundary` in
its ``middleware``, as on the official SDK.

The codec is ``AESGCMRequestStateCodec(keys)`` (AES-256-GCM under keys stretched with
HKDF-SHA256, run in the core: the client can neither read nor alter the state) unless the policy
names its own (``codec=``, any object with ``seal(bytes) -> str`` and ``unseal(str) -> bytes``
raising ``InvalidRequestState``). Without ``keys`` the key is made per process; give every
replica the same ``keys`` (``keys[0]`` seals, each unseals, for rotation).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ferromcp import _core

__all__ = ["AESGCMRequestStateCodec", "InvalidRequestState", "RequestStateBoundary",
           "RequestStateCodec", "RequestStateSecurity", "authenticated_principal"]


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


class RequestStateCodec(Protocol):
    """Authenticated encryption of a sealed state's claims: ``unseal(seal(p)) == p``, and
    ``unseal`` raises :class:`InvalidRequestState` for any token it did not mint unmodified.
    Both are synchronous (called while the request is served): cache key material."""

    def seal(self, payload: bytes) -> str: ...

    def unseal(self, token: str) -> bytes: ...


class AESGCMRequestStateCodec:
    """The built-in codec: AES-256-GCM under keys stretched with HKDF-SHA256, run in ferromcp's
    core. ``keys[0]`` seals, every key unseals (rotation)."""

    def __init__(self, keys: Sequence[bytes | bytearray | str]) -> None:
        for i, key in enumerate(keys):
            if not isinstance(key, bytes | bytearray | str):
                raise TypeError("request-state keys must be bytes, bytearray, or str; "
                                f"keys[{i}] is {type(key).__name__}")
        material = [k.encode() if isinstance(k, str) else bytes(k) for k in keys]
        if not material:
            raise ValueError("AESGCMRequestStateCodec requires at least one key")
        for i, k in enumerate(material):
            if len(k) < 32:
                raise ValueError("request-state keys must be at least 32 bytes of secret "
                                 f"randomness; keys[{i}] is {len(k)} bytes")
        self._core_codec = _core.AesGcmCodec(material)

    def seal(self, payload: bytes) -> str:
        return self._core_codec.seal(bytes(payload))

    def unseal(self, token: str) -> bytes:
        return self._core_codec.unseal(token)


class RequestStateSecurity:
    """How ``requestState`` is sealed: exactly one of ``keys`` (each at least 32 bytes;
    ``keys[0]`` seals) or ``codec``, the ``ttl`` in seconds, and the ``audience`` (default: the
    server's name)."""

    def __init__(self, *, keys: Sequence[bytes | bytearray | str] | None = None,
                 codec: RequestStateCodec | None = None, ttl: float = 600.0,
                 bind_principal: Callable[[Any], str | None] | None = authenticated_principal,
                 audience: str | None = None) -> None:
        if (keys is None) == (codec is None):
            raise ValueError("RequestStateSecurity takes exactly one of keys= or codec=")
        if not (math.isfinite(ttl) and ttl > 0):
            raise ValueError(f"request-state ttl must be a positive finite number, got {ttl!r}")
        self.codec: RequestStateCodec = (AESGCMRequestStateCodec(keys) if keys is not None
                                         else codec)  # type: ignore[assignment]
        self.ttl = ttl
        self.bind_principal = bind_principal
        self.audience = audience

    @classmethod
    def ephemeral(cls, *, ttl: float = 600.0, audience: str | None = None
                  ) -> RequestStateSecurity:
        """A policy under a key made now and held by this process only (what ``MCPServer``
        uses by default): states survive neither a restart nor a trip to another process."""
        return cls(keys=[os.urandom(32)], ttl=ttl, audience=audience)

    def core_options(self, default_audience: Any = ...) -> dict[str, Any]:
        """The core's options for this policy: ``requestState`` (the audience: the policy's,
        else ``default_audience``, else the server's name), the codec and an author's
        ``bind_principal``, as objects beside it."""
        state: dict[str, Any] = {"keys": [], "ttl": self.ttl,
                                 "bindPrincipal": self.bind_principal is not None}
        if self.audience is not None:
            state["audience"] = self.audience
        elif default_audience is not ...:
            state["audience"] = default_audience
        custom = self.bind_principal not in (None, authenticated_principal)
        return {"requestState": state, "requestStateCodec": self.codec,
                "requestStatePrincipal": self.bind_principal if custom else None}


def _principal_of(bind: Callable[[Any], str | None], request_id: Any, method: str,
                  params: dict[str, Any], protocol_version: str | None,
                  scope: dict[str, Any] | None, token: dict[str, Any] | None) -> str | None:
    """Asks an author's ``bind_principal`` who made a request (called by the core), with the
    request's access token where ``get_access_token()`` reads it.

    Raises:
        TypeError: the function answered neither a string nor None.
    """
    from ferromcp.server._auth import authenticated_user, context_var
    from ferromcp.server._http import request_of
    from ferromcp.server.context import ServerRequestContext

    meta = params.get("_meta")
    ctx = ServerRequestContext(session=None, lifespan_context=None,
                               protocol_version=protocol_version or "", method=method,
                               params=params, request_id=request_id,
                               meta=meta if isinstance(meta, dict) else None,
                               request=request_of(scope))
    var = context_var()
    reset = var.set(authenticated_user(token) if token is not None else None)
    try:
        principal = bind(ctx)
    finally:
        var.reset(reset)
    if principal is not None and not isinstance(principal, str):
        raise TypeError(f"bind_principal returned {type(principal).__name__}, "
                        "expected str or None")
    return principal


class RequestStateBoundary:
    """Seals ``requestState`` for a low-level 2.x ``Server``: appended to
    ``server.middleware``, it makes the core seal what the server's input-required results
    carry and check it on the retry, under ``security`` (audience: the policy's, else
    ``default_audience``; ``None`` leaves states audience-free). ``MCPServer`` has its own
    (``request_state_security=``).

    The core does the work where it dispatches, before any middleware or handler sees the
    request, so the boundary is not run as middleware.
    """

    def __init__(self, security: RequestStateSecurity, *, default_audience: str | None) -> None:
        self._security = security
        self._audience = security.audience if security.audience is not None else default_audience

    def core_options(self) -> dict[str, Any]:
        """The core's options for the server whose middleware holds this boundary."""
        return self._security.core_options(self._audience)

    async def __call__(self, ctx: Any, call_next: Any) -> Any:
        raise RuntimeError(
            "RequestStateBoundary seals in ferromcp's core: put it in a Server's `middleware` "
            "list, not inside middleware of your own")
