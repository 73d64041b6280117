"""Concrete resources (``mcp.server.fastmcp.resources.types``): fixed text or bytes, a function's
result, a file, a URL, a directory listing."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ferromcp.server.fastmcp.resources.base import Resource
from ferromcp.types import Annotations, Icon

__all__ = ["TextResource", "BinaryResource", "FunctionResource", "FileResource", "HttpResource",
           "DirectoryResource", "Resource", "Annotations", "Icon"]


class TextResource(Resource):
    """A resource whose content is ``text``."""

    def __init__(self, *, text: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.text = text

    async def read(self) -> str:
        """The text."""
        return self.text


class BinaryResource(Resource):
    """A resource whose content is ``data`` (bytes)."""

    def __init__(self, *, data: bytes, **kw: Any) -> None:
        super().__init__(**kw)
        self.data = data

    async def read(self) -> bytes:
        """The bytes."""
        return self.data


def _content(value: Any) -> str | bytes:
    if isinstance(value, str | bytes):
        return value
    from ferromcp import _schema

    return _schema._to_json_text(value)


class FunctionResource(Resource):
    """A resource whose content is what ``fn()`` returns when it is read (a string; bytes; or
    anything else, as JSON text)."""

    def __init__(self, *, fn: Callable[[], Any], **kw: Any) -> None:
        super().__init__(**kw)
        self.fn = fn

    async def read(self) -> str | bytes:
        """Calls the function.

        Raises:
            ValueError: the function raised.
        """
        try:
            result = self.fn()
            if inspect.isawaitable(result):
                result = await result
            if isinstance(result, Resource):
                return await result.read()
            return _content(result)
        except Exception as exc:
            raise ValueError(f"Error reading resource {self.uri}: {exc}") from exc

    @classmethod
    def from_function(cls, fn: Callable[..., Any], uri: str, name: str | None = None,
                      title: str | None = None, description: str | None = None,
                      mime_type: str | None = None, icons: list[Icon] | None = None,
                      annotations: Annotations | None = None,
                      meta: dict[str, Any] | None = None) -> FunctionResource:
        """A resource at ``uri`` read by calling ``fn``.

        Raises:
            ValueError: ``fn`` is a lambda and no ``name`` is given.
        """
        func_name = name or fn.__name__
        if func_name == "<lambda>":
            raise ValueError("You must provide a name for lambda functions")
        return cls(uri=uri, name=func_name, title=title,
                   description=description or fn.__doc__ or "",
                   mime_type=mime_type or "text/plain", fn=fn, icons=icons,
                   annotations=annotations, meta=meta)


def _absolute(path: Any) -> Path:
    path = Path(path)
    if not path.is_absolute():
        raise ValueError("Path must be absolute")
    return path


class FileResource(Resource):
    """A file's content: text, or bytes when ``is_binary`` (or the MIME type is not ``text/*``).

    Raises:
        ValueError: ``path`` is not absolute.
    """

    def __init__(self, *, path: Any, is_binary: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.path = _absolute(path)
        self.is_binary = is_binary or not self.mime_type.startswith("text/")

    async def read(self) -> str | bytes:
        """Reads the file (on a worker thread).

        Raises:
            ValueError: the file cannot be read.
        """
        try:
            if self.is_binary:
                return await asyncio.to_thread(self.path.read_bytes)
            return await asyncio.to_thread(self.path.read_text)
        except Exception as exc:
            raise ValueError(f"Error reading file {self.path}: {exc}") from exc


class HttpResource(Resource):
    """The body of a GET of ``url`` (MIME type ``application/json`` unless given)."""

    _default_mime_type = "application/json"

    def __init__(self, *, url: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.url = url

    async def read(self) -> str:
        """Fetches the URL (on a worker thread).

        Raises:
            OSError: the request failed or the server answered with an error status.
        """
        def fetch() -> str:
            from urllib.request import urlopen

            with urlopen(self.url) as response:  # noqa: S310 - the server author's own URL
                charset = response.headers.get_content_charset() or "utf-8"
                return response.read().decode(charset, errors="replace")

        return await asyncio.to_thread(fetch)


class DirectoryResource(Resource):
    """The files in a directory, as JSON ``{"files": [relative paths]}``.

    Raises:
        ValueError: ``path`` is not absolute.
    """

    _default_mime_type = "application/json"

    def __init__(self, *, path: Any, recursive: bool = False, pattern: str | None = None,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.path = _absolute(path)
        self.recursive = recursive
        self.pattern = pattern

    def list_files(self) -> list[Path]:
        """The entries matching ``pattern`` (all without one), recursively if asked.

        Raises:
            FileNotFoundError: the directory does not exist.
            NotADirectoryError: the path is not a directory.
        """
        if not self.path.exists():
            raise FileNotFoundError(f"Directory not found: {self.path}")
        if not self.path.is_dir():
            raise NotADirectoryError(f"Not a directory: {self.path}")
        pattern = self.pattern or "*"
        return list(self.path.rglob(pattern) if self.recursive else self.path.glob(pattern))

    async def read(self) -> str:
        """The listing as JSON text.

        Raises:
            ValueError: the directory cannot be listed.
        """
        try:
            files = await asyncio.to_thread(self.list_files)
            names = [str(f.relative_to(self.path)) for f in files if f.is_file()]
            return json.dumps({"files": names}, indent=2)
        except Exception as exc:
            raise ValueError(f"Error reading directory {self.path}: {exc}") from exc
