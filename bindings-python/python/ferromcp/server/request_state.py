"""Sealed ``requestState`` of input-required results (``mcp.server.request_state``).

A tool that asks the client for input (``InputRequiredResult``) may hand it state to echo on the
retry. ``MCPServer`` always seals it: ferromcp's core puts what the handler returned in claims
bound to the method, the tool/prompt/resource, the arguments, the caller its access token names
(unless ``bind_principal=None``; the core binds the token's subject, or its client id, whatever
function is given), an expiry and an audience, seals them with the policy's codec and checks
every claim before the handler sees the retry; a forged, replayed or expired state is answered
``-32602 Invalid or expired requestState``.

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

__all__ = ["AESGCMRequestStateCodec", "InvalidRequestState", "RequestStateCodec",
           "RequestStateSecurity", "authenticated_principal"]


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

    def core_options(self) -> dict[str, Any]:
        """The policy as the core takes it (the codec goes beside it, as an object)."""
        out: dict[str, Any] = {"keys": [], "ttl": self.ttl,
                               "bindPrincipal": self.bind_principal is not None}
        if self.audience is not None:
            out["audience"] = self.audience
        return out
