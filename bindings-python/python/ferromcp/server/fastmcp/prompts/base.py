"""Prompt message classes, as ``mcp.server.fastmcp.prompts.base``."""

from ferromcp.server._highlevel import AssistantMessage, Message, UserMessage

__all__ = ["Message", "UserMessage", "AssistantMessage"]
