"""Checks before a server asks the client to sample with tools (``mcp.server.validation``).

``ServerSession.create_message`` and the task-augmented path of the official SDKs call these; a
server building its own sampling requests can call them too. They accept ferromcp's types and
the official package's alike (attributes are read by their wire or snake_case names).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ferromcp.shared.exceptions import MCPError, McpError
from ferromcp.types import ClientCapabilities, ErrorData, SamplingMessage, Tool, ToolChoice

__all__ = ["check_sampling_tools_capability", "validate_sampling_tools",
           "validate_tool_use_result_messages", "wants_sampling_tools", "ClientCapabilities",
           "ErrorData", "McpError", "MCPError", "SamplingMessage", "Tool", "ToolChoice"]

_INVALID_PARAMS = -32602


def _field(value: Any, *names: str) -> Any:
    """The first of ``names`` that ``value`` (a model or a dict) holds, else None."""
    for name in names:
        found = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
        if found is not None:
            return found
    return None


def check_sampling_tools_capability(client_caps: Any) -> bool:
    """Whether ``client_caps`` declares ``sampling.tools``."""
    sampling = _field(client_caps, "sampling") if client_caps is not None else None
    return sampling is not None and _field(sampling, "tools") is not None


def wants_sampling_tools(tools: Sequence[Any] | None, tool_choice: Any) -> bool:
    """Whether a sampling request uses tools: a tool list or a tool choice was given."""
    return not (tools is None and tool_choice is None)


def validate_sampling_tools(client_caps: Any, tools: Sequence[Any] | None,
                            tool_choice: Any) -> None:
    """Refuses tools in a sampling request to a client that did not declare ``sampling.tools``.

    Raises:
        McpError: invalid params (-32602), the client cannot sample with tools.
    """
    if wants_sampling_tools(tools, tool_choice) and not check_sampling_tools_capability(
            client_caps):
        raise McpError(_INVALID_PARAMS, "Client does not support sampling tools capability")


def _blocks(message: Any) -> list[Any]:
    content = _field(message, "content")
    return list(content) if isinstance(content, list | tuple) else [content]


def _kind(block: Any) -> Any:
    return _field(block, "type")


def validate_tool_use_result_messages(messages: Sequence[Any]) -> None:
    """Checks the tool-use turns of a sampling conversation (SEP-1577): a last message holding
    ``tool_result`` blocks holds nothing else, follows a message with ``tool_use`` blocks, and
    answers exactly the ids that message asked for.

    Raises:
        ValueError: the conversation breaks one of those rules.
    """
    if not messages:
        return
    last = _blocks(messages[-1])
    before = _blocks(messages[-2]) if len(messages) > 1 else None
    results = [b for b in last if _kind(b) == "tool_result"]
    uses = [b for b in before or () if _kind(b) == "tool_use"]
    if results:
        if len(results) != len(last):
            raise ValueError("The last message must contain only tool_result content if any is "
                             "present")
        if before is None:
            raise ValueError("tool_result requires a previous message containing tool_use")
        if not uses:
            raise ValueError("tool_result blocks do not match any tool_use in the previous "
                             "message")
    if uses:
        asked = {_field(b, "id") for b in uses}
        answered = {_field(b, "toolUseId", "tool_use_id") for b in results}
        if asked != answered:
            raise ValueError("ids of tool_result blocks and tool_use blocks from previous message "
                             "do not match")
