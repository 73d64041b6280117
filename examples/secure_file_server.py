"""The tutorial's file server with its security advice done right.

Every path a client sends is confined to one root directory, chosen by the operator:

    python examples/secure_file_server.py [--root DIR]     (default: the working directory)

Relative paths are taken from the root. A path that leaves the root — through ``..``, an
absolute path elsewhere, or a symlink pointing outside — is refused with a clear error, checked
after resolving symlinks so a link cannot smuggle a path out.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

import ferromcp.server.stdio
import ferromcp.types as types
from ferromcp.server import NotificationOptions, Server
from ferromcp.server.models import InitializationOptions

MAX_READ_BYTES = 1024 * 1024

server = Server("secure-file-operations")
ROOT = Path.cwd().resolve()


class PathRefused(ValueError):
    """A path outside the served root."""


def confine(requested: str) -> Path:
    """Resolves ``requested`` inside ROOT, or raises PathRefused naming the reason."""
    if not requested:
        raise PathRefused("empty path")
    if "\x00" in requested:
        raise PathRefused("path contains a NUL byte")
    candidate = Path(requested)
    if not candidate.is_absolute():
        candidate = ROOT / candidate
    # strict=False: a file about to be written need not exist; its parents are still resolved.
    resolved = candidate.resolve(strict=False)
    if resolved != ROOT and ROOT not in resolved.parents:
        raise PathRefused(f"{requested!r} is outside the served directory {str(ROOT)!r}")
    return resolved


def _schema(**props: str) -> dict[str, object]:
    return {
        "type": "object",
        "properties": {k: {"type": "string", "description": v} for k, v in props.items()},
        "required": list(props),
        "additionalProperties": False,
    }


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(name="read_file", description="Read a text file under the served directory",
                   inputSchema=_schema(path="Path, relative to the served directory")),
        types.Tool(name="write_file", description="Write a text file under the served directory",
                   inputSchema=_schema(path="Path, relative to the served directory",
                                       content="Text to write")),
        types.Tool(name="list_directory", description="List a directory under the served root",
                   inputSchema=_schema(path="Path, relative to the served directory")),
    ]


def _text(s: str) -> list[types.TextContent]:
    return [types.TextContent(type="text", text=s)]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent] | types.CallToolResult:
    try:
        path = confine(arguments["path"])
        if name == "read_file":
            if path.stat().st_size > MAX_READ_BYTES:
                raise PathRefused(f"file is larger than {MAX_READ_BYTES} bytes")
            return _text(path.read_text(encoding="utf-8"))
        if name == "write_file":
            path.write_text(arguments["content"], encoding="utf-8")
            return _text(f"Successfully wrote to {path.relative_to(ROOT)}")
        if name == "list_directory":
            return _text("Directory contents:\n" + "\n".join(sorted(os.listdir(path))))
        raise ValueError(f"Unknown tool: {name}")
    except (PathRefused, OSError) as e:
        return types.CallToolResult(content=_text(f"Refused: {e}" if isinstance(e, PathRefused)
                                                  else f"Error: {e}"), isError=True)


async def main() -> None:
    global ROOT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.getcwd(), help="directory to serve")
    ROOT = Path(parser.parse_args().root).resolve(strict=True)
    async with ferromcp.server.stdio.stdio_server() as (read_stream, write_stream):
        await server.run(
            read_stream,
            write_stream,
            InitializationOptions(
                server_name="secure-file-operations",
                server_version="0.1.0",
                capabilities=server.get_capabilities(NotificationOptions(), {}),
            ),
        )


if __name__ == "__main__":
    asyncio.run(main())
