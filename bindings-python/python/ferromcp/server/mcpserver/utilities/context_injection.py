"""Finding and filling a function's ``Context`` parameter
(``mcp.server.mcpserver.utilities.context_injection``)."""

from ferromcp.server._highlevel import Context
from ferromcp.server.fastmcp.utilities.context_injection import (
    find_context_parameter,
    inject_context,
)

__all__ = ["find_context_parameter", "inject_context", "Context"]
