"""The official ``mcp`` client as the test peer, in either generation.

``FERROMCP_CLIENT=mcp2`` selects the 2.x ``mcp.Client`` (run the suite in the 2.x environment);
otherwise the 1.x ``ClientSession`` over ``stdio_client``. Results come back as wire-shaped dicts
so one test reads the same under both.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import mcp.shared.exceptions as _exceptions
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

CLIENT = os.environ.get("FERROMCP_CLIENT", "mcp1")
ROOT = Path(__file__).resolve().parents[2]
#: The test servers. ``FERROMCP_TEST_SERVERS`` points elsewhere, e.g. at copies importing ``mcp``
#: instead of ``ferromcp``, to check the suite's expectations against the official SDK.
SERVERS = Path(os.environ.get("FERROMCP_TEST_SERVERS") or ROOT / "tests" / "servers")

#: The exception the official client raises for a JSON-RPC error response.
ClientError: type[Exception] = getattr(_exceptions, "MCPError" if CLIENT == "mcp2" else "McpError")


def error_of(exc: BaseException) -> dict[str, Any]:
    """The JSON-RPC error object a ``ClientError`` carries, as a wire dict."""
    return wire(exc.error)  # type: ignore[attr-defined]


#: Result fields the 2.x client fills in from later revisions; not part of a 2025 answer.
ERA_FIELDS = ("resultType", "ttlMs", "cacheScope")


def plain(result: dict[str, Any]) -> dict[str, Any]:
    """A result without the fields the 2.x client adds on its own (``ERA_FIELDS``)."""
    return {k: v for k, v in result.items() if k not in ERA_FIELDS}


def notification_dict(message: Any) -> dict[str, Any] | None:
    """A server notification handed to ``message_handler`` as ``{"method", "params"}``, or None
    for anything else (requests, exceptions). Works for 1.x (``.root``) and 2.x models."""
    if isinstance(message, Exception):
        return None
    inner = getattr(message, "root", message)
    if not hasattr(inner, "model_dump") or not hasattr(inner, "method"):
        return None
    return wire(inner)


@contextmanager
def _no_deprecation() -> Iterator[None]:
    """The 2.x client flags handshake-era features (logging, subscribe, ping) with
    ``MCPDeprecationWarning``; the suite turns warnings into errors, so silence just those."""
    with warnings.catch_warnings():
        if CLIENT == "mcp2":
            from mcp.shared.exceptions import MCPDeprecationWarning

            warnings.simplefilter("ignore", MCPDeprecationWarning)
        yield


def wire(obj: Any) -> Any:
    """A pydantic result as the dict that travelled on the wire."""
    if isinstance(obj, list):
        return [wire(x) for x in obj]
    if hasattr(obj, "model_dump"):
        return obj.model_dump(by_alias=True, exclude_none=True, mode="json")
    return obj


class Peer:
    """A connected official client with wire-shaped results."""

    def __init__(self, session: Any, init: Any) -> None:
        self.session = session
        self.init = wire(init) if init is not None else None

    async def list_tools(self) -> list[dict[str, Any]]:
        return wire((await self.session.list_tools()).tools)

    async def call_tool(self, name: str, arguments: dict[str, Any] | None = None,
                        **kw: Any) -> dict[str, Any]:
        return wire(await self.session.call_tool(name, arguments, **kw))

    async def list_resources(self) -> list[dict[str, Any]]:
        return wire((await self.session.list_resources()).resources)

    async def list_resource_templates(self) -> list[dict[str, Any]]:
        return wire((await self.session.list_resource_templates()).resource_templates
                    if CLIENT == "mcp2" else
                    (await self.session.list_resource_templates()).resourceTemplates)

    async def read_resource(self, uri: str) -> dict[str, Any]:
        return wire(await self.session.read_resource(uri))

    async def list_prompts(self) -> list[dict[str, Any]]:
        return wire((await self.session.list_prompts()).prompts)

    async def get_prompt(self, name: str, arguments: dict[str, str] | None = None
                         ) -> dict[str, Any]:
        return wire(await self.session.get_prompt(name, arguments))

    async def complete(self, ref: Any, argument: dict[str, str],
                       context_arguments: dict[str, str] | None = None) -> dict[str, Any]:
        return wire(await self.session.complete(ref, argument,
                                                context_arguments=context_arguments))

    async def set_logging_level(self, level: str) -> Any:
        with _no_deprecation():
            return await self.session.set_logging_level(level)

    async def subscribe_resource(self, uri: str) -> Any:
        with _no_deprecation():
            return await self.session.subscribe_resource(uri)

    async def unsubscribe_resource(self, uri: str) -> Any:
        with _no_deprecation():
            return await self.session.unsubscribe_resource(uri)

    async def ping(self) -> Any:
        with _no_deprecation():
            return await self.session.send_ping()

    async def send_progress(self, token: str | int, progress: float, total: float | None = None,
                            message: str | None = None) -> None:
        """Client → server ``notifications/progress``."""
        with _no_deprecation():
            await self.session.send_progress_notification(token, progress, total, message)

    async def cancel(self, request_id: int | str, reason: str = "test") -> None:
        """Sends ``notifications/cancelled`` for ``request_id`` through the client session."""
        import mcp.types as mt

        if CLIENT == "mcp2":
            await self.session.session.send_notification(mt.CancelledNotification(
                params=mt.CancelledNotificationParams(request_id=request_id, reason=reason)))
        else:
            await self.session.send_notification(mt.ClientNotification(mt.CancelledNotification(
                params=mt.CancelledNotificationParams(requestId=request_id, reason=reason))))


def server_params(script: str | Path, *args: str, env: dict[str, str] | None = None
                  ) -> StdioServerParameters:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return StdioServerParameters(command=sys.executable, args=[str(script), *args], env=full_env,
                                 cwd=str(ROOT))


@asynccontextmanager
async def connect(script: str | Path, *args: str, env: dict[str, str] | None = None,
                  logging_callback: Callable[..., Any] | None = None,
                  message_handler: Callable[..., Any] | None = None,
                  sampling_callback: Callable[..., Any] | None = None,
                  elicitation_callback: Callable[..., Any] | None = None,
                  list_roots_callback: Callable[..., Any] | None = None,
                  legacy: bool = False,
                  ) -> AsyncIterator[Peer]:
    """Spawns ``script`` with this interpreter and connects the official client over stdio."""
    params = server_params(script, *args, env=env)
    kw: dict[str, Any] = {}
    for k, v in (("logging_callback", logging_callback), ("message_handler", message_handler),
                 ("sampling_callback", sampling_callback),
                 ("elicitation_callback", elicitation_callback),
                 ("list_roots_callback", list_roots_callback)):
        if v is not None:
            kw[k] = v
    if CLIENT == "mcp2":
        from mcp import Client

        # legacy: the handshake era even against a server that has both. FERROMCP_CLIENT_MODE
        # sets the default (legacy: to compare the suite with official 2.x servers).
        kw["mode"] = "legacy" if legacy else os.environ.get("FERROMCP_CLIENT_MODE", "auto")
        async with Client(params, read_timeout_seconds=30, **kw) as client:
            init = {"protocolVersion": client.protocol_version,
                    "capabilities": client.server_capabilities,
                    "serverInfo": client.server_info}
            if client.instructions is not None:
                init["instructions"] = client.instructions
            yield Peer(client, {k: wire(v) for k, v in init.items()})
        return
    async with stdio_client(params) as (read, write), ClientSession(
            read, write, read_timeout_seconds=timedelta(seconds=30), **kw) as session:
        init = await session.initialize()
        yield Peer(session, init)


@asynccontextmanager
async def connect_http(url: str, *, sse: bool = False, headers: dict[str, str] | None = None,
                       logging_callback: Callable[..., Any] | None = None,
                       message_handler: Callable[..., Any] | None = None,
                       sampling_callback: Callable[..., Any] | None = None,
                       elicitation_callback: Callable[..., Any] | None = None,
                       ) -> AsyncIterator[Peer]:
    """Connects the official client to a server already listening at ``url``: Streamable HTTP,
    or the legacy HTTP+SSE transport (``sse=True``, ``url`` the ``/sse`` endpoint), sending
    ``headers`` with every request."""
    kw: dict[str, Any] = {}
    for k, v in (("logging_callback", logging_callback), ("message_handler", message_handler),
                 ("sampling_callback", sampling_callback),
                 ("elicitation_callback", elicitation_callback)):
        if v is not None:
            kw[k] = v
    async with AsyncExitStack() as stack:
        if sse:
            from mcp.client.sse import sse_client

            transport = sse_client(url, headers=headers)
        elif CLIENT == "mcp2":
            from mcp.client.streamable_http import streamable_http_client
            from mcp.shared._httpx_utils import create_mcp_http_client

            http_client = await stack.enter_async_context(create_mcp_http_client(headers=headers))
            transport = streamable_http_client(url, http_client=http_client)
        else:
            from mcp.client.streamable_http import streamablehttp_client

            transport = streamablehttp_client(url, headers=headers)
        streams = await stack.enter_async_context(transport)
        read, write = streams[0], streams[1]
        if CLIENT == "mcp2":
            from mcp import ClientSession as Session2

            session = await stack.enter_async_context(
                Session2(read, write, read_timeout_seconds=30, **kw))
        else:
            session = await stack.enter_async_context(ClientSession(
                read, write, read_timeout_seconds=timedelta(seconds=30), **kw))
        init = await session.initialize()
        yield Peer(session, init)


#: The real fastmcp (4.1.7), for differential tests; `make test-python` makes it and puts
#: ferromcp beside it.
FASTMCP_PYTHON = ROOT / ".venv-fastmcp" / "bin" / "python"


def fastmcp_python(*, with_ferromcp: bool = False, major: int = 4) -> str:
    """The real fastmcp's interpreter — 4.1.7 (``.venv-fastmcp``), or 2.14.7
    (``.venv-fastmcp2``) for ``major=2`` — with ferromcp installed too when asked; skips the
    test, saying why, when it is missing."""
    import subprocess

    import pytest

    venv = ".venv-fastmcp" if major == 4 else ".venv-fastmcp2"
    python = ROOT / venv / "bin" / "python"
    if not python.exists():
        pytest.skip(f"{venv} (fastmcp {major}) is not installed: `make test-python` makes it")
    if with_ferromcp:
        found = subprocess.run([str(python), "-c", "import ferromcp"],
                               capture_output=True, timeout=60)
        if found.returncode != 0:
            pytest.skip(f"ferromcp is not installed in {venv}: `make test-python` puts it there")
    return str(python)


def script_answers(command: list[str], script: Any, major: int = 4) -> dict[str, Any]:
    """Runs a differential script (``command script``, fastmcp ``major`` its generation) and
    returns the JSON object its last line prints."""
    import json
    import subprocess

    done = subprocess.run([*command, str(script)], capture_output=True, text=True, timeout=120,
                          env={"FERROMCP_FASTMCP_MAJOR": str(major), "PATH": "/usr/bin:/bin",
                               "FASTMCP_SHOW_SERVER_BANNER": "false"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


async def answer_or_error(request: Any) -> dict[str, Any]:
    """The result a request is answered with, as ``{"result": ...}``, or its JSON-RPC error."""
    try:
        return {"result": await request}
    except ClientError as e:
        return error_of(e)


@asynccontextmanager
async def spawned(command: str, args: list[str], env: dict[str, str],
                  message_handler: Callable[..., Any] | None = None,
                  **session_kw: Any) -> AsyncIterator[Peer]:
    """``command args`` (with ``env`` added to this environment) spoken to over stdio by the
    official ``ClientSession`` (given ``session_kw``: callbacks), initialized."""
    params = StdioServerParameters(command=command, args=args, env={**os.environ, **env},
                                   cwd=str(ROOT))
    kw = dict(session_kw)
    if message_handler is not None:
        kw["message_handler"] = message_handler
    async with stdio_client(params) as (read, write), ClientSession(
            read, write, read_timeout_seconds=timedelta(seconds=30), **kw) as session:
        yield Peer(session, await session.initialize())


async def listing(peer: Peer) -> dict[str, Any]:
    """What a server offers: its initialize result (without its version and task capability,
    which differ between releases) and its four lists."""
    init = dict(peer.init)
    init["serverInfo"].pop("version", None)
    init["capabilities"].pop("tasks", None)
    return {"init": init, "tools": await peer.list_tools(),
            "resources": await peer.list_resources(),
            "templates": await peer.list_resource_templates(),
            "prompts": await peer.list_prompts()}
