"""The protocol revisions negotiated through ``initialize``, as ``mcp.shared.version`` (mcp 1.x)
lists them."""

from ferromcp.types.version import HANDSHAKE_PROTOCOL_VERSIONS

__all__ = ["SUPPORTED_PROTOCOL_VERSIONS"]

SUPPORTED_PROTOCOL_VERSIONS: list[str] = list(HANDSHAKE_PROTOCOL_VERSIONS)
