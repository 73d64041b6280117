"""``fastmcp.server.context``: the ``Context`` a tool, resource or prompt is given (a parameter
annotated ``Context``, or ``get_context()``)."""

from ferromcp.fastmcp.server.dependencies import get_context
from ferromcp.server._highlevel import Context

__all__ = ["Context", "get_context"]
