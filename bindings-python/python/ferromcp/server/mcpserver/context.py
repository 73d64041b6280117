"""``Context`` and the helpers around it (``mcp.server.mcpserver.context``)."""

from ferromcp.server._highlevel import Context, ElicitationResult
from ferromcp.server.context import ServerRequestContext
from ferromcp.server.elicitation import elicit_url, elicit_with_validation
from ferromcp.server.lowlevel.helper_types import ReadResourceContents
from ferromcp.server.subscriptions import (
    PromptsListChanged,
    ResourcesListChanged,
    ResourceUpdated,
    SubscriptionBus,
    ToolsListChanged,
)
from ferromcp.shared.exceptions import MCPDeprecationWarning
from ferromcp.types import ClientCapabilities, InputRequiredResult, InputResponseRequestParams

__all__ = ["Context", "ElicitationResult", "ServerRequestContext", "ReadResourceContents",
           "ClientCapabilities", "InputRequiredResult", "InputResponseRequestParams",
           "MCPDeprecationWarning", "elicit_url", "elicit_with_validation", "PromptsListChanged",
           "ResourceUpdated", "ResourcesListChanged", "SubscriptionBus", "ToolsListChanged"]
