"""Prompt helpers."""

from ferromcp.server._highlevel import AssistantMessage, Message, UserMessage

__all__ = ["Message", "UserMessage", "AssistantMessage"]
