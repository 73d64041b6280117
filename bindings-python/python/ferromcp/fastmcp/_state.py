"""fastmcp's session state (``ctx.set_state`` / ``get_state`` / ``delete_state``) and
``ctx.session_id``: values kept per session in the server's process, for a day, as fastmcp's
default in-memory store keeps them."""

from __future__ import annotations

import time
import uuid
from typing import Any

#: How long a value is kept after it was set (fastmcp's default).
TTL_SECONDS = 86_400
#: The most values kept; the oldest go first beyond it.
MAX_VALUES = 100_000
#: The id of a connection without an HTTP session (stdio serves one client per process).
_PROCESS_SESSION = str(uuid.uuid4())


def session_id(ctx: Any) -> str:
    """The session the request belongs to: the ``Mcp-Session-Id`` over Streamable HTTP, the
    legacy transport's ``session_id``, one id per process over stdio, else (a request of its
    own: stateless HTTP, 2026-07-28) an id made for the request."""
    cached = ctx.__dict__.get("_fastmcp_session_id")
    if cached is not None:
        return cached
    try:
        request = ctx.request_context.request
    except ValueError as e:
        raise RuntimeError("session_id is not available because no session exists. "
                           "This typically means you're outside a request context.") from e
    if request is None:
        sid = _PROCESS_SESSION
    else:
        sid = (request.headers.get("mcp-session-id") or request.query_params.get("session_id")
               or str(uuid.uuid4()))
    ctx.__dict__["_fastmcp_session_id"] = sid
    return sid


class StateStore:
    """Values by ``<session id>:<key>``, each kept :data:`TTL_SECONDS`."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[float, Any]] = {}

    def put(self, key: str, value: Any) -> None:
        self._values.pop(key, None)
        self._values[key] = (time.monotonic() + TTL_SECONDS, value)
        while len(self._values) > MAX_VALUES:
            del self._values[next(iter(self._values))]

    def get(self, key: str) -> Any:
        entry = self._values.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del self._values[key]
            return None
        return entry[1]

    def delete(self, key: str) -> None:
        self._values.pop(key, None)


def store_of(server: Any) -> StateStore:
    """The server's state store (made on first use)."""
    store = server.__dict__.get("_fastmcp_state_store")
    if store is None:
        store = server.__dict__["_fastmcp_state_store"] = StateStore()
    return store


def stored_form(key: str, value: Any) -> Any:
    """``value`` as the store keeps it: its JSON form (objects' keys sorted), as fastmcp's
    serializing store does.

    Raises:
        TypeError: the value cannot be serialized (fastmcp's message).
    """
    import json

    from ferromcp._jsonable import to_jsonable

    try:
        # Through JSON text with sorted keys, as fastmcp's store writes it.
        return json.loads(json.dumps(to_jsonable(value), sort_keys=True))
    except (TypeError, ValueError) as e:
        raise TypeError(
            f"Value for state key {key!r} is not serializable. "
            f"Use set_state({key!r}, value, serializable=False) to store "
            f"non-serializable values. Note: non-serializable state is "
            f"request-scoped and will not persist across requests.") from e
