"""``fastmcp.utilities.types``: ``Image`` (``to_image_content()``, ``to_data_uri()``),
``Audio`` and ``File`` (``to_resource_content()``)."""

from ferromcp._schema import Audio, File, Image

__all__ = ["Image", "Audio", "File"]
