"""Prompts as objects (``mcp.server.fastmcp.prompts.base``): the message classes a prompt function
returns, and ``Prompt``, a function with its arguments derived from the signature."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from ferromcp.server._highlevel import AssistantMessage, Message, UserMessage
from ferromcp.server.fastmcp.utilities.context_injection import (
    find_context_parameter,
    inject_context,
)
from ferromcp.server.fastmcp.utilities.func_metadata import func_metadata
from ferromcp.types import Icon, PromptArgument, TextContent

__all__ = ["Message", "UserMessage", "AssistantMessage", "Prompt", "PromptArgument",
           "PromptResult", "SyncPromptResult", "message_validator", "Icon", "TextContent",
           "find_context_parameter", "inject_context", "func_metadata"]

SyncPromptResult = str | Message | dict[str, Any] | Sequence[str | Message | dict[str, Any]]
PromptResult = SyncPromptResult | Awaitable[SyncPromptResult]


class _MessageValidator:
    """Builds a ``UserMessage`` / ``AssistantMessage`` from a dict (``role``, ``content``), as the
    official ``TypeAdapter`` does."""

    def validate_python(self, value: Any, **_: Any) -> Message:
        """The message ``value`` describes.

        Raises:
            ValueError: ``value`` is not a message.
        """
        if isinstance(value, Message):
            return value
        if not isinstance(value, dict) or "content" not in value:
            raise ValueError(f"Could not convert prompt result to message: {value!r}")
        cls = AssistantMessage if value.get("role") == "assistant" else UserMessage
        from ferromcp import types as t

        content = value["content"]
        if isinstance(content, dict):
            content = t.PromptMessage(role="user", content=content).content
        return cls(content)


message_validator = _MessageValidator()


class Prompt:
    """A prompt: a function returning messages, and its ``arguments`` (from the signature).

    Build one with :meth:`from_function`; :meth:`render` calls it and returns the messages.
    """

    def __init__(self, *, name: str, fn: Callable[..., Any], title: str | None = None,
                 description: str | None = None, arguments: list[PromptArgument] | None = None,
                 icons: list[Icon] | None = None, context_kwarg: str | None = None,
                 **_: Any) -> None:
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
        self.fn = fn
        self.icons = icons
        self.context_kwarg = context_kwarg

    @classmethod
    def from_function(cls, fn: Callable[..., Any], name: str | None = None,
                      title: str | None = None, description: str | None = None,
                      icons: list[Icon] | None = None, context_kwarg: str | None = None,
                      **_: Any) -> Prompt:
        """A prompt for ``fn``; one argument per parameter (required when it has no default).

        Raises:
            ValueError: ``fn`` is a lambda and no ``name`` is given.
        """
        from ferromcp import _schema

        func_name = name or fn.__name__
        if func_name == "<lambda>":
            raise ValueError("You must provide a name for lambda functions")
        if context_kwarg is None:
            context_kwarg = find_context_parameter(fn)
        schema = _schema.inspect_function(
            fn, skip_names=[context_kwarg] if context_kwarg is not None else []).input_schema
        required = set(schema.get("required", ()))
        arguments = [PromptArgument(name=n, description=p.get("description"),
                                    required=n in required)
                     for n, p in schema.get("properties", {}).items()]
        return cls(name=func_name, title=title, description=description or fn.__doc__ or "",
                   arguments=arguments, fn=fn, icons=icons, context_kwarg=context_kwarg)

    async def render(self, arguments: dict[str, Any] | None = None, context: Any = None
                     ) -> list[Message]:
        """The messages for ``arguments``.

        Raises:
            ValueError: a required argument is missing, or the function failed.
        """
        if self.arguments:
            missing = {a.name for a in self.arguments if a.required} - set(arguments or {})
            if missing:
                raise ValueError(f"Missing required arguments: {missing}")
        try:
            call_args = inject_context(self.fn, dict(arguments or {}), context,
                                       self.context_kwarg)
            result = self.fn(**call_args)
            if inspect.isawaitable(result):
                result = await result
            if not isinstance(result, list | tuple):
                result = [result]
            return [_message(m) for m in result]
        except Exception as exc:
            raise ValueError(f"Error rendering prompt {self.name}: {exc}") from exc

    def __repr__(self) -> str:
        return f"Prompt(name={self.name!r})"


def _message(value: Any) -> Message:
    if isinstance(value, Message):
        return value
    if isinstance(value, dict):
        return message_validator.validate_python(value)
    if isinstance(value, str):
        return UserMessage(TextContent(type="text", text=value))
    from ferromcp import _schema

    return Message(_schema._to_json_text(value), role="user")
