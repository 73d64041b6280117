"""A server written for fastmcp (imports ``fastmcp``), run by the differential test on the real
fastmcp 2.x, 3.x and 4.x and under ``python -m ferromcp run``: what it lists and answers must
take the shapes of the fastmcp version installed beside it."""

from __future__ import annotations

from typing import Annotated

from fastmcp import FastMCP
from fastmcp.exceptions import PromptError, ResourceError, ToolError
from pydantic import BaseModel, Field

mcp = FastMCP("shapes", instructions="Shapes of fastmcp's answers.")


class Point(BaseModel):
    x: int
    y: int = 0


@mcp.tool
def add(a: int, b: int = 2) -> int:
    """Adds two numbers.

    Args:
        a: The first number.
        b: The second number,
            described on two lines.

    Returns:
        The sum.
    """
    return a + b


@mcp.tool(annotations={"title": "Shout It", "readOnlyHint": True}, tags={"loud", "text"})
def shout(text: Annotated[str, Field(description="What to shout")]) -> str:
    """
    Shouts a text.

    :param text: ignored, the annotation describes it
    """
    return text.upper()


@mcp.tool(title="Point Sum")
def point_sum(p: Point, label: Annotated[str, Field(title="Label Text")] = "sum") -> dict:
    """Sums a point's coordinates."""
    return {"label": label, "sum": p.x + p.y, "nested": {"k": [1, 2]}}


@mcp.tool(description="Lists numbers.")
def numbers(n: int) -> list[int]:
    return list(range(n))


@mcp.tool
def model_result(x: int) -> Point:
    """Returns a model."""
    return Point(x=x, y=x + 1)


@mcp.resource("data://config", tags={"cfg"})
def config() -> str:
    """The configuration."""
    return "debug=true"


@mcp.resource("data://items/{item_id}")
def item(item_id: str) -> dict:
    """One item."""
    return {"id": item_id}


@mcp.prompt(tags={"review"})
def review(code: str, strict: bool = False) -> str:
    """Reviews code.

    Args:
        code: The code to review.
        strict: Whether to be strict.
    """
    return f"Review{' strictly' if strict else ''}: {code}"


@mcp.tool
def crash() -> str:
    """Fails unexpectedly."""
    raise ValueError("tool on fire")


@mcp.tool
def refuse() -> str:
    """Fails with a text for the client."""
    raise ToolError("refused")


@mcp.resource("data://broken")
def broken() -> str:
    """Fails unexpectedly."""
    raise ValueError("disk on fire")


@mcp.resource("data://gone")
def gone() -> str:
    """Fails with a text for the client."""
    raise ResourceError("gone away")


@mcp.prompt
def bad_prompt() -> str:
    """Fails unexpectedly."""
    raise ValueError("prompt on fire")


@mcp.prompt
def refused_prompt() -> str:
    """Fails with a text for the client."""
    raise PromptError("not today")


if __name__ == "__main__":
    mcp.run()
