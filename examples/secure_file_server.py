"""The tutorial's file server with its security advice done right.

Every path a client sends is confined to one root directory, chosen by the operator:

    python examples/secure_file_server.py [--root DIR]     (default: the working directory)

Relative paths are taken from the root; an absolute path must name something under it. A path
that leaves the root (through ``..`` or an absolute path elsewhere) is refused with a clear error.

Paths are never checked first and opened by name afterwards: a local process could swap a
directory for a symbolic link between the two and have a write land outside the root. Instead
the root is opened once, as a directory descriptor, and every request walks down from it one
component at a time with ``os.open(component, O_NOFOLLOW | O_DIRECTORY, dir_fd=parent)``, then
opens the file itself with ``O_NOFOLLOW`` relative to its parent's descriptor. The kernel refuses
to follow a symbolic link anywhere on the way, so whatever is renamed or replaced meanwhile, what
is opened is beneath the root. A path through a symbolic link is refused, even one that points
inside the root.

Only regular files are read and written, and only directories are listed. Files are opened with
``O_NONBLOCK`` and checked (``lstat`` before, ``fstat`` after) before a byte moves, so a FIFO or a
device inside the root is refused at once instead of blocking the server. All file I/O runs in a
worker thread (``asyncio.to_thread``), so one slow file never stalls other requests. (POSIX
only: ``O_NOFOLLOW`` and ``dir_fd`` have no Windows equivalent.)
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import io
import os
import posixpath
import stat
from pathlib import Path, PurePosixPath

import ferromcp.server.stdio
import ferromcp.types as types
from ferromcp.server import NotificationOptions, Server
from ferromcp.server.models import InitializationOptions

MAX_READ_BYTES = 1024 * 1024

server = Server("secure-file-operations")
ROOT = Path.cwd().resolve()
# The root as the operator spelled it (made absolute), also accepted as the start of a path.
ROOT_AS_GIVEN = Path(os.path.abspath(os.getcwd()))
# The root, opened once: every file operation starts from this descriptor.
ROOT_FD = -1

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_FILE_FLAGS = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class PathRefused(ValueError):
    """A path outside the served root, through a symbolic link, or not a regular file."""


def confine(requested: str) -> list[str]:
    """The components of ``requested`` below ROOT, or raises PathRefused naming the reason.

    This only reads the path's text; nothing on disk is looked at, so nothing can change between
    this check and the use of its result. ``..`` is taken textually: ``a/../b`` is ``b``.
    """
    if not requested:
        raise PathRefused("empty path")
    if "\x00" in requested:
        raise PathRefused("path contains a NUL byte")
    outside = PathRefused(f"{requested!r} is outside the served directory {str(ROOT)!r}")
    path = posixpath.normpath(requested)
    if os.path.isabs(path):
        for root in (ROOT, ROOT_AS_GIVEN):
            try:
                path = str(PurePosixPath(path).relative_to(root))
                break
            except ValueError:
                continue
        else:
            raise outside
    parts = [p for p in PurePosixPath(path).parts if p != "."]
    if parts[:1] == [".."]:
        raise outside
    return parts


def _refusal(dir_fd: int, name: str, requested: str, want: str) -> PathRefused | None:
    """Why ``name`` beneath ``dir_fd`` is refused as a ``want``, if it is (None otherwise)."""
    try:
        mode = os.lstat(name, dir_fd=dir_fd).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return PathRefused(
            f"{requested!r} goes through the symbolic link {name!r}; links are not followed, so "
            f"that no path can lead outside the served directory {str(ROOT)!r}")
    if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
        return PathRefused(f"{requested!r} is not a {want}")
    return None


def _open_dir(parts: list[str], requested: str) -> int:
    """A new descriptor of the directory ``parts`` below the root, no link followed."""
    fd = os.dup(ROOT_FD)
    try:
        for name in parts:
            try:
                child = os.open(name, _DIR_FLAGS, dir_fd=fd)
            except OSError as e:
                refused = _refusal(fd, name, requested, "directory")
                raise refused or OSError(e.errno, e.strerror, requested) from None
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_file(parts: list[str], requested: str, flags: int) -> int:
    """A descriptor of the regular file ``parts`` names below the root, no link followed.

    The file is opened non-blocking (a FIFO would otherwise block the open) and its type is
    checked on the descriptor itself, so nothing swapped in after the ``lstat`` gets through.
    """
    if not parts:
        raise OSError(errno.EISDIR, os.strerror(errno.EISDIR), requested)
    parent = _open_dir(parts[:-1], requested)
    name = parts[-1]
    try:
        refused = _refusal(parent, name, requested, "regular file")
        if refused:
            raise refused
        try:
            fd = os.open(name, flags | _FILE_FLAGS, 0o666, dir_fd=parent)
        except OSError as e:
            refused = _refusal(parent, name, requested, "regular file")
            raise refused or OSError(e.errno, e.strerror, requested) from None
    finally:
        os.close(parent)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise OSError(errno.EISDIR, os.strerror(errno.EISDIR), requested)
        if not stat.S_ISREG(mode):
            raise PathRefused(f"{requested!r} is not a regular file")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_file(requested: str) -> str:
    fd = _open_file(confine(requested), requested, os.O_RDONLY)
    with open(fd, "rb") as f:
        if os.fstat(fd).st_size > MAX_READ_BYTES:
            raise PathRefused(f"file is larger than {MAX_READ_BYTES} bytes")
        data = f.read(MAX_READ_BYTES + 1)
    if len(data) > MAX_READ_BYTES:
        raise PathRefused(f"file is larger than {MAX_READ_BYTES} bytes")
    # Decoded as Path.read_text would: UTF-8, universal newlines.
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def write_file(requested: str, content: str) -> str:
    data = content.encode("utf-8")
    parts = confine(requested)
    # Not O_TRUNC: the file is emptied only once its descriptor is known to be a regular file.
    fd = _open_file(parts, requested, os.O_WRONLY | os.O_CREAT)
    with open(fd, "wb") as f:
        f.truncate(0)
        f.write(data)
    return f"Successfully wrote to {PurePosixPath(*parts)}"


def list_directory(requested: str) -> str:
    fd = _open_dir(confine(requested), requested)
    try:
        names = os.listdir(fd)
    finally:
        os.close(fd)
    return "Directory contents:\n" + "\n".join(sorted(names))


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
        path = arguments["path"]
        if name == "read_file":
            return _text(await asyncio.to_thread(read_file, path))
        if name == "write_file":
            return _text(await asyncio.to_thread(write_file, path, arguments["content"]))
        if name == "list_directory":
            return _text(await asyncio.to_thread(list_directory, path))
        raise ValueError(f"Unknown tool: {name}")
    except (PathRefused, OSError) as e:
        return types.CallToolResult(content=_text(f"Refused: {e}" if isinstance(e, PathRefused)
                                                  else f"Error: {e}"), isError=True)


async def main() -> None:
    global ROOT, ROOT_AS_GIVEN, ROOT_FD
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.getcwd(), help="directory to serve")
    given = parser.parse_args().root
    ROOT = Path(given).resolve(strict=True)
    ROOT_AS_GIVEN = Path(os.path.abspath(given))
    ROOT_FD = os.open(ROOT, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
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
