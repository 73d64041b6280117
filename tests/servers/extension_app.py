"""An ``mcp`` 2.x ``MCPServer`` with an extension (SEP-2133), written for the official SDK and
left unmodified, for tests/python/test_extensions.py: the extension adds a tool, a resource and a
request method of its own, announces settings, and intercepts ``tools/call``."""

from typing import Any

from mcp.server.context import ServerRequestContext
from mcp.server.mcpserver import (
    Extension,
    MCPServer,
    MethodBinding,
    ResourceBinding,
    ToolBinding,
    require_client_extension,
)
from mcp.server.mcpserver.resources import TextResource
from mcp.types import CallToolResult, RequestParams, TextContent


class HelloParams(RequestParams):
    name: str


def shout(text: str) -> str:
    """Shouts the text."""
    return text.upper()


async def hello(ctx: ServerRequestContext[Any, Any], params: HelloParams) -> dict[str, Any]:
    require_client_extension(ctx, Greeter.identifier)
    return {"greeting": f"Hello, {params.name}!"}


class Greeter(Extension):
    identifier = "com.example/greeter"

    def settings(self) -> dict[str, Any]:
        return {"languages": ["en"]}

    def tools(self) -> list[ToolBinding]:
        return [ToolBinding(shout, meta={"com.example/greeter": {"loud": True}})]

    def resources(self) -> list[ResourceBinding]:
        return [ResourceBinding(TextResource(uri="greeter://motd", name="motd", text="hi"))]

    def methods(self) -> list[MethodBinding]:
        return [MethodBinding("greeter/hello", HelloParams, hello)]

    async def intercept_tool_call(self, params: Any, ctx: Any, call_next: Any) -> Any:
        if params.name == "blocked":
            return CallToolResult(content=[TextContent(type="text", text="intercepted")])
        return await call_next(ctx)


mcp = MCPServer("extension-app", extensions=[Greeter()])


@mcp.tool()
def blocked() -> str:
    """Never runs: the extension answers it."""
    return "ran"


if __name__ == "__main__":
    mcp.run()
