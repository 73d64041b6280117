"""The decorator API's objects, as servers import them from ``mcp.server.fastmcp.{tools,resources,
prompts,utilities}`` (1.x) and ``mcp.server.mcpserver.…`` (2.x): ``Tool``/``ToolManager``,
resources and ``ResourceManager``, ``Prompt``/``PromptManager``, the elicitation helpers,
``Settings``; on their own and registered on a server."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from ferromcp import types as t
from ferromcp.server.elicitation import (
    AcceptedElicitation,
    AcceptedUrlElicitation,
    DeclinedElicitation,
    elicit_url,
    elicit_with_validation,
    render_elicitation_schema,
)
from ferromcp.server.fastmcp import Context, FastMCP
from ferromcp.server.fastmcp.exceptions import ToolError
from ferromcp.server.fastmcp.prompts import Prompt, PromptManager
from ferromcp.server.fastmcp.prompts.base import AssistantMessage, UserMessage, message_validator
from ferromcp.server.fastmcp.resources import (
    BinaryResource,
    DirectoryResource,
    FileResource,
    FunctionResource,
    ResourceManager,
    ResourceTemplate,
    TextResource,
)
from ferromcp.server.fastmcp.server import Settings, default_lifespan, lifespan_wrapper
from ferromcp.server.fastmcp.tools import Tool, ToolManager
from ferromcp.server.fastmcp.utilities.context_injection import find_context_parameter
from ferromcp.server.fastmcp.utilities.logging import get_logger
from ferromcp.server.mcpserver.exceptions import UnexpectedToolError
from ferromcp.server.mcpserver.tools import Tool as Tool2

pytestmark = pytest.mark.anyio


def add(a: int, b: int = 2) -> int:
    """Add two integers."""
    return a + b


async def fails(ctx: Context, x: str) -> str:
    raise ValueError("kaboom")


# --- tools -------------------------------------------------------------------------------------

async def test_tool_from_function_has_the_servers_schemas() -> None:
    tool = Tool.from_function(add)
    assert (tool.name, tool.description, tool.is_async, tool.context_kwarg) == (
        "add", "Add two integers.", False, None)
    assert tool.parameters == {
        "properties": {"a": {"title": "A", "type": "integer"},
                       "b": {"default": 2, "title": "B", "type": "integer"}},
        "required": ["a"], "title": "addArguments", "type": "object"}
    assert tool.output_schema is not None and tool.output_schema["title"] == "addOutput"
    assert tool.to_mcp_tool().inputSchema == tool.parameters
    assert await tool.run({"a": "3"}) == 5  # converted as the server converts arguments
    content, structured = await tool.run({"a": 1, "b": 5}, convert_result=True)
    assert content == [t.TextContent(text="6")] and structured == {"result": 6}


async def test_tool_errors_follow_the_generation() -> None:
    v1, v2 = Tool.from_function(fails), Tool2.from_function(fails)
    assert v1.context_kwarg == "ctx" and "ctx" not in v1.parameters["properties"]
    with pytest.raises(ToolError, match="Error executing tool fails: kaboom"):
        await v1.run({"x": "1"})
    with pytest.raises(UnexpectedToolError, match="^Error executing tool fails$"):
        await v2.run({"x": "1"})
    with pytest.raises(ToolError, match="Error executing tool add: 1 validation error"):
        await Tool.from_function(add).run({})
    with pytest.raises(ValueError, match="lambda"):
        Tool.from_function(lambda: 1)


async def test_tool_manager() -> None:
    manager = ToolManager()
    first = manager.add_tool(add)
    assert manager.add_tool(add, description="again") is first  # the first one stays
    assert manager.get_tool("add") is first and manager.list_tools() == [first]
    assert await manager.call_tool("add", {"a": 1}) == 3
    with pytest.raises(ToolError, match="Unknown tool: nope"):
        await manager.call_tool("nope", {})
    manager.remove_tool("add")
    with pytest.raises(ToolError, match="Unknown tool: add"):
        manager.remove_tool("add")


def test_find_context_parameter() -> None:
    def optional(x: int, context: Context | None = None) -> None: ...

    assert find_context_parameter(fails) == "ctx"
    assert find_context_parameter(optional) == "context"
    assert find_context_parameter(add) is None


# --- resources ---------------------------------------------------------------------------------

async def test_resources_read_their_content(tmp_path: Path) -> None:
    text = TextResource(uri="memo://a", text="hello")
    assert text.name == "memo://a" and text.mime_type == "text/plain"
    assert await text.read() == "hello"
    assert await BinaryResource(uri="b://x", data=b"\x00").read() == b"\x00"

    async def data() -> dict[str, Any]:
        return {"a": [1, 2]}

    fn = FunctionResource.from_function(data, "data://x")
    assert fn.name == "data" and str(fn.uri) == "data://x"
    assert await fn.read() == '{\n  "a": [\n    1,\n    2\n  ]\n}'
    (tmp_path / "f.txt").write_text("file text", encoding="utf-8")
    assert await FileResource(uri="file:///f", path=tmp_path / "f.txt").read() == "file text"
    binary = FileResource(uri="file:///g", path=tmp_path / "f.txt", mime_type="image/png")
    assert binary.is_binary and await binary.read() == b"file text"
    listing = DirectoryResource(uri="dir://t", path=tmp_path)
    assert await listing.read() == '{\n  "files": [\n    "f.txt"\n  ]\n}'
    with pytest.raises(ValueError, match="absolute"):
        FileResource(uri="file:///r", path="relative.txt")


async def test_resource_manager_and_templates() -> None:
    manager = ResourceManager()
    manager.add_resource(TextResource(uri="memo://a", text="hello"))

    def weather(city: str, days: int) -> str:
        return f"{city} for {days} days"

    template = manager.add_template(weather, "weather://{city}/{days}")
    assert isinstance(template, ResourceTemplate)
    assert template.matches("weather://paris/3") == {"city": "paris", "days": "3"}
    assert template.matches("weather://paris") is None
    assert await (await manager.get_resource("memo://a")).read() == "hello"
    assert await (await manager.get_resource("weather://oslo/2")).read() == "oslo for 2 days"
    with pytest.raises(ValueError, match="Unknown resource: x://y"):
        await manager.get_resource("x://y")
    assert [r.name for r in manager.list_resources()] == ["memo://a"]
    assert [tp.name for tp in manager.list_templates()] == ["weather"]


# --- prompts -----------------------------------------------------------------------------------

async def test_prompt_from_function_and_render() -> None:
    def greet(name: str, polite: bool = False) -> list[Any]:
        """A greeting."""
        return [f"hi {name}", {"role": "assistant", "content": "hello"},
                AssistantMessage("polite" if polite else "plain")]

    prompt = Prompt.from_function(greet)
    assert [(a.name, a.required) for a in prompt.arguments] == [("name", True),
                                                                 ("polite", False)]
    messages = await prompt.render({"name": "bo"})
    assert [(type(m), m.role, m.content.text) for m in messages] == [
        (UserMessage, "user", "hi bo"), (AssistantMessage, "assistant", "hello"),
        (AssistantMessage, "assistant", "plain")]
    with pytest.raises(ValueError, match="Missing required arguments"):
        await prompt.render({})
    manager = PromptManager()
    assert manager.add_prompt(prompt) is prompt and manager.get_prompt("greet") is prompt
    assert len(await manager.render_prompt("greet", {"name": "x"})) == 3
    with pytest.raises(ValueError, match="Unknown prompt: nope"):
        await manager.render_prompt("nope")
    assert type(message_validator.validate_python({"role": "user", "content": "x"})) is (
        UserMessage)


async def test_objects_register_on_a_server() -> None:
    mcp = FastMCP("objects")
    mcp.add_resource(TextResource(uri="memo://b", text="bee", description="B"))
    mcp.add_prompt(Prompt.from_function(lambda topic: f"about {topic}", name="about"))
    assert [str(r.uri) for r in await mcp.list_resources()] == ["memo://b"]
    assert [c.content for c in await mcp.read_resource("memo://b")] == ["bee"]
    result = await mcp.get_prompt("about", {"topic": "x"})
    assert result.messages[0].content.text == "about x"


# --- elicitation, settings, logging ------------------------------------------------------------

class _Session:
    """Records the requests a helper sends and answers with ``answer``."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer
        self.sent: list[Any] = []

    async def elicit_form(self, message: str, requested_schema: dict[str, Any],
                          related_request_id: Any = None) -> t.ElicitResult:
        self.sent.append((message, requested_schema))
        return t.ElicitResult(**self.answer)

    async def send_request(self, request: dict[str, Any], result_type: Any) -> Any:
        self.sent.append(request)
        return result_type(**self.answer)


async def test_elicitation_helpers() -> None:
    from dataclasses import dataclass

    @dataclass
    class Choice:
        name: str
        count: int = 1

    session = _Session({"action": "accept", "content": {"name": "x", "count": 3}})
    result = await elicit_with_validation(session, "pick", Choice)
    assert isinstance(result, AcceptedElicitation) and result.data == Choice("x", 3)
    assert session.sent[0] == ("pick", render_elicitation_schema(Choice))
    declined = await elicit_with_validation(_Session({"action": "decline"}), "pick", Choice)
    assert isinstance(declined, DeclinedElicitation)
    url = _Session({"action": "accept"})
    assert isinstance(await elicit_url(url, "go", "https://x", "e1"), AcceptedUrlElicitation)
    assert url.sent == [{"method": "elicitation/create", "params": {
        "mode": "url", "message": "go", "url": "https://x", "elicitationId": "e1"}}]


async def test_settings_lifespans_and_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FASTMCP_PORT", "9001")
    monkeypatch.setenv("FASTMCP_DEBUG", "true")
    settings = Settings(host="0.0.0.0")
    assert (settings.port, settings.debug, settings.host, settings.sse_path) == (
        9001, True, "0.0.0.0", "/sse")
    async with default_lifespan(object()) as state:
        assert state == {}
    seen: list[Any] = []

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Any) -> Any:
        seen.append(app)
        yield "state"

    async with lifespan_wrapper("app", lifespan)("lowlevel") as state:
        assert state == "state" and seen == ["app"]
    assert get_logger("ferromcp.test") is logging.getLogger("ferromcp.test")
