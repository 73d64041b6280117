"""Protocol revisions by era, as ``mcp.types.version`` (``mcp_types.version``, mcp 2.x) has them.

ferromcp negotiates the handshake era (``initialize``); the 2026-07-28 era is known here by name.
So :data:`LATEST_PROTOCOL_VERSION` is the newest handshake revision, as in ``ferromcp.types``
(mcp 2.x makes it the newest of any era: :data:`LATEST_MODERN_VERSION`).
"""

from __future__ import annotations

__all__ = ["KNOWN_PROTOCOL_VERSIONS", "HANDSHAKE_PROTOCOL_VERSIONS", "MODERN_PROTOCOL_VERSIONS",
           "SUPPORTED_PROTOCOL_VERSIONS", "LATEST_PROTOCOL_VERSION", "LATEST_HANDSHAKE_VERSION",
           "LATEST_MODERN_VERSION", "OLDEST_SUPPORTED_VERSION", "is_version_at_least"]

#: Every released revision, oldest to newest.
KNOWN_PROTOCOL_VERSIONS: tuple[str, ...] = (
    "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28")
#: The revisions reached through the ``initialize`` handshake.
HANDSHAKE_PROTOCOL_VERSIONS: tuple[str, ...] = KNOWN_PROTOCOL_VERSIONS[:4]
#: The revisions with the per-request envelope (no ``initialize``).
MODERN_PROTOCOL_VERSIONS: tuple[str, ...] = KNOWN_PROTOCOL_VERSIONS[4:]
#: Both eras (deprecated in mcp 2.x; kept for 1.x code).
SUPPORTED_PROTOCOL_VERSIONS: tuple[str, ...] = KNOWN_PROTOCOL_VERSIONS
LATEST_HANDSHAKE_VERSION = HANDSHAKE_PROTOCOL_VERSIONS[-1]
LATEST_MODERN_VERSION = MODERN_PROTOCOL_VERSIONS[-1]
LATEST_PROTOCOL_VERSION = LATEST_HANDSHAKE_VERSION
OLDEST_SUPPORTED_VERSION = HANDSHAKE_PROTOCOL_VERSIONS[0]


def is_version_at_least(version: str, minimum: str) -> bool:
    """Whether ``version`` is a known revision at least as new as ``minimum``; an unknown
    ``version`` is not.

    Raises:
        ValueError: ``minimum`` is not a known revision.
    """
    if minimum not in KNOWN_PROTOCOL_VERSIONS:
        raise ValueError(f"minimum must be a known protocol version, got {minimum!r}")
    if version not in KNOWN_PROTOCOL_VERSIONS:
        return False
    return KNOWN_PROTOCOL_VERSIONS.index(version) >= KNOWN_PROTOCOL_VERSIONS.index(minimum)
