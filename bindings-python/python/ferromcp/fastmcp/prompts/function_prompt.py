"""``fastmcp.prompts.function_prompt``."""

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
