"""``Image`` and ``Audio`` helpers as ``fastmcp.utilities.types`` names them."""

from ferromcp._schema import Audio, Image

__all__ = ["Image", "Audio"]
