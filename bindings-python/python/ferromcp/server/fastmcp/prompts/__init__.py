"""Prompts as objects (``mcp.server.fastmcp.prompts``): ``Prompt`` and ``PromptManager``; the
message classes live in ``.base``."""

from ferromcp.server.fastmcp.prompts.base import AssistantMessage, Message, Prompt, UserMessage
from ferromcp.server.fastmcp.prompts.manager import PromptManager

__all__ = ["Prompt", "PromptManager", "Message", "UserMessage", "AssistantMessage"]
