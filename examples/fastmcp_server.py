"""A typical decorator-API server (mcp 1.x FastMCP style): echo, a typed calculator, a resource
template and a prompt. Migrated from `mcp` by changing the import line only."""

from enum import Enum
from typing import Annotated

from pydantic import Field

from ferromcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("toolbox", instructions="Small utilities: echo, arithmetic, user profiles.")


@mcp.tool()
def echo(text: str) -> str:
    """Return the text unchanged."""
    return text


class Operation(str, Enum):
    ADD = "add"
    SUBTRACT = "subtract"
    MULTIPLY = "multiply"
    DIVIDE = "divide"


@mcp.tool()
def calculate(
    a: float,
    b: float,
    operation: Operation = Operation.ADD,
    precision: Annotated[int, Field(ge=0, le=10, description="Decimal places")] = 2,
) -> float:
    """Apply an arithmetic operation to two numbers."""
    if operation is Operation.DIVIDE and b == 0:
        raise ValueError("division by zero")
    result = {
        Operation.ADD: a + b,
        Operation.SUBTRACT: a - b,
        Operation.MULTIPLY: a * b,
        Operation.DIVIDE: a / b if b else 0.0,
    }[operation]
    return round(result, precision)


@mcp.tool()
async def count_words(text: str, ctx: Context) -> dict[str, int]:
    """Count words, reporting progress to the client."""
    words = text.split()
    await ctx.info(f"counting {len(words)} words")
    counts: dict[str, int] = {}
    for i, word in enumerate(words, 1):
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
        await ctx.report_progress(i, len(words))
    return counts


USERS = {"ada": "Ada Lovelace, first programmer", "alan": "Alan Turing, computing pioneer"}


@mcp.resource("users://{name}/profile")
def user_profile(name: str) -> str:
    """A user's profile."""
    if name not in USERS:
        raise ValueError(f"no user named {name}")
    return USERS[name]


@mcp.resource("config://toolbox")
def config() -> dict[str, str]:
    """The server's configuration, as JSON."""
    return {"version": "1.0", "mode": "demo"}


@mcp.prompt()
def review_code(code: str, language: str = "python") -> str:
    """Ask for a code review."""
    return f"Please review this {language} code and point out bugs:\n\n{code}"


if __name__ == "__main__":
    mcp.run()
