"""``fastmcp.utilities.types``: ``Image`` (``to_image_content()``, ``to_data_uri()``) and
``Audio``."""

from ferromcp._schema import Audio, Image

__all__ = ["Image", "Audio"]
