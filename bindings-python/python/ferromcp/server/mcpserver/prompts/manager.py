"""``PromptManager`` (``mcp.server.mcpserver.prompts.manager``)."""

from ferromcp.server.fastmcp.prompts.manager import Message, Prompt, PromptManager, get_logger
from ferromcp.types import InputRequiredResult

__all__ = ["PromptManager", "Prompt", "Message", "get_logger", "InputRequiredResult"]
