"""Resources on the 1.x decorator-style low-level server: listing, templates, reading text and
binary contents in each return shape 1.x accepts, errors, and subscribe/unsubscribe."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest

from peer import SERVERS, ClientError, Peer, connect, error_of, plain

pytestmark = pytest.mark.anyio
V1 = SERVERS / "lowlevel_v1.py"


@pytest.fixture
async def peer() -> AsyncIterator[Peer]:
    async with connect(V1) as p:
        yield p


def blob(data: bytes) -> str:
    return base64.b64encode(data).decode()


async def test_list_resources(peer: Peer) -> None:
    resources = await peer.list_resources()
    assert [r["uri"] for r in resources] == ["memo://text", "memo://binary", "memo://str",
                                             "memo://bytes", "memo://multi"]
    assert resources[0] == {"uri": "memo://text", "name": "text",
                            "description": "Markdown text", "mimeType": "text/markdown"}


async def test_list_resource_templates(peer: Peer) -> None:
    assert await peer.list_resource_templates() == [{
        "uriTemplate": "users://{id}/profile", "name": "profile",
        "description": "A user's profile", "mimeType": "application/json"}]


async def test_read_text_contents(peer: Peer) -> None:
    r = plain(await peer.read_resource("memo://text"))
    assert r == {"contents": [{"uri": "memo://text", "mimeType": "text/markdown",
                               "text": "# hello"}]}


async def test_read_binary_contents_are_base64(peer: Peer) -> None:
    r = plain(await peer.read_resource("memo://binary"))
    assert r == {"contents": [{"uri": "memo://binary", "mimeType": "image/png",
                               "blob": blob(b"\x89PNG\x00\xff")}]}


async def test_read_bare_str_and_bytes(peer: Peer) -> None:
    # 1.x accepts (deprecated) bare str / bytes returns, with these default MIME types.
    r = plain(await peer.read_resource("memo://str"))
    assert r == {"contents": [{"uri": "memo://str", "mimeType": "text/plain",
                               "text": "plain str"}]}
    r = plain(await peer.read_resource("memo://bytes"))
    assert r == {"contents": [{"uri": "memo://bytes", "mimeType": "application/octet-stream",
                               "blob": blob(b"\x00\x01raw")}]}


async def test_read_several_contents(peer: Peer) -> None:
    r = plain(await peer.read_resource("memo://multi"))
    assert r["contents"] == [
        {"uri": "memo://multi", "mimeType": "text/plain", "text": "one"},
        {"uri": "memo://multi", "mimeType": "application/x-two", "blob": blob(b"two")},
    ]


async def test_read_through_a_template(peer: Peer) -> None:
    r = plain(await peer.read_resource("users://42/profile"))
    assert r == {"contents": [{"uri": "users://42/profile", "mimeType": "application/json",
                               "text": json.dumps({"id": "42"})}]}


async def test_read_errors(peer: Peer) -> None:
    # A plain exception in a non-tool handler: code 0 with its text (1.x and 2.x low level).
    with pytest.raises(ClientError) as info:
        await peer.read_resource("nope://x")
    assert error_of(info.value) == {"code": 0, "message": "Unknown resource: nope://x"}
    # McpError passes through with its code and data.
    with pytest.raises(ClientError) as info:
        await peer.read_resource("memo://mcp-error")
    assert error_of(info.value) == {"code": -32002,
                                    "message": "Resource not found: memo://mcp-error",
                                    "data": {"uri": "memo://mcp-error"}}
    assert plain(await peer.read_resource("memo://str"))["contents"][0]["text"] == "plain str"


async def test_subscribe_and_unsubscribe_reach_the_handlers(peer: Peer) -> None:
    await peer.subscribe_resource("memo://text")
    await peer.subscribe_resource("users://1/profile")
    await peer.unsubscribe_resource("memo://text")
    stats = json.loads((await peer.call_tool("stats", {}))["content"][0]["text"])
    assert stats["subscribed"] == ["memo://text", "users://1/profile"]
    assert stats["unsubscribed"] == ["memo://text"]


def test_helper_types_import_path() -> None:
    """``from mcp.server.lowlevel.helper_types import ReadResourceContents`` is how 1.x
    read_resource handlers import their return type; with ``mcp`` → ``ferromcp`` it must work."""
    code = ("from ferromcp.server.lowlevel.helper_types import ReadResourceContents as R;"
            "r = R(content='x', mime_type='text/plain'); assert r.content == 'x';"
            "assert r.mime_type == 'text/plain' and r.meta is None")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr


async def test_read_resource_handler_gets_a_url_object(peer: Peer) -> None:
    """1.x passes ``uri`` as a pydantic ``AnyUrl``: handlers read ``.scheme``, ``.host``,
    ``.path``, ``.query`` (and ``str(uri)``)."""
    r = plain(await peer.read_resource("parts://host/a/b?q=1"))
    assert r["contents"] == [{"uri": "parts://host/a/b?q=1", "mimeType": "text/plain",
                              "text": "parts host /a/b q=1"}]
