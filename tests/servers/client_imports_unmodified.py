"""An unmodified server for the official ``mcp`` package that also imports what is the client's
business: ``ClientSession``, ``stdio_client``, the in-memory test helper, the OAuth settings.
``tests/python/test_run_unmodified.py`` runs it through ``python -m ferromcp run``; its tools report
where each name came from and use the client pieces for real."""

import sys

import mcp.types as types
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from mcp.shared.memory import create_connected_server_and_client_session

mcp = FastMCP("client-imports")
ECHO_SERVER = sys.argv[1] if len(sys.argv) > 1 else ""


def _text(result) -> str:
    return " ".join(c.text for c in result.content)


@mcp.tool()
def origins() -> dict[str, str]:
    """Where each imported name comes from."""
    return {"FastMCP": FastMCP.__module__, "types": types.__name__,
            "ClientSession": ClientSession.__module__, "stdio_client": stdio_client.__module__,
            "AuthSettings": AuthSettings.__module__,
            "create_connected_server_and_client_session":
                create_connected_server_and_client_session.__module__}


@mcp.tool()
async def in_memory(a: int, b: int) -> str:
    """Adds through a second server, connected in memory with the official client session."""
    inner = FastMCP("inner")

    @inner.tool()
    def add(a: int, b: int) -> int:
        return a + b

    async with create_connected_server_and_client_session(inner) as session:
        tools = await session.list_tools()
        result = await session.call_tool("add", {"a": a, "b": b})
    return f"{[t.name for t in tools.tools]} {_text(result)}"


@mcp.tool()
async def proxy(text: str) -> str:
    """Calls the echo tool of another server process through the official stdio client."""
    params = StdioServerParameters(command=sys.executable, args=[ECHO_SERVER])
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        result = await session.call_tool("echo", {"text": text})
    return _text(result)


if __name__ == "__main__":
    mcp.run()
