"""``Resource`` (``mcp.server.mcpserver.resources.base``)."""

from ferromcp.server.fastmcp.resources.base import Annotations, Icon, Resource

__all__ = ["Resource", "Annotations", "Icon"]
