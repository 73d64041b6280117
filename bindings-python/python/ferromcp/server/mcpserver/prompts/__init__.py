"""Prompts as objects (``mcp.server.mcpserver.prompts``): ``Prompt`` and ``PromptManager``."""

from ferromcp.server.fastmcp.prompts import Prompt, PromptManager

__all__ = ["Prompt", "PromptManager"]
