"""``fastmcp.prompts``: ``Prompt`` (``Prompt.from_function``), ``FunctionPrompt``, ``Message``,
``PromptMessage``, ``PromptArgument`` and ``PromptResult``."""

from ferromcp.fastmcp._components import (
    FunctionPrompt,
    Message,
    Prompt,
    PromptArgument,
    PromptMessage,
    PromptResult,
)

__all__ = ["Prompt", "FunctionPrompt", "Message", "PromptMessage", "PromptArgument",
           "PromptResult"]
