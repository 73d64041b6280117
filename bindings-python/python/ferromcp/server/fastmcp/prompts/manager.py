"""``PromptManager``: prompts by name (``mcp.server.fastmcp.prompts.manager``)."""

from __future__ import annotations

import logging
from typing import Any

from ferromcp.server.fastmcp.prompts.base import Message, Prompt
from ferromcp.server.fastmcp.utilities.logging import get_logger

__all__ = ["PromptManager", "Prompt", "Message", "get_logger"]

_log = logging.getLogger(__name__)


class PromptManager:
    """Prompts by name: add, look up, list and render them.

    Args:
        warn_on_duplicate_prompts: log a warning when a name is added twice (the first stays).
    """

    def __init__(self, warn_on_duplicate_prompts: bool = True) -> None:
        self._prompts: dict[str, Prompt] = {}
        self.warn_on_duplicate_prompts = warn_on_duplicate_prompts

    def get_prompt(self, name: str) -> Prompt | None:
        """The prompt named ``name``, or None."""
        return self._prompts.get(name)

    def list_prompts(self) -> list[Prompt]:
        """Every prompt, in the order they were added."""
        return list(self._prompts.values())

    def add_prompt(self, prompt: Prompt) -> Prompt:
        """Adds ``prompt``; a name already taken keeps its prompt, which is returned."""
        existing = self._prompts.get(prompt.name)
        if existing is not None:
            if self.warn_on_duplicate_prompts:
                _log.warning("Prompt already exists: %s", prompt.name)
            return existing
        self._prompts[prompt.name] = prompt
        return prompt

    async def render_prompt(self, name: str, arguments: dict[str, Any] | None = None,
                            context: Any = None) -> list[Message]:
        """Renders the prompt named ``name``.

        Raises:
            ValueError: there is no such prompt, or rendering failed.
        """
        prompt = self.get_prompt(name)
        if prompt is None:
            raise ValueError(f"Unknown prompt: {name}")
        return await prompt.render(arguments, context=context)
