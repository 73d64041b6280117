"""A fastmcp server transforming tools: Tool.from_tool with renamed, hidden and described
arguments, a transform_fn calling forward(), and ToolTransform."""
from fastmcp import FastMCP
from fastmcp.server.transforms import ToolTransform
from fastmcp.tools import Tool, forward
from fastmcp.tools.tool_transform import ArgTransform, ArgTransformConfig, ToolTransformConfig

mcp = FastMCP("tx")

def search(q: str, limit: int = 10, secret: str = "k") -> list[str]:
    """Searches."""
    return [f"{q}:{limit}:{secret}"]

base = Tool.from_function(search)
find = Tool.from_tool(base, name="find", description="Finds things.",
                      transform_args={"q": ArgTransform(name="query", description="What to find"),
                                      "secret": ArgTransform(hide=True, default="hidden"),
                                      "limit": ArgTransform(default=3)})
mcp.add_tool(find)

async def checked(query: str, **kwargs) -> str:
    if not query:
        raise ValueError("empty query")
    result = await forward(query=query, **kwargs)
    return f"checked {result.structured_content}"

mcp.add_tool(Tool.from_tool(find, name="checked_find", transform_fn=checked))

@mcp.tool
def add(a: int, b: int = 2) -> int:
    """Adds."""
    return a + b

@mcp.tool
def shout(text: str) -> str:
    return text.upper()

mcp.add_transform(ToolTransform({
    "add": ToolTransformConfig(name="plus", description="Plus.",
                               arguments={"a": ArgTransformConfig(name="x")}),
}))

if __name__ == "__main__":
    mcp.run(show_banner=False)
