"""A fastmcp 3/4 server whose tools, resource and prompt take dependencies
(``fastmcp.dependencies``): ``Depends`` (plain, async, an async context manager closed after
the call, nested, failing), ``CurrentContext``, ``CurrentFastMCP``, ``CurrentHeaders``,
``CurrentRequest`` and ``TokenClaim`` over stdio, ``Progress``."""

# ruff: noqa: B008 - dependencies are declared as parameter defaults

from contextlib import asynccontextmanager

from fastmcp import Context, FastMCP
from fastmcp.dependencies import (
    CurrentContext,
    CurrentFastMCP,
    CurrentHeaders,
    CurrentRequest,
    Depends,
    Progress,
    TokenClaim,
)

mcp = FastMCP("deps")
events: list[str] = []


def settings() -> dict:
    return {"prefix": "db"}


async def database(config: dict = Depends(settings)) -> str:
    return f"{config['prefix']}-connection"


@asynccontextmanager
async def session():
    events.append("open")
    try:
        yield "session-1"
    finally:
        events.append("closed")


def broken() -> str:
    raise ValueError("no database today")


@mcp.tool
async def query(sql: str, db: str = Depends(database), s: str = Depends(session),
                ctx: Context = CurrentContext()) -> str:
    """Runs a query."""
    return f"{sql} on {db} in {s}; request {ctx.request_id is not None}"


@mcp.tool
def opened() -> list[str]:
    return events


@mcp.tool
def who(server=CurrentFastMCP(), headers: dict = CurrentHeaders()) -> str:
    return f"{server.name} {headers}"


@mcp.tool
def fails(x: int, db: str = Depends(broken)) -> str:
    return db


@mcp.tool
def http_only(request=CurrentRequest()) -> str:
    return "never"


@mcp.tool
def claim(user: str = TokenClaim("sub")) -> str:
    return user


@mcp.tool
async def steps(n: int, progress=Progress()) -> str:
    await progress.set_total(n)
    for _ in range(n):
        await progress.increment()
    await progress.set_message("done")
    return f"{progress.current}/{progress.total} {progress.message}"


@mcp.resource("data://config")
def config(values: dict = Depends(settings)) -> dict:
    return values


@mcp.prompt
def ask(topic: str, db: str = Depends(database)) -> str:
    return f"Ask {db} about {topic}"


if __name__ == "__main__":
    mcp.run(show_banner=False)
