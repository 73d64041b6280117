"""FastMCP's helpers: logging, context injection, ``Image`` / ``Audio``."""
