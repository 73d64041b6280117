"""The backend of `fastmcp_proxy.py`: a fastmcp server with tools (one failing, one reporting
progress and logging, one eliciting), a resource, a template and a prompt."""

from fastmcp import Context, FastMCP

mcp = FastMCP("backend", instructions="Backend rules.")


@mcp.tool(tags={"math"})
def add(a: int, b: int = 2) -> int:
    """Adds."""
    return a + b


@mcp.tool
def echo(text: str) -> str:
    """Echoes (the proxy has its own echo, which wins)."""
    return f"backend {text}"


@mcp.tool
def boom(a: int) -> int:
    raise ValueError(f"bad {a}")


@mcp.tool
async def chatty(ctx: Context) -> str:
    await ctx.report_progress(1, 2, "half")
    await ctx.info("from the backend")
    return "done"


@mcp.tool
async def ask(ctx: Context) -> str:
    """Asks the user for a name."""
    answer = await ctx.elicit("Your name?", response_type=str)
    return f"{answer.action}: {getattr(answer, 'data', None)}"


@mcp.resource("data://r", description="A resource.")
def r() -> dict:
    return {"a": 1}


@mcp.resource("data://t/{k}")
def t(k: str) -> str:
    return "t" + k


@mcp.prompt
def p(name: str) -> str:
    """Greets."""
    return f"Hello {name}"


if __name__ == "__main__":
    mcp.run(show_banner=False)
