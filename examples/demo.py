"""`make demo`: the seed tutorial's file server on ferromcp, driven by the official `mcp` client.

Spawns examples/file_server.py over stdio with the official ClientSession, then lists its tools
and calls each one, printing what comes back.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

HERE = Path(__file__).resolve().parent


async def main() -> None:
    params = StdioServerParameters(command=sys.executable, args=[str(HERE / "file_server.py")])
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        init = await session.initialize()
        info = init.serverInfo
        sys.stdout.write(f"connected to {info.name} {info.version} "
                         f"(protocol {init.protocolVersion})\n\n")
        for tool in (await session.list_tools()).tools:
            sys.stdout.write(f"tool {tool.name}: {tool.description}\n")
        with tempfile.TemporaryDirectory() as tmp:
            note = Path(tmp) / "hello.txt"
            for name, args in (
                ("write_file", {"path": str(note), "content": "Hello from ferromcp!"}),
                ("read_file", {"path": str(note)}),
                ("list_directory", {"path": tmp}),
                ("read_file", {}),
            ):
                result = await session.call_tool(name, args)
                text = " / ".join(c.text for c in result.content if c.type == "text")
                flag = " (isError)" if result.isError else ""
                sys.stdout.write(f"\n> {name} {args}{flag}\n{text}\n")


if __name__ == "__main__":
    asyncio.run(main())
