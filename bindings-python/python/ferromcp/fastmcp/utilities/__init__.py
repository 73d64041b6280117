"""``fastmcp.utilities``."""
