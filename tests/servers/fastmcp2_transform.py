"""A fastmcp 2 server transforming tools: ``@mcp.tool`` answers the tool, ``Tool.from_tool`` of
it (the original disabled), and ``FastMCP(tool_transformations=...)``."""
from fastmcp import FastMCP
from fastmcp.tools import Tool
from fastmcp.tools.tool_transform import ArgTransform, ArgTransformConfig, ToolTransformConfig

mcp = FastMCP("tx2", tool_transformations={
    "add": ToolTransformConfig(name="plus", arguments={"a": ArgTransformConfig(name="x")})})

@mcp.tool
def search(q: str, limit: int = 10) -> list[str]:
    """Searches."""
    return [f"{q}:{limit}"]

find = Tool.from_tool(search, name="find", transform_args={"q": ArgTransform(name="query")})
mcp.add_tool(find)
search.disable()

@mcp.tool
def add(a: int, b: int = 2) -> int:
    """Adds."""
    return a + b

if __name__ == "__main__":
    mcp.run()
