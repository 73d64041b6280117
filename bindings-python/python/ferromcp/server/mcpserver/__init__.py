"""``MCPServer``, the ``mcp`` 2.x decorator API (``mcp.server.mcpserver``), on ferromcp."""

from ferromcp.server._highlevel import (
    AcceptedElicitation,
    AssistantMessage,
    CancelledElicitation,
    Context,
    DeclinedElicitation,
    ElicitationResult,
    Message,
    UserMessage,
)
from ferromcp.server.extension import Extension, MethodBinding, ResourceBinding, ToolBinding
from ferromcp.server.mcpserver.resolve import Elicit, ListRoots, Resolve, Sample
from ferromcp.server.mcpserver.resources.templates import (
    DEFAULT_RESOURCE_SECURITY,
    ResourceSecurity,
)
from ferromcp.server.mcpserver.server import MCPServer, require_client_extension
from ferromcp.server.request_state import (
    AESGCMRequestStateCodec,
    InvalidRequestState,
    RequestStateBoundary,
    RequestStateCodec,
    RequestStateSecurity,
    authenticated_principal,
)
from ferromcp.types import Icon

__all__ = ["MCPServer", "Context", "Image", "Audio", "Icon", "Message", "UserMessage",
           "AssistantMessage", "ElicitationResult", "AcceptedElicitation",
           "DeclinedElicitation", "CancelledElicitation", "RequestStateSecurity",
           "InvalidRequestState", "authenticated_principal", "Resolve", "Elicit", "Sample",
           "ListRoots", "DEFAULT_RESOURCE_SECURITY", "ResourceSecurity",
           "AESGCMRequestStateCodec", "RequestStateCodec", "Extension", "MethodBinding",
           "ResourceBinding", "ToolBinding", "require_client_extension", "RequestStateBoundary"]


def __getattr__(name: str):  # noqa: ANN202 - lazy helpers
    if name in ("Image", "Audio"):
        from ferromcp import _schema

        return getattr(_schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
