"""``Image`` and ``Audio`` return helpers (``mcp.server.fastmcp.utilities.types``)."""

from ferromcp._schema import Audio, Image
from ferromcp.types import AudioContent, ImageContent

__all__ = ["Image", "Audio", "ImageContent", "AudioContent"]
