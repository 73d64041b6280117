"""Prompt message classes and ``Prompt`` (``mcp.server.mcpserver.prompts.base``)."""

from ferromcp._schema import Audio, Image
from ferromcp.server.fastmcp.prompts.base import (
    AssistantMessage,
    Icon,
    Message,
    Prompt,
    PromptArgument,
    PromptResult,
    SyncPromptResult,
    TextContent,
    UserMessage,
    find_context_parameter,
    inject_context,
    message_validator,
)
from ferromcp.server.fastmcp.tools.base import is_async_callable
from ferromcp.server.mcpserver.utilities.func_metadata import func_metadata
from ferromcp.shared.exceptions import MCPError
from ferromcp.types import InputRequiredResult

__all__ = ["is_async_callable", "Message", "UserMessage", "AssistantMessage", "Prompt",
           "PromptArgument", "PromptResult", "SyncPromptResult", "message_validator", "Icon",
           "TextContent", "Image", "Audio", "MCPError", "InputRequiredResult",
           "find_context_parameter", "inject_context", "func_metadata"]
