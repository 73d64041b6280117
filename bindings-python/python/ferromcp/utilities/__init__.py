"""Helpers as ``fastmcp.utilities`` names them."""
