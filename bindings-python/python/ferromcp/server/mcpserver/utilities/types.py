"""``Image`` and ``Audio`` return helpers (``mcp.server.mcpserver.utilities.types``)."""

from ferromcp.server.fastmcp.utilities.types import Audio, AudioContent, Image, ImageContent

__all__ = ["Image", "Audio", "ImageContent", "AudioContent"]
